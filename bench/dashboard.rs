//! The dashboard at scale: a database seeded with 1,000,000 invitations (years of them, and a
//! start-of-term bulk still Pending), then the server time of the status counts and of
//! filtered, sorted pages of 50, first pages and deep ones reached through keyset cursors.
//!
//! cargo bench --features ssr --bench dashboard      (writes bench/results/dashboard.json)
//! BENCH_INVITATIONS=100000 makes a quicker run. Postgres comes from TEST_DATABASE_URL.

#[allow(dead_code)]
mod support;

use std::{
    sync::Arc,
    time::{Duration, Instant},
};

use staff_onboarding::{
    domain::{InvitationStatus, ListQuery, Role, SortKey},
    server::{
        clock::{Clock, SystemClock},
        passwords,
        seed::{self, SeedPlan},
        services::{InvitationService, InvitePolicy},
    },
};

/// How often each measurement is repeated; the median is reported.
const REPEATS: usize = 30;
/// How deep the deep pages are: page 200 is rows 9,951 to 10,000.
const DEEP_PAGES: usize = 200;

struct Case {
    name: &'static str,
    query: ListQuery,
}

fn cases() -> Vec<Case> {
    let q = |status, role, sort| ListQuery { status, role, sort, ..Default::default() };
    vec![
        Case { name: "all, newest sent first", query: q(None, None, SortKey::SentDesc) },
        Case {
            name: "Pending, expiring soonest first",
            query: q(Some(InvitationStatus::Pending), None, SortKey::ExpiresAsc),
        },
        Case {
            name: "Expired Teachers, newest sent first",
            query: q(Some(InvitationStatus::Expired), Some(Role::Teacher), SortKey::SentDesc),
        },
        Case {
            name: "Accepted, oldest sent first",
            query: q(Some(InvitationStatus::Accepted), None, SortKey::SentAsc),
        },
        Case {
            name: "Revoked Admin Staff, latest expiry first",
            query: q(Some(InvitationStatus::Revoked), Some(Role::AdminStaff), SortKey::ExpiresDesc),
        },
    ]
}

async fn time<T, F: std::future::Future<Output = T>>(f: impl Fn() -> F) -> (f64, T) {
    let mut times = Vec::with_capacity(REPEATS);
    let mut last = None;
    for _ in 0..REPEATS {
        let started = Instant::now();
        last = Some(f().await);
        times.push(support::ms(started.elapsed()));
    }
    (support::median(&times), last.unwrap())
}

async fn run(backend: &str, dir: &std::path::Path, invitations: u64) -> serde_json::Value {
    let url = support::fresh_database(backend, dir, "dashboard").await;
    let store = support::open(&url).await;
    let ttl = Duration::from_secs(86_400);
    let plan = SeedPlan {
        invitations,
        pending: 5_000.min(invitations / 10),
        now: SystemClock.now(),
        ttl_ms: ttl.as_millis() as i64,
        span_ms: 3 * 365 * 86_400_000,
        password_hash: passwords::hash_of_random_secret().await.unwrap(),
    };
    let started = Instant::now();
    seed::write(&store, &plan).await.unwrap();
    let seed_seconds = started.elapsed().as_secs_f64();
    println!("{backend}: seeded {invitations} invitations in {seed_seconds:.1} s");

    let policy = InvitePolicy {
        ttl,
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

    let (counts_ms, counts) = time(|| service.counts()).await;
    let counts = counts.unwrap();
    assert_eq!(counts.all, invitations, "the counts see every seeded invitation");
    println!(
        "{backend}: status counts {counts_ms:7.3} ms  (all {}, pending {}, accepted {}, expired {}, revoked {})",
        counts.all, counts.pending, counts.accepted, counts.expired, counts.revoked
    );

    let mut pages = Vec::new();
    for case in cases() {
        let (first_ms, first) = time(|| service.list(&case.query)).await;
        let first = first.unwrap();
        assert_eq!(first.items.len(), 50, "{}: a full first page", case.name);

        // Walk DEEP_PAGES pages by keyset, then time the page after the last cursor.
        let mut query = case.query.clone();
        let mut walk = Vec::new();
        let mut reached = 1;
        for _ in 1..DEEP_PAGES {
            let started = Instant::now();
            let page = service.list(&query).await.unwrap();
            walk.push(support::ms(started.elapsed()));
            match page.next {
                Some(next) => {
                    query.after = Some(next);
                    reached += 1;
                }
                None => break,
            }
        }
        let (deep_ms, deep) = time(|| service.list(&query)).await;
        assert!(!deep.unwrap().items.is_empty(), "{}: the deep page has rows", case.name);
        let walk_median = support::median(&walk);
        println!(
            "{backend}: page of 50, {:42} first {first_ms:6.3} ms, page {reached:3} {deep_ms:6.3} ms, every page on the way (median) {walk_median:6.3} ms",
            case.name
        );
        pages.push(serde_json::json!({
            "case": case.name, "first_page_ms": first_ms, "deep_page": reached,
            "deep_page_ms": deep_ms, "walk_median_ms": walk_median,
        }));
    }

    // Searching part of an address, through the trigram index (migration 0008): a rare
    // text (about ten rows) and a text every address holds (the newest 50 of a million).
    let mut searches = Vec::new();
    for text in ["staff99999", "seed.example"] {
        let search = ListQuery { email_contains: Some(text.into()), ..Default::default() };
        let (search_ms, found) = time(|| service.list(&search)).await;
        let found = found.unwrap().items.len();
        println!("{backend}: email search '{text}' {search_ms:7.3} ms (first page: {found} rows)");
        searches.push(serde_json::json!({ "text": text, "ms": search_ms, "rows": found }));
    }

    store.close().await;
    serde_json::json!({
        "backend": backend, "invitations": invitations, "seed_seconds": seed_seconds,
        "counts_ms": counts_ms, "pages": pages, "email_searches": searches,
    })
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    if support::skipped() {
        return;
    }
    let invitations = std::env::var("BENCH_INVITATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000u64);
    let dir = tempfile::tempdir().unwrap();
    let mut rows = Vec::new();
    for backend in support::BACKENDS {
        rows.push(run(backend, dir.path(), invitations).await);
    }
    support::write_results("dashboard.json", "dashboard", serde_json::Value::Array(rows));
}
