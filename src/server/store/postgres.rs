//! The Postgres backend, for production and for several server processes on one database.

use std::time::Duration;

use sqlx::{PgPool, Postgres, Transaction, migrate::Migrator, postgres::PgPoolOptions};

use super::{Backend, StoreError};

pub(super) static MIGRATOR: Migrator = sqlx::migrate!("./migrations/postgres");

pub struct PostgresBackend {
    pool: PgPool,
}

impl PostgresBackend {
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(5))
            .connect(url)
            .await
            .map_err(StoreError::Unavailable)?;
        Ok(Self { pool })
    }
}

impl Backend for PostgresBackend {
    type Database = Postgres;
    const NAME: &'static str = "postgres";
    const SKIP_LOCKED: &'static str = "FOR UPDATE SKIP LOCKED";
    const FOR_UPDATE: &'static str = "FOR UPDATE";

    fn migrator() -> &'static Migrator {
        &MIGRATOR
    }

    fn pool(&self) -> &PgPool {
        &self.pool
    }

    fn writer(&self) -> &PgPool {
        &self.pool
    }

    /// Read committed: the guarded UPDATEs lock the invitation row, so racing writers on one
    /// invitation queue behind each other and re-check the guard.
    async fn write_tx(&self) -> Result<Transaction<'static, Postgres>, StoreError> {
        Ok(self.pool.begin().await?)
    }

    async fn close(&self) {
        self.pool.close().await;
    }
}
