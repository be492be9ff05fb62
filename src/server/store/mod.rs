//! The storage contract: one trait, implemented for SQLite (the embedded default) and for
//! Postgres (production). Both share their SQL (`sql.rs`) and pass the same contract suite
//! in `tests/api/contract`. The store keeps invariants atomic (guards in one transaction,
//! unique indexes); deciding what an outcome means is the services' job.

mod postgres;
mod records;
mod sql;
mod sqlite;

use std::sync::Arc;

use async_trait::async_trait;

pub use postgres::PostgresStore;
pub use records::*;
pub use sqlite::SqliteStore;

use super::config::DatabaseUrl;
use std::collections::HashMap;

use crate::domain::{
    ChangeStamp, Delivery, InvitationPage, ListQuery, Role, StatusCounts, Timestamp,
};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the database is unavailable: {0}")]
    Unavailable(#[source] sqlx::Error),
    #[error("database migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("could not create the database folder {path}: {source}")]
    Folder { path: String, source: std::io::Error },
    /// A uniqueness rule refused the write; nothing was changed.
    #[error("{0:?}")]
    Conflict(Conflict),
    #[error("unexpected stored value: {0}")]
    Corrupt(String),
    #[error(transparent)]
    Database(sqlx::Error),
    /// The session store (on the same database) failed.
    #[error("the session store failed: {0}")]
    Sessions(String),
}

/// A failure of the database itself rather than of the request: the answer is 503 and a
/// sentence, never a 500.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outage {
    /// It can't be reached: down, restarting, the pool exhausted.
    Unreachable,
    /// It answers but can't store anything: the disk is full or the file read-only.
    CannotWrite,
}

impl Outage {
    pub fn sentence(self) -> &'static str {
        match self {
            Outage::Unreachable => {
                "The database can't be reached right now, so nothing was saved. Please try again in a minute."
            }
            Outage::CannotWrite => {
                "The database can't store anything right now (its disk is full or read-only), so nothing was saved. Please tell your administrator."
            }
        }
    }
}

impl StoreError {
    /// Whether this is the database failing (and how), rather than a fault in the request.
    pub fn outage(&self) -> Option<Outage> {
        match self {
            StoreError::Unavailable(_) | StoreError::Sessions(_) => Some(Outage::Unreachable),
            StoreError::Database(sqlx::Error::Database(error)) => database_outage(error.as_ref()),
            _ => None,
        }
    }
}

fn database_outage(error: &dyn sqlx::error::DatabaseError) -> Option<Outage> {
    if let Some(sqlite) = error.try_downcast_ref::<sqlx::sqlite::SqliteError>() {
        // The primary result code is the low byte of the extended one.
        let code: i32 = sqlx::error::DatabaseError::code(sqlite)?.parse().ok()?;
        return match code & 0xff {
            8 | 10 | 13 => Some(Outage::CannotWrite), // READONLY, IOERR, FULL
            5 | 6 | 14 => Some(Outage::Unreachable),  // BUSY, LOCKED, CANTOPEN
            _ => None,
        };
    }
    let code = error.code()?;
    match code.as_ref() {
        "25006" => Some(Outage::CannotWrite), // read_only_sql_transaction
        c if c.starts_with("53") => Some(Outage::CannotWrite), // disk full, out of memory
        c if c.starts_with("08") || c.starts_with("57P") => Some(Outage::Unreachable),
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conflict {
    /// An account already has this email.
    UserExists,
    /// An open invitation already has this email.
    AlreadyInvited,
    UsernameTaken,
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
                StoreError::Unavailable(e)
            }
            _ => StoreError::Database(e),
        }
    }
}

/// A backend's connection pool.
#[derive(Debug, Clone)]
pub enum Pool {
    Sqlite(sqlx::SqlitePool),
    Postgres(sqlx::PgPool),
}

impl From<sqlx::SqlitePool> for Pool {
    fn from(pool: sqlx::SqlitePool) -> Self {
        Pool::Sqlite(pool)
    }
}

