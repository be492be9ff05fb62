//! Invitation creation over HTTP under load, on SQLite and on Postgres: 16 connections for a
//! minute with the dev mailbox, with a fast SMTP server and with one that takes 2 s per
//! message; then 64 and 256 connections for 10 s each with both SMTP servers.
//!
//! The release server runs as its own process (SERVER_BIN, default
//! $CARGO_TARGET_DIR/release/staff-onboarding; `make bench` builds it). A Super-Admin signs in,
//! then N keep-alive connections each post `create_invitation` (the server function the
//! dashboard calls: session, CSRF check, parsing, the transaction with its outbox row) back to
//! back, every request for a new address. Reported: invitations a second, p50, p99 and max
//! latency, the p99 of the worst second (a tail that comes and goes shows there, not in the
//! whole run's p99), errors, and the messages delivered while the load ran. With slow SMTP
//! the outbox fills while the sender crawls; the invite's p99 must stay within noise of the
//! fast case, since mail never travels on the request path.
//!
//! A load generator that sends one fixed body (oha) cannot make every invitation unique, and
//! a repeated address is refused after its first use; so this one is written for the
//! purpose, on hyper's client, with the same closed-loop model as wrk (each connection sends
//! its next request when the last one answered). `bench/peer/side-by-side.sh` drives this
//! server and django-invitations with wrk itself.
//!
//! cargo bench --features ssr --bench invite_load    (writes bench/results/invite-load.json)
//! BENCH_SECONDS=20 shortens the one-minute runs.

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

/// The sustained level and the short ones.
const SUSTAINED_CONNECTIONS: usize = 16;
const SHORT: [usize; 2] = [64, 256];
const SHORT_SECONDS: u64 = 10;
const SLOW_SMTP: Duration = Duration::from_secs(2);

fn sustained_seconds() -> u64 {
    std::env::var("BENCH_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(60)
}

struct Level {
    concurrency: usize,
    seconds: f64,
    requests: usize,
    per_second: f64,
    p50_ms: f64,
    p99_ms: f64,
    max_ms: f64,
    /// The highest p99 of any one-second window.
    worst_second_p99_ms: f64,
    errors: usize,
}

/// `concurrency` connections posting invitations back to back for `seconds`.
async fn load(
    server: &Arc<ReleaseServer>,
    cookie: &Arc<String>,
    tag: &str,
    concurrency: usize,
    seconds: u64,
) -> Level {
    let client = release_server::client(concurrency);
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let deadline = started + Duration::from_secs(seconds);
    let workers: Vec<_> = (0..concurrency)
        .map(|_| {
            let (client, next, server, cookie) =
                (client.clone(), next.clone(), server.clone(), cookie.clone());
            let tag = tag.to_owned();
            tokio::spawn(async move {
                // (when it was sent, since the start; how long it took)
                let mut samples = Vec::new();
                let mut errors = 0;
                while Instant::now() < deadline {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let email = format!("{tag}.{concurrency}.{i}@load.example.org");
                    let sent = Instant::now();
                    let answer = server.invite(&client, &cookie, &email).await;
                    let ok = answer.is_some_and(|(status, _)| status.is_success());
                    samples.push((sent - started, sent.elapsed()));
                    if !ok {
                        errors += 1;
                    }
                }
                (samples, errors)
            })
        })
        .collect();
    let mut samples = Vec::new();
    let mut errors = 0;
    for worker in workers {
        let (s, e) = worker.await.unwrap();
        samples.extend(s);
        errors += e;
    }
    let elapsed = started.elapsed().as_secs_f64();
    let mut latencies: Vec<Duration> = samples.iter().map(|(_, l)| *l).collect();
    Level {
        concurrency,
        seconds: elapsed,
        requests: samples.len(),
        per_second: samples.len() as f64 / elapsed,
        p50_ms: support::ms(support::percentile(&mut latencies, 50.0)),
        p99_ms: support::ms(support::percentile(&mut latencies, 99.0)),
        max_ms: support::ms(support::percentile(&mut latencies, 100.0)),
        worst_second_p99_ms: worst_second_p99(&samples),
        errors,
    }
}

/// The p99 of each whole second of the run (by when requests were sent), the highest one.
fn worst_second_p99(samples: &[(Duration, Duration)]) -> f64 {
    let mut seconds: std::collections::BTreeMap<u64, Vec<Duration>> = Default::default();
    for (at, latency) in samples {
        seconds.entry(at.as_secs()).or_default().push(*latency);
    }
    seconds
        .values_mut()
        .filter(|window| window.len() >= 100)
        .map(|window| support::ms(support::percentile(window, 99.0)))
        .fold(0.0, f64::max)
}

/// The mail each case sends through.
#[derive(Clone, Copy, PartialEq)]
enum Mail {
    DevMailbox,
    FastSmtp,
    SlowSmtp,
}

impl Mail {
    fn name(self) -> &'static str {
        match self {
            Mail::DevMailbox => "dev mailbox",
            Mail::FastSmtp => "SMTP",
            Mail::SlowSmtp => "slow SMTP",
        }
    }
}

