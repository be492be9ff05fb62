//! Outbox drain throughput: messages per second from the outbox table, through the sender
//! and lettre's pooled SMTP transport, to a local SMTP sink, on SQLite and on Postgres.
//!
//! cargo bench --features ssr --bench outbox_drain   (writes bench/results/outbox-drain.json)
//! Postgres is reached through TEST_DATABASE_URL (default: the local server).

#[path = "../tests/api/smtp_sink.rs"]
#[allow(dead_code)]
mod smtp_sink;

use std::{sync::Arc, time::Instant};

use staff_onboarding::server::{
    clock::SystemClock,
    config::DatabaseUrl,
    mail::{
        MailTransport,
        sender::{OutboxConfig, OutboxSender},
        smtp::SmtpMailer,
    },
    services::{InvitationService, InvitePolicy},
    store::{self, Actor, Store},
};

const MESSAGES: usize = 2_000;
const ROUNDS: usize = 3;

async fn open(backend: &str, dir: &std::path::Path, round: usize) -> Arc<dyn Store> {
    let url = match backend {
        "sqlite" => format!("sqlite://{}/bench-{round}.db", dir.display()),
        _ => {
            let admin_url = std::env::var("TEST_DATABASE_URL")
                .unwrap_or_else(|_| "postgres://postgres:postgres@127.0.0.1:5432/postgres".into());
            let admin =
                sqlx::PgPool::connect(&admin_url).await.expect("Postgres for the benchmark");
            let name = format!("so_bench_drain_{round}");
            sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .execute(&admin)
                .await
                .unwrap();
            sqlx::query(&format!("CREATE DATABASE {name}")).execute(&admin).await.unwrap();
            let mut url = url::Url::parse(&admin_url).unwrap();
            url.set_path(&format!("/{name}"));
            url.to_string()
        }
    };
    let store = store::connect(&DatabaseUrl::parse(&url).unwrap()).await.unwrap();
    store.migrate().await.unwrap();
    store
}

async fn round(backend: &str, dir: &std::path::Path, n: usize) -> f64 {
    let store = open(backend, dir, n).await;
    let policy = InvitePolicy {
        ttl: std::time::Duration::from_secs(86_400),
        max_resends: 3,
        public_url: "https://staff.example.org".parse().unwrap(),
        password: Default::default(),
    };
    let service = InvitationService::new(store.clone(), Arc::new(SystemClock), policy);
    for i in 0..MESSAGES {
        service
            .invite(&Actor::system(), &format!("person{i}@bench.example.org"), "Teacher")
            .await
            .unwrap();
    }
    let sink = smtp_sink::SmtpSink::start().await;
    let transport: Arc<dyn MailTransport> = Arc::new(
        SmtpMailer::from_url(&sink.url(), "bench@example.org".parse().unwrap(), 8).unwrap(),
    );
    let config = OutboxConfig { batch: 64, ..OutboxConfig::default() };
    let sender = OutboxSender::new(
        store.clone(),
        transport,
        Arc::new(SystemClock),
        config,
        "Bench".into(),
        Arc::default(),
    );

    let started = Instant::now();
    let sent = sender.drain_all().await.unwrap();
    let seconds = started.elapsed().as_secs_f64();
    assert_eq!(sent, MESSAGES);
    assert_eq!(sink.received().len(), MESSAGES, "every message reached the sink");
    store.close().await;
    MESSAGES as f64 / seconds
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut rows = Vec::new();
    for backend in ["sqlite", "postgres"] {
        let mut rates = Vec::new();
        for n in 0..ROUNDS {
            rates.push(round(backend, dir.path(), n).await);
        }
        let median = median(rates.clone());
        println!(
            "outbox drain, {backend:8}: median {median:7.0} messages/s over {ROUNDS} rounds of {MESSAGES} (rounds: {})",
            rates.iter().map(|r| format!("{r:.0}")).collect::<Vec<_>>().join(", ")
        );
        rows.push(serde_json::json!({ "backend": backend, "messages": MESSAGES, "rounds": rates, "median_per_second": median }));
    }
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/results");
    std::fs::create_dir_all(&out).unwrap();
    let json = serde_json::json!({ "benchmark": "outbox_drain", "cores": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0), "results": rows });
    std::fs::write(out.join("outbox-drain.json"), serde_json::to_string_pretty(&json).unwrap())
        .unwrap();
}
