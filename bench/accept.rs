//! Accepting invitations against the argon2id ceiling. One hash (m = 19456 KiB, t = 2, p = 1)
//! is timed on this machine; the most accepts a second the machine could do is then
//! `cores ÷ hash time`. Accepts run through the service (parse, zxcvbn, hash on the blocking
//! pool, one transaction creating the account) with many at once, and the ratio of their rate
//! to that ceiling is reported. Goal: at least 90 %.
//!
//! cargo bench --features ssr --bench accept          (writes bench/results/accept.json)

#[allow(dead_code)]
mod support;

use std::{sync::Arc, time::Instant};

use staff_onboarding::{
    domain::{Password, PasswordContext, PasswordPolicy},
    server::{
        clock::SystemClock,
        passwords,
        services::{AcceptInput, InvitationService, InvitePolicy},
        store::Actor,
    },
};

const HASHES: usize = 20;
const ACCEPTS: usize = 200;
const CONCURRENCY: usize = 16;

async fn hash_ms() -> f64 {
    let password = Password::parse(
        "violet tram orbit kettle",
        &PasswordPolicy::default(),
        &PasswordContext::default(),
    )
    .unwrap();
    passwords::hash(&password).await.unwrap(); // warm up
    let mut times = Vec::new();
    for _ in 0..HASHES {
        let started = Instant::now();
        passwords::hash(&password).await.unwrap();
        times.push(support::ms(started.elapsed()));
    }
    support::median(&times)
}

async fn run(backend: &str, dir: &std::path::Path, ceiling: f64) -> serde_json::Value {
    let store = support::open(&support::fresh_database(backend, dir, "accept").await).await;
    let policy = InvitePolicy {
        ttl: std::time::Duration::from_secs(86_400),
        max_resends: 3,
        // As deployed by default: every link queues its reminder too.
        reminder_before: Some(std::time::Duration::from_secs(6 * 3600)),
        public_url: "https://staff.example.org".parse().unwrap(),
        password: Default::default(),
        zone: staff_onboarding::server::school::SchoolZone::utc(),
    };
    let sealer = staff_onboarding::server::secrets::Sealer::new([7; 32]);
    let service =
        Arc::new(InvitationService::new(store.clone(), Arc::new(SystemClock), policy, sealer));
    let mut tokens = Vec::with_capacity(ACCEPTS);
    for i in 0..ACCEPTS {
        let invitation = service
            .invite(&Actor::system(), &format!("p{i}@bench.example.org"), "Teacher")
            .await
            .unwrap();
        let message = store.outbox_for(invitation.id).await.unwrap().pop().unwrap();
        let link = service.link_in(&message.payload.unwrap()).unwrap();
        tokens.push(link.rsplit_once("/invite/").unwrap().1.to_owned());
    }

    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let tokens = Arc::new(tokens);
    let started = Instant::now();
    let workers: Vec<_> = (0..CONCURRENCY)
        .map(|_| {
            let (service, tokens, next) = (service.clone(), tokens.clone(), next.clone());
            tokio::spawn(async move {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(token) = tokens.get(i) else { break };
                    let input = AcceptInput {
                        email: None,
                        full_name: format!("Person Number {i}"),
                        phone: "+1 (555) 010-4477".into(),
                        username: format!("person.{i}"),
                        password: "violet tram orbit kettle".into(),
                        language: None,
                    };
                    service.accept(token, &input).await.unwrap();
                }
            })
        })
        .collect();
    for worker in workers {
        worker.await.unwrap();
    }
    let seconds = started.elapsed().as_secs_f64();
    let rate = ACCEPTS as f64 / seconds;
    let ratio = rate / ceiling;
    println!(
        "accept, {backend:8}: {rate:6.1} accepts/s ({ACCEPTS} accepts, {CONCURRENCY} at a time): {:.0} % of the ceiling",
        ratio * 100.0
    );
    store.close().await;
    serde_json::json!({ "backend": backend, "accepts": ACCEPTS, "concurrency": CONCURRENCY,
        "per_second": rate, "ratio_to_ceiling": ratio })
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    if support::skipped() {
        return;
    }
    let hash_ms = hash_ms().await;
    let cores = support::cores();
    let ceiling = cores as f64 / (hash_ms / 1000.0);
    println!(
        "argon2id hash: {hash_ms:.1} ms (median of {HASHES}); ceiling {cores} cores ÷ hash time = {ceiling:.1} accepts/s"
    );
    let dir = tempfile::tempdir().unwrap();
    let mut rows = Vec::new();
    for backend in support::BACKENDS {
        rows.push(run(backend, dir.path(), ceiling).await);
    }
    support::write_results(
        "accept.json",
        "accept",
        serde_json::json!({ "hash_ms": hash_ms, "ceiling_per_second": ceiling, "backends": rows }),
    );
}
