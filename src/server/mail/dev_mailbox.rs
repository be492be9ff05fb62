//! With no `SMTP_URL`, messages are kept in the database and shown at `/dev/mailbox`, and
//! the log prints a one-line notice with each link, so a newcomer can follow the flow.

use std::sync::Arc;

use async_trait::async_trait;

use super::{MailTransport, RenderedMail, SendError};
use crate::server::{
    clock::Clock,
    store::{DevMail, Store},
};

pub struct DevMailbox {
    store: Arc<dyn Store>,
    clock: Arc<dyn Clock>,
}

impl DevMailbox {
    pub fn new(store: Arc<dyn Store>, clock: Arc<dyn Clock>) -> Self {
        Self { store, clock }
    }
}

#[async_trait]
impl MailTransport for DevMailbox {
    async fn send(&self, outbox_id: i64, mail: &RenderedMail) -> Result<(), SendError> {
        let now = self.clock.now();
        let kept = DevMail {
            id: 0,
            recipient: mail.to.clone(),
            subject: mail.subject.clone(),
            text_body: mail.text.clone(),
            html_body: mail.html.clone(),
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
