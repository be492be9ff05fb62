//! What a hostile visitor tried, each reproduced: open redirects and header injection after
//! sign-in, anonymous posts that write sessions, hashes left running by clients that hang up,
//! unbounded rate-limit keys, a resend disguised as an email correction, and cacheable pages.

use std::{net::SocketAddr, time::Duration};

use axum::{
    body::Body,
    extract::ConnectInfo,
    http::{Request, StatusCode, header},
};
use staff_onboarding::{
    domain::Role,
    server::{
        auth::limits::{Rate, RateConfig},
        passwords,
        services::InviteError,
        startup::router,
        store::Pool,
    },
};
use tokio::io::AsyncWriteExt;
use tower::ServiceExt;

use crate::support::db::{TestDb, for_each_backend};
use crate::support::http::invite;
use crate::support::http::{App, ORIGIN, app, credentials, session_cookie, text};
use crate::support::service::Harness;

for_each_backend!(
    refused_posts_with_random_tokens_write_no_session,
    correcting_an_email_to_the_same_address_is_refused_and_points_to_resend,
);

/// A sign-in form post (no JavaScript) by `login` with `next`, as already percent-encoded.
async fn sign_in_with_next(app: &App, login: &str, next: &str) -> axum::response::Response {
    let body = format!("{}&next={next}", credentials(login));
    app.post_form("/api/sign_in", &body, None, Some(ORIGIN)).await
}

/// `next` with a tab or a newline once sent the browser to another site, or panicked while
/// building the Location header (an empty reply, after the session had been cycled).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_follows_only_paths_on_this_site() {
    let db = TestDb::sqlite();
    let app = app(&db, &[]).await;
    let hostile = [
        "%2F%09%2Fevil.example",    // "/<TAB>/evil.example": browsers drop the tab
        "%2F%0A%2Fevil.example",    // "/<LF>/evil.example"
        "%2F%0D%0ASet-Cookie%3A+x", // header injection
        "%2F%0Ax",
        "%2F%5Cevil.example", // "/\evil.example"
        "%2F%2Fevil.example",
        "https%3A%2F%2Fevil.example%2F",
        "%2F%C2%85%2Fevil.example", // a C1 control character
        // Dot segments: the path normalises to "//evil.example/x", which a browser reads as
        // another host.
        "%2F.%2F%2Fevil.example%2Fx",
        "%2F%252e%2F%2Fevil.example",
        "%2Fa%2F..%2F%2Fevil.example",
    ];
    // One account each, so the per-account sign-in limit stays out of the way.
    for (i, hostile) in hostile.into_iter().enumerate() {
        let login = format!("robin{i}");
        app.user(&login, Role::SuperAdmin).await;
        let response = sign_in_with_next(&app, &login, hostile).await;
        assert_eq!(response.status(), StatusCode::FOUND, "{hostile}");
        let location = response.headers()[header::LOCATION].to_str().unwrap();
        assert_eq!(location, "/modules/staff/invites", "{hostile} was followed");
        assert!(session_cookie(response.headers()).is_some(), "{hostile}: signed in all the same");
    }
    let fine = sign_in_with_next(&app, "robin0", "%2Fmodules%2Fstaff%2Fmembers%3Fq%3D1").await;
    assert_eq!(fine.headers()[header::LOCATION], "/modules/staff/members?q=1");
}

/// One number about the stored sessions, straight from the database: `what` over the
/// session table's rows (`COUNT(*)`, say), as a 64-bit integer.
async fn sessions_stat(db: &TestDb, what: &str) -> i64 {
    let url = db.url_string();
    if url.starts_with("postgres") {
        let pool = sqlx::PgPool::connect(&url).await.unwrap();
        let sql = format!("SELECT ({what})::bigint FROM tower_sessions.session");
        let (n,): (i64,) = sqlx::query_as(&sql).fetch_one(&pool).await.unwrap();
        pool.close().await;
        n
    } else {
        let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
        let sql = format!("SELECT {what} FROM tower_sessions");
        let (n,): (i64,) = sqlx::query_as(&sql).fetch_one(&pool).await.unwrap();
        pool.close().await;
        n
    }
}

