//! The SQLite store: one file, WAL mode, foreign keys on.

use std::{path::Path, str::FromStr, time::Duration};

use sqlx::{
    SqlitePool,
    migrate::Migrator,
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
};

use super::Conflict;
use super::{
    Accept, Actor, ClaimedMessage, CreateInvitation, DevMail, EmailUse, EventRecord, Guarded,
    InvitationRecord, LinkActivity, LinkActivityKind, LinkRecord, MessageOutcome, NewEvent,
    NewLink, NewMessage, NewUser, OutboxRecord, Reissue, ReissueKind, Store, StoreError,
    UserRecord,
    sql::{
        ClaimRow, CountsRow, DeliveryRow, DevMailRow, EventRow, InvitationRow, OutboxRow, UserRow,
        classify, contains_pattern, cursor_of, invitation_columns, seed_rows, sort_column,
        store_impl, summary, transaction_helpers, user_columns,
    },
};
use crate::domain::{
    ChangeStamp, Cursor, Delivery, EventAction, InvitationPage, InvitationStatus, ListQuery,
    PhoneNumber, Role, StatusCounts, Timestamp,
};

pub(super) static MIGRATOR: Migrator = sqlx::migrate!("./migrations/sqlite");

pub struct SqliteStore {
    pool: SqlitePool,
    /// One connection for every write transaction. SQLite lets one writer in at a time
    /// anyway; queueing the writers here (in order, in the pool's fair queue) instead of in
    /// SQLite's busy handler, which polls with growing sleeps, removes its latency tail.
    writer: SqlitePool,
}

impl SqliteStore {
    /// Opens (creating when missing) the file at `path`, and its folder.
    pub async fn open(path: &Path) -> Result<Self, StoreError> {
        if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder).map_err(|source| StoreError::Folder {
                path: folder.display().to_string(),
                source,
            })?;
        }
        let options = SqliteConnectOptions::from_str("sqlite://")
            .map_err(StoreError::Unavailable)?
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            // Wiped and deleted content (a sent message's body, with its link) is overwritten
            // with zeros, not left in the file's free space for a copied file to reveal.
            .pragma("secure_delete", "ON")
            .busy_timeout(Duration::from_secs(5));
        let pool = Self::pool_options(8)
            .connect_with(options.clone())
            .await
            .map_err(StoreError::Unavailable)?;
        let writer =
            Self::pool_options(1).connect_with(options).await.map_err(StoreError::Unavailable)?;
        Ok(Self { pool, writer })
    }

    fn pool_options(connections: u32) -> SqlitePoolOptions {
        SqlitePoolOptions::new()
            .max_connections(connections)
            .acquire_timeout(Duration::from_secs(5))
            // A connection whose transaction could not end (its COMMIT and ROLLBACK failed,
            // as on a full disk) is closed, not handed to the next request: it would refuse
            // every transaction after that one.
            .after_release(|conn, _| {
                Box::pin(async move { Ok(!sqlx::Connection::is_in_transaction(conn)) })
            })
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// SQLite has one writer: taking the write lock up front (IMMEDIATE) makes concurrent
    /// writers queue on the busy timeout instead of failing when a read upgrades to a write.
    async fn write_tx(&self) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>, StoreError> {
        Ok(self.writer.begin_with("BEGIN IMMEDIATE").await?)
    }

    async fn close_pools(&self) {
        self.writer.close().await;
        self.pool.close().await;
    }

    /// Around `seed`'s bulk insert: nothing. SQLite updates the count rows in place, so its
    /// triggers keep up with a million inserts.
    const SEED_BEFORE: &[&str] = &[];
    const SEED_AFTER: &[&str] = &[];
}

transaction_helpers!(SqliteStore, sqlx::Sqlite);

store_impl!(SqliteStore, sqlx::Sqlite, sqlite, MIGRATOR, skip_locked = "");
