//! Storage only: the `Store` keeps the app's tables on SQLite (the embedded default) or
//! Postgres (production). It takes complete records and events and returns records; what an
//! outcome means (status, wording, paging) is the services' job. Each area's queries live in
//! the file named after it, written once for both databases (see `backend`); the contract
//! suite in `tests/api/contract` runs every one of them on both. Invariants are kept atomic
//! here: guards in one transaction, unique indexes.

mod acceptance;
mod account_status;
mod backend;
mod backup;
mod bulk_jobs;
mod creation;
mod dev_mailbox;
mod digests;
mod error;
mod group_commit;
mod history;
mod invitations;
mod limits;
mod links;
mod listing;
mod outbox;
mod passkeys;
mod pending;
mod postgres;
mod quick_reads;
mod records;
mod school_accounts;
mod script;
mod sessions;
mod sign_in_links;
mod sqlite;
mod users;

use std::sync::Arc;

use sqlx::{PgPool, SqlitePool};

pub use backend::{Backend, Db};
pub(crate) use backend::{Tx, on};
pub use backup::BackupError;
pub use digests::{DueDigest, ExpiredInvitation};
pub use error::{ACTOR_RULE, CONFLICT_RULES, Conflict, Outage, StoreError};
pub use limits::{Allowance, DeviceCheck};
pub use passkeys::PasskeyRemoval;
pub use postgres::PostgresBackend;
pub use records::*;
pub use school_accounts::{
    NewSchoolAccount, NewTrip, SchoolAccountRecord, SchoolUnlink, TakenTrip, TripPurpose,
};
pub use sessions::StoredSession;
pub use sqlite::SqliteBackend;

use super::config::DatabaseUrl;

/// A backend's connection pool, for what keeps its own tables in the same database (the
/// sessions, which auth builds from it at start-up; the benchmarks' seeding).
pub type Pool = Db<SqlitePool, PgPool>;

/// Why a guarded change was not made: `None`. The service re-reads the row to tell the
/// person why.
pub type Guarded<T> = Result<Option<T>, StoreError>;

/// The app's storage, on whichever database `DATABASE_URL` names.
pub struct Store {
    db: Db<SqliteBackend, PostgresBackend>,
}

/// Opens the database the URL names. No migration is run here.
pub async fn connect(url: &DatabaseUrl) -> Result<Arc<Store>, StoreError> {
    let db = match url {
        DatabaseUrl::Sqlite { path, .. } => Db::Sqlite(SqliteBackend::open(path).await?),
        DatabaseUrl::Postgres(url) => Db::Postgres(PostgresBackend::connect(url).await?),
    };
    Ok(Arc::new(Store { db }))
}

impl Store {
    /// "sqlite" or "postgres", for logs and the health check.
    pub fn backend(&self) -> &'static str {
        match &self.db {
            Db::Sqlite(_) => SqliteBackend::NAME,
            Db::Postgres(_) => PostgresBackend::NAME,
        }
    }

    pub fn pool(&self) -> Pool {
        match self.read() {
            Db::Sqlite(pool) => Db::Sqlite(pool.clone()),
            Db::Postgres(pool) => Db::Postgres(pool.clone()),
        }
    }

    /// Where reads go.
    pub(crate) fn read(&self) -> Db<&SqlitePool, &PgPool> {
        match &self.db {
            Db::Sqlite(backend) => Db::Sqlite(backend.pool()),
            Db::Postgres(backend) => Db::Postgres(backend.pool()),
        }
    }

    /// Where a write of one statement goes, outside a transaction.
    pub(crate) fn writer(&self) -> Db<&SqlitePool, &PgPool> {
        match &self.db {
            Db::Sqlite(backend) => Db::Sqlite(backend.writer()),
            Db::Postgres(backend) => Db::Postgres(backend.writer()),
        }
    }

    /// Begins a transaction that will write.
    pub(crate) async fn write(&self) -> Result<Tx, StoreError> {
        Ok(match &self.db {
            Db::Sqlite(backend) => Db::Sqlite(backend.write_tx().await?),
            Db::Postgres(backend) => Db::Postgres(backend.write_tx().await?),
        })
    }

    fn skip_locked(&self) -> &'static str {
        match &self.db {
            Db::Sqlite(_) => SqliteBackend::SKIP_LOCKED,
            Db::Postgres(_) => PostgresBackend::SKIP_LOCKED,
        }
    }

    fn for_update(&self) -> &'static str {
        match &self.db {
            Db::Sqlite(_) => SqliteBackend::FOR_UPDATE,
            Db::Postgres(_) => PostgresBackend::FOR_UPDATE,
        }
    }

    /// Applies every migration not yet applied. Safe to run again and from several processes.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        match &self.db {
            Db::Sqlite(backend) => SqliteBackend::migrator().run(backend.pool()).await?,
            Db::Postgres(backend) => PostgresBackend::migrator().run(backend.pool()).await?,
        }
        Ok(())
    }

    /// The versions of the migrations applied so far, in order.
    pub async fn applied_migrations(&self) -> Result<Vec<i64>, StoreError> {
        let sql = "SELECT version FROM _sqlx_migrations WHERE success ORDER BY version";
        let rows: Vec<(i64,)> = on!(self.read(), |c| sqlx::query_as(sql).fetch_all(c).await)?;
        Ok(rows.into_iter().map(|(v,)| v).collect())
    }

    /// A round trip to the database, for the health check.
    pub async fn ping(&self) -> Result<(), StoreError> {
        let answer: Result<(i32,), _> =
            on!(self.read(), |c| sqlx::query_as("SELECT 1").fetch_one(c).await);
        answer.map_err(StoreError::Unavailable)?;
        Ok(())
    }

    /// Closes every pooled connection; later calls fail with `Unavailable`.
    pub async fn close(&self) {
        on!(&self.db, |backend| backend.close().await)
    }
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
