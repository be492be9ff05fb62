//! Points in time as UTC milliseconds since the Unix epoch: the same in both databases,
//! cheap in the browser, and totally ordered.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

impl Timestamp {
    pub fn millis(self) -> i64 {
        self.0
    }

    /// This time plus a duration, saturating rather than overflowing.
    pub fn plus(self, duration: std::time::Duration) -> Timestamp {
        let ms = i64::try_from(duration.as_millis()).unwrap_or(i64::MAX);
        Timestamp(self.0.saturating_add(ms))
    }

    /// This time minus a duration, saturating rather than overflowing.
    pub fn minus(self, duration: std::time::Duration) -> Timestamp {
        let ms = i64::try_from(duration.as_millis()).unwrap_or(i64::MAX);
        Timestamp(self.0.saturating_sub(ms))
    }
}

const WEEKDAYS: [&str; 7] =
    ["Thursday", "Friday", "Saturday", "Sunday", "Monday", "Tuesday", "Wednesday"];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Timestamp {
    /// "Tuesday 24 November 2026, 21:30 UTC".
    pub fn format_utc(self) -> String {
        let seconds = self.0.div_euclid(1000);
        let days = seconds.div_euclid(86_400);
        let of_day = seconds.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        let weekday = WEEKDAYS[days.rem_euclid(7) as usize];
        let month = MONTHS[(month - 1) as usize];
        format!(
            "{weekday} {day} {month} {year}, {:02}:{:02} UTC",
            of_day / 3600,
            of_day % 3600 / 60
        )
    }

    /// How far `self` is from `now`, in words: "in 24 hours", "5 minutes ago".
    pub fn relative_to(self, now: Timestamp) -> String {
        let delta = self.0.saturating_sub(now.0);
        if delta.unsigned_abs() < 60_000 {
            return if delta >= 0 { "in under a minute".into() } else { "just now".into() };
        }
        let phrase = seconds_in_words(delta.unsigned_abs() / 1000);
        if delta >= 0 { format!("in {phrase}") } else { format!("{phrase} ago") }
    }
}

/// A length of time as the emails say it: "24 hours", "3 days"; rounded to the nearest unit.
pub fn duration_in_words(duration: std::time::Duration) -> String {
    match duration.as_secs() {
        0 => "under a minute".into(),
        seconds if seconds < 60 => plural(seconds, "second"),
        seconds => seconds_in_words(seconds),
    }
}

/// Minutes under an hour, hours under two days, days after that; rounded to the nearest.
fn seconds_in_words(amount: u64) -> String {
    if amount < 3600 {
        plural(amount / 60, "minute")
    } else if amount < 2 * 86_400 {
        plural((amount + 1800) / 3600, "hour")
    } else {
        plural((amount + 43_200) / 86_400, "day")
    }
}

fn plural(n: u64, unit: &str) -> String {
    if n == 1 { format!("1 {unit}") } else { format!("{n} {unit}s") }
}

/// Days since 1970-01-01 to (year, month, day), after Howard Hinnant's `civil_from_days`.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::Timestamp;

    #[test]
    fn formats_utc_dates() {
        assert_eq!(Timestamp(0).format_utc(), "Thursday 1 January 1970, 00:00 UTC");
        // 2026-11-24T21:30:00Z
        assert_eq!(
            Timestamp(1_795_555_800_000).format_utc(),
            "Tuesday 24 November 2026, 21:30 UTC"
        );
        // A leap day.
        assert_eq!(
            Timestamp(1_709_164_800_000).format_utc(),
            "Thursday 29 February 2024, 00:00 UTC"
        );
    }

    #[test]
    fn relative_times_read_naturally() {
        let now = Timestamp(1_000_000_000_000);
        let at = |seconds: i64| Timestamp(now.0 + seconds * 1000);
        assert_eq!(at(24 * 3600).relative_to(now), "in 24 hours");
        assert_eq!(at(5 * 3600).relative_to(now), "in 5 hours");
        assert_eq!(at(90).relative_to(now), "in 1 minute");
        assert_eq!(at(30).relative_to(now), "in under a minute");
        assert_eq!(at(-2 * 86_400).relative_to(now), "2 days ago");
        assert_eq!(at(-10).relative_to(now), "just now");
    }

    #[test]
    fn durations_read_as_the_emails_say_them() {
        use super::duration_in_words;
        use std::time::Duration;
        assert_eq!(duration_in_words(Duration::from_secs(24 * 3600)), "24 hours");
        assert_eq!(duration_in_words(Duration::from_secs(3 * 86_400)), "3 days");
        assert_eq!(duration_in_words(Duration::from_secs(3600)), "1 hour");
        assert_eq!(duration_in_words(Duration::from_secs(90 * 60)), "2 hours");
        assert_eq!(duration_in_words(Duration::from_secs(5 * 60)), "5 minutes");
        assert_eq!(duration_in_words(Duration::from_secs(30)), "30 seconds");
    }
}
