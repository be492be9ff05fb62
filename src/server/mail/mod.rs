//! Email: templates, transports (SMTP, or the development mailbox when no SMTP is
//! configured) and the outbox sender that moves queued messages to a transport.

pub mod dev_mailbox;
pub mod digest;
pub mod gate;
pub mod message;
pub mod sender;
pub mod smtp;
pub mod templates;
pub mod web;

use async_trait::async_trait;
use futures::{StreamExt, stream::BoxStream};

pub use gate::{SendGate, Ungated};
pub use templates::RenderedMail;

/// Why a message was not delivered. Transient failures are retried; permanent ones are not.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    #[error("{0}")]
    Transient(String),
    #[error("{0}")]
    Permanent(String),
    /// Not sent at all: the gate said its link no longer works, and why.
    #[error("{0}")]
    Withdrawn(String),
}

#[async_trait]
pub trait MailTransport: Send + Sync + 'static {
    /// Delivers one message. `outbox_id` identifies it for the development mailbox.
    async fn send(&self, outbox_id: i64, mail: &RenderedMail) -> Result<(), SendError>;

    /// How many sends this transport runs at once.
    fn concurrency(&self) -> usize {
        32
    }

    /// Delivers a round of messages, yielding each one's result (with its place in `mails`)
    /// as it ends. By default they go one by one, `concurrency` side by side, each asking
    /// `gate` the moment its send starts (when a place frees up, not when the round began);
    /// a transport that takes them at once (the dev mailbox: one write) asks for all first and
    /// yields them together.
    fn send_all<'a>(
        &'a self,
        mails: &'a [(i64, &'a RenderedMail)],
        gate: &'a dyn SendGate,
    ) -> BoxStream<'a, (usize, Result<(), SendError>)> {
        futures::stream::iter(mails.iter().enumerate())
            .map(move |(place, (outbox_id, mail))| async move {
                if let Err(refused) = gate.may_send(*outbox_id).await {
                    return (place, Err(refused));
                }
                (place, self.send(*outbox_id, mail).await)
            })
            .buffer_unordered(self.concurrency().max(1))
            .boxed()
    }

    /// "smtp" or "dev-mailbox", for logs.
    fn name(&self) -> &'static str;
}
