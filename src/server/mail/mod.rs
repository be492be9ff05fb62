//! Email: templates, transports (SMTP, or the development mailbox when no SMTP is
//! configured) and the outbox sender that moves queued messages to a transport.

pub mod dev_mailbox;
pub mod message;
pub mod sender;
pub mod smtp;
pub mod templates;
pub mod web;

use async_trait::async_trait;
use futures::{StreamExt, stream::BoxStream, stream::FuturesUnordered};

pub use templates::RenderedMail;

/// Why a message was not delivered. Transient failures are retried; permanent ones are not.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    #[error("{0}")]
    Transient(String),
    #[error("{0}")]
    Permanent(String),
}

#[async_trait]
pub trait MailTransport: Send + Sync + 'static {
    /// Delivers one message. `outbox_id` identifies it for the development mailbox.
    async fn send(&self, outbox_id: i64, mail: &RenderedMail) -> Result<(), SendError>;

    /// Delivers a round of messages, yielding each one's result (with its place in `mails`)
    /// as it ends. By default they go one by one, side by side; a transport that takes them at
    /// once (the dev mailbox: one write) yields them together.
    fn send_all<'a>(
        &'a self,
        mails: &'a [(i64, &'a RenderedMail)],
    ) -> BoxStream<'a, (usize, Result<(), SendError>)> {
        mails
            .iter()
            .enumerate()
            .map(|(place, (outbox_id, mail))| async move { (place, self.send(*outbox_id, mail).await) })
            .collect::<FuturesUnordered<_>>()
            .boxed()
    }

    /// "smtp" or "dev-mailbox", for logs.
    fn name(&self) -> &'static str;
}
