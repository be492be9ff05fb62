//! What the store reads and writes. Server-only: none of these is `Serialize`, and the user
//! record is the only place a password hash lives. Accounts' status and bulk jobs have
//! their own files.

mod accounts;
mod bulk;
mod outbox;
mod passkeys;
mod sign_in_links;

pub use accounts::*;
pub use bulk::*;
pub use outbox::*;
pub use passkeys::*;
pub use sign_in_links::*;

use crate::domain::{
    Cursor, Email, EventAction, Language, Lifecycle, PersonName, PhoneNumber, Role, Timestamp,
    Username,
};

/// Who did something: a signed-in person, or the system itself (bootstrap, the mail sender).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: Option<i64>,
    pub name: String,
}

impl Actor {
    pub fn system() -> Self {
        Self { user_id: None, name: "System".into() }
    }

    pub fn invitee() -> Self {
        Self { user_id: None, name: "Invitee".into() }
    }

    /// A signed-in account, by its name.
    pub fn user(user: &UserRecord) -> Self {
        Self { user_id: Some(user.id), name: user.full_name.clone() }
    }
}

#[derive(Debug, Clone)]
pub struct NewUser {
    pub email: Email,
    pub username: Username,
    pub full_name: PersonName,
    pub phone: Option<PhoneNumber>,
    pub role: Role,
    pub password_hash: String,
}

/// The account fields an invitee supplies; email and role come from the invitation.
#[derive(Debug, Clone)]
pub struct AccountDetails {
    pub username: Username,
    pub full_name: PersonName,
    pub phone: PhoneNumber,
    pub first_way_in: FirstWayIn,
    /// The setup page's language; `None`: the school's.
    pub language: Option<Language>,
}

/// How a new account will sign in: a password (its hash), or a passkey just verified, with
/// the WebAuthn user handle it was made for.
#[derive(Debug, Clone)]
pub enum FirstWayIn {
    Password(String),
    Passkey {
        handle: String,
        passkey: NewPasskey,
    },
    /// A school account the provider has just vouched for.
    SchoolAccount(super::NewSchoolAccount),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRecord {
    pub id: i64,
    pub email: String,
    pub username: String,
    pub full_name: String,
    pub phone: Option<String>,
    pub role: Role,
    /// `None`: the account signs in with passkeys only.
    pub password_hash: Option<String>,
    /// The account's WebAuthn user handle, given with its first passkey.
    pub webauthn_handle: Option<String>,
    pub created_at: Timestamp,
    /// Set while the account is deactivated: it cannot sign in.
    pub deactivated_at: Option<Timestamp>,
    /// Copied into a session at sign-in; a session holding an older one has ended.
    pub session_epoch: i64,
    /// The language it was set up in; `None`: the school's.
    pub language: Option<Language>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvitationRecord {
    pub id: i64,
    pub email: String,
    pub role: Role,
    pub lifecycle: Lifecycle,
    pub invited_by: Option<i64>,
    pub inviter_name: String,
    pub resend_count: i64,
    pub created_at: Timestamp,
    pub sent_at: Timestamp,
    pub expires_at: Timestamp,
    pub accepted_at: Option<Timestamp>,
    pub revoked_at: Option<Timestamp>,
    pub current_token_id: Option<i64>,
    /// When the current link was first opened in a browser.
    pub link_opened_at: Option<Timestamp>,
    /// When the invitee last asked for a new link after the current one expired.
    pub new_link_requested_at: Option<Timestamp>,
    /// The language its email and pages are written in; `None`: the school's.
    pub language: Option<Language>,
}

/// A link found by its token hash, with its invitation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRecord {
    pub token_id: i64,
    pub invitation: InvitationRecord,
}

impl LinkRecord {
    pub fn is_current(&self) -> bool {
        self.invitation.current_token_id == Some(self.token_id)
    }
}

/// A new link: the SHA-256 of its secret, and when it stops working.
#[derive(Debug, Clone)]
pub struct NewLink {
    pub token_hash: [u8; 32],
    pub expires_at: Timestamp,
}

#[derive(Debug, Clone)]
pub struct NewEvent {
    pub action: EventAction,
    pub actor: Actor,
    pub details: String,
}

/// Something the invitee did with a link, noted on the invitation and in its history.
#[derive(Debug, Clone)]
pub struct LinkActivity {
    pub invitation_id: i64,
    pub token_id: i64,
    pub kind: LinkActivityKind,
    pub now: Timestamp,
    pub event: NewEvent,
}

#[derive(Debug, Clone, Copy)]
pub enum LinkActivityKind {
    /// The current, valid link was opened in a browser; noted once per link.
    Opened,
    /// The current link has expired and the invitee asked for a new one; noted at most once
    /// since `quiet_since`.
    NewLinkRequested { quiet_since: Timestamp },
}

/// An email to queue in the outbox, in the same transaction as the change that causes it.
#[derive(Debug, Clone)]
pub struct NewMessage {
    pub kind: &'static str,
    pub recipient: String,
    /// Everything the template needs, as JSON. Wiped once sent: it holds a live link.
    pub payload: String,
    /// When it is to go; `None`: at once. A reminder waits here, in the outbox, for the
    /// moment it is due, so every instance sees it and one sends it.
    pub due_at: Option<Timestamp>,
}

#[derive(Debug, Clone)]
pub struct CreateInvitation {
    pub email: Email,
    pub role: Role,
    /// `None`: the school's language.
    pub language: Option<Language>,
    pub actor: Actor,
    pub now: Timestamp,
    pub link: NewLink,
    pub events: Vec<NewEvent>,
    /// Its link's emails: the invitation, and the reminder due before the link runs out.
    /// None for a link that is handed over another way (the first admin's, printed).
    pub messages: Vec<NewMessage>,
    /// The bulk job row this invitation is for: marked invited in the same transaction, and
    /// the invitation refused (`Conflict::BulkRowDone`) when the row was already done.
    pub bulk_row: Option<BulkRowRef>,
}

/// Why a new link is issued for an existing invitation.
#[derive(Debug, Clone)]
pub enum ReissueKind {
    /// Counted as a resend.
    Resend,
    /// Moves the invitation to `new_email`; only while its link still works. Counted as a
    /// resend when `counted` (an address this invitation was already sent to).
    CorrectEmail { new_email: Email, counted: bool },
    /// Not counted: the first admin's link, printed anew at each start.
    Renew,
}

/// An invitation as a service read it before deciding on a change. The store makes the
/// change only while the invitation is still open and still so, in the same statement that
/// makes it; a racing change in between makes it refuse (`None`), and nothing is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    pub resend_count: i64,
    pub email: String,
}

