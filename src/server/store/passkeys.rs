//! The `passkeys` and `passkey_ceremonies` tables: an account's passkeys, and the WebAuthn
//! ceremonies in progress, each taken (deleted) once.

use super::{
    CeremonyKey, NewCeremony, NewPasskey, PasskeyRecord, PasskeyUse, Store, StoreError, Tx,
    error::classify,
    on,
    pending::{Begin, Pending},
};
use crate::domain::Timestamp;

const COLUMNS: &str = "id, user_id, credential_id, credential, name, sign_count, \
    backup_eligible, backed_up, created_at, last_used_at";

#[derive(sqlx::FromRow)]
struct PasskeyRow {
    id: i64,
    user_id: i64,
    credential_id: Vec<u8>,
    credential: String,
    name: String,
    sign_count: i64,
    backup_eligible: bool,
    backed_up: bool,
    created_at: i64,
    last_used_at: Option<i64>,
}

impl From<PasskeyRow> for PasskeyRecord {
    fn from(row: PasskeyRow) -> Self {
        PasskeyRecord {
            id: row.id,
            user_id: row.user_id,
            credential_id: row.credential_id,
            credential: row.credential,
            name: row.name,
            sign_count: row.sign_count,
            backup_eligible: row.backup_eligible,
            backed_up: row.backed_up,
            created_at: Timestamp(row.created_at),
            last_used_at: row.last_used_at.map(Timestamp),
        }
    }
}

/// Why a passkey was not removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasskeyRemoval {
    Removed,
    /// No such passkey on this account.
    NotFound,
    /// It is the account's last way of signing in (no password, no other passkey).
    LastWayIn,
}

impl Store {
    /// Begins a ceremony, and forgets the ones that expired.
    pub async fn begin_ceremony(&self, ceremony: NewCeremony) -> Result<(), StoreError> {
        let begin = Begin {
            id: &ceremony.id,
            purpose: ceremony.purpose.as_str(),
            link_hash: ceremony.link_hash.as_ref(),
            user_id: ceremony.user_id,
            state: &ceremony.state,
            expires_at: ceremony.expires_at,
            now: ceremony.now,
        };
        self.begin_pending(Pending::Passkey, begin).await
    }

    /// Takes a ceremony: deleted whatever comes of it, so it is used at most once. Its state,
    /// when it exists, is unexpired and is bound to what `key` names.
    pub async fn take_ceremony(&self, key: &CeremonyKey) -> Result<Option<String>, StoreError> {
        let Some(taken) = self.take_pending(Pending::Passkey, &key.id).await? else {
            return Ok(None);
        };
        let bound = taken.purpose == key.purpose.as_str()
            && taken.link_hash == key.link_hash
            && taken.user_id == key.user_id
            && taken.expires_at.0 > key.now.0;
        Ok(bound.then_some(taken.state))
    }

