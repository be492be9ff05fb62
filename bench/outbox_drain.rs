//! Outbox drain throughput: messages per second from the outbox table, through the sender
//! and lettre's pooled SMTP transport, to a local SMTP sink, on SQLite and on Postgres.
//!
//! cargo bench --features ssr --bench outbox_drain   (writes bench/results/outbox-drain.json)
//! Postgres is reached through TEST_DATABASE_URL (default: the local server).

#[path = "../tests/api/support/smtp_sink.rs"]
#[allow(dead_code)]
mod smtp_sink;
#[allow(dead_code)]
mod support;

use std::{sync::Arc, time::Instant};

use staff_onboarding::server::{
    clock::SystemClock,
    mail::{
        MailTransport,
        sender::{OutboxConfig, OutboxSender},
        smtp::SmtpMailer,
    },
    secrets::Sealer,
    services::{InvitationService, InvitePolicy},
    store::Actor,
};

const MESSAGES: usize = 2_000;
const ROUNDS: usize = 3;

async fn round(backend: &str, dir: &std::path::Path, n: usize) -> f64 {
    let store =
        support::open(&support::fresh_database(backend, dir, &format!("drain_{n}")).await).await;
    let policy = InvitePolicy {
        ttl: std::time::Duration::from_secs(86_400),
        max_resends: 3,
        // As deployed by default: every link queues its reminder too.
        reminder_before: Some(std::time::Duration::from_secs(6 * 3600)),
        public_url: "https://staff.example.org".parse().unwrap(),
        password: Default::default(),
        zone: staff_onboarding::server::school::SchoolZone::utc(),
    };
    let sealer = Sealer::new([7; 32]);
    let service =
        InvitationService::new(store.clone(), Arc::new(SystemClock), policy, sealer.clone());
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
        staff_onboarding::server::school::School::named("Bench"),
        sealer,
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

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    if support::skipped() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut rows = Vec::new();
    for backend in support::BACKENDS {
        let mut rates = Vec::new();
        for n in 0..ROUNDS {
            rates.push(round(backend, dir.path(), n).await);
        }
        let median = support::median(&rates);
        println!(
            "outbox drain, {backend:8}: median {median:7.0} messages/s over {ROUNDS} rounds of {MESSAGES} (rounds: {})",
            rates.iter().map(|r| format!("{r:.0}")).collect::<Vec<_>>().join(", ")
        );
        rows.push(serde_json::json!({ "backend": backend, "messages": MESSAGES, "rounds": rates, "median_per_second": median }));
    }
    support::write_results("outbox-drain.json", "outbox_drain", serde_json::Value::Array(rows));
}
