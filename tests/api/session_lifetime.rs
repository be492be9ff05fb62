//! Sessions end even while they are used: at the latest `SESSION_MAX_LIFETIME` after their
//! sign-in; "Sign out everywhere else" ends every other session of the account at once; and
//! on https the cookie carries the `__Host-` prefix.

use std::{sync::Arc, time::Duration};

use axum::http::{StatusCode, header};
use staff_onboarding::{
    domain::{Role, Timestamp},
    server::clock::{Clock, ManualClock},
};

use crate::support::db::TestDb;
use crate::support::http::{App, ORIGIN, app, app_on_clock, credentials, session_cookie, text};

/// Whether `cookie` is signed in, as the account page sees it.
async fn signed_in(app: &App, cookie: &str) -> bool {
    let response = app.get("/account", Some(cookie)).await;
    match response.status() {
        StatusCode::OK => true,
        StatusCode::UNAUTHORIZED => false,
        other => panic!("/account: {other}"),
    }
}

/// A session used every few minutes never went idle, so it never ended.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_in_use_ends_at_its_maximum_lifetime() {
    let db = TestDb::sqlite();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap();
    let clock = Arc::new(ManualClock::starting_at(Timestamp(now.as_millis() as i64)));
    let app = app_on_clock(&db, &[("SESSION_MAX_LIFETIME", "1h")], clock.clone()).await;
    app.user("tess", Role::Teacher).await;
    let cookie = app.sign_in("tess").await;
    for _ in 0..11 {
        clock.advance(Duration::from_secs(5 * 60));
        assert!(signed_in(&app, &cookie).await, "{:?}", clock.now());
    }
    clock.advance(Duration::from_secs(5 * 60));
    assert!(!signed_in(&app, &cookie).await, "an hour after its sign-in, however busy");
    assert!(!signed_in(&app, &cookie).await, "and it stays ended");
    // Signing in again starts a new lifetime.
    let again = app.sign_in("tess").await;
    assert!(signed_in(&app, &again).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_out_everywhere_else_ends_every_other_session_at_once() {
    let db = TestDb::sqlite();
    let app = app(&db, &[]).await;
    app.user("tess", Role::Teacher).await;
    app.user("robin", Role::SuperAdmin).await;
    let (phone, laptop, other) =
        (app.sign_in("tess").await, app.sign_in("tess").await, app.sign_in("robin").await);

    let response = app.post_form("/api/sign_out_elsewhere", "", Some(&laptop), Some(ORIGIN)).await;
    assert!(response.status().is_success() || response.status().is_redirection());
    let laptop = session_cookie(response.headers()).expect("this browser, on a fresh id");
    assert!(signed_in(&app, &laptop).await, "this browser stays signed in");
    assert!(!signed_in(&app, &phone).await, "the other session ended");
    assert!(signed_in(&app, &other).await, "another account's sessions are untouched");

    let anonymous = app.post_form("/api/sign_out_elsewhere", "", None, Some(ORIGIN)).await;
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    let json = app.call("/api/sign_out_elsewhere", Some(&laptop)).await;
    assert_eq!(json.status(), StatusCode::OK);
    assert!(text(json).await.contains("signed out everywhere else"));
}

/// On https the cookie is `__Host-so_session`: Secure, Path=/, no Domain, so neither a
/// subdomain nor a plain-http page can plant or shadow it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_session_cookie_is_host_prefixed_on_https() {
    let db = TestDb::sqlite();
    let site = "https://staff.school.example";
    let app = app(&db, &[("PUBLIC_URL", site)]).await;
    app.user("tess", Role::Teacher).await;
    let response = app.post_form("/api/sign_in", &credentials("tess"), None, Some(site)).await;
    assert!(response.status().is_redirection(), "{}", response.status());
    let line = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.contains("so_session="))
        .expect("a session cookie")
        .to_owned();
    assert!(line.starts_with("__Host-so_session="), "{line}");
    assert!(line.contains("Secure") && line.contains("Path=/"), "{line}");
    assert!(!line.to_lowercase().contains("domain="), "{line}");
}
