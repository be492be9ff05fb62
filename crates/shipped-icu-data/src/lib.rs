//! ICU4X's data for writing dates, for the date locales of the shipped languages only
//! (`dates-locale` in each catalogue under `locales/`), where ICU4X's own compiled data holds
//! every CLDR locale. `data/` is generated, from the data ICU4X publishes with its crates, by
//! `scripts/icu-data.sh`; a test of the server (`i18n::tests`, dates) checks that every shipped
//! language's dates are written from it.

/// A data provider holding only the shipped languages' date data; pass it to ICU4X's
/// `try_new_unstable` constructors.
#[derive(Debug, Clone, Copy, Default)]
pub struct ShippedData;

#[allow(unused_imports, clippy::all)]
mod generated {
    include!("../data/mod.rs");
    // Every kind of data the generated files hold.
    impl_data_provider!(super::ShippedData);
}
