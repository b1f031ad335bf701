//! What the app keeps from one edit to the next (the counts, the chart's
//! points) is worked out again only for the capabilities an edit replaced.
//! On generated portfolios edited through the model's own edits, bringing
//! it up to date gives exactly what working it out from scratch gives.

#[path = "generated/edits.rs"]
mod edits;
mod generated;

use capmap::export::ChartGeometry;
use capmap::model::{Changed, Date, Portfolio, ScoringSettings, Summary};
use edits::{edited, edits};
use generated::portfolios;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

fn today() -> Date {
    Date::from_ymd(2026, 5, 15).unwrap_or_else(|| unreachable!("a real day"))
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 300,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions"
        ))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn counts_brought_up_to_date_are_the_counts_from_scratch(
        base in portfolios(),
        changes in edits(13),
    ) {
        let after = edited(&base, &changes);
        let updated = Summary::of(&base, today()).updated(&Changed::between(&base, &after), today());
        prop_assert_eq!(updated, Summary::of(&after, today()), "after {:?}", changes);
    }

    #[test]
    fn a_chart_brought_up_to_date_is_the_chart_from_scratch(
        base in portfolios(),
        changes in edits(13),
        trial in proptest::option::of((0..4_u8, 1..5_u8)),
    ) {
        let after = edited(&base, &changes);
        // The file's own settings, or weights being tried that stay put.
        let settings = |p: &Portfolio| trial.map_or(p.scoring, |(w, t)| ScoringSettings {
            reuse_weight: f64::from(w),
            threshold: f64::from(t),
            ..ScoringSettings::default()
        });
        let from_scratch = ChartGeometry::with_settings(&after, &settings(&after), today());
        let chart = ChartGeometry::with_settings(&base, &settings(&base), today());
        let updated = chart.updated(&Changed::between(&base, &after), &settings(&after), today());
        prop_assert_eq!(&updated, &from_scratch, "after {:?}", changes);
        // A chart of something else, or of another day, is not trusted.
        let other = ChartGeometry::new(&Portfolio::new("other"), today());
        prop_assert_eq!(
            &other.updated(&Changed::between(&base, &after), &settings(&after), today()),
            &from_scratch,
            "another portfolio's chart"
        );
        let yesterday = ChartGeometry::with_settings(&base, &settings(&base), today().plus_days(-1));
        prop_assert_eq!(
            &yesterday.updated(&Changed::between(&base, &after), &settings(&after), today()),
            &from_scratch,
            "yesterday's chart"
        );
    }
}
