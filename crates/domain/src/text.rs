//! The one rule for text that people show to each other (a full name, a username): only
//! characters that everyone sees, stored in one spelling. Refused: control and format
//! characters (Unicode categories Cc and Cf: the bidi overrides and isolates, zero-width
//! spaces and joiners, the BOM, the soft hyphen), private-use, surrogate and unassigned code
//! points, since any of them can make one name look like another. Kept text is in Unicode
//! Normalization Form C, so "é" typed as `e` + a combining accent and "é" are one name.
//!
//! The browser runs the same check as the server. Only the server composes to NFC (the
//! `nfc` feature): the composition tables would add a third to the invite page's script, and
//! composing never changes which characters are refused.

mod table;

/// Why a text was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hidden {
    /// A control character (a line break or tab in a one-line field, say).
    Control,
    /// A character that isn't seen, or that no one can be sure how it is seen.
    Invisible,
}

/// Whether `c` is a character people see the same way: not a control or format character,
/// and assigned and not for private use.
pub fn visible(c: char) -> bool {
    !c.is_control() && !table::is_refused(c)
}

/// The first character that makes `text` unfit to be shown to others, as its kind.
pub fn hidden_in(text: &str) -> Option<Hidden> {
    text.chars().find(|c| !visible(*c)).map(|c| match c.is_control() {
        true => Hidden::Control,
        false => Hidden::Invisible,
    })
}

/// `text` in the one spelling it is stored in: NFC where the `nfc` feature is on (the
/// server), as typed elsewhere (see the module's note).
pub fn composed(text: &str) -> std::borrow::Cow<'_, str> {
    #[cfg(feature = "nfc")]
    {
        use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
        if is_nfc_quick(text.chars()) == IsNormalized::Yes {
            return std::borrow::Cow::Borrowed(text);
        }
        std::borrow::Cow::Owned(text.nfc().collect())
    }
    #[cfg(not(feature = "nfc"))]
    std::borrow::Cow::Borrowed(text)
}

#[cfg(test)]
mod tests {
    use unicode_properties::{GeneralCategory as G, UnicodeGeneralCategory};

    use super::*;

    fn refused_by_unicode(c: char) -> bool {
        matches!(
            c.general_category(),
            G::Control | G::Format | G::PrivateUse | G::Unassigned | G::Surrogate
        )
    }

    /// The ranges of refused code points, from the Unicode data of `unicode-properties`.
    fn ranges_from_unicode() -> Vec<(u32, u32)> {
        let mut ranges: Vec<(u32, u32)> = Vec::new();
        for code in 0..=0x10FFFFu32 {
            let refused = char::from_u32(code).is_none_or(refused_by_unicode);
            if !refused {
                continue;
            }
            match ranges.last_mut() {
                Some((_, end)) if *end + 1 == code => *end = code,
                _ => ranges.push((code, code)),
            }
        }
        ranges
    }

    /// The table is the Unicode data, code point by code point. After a Unicode update, run
    /// `REGENERATE_TEXT_TABLE=1 cargo test -p staff-onboarding-domain text` to write it again.
    #[test]
    fn the_table_is_the_unicode_data() {
        let ranges = ranges_from_unicode();
        if std::env::var_os("REGENERATE_TEXT_TABLE").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/text/table.rs");
            std::fs::write(path, table::source(&ranges)).unwrap();
        }
        assert_eq!(table::REFUSED, ranges.as_slice(), "regenerate the table (see above)");
        for code in 0..=0x10FFFFu32 {
            if let Some(c) = char::from_u32(code) {
                assert_eq!(visible(c), !refused_by_unicode(c), "U+{code:04X}");
            }
        }
    }

    #[test]
    fn what_is_refused_and_why() {
        assert_eq!(hidden_in("Robin Lee"), None);
        assert_eq!(hidden_in("Zoë Ødegård-Nguyễn 李小龍 محمد"), None);
        assert_eq!(hidden_in("Robin\u{202E}eeL"), Some(Hidden::Invisible));
        assert_eq!(hidden_in("Ro\u{200B}bin"), Some(Hidden::Invisible));
        assert_eq!(hidden_in("\u{FEFF}Robin"), Some(Hidden::Invisible));
        assert_eq!(hidden_in("Robin\u{E000}"), Some(Hidden::Invisible));
        assert_eq!(hidden_in("Robin\u{0378}"), Some(Hidden::Invisible));
        assert_eq!(hidden_in("Robin\nLee"), Some(Hidden::Control));
        assert_eq!(hidden_in("Robin\u{85}"), Some(Hidden::Control));
    }
}
