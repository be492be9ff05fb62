//! What each database must provide (`Backend`), and how a query written once runs on
//! either: `Db` holds one backend's value (a pool, a transaction, a connection) and `on!`
//! runs the same sqlx call on whichever it holds.
//!
//! Why not generic functions over `sqlx::Database`: each would need the same dozen
//! higher-ranked bounds (`Executor` for `&mut Connection`, `Encode` and `Type` for every
//! bound value, `Decode` for every column, `IntoArguments`), and Rust does not carry such
//! where-clauses from a trait to its users, so every function would repeat them. `on!`
//! expands the one body twice, and the compiler checks each copy against its database.

use sqlx::{PgConnection, Postgres, Sqlite, SqliteConnection, Transaction, migrate::Migrator};

use super::StoreError;

/// One value per backend: which one the store runs on is chosen at start-up.
#[derive(Debug, Clone)]
pub enum Db<S, P> {
    Sqlite(S),
    Postgres(P),
}

/// Runs `$body` with `$c` bound to the executor `$db` holds, for either backend. The body is
/// written once and compiled for each database, so sqlx checks its binds and rows per backend.
macro_rules! on {
    ($db:expr, |$c:ident| $body:expr) => {
        match $db {
            $crate::server::store::Db::Sqlite($c) => $body,
            $crate::server::store::Db::Postgres($c) => $body,
        }
    };
}
pub(crate) use on;

/// What a database must provide for the store; every query is shared (see the area files).
pub trait Backend: Send + Sync + 'static {
    type Database: sqlx::Database;

    /// "sqlite" or "postgres", for logs and the health check.
    const NAME: &'static str;

    /// Added to the outbox claim's inner `SELECT` so that several senders skip the rows
    /// another one is claiming instead of waiting on them (empty where one writer at a time
    /// is the rule anyway).
    const SKIP_LOCKED: &'static str;

    /// Added to a `SELECT` inside a write transaction to hold the rows it read until the
    /// commit, so a rule over several rows (the last active Super-Admin) is decided on rows
    /// no concurrent change can move (empty where the write transaction holds the whole
    /// database already).
    const FOR_UPDATE: &'static str;

    /// This database's migrations folder.
    fn migrator() -> &'static Migrator;

    /// The pool reads go to.
    fn pool(&self) -> &sqlx::Pool<Self::Database>;

    /// The pool a write of one statement, outside a transaction, goes to.
    fn writer(&self) -> &sqlx::Pool<Self::Database>;

    /// Begins a transaction that will write, the way this database needs it.
    fn write_tx(
        &self,
    ) -> impl Future<Output = Result<Transaction<'static, Self::Database>, StoreError>> + Send;

    /// Closes every pooled connection.
    fn close(&self) -> impl Future<Output = ()> + Send;
}

/// A write transaction on either backend.
pub(crate) type Tx = Db<Transaction<'static, Sqlite>, Transaction<'static, Postgres>>;

impl Tx {
    /// The connection the transaction's statements run on.
    pub(crate) fn conn(&mut self) -> Db<&mut SqliteConnection, &mut PgConnection> {
        match self {
            Db::Sqlite(tx) => Db::Sqlite(&mut **tx),
            Db::Postgres(tx) => Db::Postgres(&mut **tx),
        }
    }

    pub(crate) async fn commit(self) -> Result<(), StoreError> {
        on!(self, |tx| tx.commit().await)?;
        Ok(())
    }
}
