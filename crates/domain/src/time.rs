//! Points in time as UTC milliseconds since the Unix epoch: the same in both databases,
//! cheap in the browser, and totally ordered; and relative times in words ("in 5 hours").
//! Calendar dates are worded on the server, in the school's zone (`server::school_zone`).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

/// A moment together with how it reads on the school's clocks ("Thursday 3 December 2026,
/// 05:51 IST"). The server writes the words, from the tz database and `SCHOOL_TIMEZONE`,
/// which the browser has neither of; the browser works out "in 5 hours" from `at` itself.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct LocalTime {
    pub at: Timestamp,
    pub text: String,
}

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

/// The unit a length of time is said in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeUnit {
    Minute,
    Hour,
    Day,
}

/// Minutes under an hour, hours under two days, days after that; rounded to the nearest.
pub fn rounded(seconds: u64) -> (u64, TimeUnit) {
    if seconds < 3600 {
        (seconds / 60, TimeUnit::Minute)
    } else if seconds < 2 * 86_400 {
        ((seconds + 1800) / 3600, TimeUnit::Hour)
    } else {
        ((seconds + 43_200) / 86_400, TimeUnit::Day)
    }
}

fn seconds_in_words(amount: u64) -> String {
    match rounded(amount) {
        (n, TimeUnit::Minute) => plural(n, "minute"),
        (n, TimeUnit::Hour) => plural(n, "hour"),
        (n, TimeUnit::Day) => plural(n, "day"),
    }
}

fn plural(n: u64, unit: &str) -> String {
    if n == 1 { format!("1 {unit}") } else { format!("{n} {unit}s") }
}

#[cfg(test)]
mod tests {
    use super::Timestamp;

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
