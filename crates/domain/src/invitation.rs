//! Invitations as the dashboard and the invitee see them: status, link state, listing and
//! history. `Expired` is never stored; it is derived from `expires_at` and the clock.

use serde::{Deserialize, Serialize};

use super::{LocalTime, Role, Timestamp};
use crate::message::{Message, Sentence};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvitationStatus {
    Pending,
    Accepted,
    Expired,
    Revoked,
}

/// What the database stores: whether the invitation is still open, or how it ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lifecycle {
    Open,
    Accepted,
    Revoked,
}

impl Lifecycle {
    pub fn as_str(self) -> &'static str {
        match self {
            Lifecycle::Open => "open",
            Lifecycle::Accepted => "accepted",
            Lifecycle::Revoked => "revoked",
        }
    }

    pub fn parse(raw: &str) -> Option<Lifecycle> {
        match raw {
            "open" => Some(Lifecycle::Open),
            "accepted" => Some(Lifecycle::Accepted),
            "revoked" => Some(Lifecycle::Revoked),
            _ => None,
        }
    }
}

impl InvitationStatus {
    pub const ALL: [InvitationStatus; 4] = [
        InvitationStatus::Pending,
        InvitationStatus::Accepted,
        InvitationStatus::Expired,
        InvitationStatus::Revoked,
    ];

    /// The one rule for the status: an open invitation is Pending until its link expires.
    pub fn derive(lifecycle: Lifecycle, expires_at: Timestamp, now: Timestamp) -> Self {
        match lifecycle {
            Lifecycle::Open if now < expires_at => InvitationStatus::Pending,
            Lifecycle::Open => InvitationStatus::Expired,
            Lifecycle::Accepted => InvitationStatus::Accepted,
            Lifecycle::Revoked => InvitationStatus::Revoked,
        }
    }

    /// The wire form, and the `status` a message selects its words on.
    pub fn as_str(self) -> &'static str {
        match self {
            InvitationStatus::Pending => "pending",
            InvitationStatus::Accepted => "accepted",
            InvitationStatus::Expired => "expired",
            InvitationStatus::Revoked => "revoked",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            InvitationStatus::Pending => "Pending",
            InvitationStatus::Accepted => "Accepted",
            InvitationStatus::Expired => "Expired",
            InvitationStatus::Revoked => "Revoked",
        }
    }
}

/// What a setup link is worth right now. Inspecting a link never changes anything.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkState {
    Valid {
        email: String,
        role: Role,
        /// `None` when the system itself invited (the command line).
        inviter_name: Option<String>,
        expires_at: LocalTime,
        /// The person chooses the account's email (only the first admin's link).
        choose_email: bool,
    },
    Expired {
        expired_at: LocalTime,
    },
    AlreadyUsed,
    /// A newer link was sent for the same invitation.
    Superseded,
    Revoked,
    /// Unknown or malformed.
    Invalid,
}

/// One row of the Invites table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationSummary {
    pub id: i64,
    pub email: String,
    pub role: Role,
    pub status: InvitationStatus,
    pub invited_by: String,
    pub created_at: Timestamp,
    /// When the latest link was sent (creation, resend or email correction).
    pub sent_at: LocalTime,
    pub expires_at: LocalTime,
    pub resend_count: u32,
    pub max_resends: u32,
    /// The state of the latest email for this invitation.
    pub delivery: Option<Delivery>,
    /// When the invitee first opened the current link in a browser.
    pub link_opened_at: Option<LocalTime>,
    /// When the invitee asked for a new link after the current one expired; cleared by a
    /// resend.
    pub new_link_requested_at: Option<LocalTime>,
    /// When the invitee set up the account.
    pub accepted_at: Option<LocalTime>,
    /// Pending, and its link runs out within the reminder window (`INVITE_REMINDER_BEFORE`).
    #[serde(default)]
    pub expiring_soon: bool,
}

/// Where the latest email of an invitation is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Delivery {
    Queued,
    Sent {
        at: LocalTime,
    },
    /// Attempt `attempt` failed with `error`; the next try is at `next_at`.
    Retrying {
        attempt: u32,
        next_at: LocalTime,
        error: String,
    },
    Failed {
        reason: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortKey {
    #[default]
    SentDesc,
    SentAsc,
    ExpiresDesc,
    ExpiresAsc,
}

/// Where the next page starts: the sort value and id of the last row shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    pub value: i64,
    pub id: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    pub status: Option<InvitationStatus>,
    /// Only Pending invitations whose link runs out within the reminder window (whatever
    /// `status` says).
    pub expiring_soon: bool,
    pub role: Option<Role>,
    /// Part of an email address, matched ignoring case.
    pub email_contains: Option<String>,
    pub sort: SortKey,
    pub after: Option<Cursor>,
    /// Rows per page; clamped to 1..=200, 50 when unset.
    pub limit: Option<u32>,
}

impl ListQuery {
    pub const DEFAULT_LIMIT: u32 = 50;
    pub const MAX_LIMIT: u32 = 200;

