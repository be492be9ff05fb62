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

    /// "smtp" or "dev-mailbox", for logs.
    fn name(&self) -> &'static str;
}
