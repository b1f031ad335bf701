//! Turning a portfolio into things people share: the decision log as
//! Markdown, CSV or JSON, and the chart's geometry.

mod chart_geometry;
mod chart_image;
mod chart_labels;
mod chart_summary;
mod decision_log;
mod diff_markdown;
pub mod fonts;
mod label_placer;
mod log_csv;
mod log_markdown;
pub mod palette;
mod plan_export;
mod point_grid;
mod scorecard_markdown;
mod shared_spots;

pub use chart_geometry::{
    AXIS_MAX, AXIS_MIN, ChartGeometry, ChartMove, ChartPoint, LegendMark, QuadrantArea,
    READING_ORDER, ScreenRect, X_AXIS_TITLE, Y_AXIS_TITLE,
};
pub use chart_image::{
    ChartOptions, ImageError, ImageTheme, chart_png, chart_svg, escape_xml, text_width,
    undrawable_names,
};
pub use chart_labels::{
    ChartLabels, LabelMode, LabelScene, MAX_LABELLED, PlacedText, Spot, callout_for, layout_labels,
    names_fit, shorten,
};
pub use chart_summary::{Heading, QuadrantSummary, describe_point, next_dot};
pub use decision_log::{DecisionLog, ExceptionEntry, LogEntry, ScoreEntry};
pub use diff_markdown::diff_markdown;
pub use label_placer::{rect_distance, segment_distance, segment_hits_rect, segments_cross};
pub use log_csv::{neutralise_formula, restore_formula, to_csv};
pub use log_markdown::{code_span, escape_markdown, plural, to_markdown};
pub use plan_export::{plan_csv, plan_markdown};
pub use scorecard_markdown::{format_measure, scorecard_markdown};

use std::path::Path;

use crate::model::{Date, Portfolio};

/// The lowercase extension of `path` ("" when it has none).
fn extension_of(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

/// The image formats of the chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartFormat {
    /// A vector image, for documents and wikis.
    Svg,
    /// A picture, for slides and chat.
    Png,
}

impl ChartFormat {
    /// The format a file's extension names (`.svg`, `.png`, any case).
    #[must_use]
    pub fn from_path(path: &Path) -> Option<Self> {
        match extension_of(path).as_str() {
            "svg" => Some(Self::Svg),
            "png" => Some(Self::Png),
            _ => None,
        }
    }

    /// Draws the chart of `portfolio` in this format.
    ///
    /// # Errors
    /// When the image cannot be drawn (see [`ImageError`]).
    pub fn render(
        self,
        portfolio: &Portfolio,
        today: Date,
        (width, height): (u32, u32),
        options: ChartOptions<'_>,
    ) -> Result<Vec<u8>, ImageError> {
        match self {
            Self::Svg => {
                chart_svg(portfolio, today, width, height, options).map(String::into_bytes)
            }
            Self::Png => chart_png(portfolio, today, width, height, options),
        }
    }
}

/// The formats the decision log and the plan can be written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFormat {
    /// For wikis: grouped by recommendation.
    Markdown,
    /// For spreadsheets: one row per capability.
    Csv,
    /// For tools: one document.
    Json,
}

impl LogFormat {
    /// Writes `log` in this format.
    ///
    /// # Errors
    /// Only if the encoder fails, which in-memory writing does not.
    pub fn render(self, log: &DecisionLog) -> Result<String, String> {
        match self {
            Self::Markdown => Ok(to_markdown(log)),
            Self::Csv => to_csv(log).map_err(|e| e.to_string()),
            Self::Json => serde_json::to_string_pretty(log)
                .map(|mut s| {
                    s.push('\n');
                    s
                })
                .map_err(|e| e.to_string()),
        }
    }

    /// Writes `plan` in this format: a table per section in Markdown, one
    /// row per item in CSV, one document in JSON.
    ///
    /// # Errors
    /// Only if the encoder fails, which in-memory writing does not.
    pub fn render_plan(self, plan: &crate::model::Plan) -> Result<String, String> {
        match self {
            Self::Markdown => Ok(plan_markdown(plan)),
            Self::Csv => plan_csv(plan).map_err(|e| e.to_string()),
            Self::Json => serde_json::to_string_pretty(plan)
                .map(|mut s| {
                    s.push('\n');
                    s
                })
                .map_err(|e| e.to_string()),
        }
    }

