//! The `outbox` table: messages queued in the transaction of the change that causes them,
//! claimed by senders under a lease, and finished with their outcome.

use super::{
    ClaimedMessage, LatestMessage, MessageOutcome, MessageStatus, NewEvent, NewMessage,
    OutboxRecord, Store, StoreError, Tx, error::corrupt, history, on, script::Script,
};
use crate::domain::Timestamp;

#[derive(sqlx::FromRow)]
struct OutboxRow {
    id: i64,
    invitation_id: Option<i64>,
    kind: String,
    recipient: String,
    payload: Option<String>,
    status: String,
    attempts: i64,
    created_at: i64,
}

impl From<OutboxRow> for OutboxRecord {
    fn from(row: OutboxRow) -> Self {
        OutboxRecord {
            id: row.id,
            invitation_id: row.invitation_id,
            kind: row.kind,
            recipient: row.recipient,
            payload: row.payload,
            status: row.status,
            attempts: row.attempts,
            created_at: Timestamp(row.created_at),
        }
    }
}

#[derive(sqlx::FromRow)]
struct ClaimRow {
    id: i64,
    invitation_id: Option<i64>,
    kind: String,
    recipient: String,
    payload: Option<String>,
    attempts: i64,
    claim: i64,
}

impl From<ClaimRow> for ClaimedMessage {
    fn from(row: ClaimRow) -> Self {
        ClaimedMessage {
            id: row.id,
            invitation_id: row.invitation_id,
            kind: row.kind,
            recipient: row.recipient,
            payload: row.payload.unwrap_or_default(),
            attempts: row.attempts,
            claim: row.claim,
        }
    }
}

#[derive(sqlx::FromRow)]
struct LatestRow {
    invitation_id: i64,
    status: String,
    attempts: i64,
    next_attempt_at: i64,
    last_error: Option<String>,
    sent_at: Option<i64>,
}

impl TryFrom<LatestRow> for LatestMessage {
    type Error = StoreError;
    fn try_from(row: LatestRow) -> Result<Self, StoreError> {
        Ok(LatestMessage {
            invitation_id: row.invitation_id,
            status: MessageStatus::parse(&row.status)
                .ok_or_else(|| corrupt("message status", &row.status))?,
            attempts: row.attempts,
            next_attempt_at: Timestamp(row.next_attempt_at),
            last_error: row.last_error,
            sent_at: row.sent_at.map(Timestamp),
        })
    }
}

impl Store {
    /// Claims up to `limit` messages that are due (queued and past `next_attempt_at`, or left
    /// `sending` by a sender whose lease ran out), leasing them until `lease_until`. Safe with
    /// several senders: Postgres skips rows another sender has locked, and SQLite claims in
    /// one atomic `UPDATE … RETURNING`. Oldest first.
    pub async fn claim_messages(
        &self,
        now: Timestamp,
        lease_until: Timestamp,
        limit: u32,
    ) -> Result<Vec<ClaimedMessage>, StoreError> {
        let sql = format!(
            "UPDATE outbox SET status = 'sending', lease_until = $2, attempts = attempts + 1, \
             claim = claim + 1 \
             WHERE id IN (SELECT id FROM outbox \
               WHERE ((status = 'queued' AND next_attempt_at <= $1) \
                   OR (status = 'sending' AND lease_until <= $1)) \
                 AND payload IS NOT NULL \
               ORDER BY next_attempt_at, id LIMIT $3 {}) \
             RETURNING id, invitation_id, kind, recipient, payload, attempts, claim",
            self.skip_locked()
        );
        let limit = i64::from(limit);
        let rows: Vec<ClaimRow> = on!(self.writer(), |c| {
            sqlx::query_as(&sql).bind(now.0).bind(lease_until.0).bind(limit).fetch_all(c).await
        })?;
        let mut claimed: Vec<ClaimedMessage> = rows.into_iter().map(Into::into).collect();
        claimed.sort_by_key(|m| m.id);
        Ok(claimed)
    }

    /// Records the outcome of a claim, with its history event, and wipes the body once sent
    /// or failed. `false` when the claim was no longer ours (its lease ran out and another
    /// sender took it): nothing is written.
    pub async fn finish_message(
        &self,
        claim: &ClaimedMessage,
        outcome: &MessageOutcome,
        event: Option<&NewEvent>,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let finished = self.finish_messages(&[(claim, outcome, event)], now).await?;
        Ok(!finished.is_empty())
    }

