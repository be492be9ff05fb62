//! The sessions' table read together with its account. The records are tower-sessions' own,
//! written by its sqlx store; beside each, `user_id` (migration 0019) holds the account it
//! signed in, which `auth::sessions::SessionBackend` keeps. So every request learns who is
//! asking, its session and that account, from one statement.

use std::sync::LazyLock;

use tower_sessions::cookie::time::OffsetDateTime;

use super::users::{COLUMNS, UserRow};
use super::{Backend, Db, Store, StoreError, UserRecord, on};

/// The account's columns, as the joined query names them.
static JOINED_COLUMNS: LazyLock<String> = LazyLock::new(|| {
    COLUMNS.split(',').map(|column| format!("u.{}", column.trim())).collect::<Vec<_>>().join(", ")
});

#[derive(sqlx::FromRow)]
struct SignedInRow {
    data: Vec<u8>,
    #[sqlx(flatten)]
    user: UserRow,
}

/// A session as stored: its id and its record, as tower-sessions encoded it.
pub type StoredSession = (String, Vec<u8>);

impl Store {
    /// The session table, where tower-sessions' store keeps it on each database.
    fn session_table(&self) -> &'static str {
        match &self.db {
            Db::Sqlite(_) => "tower_sessions",
            Db::Postgres(_) => "tower_sessions.session",
        }
    }

    /// The session `id`, unexpired at `now`, with the account signed in on it: its record
    /// (tower-sessions' encoding) and that account. `None` when there is no such session, or
    /// no account signed in on it.
    pub async fn signed_in_session(
        &self,
        id: &str,
        now: OffsetDateTime,
    ) -> Result<Option<(Vec<u8>, UserRecord)>, StoreError> {
        let sql = format!(
            "SELECT s.data, {} FROM {} s JOIN users u ON u.id = s.user_id \
             WHERE s.id = $1 AND s.expiry_date > $2",
            *JOINED_COLUMNS,
            self.session_table(),
        );
        let row: Option<SignedInRow> = match &self.db {
            Db::Sqlite(backend) => {
                let id = id.to_owned();
                backend
                    .quick_reads()
                    .run(move |c| {
                        Box::pin(async move {
                            sqlx::query_as(&sql).bind(id).bind(now).fetch_optional(c).await
                        })
                    })
                    .await?
            }
            Db::Postgres(backend) => {
                sqlx::query_as(&sql).bind(id).bind(now).fetch_optional(backend.pool()).await?
            }
        };
        row.map(|row| Ok((row.data, row.user.try_into()?))).transpose()
    }

    /// Records that the session `id` signed in `user_id`.
    pub async fn set_session_account(&self, id: &str, user_id: i64) -> Result<(), StoreError> {
        let sql = format!("UPDATE {} SET user_id = $1 WHERE id = $2", self.session_table());
        on!(self.writer(), |c| sqlx::query(&sql)
            .bind(user_id)
            .bind(id)
            .execute(c)
            .await
            .map(|_| ()))?;
        Ok(())
    }

    /// The sessions with no account recorded beside them: anonymous ones, and those signed in
    /// before the column existed.
    pub async fn sessions_without_account(&self) -> Result<Vec<StoredSession>, StoreError> {
        let sql = format!("SELECT id, data FROM {} WHERE user_id IS NULL", self.session_table());
        let rows = on!(self.read(), |c| sqlx::query_as(&sql).fetch_all(c).await)?;
        Ok(rows)
    }
}
