//! The `users` table: accounts, found by id or by their login, listed newest first.

use super::{
    Actor, EmailUse, NewUser, Store, StoreError, Tx, UserRecord,
    error::{classify, stored_role},
    on,
};
use crate::domain::{Language, PhoneNumber, Role, Timestamp};

pub(super) const COLUMNS: &str = "id, email, username, full_name, phone, role, password_hash, \
    webauthn_handle, created_at, deactivated_at, session_epoch, language";

/// What `password_hash` holds for an account with no password (migration 0013).
const NO_PASSWORD: &str = "";

#[derive(sqlx::FromRow)]
pub(super) struct UserRow {
    id: i64,
    email: String,
    username: String,
    full_name: String,
    phone: Option<String>,
    role: String,
    password_hash: String,
    webauthn_handle: Option<String>,
    created_at: i64,
    deactivated_at: Option<i64>,
    session_epoch: i64,
    language: Option<String>,
}

impl TryFrom<UserRow> for UserRecord {
    type Error = StoreError;
    fn try_from(row: UserRow) -> Result<Self, StoreError> {
        Ok(UserRecord {
            id: row.id,
            email: row.email,
            username: row.username,
            full_name: row.full_name,
            phone: row.phone,
            role: stored_role(&row.role)?,
            password_hash: (row.password_hash != NO_PASSWORD).then_some(row.password_hash),
            webauthn_handle: row.webauthn_handle,
            created_at: Timestamp(row.created_at),
            deactivated_at: row.deactivated_at.map(Timestamp),
            session_epoch: row.session_epoch,
            language: row.language.as_deref().and_then(Language::parse),
        })
    }
}

/// An account's columns as they are written: from a `NewUser`, or from an accepted
/// invitation's stored address and role.
pub(super) struct Columns<'a> {
    pub email: &'a str,
    pub email_key: String,
    pub username: &'a str,
    pub username_key: String,
    pub full_name: &'a str,
    pub phone: Option<&'a str>,
    pub role: Role,
    /// `None`: no password (passkeys only).
    pub password_hash: Option<&'a str>,
    pub webauthn_handle: Option<&'a str>,
    /// `None`: the school's.
    pub language: Option<&'a str>,
}

impl<'a> From<&'a NewUser> for Columns<'a> {
    fn from(user: &'a NewUser) -> Self {
        Columns {
            email: user.email.as_str(),
            email_key: user.email.key(),
            username: user.username.as_str(),
            username_key: user.username.key(),
            full_name: user.full_name.as_str(),
            phone: user.phone.as_ref().map(PhoneNumber::as_str),
            role: user.role,
            password_hash: Some(&user.password_hash),
            webauthn_handle: None,
            language: None,
        }
    }
}

impl Store {
    /// Creates an account; `Conflict::UserExists` or `UsernameTaken` when taken.
    pub async fn insert_user(
        &self,
        user: NewUser,
        now: Timestamp,
    ) -> Result<UserRecord, StoreError> {
        let mut tx = self.write().await?;
        let record = insert(&mut tx, &Columns::from(&user), now).await?;
        tx.commit().await?;
        Ok(record)
    }