async fn session_rows(db: &TestDb) -> i64 {
    sessions_stat(db, "COUNT(*)").await
}

/// A setup-form post as a browser without JavaScript sends it, from `peer`.
async fn refused_post(app: &App, token: &str, full_name: &str, peer: SocketAddr) -> StatusCode {
    let body = format!(
        "token={token}&full_name={full_name}&phone=%2B44+7700+900123&username=x&password=short"
    );
    let mut request = Request::post("/api/accept_invitation")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html")
        .header(header::ORIGIN, ORIGIN)
        .body(Body::from(body))
        .unwrap();
    request.extensions_mut().insert(ConnectInfo(peer));
    app.router.clone().oneshot(request).await.unwrap().status()
}

/// A link's secret: 32 random bytes, as our links are.
pub(crate) fn random_token() -> String {
    use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).unwrap();
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Each refused no-JS post once stored its draft (up to 60 KB) in a new session for 8 hours,
/// for any token and also when rate-limited: a way to fill the disk. Now only a refusal of a
/// working link keeps a draft, and a small one.
async fn refused_posts_with_random_tokens_write_no_session(db: &TestDb) {
    let app = app(db, &[]).await;
    let big_name = "A".repeat(60_000);
    let before = session_rows(db).await;
    for i in 0..1_000u32 {
        // Half from 500 addresses (each link is Invalid), half from one (rate-limited).
        let peer = match i % 2 {
            0 => SocketAddr::from(([10, 9, (i / 200) as u8, (i % 200) as u8 + 1], 4000)),
            _ => SocketAddr::from(([10, 8, 0, 1], 4000)),
        };
        let token = if i % 4 == 1 { format!("short{i}") } else { random_token() };
        let status = refused_post(&app, &token, &big_name, peer).await;
        assert!(status == StatusCode::FOUND || status.is_client_error(), "{status}");
    }
    assert_eq!(session_rows(db).await - before, 0, "1,000 refused posts added session rows");

    // A real link's refusal keeps the draft for the page after the redirect, capped.
    let (_, token) = invite(&app, "sam@school.org").await;
    let peer = SocketAddr::from(([10, 7, 0, 1], 4000));
    assert_eq!(refused_post(&app, &token, &big_name, peer).await, StatusCode::FOUND);
    assert_eq!(session_rows(db).await - before, 1, "one draft, for the working link");
    let biggest = sessions_stat(db, "MAX(length(data))").await;
    assert!(biggest < 4_096, "the kept draft is {biggest} bytes");
    println!("1,000 refused posts: 0 session rows; a working link's draft: {biggest} bytes");
}

