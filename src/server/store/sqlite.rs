//! The SQLite backend: one file, WAL mode, foreign keys on, one writer at a time.

use std::{path::Path, str::FromStr, time::Duration};

use sqlx::{
    Sqlite, SqlitePool, Transaction,
    migrate::Migrator,
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
};

use super::{Backend, StoreError, group_commit::Group, quick_reads::QuickReads};

pub(super) static MIGRATOR: Migrator = sqlx::migrate!("./migrations/sqlite");

pub struct SqliteBackend {
    pool: SqlitePool,
    /// One connection for every write transaction. SQLite lets one writer in at a time
    /// anyway; queueing the writers here (in order, in the pool's fair queue) instead of in
    /// SQLite's busy handler, which polls with growing sleeps, removes its latency tail.
    writer: SqlitePool,
    /// New invitations, written in groups on `writer`.
    group: Group,
    /// The read of each signed-in request's session and account.
    quick: QuickReads,
    /// The task checkpointing the write-ahead log; it ends with the backend.
    checkpoints: tokio::task::JoinHandle<()>,
}

impl Drop for SqliteBackend {
    fn drop(&mut self) {
        self.checkpoints.abort();
    }
}

/// Connections for the sessions' reads (`QuickReads`), beside the pool's 8.
const QUICK_READS: usize = 4;

/// How often the write-ahead log is checkpointed.
const CHECKPOINT_EVERY: Duration = Duration::from_millis(250);

/// Copies what the write-ahead log holds into the database file every `CHECKPOINT_EVERY`, on
/// a reading connection, without waiting for readers or holding up the writer (`PASSIVE`),
/// until the pool closes.
async fn checkpoints(pool: SqlitePool) {
    while !pool.is_closed() {
        tokio::time::sleep(CHECKPOINT_EVERY).await;
        if let Err(error) = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)").execute(&pool).await
            && !pool.is_closed()
        {
            tracing::warn!(%error, "could not checkpoint the write-ahead log");
        }
    }
}

impl SqliteBackend {
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
        let pool =
            pool_options(8).connect_with(options.clone()).await.map_err(StoreError::Unavailable)?;
        // The writer never checkpoints: SQLite would do it inside the commit that fills the
        // write-ahead log past 1,000 pages, holding the one writer (and every request queued
        // behind it) while it copies and syncs them. `checkpoints` does it beside the writer.
        let writer = pool_options(1)
            .connect_with(options.clone().pragma("wal_autocheckpoint", "0"))
            .await
            .map_err(StoreError::Unavailable)?;
        let checkpoints = tokio::spawn(checkpoints(pool.clone()));
        let group = Group::start(writer.clone());
        let quick = QuickReads::new(options, QUICK_READS);
        Ok(Self { pool, writer, group, quick, checkpoints })
    }

    /// Where each signed-in request's session and account are read.
    pub(super) fn quick_reads(&self) -> &QuickReads {
        &self.quick
    }

    /// Where new invitations are written, in groups.
    pub(super) fn group(&self) -> &Group {
        &self.group
    }
}

fn pool_options(connections: u32) -> SqlitePoolOptions {
    SqlitePoolOptions::new()
        .max_connections(connections)
        .acquire_timeout(Duration::from_secs(5))
        // No ping before each use: a connection here is a thread of this process on a local
        // file, which can't go stale the way a network connection does, and the ping was one
        // more hand-off to that thread and back on every query.
        .test_before_acquire(false)
        // A connection whose transaction could not end (its COMMIT and ROLLBACK failed, as on
        // a full disk) is closed, not handed to the next request: it would refuse every
        // transaction after that one.
        .after_release(|conn, _| {
            Box::pin(async move { Ok(!sqlx::Connection::is_in_transaction(conn)) })
        })
}

impl Backend for SqliteBackend {
    type Database = Sqlite;
    const NAME: &'static str = "sqlite";
    const SKIP_LOCKED: &'static str = "";
    const FOR_UPDATE: &'static str = "";

    fn migrator() -> &'static Migrator {
        &MIGRATOR
    }

    fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    fn writer(&self) -> &SqlitePool {
        &self.writer
    }

    /// Takes the write lock up front (IMMEDIATE), on the one writer connection: a read that
    /// later upgrades to a write could otherwise fail with SQLITE_BUSY.
    async fn write_tx(&self) -> Result<Transaction<'static, Sqlite>, StoreError> {
        Ok(self.writer.begin_with("BEGIN IMMEDIATE").await?)
    }

    async fn close(&self) {
        self.quick.close();
        self.writer.close().await;
        self.pool.close().await;
    }
}
