//! The SQLite backend: one file, WAL mode, foreign keys on, one writer at a time.

use std::{path::Path, str::FromStr, time::Duration};

use sqlx::{
    Sqlite, SqlitePool, Transaction,
    migrate::Migrator,
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
};

use super::{Backend, StoreError};

pub(super) static MIGRATOR: Migrator = sqlx::migrate!("./migrations/sqlite");

pub struct SqliteBackend {
    pool: SqlitePool,
    /// One connection for every write transaction. SQLite lets one writer in at a time
    /// anyway; queueing the writers here (in order, in the pool's fair queue) instead of in
    /// SQLite's busy handler, which polls with growing sleeps, removes its latency tail.
    writer: SqlitePool,
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
        let writer =
            pool_options(1).connect_with(options).await.map_err(StoreError::Unavailable)?;
        Ok(Self { pool, writer })
    }
}

fn pool_options(connections: u32) -> SqlitePoolOptions {
    SqlitePoolOptions::new()
        .max_connections(connections)
        .acquire_timeout(Duration::from_secs(5))
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
        self.writer.close().await;
        self.pool.close().await;
    }
}
