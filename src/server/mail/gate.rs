//! The last word before a send starts: a message whose link no longer works (its invitation
//! revoked, accepted or expired, or the link replaced by a newer one; a sign-in link used,
//! replaced or expired, or its account deactivated) is not sent. This is also where a
//! reminder, queued with its link and due hours later, is decided: it goes only if that link
//! is still the invitation's working one when it is due. Asked by
//! the transport at the moment each send starts, not when the round was claimed: behind a
//! slow mail server a message may wait minutes for a connection.

use std::{collections::HashMap, future::Future, sync::Arc};

use async_trait::async_trait;

use super::{
    SendError,
    message::{InvitationMessage, MessageKind, SignInLinkMessage},
};
use crate::domain::{Lifecycle, Timestamp};
use crate::server::{
    clock::Clock,
    secrets::Sealer,
    services::tokens::hash_token,
    store::{ClaimedMessage, LinkRecord, Store, StoreError},
};

/// Asked just before a message's send starts, with its outbox id: `Withdrawn` when it must
/// not go after all, `Transient` when that can't be told now.
#[async_trait]
pub trait SendGate: Send + Sync {
    async fn may_send(&self, outbox_id: i64) -> Result<(), SendError>;

    /// The same for several messages whose sends start together, in their order: a transport
    /// that keeps a whole round at once (the dev mailbox) asks once, not once a message.
    async fn may_send_all(&self, outbox_ids: &[i64]) -> Vec<Result<(), SendError>> {
        futures::future::join_all(outbox_ids.iter().map(|id| self.may_send(*id))).await
    }
}

/// Lets every message go (for callers that send what has no link).
pub struct Ungated;

#[async_trait]
impl SendGate for Ungated {
    async fn may_send(&self, _outbox_id: i64) -> Result<(), SendError> {
        Ok(())
    }
}

/// Link lookups the gate runs at once: each is a read of well under a millisecond, so two
/// keep up with any mail server, and leave the database's connections to the requests (32
/// at once, one per send starting, once kept SQLite's 8 readers busy while a bulk invite's
/// emails went out, and a page waited behind them).
const LOOKUPS_AT_ONCE: usize = 2;

/// The outbox sender's gate: a message goes only while the link it carries still works.
pub struct LiveLinks {
    store: Arc<Store>,
    clock: Arc<dyn Clock>,
    /// The SHA-256 of the link each claimed message carries, by outbox id.
    links: HashMap<i64, [u8; 32]>,
    /// The same, for the claimed sign-in links' emails.
    sign_in_links: HashMap<i64, [u8; 32]>,
    lookups: Arc<tokio::sync::Semaphore>,
}

impl LiveLinks {
    /// The gate for these claims; a claim whose link can't be read is let through to the
    /// renderer, which fails it with its own reason.
    pub fn new(
        store: Arc<Store>,
        clock: Arc<dyn Clock>,
        sealer: &Sealer,
        claims: &[ClaimedMessage],
    ) -> Self {
        let kind = |claim: &ClaimedMessage| MessageKind::parse(&claim.kind);
        let sign_in = |claim: &ClaimedMessage| kind(claim) == Some(MessageKind::SignInLink);
        let links = claims
            .iter()
            .filter(|claim| kind(claim).is_some_and(MessageKind::carries_invitation_link))
            .filter_map(|claim| {
                let link = InvitationMessage::from_json(&claim.payload).ok()?.link(sealer).ok()?;
                let token = link.rsplit_once("/invite/")?.1;
                Some((claim.id, hash_token(token)?))
            })
            .collect();
        let sign_in_links = claims
            .iter()
            .filter(|claim| sign_in(claim))
            .filter_map(|claim| {
                let link = SignInLinkMessage::from_json(&claim.payload).ok()?.link(sealer).ok()?;
                let token = link.rsplit_once("/sign-in/")?.1;
                Some((claim.id, hash_token(token)?))
            })
            .collect();
        let lookups = Arc::new(tokio::sync::Semaphore::new(LOOKUPS_AT_ONCE));
        Self { store, clock, links, sign_in_links, lookups }
    }

