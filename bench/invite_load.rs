//! Invitation creation over HTTP under load, on SQLite and on Postgres, with a fast SMTP
//! server and with one that takes 2 s per message.
//!
//! The release server runs as its own process (SERVER_BIN, default
//! $CARGO_TARGET_DIR/release/staff-onboarding; `make bench` builds it). A Super-Admin signs in,
//! then N keep-alive connections (16, 64, 256) each post `create_invitation` (the server
//! function the dashboard calls: session, CSRF check, parsing, the transaction with its
//! outbox row) back to back, every request for a new address. Reported: invitations a
//! second, p50 and p99 latency, and errors. With slow SMTP the outbox fills while the
//! sender crawls; the invite's p99 must stay within noise of the fast case, since mail never
//! travels on the request path.
//!
//! A load generator that sends one fixed body (oha, wrk) cannot make every invitation unique,
//! and a repeated address is refused after its first use; so this one is written for the
//! purpose, on hyper's client, with the same closed-loop model (each connection sends its next
//! request when the last one answered).
//!
//! cargo bench --features ssr --bench invite_load    (writes bench/results/invite-load.json)

#[path = "../tests/api/support/smtp_sink.rs"]
#[allow(dead_code)]
mod smtp_sink;
#[allow(dead_code)]
mod support;

#[path = "../tests/support/release_server.rs"]
#[allow(dead_code)]
mod release_server;

use std::{
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

use release_server::ReleaseServer;

const CONCURRENCY: [usize; 3] = [16, 64, 256];
/// Requests per concurrency level (after a warm-up of 200).
const REQUESTS: usize = 4_000;
const SLOW_SMTP: Duration = Duration::from_secs(2);

struct Level {
    concurrency: usize,
    per_second: f64,
    p50_ms: f64,
    p99_ms: f64,
    max_ms: f64,
    errors: usize,
}

async fn load(
    server: &Arc<ReleaseServer>,
    cookie: &Arc<String>,
    tag: &str,
    concurrency: usize,
    requests: usize,
) -> Level {
    let client = release_server::client(concurrency);
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let workers: Vec<_> = (0..concurrency)
        .map(|_| {
            let (client, next, server, cookie) =
                (client.clone(), next.clone(), server.clone(), cookie.clone());
            let tag = tag.to_owned();
            tokio::spawn(async move {
                let mut latencies = Vec::new();
                let mut errors = 0;
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= requests {
                        break;
                    }
                    let email = format!("{tag}.{concurrency}.{i}@load.example.org");
                    let sent = Instant::now();
                    let answer = server.invite(&client, &cookie, &email).await;
                    let ok = answer.is_some_and(|(status, _)| status.is_success());
                    latencies.push(sent.elapsed());
                    if !ok {
                        errors += 1;
                    }
                }
                (latencies, errors)
            })
        })
        .collect();
    let mut latencies = Vec::with_capacity(requests);
    let mut errors = 0;
    for worker in workers {
        let (l, e) = worker.await.unwrap();
        latencies.extend(l);
        errors += e;
    }
    let seconds = started.elapsed().as_secs_f64();
    Level {
        concurrency,
        per_second: requests as f64 / seconds,
        p50_ms: support::ms(support::percentile(&mut latencies, 50.0)),
        p99_ms: support::ms(support::percentile(&mut latencies, 99.0)),
        max_ms: support::ms(support::percentile(&mut latencies, 100.0)),
        errors,
    }
}

async fn run(backend: &str, smtp: &str, dir: &std::path::Path) -> Vec<serde_json::Value> {
    let sink = smtp_sink::SmtpSink::start().await;
    if smtp == "slow" {
        sink.set(smtp_sink::Behaviour { delay: SLOW_SMTP, ..Default::default() });
    }
    let url = support::fresh_database(backend, dir, &format!("load_{smtp}")).await;
    let server = ReleaseServer::start(&url, &[("SMTP_URL", &sink.url())], dir);
    server.create_admin();
    let server = Arc::new(server);
    let cookie = Arc::new(server.sign_in(&release_server::client(1)).await);

    let warm = load(&server, &cookie, "warm", 16, 200).await;
    assert_eq!(warm.errors, 0, "the warm-up invitations all succeed ({backend}, {smtp} SMTP)");
    let mut rows = Vec::new();
    for concurrency in CONCURRENCY {
        let level = load(&server, &cookie, smtp, concurrency, REQUESTS).await;
        println!(
            "invite over HTTP, {backend:8} {smtp:4} SMTP, {:3} connections: {:7.0} invitations/s  p50 {:7.2} ms  p99 {:7.2} ms  max {:7.2} ms  errors {}",
            level.concurrency,
            level.per_second,
            level.p50_ms,
            level.p99_ms,
            level.max_ms,
            level.errors
        );
        rows.push(serde_json::json!({
            "backend": backend, "smtp": smtp, "concurrency": level.concurrency,
            "requests": REQUESTS, "per_second": level.per_second, "p50_ms": level.p50_ms,
            "p99_ms": level.p99_ms, "max_ms": level.max_ms, "errors": level.errors,
            "delivered_during_run": sink.received().len(),
        }));
    }
    server.stop();
    rows
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    if support::skipped() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut rows = Vec::new();
    for backend in support::BACKENDS {
        for smtp in ["fast", "slow"] {
            rows.extend(run(backend, smtp, dir.path()).await);
        }
    }
    // The isolation figure: the slow-SMTP p99 over the fast one, per backend and level.
    for backend in support::BACKENDS {
        for concurrency in CONCURRENCY {
            let p99 = |smtp: &str| {
                rows.iter()
                    .find(|r| {
                        r["backend"] == backend
                            && r["smtp"] == smtp
                            && r["concurrency"] == concurrency
                    })
                    .and_then(|r| r["p99_ms"].as_f64())
                    .unwrap()
            };
            println!(
                "slow SMTP isolation, {backend:8} {concurrency:3} connections: p99 {:.2} ms slow vs {:.2} ms fast (×{:.2})",
                p99("slow"),
                p99("fast"),
                p99("slow") / p99("fast")
            );
        }
    }
    support::write_results("invite-load.json", "invite_load", serde_json::Value::Array(rows));
}
