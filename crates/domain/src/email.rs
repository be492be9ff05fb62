//! Email addresses: trimmed, checked for a plausible shape, compared ignoring case.

use std::fmt;

use crate::message::{Message, Sentence};
use serde::{Deserialize, Serialize};

/// A syntactically valid address as the person typed it (trimmed). Two addresses are the
/// same account when their `key`s are equal.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmailError {
    Empty,
    TooLong,
    NoAt,
    BadLocalPart,
    BadDomain,
    Whitespace,
}

impl Sentence for EmailError {
    fn message(&self) -> Message {
        match self {
            EmailError::Empty => Message::new("email-empty"),
            EmailError::TooLong => Message::new("email-too-long").number("max", MAX_LEN),
            EmailError::NoAt => Message::new("email-no-at"),
            EmailError::BadLocalPart => Message::new("email-bad-local-part"),
            EmailError::BadDomain => Message::new("email-bad-domain"),
            EmailError::Whitespace => Message::new("email-whitespace"),
        }
    }
}

const MAX_LEN: usize = 254;
const MAX_LOCAL: usize = 64;

impl Email {
    pub fn parse(raw: &str) -> Result<Email, EmailError> {
        let email = raw.trim();
        if email.is_empty() {
            return Err(EmailError::Empty);
        }
        if email.chars().any(char::is_whitespace) {
            return Err(EmailError::Whitespace);
        }
        if email.len() > MAX_LEN {
            return Err(EmailError::TooLong);
        }
        let (local, domain) = match email.rsplit_once('@') {
            Some((local, domain)) if !local.contains('@') => (local, domain),
            _ => return Err(EmailError::NoAt),
        };
        if !valid_local(local) {
            return Err(EmailError::BadLocalPart);
        }
        if !valid_domain(domain) {
            return Err(EmailError::BadDomain);
        }
        Ok(Email(email.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The comparison key: addresses differing only in case are one address.
    pub fn key(&self) -> String {
        self.0.to_lowercase()
    }

    /// The part before the @.
    pub fn local_part(&self) -> &str {
        self.0.rsplit_once('@').map(|(local, _)| local).unwrap_or(&self.0)
    }
}

fn valid_local(local: &str) -> bool {
    !local.is_empty()
        && local.len() <= MAX_LOCAL
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local.chars().all(|c| {
            c.is_ascii_alphanumeric()
                || matches!(
                    c,
                    '.' | '_'
                        | '%'
                        | '+'
                        | '-'
                        | '\''
                        | '!'
                        | '#'
                        | '$'
                        | '&'
                        | '*'
                        | '/'
                        | '='
                        | '?'
                        | '^'
                        | '`'
                        | '{'
                        | '|'
                        | '}'
                        | '~'
                )
        })
}

fn valid_domain(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    domain.len() <= 253
        && labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && !tld.chars().all(|c| c.is_ascii_digit()))
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Email {
    type Error = EmailError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Email::parse(&value)
    }
}

impl From<Email> for String {
    fn from(email: Email) -> String {
        email.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_addresses_and_trims() {
        let email = Email::parse("  Jane.Doe+staff@Example-School.org ").unwrap();
        assert_eq!(email.as_str(), "Jane.Doe+staff@Example-School.org");
        assert_eq!(email.key(), "jane.doe+staff@example-school.org");
        assert_eq!(email.local_part(), "Jane.Doe+staff");
    }

    #[test]
    fn refuses_each_kind_of_bad_address_with_its_reason() {
        let cases = [
            ("", EmailError::Empty),
            ("   ", EmailError::Empty),
            ("jane", EmailError::NoAt),
            ("jane@@school.org", EmailError::NoAt),
            ("ja ne@school.org", EmailError::Whitespace),
            ("@school.org", EmailError::BadLocalPart),
            (".jane@school.org", EmailError::BadLocalPart),
            ("ja..ne@school.org", EmailError::BadLocalPart),
            ("jane@school", EmailError::BadDomain),
            ("jane@school..org", EmailError::BadDomain),
            ("jane@-school.org", EmailError::BadDomain),
            ("jane@school.o", EmailError::BadDomain),
            ("jane@10.0.0.1", EmailError::BadDomain),
            ("<script>@x.org", EmailError::BadLocalPart),
        ];
        for (raw, expected) in cases {
            assert_eq!(Email::parse(raw), Err(expected), "{raw:?}");
        }
        let long = format!("{}@school.org", "a".repeat(250));
        assert_eq!(Email::parse(&long), Err(EmailError::TooLong));
    }

    #[test]
    fn serde_goes_through_parse() {
        let ok: Email = serde_json::from_str("\"a@b.org\"").unwrap();
        assert_eq!(ok.as_str(), "a@b.org");
        assert!(serde_json::from_str::<Email>("\"nope\"").is_err());
    }
}

crate::displayed_by_identifier!(EmailError);
