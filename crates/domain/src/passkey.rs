//! Passkeys as their owner sees them on the account page, and the rule for their names.

use crate::message::{Message, Sentence};
use serde::{Deserialize, Serialize};

use crate::{LocalTime, text};

/// The longest passkey name, in characters.
pub const MAX_NAME_LEN: usize = 60;

/// A passkey's name, chosen by its owner ("Work phone"): one line of visible text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasskeyName(String);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PasskeyNameError {
    Empty,
    TooLong,
    Hidden,
}

impl Sentence for PasskeyNameError {
    fn message(&self) -> Message {
        match self {
            PasskeyNameError::Empty => Message::new("passkey-name-empty"),
            PasskeyNameError::TooLong => {
                Message::new("passkey-name-too-long").number("max", MAX_NAME_LEN)
            }
            PasskeyNameError::Hidden => Message::new("passkey-name-hidden"),
        }
    }
}

impl PasskeyName {
    pub fn parse(raw: &str) -> Result<PasskeyName, PasskeyNameError> {
        let name = raw.trim();
        if name.is_empty() {
            return Err(PasskeyNameError::Empty);
        }
        if name.chars().count() > MAX_NAME_LEN {
            return Err(PasskeyNameError::TooLong);
        }
        if text::hidden_in(name).is_some() {
            return Err(PasskeyNameError::Hidden);
        }
        Ok(PasskeyName(text::composed(name).into_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// One of the signed-in person's passkeys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasskeyView {
    pub id: i64,
    pub name: String,
    pub created_at: LocalTime,
    /// `None` until it is first used to sign in.
    pub last_used_at: Option<LocalTime>,
}

/// How the signed-in person can sign in: their passkeys, whether they have a password, and
/// their school account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInWays {
    pub passkeys: Vec<PasskeyView>,
    pub has_password: bool,
    /// Whether this site offers passkeys at all (its `PUBLIC_URL`).
    pub passkeys_offered: bool,
    /// The school's accounts, where this site offers them (`OIDC_*`).
    #[serde(default)]
    pub school: Option<SchoolWay>,
}

/// Signing in with the school's own account (OpenID Connect).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolWay {
    /// The provider's name, as the buttons say it ("Google").
    pub label: String,
    /// The address of the school account linked to this account, if one is.
    pub linked: Option<String>,
}

impl SignInWays {
    /// Whether removing one of these would leave none.
    pub fn one_left(&self) -> bool {
        let school = self.school.as_ref().is_some_and(|school| school.linked.is_some());
        self.passkeys.len() + usize::from(self.has_password) + usize::from(school) <= 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_one_line_of_visible_text() {
        assert_eq!(PasskeyName::parse("  Work phone ").unwrap().as_str(), "Work phone");
        assert_eq!(PasskeyName::parse(" "), Err(PasskeyNameError::Empty));
        assert_eq!(PasskeyName::parse(&"x".repeat(61)), Err(PasskeyNameError::TooLong));
        assert!(PasskeyName::parse(&"é".repeat(60)).is_ok(), "characters, not bytes");
        assert_eq!(PasskeyName::parse("Work\u{202e}phone"), Err(PasskeyNameError::Hidden));
        assert_eq!(PasskeyName::parse("Work\nphone"), Err(PasskeyNameError::Hidden));
    }

    #[test]
    fn a_linked_school_account_is_a_way_in_of_its_own() {
        let ways = |has_password, linked: Option<&str>| SignInWays {
            passkeys: Vec::new(),
            has_password,
            passkeys_offered: true,
            school: Some(SchoolWay { label: "Google".into(), linked: linked.map(Into::into) }),
        };
        assert!(ways(false, Some("a@school.org")).one_left(), "the school account alone");
        assert!(!ways(true, Some("a@school.org")).one_left(), "a password beside it");
        assert!(ways(true, None).one_left(), "offered but not linked is no way in");
    }
}

crate::displayed_by_identifier!(PasskeyNameError);