impl From<sqlx::PgPool> for Pool {
    fn from(pool: sqlx::PgPool) -> Self {
        Pool::Postgres(pool)
    }
}

/// Why a guarded change was not made. The service re-reads the row to tell the person why.
pub type Guarded<T> = Result<Option<T>, StoreError>;

#[async_trait]
pub trait Store: Send + Sync + 'static {
    /// "sqlite" or "postgres", for logs and the health check.
    fn backend(&self) -> &'static str;

    /// The connection pool, for what keeps its own tables in the same database (the
    /// sessions, which auth builds from it at start-up).
    fn pool(&self) -> Pool;

    /// Applies every migration not yet applied. Safe to run again and from several processes.
    async fn migrate(&self) -> Result<(), StoreError>;

    /// The versions of the migrations applied so far, in order.
    async fn applied_migrations(&self) -> Result<Vec<i64>, StoreError>;

    /// A round trip to the database, for the health check.
    async fn ping(&self) -> Result<(), StoreError>;

    /// Closes every pooled connection; later calls fail with `Unavailable`.
    async fn close(&self);

    // --- accounts ---

    /// Creates an account; `Conflict::UserExists` or `UsernameTaken` when taken.
    async fn insert_user(&self, user: NewUser, now: Timestamp) -> Result<UserRecord, StoreError>;

    async fn find_user(&self, id: i64) -> Result<Option<UserRecord>, StoreError>;

    /// The account whose username key or email key is `login_key` (lower-cased input).
    async fn find_user_by_login(&self, login_key: &str) -> Result<Option<UserRecord>, StoreError>;

    /// How many accounts hold `role`.
    async fn count_users_with_role(&self, role: Role) -> Result<u64, StoreError>;

    /// Accounts newest first, `limit` of them after `after` (keyset on created_at, id).
    async fn list_users(
        &self,
        after: Option<crate::domain::Cursor>,
        limit: u32,
    ) -> Result<Vec<UserRecord>, StoreError>;

    /// Is this username (its case-folded key) taken by an account?
    async fn username_taken(&self, username_key: &str) -> Result<bool, StoreError>;

    /// Is this address (its key) used by an account or an open invitation?
    async fn email_use(&self, email_key: &str) -> Result<EmailUse, StoreError>;

    // --- invitations ---

    /// Creates the invitation, its first link, its events and its message, atomically.
    /// `Conflict::UserExists` or `AlreadyInvited` leave nothing behind.
    async fn create_invitation(
        &self,
        new: CreateInvitation,
    ) -> Result<InvitationRecord, StoreError>;

    async fn find_invitation(&self, id: i64) -> Result<Option<InvitationRecord>, StoreError>;

    /// Open invitations of `role` that the system made (no inviting account), oldest first.
    async fn open_system_invitations(
        &self,
        role: Role,
    ) -> Result<Vec<InvitationRecord>, StoreError>;

    /// Issues a new link (resend or email correction) that replaces every earlier one,
    /// with its event and message. `None` when the kind's guard refused it.
    async fn reissue_link(&self, reissue: Reissue) -> Guarded<InvitationRecord>;

    /// Marks an open invitation revoked. `None` when it is not open.
    async fn revoke_invitation(
        &self,
        id: i64,
        now: Timestamp,
        event: NewEvent,
    ) -> Guarded<InvitationRecord>;

    /// The link whose secret hashes to `token_hash`, with its invitation.
    async fn find_link(&self, token_hash: &[u8; 32]) -> Result<Option<LinkRecord>, StoreError>;

    /// In one transaction: checks that the link is its invitation's current one and the
    /// invitation is open and unexpired, creates the account with the invitation's email and
    /// role, and marks the invitation accepted. `None` when the link is not acceptable.
    async fn accept_invitation(&self, accept: Accept) -> Guarded<(UserRecord, InvitationRecord)>;

    /// Notes what the invitee did with a link, with an event, when the link is still the
    /// current one and the activity is new (see `LinkActivityKind`). `false`: nothing noted.
    async fn note_link_activity(&self, activity: LinkActivity) -> Result<bool, StoreError>;

    async fn list_invitations(
        &self,
        query: &ListQuery,
        now: Timestamp,
        max_resends: u32,
    ) -> Result<InvitationPage, StoreError>;

    async fn count_invitations(&self, now: Timestamp) -> Result<StatusCounts, StoreError>;

    /// The Invites page's change fingerprint as of `now` (see `ChangeStamp`).
    async fn change_stamp(&self, now: Timestamp) -> Result<ChangeStamp, StoreError>;

    /// The invitation's events, oldest first.
    async fn invitation_history(&self, id: i64) -> Result<Vec<EventRecord>, StoreError>;

    /// The invitation's messages, oldest first.
    async fn outbox_for(&self, invitation_id: i64) -> Result<Vec<OutboxRecord>, StoreError>;

    /// The delivery state of each invitation's latest message.
    async fn deliveries(
        &self,
        invitation_ids: &[i64],
    ) -> Result<HashMap<i64, Delivery>, StoreError>;

    // --- outbox ---

    /// Claims up to `limit` messages that are due (queued and past `next_attempt_at`, or
    /// left `sending` by a sender whose lease ran out), leasing them until `lease_until`.
    /// Safe with several senders: Postgres skips rows another sender has locked, and SQLite
    /// claims in one atomic `UPDATE … RETURNING`.
    async fn claim_messages(
        &self,
        now: Timestamp,
        lease_until: Timestamp,
        limit: u32,
    ) -> Result<Vec<ClaimedMessage>, StoreError>;

    /// Records the outcome of a claim, with its history event, and wipes the body once sent
    /// or failed. `false` when the claim was no longer ours (its lease ran out and another
    /// sender took it).
    async fn finish_message(
        &self,
        claim: &ClaimedMessage,
        outcome: MessageOutcome,
        now: Timestamp,
    ) -> Result<bool, StoreError>;

    // --- development mailbox ---

    async fn save_dev_mail(
        &self,
        outbox_id: i64,
        mail: &DevMail,
        now: Timestamp,
    ) -> Result<i64, StoreError>;

    /// Wipes the bodies of messages whose invitation expired by `now` (accepted and revoked
    /// ones are wiped by a trigger as they end); returns how many.
    async fn wipe_expired_dev_mail(&self, now: Timestamp) -> Result<u64, StoreError>;

    /// Newest first.
    async fn list_dev_mail(&self, limit: u32) -> Result<Vec<DevMail>, StoreError>;

    async fn find_dev_mail(&self, id: i64) -> Result<Option<DevMail>, StoreError>;

    // --- benchmarks ---

    /// Bulk-inserts the plan's invitations, accounts, events and messages in one transaction
    /// (set-based SQL, no row-by-row round trips), then refreshes the planner's statistics.
    /// Returns how many invitations it wrote.
    async fn seed(&self, plan: &SeedPlan) -> Result<u64, StoreError>;
}

/// Opens the database the URL names. No migration is run here.
pub async fn connect(url: &DatabaseUrl) -> Result<Arc<dyn Store>, StoreError> {
    Ok(match url {
        DatabaseUrl::Sqlite { path, .. } => Arc::new(SqliteStore::open(path).await?),
        DatabaseUrl::Postgres(url) => Arc::new(PostgresStore::connect(url).await?),
    })
}

/// Both backends keep their migrations side by side with the same version numbers; this is
/// what a fully migrated database reports.
pub fn expected_migrations() -> Vec<i64> {
    sqlite::MIGRATOR
        .iter()
        .filter(|m| m.migration_type.is_up_migration())
        .map(|m| m.version)
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn both_backends_have_the_same_migration_versions() {
        let versions = |m: &sqlx::migrate::Migrator| {
            m.iter().map(|m| (m.version, m.description.to_string())).collect::<Vec<_>>()
        };
        assert_eq!(versions(&super::sqlite::MIGRATOR), versions(&super::postgres::MIGRATOR));
    }
}
