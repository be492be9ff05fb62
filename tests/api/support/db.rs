//! Test databases: a fresh SQLite file, or a throwaway Postgres database, per test.

use std::{io::Write, sync::Arc};

use staff_onboarding::server::{
    config::DatabaseUrl,
    store::{self, Store},
};
use tempfile::TempDir;

/// A database that exists for one test and is removed after it.
pub struct TestDb {
    pub url: DatabaseUrl,
    _dir: Option<TempDir>,
    postgres: Option<PgCleanup>,
}

struct PgCleanup {
    admin_url: String,
    name: String,
}

impl TestDb {
    pub fn sqlite() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("db").join("test.db");
        let url = DatabaseUrl::parse(&format!("sqlite://{}", path.display())).unwrap();
        Self { url, _dir: Some(dir), postgres: None }
    }

    /// A new, empty Postgres database, or `None` (said loudly) when `TEST_DATABASE_URL` is
    /// unset. In CI an unset variable fails the test instead: CI must never skip Postgres.
    pub async fn postgres() -> Option<Self> {
        let Ok(admin_url) = std::env::var("TEST_DATABASE_URL") else {
            if std::env::var_os("CI").is_some() {
                panic!("TEST_DATABASE_URL is unset in CI: the Postgres tests must run there");
            }
            // Written straight to stderr so the test harness cannot swallow it.
            let _ = writeln!(
                std::io::stderr(),
                "SKIPPED: Postgres test (set TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres to run it)"
            );
            return None;
        };
        let name = format!("so_test_{}", uuid_like());
        let admin = sqlx::PgPool::connect(&admin_url)
            .await
            .unwrap_or_else(|e| panic!("cannot reach TEST_DATABASE_URL ({admin_url}): {e}"));
        sqlx::query(&format!("CREATE DATABASE \"{name}\"")).execute(&admin).await.unwrap();
        admin.close().await;
        let url = with_database(&admin_url, &name);
        Some(Self {
            url: DatabaseUrl::parse(&url).unwrap(),
            _dir: None,
            postgres: Some(PgCleanup { admin_url, name }),
        })
    }

    /// Opens the database without migrating it.
    pub async fn open(&self) -> Arc<Store> {
        store::connect(&self.url).await.expect("open test database")
    }

    /// Opens and migrates the database.
    pub async fn store(&self) -> Arc<Store> {
        let store = self.open().await;
        store.migrate().await.expect("migrate test database");
        store
    }

    /// The URL as the app's `DATABASE_URL` takes it.
    pub fn url_string(&self) -> String {
        match &self.url {
            DatabaseUrl::Sqlite { url, .. } => url.clone(),
            DatabaseUrl::Postgres(url) => url.clone(),
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Some(PgCleanup { admin_url, name }) = self.postgres.take() else {
            return;
        };
        // Drop runs inside the test's runtime, so the clean-up gets a thread and runtime of its own.
        let _ = std::thread::spawn(move || {
            let runtime =
                tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            runtime.block_on(async {
                if let Ok(admin) = sqlx::PgPool::connect(&admin_url).await {
                    let _ =
                        sqlx::query(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                            .execute(&admin)
                            .await;
                    admin.close().await;
                }
            });
        })
        .join();
    }
}

/// Replaces the database name (the URL's path) in a Postgres URL.
fn with_database(url: &str, name: &str) -> String {
    let mut parsed = url::Url::parse(url).expect("TEST_DATABASE_URL is a URL");
    parsed.set_path(&format!("/{name}"));
    parsed.to_string()
}

fn uuid_like() -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    format!(
        "{}_{}_{}",
        std::process::id(),
        nanos % 1_000_000_000_000,
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// Tests that render pages through the router take this first, so they run one at a time.
/// Leptos's server rendering, driven from several test runtimes in one process at once,
/// intermittently never finishes a request; the real server (one runtime) took 600
/// concurrent signed-in page loads without it (see the README).
pub async fn one_router_at_a_time() -> tokio::sync::MutexGuard<'static, ()> {
    static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
    SERIAL.lock().await
}

/// Runs the given contract tests once per backend: `sqlite::name` and `postgres::name`.
macro_rules! for_each_backend {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $name() {
                    let db = crate::support::db::TestDb::sqlite();
                    super::$name(&db).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $name() {
                    let Some(db) = crate::support::db::TestDb::postgres().await else { return };
                    super::$name(&db).await;
                }
            )*
        }
    };
}
pub(crate) use for_each_backend;
