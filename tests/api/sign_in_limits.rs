//! Sign-in limits that strangers can't turn against the owner (OWASP's device cookies), the
//! client's address behind a trusted proxy, and limits shared by two servers on one database.

use std::{net::SocketAddr, time::Duration};

use axum::{
    body::Body,
    extract::ConnectInfo,
    http::{HeaderMap, Request, StatusCode, header},
    response::Response,
};
use staff_onboarding::{
    domain::Role,
    server::{
        auth::limits::{Rate, RateConfig},
        startup::router,
    },
};
use tower::ServiceExt;

use crate::support::{
    db::{TestDb, for_each_backend},
    http::*,
};

for_each_backend!(
    a_known_browser_signs_in_at_once_while_strangers_fill_the_account_limit,
    two_servers_on_one_database_enforce_one_account_limit,
);

const WRONG: &str = "login=robin&password=not+the+password+at+all";

/// A sign-in from `peer`, with the browser's cookies and any extra headers.
async fn sign_in_from(
    router: &axum::Router,
    peer: [u8; 4],
    body: &str,
    cookies: Option<&str>,
    extra: &[(&str, &str)],
) -> Response {
    let mut request = Request::post("/api/sign_in")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html")
        .header(header::ORIGIN, ORIGIN);
    if let Some(cookies) = cookies {
        request = request.header(header::COOKIE, cookies);
    }
    for (name, value) in extra {
        request = request.header(*name, *value);
    }
    let mut request = request.body(Body::from(body.to_owned())).unwrap();
    request.extensions_mut().insert(ConnectInfo(SocketAddr::from((peer, 40_000))));
    router.clone().oneshot(request).await.unwrap()
}

/// The `so_device=…` pair a response sets, and its whole `Set-Cookie` line.
fn device_cookie(headers: &HeaderMap) -> Option<(String, String)> {
    headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("so_device="))
        .map(|line| (line.split(';').next().unwrap().to_owned(), line.to_owned()))
}

fn signed_in(response: &Response) -> bool {
    response.status().is_redirection() && session_cookie(response.headers()).is_some()
}

/// The attack from the issue: the account's limit is filled by 40 wrong guesses from 20
/// addresses. Before device cookies the owner got 429 with the right password; now their
/// browser is let in at once, while a browser the account doesn't know is still held.
async fn a_known_browser_signs_in_at_once_while_strangers_fill_the_account_limit(db: &TestDb) {
    let app = app(db, &[]).await;
    app.user("robin", Role::SuperAdmin).await;
    let owner_address = [198, 51, 100, 1];

    let first = sign_in_from(&app.router, owner_address, &credentials("robin"), None, &[]).await;
    assert!(signed_in(&first), "{}", first.status());
    let (device, line) = device_cookie(first.headers()).expect("a device cookie");
    for part in ["HttpOnly", "SameSite=Strict", "Path=/api/sign_in"] {
        assert!(line.contains(part), "{line}");
    }

    let mut refused = 0;
    for i in 0..40u8 {
        let stranger = [203, 0, 113, 10 + i % 20];
        let response = sign_in_from(&app.router, stranger, WRONG, None, &[]).await;
        match response.status() {
            StatusCode::TOO_MANY_REQUESTS => refused += 1,
            StatusCode::UNAUTHORIZED => {}
            other => panic!("a wrong guess got {other}"),
        }
    }
    println!("40 wrong guesses from 20 addresses: {refused} refused by the account's limit");
    assert!(refused >= 30, "only {refused} of 40 guesses were refused");

    let owner =
        sign_in_from(&app.router, owner_address, &credentials("robin"), Some(&device), &[]).await;
    assert!(signed_in(&owner), "the owner's browser waited: {}", owner.status());

    // The same right password from a browser the account doesn't know: held, as it must be.
    let right = credentials("robin");
    let elsewhere = sign_in_from(&app.router, [192, 0, 2, 1], &right, None, &[]).await;
    assert_eq!(elsewhere.status(), StatusCode::TOO_MANY_REQUESTS);
    // Nor does a forged or another account's cookie count.
    let forged = "so_device=sealed.v1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    let forged = sign_in_from(&app.router, [192, 0, 2, 1], &right, Some(forged), &[]).await;
    assert_eq!(forged.status(), StatusCode::TOO_MANY_REQUESTS);
    app.user("kim", Role::Teacher).await;
    let kims = sign_in_from(&app.router, [192, 0, 2, 2], &credentials("kim"), None, &[]).await;
    let (kims_device, _) = device_cookie(kims.headers()).unwrap();
    let borrowed = sign_in_from(&app.router, [192, 0, 2, 2], &right, Some(&kims_device), &[]).await;
    assert_eq!(borrowed.status(), StatusCode::TOO_MANY_REQUESTS);
}

