//! Deactivating and reactivating accounts, and the Staff list's rows.

use super::{Actor, NewEvent, UserRecord};
use crate::domain::Timestamp;

/// A Super-Admin deactivating or reactivating an account.
#[derive(Debug, Clone)]
pub struct StatusChange {
    pub user_id: i64,
    /// The status the account gets.
    pub active: bool,
    pub actor: Actor,
    pub now: Timestamp,
    /// On deactivation: the event each of the account's open invitations is revoked with.
    pub revoke_event: Option<NewEvent>,
}

/// What a `StatusChange` came to.
#[derive(Debug, Clone)]
pub enum StatusOutcome {
    Changed {
        user: UserRecord,
        revoked_invitations: u64,
    },
    /// The account already had that status; nothing was written.
    Unchanged(UserRecord),
    /// Refused: it is the last active Super-Admin.
    LastSuperAdmin(UserRecord),
    NotFound,
    /// Refused: the account making the change is no longer an active Super-Admin.
    ActorInactive,
}

/// One change to an account's status, for its audit trail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountEventRecord {
    pub at: Timestamp,
    pub actor_name: String,
    /// `true` for a reactivation, `false` for a deactivation.
    pub active: bool,
    pub revoked_invitations: i64,
}

/// An account with the last change to its status, for the Staff list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffRecord {
    pub user: UserRecord,
    pub last_change: Option<AccountEventRecord>,
    /// The last sign-in link a Super-Admin sent the account: when, and by whom.
    pub last_link_sent: Option<(Timestamp, String)>,
}