    pub async fn find_user(&self, id: i64) -> Result<Option<UserRecord>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM users WHERE id = $1");
        let row: Option<UserRow> =
            on!(self.read(), |c| sqlx::query_as(&sql).bind(id).fetch_optional(c).await)?;
        row.map(TryInto::try_into).transpose()
    }

    /// Moves an active account's session epoch on, which ends every session signed in before
    /// (sessions carry the epoch they signed in with); the new epoch, or `None` when the
    /// account is gone or deactivated.
    pub async fn advance_session_epoch(
        &self,
        id: i64,
        now: Timestamp,
    ) -> Result<Option<i64>, StoreError> {
        let sql = "UPDATE users SET session_epoch = session_epoch + 1, updated_at = $2 \
                   WHERE id = $1 AND deactivated_at IS NULL RETURNING session_epoch";
        let epoch: Option<(i64,)> = on!(self.writer(), |c| {
            sqlx::query_as(sql).bind(id).bind(now.0).fetch_optional(c).await
        })?;
        Ok(epoch.map(|(epoch,)| epoch))
    }

    /// The account whose username key or email key is `login_key` (lower-cased input).
    pub async fn find_user_by_login(
        &self,
        login_key: &str,
    ) -> Result<Option<UserRecord>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM users WHERE username_key = $1 OR email_key = $1");
        let row: Option<UserRow> =
            on!(self.read(), |c| sqlx::query_as(&sql).bind(login_key).fetch_optional(c).await)?;
        row.map(TryInto::try_into).transpose()
    }

    /// How many accounts hold `role`.
    pub async fn count_users_with_role(&self, role: Role) -> Result<u64, StoreError> {
        let sql = "SELECT COUNT(*) FROM users WHERE role = $1";
        let (count,): (i64,) =
            on!(self.read(), |c| sqlx::query_as(sql).bind(role.as_str()).fetch_one(c).await)?;
        Ok(u64::try_from(count).unwrap_or(0))
    }

    /// Is this username (its case-folded key) taken by an account?
    pub async fn username_taken(&self, username_key: &str) -> Result<bool, StoreError> {
        let sql = "SELECT COUNT(*) FROM users WHERE username_key = $1";
        let (count,): (i64,) =
            on!(self.read(), |c| sqlx::query_as(sql).bind(username_key).fetch_one(c).await)?;
        Ok(count > 0)
    }

    /// Is this address (its key) used by an account or an open invitation?
    pub async fn email_use(&self, email_key: &str) -> Result<EmailUse, StoreError> {
        let sql = "SELECT (SELECT COUNT(*) FROM users WHERE email_key = $1), \
                          (SELECT COUNT(*) FROM invitations \
                            WHERE email_key = $1 AND state = 'open')";
        let (users, open): (i64, i64) =
            on!(self.read(), |c| sqlx::query_as(sql).bind(email_key).fetch_one(c).await)?;
        Ok(if users > 0 {
            EmailUse::UserExists
        } else if open > 0 {
            EmailUse::Invited
        } else {
            EmailUse::Free
        })
    }
}

impl Store {
    /// Sets the language of account `id`'s emails; `None`: the school's.
    pub async fn set_user_language(
        &self,
        id: i64,
        language: Option<&str>,
    ) -> Result<(), StoreError> {
        let sql = "UPDATE users SET language = $2 WHERE id = $1";
        let mut tx = self.write().await?;
        on!(tx.conn(), |c| {
            sqlx::query(sql).bind(id).bind(language).execute(c).await.map(|_| ())
        })?;
        tx.commit().await?;
        Ok(())
    }
}

/// Creates an account inside a transaction.
pub(super) async fn insert(
    tx: &mut Tx,
    user: &Columns<'_>,
    now: Timestamp,
) -> Result<UserRecord, StoreError> {
    let sql = format!(
        "INSERT INTO users (email, email_key, username, username_key, full_name, phone, role, \
         password_hash, webauthn_handle, created_at, updated_at, language) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11) \
         RETURNING {COLUMNS}"
    );
    let row: UserRow = on!(tx.conn(), |c| {
        sqlx::query_as(&sql)
            .bind(user.email)
            .bind(&user.email_key)
            .bind(user.username)
            .bind(&user.username_key)
            .bind(user.full_name)
            .bind(user.phone)
            .bind(user.role.as_str())
            .bind(user.password_hash.unwrap_or(NO_PASSWORD))
            .bind(user.webauthn_handle)
            .bind(now.0)
            .bind(user.language)
            .fetch_one(c)
            .await
    })
    .map_err(classify)?;
    row.try_into()
}

/// Refuses with `ActorInactive` unless `actor` is the system or an active account, inside the
/// transaction of the write made in its name. On Postgres the row is read `FOR SHARE`: a
/// deactivation holds it `FOR UPDATE` until it commits, so this waits for it and then sees
/// its outcome; a write that checked first holds up the deactivation until it commits, and
/// the deactivation then revokes what it made. SQLite's one writer runs them one by one.
pub(super) async fn require_active_actor(tx: &mut Tx, actor: &Actor) -> Result<(), StoreError> {
    let Some(id) = actor.user_id else { return Ok(()) };
    let lock = match tx {
        super::Db::Sqlite(_) => "",
        super::Db::Postgres(_) => "FOR SHARE",
    };
    let sql = format!("SELECT id FROM users WHERE id = $1 AND deactivated_at IS NULL {lock}");
    let active: Option<(i64,)> =
        on!(tx.conn(), |c| sqlx::query_as(&sql).bind(id).fetch_optional(c).await)?;
    active.map(|_| ()).ok_or(StoreError::ActorInactive)
}
