//! Made-up data for benchmarks (`staff-onboarding seed`, `make bench`): a million
//! invitations in one transaction of set-based SQL, no row-by-row round trips. Not part of
//! the store: the app itself never seeds.

use crate::domain::Timestamp;
use crate::server::store::{Db, Store, StoreError, on};

/// What `staff-onboarding seed` writes: made-up invitations for benchmarks, spread over
/// `span_ms` before now, the newest `pending` of them still open within their link's life.
/// Of the rest, 7 in 10 are accepted (each with its account), 1 in 10 revoked and 2 in 10
/// expired; 1 in 3 is Admin Staff, the rest Teachers; each has its creation event and a sent
/// (bodiless) message.
#[derive(Debug, Clone)]
pub struct SeedPlan {
    pub invitations: u64,
    pub pending: u64,
    pub now: Timestamp,
    pub ttl_ms: i64,
    pub span_ms: i64,
    /// The password hash every seeded account gets (a real argon2id hash nobody knows).
    pub password_hash: String,
}

/// The rows written, as a common table expression `t`: a counter `n` from 1, each row's
/// address, role, stored state and creation time. `$1` count, `$2` pending, `$3` now, `$4`
/// ttl, `$5` and `$6` the spacing, `$7` a tag that keeps addresses unique across runs.
const ROWS: &str = "WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < $1), \
    t AS (SELECT n, \
      'staff' || n || '.' || $7 || '@seed.example.org' AS email, \
      CASE WHEN n % 3 = 0 THEN 'admin_staff' ELSE 'teacher' END AS role, \
      CASE WHEN n > $1 - $2 THEN 'open' WHEN n % 10 < 7 THEN 'accepted' \
           WHEN n % 10 = 7 THEN 'revoked' ELSE 'open' END AS state, \
      CASE WHEN n > $1 - $2 THEN $3 - ($1 - n + 1) * $5 \
           ELSE $3 - $4 - ($1 - $2 - n + 1) * $6 END AS created \
    FROM s) ";

const USERS: &str = "INSERT INTO users (email, email_key, username, username_key, full_name, \
      phone, role, password_hash, created_at, updated_at) \
    SELECT email, email, 'staff' || n || '.' || $7, 'staff' || n || '.' || $7, \
      'Staff Member ' || n, '+1555' || (1000000 + n % 1000000), role, $8, \
      created + 3600000, created + 3600000 \
    FROM t WHERE state = 'accepted'";

const INVITATIONS: &str = "INSERT INTO invitations (email, email_key, role, state, invited_by, \
      inviter_name, resend_count, created_at, sent_at, expires_at, accepted_at, accepted_user, \
      revoked_at) \
    SELECT email, email, role, state, NULL, 'Seed data', 0, created, created, created + $4, \
      CASE WHEN state = 'accepted' THEN created + 3600000 END, \
      CASE WHEN state = 'accepted' THEN (SELECT id FROM users WHERE email_key = t.email) END, \
      CASE WHEN state = 'revoked' THEN created + 7200000 END \
    FROM t ORDER BY n";

/// Each invitation's events and its sent message; `$1` is the last id before the seed.
const HISTORY: [&str; 4] = [
    "INSERT INTO invitation_events (invitation_id, at, actor_user, actor_name, action, details) \
     SELECT id, created_at, NULL, inviter_name, 'created', '' FROM invitations WHERE id > $1",
    "INSERT INTO invitation_events (invitation_id, at, actor_user, actor_name, action, details) \
     SELECT id, accepted_at, accepted_user, 'Invitee', 'accepted', '' FROM invitations \
     WHERE id > $1 AND state = 'accepted'",
    "INSERT INTO invitation_events (invitation_id, at, actor_user, actor_name, action, details) \
     SELECT id, revoked_at, NULL, 'Seed data', 'revoked', '' FROM invitations \
     WHERE id > $1 AND state = 'revoked'",
    "INSERT INTO outbox (invitation_id, kind, recipient, payload, status, attempts, \
       next_attempt_at, created_at, sent_at) \
     SELECT id, 'invitation', email, NULL, 'sent', 1, created_at, created_at, created_at + 2000 \
     FROM invitations WHERE id > $1",
];

/// On Postgres, around the bulk insert: the per-row count trigger is off and the counts are
/// rebuilt once at the end, in the same transaction. (A million updates of the same few
/// count rows in one transaction make ever longer version chains: quadratic.) SQLite updates
/// the count rows in place, so its triggers keep up.
const POSTGRES_BEFORE: &[&str] =
    &["ALTER TABLE invitations DISABLE TRIGGER invitation_counts_insert_delete"];
const POSTGRES_AFTER: &[&str] = &[
    "ALTER TABLE invitations ENABLE TRIGGER invitation_counts_insert_delete",
    "DELETE FROM invitation_counts",
    "INSERT INTO invitation_counts (role, state, slot, n) \
     SELECT role, state, 0, COUNT(*) FROM invitations GROUP BY role, state",
];

/// Bulk-inserts the plan's invitations, accounts, events and messages in one transaction,
/// then refreshes the planner's statistics. Returns how many invitations it wrote.
pub async fn write(store: &Store, plan: &SeedPlan) -> Result<u64, StoreError> {
    let n = i64::try_from(plan.invitations).unwrap_or(i64::MAX);
    let pending = i64::try_from(plan.pending).unwrap_or(0).min(n);
    let recent_step = (plan.ttl_ms / 2 / pending.max(1)).max(1);
    let old_step = (plan.span_ms / (n - pending).max(1)).max(1);
    let mut tx = store.write().await?;
    let (before, after) = match &tx {
        Db::Sqlite(_) => (&[][..], &[][..]),
        Db::Postgres(_) => (POSTGRES_BEFORE, POSTGRES_AFTER),
    };
    run_all(&mut tx, before).await?;
    let sql = "SELECT COALESCE(MAX(id), 0) FROM invitations";
    let (last_id,): (i64,) = on!(tx.conn(), |c| sqlx::query_as(sql).fetch_one(c).await)?;
    let mut written = 0;
    for (statement, password_hash) in [(USERS, Some(&plan.password_hash)), (INVITATIONS, None)] {
        let sql = format!("{ROWS}{statement}");
        written = on!(tx.conn(), |c| {
            let query = sqlx::query(&sql)
                .bind(n)
                .bind(pending)
                .bind(plan.now.0)
                .bind(plan.ttl_ms)
                .bind(recent_step)
                .bind(old_step)
                .bind(last_id);
            let query = match password_hash {
                Some(hash) => query.bind(hash.as_str()),
                None => query,
            };
            query.execute(c).await.map(|done| done.rows_affected())
        })?;
    }
    for statement in HISTORY {
        on!(tx.conn(), |c| sqlx::query(statement).bind(last_id).execute(c).await.map(|_| ()))?;
    }
    run_all(&mut tx, after).await?;
    tx.commit().await?;
    on!(store.writer(), |c| sqlx::query("ANALYZE").execute(c).await.map(|_| ()))?;
    Ok(written)
}

async fn run_all(tx: &mut crate::server::store::Tx, statements: &[&str]) -> Result<(), StoreError> {
    for statement in statements {
        on!(tx.conn(), |c| sqlx::query(statement).execute(c).await.map(|_| ()))?;
    }
    Ok(())
}
