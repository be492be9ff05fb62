//! The outbox's records: its rows as the sender claims and settles them, as the
//! dashboard and the dev mailbox read them.

use crate::domain::Timestamp;

/// One outbox row, for the sender and for tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxRecord {
    pub id: i64,
    pub invitation_id: Option<i64>,
    pub kind: String,
    pub recipient: String,
    pub payload: Option<String>,
    pub status: String,
    pub attempts: i64,
    pub created_at: Timestamp,
}

/// A message a sender has claimed: it holds the lease until it records an outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimedMessage {
    pub id: i64,
    pub invitation_id: Option<i64>,
    pub kind: String,
    pub recipient: String,
    pub payload: String,
    /// Tries, including this one (a claim released unattempted gives its try back).
    pub attempts: i64,
    /// The claim's fencing token, new at every claim and never reused: an outcome is recorded
    /// only while the message's current claim is this one, so a sender whose lease ran out
    /// and was re-claimed by another cannot overwrite the newer claim's result.
    pub claim: i64,
}

/// What became of a claimed message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MessageOutcome {
    Sent,
    /// A transient failure: try again at `next_at`.
    Retry {
        next_at: Timestamp,
        error: String,
    },
    /// A permanent failure, or the last attempt failed.
    Failed {
        error: String,
    },
    /// Not attempted after all (shutdown): back to the queue, the attempt not counted.
    Released,
    /// Not sent, and never will be: its link stopped working before the send started. Kept
    /// as failed, with the reason.
    Withdrawn {
        reason: String,
    },
}

/// A message as the development mailbox keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DevMail {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    /// The text part, sealed; `None` once its invitation is no longer Pending.
    pub text_body: Option<String>,
    /// The HTML part, sealed; `None` with the text part.
    pub html_body: Option<String>,
    pub created_at: Timestamp,
}

/// The latest message queued for an invitation, as the outbox holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LatestMessage {
    pub invitation_id: i64,
    pub status: MessageStatus,
    pub attempts: i64,
    pub next_attempt_at: Timestamp,
    pub last_error: Option<String>,
    pub sent_at: Option<Timestamp>,
}

/// An outbox row's status column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageStatus {
    Queued,
    Sending,
    Sent,
    Failed,
}

impl MessageStatus {
    pub fn parse(raw: &str) -> Option<Self> {
        Some(match raw {
            "queued" => MessageStatus::Queued,
            "sending" => MessageStatus::Sending,
            "sent" => MessageStatus::Sent,
            "failed" => MessageStatus::Failed,
            _ => return None,
        })
    }
}
