//! Exports the date and number data that `server::i18n::dates` uses, for the shipped
//! languages' date locales only, from the data ICU4X publishes with its crates, as baked
//! Rust code. Usage: `icu-data-export <out-dir> <locale>...` (see `scripts/icu-data.sh`).

extern crate alloc;

use icu_provider::DataMarker;
use icu_provider::export::make_exportable_provider;
use icu_provider_export::baked_exporter::{BakedExporter, Options};
use icu_provider_export::{DataLocaleFamily, DeduplicationStrategy, ExportDriver};

use icu_datetime::provider::names::{
    DatetimeNamesDayperiodV1, DatetimeNamesMonthGregorianV1, DatetimeNamesWeekdayV1,
    DatetimeNamesYearGregorianV1,
};
use icu_datetime::provider::semantic_skeletons::{
    DatetimePatternsDateGregorianV1, DatetimePatternsGlueV1, DatetimePatternsTimeV1,
};
use icu_decimal::provider::{DecimalDigitsV1, DecimalSymbolsV1};

/// ICU4X's own data, for every locale it publishes.
struct Published;

#[allow(unused_imports)]
const _: () = {
    use icu_datetime_data::*;
    use icu_decimal_data::{
        __impl_decimal_digits_v1, __impl_decimal_symbols_v1, impl_decimal_digits_v1,
        impl_decimal_symbols_v1,
    };
    pub mod icu {
        pub use icu_datetime as datetime;
        pub use icu_decimal as decimal;
    }
    make_provider!(Published);
    impl_datetime_names_dayperiod_v1!(Published, ITER);
    impl_datetime_names_month_gregorian_v1!(Published, ITER);
    impl_datetime_names_weekday_v1!(Published, ITER);
    impl_datetime_names_year_gregorian_v1!(Published, ITER);
    impl_datetime_patterns_date_gregorian_v1!(Published, ITER);
    impl_datetime_patterns_glue_v1!(Published, ITER);
    impl_datetime_patterns_time_v1!(Published, ITER);
    impl_decimal_digits_v1!(Published, ITER);
    impl_decimal_symbols_v1!(Published, ITER);
};

make_exportable_provider!(
    Published,
    [
        DatetimeNamesDayperiodV1,
        DatetimeNamesMonthGregorianV1,
        DatetimeNamesWeekdayV1,
        DatetimeNamesYearGregorianV1,
        DatetimePatternsDateGregorianV1,
        DatetimePatternsGlueV1,
        DatetimePatternsTimeV1,
        DecimalDigitsV1,
        DecimalSymbolsV1,
    ]
);

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let out = args.next().ok_or("usage: icu-data-export <out-dir> <locale>...")?;
    let families = args
        .map(|tag| format!("@{tag}").parse::<DataLocaleFamily>())
        .collect::<Result<Vec<_>, _>>()?;
    let mut options = Options::default();
    options.use_separate_crates = true;
    options.pretty = true;
    options.overwrite = true;
    let exporter = BakedExporter::new(out.into(), options)?;
    ExportDriver::new(
        families,
        DeduplicationStrategy::None.into(),
        icu_locale_fallback::LocaleFallbacker::new().static_to_owned(),
    )
    .with_markers([
        DatetimeNamesDayperiodV1::INFO,
        DatetimeNamesMonthGregorianV1::INFO,
        DatetimeNamesWeekdayV1::INFO,
        DatetimeNamesYearGregorianV1::INFO,
        DatetimePatternsDateGregorianV1::INFO,
        DatetimePatternsGlueV1::INFO,
        DatetimePatternsTimeV1::INFO,
        DecimalDigitsV1::INFO,
        DecimalSymbolsV1::INFO,
    ])
    .export(&Published, exporter)?;
    Ok(())
}