impl Seen {
    pub fn of(record: &InvitationRecord) -> Self {
        Self { resend_count: record.resend_count, email: record.email.clone() }
    }
}

#[derive(Debug, Clone)]
pub struct Reissue {
    pub invitation_id: i64,
    pub kind: ReissueKind,
    pub seen: Seen,
    pub now: Timestamp,
    pub link: NewLink,
    pub event: NewEvent,
    /// The new link's emails (its reminder included); none for a printed link.
    pub messages: Vec<NewMessage>,
}

#[derive(Debug, Clone)]
pub struct Accept {
    pub token_hash: [u8; 32],
    pub account: AccountDetails,
    /// The address the person chose, for an invitation that lets them (the first admin's).
    pub email: Option<Email>,
    pub now: Timestamp,
    /// Recorded as the new account's (its id is filled in as the account is created).
    pub event: NewEvent,
}

#[derive(Debug, Clone)]
pub struct EventRecord {
    pub at: Timestamp,
    pub actor_name: String,
    pub action: EventAction,
    pub details: String,
}

/// Whether an address is free for a new invitation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmailUse {
    Free,
    UserExists,
    /// An open invitation (Pending or Expired) exists.
    Invited,
}

/// Which invitations a listing wants, in which order, from where.
#[derive(Debug, Clone)]
pub struct InvitationFilter {
    /// The roles to list (none: every role).
    pub roles: Vec<Role>,
    pub lifecycle: Option<Lifecycle>,
    pub expiry: Option<Expiry>,
    /// Part of the address's key (lower case), matched literally.
    pub email_contains: Option<String>,
    pub order: Order,
    /// Keyset: the order's value and id of the last row already shown.
    pub after: Option<Cursor>,
    pub limit: u32,
}

/// Whether an invitation's current link runs out after `at`, or has by `at`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expiry {
    After(Timestamp),
    NotAfter(Timestamp),
    /// After the first, and not after the second: about to run out.
    Between(Timestamp, Timestamp),
}

/// The column a listing is ordered by, and which way (ties broken by id the same way).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Order {
    pub by: OrderBy,
    pub descending: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderBy {
    SentAt,
    ExpiresAt,
}

impl OrderBy {
    /// The record's value of this column, for the next page's cursor.
    pub fn value_of(self, record: &InvitationRecord) -> i64 {
        match self {
            OrderBy::SentAt => record.sent_at.0,
            OrderBy::ExpiresAt => record.expires_at.0,
        }
    }
}

/// How many invitations of some roles are in each stored state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StateCounts {
    pub open: u64,
    /// Of the open ones, those whose link runs out after the time asked about.
    pub open_running: u64,
    /// Of the running ones, those that run out by the second time asked about.
    pub open_soon: u64,
    pub accepted: u64,
    pub revoked: u64,
}