    pub fn page_size(&self) -> u32 {
        self.limit.unwrap_or(Self::DEFAULT_LIMIT).clamp(1, Self::MAX_LIMIT)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationPage {
    pub items: Vec<InvitationSummary>,
    /// Present when more rows follow.
    pub next: Option<Cursor>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct StatusCounts {
    pub all: u64,
    pub pending: u64,
    pub accepted: u64,
    pub expired: u64,
    pub revoked: u64,
    /// Pending ones whose link runs out within the reminder window.
    #[serde(default)]
    pub expiring_soon: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventAction {
    Created,
    Sent,
    Resent,
    EmailCorrected,
    Revoked,
    LinkOpened,
    Accepted,
    Delivered,
    DeliveryRetrying,
    DeliveryFailed,
    /// The email was not sent: its link had stopped working before the send would start.
    NotSent,
    NewLinkRequested,
    /// The reminder before the link runs out went to the invitee.
    ReminderSent,
}

impl EventAction {
    pub fn as_str(self) -> &'static str {
        match self {
            EventAction::Created => "created",
            EventAction::Sent => "sent",
            EventAction::Resent => "resent",
            EventAction::EmailCorrected => "email_corrected",
            EventAction::Revoked => "revoked",
            EventAction::LinkOpened => "link_opened",
            EventAction::Accepted => "accepted",
            EventAction::Delivered => "delivered",
            EventAction::DeliveryRetrying => "delivery_retrying",
            EventAction::DeliveryFailed => "delivery_failed",
            EventAction::NotSent => "not_sent",
            EventAction::NewLinkRequested => "new_link_requested",
            EventAction::ReminderSent => "reminder_sent",
        }
    }

    pub fn parse(raw: &str) -> Option<EventAction> {
        [
            EventAction::Created,
            EventAction::Sent,
            EventAction::Resent,
            EventAction::EmailCorrected,
            EventAction::Revoked,
            EventAction::LinkOpened,
            EventAction::Accepted,
            EventAction::Delivered,
            EventAction::DeliveryRetrying,
            EventAction::DeliveryFailed,
            EventAction::NotSent,
            EventAction::NewLinkRequested,
            EventAction::ReminderSent,
        ]
        .into_iter()
        .find(|action| action.as_str() == raw)
    }
}

/// A cheap fingerprint of everything the Invites page shows, for its live updates: the
/// newest event (every change to an invitation, its delivery included, writes one) and the
/// next moment a Pending invitation turns Expired or "Expiring soon". The page reloads its
/// rows only when the fingerprint moves or that moment passes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ChangeStamp {
    pub last_event: i64,
    /// The next moment a row changes by itself: a link running out, or coming within the
    /// "Expiring soon" window of its end.
    pub next_expiry: Option<Timestamp>,
}

impl ChangeStamp {
    /// Whether the rows shown at `self` are out of date by `now` given the `latest` stamp.
    pub fn is_stale(&self, latest: &ChangeStamp, now: Timestamp) -> bool {
        self.last_event != latest.last_event || self.next_expiry.is_some_and(|at| at <= now)
    }
}

/// The admin's live check of an address while typing it into "Invite User".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum EmailAvailability {
    Available,
    /// "A user with this email already exists".
    UserExists,
    /// "Already invited: resend instead".
    AlreadyInvited,
    /// Not an email address: why.
    Invalid(crate::message::Message),
}

/// One entry of an invitation's audit history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEvent {
    pub at: LocalTime,
    /// Who did it: a person's name, "Invitee" or "System".
    pub actor: String,
    pub action: EventAction,
    pub details: String,
}

/// How the dashboard names a status: "Pending".
impl Sentence for InvitationStatus {
    fn message(&self) -> Message {
        Message::new(match self {
            InvitationStatus::Pending => "invite-status-pending",
            InvitationStatus::Accepted => "invite-status-accepted",
            InvitationStatus::Expired => "invite-status-expired",
            InvitationStatus::Revoked => "invite-status-revoked",
        })
    }
}

/// How the History panel names an event: "Link sent".
impl Sentence for EventAction {
    fn message(&self) -> Message {
        Message::new(match self {
            EventAction::Created => "invite-event-created",
            EventAction::Sent => "invite-event-sent",
            EventAction::Resent => "invite-event-resent",
            EventAction::EmailCorrected => "invite-event-email_corrected",
            EventAction::Revoked => "invite-event-revoked",
            EventAction::LinkOpened => "invite-event-link_opened",
            EventAction::Accepted => "invite-event-accepted",
            EventAction::Delivered => "invite-event-delivered",
            EventAction::DeliveryRetrying => "invite-event-delivery_retrying",
            EventAction::DeliveryFailed => "invite-event-delivery_failed",
            EventAction::NotSent => "invite-event-not_sent",
            EventAction::NewLinkRequested => "invite-event-new_link_requested",
            EventAction::ReminderSent => "invite-event-reminder_sent",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expired_is_derived_from_the_clock() {
        let expires = Timestamp(1_000);
        let derive = |lifecycle, now| InvitationStatus::derive(lifecycle, expires, Timestamp(now));
        assert_eq!(derive(Lifecycle::Open, 999), InvitationStatus::Pending);
        assert_eq!(derive(Lifecycle::Open, 1_000), InvitationStatus::Expired);
        assert_eq!(derive(Lifecycle::Accepted, 5_000), InvitationStatus::Accepted);
        assert_eq!(derive(Lifecycle::Revoked, 0), InvitationStatus::Revoked);
    }

    #[test]
    fn event_actions_round_trip() {
        for action in [EventAction::Created, EventAction::EmailCorrected, EventAction::LinkOpened] {
            assert_eq!(EventAction::parse(action.as_str()), Some(action));
        }
        assert_eq!(EventAction::parse("nope"), None);
    }

    #[test]
    fn page_size_is_clamped() {
        let query = |limit| ListQuery { limit, ..ListQuery::default() };
        assert_eq!(query(None).page_size(), 50);
        assert_eq!(query(Some(0)).page_size(), 1);
        assert_eq!(query(Some(10_000)).page_size(), 200);
    }
}
