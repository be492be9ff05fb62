//! What the invitee's setup form sends back when it cannot create the account.

use serde::{Deserialize, Serialize};

use super::LinkState;
use crate::message::{Message, Sentence};

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
    pub message: Message,
}

impl FieldError {
    pub fn new(field: FormField, why: &impl Sentence) -> Self {
        FieldError { field, message: why.message() }
    }
}

/// Why the account was not created. Each has a sentence the person can act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SetupError {
    Fields(Vec<FieldError>),
    /// With up to three free variants to offer.
    UsernameTaken {
        suggestions: Vec<String>,
    },
    /// The link stopped working (used, expired, superseded, withdrawn) or never did.
    Link(LinkState),
    Limited,
    /// The passkey couldn't be made or checked; the message says what to do. Nothing was
    /// saved.
    Passkey(Message),
    Unexpected,
    /// The server was not reached; what the browser said, for the console only.
    Network(String),
    /// The request itself could not be read (never sent by our own form); the detail is for
    /// logs only.
    Malformed(String),
}

impl Sentence for SetupError {
    fn message(&self) -> Message {
        match self {
            SetupError::Fields(_) => Message::new("setup-fields"),
            SetupError::UsernameTaken { .. } => Message::new("username-taken"),
            SetupError::Link(_) => Message::new("setup-link-dead"),
            SetupError::Limited => Message::new("too-many-attempts"),
            SetupError::Passkey(message) => message.clone(),
            SetupError::Unexpected => Message::new("setup-unexpected"),
            SetupError::Network(_) => Message::new("network-unreachable"),
            SetupError::Malformed(detail) => {
                Message::new("request-unreadable").text("detail", detail.clone())
            }
        }
    }
}

impl std::fmt::Display for SetupError {
    /// For logs: the message's identifier and the detail, never the person's words.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SetupError::Network(detail) | SetupError::Malformed(detail) => {
                write!(f, "{}: {detail}", self.message().id)
            }
            _ => f.write_str(&self.message().id),
        }
    }
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
    Invalid(Message),
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
