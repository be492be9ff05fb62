//! One-time sign-in links: the way back in for someone who lost their password or passkey.

use super::{Actor, NewMessage, NewPasskey};
use crate::domain::Timestamp;

/// A sign-in link to issue, with its email.
#[derive(Debug, Clone)]
pub struct NewSignInLink {
    pub user_id: i64,
    pub token_hash: [u8; 32],
    pub expires_at: Timestamp,
    /// The Super-Admin sending it; `None` when the person asked for it.
    pub sent_by: Option<Actor>,
    pub message: NewMessage,
    pub now: Timestamp,
}

/// A sign-in link that works now, with its account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignInLinkRecord {
    pub user_id: i64,
    pub username: String,
    pub full_name: String,
    pub expires_at: Timestamp,
    /// The account's WebAuthn user handle, if it has had a passkey.
    pub webauthn_handle: Option<String>,
}

/// What using a sign-in link does: a new password, or a new passkey.
#[derive(Debug, Clone)]
pub enum Redemption {
    Password(String),
    Passkey { handle: String, passkey: NewPasskey },
}