/// The hashing slot belonged to the request: a client that hung up dropped its request and
/// freed the slot while its argon2 hash ran on, so clients hanging up one after another ran
/// many 19 MiB hashes at once.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn clients_that_hang_up_mid_sign_in_never_run_more_hashes_than_cores() {
    let db = TestDb::sqlite();
    let app = app(&db, &[]).await;
    let state = app.state.clone();
    let open = Rate { burst: 100_000, every: Duration::from_millis(1) };
    let state = state.with_rates(RateConfig {
        sign_in_per_address: open,
        sign_in_per_account: open,
        ..RateConfig::default()
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let service = router(state).into_make_service_with_connect_info::<SocketAddr>();
    let server = tokio::spawn(async move { axum::serve(listener, service).await });

    let mut clients = Vec::new();
    for i in 0..200 {
        let body = format!("login=someone{i}&password=wrong+guess+here");
        let request = format!(
            "POST /api/sign_in HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: {ORIGIN}\r\n\
             Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        let mut client = tokio::net::TcpStream::connect(addr).await.unwrap();
        client.write_all(request.as_bytes()).await.unwrap();
        clients.push(client);
    }
    // They hang up one after another while their sign-ins wait for, or hold, a hash.
    for client in clients {
        tokio::time::sleep(Duration::from_millis(2)).await;
        drop(client);
    }
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while passwords::running() > 0 && std::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let peak = passwords::peak_running();
    println!("200 sign-ins whose clients hung up: at most {peak} hashes at once on {cores} cores");
    assert!(peak <= cores, "{peak} hashes ran at once on {cores} cores");
    server.abort();
}

/// The username check kept a rate-limit entry per raw token string, of any size. Now a
/// token that can't be a link is answered first, the limit is keyed on the link's hash, and
/// one address has a limit of its own.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn username_checks_are_limited_per_link_hash_and_per_address() {
    let db = TestDb::sqlite();
    let app = app(&db, &[]).await;
    let huge = "t".repeat(10_000);
    for i in 0..1_000 {
        let body = format!("token={huge}{i}&username=sam");
        let response = app.call_form("/api/check_username", &body).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
    }
    assert_eq!(app.state.limits.username_check_addresses(), 0, "junk tokens cost no memory");
    assert_eq!(limit_rows(&app).await, 0, "nor rows");

    // Well-formed tokens of no link, all from one address: the address runs out.
    let mut statuses = Vec::new();
    for _ in 0..100 {
        let body = format!("token={}&username=sam", random_token());
        statuses.push(app.call_form("/api/check_username", &body).await.status());
    }
    let limited = statuses.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count();
    assert!(limited >= 30, "only {limited} of 100 checks from one address were limited");
    assert_eq!(app.state.limits.username_check_addresses(), 1, "one key per address");
    assert!(limit_rows(&app).await <= 100 - limited as i64, "a row per link let through");
}

/// The rows of the limits kept in the database.
pub(crate) async fn limit_rows(app: &App) -> i64 {
    let sql = "SELECT COUNT(*) FROM rate_limits";
    let (rows,): (i64,) = match app.state.store.pool() {
        Pool::Sqlite(pool) => sqlx::query_as(sql).fetch_one(&pool).await.unwrap(),
        Pool::Postgres(pool) => sqlx::query_as(sql).fetch_one(&pool).await.unwrap(),
    };
    rows
}

/// "Correct email" to the address the invitation already has sent a new link and email
/// without counting a resend, so it got around MAX_RESENDS.
async fn correcting_an_email_to_the_same_address_is_refused_and_points_to_resend(db: &TestDb) {
    let h = Harness::new(db).await;
    let invitation = h.service.invite(&h.admin, "sam@school.org", "Teacher").await.unwrap();
    for same in ["sam@school.org", "Sam@School.org", "  sam@school.org "] {
        let refused = h.service.correct_email(&h.admin, invitation.id, same).await.unwrap_err();
        assert!(matches!(refused, InviteError::SameEmail), "{same:?}: {refused:?}");
        assert!(crate::support::said(&refused).contains("use Resend"), "{refused}");
    }
    assert_eq!(h.links(invitation.id).await.len(), 1, "no new link or email");
    let record = h.store.find_invitation(invitation.id).await.unwrap().unwrap();
    assert_eq!(record.resend_count, 0);
    assert!(h.service.correct_email(&h.admin, invitation.id, "sam@school.net").await.is_ok());
}

/// Pages with personal data and server-function answers are never cached; the built assets
/// may be.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn personal_pages_and_server_functions_are_no_store() {
    let db = TestDb::sqlite();
    let app = app(&db, &[]).await;
    app.user("robin", Role::SuperAdmin).await;
    let cookie = app.sign_in("robin").await;
    let (_, token) = invite(&app, "sam@school.org").await;
    let setup = format!("/invite/{token}");
    for path in [
        "/account",
        "/modules/staff/invites",
        "/modules/staff/members",
        "/dev/mailbox",
        setup.as_str(),
        "/invite/not-a-link",
        "/login",
        "/",
    ] {
        let response = app.get(path, Some(&cookie)).await;
        assert_eq!(response.headers()[header::CACHE_CONTROL], "no-store", "{path}");
    }
    let anonymous = app.get("/account", None).await;
    assert_eq!(anonymous.headers()[header::CACHE_CONTROL], "no-store", "the sign-in prompt");
    let api = app.call("/api/current_user", Some(&cookie)).await;
    assert_eq!(api.status(), StatusCode::OK);
    assert_eq!(api.headers()[header::CACHE_CONTROL], "no-store", "a server function");
    let asset = app.get("/pkg/staff-onboarding.css", None).await;
    assert!(asset.headers().get(header::CACHE_CONTROL).is_none(), "assets may be cached");
    let _ = text(asset).await;
}
