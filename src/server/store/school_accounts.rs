//! The `school_accounts` and `school_sign_in_trips` tables: the school account (OpenID
//! Connect identity) an account signs in with, and the trips to the provider in progress,
//! each taken (deleted) once.

use super::{
    Store, StoreError, Tx,
    error::classify,
    on,
    pending::{Begin, Pending},
};
use crate::domain::Timestamp;

/// What a trip to the provider is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TripPurpose {
    /// Accepting an invitation: bound to its link.
    Setup,
    /// Signing in: bound to the browser's session only.
    SignIn,
    /// Linking a school account to the signed-in account: bound to it.
    Link,
}

impl TripPurpose {
    fn as_str(self) -> &'static str {
        match self {
            TripPurpose::Setup => "setup",
            TripPurpose::SignIn => "sign_in",
            TripPurpose::Link => "link",
        }
    }

    fn parse(raw: &str) -> Option<Self> {
        [TripPurpose::Setup, TripPurpose::SignIn, TripPurpose::Link]
            .into_iter()
            .find(|purpose| purpose.as_str() == raw)
    }
}

/// A trip begun: its id (the SHA-256 of its `state`), what it is bound to, and what finishing
/// it needs (JSON).
pub struct NewTrip {
    pub id: [u8; 32],
    pub purpose: TripPurpose,
    pub link_hash: Option<[u8; 32]>,
    pub user_id: Option<i64>,
    pub state: String,
    pub expires_at: Timestamp,
    /// Trips that expired by now are forgotten as this one begins.
    pub now: Timestamp,
}

/// A trip taken back, unexpired.
#[derive(Debug, Clone)]
pub struct TakenTrip {
    pub purpose: TripPurpose,
    pub link_hash: Option<[u8; 32]>,
    pub user_id: Option<i64>,
    pub state: String,
}

/// A linked school account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchoolAccountRecord {
    pub user_id: i64,
    pub issuer: String,
    pub subject: String,
    pub email: String,
    pub linked_at: Timestamp,
    pub last_used_at: Option<Timestamp>,
}

/// A school account to link: who the provider says the person is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSchoolAccount {
    pub issuer: String,
    pub subject: String,
    pub email: String,
}

/// Why a school account was not unlinked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchoolUnlink {
    Unlinked,
    NotLinked,
    /// It is the account's last way of signing in (no password, no passkey).
    LastWayIn,
}

type AccountRow = (i64, String, String, String, i64, Option<i64>);

fn record(
    (user_id, issuer, subject, email, linked_at, last_used_at): AccountRow,
) -> SchoolAccountRecord {
    SchoolAccountRecord {
        user_id,
        issuer,
        subject,
        email,
        linked_at: Timestamp(linked_at),
        last_used_at: last_used_at.map(Timestamp),
    }
}

const COLUMNS: &str = "user_id, issuer, subject, email, linked_at, last_used_at";

impl Store {
    /// Begins a trip, and forgets the ones that expired.
    pub async fn begin_school_trip(&self, trip: NewTrip) -> Result<(), StoreError> {
        let begin = Begin {
            id: &trip.id,
            purpose: trip.purpose.as_str(),
            link_hash: trip.link_hash.as_ref(),
            user_id: trip.user_id,
            state: &trip.state,
            expires_at: trip.expires_at,
            now: trip.now,
        };
        self.begin_pending(Pending::SchoolTrip, begin).await
    }

    /// Takes a trip: deleted whatever comes of it, so it is used at most once; `None` when
    /// there is no such trip or it has expired.
    pub async fn take_school_trip(
        &self,
        id: &[u8; 32],
        now: Timestamp,
    ) -> Result<Option<TakenTrip>, StoreError> {
        let Some(taken) = self.take_pending(Pending::SchoolTrip, id).await? else {
            return Ok(None);
        };
        let Some(purpose) = TripPurpose::parse(&taken.purpose) else { return Ok(None) };
        if taken.expires_at.0 <= now.0 {
            return Ok(None);
        }
        Ok(Some(TakenTrip {
            purpose,
            link_hash: taken.link_hash,
            user_id: taken.user_id,
            state: taken.state,
        }))
    }

    /// The account a school account is linked to, found by the provider's issuer and
    /// subject only.
    pub async fn find_school_account(
        &self,
        issuer: &str,
        subject: &str,
    ) -> Result<Option<SchoolAccountRecord>, StoreError> {
        let sql =
            format!("SELECT {COLUMNS} FROM school_accounts WHERE issuer = $1 AND subject = $2");
        let row: Option<AccountRow> = on!(self.read(), |c| {
            sqlx::query_as(&sql).bind(issuer).bind(subject).fetch_optional(c).await
        })?;
        Ok(row.map(record))
    }

