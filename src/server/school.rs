//! The school as emails and pages speak of it: its name (`SCHOOL_NAME`) and its time zone
//! (`SCHOOL_TIMEZONE`), which says how a moment reads on the school's clocks. Server only:
//! the browser gets the words, not the tz database.

use jiff::{Timestamp as Instant, tz::TimeZone};

use crate::domain::{LocalTime, Timestamp};
use crate::server::i18n::{self, Tr};

/// Who the emails come from, and whose clocks their times are on.
#[derive(Debug, Clone)]
pub struct School {
    pub name: String,
    pub zone: SchoolZone,
    /// `SCHOOL_LANGUAGE`: emails and pages with no language of their own.
    pub language: Tr,
}

impl School {
    /// A school on UTC (tests, benchmarks).
    pub fn named(name: &str) -> Self {
        Self { name: name.to_owned(), zone: SchoolZone::utc(), language: Tr::english() }
    }
}

/// An IANA time zone, checked at start-up.
#[derive(Debug, Clone)]
pub struct SchoolZone {
    name: String,
    zone: TimeZone,
}

impl SchoolZone {
    pub const VAR: &'static str = "SCHOOL_TIMEZONE";

    /// `"Asia/Kolkata"`, `"Europe/London"`, `"UTC"`: a name in the tz database.
    pub fn parse(name: &str) -> Result<Self, String> {
        let name = name.trim();
        let zone = TimeZone::get(name).map_err(|_| {
            format!(
                "{name:?} is not a time zone in the tz database; use an IANA name such as \
                 Asia/Kolkata, Africa/Nairobi or Europe/London"
            )
        })?;
        let name = zone.iana_name().unwrap_or(name).to_owned();
        Ok(Self { name, zone })
    }

    pub fn utc() -> Self {
        Self { name: "UTC".to_owned(), zone: TimeZone::UTC }
    }

    /// The IANA name, as configured.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// "Thursday 3 December 2026 at 05:51 IST": the date and time on the school's clocks, in
    /// English, with the zone's abbreviation (or its offset, "+04", where the tz database has
    /// none).
    pub fn wording(&self, at: Timestamp) -> String {
        self.wording_in(at, Tr::english())
    }

    /// `wording` in `tr`'s language: "jueves, 3 de diciembre de 2026, 5:51 IST".
    pub fn wording_in(&self, at: Timestamp, tr: Tr) -> String {
        match Instant::from_millisecond(at.millis()) {
            Ok(instant) => {
                let zoned = instant.to_zoned_datetime(self.zone.clone());
                let abbreviation = zoned.strftime("%Z").to_string();
                i18n::dates::wording(tr, &zoned.datetime(), &abbreviation)
            }
            // Only a saturated `Timestamp` is out of jiff's range (years ±9999).
            Err(_) => "—".to_owned(),
        }
    }

    fn strftime(&self, at: Timestamp, format: &str) -> String {
        match Instant::from_millisecond(at.millis()) {
            Ok(instant) => {
                instant.to_zoned_datetime(self.zone.clone()).strftime(format).to_string()
            }
            // Only a saturated `Timestamp` is out of jiff's range (years ±9999).
            Err(_) => "—".to_owned(),
        }
    }

    /// "2026-12-03 05:51 IST": the same moment in a form that sorts, for spreadsheets.
    pub fn sortable(&self, at: Timestamp) -> String {
        self.strftime(at, "%Y-%m-%d %H:%M %Z")
    }

    /// "2026-12-03": the school's date at `at`.
    pub fn date(&self, at: Timestamp) -> String {
        self.strftime(at, "%Y-%m-%d")
    }

    /// The latest moment at or before `at` when the school's clocks read `time` (on a day
    /// when the clocks skip that time, the moment they jump past it).
    pub fn latest_daily(&self, at: Timestamp, time: jiff::civil::Time) -> Option<Timestamp> {
        let instant = Instant::from_millisecond(at.millis()).ok()?;
        let today = instant.to_zoned_datetime(self.zone.clone()).date();
        let on = |date: jiff::civil::Date| {
            date.to_datetime(time)
                .to_zoned_datetime(self.zone.clone())
                .ok()
                .map(|zoned| Timestamp(zoned.timestamp().as_millisecond()))
        };
        match on(today)? {
            moment if moment <= at => Some(moment),
            _ => on(today.yesterday().ok()?),
        }
    }

