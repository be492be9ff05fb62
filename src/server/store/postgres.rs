//! The Postgres store, for production and for several server processes sharing one database.

use std::time::Duration;

use sqlx::{PgPool, migrate::Migrator, postgres::PgPoolOptions};

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

pub(super) static MIGRATOR: Migrator = sqlx::migrate!("./migrations/postgres");

pub struct PostgresStore {
    pool: PgPool,
}

impl PostgresStore {
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(5))
            .connect(url)
            .await
            .map_err(StoreError::Unavailable)?;
        Ok(Self { pool })
    }

    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    /// Read committed: the guarded UPDATEs lock the invitation row, so racing writers on
    /// one invitation queue behind each other and re-check the guard.
    async fn write_tx(&self) -> Result<sqlx::Transaction<'static, sqlx::Postgres>, StoreError> {
        Ok(self.pool.begin().await?)
    }

    async fn close_pools(&self) {
        self.pool.close().await;
    }

    /// Around `seed`'s bulk insert: the per-row count trigger is off and the counts are
    /// rebuilt once at the end, in the same transaction. (A million updates of the same few
    /// count rows in one transaction make ever longer version chains: quadratic.)
    const SEED_BEFORE: &[&str] =
        &["ALTER TABLE invitations DISABLE TRIGGER invitation_counts_insert_delete"];
    const SEED_AFTER: &[&str] = &[
        "ALTER TABLE invitations ENABLE TRIGGER invitation_counts_insert_delete",
        "DELETE FROM invitation_counts",
        "INSERT INTO invitation_counts (role, state, slot, n) \
         SELECT role, state, 0, COUNT(*) FROM invitations GROUP BY role, state",
    ];
}

transaction_helpers!(PostgresStore, sqlx::Postgres);

store_impl!(
    PostgresStore,
    sqlx::Postgres,
    postgres,
    MIGRATOR,
    skip_locked = "FOR UPDATE SKIP LOCKED"
);
