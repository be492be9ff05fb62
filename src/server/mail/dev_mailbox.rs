//! With no `SMTP_URL`, messages are kept in the database and shown at `/dev/mailbox`, and
//! the log prints a one-line notice with each link, so a newcomer can follow the flow. The
//! bodies are kept sealed, and only while their invitation is Pending (see migration 0006).

use std::sync::Arc;

use async_trait::async_trait;

use super::{MailTransport, RenderedMail, SendError};
use crate::server::{
    clock::Clock,
    secrets::{SealError, Sealer},
    store::{DevMail, Store},
};

const TEXT_PURPOSE: &str = "dev mailbox text";
const HTML_PURPOSE: &str = "dev mailbox html";

pub struct DevMailbox {
    store: Arc<Store>,
    clock: Arc<dyn Clock>,
    sealer: Sealer,
}

impl DevMailbox {
    pub fn new(store: Arc<Store>, clock: Arc<dyn Clock>, sealer: Sealer) -> Self {
        Self { store, clock, sealer }
    }
}

/// A kept message's parts, opened: `None` once they were wiped.
pub struct OpenedMail {
    pub text: String,
    pub html: String,
}

/// Opens the sealed parts of a kept message.
pub fn open(sealer: &Sealer, mail: &DevMail) -> Result<Option<OpenedMail>, SealError> {
    let (Some(text), Some(html)) = (&mail.text_body, &mail.html_body) else { return Ok(None) };
    Ok(Some(OpenedMail {
        text: sealer.open(TEXT_PURPOSE, text)?,
        html: sealer.open(HTML_PURPOSE, html)?,
    }))
}

#[async_trait]
impl MailTransport for DevMailbox {
    async fn send(&self, outbox_id: i64, mail: &RenderedMail) -> Result<(), SendError> {
        let now = self.clock.now();
        let seal = |purpose, body: &str| {
            self.sealer.seal(purpose, body).map_err(|e| SendError::Transient(e.to_string()))
        };
        let kept = DevMail {
            id: 0,
            recipient: mail.to.clone(),
            subject: mail.subject.clone(),
            text_body: Some(seal(TEXT_PURPOSE, &mail.text)?),
            html_body: Some(seal(HTML_PURPOSE, &mail.html)?),
            created_at: now,
        };
        let id = self
            .store
            .save_dev_mail(outbox_id, &kept, now)
            .await
            .map_err(|e| SendError::Transient(e.to_string()))?;
        let link = mail.text.lines().map(str::trim).find(|l| l.starts_with("http")).unwrap_or("");
        tracing::info!(to = %mail.to, mailbox = %format!("/dev/mailbox/{id}"), "dev mailbox: {} — {link}", mail.subject);
        Ok(())
    }

    fn name(&self) -> &'static str {
        "dev-mailbox"
    }
}
