//! Passkeys and the WebAuthn ceremonies that make and use them.

use crate::domain::Timestamp;

/// A passkey as the store keeps it. `credential` is the relying-party library's own record
/// (JSON); the store never looks inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasskeyRecord {
    pub id: i64,
    pub user_id: i64,
    pub credential_id: Vec<u8>,
    pub credential: String,
    pub name: String,
    pub sign_count: i64,
    pub backup_eligible: bool,
    pub backed_up: bool,
    pub created_at: Timestamp,
    pub last_used_at: Option<Timestamp>,
}

/// A passkey to store, just verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPasskey {
    pub credential_id: Vec<u8>,
    pub credential: String,
    pub name: String,
    pub sign_count: i64,
    pub backup_eligible: bool,
    pub backed_up: bool,
}

/// A passkey just used to sign in: what the authenticator now reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasskeyUse {
    pub id: i64,
    pub credential: String,
    pub sign_count: i64,
    pub backed_up: bool,
    pub now: Timestamp,
}

/// What a ceremony is for, and so what it is bound to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CeremonyPurpose {
    /// Creating an account's first passkey from an invitation link: bound to the link.
    Setup,
    /// Signing in with a passkey: bound to the browser's session only.
    SignIn,
    /// Adding a passkey to a signed-in account: bound to the account.
    Add,
}

impl CeremonyPurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            CeremonyPurpose::Setup => "setup",
            CeremonyPurpose::SignIn => "sign_in",
            CeremonyPurpose::Add => "add",
        }
    }
}

/// A ceremony begun: `id` is the hash of the secret the session holds.
#[derive(Debug, Clone)]
pub struct NewCeremony {
    pub id: [u8; 32],
    pub purpose: CeremonyPurpose,
    pub link_hash: Option<[u8; 32]>,
    pub user_id: Option<i64>,
    /// What finishing it needs (the challenge and what was asked for), as JSON.
    pub state: String,
    pub expires_at: Timestamp,
    /// Ceremonies that expired by now are forgotten as this one begins.
    pub now: Timestamp,
}

/// Which ceremony to take: all must match, and it must not have expired.
#[derive(Debug, Clone)]
pub struct CeremonyKey {
    pub id: [u8; 32],
    pub purpose: CeremonyPurpose,
    pub link_hash: Option<[u8; 32]>,
    pub user_id: Option<i64>,
    pub now: Timestamp,
}
