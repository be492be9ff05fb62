//! Server-side sessions in the app's own database (tower-sessions with its sqlx store): the
//! cookie holds only a random id. HttpOnly, SameSite=Lax; Secure and `__Host-` prefixed
//! when PUBLIC_URL is https. A session ends after a configurable idle time, and at the latest
//! a configurable time after its sign-in, however much it is used.

use async_trait::async_trait;
use tower_sessions::{
    Expiry, SessionManagerLayer,
    cookie::{SameSite, time},
    session::{Id, Record},
    session_store::{self, ExpiredDeletion, SessionStore},
};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

use std::sync::Arc;

use crate::server::{
    config::Settings,
    store::{Db, Pool, Store, StoreError, UserRecord, on},
};

/// The session key holding the signed-in account's id.
pub const USER_ID: &str = "user_id";
/// The session key holding the account's session epoch at sign-in (absent: epoch 0, as
/// sessions signed in before epochs existed hold none).
pub const SESSION_EPOCH: &str = "session_epoch";
/// The session key holding when the session signed in (Unix milliseconds): the start of its
/// absolute lifetime. A signed-in session without one has ended.
pub const SIGNED_IN_AT: &str = "signed_in_at";
pub const COOKIE_NAME: &str = "so_session";

/// The session cookie's name: `__Host-so_session` on https, which a browser accepts only
/// from this host, Secure, for the whole site (no subdomain can plant or shadow it);
/// `so_session` on plain http, where the prefix isn't allowed.
pub fn cookie_name(public_url: &url::Url) -> String {
    match public_url.scheme() {
        "https" => format!("__Host-{COOKIE_NAME}"),
        _ => COOKIE_NAME.to_owned(),
    }
}

/// The session store for whichever database the app runs on: tower-sessions' sqlx store,
/// and beside each record the account it signed in (`Store::signed_in_session` reads both in
/// one statement).
#[derive(Clone)]
pub struct SessionBackend {
    records: Db<SqliteStore, PostgresStore>,
    store: Arc<Store>,
}

// tower-sessions asks its stores for `Debug`; the app's store has nothing worth printing.
impl std::fmt::Debug for SessionBackend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionBackend").field("records", &self.records).finish_non_exhaustive()
    }
}

/// The account id a session's record holds, if it signed one in.
fn signed_in(record: &Record) -> Option<i64> {
    record.data.get(USER_ID).and_then(serde_json::Value::as_i64)
}

fn store_error(error: StoreError) -> session_store::Error {
    session_store::Error::Backend(error.to_string())
}

impl SessionBackend {
    /// The session store on the app's own database.
    pub fn on(store: &Arc<Store>) -> Self {
        let records = match store.pool() {
            Pool::Sqlite(pool) => Db::Sqlite(SqliteStore::new(pool)),
            Pool::Postgres(pool) => Db::Postgres(PostgresStore::new(pool)),
        };
        Self { records, store: store.clone() }
    }

    /// Creates the session table when missing (the store's migrations extend it), and records
    /// the account of every session signed in before accounts were kept beside the records.
    pub async fn migrate(&self) -> anyhow::Result<()> {
        on!(&self.records, |records| records.migrate().await)?;
        for (id, data) in self.store.sessions_without_account().await? {
            let record: Option<Record> = rmp_serde::from_slice(&data).ok();
            if let Some(user_id) = record.as_ref().and_then(signed_in) {
                self.store.set_session_account(&id, user_id).await?;
            }
        }
        Ok(())
    }

    /// Removes expired sessions every `period`, for as long as the server runs.
    pub async fn delete_expired_every(self, period: std::time::Duration) {
        loop {
            if let Err(error) = on!(&self.records, |records| records.delete_expired().await) {
                tracing::warn!(%error, "could not delete expired sessions");
            }
            tokio::time::sleep(period).await;
        }
    }

    /// Keeps the account beside a record just written. A record with no account (an
    /// anonymous session's) leaves the column as created, empty: no write for it. A session's
    /// account never changes under one id (signing in takes a new one, signing out deletes).
    async fn keep_account(&self, record: &Record) -> session_store::Result<()> {
        let Some(user_id) = signed_in(record) else { return Ok(()) };
        let id = record.id.to_string();
        self.store.set_session_account(&id, user_id).await.map_err(store_error)
    }
}

#[async_trait]
impl SessionStore for SessionBackend {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        on!(&self.records, |records| records.create(record).await)?;
        self.keep_account(record).await
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        on!(&self.records, |records| records.save(record).await)?;
        self.keep_account(record).await
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        on!(&self.records, |records| records.load(id).await)
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        on!(&self.records, |records| records.delete(id).await)
    }
}

/// The session this request's cookie names, with the account signed in on it, in one read:
/// its record (decoded) and that account. `None`: no cookie, no such session, or nobody
/// signed in on it.
pub async fn signed_in_session(
    session: &tower_sessions::Session,
    store: &Store,
) -> Result<Option<(Record, UserRecord)>, StoreError> {
    let Some(id) = session.id() else { return Ok(None) };
    let now = time::OffsetDateTime::now_utc();
    let Some((data, user)) = store.signed_in_session(&id.to_string(), now).await? else {
        return Ok(None);
    };
    // A record that doesn't decode is no sign-in.
    Ok(rmp_serde::from_slice(&data).ok().map(|record| (record, user)))
}

/// Signs `user_id` in on `session`, on a fresh session id: an id planted before sign-in (a
/// session fixation) is worth nothing after it. `epoch` is the account's session epoch now:
/// deactivating the account, or "Sign out everywhere else", moves it on, which ends this
/// session. `now` starts the session's absolute lifetime.
pub async fn begin(
    session: &tower_sessions::Session,
    user_id: i64,
    epoch: i64,
    now: crate::domain::Timestamp,
) -> Result<(), tower_sessions::session::Error> {
    session.cycle_id().await?;
    session.insert(USER_ID, user_id).await?;
    session.insert(SIGNED_IN_AT, now.0).await?;
    session.insert(SESSION_EPOCH, epoch).await
}

/// The session middleware, configured from the settings.
pub fn layer(settings: &Settings, backend: SessionBackend) -> SessionManagerLayer<SessionBackend> {
    let idle =
        time::Duration::try_from(settings.session_idle_timeout).unwrap_or(time::Duration::hours(8));
    SessionManagerLayer::new(backend)
        .with_name(cookie_name(&settings.public_url))
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(settings.public_url.scheme() == "https")
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(idle))
}