    /// Records the outcomes of several claims in one short transaction: the sent ones in one
    /// statement, their events in another. Returns the ids of the claims that were still
    /// ours; the others are left as they are (see `finish_message`).
    pub async fn finish_messages(
        &self,
        finished: &[(&ClaimedMessage, &MessageOutcome, Option<&NewEvent>)],
        now: Timestamp,
    ) -> Result<Vec<i64>, StoreError> {
        let mut tx = self.write().await?;
        let sent: Vec<&ClaimedMessage> = finished
            .iter()
            .filter(|(_, outcome, _)| **outcome == MessageOutcome::Sent)
            .map(|(claim, _, _)| *claim)
            .collect();
        let mut ours = mark_sent(&mut tx, &sent, now).await?;
        for (claim, outcome, _) in finished {
            if **outcome != MessageOutcome::Sent && settle(&mut tx, claim, outcome, now).await? {
                ours.push(claim.id);
            }
        }
        let events: Vec<(i64, &NewEvent)> = finished
            .iter()
            .filter(|(claim, _, _)| ours.contains(&claim.id))
            .filter_map(|(claim, _, event)| Some((claim.invitation_id?, (*event)?)))
            .collect();
        history::record_all(&mut tx, &events, now).await?;
        tx.commit().await?;
        Ok(ours)
    }

