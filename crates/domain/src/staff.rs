//! The Staff list: accounts, whether they can sign in, and the last change to that.

use serde::{Deserialize, Serialize};

use super::{Cursor, LocalTime, Role};

/// Whether an account can sign in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AccountStatus {
    Active,
    /// A Super-Admin deactivated it: it cannot sign in, and its sessions ended.
    Deactivated,
}

impl AccountStatus {
    pub fn label(self) -> &'static str {
        match self {
            AccountStatus::Active => "Active",
            AccountStatus::Deactivated => "Deactivated",
        }
    }
}

/// The last time a Super-Admin changed an account's status: to what, who, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountChange {
    pub status: AccountStatus,
    pub by: String,
    pub at: LocalTime,
    /// On deactivation: how many of the account's open invitations were revoked with it.
    pub revoked_invitations: u64,
}

impl AccountChange {
    /// "Deactivated by Asha Rao, Thursday, 3 December 2026 at 05:51 IST".
    pub fn sentence(&self) -> String {
        let what = match self.status {
            AccountStatus::Active => "Reactivated",
            AccountStatus::Deactivated => "Deactivated",
        };
        format!("{what} by {}, {}", self.by, self.at.text)
    }
}

/// The last sign-in link a Super-Admin sent to an account: who, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInLinkSent {
    pub by: String,
    pub at: LocalTime,
}

impl SignInLinkSent {
    /// "Sign-in link sent by Asha Rao, Thursday, 3 December 2026 at 05:51 IST".
    pub fn sentence(&self) -> String {
        format!("Sign-in link sent by {}, {}", self.by, self.at.text)
    }
}

/// One account, for the Staff list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMember {
    pub id: i64,
    pub full_name: String,
    pub username: String,
    pub role: Role,
    pub email: String,
    pub phone: Option<String>,
    pub joined_at: LocalTime,
    pub status: AccountStatus,
    pub last_change: Option<AccountChange>,
    /// The last sign-in link a Super-Admin sent it.
    #[serde(default)]
    pub sign_in_link_sent: Option<SignInLinkSent>,
    /// The account of the admin looking at the list.
    pub you: bool,
}

/// A page of the Staff list, newest first; `next` continues after its last row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffPage {
    pub items: Vec<StaffMember>,
    pub next: Option<Cursor>,
}

/// What a deactivation or reactivation did, for the acting admin: the account as it now is,
/// and how many pending invitations it had sent were revoked with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChangeReport {
    pub member: StaffMember,
    pub revoked_invitations: u64,
    /// The acting admin deactivated their own account: their session has ended too.
    pub own_account: bool,
}

impl StatusChangeReport {
    /// The sentence the Staff page shows after the change.
    pub fn sentence(&self) -> String {
        let name = &self.member.full_name;
        match (self.member.status, self.revoked_invitations) {
            (AccountStatus::Active, _) => format!("{name} was reactivated and can sign in again."),
            (AccountStatus::Deactivated, 0) => {
                format!("{name} was deactivated and signed out everywhere.")
            }
            (AccountStatus::Deactivated, 1) => format!(
                "{name} was deactivated and signed out everywhere. The 1 pending invitation \
                 they sent was revoked."
            ),
            (AccountStatus::Deactivated, n) => format!(
                "{name} was deactivated and signed out everywhere. The {n} pending invitations \
                 they sent were revoked."
            ),
        }
    }
}
