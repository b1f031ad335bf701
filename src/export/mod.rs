//! Turning a portfolio into things people share: the decision log as
//! Markdown, CSV or JSON, and the chart's geometry.

mod chart_geometry;
mod chart_image;
mod chart_labels;
mod decision_log;
mod diff_markdown;
mod label_placer;
mod log_csv;
mod log_markdown;
pub mod palette;
mod scorecard_markdown;
mod shared_spots;

pub use chart_geometry::{
    AXIS_MAX, AXIS_MIN, ChartGeometry, ChartMove, ChartPoint, QuadrantArea, READING_ORDER,
    ScreenRect, X_AXIS_TITLE, Y_AXIS_TITLE,
};
pub use chart_image::{
    ChartOptions, FONT_BOLD, FONT_REGULAR, ImageError, ImageTheme, chart_png, chart_svg,
    escape_xml, text_width, undrawable_names,
};
pub use chart_labels::{
    ChartLabels, LabelMode, LabelScene, MAX_LABELLED, PlacedText, Spot, layout_labels, shorten,
};
pub use decision_log::{DecisionLog, ExceptionEntry, LogEntry, ScoreEntry};
pub use diff_markdown::diff_markdown;
pub use label_placer::{rect_distance, segment_distance, segment_hits_rect, segments_cross};
pub use log_csv::{neutralise_formula, to_csv};
pub use log_markdown::{code_span, escape_markdown, plural, to_markdown};
pub use scorecard_markdown::{format_measure, scorecard_markdown};

/// The formats the decision log can be written in.
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
