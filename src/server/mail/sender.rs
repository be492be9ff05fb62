//! The outbox sender: a background task that claims due messages, renders and sends them,
//! and records each outcome. Transient failures retry with exponential backoff and jitter;
//! permanent ones (SMTP 5xx) and exhausted retries end as Failed with the server's reason.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::Duration,
};

use futures::{FutureExt, StreamExt};
use tokio::sync::{Notify, watch};

use super::{MailTransport, SendError, gate::LiveLinks, message::MessageKind, templates};
use crate::domain::EventAction;
use crate::server::{
    clock::Clock,
    school::{School, SchoolZone},
    secrets::Sealer,
    store::{Actor, ClaimedMessage, MessageOutcome, NewEvent, Store, StoreError},
};

#[derive(Debug, Clone)]
pub struct OutboxConfig {
    /// Messages claimed (and sent concurrently) per round.
    pub batch: u32,
    /// How long a claim lasts; a sender that dies mid-send loses its claim after this.
    pub lease: Duration,
    /// How often to look for due messages when nobody wakes the sender.
    pub poll: Duration,
    /// The first retry's delay; each later one doubles, up to `max_delay`.
    pub retry_base: Duration,
    pub max_delay: Duration,
    /// Attempts before a transient failure becomes Failed.
    pub max_attempts: u32,
    /// How long shutdown waits for sends in flight before releasing them.
    pub shutdown_grace: Duration,
}

impl Default for OutboxConfig {
    fn default() -> Self {
        Self {
            batch: 128,
            lease: Duration::from_secs(300),
            poll: Duration::from_secs(1),
            retry_base: Duration::from_secs(5),
            max_delay: Duration::from_secs(3600),
            max_attempts: 8,
            shutdown_grace: Duration::from_secs(10),
        }
    }
}

pub struct OutboxSender {
    store: Arc<Store>,
    transport: Arc<dyn MailTransport>,
    clock: Arc<dyn Clock>,
    config: OutboxConfig,
    school: School,
    /// Opens each message's sealed link to render it.
    sealer: Sealer,
    wake: Arc<Notify>,
    in_flight: Mutex<HashMap<i64, ClaimedMessage>>,
}

impl OutboxSender {
    pub fn new(
        store: Arc<Store>,
        transport: Arc<dyn MailTransport>,
        clock: Arc<dyn Clock>,
        config: OutboxConfig,
        school: School,
        sealer: Sealer,
        wake: Arc<Notify>,
    ) -> Self {
        Self { store, transport, clock, config, school, sealer, wake, in_flight: Mutex::default() }
    }

    /// Claims one batch of due messages and delivers them; returns how many it handled.
    pub async fn drain_once(&self) -> Result<usize, StoreError> {
        let now = self.clock.now();
        let claimed =
            self.store.claim_messages(now, now.plus(self.config.lease), self.config.batch).await?;
        let count = claimed.len();
        {
            let mut in_flight = self.in_flight.lock().unwrap_or_else(|e| e.into_inner());
            for message in &claimed {
                in_flight.insert(message.id, message.clone());
            }
        }
        self.deliver(claimed).await;
        Ok(count)
    }

    /// Sends until the outbox has nothing due (for tests, benchmarks and the CLI).
    pub async fn drain_all(&self) -> Result<usize, StoreError> {
        let mut total = 0;
        loop {
            let handled = self.drain_once().await?;
            if handled == 0 {
                return Ok(total);
            }
            total += handled;
        }
    }

