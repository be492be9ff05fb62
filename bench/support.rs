//! What the benchmarks share: throwaway databases on both backends, statistics, and the JSON
//! results under `bench/results/` (which git ignores).

use std::{path::PathBuf, sync::Arc, time::Duration};

use staff_onboarding::server::{
    config::DatabaseUrl,
    store::{self, Store},
};

pub const BACKENDS: [&str; 2] = ["sqlite", "postgres"];

/// The Postgres server the benchmarks create their databases on.
pub fn postgres_admin_url() -> String {
    std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|url| !url.is_empty())
        .unwrap_or_else(|| "postgres://postgres:postgres@127.0.0.1:5432/postgres".into())
}

/// A URL for a new, empty database named after `name`: a file in `dir` for SQLite, a freshly
/// (re)created database for Postgres.
pub async fn fresh_database(backend: &str, dir: &std::path::Path, name: &str) -> String {
    if backend == "sqlite" {
        let path = dir.join(format!("{name}.db"));
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        return format!("sqlite://{}", path.display());
    }
    let admin_url = postgres_admin_url();
    let admin = sqlx::PgPool::connect(&admin_url)
        .await
        .unwrap_or_else(|e| panic!("the benchmarks need Postgres at {admin_url}: {e}"));
    let name = format!("so_bench_{name}");
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .execute(&admin)
        .await
        .unwrap();
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(&admin).await.unwrap();
    admin.close().await;
    let mut url = url::Url::parse(&admin_url).unwrap();
    url.set_path(&format!("/{name}"));
    url.to_string()
}

/// Opens and migrates the database at `url`.
pub async fn open(url: &str) -> Arc<Store> {
    let store = store::connect(&DatabaseUrl::parse(url).unwrap()).await.unwrap();
    store.migrate().await.unwrap();
    store
}

pub fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted[sorted.len() / 2]
}

/// The `p`-th percentile (0–100) of `durations`, nearest rank.
pub fn percentile(durations: &mut [Duration], p: f64) -> Duration {
    durations.sort_unstable();
    let rank = ((p / 100.0) * durations.len() as f64).ceil() as usize;
    durations[rank.clamp(1, durations.len()) - 1]
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

pub fn cores() -> usize {
    std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
}

/// Writes `bench/results/{file}` with the machine's core count alongside the results.
pub fn write_results(file: &str, benchmark: &str, results: serde_json::Value) -> PathBuf {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/results");
    std::fs::create_dir_all(&dir).unwrap();
    let json = serde_json::json!({ "benchmark": benchmark, "cores": cores(), "results": results });
    let path = dir.join(file);
    std::fs::write(&path, serde_json::to_string_pretty(&json).unwrap()).unwrap();
    println!("(written to {})", path.display());
    path
}

/// `cargo test --benches` (and test listers) pass `--list`: nothing to run then.
pub fn skipped() -> bool {
    std::env::args().any(|a| a == "--list")
}
