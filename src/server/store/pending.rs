//! A ceremony in progress, kept server-side until it is taken once: a passkey's
//! (`passkey_ceremonies`) or a trip to the school's provider (`school_sign_in_trips`). Both
//! tables have one shape: the SHA-256 of a secret only the ceremony's browser session holds,
//! what it is for, what it is bound to (a link, an account), what finishing it needs, and
//! when it runs out. One way to begin and take either.

use super::{Store, StoreError, on};
use crate::domain::Timestamp;

/// The tables of ceremonies in progress; only these names are ever put into a statement.
#[derive(Debug, Clone, Copy)]
pub(super) enum Pending {
    Passkey,
    SchoolTrip,
}

impl Pending {
    fn table(self) -> &'static str {
        match self {
            Pending::Passkey => "passkey_ceremonies",
            Pending::SchoolTrip => "school_sign_in_trips",
        }
    }
}

/// A ceremony as it begins.
pub(super) struct Begin<'a> {
    pub id: &'a [u8; 32],
    pub purpose: &'static str,
    pub link_hash: Option<&'a [u8; 32]>,
    pub user_id: Option<i64>,
    pub state: &'a str,
    pub expires_at: Timestamp,
    /// Ceremonies that expired by now are forgotten as this one begins.
    pub now: Timestamp,
}

/// A ceremony as it was taken.
pub(super) struct Taken {
    pub purpose: String,
    pub link_hash: Option<[u8; 32]>,
    pub user_id: Option<i64>,
    pub state: String,
    pub expires_at: Timestamp,
}

impl Store {
    /// Begins a ceremony, and forgets the ones of its kind that expired.
    pub(super) async fn begin_pending(
        &self,
        kind: Pending,
        ceremony: Begin<'_>,
    ) -> Result<(), StoreError> {
        let table = kind.table();
        let mut tx = self.write().await?;
        let sweep = format!("DELETE FROM {table} WHERE expires_at <= $1");
        let now = ceremony.now.0;
        on!(tx.conn(), |c| sqlx::query(&sweep).bind(now).execute(c).await.map(|_| ()))?;
        let sql = format!(
            "INSERT INTO {table} (id, purpose, link_hash, user_id, state, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6)"
        );
        on!(tx.conn(), |c| {
            sqlx::query(&sql)
                .bind(&ceremony.id[..])
                .bind(ceremony.purpose)
                .bind(ceremony.link_hash.map(|h| &h[..]))
                .bind(ceremony.user_id)
                .bind(ceremony.state)
                .bind(ceremony.expires_at.0)
                .execute(c)
                .await
                .map(|_| ())
        })?;
        tx.commit().await
    }

    /// Takes a ceremony: deleted whatever comes of it, so it is used at most once. The caller
    /// decides whether it is unexpired and bound to what it should be.
    pub(super) async fn take_pending(
        &self,
        kind: Pending,
        id: &[u8; 32],
    ) -> Result<Option<Taken>, StoreError> {
        let sql = format!(
            "DELETE FROM {} WHERE id = $1 \
             RETURNING purpose, link_hash, user_id, state, expires_at",
            kind.table()
        );
        type Row = (String, Option<Vec<u8>>, Option<i64>, String, i64);
        let row: Option<Row> =
            on!(self.writer(), |c| sqlx::query_as(&sql).bind(&id[..]).fetch_optional(c).await)?;
        Ok(row.map(|(purpose, link_hash, user_id, state, expires_at)| Taken {
            purpose,
            link_hash: link_hash.and_then(|hash| <[u8; 32]>::try_from(hash).ok()),
            user_id,
            state,
            expires_at: Timestamp(expires_at),
        }))
    }
}
