//! SQLite connections for the one read every signed-in request makes (its session with its
//! account), kept outside sqlx's pool. The pool pings each connection it gets back, which on
//! SQLite is one more hand-off to the connection's thread and back, doubling what that read
//! costs; a read of one statement outside any transaction leaves nothing to check. A read
//! that does not end (its request went away) or fails closes its connection instead of
//! keeping it, so nothing half-done is ever handed on (docs/performance.md).

use std::sync::Mutex;

use futures::future::BoxFuture;
use sqlx::{Connection, SqliteConnection, sqlite::SqliteConnectOptions};
use tokio::sync::Semaphore;

use super::{StoreError, error::closed};

pub(super) struct QuickReads {
    options: SqliteConnectOptions,
    idle: Mutex<Vec<SqliteConnection>>,
    /// At most this many connections at once; a read beyond them waits its turn.
    turns: Semaphore,
}

impl QuickReads {
    /// Up to `connections` connections with `options`, opened when first needed.
    pub(super) fn new(options: SqliteConnectOptions, connections: usize) -> Self {
        Self { options, idle: Mutex::new(Vec::new()), turns: Semaphore::new(connections) }
    }

    /// Runs `read` on a connection of its own.
    pub(super) async fn run<T>(
        &self,
        read: impl for<'c> FnOnce(&'c mut SqliteConnection) -> BoxFuture<'c, Result<T, sqlx::Error>>,
    ) -> Result<T, StoreError> {
        let _turn = self.turns.acquire().await.map_err(|_| closed())?;
        let idle = self.idle.lock().unwrap_or_else(|e| e.into_inner()).pop();
        let mut conn = match idle {
            Some(conn) => conn,
            None => SqliteConnection::connect_with(&self.options).await?,
        };
        let value = read(&mut conn).await?;
        self.idle.lock().unwrap_or_else(|e| e.into_inner()).push(conn);
        Ok(value)
    }

    /// No more reads: the idle connections close.
    pub(super) fn close(&self) {
        self.turns.close();
        self.idle.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }
}

#[cfg(test)]
mod tests {
    use std::{str::FromStr, time::Duration};

    use sqlx::sqlite::SqliteConnectOptions;

    use super::QuickReads;

    fn idle(reads: &QuickReads) -> usize {
        reads.idle.lock().unwrap().len()
    }

    #[tokio::test]
    async fn only_a_read_that_ended_well_hands_its_connection_on() {
        let dir = tempfile::tempdir().unwrap();
        let options = SqliteConnectOptions::from_str("sqlite://")
            .unwrap()
            .filename(dir.path().join("reads.db"))
            .create_if_missing(true);
        let reads = QuickReads::new(options, 2);

        let one: (i64,) = reads
            .run(|c| Box::pin(async move { sqlx::query_as("SELECT 1").fetch_one(c).await }))
            .await
            .unwrap();
        assert_eq!((one, idle(&reads)), ((1,), 1), "kept for the next read");

        let failed = reads
            .run(|c| {
                Box::pin(async move { sqlx::query("SELECT nothing FROM nowhere").execute(c).await })
            })
            .await;
        assert!(failed.is_err());
        assert_eq!(idle(&reads), 0, "a failed read's connection is closed");

        // A read whose request went away mid-way.
        let slow = reads.run(|c| {
            Box::pin(async move {
                sqlx::query(
                    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n \
                     WHERE i < 100000000) SELECT count(*) FROM n",
                )
                .execute(c)
                .await
            })
        });
        assert!(tokio::time::timeout(Duration::from_millis(20), slow).await.is_err());
        assert_eq!(idle(&reads), 0, "an unfinished read's connection is closed");

        reads
            .run(|c| Box::pin(async move { sqlx::query("SELECT 1").execute(c).await }))
            .await
            .unwrap();
        assert_eq!(idle(&reads), 1, "a new connection is opened when none is idle");
        reads.close();
        assert_eq!(idle(&reads), 0);
        assert!(
            reads
                .run(|c| Box::pin(async move { sqlx::query("SELECT 1").execute(c).await }))
                .await
                .is_err()
        );
    }
}
