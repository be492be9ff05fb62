//! Password rules after NIST SP 800-63B: long enough, no composition rules, nothing that
//! contains the person's own username or email name, nothing trivially guessable. The server
//! also refuses passwords that zxcvbn finds easy to guess (`server::passwords`).

use std::fmt;

use crate::message::{Message, Sentence};
use serde::{Deserialize, Serialize};

/// A password that passed the policy. It is never serialised and never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(****)")
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PasswordError {
    Empty,
    TooShort(usize),
    TooLong(usize),
    ContainsUsername,
    ContainsEmail,
    TooCommon,
}

impl Sentence for PasswordError {
    fn message(&self) -> Message {
        match self {
            PasswordError::Empty => Message::new("password-empty"),
            PasswordError::TooShort(min) => Message::new("password-too-short").number("min", *min),
            PasswordError::TooLong(max) => Message::new("password-too-long").number("max", *max),
            PasswordError::ContainsUsername => Message::new("password-contains-username"),
            PasswordError::ContainsEmail => Message::new("password-contains-email"),
            PasswordError::TooCommon => Message::new("password-too-common"),
        }
    }
}

/// The configured policy (`PASSWORD_MIN_LENGTH`). The setup page receives it with its link,
/// so the browser states and checks the same rule the server enforces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordPolicy {
    pub min_length: usize,
}

impl PasswordPolicy {
    pub const DEFAULT_MIN_LENGTH: usize = 12;
    pub const MAX_LENGTH: usize = 256;

    /// The rule in plain words, as the setup form shows it.
    pub fn in_words(&self) -> Message {
        Message::new("password-rule").number("min", self.min_length)
    }
}

impl Default for PasswordPolicy {
    fn default() -> Self {
        Self { min_length: Self::DEFAULT_MIN_LENGTH }
    }
}

/// What the password must not contain: the account's own identifiers.
#[derive(Debug, Clone, Copy, Default)]
pub struct PasswordContext<'a> {
    pub username: Option<&'a str>,
    pub email_local_part: Option<&'a str>,
}

impl Password {
    pub fn parse(
        raw: &str,
        policy: &PasswordPolicy,
        context: &PasswordContext<'_>,
    ) -> Result<Password, PasswordError> {
        // Passwords are taken as typed: spaces are allowed and not trimmed.
        let len = raw.chars().count();
        if len == 0 {
            return Err(PasswordError::Empty);
        }
        if len < policy.min_length {
            return Err(PasswordError::TooShort(policy.min_length));
        }
        if len > PasswordPolicy::MAX_LENGTH {
            return Err(PasswordError::TooLong(PasswordPolicy::MAX_LENGTH));
        }
        let lower = raw.to_lowercase();
        if contains_identifier(&lower, context.username) {
            return Err(PasswordError::ContainsUsername);
        }
        if contains_identifier(&lower, context.email_local_part) {
            return Err(PasswordError::ContainsEmail);
        }
        if is_trivial(&lower) {
            return Err(PasswordError::TooCommon);
        }
        Ok(Password(raw.to_owned()))
    }

    /// The secret itself, for hashing only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// How strong a password looks while it is typed: a rough guide for the hint, cheap enough
/// for the browser. The server's zxcvbn check stays the authority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    Weak,
    Fair,
    Good,
    Strong,
}

impl Strength {
    /// An estimate of the guessing work in bits: the length (repeated characters count for
    /// little) times the bits per character of the kinds of character used.
    pub fn estimate(raw: &str) -> Strength {
        let chars: Vec<char> = raw.chars().collect();
        let mut distinct = chars.clone();
        distinct.sort_unstable();
        distinct.dedup();
        type IsKind = fn(&char) -> bool;
        let kinds: [(IsKind, u32); 4] = [
            (char::is_ascii_lowercase, 26),
            (char::is_ascii_uppercase, 26),
            (char::is_ascii_digit, 10),
            (|c: &char| !c.is_ascii_alphanumeric(), 33),
        ];
        let alphabet: u32 =
            kinds.iter().filter(|(kind, _)| chars.iter().any(kind)).map(|(_, size)| size).sum();
        let effective_length = chars.len().min(distinct.len() * 2) as f64;
        let bits = effective_length * f64::from(alphabet.max(1)).log2();
        match bits {
            b if b < 40.0 => Strength::Weak,
            b if b < 60.0 => Strength::Fair,
            b if b < 80.0 => Strength::Good,
            _ => Strength::Strong,
        }
    }