/// One limit, whichever server the requests reach.
async fn two_servers_on_one_database_enforce_one_account_limit(db: &TestDb) {
    let app = app(db, &[]).await;
    app.user("robin", Role::SuperAdmin).await;
    let second = second_server(&app, db).await;
    let mut statuses = Vec::new();
    for i in 0..20u8 {
        let router = if i % 2 == 0 { &app.router } else { &second };
        let response = sign_in_from(router, [203, 0, 113, i], WRONG, None, &[]).await;
        statuses.push(response.status());
    }
    let let_through = statuses.iter().filter(|s| **s == StatusCode::UNAUTHORIZED).count();
    assert_eq!(let_through, 10, "the account's burst of 10, across both: {statuses:?}");
}

/// A second server process beside `app`, on the same database: its own state and memory.
async fn second_server(app: &App, db: &TestDb) -> axum::Router {
    let settings = app.state.settings.as_ref().clone();
    let state = staff_onboarding::server::state::AppState::new(settings, db.open().await)
        .expect("the second server's state");
    router(state)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_known_browser_has_a_small_limit_of_its_own_and_stops_counting_after_failures() {
    let db = TestDb::sqlite();
    let app = app(&db, &[]).await.with_rates(RateConfig {
        sign_in_per_device: Rate { burst: 5, every: Duration::from_secs(3600) },
        device_max_failures: 3,
        ..RateConfig::default()
    });
    app.user("robin", Role::SuperAdmin).await;
    app.user("kim", Role::Teacher).await;
    let home = [198, 51, 100, 1];
    let device_of = async |login: &str| {
        let first = sign_in_from(&app.router, home, &credentials(login), None, &[]).await;
        device_cookie(first.headers()).unwrap().0
    };

    // Robin's browser: five sign-ins an hour, right or wrong; a success clears the wrong ones.
    let robins = device_of("robin").await;
    let wrong = |device: String| {
        let router = app.router.clone();
        async move { sign_in_from(&router, home, WRONG, Some(&device), &[]).await.status() }
    };
    assert_eq!(wrong(robins.clone()).await, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong(robins.clone()).await, StatusCode::UNAUTHORIZED);
    let ok = sign_in_from(&app.router, home, &credentials("robin"), Some(&robins), &[]).await;
    assert!(signed_in(&ok), "{}", ok.status());
    assert_eq!(wrong(robins.clone()).await, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong(robins.clone()).await, StatusCode::UNAUTHORIZED, "two in a row, not four");
    assert_eq!(wrong(robins.clone()).await, StatusCode::TOO_MANY_REQUESTS, "its own limit");

    // Kim's browser: three wrong passwords in a row, and it is known no more.
    let kims = device_of("kim").await;
    assert_eq!(wrong_as("kim", &app, home, &kims).await.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(wrong_as("kim", &app, home, &kims).await.status(), StatusCode::UNAUTHORIZED);
    let third = wrong_as("kim", &app, home, &kims).await;
    assert_eq!(third.status(), StatusCode::UNAUTHORIZED);
    let (cleared, line) = device_cookie(third.headers()).expect("the dead cookie is removed");
    assert_eq!(cleared, "so_device=");
    assert!(line.contains("Max-Age=0"), "{line}");
    // A stranger now, held by the account's limit like any other browser.
    for i in 0..10u8 {
        sign_in_from(&app.router, [203, 0, 113, i], "login=kim&password=x", None, &[]).await;
    }
    let dead = sign_in_from(&app.router, home, &credentials("kim"), Some(&kims), &[]).await;
    assert_eq!(dead.status(), StatusCode::TOO_MANY_REQUESTS);
}

async fn wrong_as(login: &str, app: &App, from: [u8; 4], device: &str) -> Response {
    let body = format!("login={login}&password=not+the+password");
    sign_in_from(&app.router, from, &body, Some(device), &[]).await
}

/// Per-address budget of 3 sign-ins, on accounts that don't exist (so the account limit
/// never decides).
fn tight_per_address() -> RateConfig {
    RateConfig {
        sign_in_per_address: Rate { burst: 3, every: Duration::from_secs(3600) },
        ..RateConfig::default()
    }
}

async fn attempts(app: &App, peer: [u8; 4], forwarded: &[&str]) -> Vec<StatusCode> {
    let mut statuses = Vec::new();
    for (i, xff) in forwarded.iter().enumerate() {
        let body = format!("login=nobody{i}&password=x");
        let extra = [("x-forwarded-for", *xff)];
        statuses.push(sign_in_from(&app.router, peer, &body, None, &extra).await.status());
    }
    statuses
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forged_forwarding_headers_from_an_untrusted_peer_buy_no_new_budget() {
    let db = TestDb::sqlite();
    let app = app(&db, &[]).await.with_rates(tight_per_address());
    let forged = ["1.1.1.1", "2.2.2.2", "3.3.3.3", "4.4.4.4", "5.5.5.5"];
    let statuses = attempts(&app, [203, 0, 113, 50], &forged).await;
    assert_eq!(&statuses[3..], [StatusCode::TOO_MANY_REQUESTS; 2], "{statuses:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn behind_a_trusted_proxy_each_client_has_its_own_budget() {
    let db = TestDb::sqlite();
    let app = app(&db, &[("TRUSTED_PROXIES", "10.0.0.0/24")]).await.with_rates(tight_per_address());
    let nginx = [10, 0, 0, 2];
    // Behind one proxy address, three clients: before, all three shared the proxy's budget.
    for client in ["198.51.100.1", "198.51.100.2", "198.51.100.3"] {
        let statuses = attempts(&app, nginx, &[client, client, client]).await;
        assert_eq!(statuses, [StatusCode::UNAUTHORIZED; 3], "{client}");
    }
    // A client who writes addresses of its own in front of what the proxy appended is
    // still itself.
    let forged = ["6.6.6.1, 198.51.100.1", "6.6.6.2, 198.51.100.1"];
    assert_eq!(attempts(&app, nginx, &forged).await, [StatusCode::TOO_MANY_REQUESTS; 2]);
    // Two trusted hops: the rightmost untrusted address is the client.
    let chain = ["198.51.100.9, 10.0.0.3"];
    assert_eq!(attempts(&app, nginx, &chain).await, [StatusCode::UNAUTHORIZED]);
    // `Forwarded` is not the header this proxy writes: it is ignored.
    let mut statuses = Vec::new();
    for i in 0..2 {
        let body = format!("login=nobody{i}&password=x");
        let extra = [("forwarded", "for=192.0.2.77"), ("x-forwarded-for", "198.51.100.9")];
        statuses.push(sign_in_from(&app.router, nginx, &body, None, &extra).await.status());
    }
    assert_eq!(statuses, [StatusCode::UNAUTHORIZED, StatusCode::UNAUTHORIZED]);
    let last = attempts(&app, nginx, &["198.51.100.9"]).await;
    assert_eq!(last, [StatusCode::TOO_MANY_REQUESTS], "198.51.100.9's third and fourth");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_forwarded_header_is_read_when_the_proxy_writes_it() {
    let db = TestDb::sqlite();
    let vars = [("TRUSTED_PROXIES", "10.0.0.2"), ("FORWARDED_HEADER", "Forwarded")];
    let app = app(&db, &vars).await.with_rates(tight_per_address());
    let mut statuses = Vec::new();
    for (i, client) in ["for=192.0.2.1", "for=192.0.2.2", "for=\"[2001:db8::1]\"", "for=192.0.2.1"]
        .iter()
        .cycle()
        .take(8)
        .enumerate()
    {
        let body = format!("login=nobody{i}&password=x");
        let extra = [("forwarded", *client), ("x-forwarded-for", "6.6.6.6")];
        statuses.push(sign_in_from(&app.router, [10, 0, 0, 2], &body, None, &extra).await.status());
    }
    let limited = statuses.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count();
    // 192.0.2.1 sends 4 (one over), 192.0.2.2 and the IPv6 client 2 each.
    assert_eq!(limited, 1, "{statuses:?}");
}