    /// Renders and sends a round of claimed messages, recording each outcome as its send
    /// ends: those that ended together in one short transaction, so a round takes a few turns
    /// of the database's one writer, not a few per message, and a message sent is recorded
    /// at once (a crash sends again only what was still in flight).
    async fn deliver(&self, claims: Vec<ClaimedMessage>) {
        let now = self.clock.now();
        let rendered: Vec<_> = claims
            .iter()
            .map(|c| templates::render(&c.kind, &c.payload, &self.school, now, &self.sealer))
            .collect();
        let (mut owners, mut mails, mut unrendered) = (Vec::new(), Vec::new(), Vec::new());
        for (claim, mail) in claims.iter().zip(&rendered) {
            match mail {
                Ok(mail) => {
                    owners.push(claim);
                    mails.push((claim.id, mail));
                }
                Err(e) => unrendered
                    .push((claim.clone(), MessageOutcome::Failed { error: e.to_string() })),
            }
        }
        if !unrendered.is_empty() {
            self.record(&unrendered).await;
        }
        let mut answered = vec![false; mails.len()];
        let gate = LiveLinks::new(self.store.clone(), self.clock.clone(), &self.sealer, &claims);
        let mut sends = self.transport.send_all(&mails, &gate);
        while let Some(first) = sends.next().await {
            let mut ended = vec![first];
            while let Some(Some(another)) = sends.next().now_or_never() {
                ended.push(another);
            }
            let outcomes: Vec<_> = ended
                .into_iter()
                .filter_map(|(place, result)| {
                    let claim = *owners.get(place)?;
                    *answered.get_mut(place)? = true;
                    Some((claim.clone(), self.outcome_of(claim, result)))
                })
                .collect();
            self.record(&outcomes).await;
        }
        // A transport that answered for fewer messages than it was given: try those again.
        let unanswered: Vec<_> = owners
            .iter()
            .zip(&answered)
            .filter(|(_, answered)| !**answered)
            .map(|(claim, _)| {
                let error = SendError::Transient("the transport gave no answer".into());
                ((*claim).clone(), self.outcome_of(claim, Err(error)))
            })
            .collect();
        if !unanswered.is_empty() {
            self.record(&unanswered).await;
        }
    }

    /// What a send's result means for the claim.
    fn outcome_of(&self, claim: &ClaimedMessage, result: Result<(), SendError>) -> MessageOutcome {
        match result {
            Ok(()) => MessageOutcome::Sent,
            Err(SendError::Withdrawn(reason)) => MessageOutcome::Withdrawn { reason },
            Err(SendError::Permanent(error)) => MessageOutcome::Failed { error },
            Err(SendError::Transient(error))
                if claim.attempts >= i64::from(self.config.max_attempts) =>
            {
                MessageOutcome::Failed {
                    error: format!("gave up after {} attempts: {error}", claim.attempts),
                }
            }
            Err(SendError::Transient(error)) => {
                let next_at = self.clock.now().plus(self.backoff(claim.attempts));
                MessageOutcome::Retry { next_at, error }
            }
        }
    }

    fn log(&self, claim: &ClaimedMessage, outcome: &MessageOutcome) {
        match outcome {
            MessageOutcome::Sent => {
                tracing::info!(message = claim.id, via = self.transport.name(), "email sent")
            }
            MessageOutcome::Retry { error, next_at } => {
                tracing::warn!(message = claim.id, attempt = claim.attempts, %error, retry_at = %self.school.zone.wording(*next_at), "email not sent; will retry")
            }
            MessageOutcome::Failed { error } => {
                tracing::error!(message = claim.id, %error, "email failed")
            }
            MessageOutcome::Withdrawn { reason } => {
                tracing::info!(message = claim.id, %reason, "email not sent")
            }
            MessageOutcome::Released => {}
        }
    }

    /// Logs and records these outcomes, with their history events, and forgets the claims.
    async fn record(&self, ended: &[(ClaimedMessage, MessageOutcome)]) {
        for (claim, outcome) in ended {
            self.log(claim, outcome);
        }
        let events: Vec<Option<NewEvent>> = ended
            .iter()
            .map(|(claim, outcome)| event_of(claim, outcome, &self.school.zone))
            .collect();
        let finished: Vec<_> = ended
            .iter()
            .zip(&events)
            .map(|((claim, outcome), event)| (claim, outcome, event.as_ref()))
            .collect();
        match self.store.finish_messages(&finished, self.clock.now()).await {
            Ok(ours) => {
                for (claim, _) in ended.iter().filter(|(claim, _)| !ours.contains(&claim.id)) {
                    tracing::warn!(
                        message = claim.id,
                        "claim expired before its outcome was recorded"
                    )
                }
            }
            // The leases will run out and another round will try again.
            Err(e) => {
                let ids: Vec<i64> = ended.iter().map(|(claim, _)| claim.id).collect();
                tracing::error!(messages = ?ids, error = %e, "could not record emails' outcomes")
            }
        }
        let mut in_flight = self.in_flight.lock().unwrap_or_else(|e| e.into_inner());
        for (claim, _) in ended {
            in_flight.remove(&claim.id);
        }
    }

