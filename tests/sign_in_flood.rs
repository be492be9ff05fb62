//! A flood of strangers' sign-ins can't starve the school's own staff. Its own test binary:
//! the hashing queue is one per process, and this fills it.
//!
//! 150 addresses (a small botnet, or one IPv6 /56) each send their 20 allowed sign-ins for
//! made-up names: 3,000 argon2id hashes queued, about a minute of both cores, and the owner's
//! sign-in waited at the back. Now strangers past the bound get 503 with Retry-After before
//! any hash, and a browser the account knows (its device cookie) is hashed ahead of every
//! stranger already waiting.

use std::{net::SocketAddr, sync::Arc};

use axum::{
    Router,
    body::Body,
    extract::ConnectInfo,
    http::{HeaderMap, Request, StatusCode, header},
};
use staff_onboarding::{
    domain::{Email, Password, PasswordPolicy, PersonName, Role, Timestamp, Username},
    server::{config::Settings, passwords, startup::router, state::AppState, store::NewUser},
};
use tower::ServiceExt;

const ORIGIN: &str = "http://127.0.0.1:3000";
const PASSWORD: &str = "violet tram orbit kettle";

async fn sign_in(
    app: &Router,
    from: SocketAddr,
    body: String,
    cookie: Option<&str>,
) -> (StatusCode, HeaderMap) {
    let mut request = Request::post("/api/sign_in")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ORIGIN, ORIGIN);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let mut request = request.body(Body::from(body)).unwrap();
    request.extensions_mut().insert(ConnectInfo(from));
    let response = app.clone().oneshot(request).await.unwrap();
    (response.status(), response.headers().clone())
}

fn device_cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("so_device="))
        .map(|v| v.split(';').next().unwrap_or_default().to_owned())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_owners_browser_goes_ahead_of_a_flood_of_strangers() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("flood.db").display());
    let site = dir.path().display().to_string();
    let settings = Settings::from_lookup(|name| match name {
        "DATABASE_URL" => Some(url.clone()),
        "LEPTOS_SITE_ROOT" => Some(site.clone()),
        _ => None,
    })
    .unwrap();
    let store = staff_onboarding::server::store::connect(&settings.database_url).await.unwrap();
    store.migrate().await.unwrap();
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

    // The owner's browser signs in once, before the flood: it now has a device cookie.
    let (status, headers) = sign_in(&app, home, credentials.clone(), None).await;
    assert_eq!(status, StatusCode::OK, "signed in");
    let cookie = device_cookie(&headers).expect("a device cookie");

    // The flood: 150 addresses × 20 sign-ins for names that don't exist.
    let queue = passwords::queue();
    let before = passwords::started();
    let mut strangers = Vec::new();
    let answered = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    for address in 0..150u32 {
        for n in 0..20 {
            let app = app.clone();
            let from = SocketAddr::new(
                format!("10.1.{}.{}", address / 200, address % 200 + 1).parse().unwrap(),
                4000,
            );
            let body = format!("login=guess{address}x{n}&password=wrong+guess+{n}");
            let answered = answered.clone();
            strangers.push(tokio::spawn(async move {
                let outcome = sign_in(&app, from, body, None).await;
                answered.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                outcome
            }));
        }
    }
    // Once every stranger is answered, hashing or waiting in line (their database reads and
    // limit writes are behind them, so what follows measures the hashing queue alone), the
    // owner signs in from the known browser.
    let settled = || {
        let answered = answered.load(std::sync::atomic::Ordering::SeqCst);
        answered + queue.strangers_waiting() + passwords::running() >= 3_000
    };
    while !settled() || queue.strangers_waiting() < passwords::STRANGERS_PER_CORE {
        tokio::time::sleep(std::time::Duration::from_millis(1)).await;
    }
    let (waiting, started) = (queue.strangers_waiting(), passwords::started());
    let (status, _) = sign_in(&app, home, credentials, Some(&cookie)).await;
    assert_eq!(status, StatusCode::OK, "the owner is signed in");
    let ran_meanwhile = passwords::started() - started;
    println!(
        "the owner's sign-in: {ran_meanwhile} hashes ran meanwhile, {waiting} strangers were waiting"
    );
    assert!(
        ran_meanwhile < waiting,
        "{ran_meanwhile} hashes ran while the owner waited behind {waiting} strangers"
    );

    let (mut busy, mut refused) = (0, 0);
    for stranger in strangers {
        let (status, headers) = stranger.await.unwrap();
        match status {
            StatusCode::SERVICE_UNAVAILABLE => {
                assert_eq!(headers[header::RETRY_AFTER], "2");
                busy += 1;
            }
            StatusCode::UNAUTHORIZED => refused += 1,
            other => panic!("a stranger got {other}"),
        }
    }
    let hashed = passwords::started() - before;
    println!("3,000 strangers: {refused} hashed and refused, {busy} turned away with 503 unhashed");
    assert!(busy > 0, "the line never filled");
    // One hash each for the strangers let in, one for the owner, one for the dummy hash that
    // unknown names are checked against.
    assert_eq!(hashed, refused + 2, "no hash for a stranger turned away");
}