    /// The school account linked to an account, if any.
    pub async fn school_account_of(
        &self,
        user_id: i64,
    ) -> Result<Option<SchoolAccountRecord>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM school_accounts WHERE user_id = $1");
        let row: Option<AccountRow> =
            on!(self.read(), |c| sqlx::query_as(&sql).bind(user_id).fetch_optional(c).await)?;
        Ok(row.map(record))
    }

    /// Links a school account to an active account; `Conflict::SchoolAccountTaken` when it
    /// is another account's or this account has one, `None` when the account is not active.
    pub async fn link_school_account(
        &self,
        user_id: i64,
        account: &NewSchoolAccount,
        now: Timestamp,
    ) -> Result<Option<SchoolAccountRecord>, StoreError> {
        let mut tx = self.write().await?;
        let lock = self.for_update();
        let sql = format!("SELECT id FROM users WHERE id = $1 AND deactivated_at IS NULL {lock}");
        let active: Option<(i64,)> =
            on!(tx.conn(), |c| sqlx::query_as(&sql).bind(user_id).fetch_optional(c).await)?;
        if active.is_none() {
            return Ok(None);
        }
        let linked = insert(&mut tx, user_id, account, now).await?;
        tx.commit().await?;
        Ok(Some(linked))
    }

    /// Records a sign-in with a school account.
    pub async fn record_school_account_use(
        &self,
        user_id: i64,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let sql = "UPDATE school_accounts SET last_used_at = $2 WHERE user_id = $1";
        on!(self.writer(), |c| {
            sqlx::query(sql).bind(user_id).bind(now.0).execute(c).await.map(|_| ())
        })?;
        Ok(())
    }

    /// Unlinks an account's school account, unless it is the account's last way of signing
    /// in: decided in the same transaction as the delete, with the account's row locked.
    pub async fn unlink_school_account(&self, user_id: i64) -> Result<SchoolUnlink, StoreError> {
        let mut tx = self.write().await?;
        let lock = self.for_update();
        let sql = format!("SELECT password_hash FROM users WHERE id = $1 {lock}");
        let hash: Option<(String,)> =
            on!(tx.conn(), |c| sqlx::query_as(&sql).bind(user_id).fetch_optional(c).await)?;
        let Some((hash,)) = hash else { return Ok(SchoolUnlink::NotLinked) };
        let count = "SELECT COUNT(*) FROM passkeys WHERE user_id = $1";
        let (passkeys,): (i64,) =
            on!(tx.conn(), |c| sqlx::query_as(count).bind(user_id).fetch_one(c).await)?;
        let delete = "DELETE FROM school_accounts WHERE user_id = $1";
        let deleted = on!(tx.conn(), |c| {
            sqlx::query(delete).bind(user_id).execute(c).await.map(|d| d.rows_affected())
        })?;
        if deleted == 0 {
            return Ok(SchoolUnlink::NotLinked);
        }
        if hash.is_empty() && passkeys == 0 {
            return Ok(SchoolUnlink::LastWayIn);
        }
        tx.commit().await?;
        Ok(SchoolUnlink::Unlinked)
    }
}

/// Whether an account has a school account, inside a transaction (the last-way checks).
pub(super) async fn linked_in(tx: &mut Tx, user_id: i64) -> Result<bool, StoreError> {
    let sql = "SELECT COUNT(*) FROM school_accounts WHERE user_id = $1";
    let (count,): (i64,) =
        on!(tx.conn(), |c| sqlx::query_as(sql).bind(user_id).fetch_one(c).await)?;
    Ok(count > 0)
}

/// Links a school account inside a transaction.
pub(super) async fn insert(
    tx: &mut Tx,
    user_id: i64,
    account: &NewSchoolAccount,
    now: Timestamp,
) -> Result<SchoolAccountRecord, StoreError> {
    let sql = format!(
        "INSERT INTO school_accounts (user_id, issuer, subject, email, linked_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING {COLUMNS}"
    );
    let row: AccountRow = on!(tx.conn(), |c| {
        sqlx::query_as(&sql)
            .bind(user_id)
            .bind(&account.issuer)
            .bind(&account.subject)
            .bind(&account.email)
            .bind(now.0)
            .fetch_one(c)
            .await
    })
    .map_err(classify)?;
    Ok(record(row))
}