    /// `retry_base × 2^(attempt − 1)`, capped, with ±20 % jitter so retries spread out.
    pub fn backoff(&self, attempt: i64) -> Duration {
        let exponent = u32::try_from(attempt.saturating_sub(1)).unwrap_or(u32::MAX).min(30);
        let delay = self.config.retry_base.saturating_mul(1 << exponent).min(self.config.max_delay);
        let mut bytes = [0u8; 2];
        let _ = getrandom::fill(&mut bytes);
        let jitter = 0.8 + 0.4 * f64::from(u16::from_le_bytes(bytes)) / f64::from(u16::MAX);
        delay.mul_f64(jitter)
    }

    /// Runs until `shutdown` turns true. Sends in flight then get `shutdown_grace` to finish;
    /// any still unfinished are released back to the queue.
    pub async fn run(self: Arc<Self>, mut shutdown: watch::Receiver<bool>) {
        tracing::info!(via = self.transport.name(), "outbox sender started");
        while !*shutdown.borrow() {
            // Boxed, so that dropping it at the end of the grace period cancels the sends.
            let mut drain = Box::pin(self.drain_once());
            let handled = tokio::select! {
                result = &mut drain => result,
                _ = shutdown.changed() => {
                    match tokio::time::timeout(self.config.shutdown_grace, &mut drain).await {
                        Ok(result) => result,
                        Err(_) => {
                            drop(drain);
                            self.release_in_flight().await;
                            break;
                        }
                    }
                }
            };
            let handled = handled.unwrap_or_else(|e| {
                tracing::warn!(error = %e, "outbox round failed");
                0
            });
            if handled == 0 {
                tokio::select! {
                    () = self.wake.notified() => {},
                    () = tokio::time::sleep(self.config.poll) => {},
                    _ = shutdown.changed() => {},
                }
            }
        }
        tracing::info!("outbox sender stopped");
    }

    async fn release_in_flight(&self) {
        let claims: Vec<ClaimedMessage> = self
            .in_flight
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .drain()
            .map(|(_, m)| m)
            .collect();
        for claim in &claims {
            tracing::info!(message = claim.id, "releasing an unfinished send at shutdown");
        }
        let released: Vec<_> =
            claims.into_iter().map(|claim| (claim, MessageOutcome::Released)).collect();
        self.record(&released).await;
    }
}

/// The history event an outcome adds to the message's invitation, if any. A reminder that
/// is not sent after all (its invitation accepted, revoked or given a new link meanwhile)
/// adds none: nothing went wrong, it was just no longer needed.
fn event_of(
    claim: &ClaimedMessage,
    outcome: &MessageOutcome,
    zone: &SchoolZone,
) -> Option<NewEvent> {
    let reminder = MessageKind::parse(&claim.kind) == Some(MessageKind::Reminder);
    let (action, details) = match outcome {
        MessageOutcome::Sent if reminder => {
            (EventAction::ReminderSent, format!("to {}, with the same link", claim.recipient))
        }
        MessageOutcome::Withdrawn { .. } if reminder => return None,
        MessageOutcome::Sent => (EventAction::Delivered, format!("to {}", claim.recipient)),
        MessageOutcome::Retry { next_at, error } => (
            EventAction::DeliveryRetrying,
            format!(
                "attempt {} failed: {error}; next try {}",
                claim.attempts,
                zone.wording(*next_at)
            ),
        ),
        MessageOutcome::Failed { error } => {
            (EventAction::DeliveryFailed, format!("after {} attempts: {error}", claim.attempts))
        }
        MessageOutcome::Withdrawn { reason } => (EventAction::NotSent, reason.clone()),
        MessageOutcome::Released => return None,
    };
    Some(NewEvent { action, actor: Actor::system(), details })
}
