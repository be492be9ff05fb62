//! Usernames: 3–32 characters, starting with a letter, then letters, digits, `.`, `_` or `-`.
//! Unique ignoring case. ASCII only, so that look-alike letters from other scripts cannot
//! impersonate a colleague.

use std::fmt;

use crate::message::{Message, Sentence};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Username(String);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UsernameError {
    Empty,
    TooShort,
    TooLong,
    MustStartWithLetter,
    BadCharacter,
    Reserved,
}

impl Sentence for UsernameError {
    fn message(&self) -> Message {
        match self {
            UsernameError::Empty => Message::new("username-empty"),
            UsernameError::TooShort => Message::new("username-too-short").number("min", MIN_LEN),
            UsernameError::TooLong => Message::new("username-too-long").number("max", MAX_LEN),
            UsernameError::MustStartWithLetter => Message::new("username-start-letter"),
            UsernameError::BadCharacter => Message::new("username-bad-character"),
            UsernameError::Reserved => Message::new("username-reserved"),
        }
    }
}

pub const MIN_LEN: usize = 3;
pub const MAX_LEN: usize = 32;

const RESERVED: &[&str] = &[
    "admin",
    "administrator",
    "root",
    "system",
    "superadmin",
    "super-admin",
    "super_admin",
    "support",
    "help",
    "staff",
    "teacher",
    "security",
    "postmaster",
    "webmaster",
    "hostmaster",
    "abuse",
    "noreply",
    "no-reply",
    "null",
    "undefined",
    "api",
    "login",
    "logout",
    "invite",
    "account",
    "settings",
    "me",
    "you",
    "owner",
    "moderator",
    "sysadmin",
    "operator",
];

impl Username {
    pub fn parse(raw: &str) -> Result<Username, UsernameError> {
        let name = raw.trim();
        let len = name.chars().count();
        let first = name.chars().next().ok_or(UsernameError::Empty)?;
        if len < MIN_LEN {
            return Err(UsernameError::TooShort);
        }
        if len > MAX_LEN {
            return Err(UsernameError::TooLong);
        }
        if !first.is_ascii_alphabetic() {
            return Err(UsernameError::MustStartWithLetter);
        }
        if !name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')) {
            return Err(UsernameError::BadCharacter);
        }
        if RESERVED.contains(&name.to_ascii_lowercase().as_str()) {
            return Err(UsernameError::Reserved);
        }
        Ok(Username(name.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The uniqueness key: `Jane.Doe` and `jane.doe` are one username.
    pub fn key(&self) -> String {
        self.0.to_ascii_lowercase()
    }
}

impl fmt::Display for Username {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Username {
    type Error = UsernameError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Username::parse(&value)
    }
}

impl From<Username> for String {
    fn from(username: Username) -> String {
        username.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_and_keys_ignoring_case() {
        let name = Username::parse(" Jane.Doe_2-b ").unwrap();
        assert_eq!(name.as_str(), "Jane.Doe_2-b");
        assert_eq!(name.key(), "jane.doe_2-b");
    }

    #[test]
    fn refuses_with_the_reason() {
        let cases = [
            ("", UsernameError::Empty),
            ("ab", UsernameError::TooShort),
            ("1abc", UsernameError::MustStartWithLetter),
            ("_abc", UsernameError::MustStartWithLetter),
            ("jane doe", UsernameError::BadCharacter),
            ("jane@doe", UsernameError::BadCharacter),
            ("jäne", UsernameError::BadCharacter),
            ("Admin", UsernameError::Reserved),
            ("ROOT", UsernameError::Reserved),
        ];
        for (raw, expected) in cases {
            assert_eq!(Username::parse(raw), Err(expected), "{raw:?}");
        }
        assert_eq!(Username::parse(&"a".repeat(33)), Err(UsernameError::TooLong));
        assert!(Username::parse(&"a".repeat(32)).is_ok());
    }
}

crate::displayed_by_identifier!(UsernameError);
