//! The inviter is told: each day at `EXPIRY_DIGEST_AT` on the school's clocks, every
//! Super-Admin (with the digest on) who sent invitations that expired since their last digest
//! gets one email listing them, with a link to Invites filtered to Expired. Every instance
//! looks once a minute; the database decides who queues each digest (`Store::queue_digest`),
//! and a server that was down at that time queues it when it is back.

use std::{sync::Arc, time::Duration};

use tokio::sync::{Notify, watch};
use url::Url;

use crate::server::{
    clock::Clock,
    mail::{
        digest::{DigestMessage, Expired, LISTED},
        message::MessageKind,
    },
    school::SchoolZone,
    store::{DueDigest, ExpiredInvitation, NewMessage, Store, StoreError},
};

/// How often an instance looks for digests due.
const LOOK_EVERY: Duration = Duration::from_secs(60);

pub struct ExpiryDigests {
    store: Arc<Store>,
    clock: Arc<dyn Clock>,
    zone: SchoolZone,
    /// The time of day they go (`EXPIRY_DIGEST_AT`).
    at: jiff::civil::Time,
    public_url: Url,
    outbox_wake: Arc<Notify>,
}

impl ExpiryDigests {
    pub fn new(
        store: Arc<Store>,
        clock: Arc<dyn Clock>,
        zone: SchoolZone,
        at: jiff::civil::Time,
        public_url: Url,
        outbox_wake: Arc<Notify>,
    ) -> Self {
        Self { store, clock, zone, at, public_url, outbox_wake }
    }

    /// Queues the digests due now: those of the latest `EXPIRY_DIGEST_AT`, each telling the
    /// expiries since its admin's last one (since the account was made, for a first).
    /// Returns how many this call queued (another instance may have queued the others).
    pub async fn queue_due(&self) -> Result<usize, StoreError> {
        let now = self.clock.now();
        let Some(slot) = self.zone.latest_daily(now, self.at) else { return Ok(0) };
        let mut queued = 0;
        for due in self.store.due_digests(slot).await? {
            let write = |expired: &[ExpiredInvitation]| self.message(&due, expired);
            if self.store.queue_digest(&due, slot, write, now).await? {
                tracing::info!(admin = due.user_id, "expired invitations' digest queued");
                queued += 1;
            }
        }
        if queued > 0 {
            self.outbox_wake.notify_one();
        }
        Ok(queued)
    }

    fn message(&self, due: &DueDigest, expired: &[ExpiredInvitation]) -> NewMessage {
        let base = self.public_url.as_str().trim_end_matches('/');
        let listed = &expired[..expired.len().min(LISTED)];
        let digest = DigestMessage {
            to: due.email.clone(),
            name: due.full_name.clone(),
            language: due.language.clone(),
            expired: listed
                .iter()
                .map(|e| Expired { email: e.email.clone(), expired_at: e.expires_at })
                .collect(),
            more: u32::try_from(expired.len() - listed.len()).unwrap_or(u32::MAX),
            invites_link: format!("{base}/modules/staff/invites?status=expired"),
            account_link: format!("{base}/account"),
        };
        NewMessage {
            kind: MessageKind::ExpiryDigest.as_str(),
            recipient: due.email.clone(),
            payload: digest.to_json(),
            due_at: None,
        }
    }

    /// Whether `user_id` gets the digest.
    pub async fn is_on(&self, user_id: i64) -> Result<bool, StoreError> {
        self.store.expiry_digest(user_id).await
    }

    /// Turns `user_id`'s digest on or off (on again: from now, not what expired meanwhile).
    pub async fn set(&self, user_id: i64, on: bool) -> Result<(), StoreError> {
        self.store.set_expiry_digest(user_id, on, self.clock.now()).await
    }

    /// Looks every minute until `shutdown` turns true.
    pub async fn run(self: Arc<Self>, mut shutdown: watch::Receiver<bool>) {
        while !*shutdown.borrow() {
            if let Err(error) = self.queue_due().await {
                tracing::warn!(%error, "could not queue the expired invitations' digests");
            }
            tokio::select! {
                () = tokio::time::sleep(LOOK_EVERY) => {},
                _ = shutdown.changed() => {},
            }
        }
    }
}
