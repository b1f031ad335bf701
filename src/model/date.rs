//! Calendar dates as facilitators write them: `2026-03-31`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A calendar day, saved as an ISO 8601 string (`YYYY-MM-DD`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Date(time::Date);

const ISO_DATE: &[time::format_description::FormatItem<'static>] =
    time::macros::format_description!("[year]-[month]-[day]");

impl Date {
    /// Builds a date from its parts; `None` when the day does not exist.
    #[must_use]
    pub fn from_ymd(year: i32, month: u8, day: u8) -> Option<Self> {
        let month = time::Month::try_from(month).ok()?;
        time::Date::from_calendar_date(year, month, day)
            .ok()
            .map(Self)
    }

    /// Today in UTC, as the machine's clock tells it.
    #[must_use]
    pub fn today() -> Self {
        Self(time::OffsetDateTime::now_utc().date())
    }

    /// The year.
    #[must_use]
    pub fn year(self) -> i32 {
        self.0.year()
    }

    /// The month, 1 for January to 12.
    #[must_use]
    pub fn month(self) -> u8 {
        u8::from(self.0.month())
    }

    /// The date `days` days later (earlier when negative); saturates at the
    /// ends of the supported calendar.
    #[must_use]
    pub fn plus_days(self, days: i64) -> Self {
        self.0
            .checked_add(time::Duration::days(days))
            .map_or(self, Self)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = (self.0.year(), u8::from(self.0.month()), self.0.day());
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl FromStr for Date {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        time::Date::parse(text.trim(), ISO_DATE)
            .map(Self)
            .map_err(|_| format!("`{text}` is not a date; write it as YYYY-MM-DD, e.g. 2026-03-31"))
    }
}

impl TryFrom<String> for Date {
    type Error = String;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        text.parse()
    }
}

impl From<Date> for String {
    fn from(date: Date) -> Self {
        date.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_iso_dates() {
        let date: Date = "2026-03-05".parse().unwrap();
        assert_eq!(date, Date::from_ymd(2026, 3, 5).unwrap());
        assert_eq!(date.to_string(), "2026-03-05");
    }

    #[test]
    fn rejects_impossible_and_malformed_dates() {
        assert!("2026-02-30".parse::<Date>().is_err());
        assert!("31/03/2026".parse::<Date>().is_err());
        assert!("".parse::<Date>().is_err());
        assert!(Date::from_ymd(2026, 13, 1).is_none());
    }

    #[test]
    fn adds_days_across_month_ends() {
        let date = Date::from_ymd(2026, 1, 31).unwrap();
        assert_eq!(date.plus_days(1), Date::from_ymd(2026, 2, 1).unwrap());
        assert_eq!(date.plus_days(-31), Date::from_ymd(2025, 12, 31).unwrap());
    }
}
