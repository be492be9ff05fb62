//! Delivery over SMTP with lettre's pooled async transport, configured by `SMTP_URL`.

use std::time::Duration;

use async_trait::async_trait;
use lettre::{
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{Mailbox, MultiPart},
    transport::smtp::PoolConfig,
};

use super::{MailTransport, RenderedMail, SendError};

/// How long one SMTP exchange may take before it counts as a (transient) failure.
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

pub struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    /// One permit per connection: lettre's pool keeps at most `pool_size` idle connections
    /// but opens a new one for every send that finds none idle, so without this a round of
    /// 128 messages would open 128 connections to the relay (which may refuse them).
    connections: tokio::sync::Semaphore,
    /// The most connections at once, and so the most sends of a round at once.
    pool_size: usize,
}

impl SmtpMailer {
    /// `smtp://host:port`, `smtp://user:pass@host:587?tls=required` (STARTTLS) or
    /// `smtps://user:pass@host:465` (implicit TLS). The error names what is wrong.
    pub fn from_url(url: &str, from: Mailbox, pool_size: u32) -> Result<Self, String> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| e.to_string())?
            .timeout(Some(SMTP_TIMEOUT))
            .pool_config(PoolConfig::new().max_size(pool_size))
            .build();
        let pool_size = pool_size.max(1) as usize;
        let connections = tokio::sync::Semaphore::new(pool_size);
        Ok(Self { transport, from, connections, pool_size })
    }
}

impl SmtpMailer {
    /// `<random@sender-domain>`: unique, and tied to the domain that sends it.
    fn message_id(&self) -> String {
        let mut bytes = [0u8; 16];
        let _ = getrandom::fill(&mut bytes);
        format!("<{}@{}>", crate::server::secrets::hex(&bytes), self.from.email.domain())
    }
}

#[async_trait]
impl MailTransport for SmtpMailer {
    async fn send(&self, _outbox_id: i64, mail: &RenderedMail) -> Result<(), SendError> {
        let to: Mailbox = mail
            .to
            .parse()
            .map_err(|e| SendError::Permanent(format!("invalid recipient {:?}: {e}", mail.to)))?;
        let message = Message::builder()
            .message_id(Some(self.message_id()))
            .from(self.from.clone())
            .to(to)
            .subject(&mail.subject)
            .multipart(MultiPart::alternative_plain_html(mail.text.clone(), mail.html.clone()))
            .map_err(|e| SendError::Permanent(format!("could not build the message: {e}")))?;
        let _connection = self
            .connections
            .acquire()
            .await
            .map_err(|_| SendError::Transient("the mail transport is shutting down".into()))?;
        match self.transport.send(message).await {
            Ok(_) => Ok(()),
            Err(e) if e.is_permanent() => Err(SendError::Permanent(describe(&e))),
            Err(e) => Err(SendError::Transient(describe(&e))),
        }
    }

    fn concurrency(&self) -> usize {
        self.pool_size
    }

    fn name(&self) -> &'static str {
        "smtp"
    }
}

/// The error with its causes, e.g. "Connection error: Connection refused (os error 111)".
fn describe(error: &lettre::transport::smtp::Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}
