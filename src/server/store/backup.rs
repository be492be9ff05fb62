//! A consistent copy of a running SQLite database, taken without stopping it: `VACUUM INTO`
//! reads the database in one read transaction (the WAL keeps it whole while writers go on)
//! and writes a new, compacted file. Postgres has its own tools (`pg_dump`).

use std::path::Path;

use super::{Db, Store, StoreError};

/// Why a backup was not written.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0} already exists; choose a new file, so that no backup is overwritten")]
    Exists(String),
    #[error(
        "backup copies the embedded SQLite database; for Postgres use pg_dump (see the README, \"Backups\")"
    )]
    Postgres,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl Store {
    /// Writes a consistent copy of the database, as of the moment the copy starts, to `to`
    /// (a file that must not exist yet). Invitations committed before that moment are in it;
    /// those committed after are not. Writers are not held up.
    pub async fn backup_into(&self, to: &Path) -> Result<u64, BackupError> {
        let Db::Sqlite(pool) = self.read() else { return Err(BackupError::Postgres) };
        if to.exists() {
            return Err(BackupError::Exists(to.display().to_string()));
        }
        let target = to.to_string_lossy().into_owned();
        sqlx::query("VACUUM INTO $1")
            .bind(&target)
            .execute(pool)
            .await
            .map_err(StoreError::from)?;
        Ok(std::fs::metadata(to).map(|m| m.len()).unwrap_or(0))
    }
}