    /// `at`, with its wording, for pages the browser renders.
    pub fn local(&self, at: Timestamp) -> LocalTime {
        self.local_in(at, Tr::english())
    }

    /// `local` in `tr`'s language.
    pub fn local_in(&self, at: Timestamp, tr: Tr) -> LocalTime {
        LocalTime { at, text: self.wording_in(at, tr) }
    }
}

impl Default for SchoolZone {
    fn default() -> Self {
        Self::utc()
    }
}

#[cfg(test)]
mod tests {
    use super::SchoolZone;
    use crate::domain::Timestamp;

    #[test]
    fn the_latest_daily_moment_is_on_the_schools_clocks() {
        let seven = jiff::civil::time(7, 0, 0, 0);
        let kolkata = SchoolZone::parse("Asia/Kolkata").unwrap();
        // 2026-12-03T05:51Z is 11:21 in Kolkata: today's 07:00 there, 01:30Z, has passed.
        let at = Timestamp(1_796_277_060_000);
        assert_eq!(kolkata.latest_daily(at, seven), Some(Timestamp(1_796_261_400_000)));
        // 01:29Z is 06:59 there: yesterday's.
        let before = Timestamp(1_796_261_340_000);
        assert_eq!(kolkata.latest_daily(before, seven), Some(Timestamp(1_796_175_000_000)));
        // Exactly at it: that one.
        let exactly = Timestamp(1_796_261_400_000);
        assert_eq!(kolkata.latest_daily(exactly, seven), Some(exactly));
    }

    // 2026-12-03T00:21:00Z
    const AT: Timestamp = Timestamp(1_796_257_260_000);

    #[test]
    fn words_a_moment_on_the_schools_clock() {
        let kolkata = SchoolZone::parse("Asia/Kolkata").unwrap();
        assert_eq!(kolkata.wording(AT), "Thursday, 3 December 2026 at 05:51 IST");
        assert_eq!(SchoolZone::utc().wording(AT), "Thursday, 3 December 2026 at 00:21 UTC");
        let nairobi = SchoolZone::parse("Africa/Nairobi").unwrap();
        assert_eq!(nairobi.wording(AT), "Thursday, 3 December 2026 at 03:21 EAT");
        assert_eq!(kolkata.sortable(AT), "2026-12-03 05:51 IST");
        assert_eq!(kolkata.date(AT), "2026-12-03");
        assert_eq!(SchoolZone::parse("America/Los_Angeles").unwrap().date(AT), "2026-12-02");
    }

    #[test]
    fn crosses_the_date_line_and_summer_time() {
        let la = SchoolZone::parse("America/Los_Angeles").unwrap();
        assert_eq!(la.wording(AT), "Wednesday, 2 December 2026 at 16:21 PST");
        // 2026-07-01T12:00:00Z, in British Summer Time.
        let london = SchoolZone::parse("Europe/London").unwrap();
        assert_eq!(
            london.wording(Timestamp(1_782_907_200_000)),
            "Wednesday, 1 July 2026 at 13:00 BST"
        );
    }

    #[test]
    fn the_calendar_is_right_at_the_edges() {
        let utc = SchoolZone::utc();
        assert_eq!(utc.wording(Timestamp(0)), "Thursday, 1 January 1970 at 00:00 UTC");
        assert_eq!(
            utc.wording(Timestamp(1_709_164_800_000)),
            "Thursday, 29 February 2024 at 00:00 UTC"
        );
        assert_eq!(utc.wording(Timestamp(i64::MAX)), "—");
    }

    #[test]
    fn unknown_zones_are_refused_with_an_example() {
        let error = SchoolZone::parse("Asia/Kolkatta").unwrap_err();
        assert!(error.contains("\"Asia/Kolkatta\" is not a time zone"), "{error}");
        assert!(error.contains("Asia/Kolkata"), "{error}");
        assert!(SchoolZone::parse("").is_err());
        assert!(SchoolZone::parse("../../etc/passwd").is_err());
        assert_eq!(SchoolZone::parse(" Asia/Kolkata ").unwrap().name(), "Asia/Kolkata");
    }
}
