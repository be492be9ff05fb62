//! Points in time as UTC milliseconds since the Unix epoch: the same in both databases,
//! cheap in the browser, and totally ordered; and relative times in words ("in 5 hours").
//! Calendar dates are worded on the server, in the school's zone (`server::school_zone`).

use serde::{Deserialize, Serialize};

use crate::message::Message;

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

    /// How far `self` is from `now`, in words ("in 24 hours", "5 minutes ago"): the
    /// catalogue's `time-` messages, each written by `say` in the reader's language.
    pub fn relative(self, now: Timestamp, say: impl Fn(&Message) -> String) -> String {
        let delta = self.0.saturating_sub(now.0);
        if delta.unsigned_abs() < 60_000 {
            let id = if delta >= 0 { "time-in-under-a-minute" } else { "time-just-now" };
            return say(&Message::new(id));
        }
        let (n, unit) = rounded(delta.unsigned_abs() / 1000);
        let unit = match unit {
            TimeUnit::Minute => "time-minutes",
            TimeUnit::Hour => "time-hours",
            TimeUnit::Day => "time-days",
        };
        let duration = say(&Message::new(unit).number("n", n));
        let phrase = if delta >= 0 { "time-in" } else { "time-ago" };
        say(&Message::new(phrase).text("duration", duration))
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
