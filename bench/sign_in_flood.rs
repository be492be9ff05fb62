//! The owner's sign-in during a flood of strangers' sign-ins. 150 addresses each send their 20
//! allowed sign-ins for made-up names (3,000 argon2id hashes, were they all queued); once the
//! flood has reached the hashing queue, the owner signs in from a browser with the account's
//! device cookie. Reported: the strangers' bound, how many were hashed and how many turned
//! away (503) unhashed, and the owner's wait, against the same sign-in with no flood. Median
//! of `ROUNDS` rounds, each on a fresh SQLite database and app.
//!
//! cargo bench --features ssr --bench sign_in_flood   (writes bench/results/sign_in_flood.json)

#[allow(dead_code)]
mod support;

use std::{
    net::SocketAddr,
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

use axum::{
    Router,
    body::Body,
    extract::ConnectInfo,
    http::{Request, StatusCode, header},
};
use staff_onboarding::{
    domain::{Email, Password, PasswordPolicy, PersonName, Role, Timestamp, Username},
    server::{config::Settings, passwords, startup::router, state::AppState, store::NewUser},
};
use tower::ServiceExt;

const ROUNDS: usize = 5;
const ADDRESSES: u32 = 150;
const PER_ADDRESS: u32 = 20;
const PASSWORD: &str = "violet tram orbit kettle";

async fn sign_in(
    app: &Router,
    from: SocketAddr,
    body: String,
    cookie: Option<&str>,
) -> (StatusCode, Option<String>) {
    let mut request = Request::post("/api/sign_in")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ORIGIN, "http://127.0.0.1:3000");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let mut request = request.body(Body::from(body)).unwrap();
    request.extensions_mut().insert(ConnectInfo(from));
    let response = app.clone().oneshot(request).await.unwrap();
    let device = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("so_device="))
        .map(|v| v.split(';').next().unwrap_or_default().to_owned());
    (response.status(), device)
}

struct Round {
    quiet_ms: f64,
    flood_ms: f64,
    hashed: usize,
    turned_away: usize,
}

async fn round(dir: &std::path::Path, n: usize) -> Round {
    let url = support::fresh_database("sqlite", dir, &format!("flood{n}")).await;
    let site = dir.display().to_string();
    let settings = Settings::from_lookup(|name| match name {
        "DATABASE_URL" => Some(url.clone()),
        "LEPTOS_SITE_ROOT" => Some(site.clone()),
        _ => None,
    })
    .unwrap();
    let store = support::open(&url).await;
    let state = AppState::new(settings, store.clone()).unwrap();
    state.sessions.migrate().await.unwrap();
    let password = Password::parse(PASSWORD, &PasswordPolicy::default(), &Default::default());
    let owner = NewUser {
        email: Email::parse("robin@school.org").unwrap(),
        username: Username::parse("robin").unwrap(),
        full_name: PersonName::parse("Robin Head").unwrap(),
        phone: None,
        role: Role::SuperAdmin,
        password_hash: passwords::hash(&password.unwrap()).await.unwrap(),
    };
    store.insert_user(owner, Timestamp(0)).await.unwrap();
    let app = router(state);
    let home: SocketAddr = "192.0.2.1:5000".parse().unwrap();
    let credentials = format!("login=robin&password={}", PASSWORD.replace(' ', "+"));
    let (_, device) = sign_in(&app, home, credentials.clone(), None).await;
    let cookie = device.expect("a device cookie");
    let started = Instant::now();
    sign_in(&app, home, credentials.clone(), Some(&cookie)).await;
    let quiet_ms = support::ms(started.elapsed());

    let queue = passwords::queue();
    let answered = Arc::new(AtomicUsize::new(0));
    let total = (ADDRESSES * PER_ADDRESS) as usize;
    let mut strangers = Vec::with_capacity(total);
    for address in 0..ADDRESSES {
        for attempt in 0..PER_ADDRESS {
            let (app, answered) = (app.clone(), answered.clone());
            let ip = format!("10.{n}.{}.{}", address / 200, address % 200 + 1);
            let from = SocketAddr::new(ip.parse().unwrap(), 4000);
            let body = format!("login=guess{address}x{attempt}&password=wrong+{attempt}");
            strangers.push(tokio::spawn(async move {
                let (status, _) = sign_in(&app, from, body, None).await;
                answered.fetch_add(1, Ordering::SeqCst);
                status
            }));
        }
    }
    while answered.load(Ordering::SeqCst) + queue.strangers_waiting() + passwords::running() < total
    {
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    let started = Instant::now();
    let (status, _) = sign_in(&app, home, credentials, Some(&cookie)).await;
    let flood_ms = support::ms(started.elapsed());
    assert_eq!(status, StatusCode::OK);
    let (mut hashed, mut turned_away) = (0, 0);
    for stranger in strangers {
        match stranger.await.unwrap() {
            StatusCode::SERVICE_UNAVAILABLE => turned_away += 1,
            _ => hashed += 1,
        }
    }
    store.close().await;
    Round { quiet_ms, flood_ms, hashed, turned_away }
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    if support::skipped() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut rounds = Vec::new();
    for n in 0..ROUNDS {
        rounds.push(round(dir.path(), n).await);
    }
    let median = |f: fn(&Round) -> f64| support::median(&rounds.iter().map(f).collect::<Vec<_>>());
    let (quiet, flood) = (median(|r| r.quiet_ms), median(|r| r.flood_ms));
    let (hashed, turned_away) = (median(|r| r.hashed as f64), median(|r| r.turned_away as f64));
    let bound = support::cores() * passwords::STRANGERS_PER_CORE;
    println!(
        "sign-in flood: {} strangers, bound {bound} waiting; {hashed:.0} hashed, {turned_away:.0} turned away (503) unhashed; the owner's sign-in {flood:.0} ms during it, {quiet:.0} ms without (median of {ROUNDS})",
        ADDRESSES * PER_ADDRESS
    );
    support::write_results(
        "sign_in_flood.json",
        "sign_in_flood",
        serde_json::json!({ "strangers": ADDRESSES * PER_ADDRESS, "bound": bound,
            "hashed": hashed, "turned_away": turned_away, "owner_ms_during_flood": flood,
            "owner_ms_quiet": quiet, "rounds": ROUNDS }),
    );
}
