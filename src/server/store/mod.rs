//! The storage contract: one trait, implemented for SQLite (the embedded default) and for
//! Postgres (production). Both pass the same contract suite in `tests/contract`.

mod postgres;
mod sqlite;

use std::sync::Arc;

use async_trait::async_trait;

pub use postgres::PostgresStore;
pub use sqlite::SqliteStore;

use super::config::DatabaseUrl;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the database is unavailable: {0}")]
    Unavailable(#[source] sqlx::Error),
    #[error("database migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("could not create the database folder {path}: {source}")]
    Folder {
        path: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

#[async_trait]
pub trait Store: Send + Sync + 'static {
    /// "sqlite" or "postgres", for logs and the health check.
    fn backend(&self) -> &'static str;

    /// Applies every migration not yet applied. Safe to run again and from several processes.
    async fn migrate(&self) -> Result<(), StoreError>;

    /// The versions of the migrations applied so far, in order.
    async fn applied_migrations(&self) -> Result<Vec<i64>, StoreError>;

    /// A round trip to the database, for the health check.
    async fn ping(&self) -> Result<(), StoreError>;

    /// Closes every pooled connection; later calls fail with `Unavailable`.
    async fn close(&self);
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
            m.iter()
                .map(|m| (m.version, m.description.to_string()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            versions(&super::sqlite::MIGRATOR),
            versions(&super::postgres::MIGRATOR)
        );
    }
}