    /// The invitation's messages, oldest first.
    pub async fn outbox_for(&self, invitation_id: i64) -> Result<Vec<OutboxRecord>, StoreError> {
        let sql = "SELECT id, invitation_id, kind, recipient, payload, status, attempts, \
                   created_at FROM outbox WHERE invitation_id = $1 ORDER BY id";
        let rows: Vec<OutboxRow> =
            on!(self.read(), |c| sqlx::query_as(sql).bind(invitation_id).fetch_all(c).await)?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    /// The addresses (as lowercased keys) this invitation's emails were ever queued for. The
    /// outbox keeps every message's row and recipient for good (only the body is wiped once
    /// sent), and the resend cap counts on it: a correction back to one of these addresses is
    /// a resend.
    pub async fn emailed_addresses(&self, invitation_id: i64) -> Result<Vec<String>, StoreError> {
        let sql = "SELECT DISTINCT recipient FROM outbox WHERE invitation_id = $1";
        let rows: Vec<(String,)> =
            on!(self.read(), |c| sqlx::query_as(sql).bind(invitation_id).fetch_all(c).await)?;
        Ok(rows.into_iter().map(|(recipient,)| recipient.to_lowercase()).collect())
    }

    /// The latest email with a new link (an invitation's or a resend's, not a reminder of
    /// one) of each of these invitations (none for one that has none).
    pub async fn latest_messages(
        &self,
        invitation_ids: &[i64],
    ) -> Result<Vec<LatestMessage>, StoreError> {
        if invitation_ids.is_empty() {
            return Ok(Vec::new());
        }
        let placeholders: Vec<String> =
            (1..=invitation_ids.len()).map(|n| format!("${n}")).collect();
        let sql = format!(
            "SELECT invitation_id, status, attempts, next_attempt_at, last_error, sent_at \
             FROM outbox WHERE id IN (SELECT MAX(id) FROM outbox \
               WHERE invitation_id IN ({}) AND kind IN ('invitation', 'resend') \
               GROUP BY invitation_id)",
            placeholders.join(", ")
        );
        let rows: Vec<LatestRow> = on!(self.read(), |c| {
            let mut query = sqlx::query_as(&sql);
            for id in invitation_ids {
                query = query.bind(*id);
            }
            query.fetch_all(c).await
        })?;
        rows.into_iter().map(TryInto::try_into).collect()
    }
}

/// Queues a message for an invitation, or for no invitation (`None`: a sign-in link's),
/// inside the transaction of the change that causes it.
pub(super) async fn queue(
    tx: &mut Tx,
    invitation_id: impl Into<Option<i64>>,
    message: &NewMessage,
    now: Timestamp,
) -> Result<(), StoreError> {
    let mut script = Script::for_tx(tx);
    let invitation = match invitation_id.into() {
        Some(id) => script.param(id)?,
        None => "NULL".to_owned(),
    };
    let at = script.param(now.0)?;
    add(&mut script, &[(&invitation, message, &at)])?;
    Ok(script.execute(tx).await?)
}

/// Adds to `script` the statement queueing `messages`, each with the placeholders of its
/// invitation and of when it was made, due then or at its own `due_at`.
pub(super) fn add<'q>(
    script: &mut Script<'q>,
    messages: &[(&str, &'q NewMessage, &str)],
) -> Result<(), StoreError> {
    if messages.is_empty() {
        return Ok(());
    }
    let mut rows = Vec::with_capacity(messages.len());
    for &(invitation, message, at) in messages {
        let due = match message.due_at {
            Some(due) => script.param(due.0)?,
            None => at.to_owned(),
        };
        rows.push(format!(
            "({invitation}, {}, {}, {}, 'queued', 0, {due}, {at})",
            script.param(message.kind)?,
            script.param(message.recipient.as_str())?,
            script.param(message.payload.as_str())?
        ));
    }
    script.push(format!(
        "INSERT INTO outbox (invitation_id, kind, recipient, payload, status, attempts, \
         next_attempt_at, created_at) VALUES {}",
        rows.join(", ")
    ))
}

/// Marks these claims sent and wipes their bodies, in one statement; the ids still ours (the
/// fence: still claimed, and by this claim).
async fn mark_sent(
    tx: &mut Tx,
    claims: &[&ClaimedMessage],
    now: Timestamp,
) -> Result<Vec<i64>, StoreError> {
    let mut ours = Vec::with_capacity(claims.len());
    // Two parameters a claim, well under either database's limit on one statement.
    for chunk in claims.chunks(500) {
        let pairs: Vec<String> =
            (0..chunk.len()).map(|i| format!("(${}, ${})", 2 + 2 * i, 3 + 2 * i)).collect();
        let sql = format!(
            "UPDATE outbox SET status = 'sent', sent_at = $1, payload = NULL, \
             lease_until = NULL, last_error = NULL \
             WHERE status = 'sending' AND (id, claim) IN (VALUES {}) RETURNING id",
            pairs.join(", ")
        );
        let ids: Vec<(i64,)> = on!(tx.conn(), |c| {
            let mut query = sqlx::query_as(&sql).bind(now.0);
            for claim in chunk {
                query = query.bind(claim.id).bind(claim.claim);
            }
            query.fetch_all(c).await
        })?;
        ours.extend(ids.into_iter().map(|(id,)| id));
    }
    Ok(ours)
}

/// Records one claim's outcome; `false` when the claim was no longer ours.
async fn settle(
    tx: &mut Tx,
    claim: &ClaimedMessage,
    outcome: &MessageOutcome,
    now: Timestamp,
) -> Result<bool, StoreError> {
    // `$3` and `$4` are the outcome's time and error, those it has, in that order.
    let (set, at, error) = match outcome {
        MessageOutcome::Sent => return Ok(!mark_sent(tx, &[claim], now).await?.is_empty()),
        MessageOutcome::Retry { next_at, error } => (
            "status = 'queued', next_attempt_at = $3, lease_until = NULL, last_error = $4",
            Some(*next_at),
            Some(error),
        ),
        MessageOutcome::Failed { error } | MessageOutcome::Withdrawn { reason: error } => (
            "status = 'failed', payload = NULL, lease_until = NULL, last_error = $3",
            None,
            Some(error),
        ),
        MessageOutcome::Released => (
            "status = 'queued', attempts = attempts - 1, next_attempt_at = $3, lease_until = NULL",
            Some(now),
            None,
        ),
    };
    // The fence: still claimed, and by this claim.
    let sql =
        format!("UPDATE outbox SET {set} WHERE id = $1 AND status = 'sending' AND claim = $2");
    let changed = on!(tx.conn(), |c| {
        let mut query = sqlx::query(&sql).bind(claim.id).bind(claim.claim);
        if let Some(at) = at {
            query = query.bind(at.0);
        }
        if let Some(error) = error {
            query = query.bind(error.as_str());
        }
        query.execute(c).await.map(|done| done.rows_affected())
    })?;
    Ok(changed > 0)
}