    /// The passkeys of an account, oldest first.
    pub async fn passkeys_of(&self, user_id: i64) -> Result<Vec<PasskeyRecord>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM passkeys WHERE user_id = $1 ORDER BY id");
        let rows: Vec<PasskeyRow> =
            on!(self.read(), |c| sqlx::query_as(&sql).bind(user_id).fetch_all(c).await)?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    /// The passkey with this credential id, whoever's it is.
    pub async fn find_passkey(
        &self,
        credential_id: &[u8],
    ) -> Result<Option<PasskeyRecord>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM passkeys WHERE credential_id = $1");
        let row: Option<PasskeyRow> =
            on!(self.read(), |c| sqlx::query_as(&sql).bind(credential_id).fetch_optional(c).await)?;
        Ok(row.map(Into::into))
    }

    /// Adds a passkey to an active account, giving the account `handle` as its WebAuthn user
    /// handle if it has none yet; `Conflict::PasskeyTaken` when the credential is already
    /// stored (on any account), `None` when the account is not active or has another handle.
    pub async fn add_passkey(
        &self,
        user_id: i64,
        handle: &str,
        passkey: &NewPasskey,
        now: Timestamp,
    ) -> Result<Option<PasskeyRecord>, StoreError> {
        let mut tx = self.write().await?;
        let sql = "UPDATE users SET webauthn_handle = COALESCE(webauthn_handle, $2) \
                   WHERE id = $1 AND deactivated_at IS NULL RETURNING webauthn_handle";
        let kept: Option<(Option<String>,)> = on!(tx.conn(), |c| {
            sqlx::query_as(sql).bind(user_id).bind(handle).fetch_optional(c).await
        })
        .map_err(classify)?;
        if kept.and_then(|(kept,)| kept).as_deref() != Some(handle) {
            return Ok(None);
        }
        let record = insert(&mut tx, user_id, passkey, now).await?;
        tx.commit().await?;
        Ok(Some(record))
    }

    /// Records a sign-in with a passkey: its new counter, backup state and credential.
    /// Guarded on the counter moving forward (or both staying 0), so of two racing uses of
    /// one signature count only one is recorded; `false` when this one was not.
    pub async fn record_passkey_use(&self, used: &PasskeyUse) -> Result<bool, StoreError> {
        let sql = "UPDATE passkeys SET sign_count = $2, backed_up = $3, credential = $4, \
                   last_used_at = $5 \
                   WHERE id = $1 AND (sign_count < $2 OR (sign_count = 0 AND $2 = 0))";
        let changed = on!(self.writer(), |c| {
            sqlx::query(sql)
                .bind(used.id)
                .bind(used.sign_count)
                .bind(used.backed_up)
                .bind(&used.credential)
                .bind(used.now.0)
                .execute(c)
                .await
                .map(|done| done.rows_affected())
        })?;
        Ok(changed == 1)
    }

    /// Renames one of an account's passkeys; `false` when it has no such passkey.
    pub async fn rename_passkey(
        &self,
        user_id: i64,
        id: i64,
        name: &str,
    ) -> Result<bool, StoreError> {
        let sql = "UPDATE passkeys SET name = $3 WHERE id = $1 AND user_id = $2";
        let changed = on!(self.writer(), |c| {
            sqlx::query(sql)
                .bind(id)
                .bind(user_id)
                .bind(name)
                .execute(c)
                .await
                .map(|done| done.rows_affected())
        })?;
        Ok(changed == 1)
    }

    /// Removes one of an account's passkeys, unless it is the account's last way of signing
    /// in: decided in the same transaction as the delete, with the account's row locked, so
    /// two removals at once can't leave it with none.
    pub async fn remove_passkey(
        &self,
        user_id: i64,
        id: i64,
    ) -> Result<PasskeyRemoval, StoreError> {
        let mut tx = self.write().await?;
        let lock = self.for_update();
        let sql = format!("SELECT password_hash FROM users WHERE id = $1 {lock}");
        let hash: Option<(String,)> =
            on!(tx.conn(), |c| sqlx::query_as(&sql).bind(user_id).fetch_optional(c).await)?;
        let Some((hash,)) = hash else { return Ok(PasskeyRemoval::NotFound) };
        let count = "SELECT COUNT(*) FROM passkeys WHERE user_id = $1";
        let (passkeys,): (i64,) =
            on!(tx.conn(), |c| sqlx::query_as(count).bind(user_id).fetch_one(c).await)?;
        let delete = "DELETE FROM passkeys WHERE id = $1 AND user_id = $2";
        let deleted = on!(tx.conn(), |c| {
            sqlx::query(delete).bind(id).bind(user_id).execute(c).await.map(|d| d.rows_affected())
        })?;
        if deleted == 0 {
            return Ok(PasskeyRemoval::NotFound);
        }
        if hash.is_empty()
            && passkeys <= 1
            && !super::school_accounts::linked_in(&mut tx, user_id).await?
        {
            return Ok(PasskeyRemoval::LastWayIn);
        }
        tx.commit().await?;
        Ok(PasskeyRemoval::Removed)
    }
}

impl Store {
    /// Sets an active account's password and moves its session epoch on, which ends every
    /// session signed in before; the new epoch, or `None` when the account is not active.
    pub async fn set_password(
        &self,
        user_id: i64,
        password_hash: &str,
        now: Timestamp,
    ) -> Result<Option<i64>, StoreError> {
        let sql = "UPDATE users SET password_hash = $2, session_epoch = session_epoch + 1, \
                   updated_at = $3 WHERE id = $1 AND deactivated_at IS NULL \
                   RETURNING session_epoch";
        let epoch: Option<(i64,)> = on!(self.writer(), |c| {
            sqlx::query_as(sql)
                .bind(user_id)
                .bind(password_hash)
                .bind(now.0)
                .fetch_optional(c)
                .await
        })?;
        Ok(epoch.map(|(epoch,)| epoch))
    }
}

/// Stores a passkey inside a transaction.
pub(super) async fn insert(
    tx: &mut Tx,
    user_id: i64,
    passkey: &NewPasskey,
    now: Timestamp,
) -> Result<PasskeyRecord, StoreError> {
    let sql = format!(
        "INSERT INTO passkeys (user_id, credential_id, credential, name, sign_count, \
         backup_eligible, backed_up, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
         RETURNING {COLUMNS}"
    );
    let row: PasskeyRow = on!(tx.conn(), |c| {
        sqlx::query_as(&sql)
            .bind(user_id)
            .bind(&passkey.credential_id)
            .bind(&passkey.credential)
            .bind(&passkey.name)
            .bind(passkey.sign_count)
            .bind(passkey.backup_eligible)
            .bind(passkey.backed_up)
            .bind(now.0)
            .fetch_one(c)
            .await
    })
    .map_err(classify)?;
    Ok(row.into())
}
