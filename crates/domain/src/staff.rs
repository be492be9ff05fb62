//! The Staff list: accounts, whether they can sign in, and the last change to that.

use serde::{Deserialize, Serialize};

use super::{Cursor, LocalTime, Role};
use crate::message::{Message, Sentence};

/// Whether an account can sign in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AccountStatus {
    Active,
    /// A Super-Admin deactivated it: it cannot sign in, and its sessions ended.
    Deactivated,
}

impl Sentence for AccountStatus {
    fn message(&self) -> Message {
        Message::new(match self {
            AccountStatus::Active => "staff-status-active",
            AccountStatus::Deactivated => "staff-status-deactivated",
        })
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

impl Sentence for AccountChange {
    /// "Deactivated by Asha Rao, Thursday, 3 December 2026 at 05:51 IST".
    fn message(&self) -> Message {
        let what = match self.status {
            AccountStatus::Active => "staff-changed-reactivated",
            AccountStatus::Deactivated => "staff-changed-deactivated",
        };
        Message::new(what).text("by", &self.by).text("at", &self.at.text)
    }
}

/// The last sign-in link a Super-Admin sent to an account: who, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInLinkSent {
    pub by: String,
    pub at: LocalTime,
}

impl Sentence for SignInLinkSent {
    /// "Sign-in link sent by Asha Rao, Thursday, 3 December 2026 at 05:51 IST".
    fn message(&self) -> Message {
        Message::new("staff-link-sent-by").text("by", &self.by).text("at", &self.at.text)
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

impl Sentence for StatusChangeReport {
    /// What the Staff page says after the change.
    fn message(&self) -> Message {
        let name = &self.member.full_name;
        match (self.member.status, self.revoked_invitations) {
            (AccountStatus::Active, _) => Message::new("staff-was-reactivated").text("name", name),
            (AccountStatus::Deactivated, 0) => {
                Message::new("staff-was-deactivated").text("name", name)
            }
            (AccountStatus::Deactivated, n) => {
                Message::new("staff-was-deactivated-revoking").text("name", name).number("count", n)
            }
        }
    }
}
