//! What the invitee's setup form sends back when it cannot create the account.

use serde::{Deserialize, Serialize};

use super::LinkState;

/// A field of the setup form, for messages shown next to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FormField {
    Email,
    FullName,
    Phone,
    Username,
    Password,
}

impl FormField {
    /// The id of the field's input, for "jump to the field" links.
    pub fn input_id(self) -> &'static str {
        match self {
            FormField::Email => "email",
            FormField::FullName => "full_name",
            FormField::Phone => "phone",
            FormField::Username => "username",
            FormField::Password => "password",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: FormField,
    pub message: String,
}

/// Why the account was not created. Each has a sentence the person can act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum SetupError {
    #[error("Some details need correcting.")]
    Fields(Vec<FieldError>),
    /// With up to three free variants to offer.
    #[error("That username is taken. Choose another one.")]
    UsernameTaken { suggestions: Vec<String> },
    /// The link stopped working (used, expired, superseded, withdrawn) or never did.
    #[error("This link can no longer be used.")]
    Link(LinkState),
    #[error("Too many attempts. Wait a minute, then try again.")]
    Limited,
    /// The passkey couldn't be made or checked; the sentence says what to do. Nothing was
    /// saved.
    #[error("{0}")]
    Passkey(String),
    #[error("Something went wrong on our side. Your details were not saved; please try again.")]
    Unexpected,
    #[error("We couldn't reach the server. Check your connection and try again.")]
    Network(String),
    /// The request itself could not be read (never sent by our own form); the sentence says
    /// what was wrong with it.
    #[error("{0}")]
    Malformed(String),
}

/// The answer of the live username check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum UsernameCheck {
    Available,
    /// Taken; up to three free variants follow.
    Taken {
        suggestions: Vec<String>,
    },
    /// Not a valid username: why.
    Invalid(String),
}

/// What the person typed into the setup form, all but the password: shown again after a
/// mistake (also without JavaScript) and on the page that says the link stopped working, so
/// nothing they entered is silently lost.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetupDraft {
    /// Only on the first admin's form, where the person chooses the account's email.
    pub email: Option<String>,
    pub full_name: String,
    pub phone: String,
    pub username: String,
}

/// A submit that did not create the account: what was sent and why it failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefusedSetup {
    pub draft: SetupDraft,
    pub error: SetupError,
}
