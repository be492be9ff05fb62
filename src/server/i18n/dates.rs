//! Dates and times as each language writes them (CLDR's patterns and names, through ICU4X),
//! in the Gregorian calendar, on the school's clocks. Each catalogue names the CLDR locale
//! whose conventions it follows (`dates-locale`: English follows `en-GB`, "Tuesday 24
//! November 2026 at 21:30"). The data is those locales' only (`shipped_icu_data`): a new
//! language's date locale is added by `scripts/icu-data.sh`.

use icu_calendar::{Date, cal::Gregorian};
use icu_datetime::{
    FixedCalendarDateTimeFormatter,
    fieldsets::{YMDE, YMDET},
    input::{DateTime, Time},
};
use icu_locale_core::Locale;
use shipped_icu_data::ShippedData;

use super::Tr;

type Formatter = FixedCalendarDateTimeFormatter<Gregorian, YMDET>;

thread_local! {
    /// One formatter per shipped language, in the catalogue's order; made once per thread
    /// (a formatter can't be shared between threads).
    static FORMATTERS: Vec<(&'static str, Option<Formatter>)> = formatters();
}

fn formatters() -> Vec<(&'static str, Option<Formatter>)> {
    Tr::all()
        .map(|tr| {
            let locale: Locale = tr.t("dates-locale").parse().unwrap_or_else(|_| {
                tracing::error!(language = tr.tag(), "dates-locale is not a locale");
                Locale::UNKNOWN
            });
            let fields = YMDE::long().with_time_hm();
            let formatter = Formatter::try_new_unstable(&ShippedData, locale.into(), fields).ok();
            if formatter.is_none() {
                tracing::error!(language = tr.tag(), "no date patterns for this language");
            }
            (tr.tag(), formatter)
        })
        .collect()
}

/// A wall-clock moment ("Tuesday 24 November 2026 at 21:30") followed by the zone's
/// abbreviation, in `tr`'s words.
pub fn wording(tr: Tr, wall: &jiff::civil::DateTime, zone: &str) -> String {
    let formatted = FORMATTERS.with(|formatters| {
        let (_, formatter) = formatters.iter().find(|(tag, _)| *tag == tr.tag())?;
        Some(formatter.as_ref()?.format(&icu_input(wall)?).to_string())
    });
    match formatted {
        Some(text) => format!("{text} {zone}"),
        // Not reached with the shipped catalogues (the tests format each); still a date.
        None => format!("{} {zone}", wall.strftime("%Y-%m-%d %H:%M")),
    }
}

fn icu_input(wall: &jiff::civil::DateTime) -> Option<DateTime<Gregorian>> {
    let date = Date::try_new_gregorian(
        i32::from(wall.year()),
        u8::try_from(wall.month()).ok()?,
        u8::try_from(wall.day()).ok()?,
    )
    .ok()?;
    let time =
        Time::try_new(u8::try_from(wall.hour()).ok()?, u8::try_from(wall.minute()).ok()?, 0, 0)
            .ok()?;
    Some(DateTime { date, time })
}