    /// The format a file's extension names (`.md`, `.markdown`, `.csv`,
    /// `.json`, any case).
    #[must_use]
    pub fn from_path(path: &Path) -> Option<Self> {
        match extension_of(path).as_str() {
            "md" | "markdown" => Some(Self::Markdown),
            "csv" => Some(Self::Csv),
            "json" => Some(Self::Json),
            _ => None,
        }
    }

    /// The usual file extension.
    #[must_use]
    pub fn extension(self) -> &'static str {
        match self {
            Self::Markdown => "md",
            Self::Csv => "csv",
            Self::Json => "json",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_s_extension_picks_the_export_format_in_any_case() {
        let chart = |name: &str| ChartFormat::from_path(Path::new(name));
        assert_eq!(chart("/w/map.SVG"), Some(ChartFormat::Svg));
        assert_eq!(chart("map.png"), Some(ChartFormat::Png));
        assert_eq!(chart("map.pdf"), None);
        assert_eq!(chart("map"), None);
        let log = |name: &str| LogFormat::from_path(Path::new(name));
        assert_eq!(log("log.Markdown"), Some(LogFormat::Markdown));
        assert_eq!(log("log.md"), Some(LogFormat::Markdown));
        assert_eq!(log("log.csv"), Some(LogFormat::Csv));
        assert_eq!(log("log.json"), Some(LogFormat::Json));
        assert_eq!(log("log.txt"), None);
    }

    fn portfolio() -> Portfolio {
        let mut portfolio = Portfolio::new("Plan");
        let mut identity = crate::model::Capability::new("identity", "Identity");
        for question in crate::model::Question::ALL {
            identity.scores.set(question, crate::model::Score::new(4));
        }
        portfolio.capabilities.push(identity.into());
        portfolio
    }

    #[test]
    fn each_chart_format_draws_its_own_kind_of_file() {
        let today = Date::from_ymd(2026, 11, 27).expect("a real date");
        let draw = |format: ChartFormat| {
            format
                .render(&portfolio(), today, (400, 300), ChartOptions::default())
                .expect("a small chart draws")
        };
        let svg = String::from_utf8(draw(ChartFormat::Svg)).expect("SVG is text");
        assert!(
            svg.starts_with("<svg") && svg.contains("Identity"),
            "the SVG shows the capability: {svg}"
        );
        assert!(
            draw(ChartFormat::Png).starts_with(b"\x89PNG\r\n\x1a\n"),
            "the PNG starts with the PNG signature"
        );
    }

    #[test]
    fn each_log_format_writes_the_log_and_names_its_extension() {
        let log = DecisionLog::new(
            &portfolio(),
            Date::from_ymd(2026, 11, 27).expect("a real date"),
        );
        let write = |format: LogFormat| format.render(&log).expect("writing to memory works");
        assert!(
            write(LogFormat::Markdown).starts_with("# Decision log: Plan\n"),
            "Markdown starts with its title"
        );
        let csv = write(LogFormat::Csv);
        assert!(
            csv.starts_with("id,name,") && csv.contains("\nidentity,Identity,"),
            "CSV has its header and a row per capability: {csv}"
        );
        let json = write(LogFormat::Json);
        let value: serde_json::Value = serde_json::from_str(&json).expect("JSON parses");
        assert_eq!(
            value["capabilities"][0]["id"], "identity",
            "JSON holds the capabilities"
        );
        assert!(json.ends_with("}\n"), "JSON ends with a line break");
        for format in [LogFormat::Markdown, LogFormat::Csv, LogFormat::Json] {
            let name = format!("log.{}", format.extension());
            assert_eq!(
                LogFormat::from_path(Path::new(&name)),
                Some(format),
                "{name} is read back as the format that named it"
            );
        }
    }
}
