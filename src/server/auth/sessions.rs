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

use crate::server::{
    config::Settings,
    store::{Pool, Store},
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

/// The session store for whichever database the app runs on.
#[derive(Debug, Clone)]
pub enum SessionBackend {
    Sqlite(SqliteStore),
    Postgres(PostgresStore),
}

impl SessionBackend {
    /// The session store on the app's own database.
    pub fn on(store: &Store) -> Self {
        match store.pool() {
            Pool::Sqlite(pool) => Self::Sqlite(SqliteStore::new(pool)),
            Pool::Postgres(pool) => Self::Postgres(PostgresStore::new(pool)),
        }
    }

    /// Creates the session table when missing.
    pub async fn migrate(&self) -> sqlx::Result<()> {
        match self {
            Self::Sqlite(store) => store.migrate().await,
            Self::Postgres(store) => store.migrate().await,
        }
    }

    /// Removes expired sessions every `period`, for as long as the server runs.
    pub async fn delete_expired_every(self, period: std::time::Duration) {
        loop {
            let outcome = match &self {
                Self::Sqlite(store) => store.delete_expired().await,
                Self::Postgres(store) => store.delete_expired().await,
            };
            if let Err(error) = outcome {
                tracing::warn!(%error, "could not delete expired sessions");
            }
            tokio::time::sleep(period).await;
        }
    }
}

#[async_trait]
impl SessionStore for SessionBackend {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        match self {
            Self::Sqlite(store) => store.create(record).await,
            Self::Postgres(store) => store.create(record).await,
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        match self {
            Self::Sqlite(store) => store.save(record).await,
            Self::Postgres(store) => store.save(record).await,
        }
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        match self {
            Self::Sqlite(store) => store.load(id).await,
            Self::Postgres(store) => store.load(id).await,
        }
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        match self {
            Self::Sqlite(store) => store.delete(id).await,
            Self::Postgres(store) => store.delete(id).await,
        }
    }
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
