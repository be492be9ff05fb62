//! With no `SMTP_URL`, messages are kept in the database and shown at `/dev/mailbox`, and
//! the log prints a one-line notice with each link, so a newcomer can follow the flow. The
//! bodies are kept sealed, and only while their invitation is Pending (see migration 0006).

use std::sync::Arc;

use async_trait::async_trait;
use futures::{StreamExt, stream::BoxStream};

use super::{MailTransport, RenderedMail, SendError, SendGate};
use crate::domain::Timestamp;
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
        let mut results = self.keep_all(&[(outbox_id, mail)]).await;
        results.pop().unwrap_or_else(|| Err(SendError::Transient("nothing was kept".into())))
    }

    /// Keeps the round's messages with one write: one turn of the database's writer for the
    /// round, not one per message.
    fn send_all<'a>(
        &'a self,
        mails: &'a [(i64, &'a RenderedMail)],
        gate: &'a dyn SendGate,
    ) -> BoxStream<'a, (usize, Result<(), SendError>)> {
        futures::stream::once(self.keep_all_allowed(mails, gate))
            .flat_map(|results| futures::stream::iter(results.into_iter().enumerate()))
            .boxed()
    }

    fn name(&self) -> &'static str {
        "dev-mailbox"
    }
}

impl DevMailbox {
    /// Asks `gate` for every message (they are all kept at once, so this is when each send
    /// starts), then keeps those allowed with one write; one result each, in order.
    async fn keep_all_allowed(
        &self,
        mails: &[(i64, &RenderedMail)],
        gate: &dyn SendGate,
    ) -> Vec<Result<(), SendError>> {
        let ids: Vec<i64> = mails.iter().map(|(id, _)| *id).collect();
        let verdicts = gate.may_send_all(&ids).await;
        let allowed: Vec<(i64, &RenderedMail)> = mails
            .iter()
            .zip(&verdicts)
            .filter(|(_, verdict)| verdict.is_ok())
            .map(|(mail, _)| *mail)
            .collect();
        let kept = match allowed.is_empty() {
            true => Vec::new(),
            false => self.keep_all(&allowed).await,
        };
        let mut kept = kept.into_iter();
        verdicts
            .into_iter()
            .map(|verdict| match verdict {
                Ok(()) => kept.next().unwrap_or_else(|| {
                    Err(SendError::Transient("the mailbox gave no answer".into()))
                }),
                Err(refused) => Err(refused),
            })
            .collect()
    }

    /// Keeps these messages with one write; one result each, in order.
    async fn keep_all(&self, mails: &[(i64, &RenderedMail)]) -> Vec<Result<(), SendError>> {
        let now = self.clock.now();
        let kept: Result<Vec<(i64, DevMail)>, SendError> =
            mails.iter().map(|(outbox_id, mail)| Ok((*outbox_id, self.keep(mail, now)?))).collect();
        let stored = match kept {
            Ok(kept) => self.store.save_dev_mails(&kept, now).await,
            Err(error) => return vec![Err(error); mails.len()],
        };
        let ids = match stored {
            Ok(ids) => ids,
            Err(error) => return vec![Err(SendError::Transient(error.to_string())); mails.len()],
        };
        for (outbox_id, mail) in mails {
            let id = ids.iter().find(|(o, _)| o == outbox_id).map_or(0, |(_, id)| *id);
            let link =
                mail.text.lines().map(str::trim).find(|l| l.starts_with("http")).unwrap_or("");
            tracing::info!(to = %mail.to, mailbox = %format!("/dev/mailbox/{id}"), "dev mailbox: {} — {link}", mail.subject);
        }
        vec![Ok(()); mails.len()]
    }

    /// A message as the mailbox keeps it: its bodies sealed.
    fn keep(&self, mail: &RenderedMail, now: Timestamp) -> Result<DevMail, SendError> {
        let seal = |purpose, body: &str| {
            self.sealer.seal(purpose, body).map_err(|e| SendError::Transient(e.to_string()))
        };
        Ok(DevMail {
            id: 0,
            recipient: mail.to.clone(),
            subject: mail.subject.clone(),
            text_body: Some(seal(TEXT_PURPOSE, &mail.text)?),
            html_body: Some(seal(HTML_PURPOSE, &mail.html)?),
            created_at: now,
        })
    }
}