async fn run(backend: &str, mail: Mail, dir: &std::path::Path) -> Vec<serde_json::Value> {
    let sink = smtp_sink::SmtpSink::start().await;
    if mail == Mail::SlowSmtp {
        sink.set(smtp_sink::Behaviour { delay: SLOW_SMTP, ..Default::default() });
    }
    // Postgres folds database names to lower case.
    let name = mail.name().replace(' ', "_").to_lowercase();
    let url = support::fresh_database(backend, dir, &format!("load_{name}")).await;
    let smtp_url = sink.url();
    let extra: &[(&str, &str)] =
        if mail == Mail::DevMailbox { &[] } else { &[("SMTP_URL", &smtp_url)] };
    let server = ReleaseServer::start(&url, extra, dir);
    server.create_admin();
    let server = Arc::new(server);
    let cookie = Arc::new(server.sign_in(&release_server::client(1)).await);

    let warm = load(&server, &cookie, "warm", 16, 1).await;
    assert_eq!(warm.errors, 0, "the warm-up invitations all succeed ({backend}, {})", mail.name());
    let mut levels = vec![(SUSTAINED_CONNECTIONS, sustained_seconds())];
    if mail != Mail::DevMailbox {
        levels.extend(SHORT.map(|c| (c, SHORT_SECONDS)));
    }
    let mut rows = Vec::new();
    for (concurrency, seconds) in levels {
        let delivered_before = sink.received().len();
        let level = load(&server, &cookie, &name, concurrency, seconds).await;
        let delivered = sink.received().len() - delivered_before;
        println!(
            "invite over HTTP, {backend:8} {:11} {:3} connections, {:2.0} s: {:6.0} invitations/s  p50 {:6.2} ms  p99 {:6.2} ms  worst second's p99 {:6.2} ms  max {:6.1} ms  errors {}",
            mail.name(),
            level.concurrency,
            level.seconds,
            level.per_second,
            level.p50_ms,
            level.p99_ms,
            level.worst_second_p99_ms,
            level.max_ms,
            level.errors
        );
        rows.push(serde_json::json!({
            "backend": backend, "mail": mail.name(), "concurrency": level.concurrency,
            "seconds": level.seconds, "requests": level.requests,
            "per_second": level.per_second, "p50_ms": level.p50_ms, "p99_ms": level.p99_ms,
            "worst_second_p99_ms": level.worst_second_p99_ms, "max_ms": level.max_ms,
            "errors": level.errors, "smtp_delivered_during_run": delivered,
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
        for mail in [Mail::DevMailbox, Mail::FastSmtp, Mail::SlowSmtp] {
            rows.extend(run(backend, mail, dir.path()).await);
        }
    }
    // The isolation figure: the slow-SMTP p99 over the fast one, per backend and level.
    for backend in support::BACKENDS {
        for concurrency in std::iter::once(SUSTAINED_CONNECTIONS).chain(SHORT) {
            let p99 = |mail: Mail| {
                rows.iter()
                    .find(|r| {
                        r["backend"] == backend
                            && r["mail"] == mail.name()
                            && r["concurrency"] == concurrency
                    })
                    .and_then(|r| r["p99_ms"].as_f64())
                    .unwrap()
            };
            let (slow, fast) = (p99(Mail::SlowSmtp), p99(Mail::FastSmtp));
            println!(
                "slow SMTP isolation, {backend:8} {concurrency:3} connections: p99 {slow:.2} ms slow vs {fast:.2} ms fast (×{:.2})",
                slow / fast
            );
        }
    }
    support::write_results("invite-load.json", "invite_load", serde_json::Value::Array(rows));
}
