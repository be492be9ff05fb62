//! Email: templates, transports (SMTP, or the development mailbox when no SMTP is
//! configured) and the outbox sender that moves queued messages to a transport.

pub mod dev_mailbox;
pub mod message;
pub mod sender;
pub mod smtp;
pub mod templates;
pub mod web;

use async_trait::async_trait;

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

    /// Delivers a round of messages: one result each, in order. By default they go one by
    /// one, side by side; a transport that takes them at once (the dev mailbox: one write)
    /// does so here.
    async fn send_all(&self, mails: &[(i64, &RenderedMail)]) -> Vec<Result<(), SendError>> {
        futures::future::join_all(mails.iter().map(|(outbox_id, mail)| self.send(*outbox_id, mail)))
            .await
    }

    /// "smtp" or "dev-mailbox", for logs.
    fn name(&self) -> &'static str;
}
