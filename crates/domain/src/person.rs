//! A person's name and their contact phone number.

use std::fmt;

use crate::message::{Message, Sentence};
use serde::{Deserialize, Serialize};

/// A full name: 1–100 characters after trimming, any script, only characters everyone sees
/// (`text`), stored in NFC.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PersonName(String);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PersonNameError {
    Empty,
    TooLong,
    ControlCharacter,
    Invisible,
}

impl Sentence for PersonNameError {
    fn message(&self) -> Message {
        match self {
            PersonNameError::Empty => Message::new("name-empty"),
            PersonNameError::TooLong => {
                Message::new("name-too-long").number("max", PersonName::MAX_LEN)
            }
            PersonNameError::ControlCharacter => Message::new("name-control"),
            PersonNameError::Invisible => Message::new("name-invisible"),
        }
    }
}

impl PersonName {
    pub const MAX_LEN: usize = 100;

    pub fn parse(raw: &str) -> Result<PersonName, PersonNameError> {
        use crate::text::{Hidden, composed, hidden_in};
        let name = composed(raw.trim());
        if name.is_empty() {
            return Err(PersonNameError::Empty);
        }
        match hidden_in(&name) {
            Some(Hidden::Control) => return Err(PersonNameError::ControlCharacter),
            Some(Hidden::Invisible) => return Err(PersonNameError::Invisible),
            None => {}
        }
        if name.chars().count() > Self::MAX_LEN {
            return Err(PersonNameError::TooLong);
        }
        Ok(PersonName(name.into_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for PersonName {
    type Error = PersonNameError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        PersonName::parse(&value)
    }
}

impl From<PersonName> for String {
    fn from(name: PersonName) -> String {
        name.0
    }
}

/// A phone number in E.164 form (`+` then 8–15 digits), from international input such as
/// `+44 7700 900123`, `0044 7700-900123` or `+1 (555) 010-4477`.
///
/// A national number without a country code is refused with a request to add one: a school
/// group may span countries, and guessing the country would store wrong numbers. A full
/// numbering-plan crate would add hundreds of KB of metadata to the phone's download.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PhoneNumber(String);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhoneNumberError {
    Empty,
    MissingCountryCode,
    BadCharacter,
    TooShort,
    TooLong,
    BadCountryCode,
}

impl Sentence for PhoneNumberError {
    fn message(&self) -> Message {
        match self {
            PhoneNumberError::Empty => Message::new("phone-empty"),
            PhoneNumberError::MissingCountryCode => Message::new("phone-no-country-code"),
            PhoneNumberError::BadCharacter => Message::new("phone-bad-character"),
            PhoneNumberError::TooShort => {
                Message::new("phone-too-short").number("min", PhoneNumber::MIN_DIGITS)
            }
            PhoneNumberError::TooLong => {
                Message::new("phone-too-long").number("max", PhoneNumber::MAX_DIGITS)
            }
            PhoneNumberError::BadCountryCode => Message::new("phone-bad-country-code"),
        }
    }
}

impl PhoneNumber {
    /// Digits with the country code, as E.164 allows.
    pub const MIN_DIGITS: usize = 8;
    pub const MAX_DIGITS: usize = 15;

    pub fn parse(raw: &str) -> Result<PhoneNumber, PhoneNumberError> {
        let text = raw.trim();
        if text.is_empty() {
            return Err(PhoneNumberError::Empty);
        }
        let rest = if let Some(rest) = text.strip_prefix('+') {
            rest
        } else if let Some(rest) = text.strip_prefix("00") {
            rest
        } else if text.chars().all(|c| c.is_ascii_digit() || " ()-./".contains(c)) {
            return Err(PhoneNumberError::MissingCountryCode);
        } else {
            return Err(PhoneNumberError::BadCharacter);
        };
        let mut digits = String::with_capacity(Self::MAX_DIGITS);
        for c in rest.chars() {
            match c {
                '0'..='9' => digits.push(c),
                ' ' | '(' | ')' | '-' | '.' | '/' => {}
                _ => return Err(PhoneNumberError::BadCharacter),
            }
        }
        if digits.starts_with('0') {
            return Err(PhoneNumberError::BadCountryCode);
        }
        match digits.len() {
            n if n < Self::MIN_DIGITS => Err(PhoneNumberError::TooShort),
            n if n > Self::MAX_DIGITS => Err(PhoneNumberError::TooLong),
            _ => Ok(PhoneNumber(format!("+{digits}"))),
        }
    }

    /// The E.164 form, e.g. `+447700900123`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for PhoneNumber {
    type Error = PhoneNumberError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        PhoneNumber::parse(&value)
    }
}

impl From<PhoneNumber> for String {
    fn from(phone: PhoneNumber) -> String {
        phone.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_keep_any_script_and_refuse_control_characters() {
        assert_eq!(
            PersonName::parse("  Zoë Ørsted-Nakamura 中村 ").unwrap().as_str(),
            "Zoë Ørsted-Nakamura 中村"
        );
        assert_eq!(PersonName::parse(" "), Err(PersonNameError::Empty));
        assert_eq!(PersonName::parse("a\u{0}b"), Err(PersonNameError::ControlCharacter));
        assert_eq!(PersonName::parse("a\nb"), Err(PersonNameError::ControlCharacter));
        assert_eq!(PersonName::parse(&"é".repeat(101)), Err(PersonNameError::TooLong));
        assert!(PersonName::parse(&"é".repeat(100)).is_ok());
    }

    #[test]
    fn phone_numbers_normalise_to_e164() {
        for (raw, e164) in [
            ("+44 7700 900123", "+447700900123"),
            ("0044 7700-900123", "+447700900123"),
            ("+1 (555) 010-4477", "+15550104477"),
            (" +49.30.1234567 ", "+49301234567"),
        ] {
            assert_eq!(PhoneNumber::parse(raw).unwrap().as_str(), e164, "{raw}");
        }
    }

    #[test]
    fn phone_numbers_refused_with_the_reason() {
        let cases = [
            ("", PhoneNumberError::Empty),
            ("07700 900123", PhoneNumberError::MissingCountryCode),
            ("call me", PhoneNumberError::BadCharacter),
            ("+44 7700 9001x3", PhoneNumberError::BadCharacter),
            ("+123 45", PhoneNumberError::TooShort),
            ("+1234567890123456", PhoneNumberError::TooLong),
            ("+044 7700 900123", PhoneNumberError::BadCountryCode),
        ];
        for (raw, expected) in cases {
            assert_eq!(PhoneNumber::parse(raw), Err(expected), "{raw:?}");
        }
    }
}

crate::displayed_by_identifier!(PersonNameError, PhoneNumberError);