    /// Runs one of the store's lookups in a task of its own, at its turn: the sender stops
    /// polling the stream of sends (and so this call) while it records outcomes, and a lookup
    /// suspended mid-query would keep its pooled connection; 32 of them held every connection
    /// the recording was waiting for.
    async fn lookup<T, Run, Found>(&self, run: Run) -> Result<T, String>
    where
        T: Send + 'static,
        Run: FnOnce(Arc<Store>) -> Found + Send + 'static,
        Found: Future<Output = Result<T, StoreError>> + Send + 'static,
    {
        let (store, lookups) = (self.store.clone(), self.lookups.clone());
        tokio::spawn(async move {
            let _turn = lookups.acquire_owned().await;
            run(store).await
        })
        .await
        .map_err(|error| error.to_string())?
        .map_err(|error| error.to_string())
    }
}

#[async_trait]
impl SendGate for LiveLinks {
    async fn may_send(&self, outbox_id: i64) -> Result<(), SendError> {
        if let Some(hash) = self.sign_in_links.get(&outbox_id).copied() {
            let now = self.clock.now();
            let link = self
                .lookup(move |store| async move { store.find_sign_in_link(&hash, now).await })
                .await
                .map_err(unchecked)?;
            return match link {
                Some(_) => Ok(()),
                None => Err(SendError::Withdrawn(
                    "the sign-in link was used, replaced or expired, or its account deactivated, \
                     before its email went out"
                        .to_owned(),
                )),
            };
        }
        let Some(hash) = self.links.get(&outbox_id).copied() else { return Ok(()) };
        let link = self
            .lookup(move |store| async move { store.find_link(&hash).await })
            .await
            .map_err(unchecked)?;
        verdict(link.as_ref(), self.clock.now())
    }

    /// The invitations' links of the whole round in one lookup; a sign-in link's email is
    /// asked about on its own, as in `may_send`.
    async fn may_send_all(&self, outbox_ids: &[i64]) -> Vec<Result<(), SendError>> {
        let hashes: Vec<[u8; 32]> =
            outbox_ids.iter().filter_map(|id| self.links.get(id).copied()).collect();
        let links: Result<HashMap<[u8; 32], LinkRecord>, String> = match hashes.is_empty() {
            true => Ok(HashMap::new()),
            false => self
                .lookup(move |store| async move { store.find_links(&hashes).await })
                .await
                .map(|found| found.into_iter().collect()),
        };
        let now = self.clock.now();
        let mut verdicts = Vec::with_capacity(outbox_ids.len());
        for id in outbox_ids {
            verdicts.push(match (self.links.get(id), &links) {
                (Some(hash), Ok(links)) => verdict(links.get(hash), now),
                (Some(_), Err(error)) => Err(unchecked(error.clone())),
                (None, _) => self.may_send(*id).await,
            });
        }
        verdicts
    }
}

/// A message whose link can't be looked up now waits for its next attempt.
fn unchecked(why: String) -> SendError {
    SendError::Transient(format!("could not check the link before sending: {why}"))
}

/// Whether an invitation's email may go, by the link it carries (`None`: no such link).
fn verdict(link: Option<&LinkRecord>, now: Timestamp) -> Result<(), SendError> {
    let withdrawn = |why: &str| Err(SendError::Withdrawn(why.to_owned()));
    let Some(link) = link else { return withdrawn("its link no longer exists") };
    match link.invitation.lifecycle {
        Lifecycle::Revoked => withdrawn("the invitation was revoked before its email went out"),
        Lifecycle::Accepted => withdrawn("the invitation was accepted before its email went out"),
        Lifecycle::Open if !link.is_current() => {
            withdrawn("a newer link replaced this one before it went out")
        }
        Lifecycle::Open if link.invitation.expires_at <= now => {
            withdrawn("its link expired before it went out")
        }
        Lifecycle::Open => Ok(()),
    }
}