    /// Its name, as the hint under the password shows it.
    pub fn message(self) -> Message {
        Message::new(match self {
            Strength::Weak => "strength-weak",
            Strength::Fair => "strength-fair",
            Strength::Good => "strength-good",
            Strength::Strong => "strength-strong",
        })
    }

    pub const ALL: [Strength; 4] =
        [Strength::Weak, Strength::Fair, Strength::Good, Strength::Strong];
}

fn contains_identifier(lower_password: &str, identifier: Option<&str>) -> bool {
    identifier
        .map(str::to_lowercase)
        .is_some_and(|id| id.chars().count() >= 3 && lower_password.contains(&id))
}

/// One repeated short pattern ("aaaaaaaaaaaa", "abcabcabcabc") or one keyboard or alphabet
/// run ("123456789012", "qwertyuiopas"): no length makes these safe.
fn is_trivial(lower: &str) -> bool {
    let chars: Vec<char> = lower.chars().collect();
    let repeats_pattern = (1..=4).any(|period| {
        chars.len() > period && chars.iter().enumerate().all(|(i, c)| *c == chars[i % period])
    });
    const RUNS: [&str; 5] = [
        "01234567890123456789",
        "98765432109876543210",
        "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
        "qwertyuiopasdfghjklzxcvbnmqwertyuiopasdfghjklzxcvbnm",
        "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
    ];
    repeats_pattern || RUNS.iter().any(|run| run.contains(lower))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(raw: &str) -> Result<Password, PasswordError> {
        let context =
            PasswordContext { username: Some("jane.doe"), email_local_part: Some("jdoe") };
        Password::parse(raw, &PasswordPolicy::default(), &context)
    }

    #[test]
    fn long_passphrases_pass_without_composition_rules() {
        assert!(parse("correct horse battery staple").is_ok());
        assert!(parse("все буквы кириллицы").is_ok());
        let long: String = "correct horse battery staple ".repeat(9).chars().take(256).collect();
        assert!(parse(&long).is_ok(), "256 characters are allowed");
        assert_eq!(
            parse(&"x1y2".repeat(64)),
            Err(PasswordError::TooCommon),
            "a repeated pattern is not"
        );
    }

    #[test]
    fn refusals_give_the_reason() {
        assert_eq!(parse(""), Err(PasswordError::Empty));
        assert_eq!(parse("short pass"), Err(PasswordError::TooShort(12)));
        assert_eq!(parse(&"x".repeat(257)), Err(PasswordError::TooLong(256)));
        assert_eq!(parse("my name is Jane.Doe ok"), Err(PasswordError::ContainsUsername));
        assert_eq!(parse("hello JDOE my friend"), Err(PasswordError::ContainsEmail));
        assert_eq!(parse("aaaaaaaaaaaaaa"), Err(PasswordError::TooCommon));
        assert_eq!(parse("abcabcabcabcabc"), Err(PasswordError::TooCommon));
        assert_eq!(parse("123456789012"), Err(PasswordError::TooCommon));
        assert_eq!(parse("QwertyuiopAS"), Err(PasswordError::TooCommon));
    }

    #[test]
    fn the_minimum_length_is_configurable() {
        let policy = PasswordPolicy { min_length: 16 };
        let err = Password::parse("fifteen chars!!", &policy, &PasswordContext::default());
        assert_eq!(err, Err(PasswordError::TooShort(16)));
    }

    #[test]
    fn the_strength_hint_rewards_length_and_variety_not_repetition() {
        assert_eq!(Strength::estimate(""), Strength::Weak);
        assert_eq!(Strength::estimate("aaaaaaaaaaaaaaaaaaaa"), Strength::Weak, "one character");
        assert_eq!(Strength::estimate("hunter2"), Strength::Weak);
        assert_eq!(Strength::estimate("correcthorse"), Strength::Fair);
        assert_eq!(Strength::estimate("Correct4Horse"), Strength::Good);
        assert_eq!(Strength::estimate("violet tram orbit kettle"), Strength::Strong);
        assert!(Strength::estimate("ab") < Strength::estimate("abcdefghijklmnop"));
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let password = parse("correct horse battery staple").unwrap();
        assert_eq!(format!("{password:?}"), "Password(****)");
    }
}

crate::displayed_by_identifier!(PasswordError);
