//! The expired invitations' digest: which Super-Admins have one due, and queueing it. Its
//! schedule is in the database, like the outbox's: each admin's mark (`users.
//! expiry_digest_through`) says up to when the expiries of the invitations they sent have
//! been told, and queueing a digest moves it in the same transaction, only if it still reads
//! what was read before. So every instance may look, and one queues each digest.

use super::{NewMessage, Store, StoreError, on, outbox};
use crate::domain::{Language, Timestamp};

/// A Super-Admin with a digest due, as read before it is queued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueDigest {
    pub user_id: i64,
    pub email: String,
    pub full_name: String,
    /// The account's language; `None`: the school's.
    pub language: Option<Language>,
    /// The mark as read (`None`: nothing told yet).
    pub through: Option<Timestamp>,
    /// The expiries after this are the ones to tell: the mark, or when the account was made.
    pub since: Timestamp,
}

/// An invitation that expired, as a digest lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpiredInvitation {
    pub email: String,
    pub expires_at: Timestamp,
}

#[derive(sqlx::FromRow)]
struct DueRow {
    id: i64,
    email: String,
    full_name: String,
    language: Option<String>,
    expiry_digest_through: Option<i64>,
    since: i64,
}

/// The admin's invitations still open whose link ran out after `$2` and by `$3` (`$1`: the
/// admin): revoked and accepted ones, and those given a new link since, are not among them.
const EXPIRED: &str = "invited_by = $1 AND state = 'open' AND expires_at > $2 AND expires_at <= $3";

impl Store {
    /// Active Super-Admins with the digest on whose mark is before `slot` and who sent an
    /// invitation that expired after it and by `slot`. A mark never set counts as the moment
    /// the account was made (migration 0017 set the accounts it found to that moment).
    pub async fn due_digests(&self, slot: Timestamp) -> Result<Vec<DueDigest>, StoreError> {
        let sql = "SELECT id, email, full_name, language, expiry_digest_through, \
                     COALESCE(expiry_digest_through, created_at) AS since FROM users u \
                   WHERE role = 'super_admin' AND deactivated_at IS NULL AND expiry_digest \
                     AND COALESCE(expiry_digest_through, created_at) < $1 \
                     AND EXISTS (SELECT 1 FROM invitations \
                       WHERE invited_by = u.id AND state = 'open' \
                         AND expires_at > COALESCE(u.expiry_digest_through, u.created_at) \
                         AND expires_at <= $1) \
                   ORDER BY id";
        let rows: Vec<DueRow> =
            on!(self.read(), |c| sqlx::query_as(sql).bind(slot.0).fetch_all(c).await)?;
        Ok(rows
            .into_iter()
            .map(|row| DueDigest {
                user_id: row.id,
                email: row.email,
                full_name: row.full_name,
                language: row.language.as_deref().and_then(Language::parse),
                through: row.expiry_digest_through.map(Timestamp),
                since: Timestamp(row.since),
            })
            .collect())
    }

    /// Queues `due`'s digest, telling the expiries after `due.since` and by `slot` in the
    /// message `write` makes of them, and moves the mark to `slot`, in one transaction. `false`, and nothing written, when the mark no longer reads as it did
    /// (another instance queued it), the admin turned the digest off or was deactivated
    /// meanwhile, or nothing is left to tell.
    pub async fn queue_digest(
        &self,
        due: &DueDigest,
        slot: Timestamp,
        write: impl FnOnce(&[ExpiredInvitation]) -> NewMessage,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let mut tx = self.write().await?;
        let seen = match due.through {
            Some(_) => "expiry_digest_through = $3",
            None => "expiry_digest_through IS NULL",
        };
        let sql = format!(
            "UPDATE users SET expiry_digest_through = $2 \
             WHERE id = $1 AND expiry_digest AND deactivated_at IS NULL AND {seen}"
        );
        let moved = on!(tx.conn(), |c| {
            let query = sqlx::query(&sql).bind(due.user_id).bind(slot.0);
            let query = match due.through {
                Some(through) => query.bind(through.0),
                None => query,
            };
            query.execute(c).await.map(|done| done.rows_affected())
        })?;
        if moved == 0 {
            return Ok(false);
        }
        let from = due.since;
        let sql = format!(
            "SELECT email, expires_at FROM invitations WHERE {EXPIRED} \
                           ORDER BY expires_at, id"
        );
        let expired: Vec<(String, i64)> = on!(tx.conn(), |c| {
            sqlx::query_as(&sql).bind(due.user_id).bind(from.0).bind(slot.0).fetch_all(c).await
        })?;
        if expired.is_empty() {
            return Ok(false);
        }
        let expired: Vec<ExpiredInvitation> = expired
            .into_iter()
            .map(|(email, at)| ExpiredInvitation { email, expires_at: Timestamp(at) })
            .collect();
        outbox::queue(&mut tx, None, &write(&expired), now).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Whether the account gets the expired invitations' digest.
    pub async fn expiry_digest(&self, user_id: i64) -> Result<bool, StoreError> {
        let sql = "SELECT expiry_digest FROM users WHERE id = $1";
        let on: Option<(bool,)> =
            on!(self.read(), |c| sqlx::query_as(sql).bind(user_id).fetch_optional(c).await)?;
        Ok(on.is_some_and(|(on,)| on))
    }

    /// Turns the account's digest on or off. Turned on, it tells only what expires from
    /// `now` on: not what expired while it was off.
    pub async fn set_expiry_digest(
        &self,
        user_id: i64,
        on: bool,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let sql = "UPDATE users SET expiry_digest = $2, expiry_digest_through = \
                   CASE WHEN $2 AND NOT expiry_digest THEN $3 ELSE expiry_digest_through END \
                   WHERE id = $1";
        let mut tx = self.write().await?;
        on!(tx.conn(), |c| {
            sqlx::query(sql).bind(user_id).bind(on).bind(now.0).execute(c).await.map(|_| ())
        })?;
        tx.commit().await?;
        Ok(())
    }
}
