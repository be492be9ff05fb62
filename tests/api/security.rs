//! Security properties with a figure each: racing submits over HTTP, tampered links, what a
//! database dump holds, the argon2id parameters of stored hashes, and what anonymous callers
//! can learn.

use std::{net::SocketAddr, sync::Arc};

use axum::{
    body::Body,
    extract::ConnectInfo,
    http::{Request, StatusCode, header},
};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use staff_onboarding::{
    domain::{LinkState, ListQuery, Role, SetupError},
    server::{
        mail::sender::{OutboxConfig, OutboxSender},
        services::AcceptError,
        store::Actor,
    },
};
use tower::ServiceExt;

use crate::support::db::{TestDb, for_each_backend};
use crate::support::http::invite;
use crate::support::http::{App, ORIGIN, app, text};
use crate::support::service::{Harness, form};
use staff_onboarding::server::school::School;

for_each_backend!(
    sql_in_every_field_and_filter_is_only_text,
    tampered_links_are_invalid_and_never_act_on_another_invitation,
    stored_password_hashes_carry_the_owasp_argon2id_parameters,
);

/// 200 browsers (200 addresses, so no rate limit applies) submit one link at the same moment,
/// as the hydrated form does: exactly one account, and every other answer is "already used".
async fn racing_submits(db: TestDb) {
    let app = Arc::new(app(&db, &[]).await);
    let (id, token) = invite(&app, "sam@school.org").await;
    let requests: Vec<_> = (0..200)
        .map(|i| {
            let (app, body) =
                (app.clone(), crate::support::http::form(&token, &format!("racer{i}")));
            tokio::spawn(async move {
                let peer =
                    SocketAddr::from(([10, 1, (i / 250) as u8, (i % 250) as u8 + 1], 40_000));
                let mut request = Request::post("/api/accept_invitation")
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .header(header::ORIGIN, ORIGIN)
                    .body(Body::from(body))
                    .unwrap();
                request.extensions_mut().insert(ConnectInfo(peer));
                let response = app.router.clone().oneshot(request).await.unwrap();
                let status = response.status();
                (status, text(response).await)
            })
        })
        .collect();
    let (mut created, mut already_used) = (0, 0);
    for request in requests {
        let (status, body) = request.await.unwrap();
        if status.is_success() || status.is_redirection() {
            created += 1;
        } else {
            assert_eq!(status, StatusCode::GONE, "a losing submit: {body}");
            let error: SetupError = serde_json::from_str(&body).unwrap();
            assert_eq!(error, SetupError::Link(LinkState::AlreadyUsed));
            already_used += 1;
        }
    }
    assert_eq!((created, already_used), (1, 199));
    let mut accounts = 0;
    for i in 0..200 {
        accounts +=
            usize::from(app.state.store.username_taken(&format!("racer{i}")).await.unwrap());
    }
    assert_eq!(accounts, 1, "exactly one account exists");
    let invitation = app.state.store.find_invitation(id).await.unwrap().unwrap();
    assert!(invitation.accepted_at.is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_racing_submits_over_http_make_one_account_on_sqlite() {
    racing_submits(TestDb::sqlite()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_racing_submits_over_http_make_one_account_on_postgres() {
    let Some(db) = TestDb::postgres().await else { return };
    racing_submits(db).await;
}

/// SQL in the fields an invitee fills in and in the dashboard's search is stored and matched
/// as text; the tables stay whole.
async fn sql_in_every_field_and_filter_is_only_text(db: &TestDb) {
    use staff_onboarding::server::services::AcceptInput;
    let h = Harness::new(db).await;
    let invitation = h.service.invite(&h.admin, "bobby@school.org", "Teacher").await.unwrap();
    let token = h.latest_token(invitation.id).await;
    let name = "Robert'); DROP TABLE users; --";
    let input = AcceptInput { full_name: name.into(), ..form("bobby.t") };
    let accepted = h.service.accept(&token, &input).await.unwrap();
    let user = h.store.find_user(accepted.user_id).await.unwrap().unwrap();
    assert_eq!(user.full_name, name, "stored exactly as typed");
    for hostile in ["' OR 1=1 --", "x' UNION SELECT password_hash FROM users --", "%", "_"] {
        let query = ListQuery { email_contains: Some(hostile.into()), ..Default::default() };
        assert!(h.service.list(&query).await.unwrap().items.is_empty(), "{hostile:?} matched");
        assert!(h.service.invite(&h.admin, "new@school.org", hostile).await.is_err(), "as a role");
    }
    for hostile in ["' OR 1=1 --", "x' UNION SELECT password_hash FROM users --"] {
        let email = format!("{hostile}@school.org");
        assert!(h.service.invite(&h.admin, &email, "Teacher").await.is_err(), "{email:?}");
    }
    assert_eq!(h.service.counts().await.unwrap().all, 1, "the invitations are intact");
    assert!(h.store.find_user(accepted.user_id).await.unwrap().is_some(), "users is intact");
}

/// Every way of changing a link's token gives Invalid, and one invitation's link never acts
/// on another.
async fn tampered_links_are_invalid_and_never_act_on_another_invitation(db: &TestDb) {
    let h = Harness::new(db).await;
    let first = h.service.invite(&h.admin, "ana@school.org", "Teacher").await.unwrap();
    let second = h.service.invite(&h.admin, "ben@school.org", "Admin Staff").await.unwrap();
    let token = h.latest_token(first.id).await;
    let other = h.latest_token(second.id).await;
    let raw = URL_SAFE_NO_PAD.decode(&token).unwrap();
    assert_eq!(raw.len(), 32);

    let mut tampered = vec![
        token[..token.len() - 1].to_owned(),
        token[..16].to_owned(),
        format!("{token}A"),
        format!("{token}{token}"),
        token.to_uppercase(),
        format!(" {token}"),
        format!("{}{}", &token[..20], &other[20..]),
        String::new(),
        "%00".into(),
        "../../etc/passwd".into(),
    ];
    for byte in [0, 7, 15, 16, 31] {
        for bit in [0, 3, 7] {
            let mut flipped = raw.clone();
            flipped[byte] ^= 1 << bit;
            tampered.push(URL_SAFE_NO_PAD.encode(&flipped));
        }
    }
    for bad in &tampered {
        assert_eq!(h.state(bad).await, LinkState::Invalid, "{bad:?} must be Invalid");
        let err = h.service.accept(bad, &form("intruder")).await.unwrap_err();
        assert!(matches!(err, AcceptError::Link(LinkState::Invalid)), "{bad:?}: {err:?}");
    }
    assert!(!h.store.username_taken("intruder").await.unwrap(), "no account from any of them");

    // The first link makes the first invitation's account, and only that.
    let accepted = h.service.accept(&token, &form("ana.a")).await.unwrap();
    assert_eq!(accepted.invitation_id, first.id);
    let user = h.store.find_user(accepted.user_id).await.unwrap().unwrap();
    assert_eq!(user.email.as_str(), "ana@school.org");
    assert!(matches!(h.state(&other).await, LinkState::Valid { .. }), "the second is untouched");
    assert_eq!(h.service.counts().await.unwrap().pending, 1);
    println!("{} tampered tokens tried: all Invalid, no account", tampered.len());
}

/// The hashes in the users table are argon2id with m = 19456 KiB, t = 2, p = 1.
async fn stored_password_hashes_carry_the_owasp_argon2id_parameters(db: &TestDb) {
    let h = Harness::new(db).await;
    let invitation = h.service.invite(&h.admin, "ana@school.org", "Teacher").await.unwrap();
    let token = h.latest_token(invitation.id).await;
    let accepted = h.service.accept(&token, &form("ana.a")).await.unwrap();
    let stored = h.store.find_user(accepted.user_id).await.unwrap().unwrap().password_hash.unwrap();
    let parsed = argon2::PasswordHash::new(&stored).unwrap();
    assert_eq!(parsed.algorithm.as_str(), "argon2id");
    assert_eq!(parsed.version, Some(19));
    assert_eq!(parsed.params.get_decimal("m"), Some(19_456));
    assert_eq!(parsed.params.get_decimal("t"), Some(2));
    assert_eq!(parsed.params.get_decimal("p"), Some(1));
    assert!(parsed.salt.is_some_and(|salt| salt.len() >= 22), "a 16-byte random salt");
    assert!(!stored.contains("violet"), "never the password");
}

/// Invites 20 people and delivers every message to a real SMTP server; the link secrets.
async fn invite_and_deliver(app: &App) -> Vec<String> {
    let mut secrets = Vec::new();
    for i in 0..20 {
        let (_, token) = invite(app, &format!("person{i}@school.org")).await;
        secrets.push(token);
    }
    let sink = crate::support::smtp_sink::SmtpSink::start().await;
    let transport = Arc::new(
        staff_onboarding::server::mail::smtp::SmtpMailer::from_url(
            &sink.url(),
            "School <staff@school.org>".parse().unwrap(),
            2,
        )
        .unwrap(),
    );
    let sender = OutboxSender::new(
        app.state.store.clone(),
        transport,
        app.state.clock.clone(),
        OutboxConfig::default(),
        School::named("Greenwood"),
        app.state.sealer.clone(),
        Arc::default(),
    );
    assert_eq!(sender.drain_all().await.unwrap(), 20);
    assert_eq!(sink.received().len(), 20, "all delivered");
    assert_eq!(app.state.invitations.list(&ListQuery::default()).await.unwrap().items.len(), 20);
    secrets
}

/// No link secret (as text or as raw bytes), no link and no message body in `dumped`.
fn assert_nothing_usable(dumped: &[u8], secrets: &[String]) {
    assert!(dumped.len() > 10_000, "the dump holds the data ({} bytes)", dumped.len());
    let contains = |needle: &[u8]| dumped.windows(needle.len()).any(|w| w == needle);
    assert!(contains(b"person7@school.org"), "the dump is readable: it holds the addresses");
    for token in secrets {
        assert!(!contains(token.as_bytes()), "the secret {token} is in the dump");
        let raw = URL_SAFE_NO_PAD.decode(token).unwrap();
        assert!(!contains(&raw), "the raw bytes of {token} are in the dump");
    }
    assert!(!contains(b"/invite/"), "a link is in the dump");
    assert!(!contains(b"Set up your account"), "a message body is in the dump");
}

/// The SQLite file itself, byte for byte (free pages and slack included), once the mail has
/// gone and the write-ahead log is checkpointed: what a copied or backed-up file would give.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sqlite_file_holds_no_token_link_or_sent_body() {
    let db = TestDb::sqlite();
    let app = app(&db, &[]).await;
    let secrets = invite_and_deliver(&app).await;
    let staff_onboarding::server::config::DatabaseUrl::Sqlite { path, .. } = &db.url else {
        unreachable!()
    };
    let pool = sqlx::SqlitePool::connect(&db.url_string()).await.unwrap();
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&pool).await.unwrap();
    pool.close().await;
    let mut bytes = std::fs::read(path).unwrap();
    if let Ok(wal) = std::fs::read(format!("{}-wal", path.display())) {
        bytes.extend(wal);
    }
    assert_nothing_usable(&bytes, &secrets);
}

/// A logical dump (pg_dump) of the Postgres database once the mail has gone.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_postgres_dump_holds_no_token_link_or_sent_body() {
    let Some(db) = TestDb::postgres().await else { return };
    let app = app(&db, &[]).await;
    let secrets = invite_and_deliver(&app).await;
    let output = std::process::Command::new("pg_dump")
        .args(["--data-only", "--no-owner", &db.url_string()])
        .output()
        .expect("pg_dump (Debian's postgresql-client) is installed");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_nothing_usable(&output.stdout, &secrets);
}

/// No answer an anonymous caller can get depends on whether an address or a username is
/// known: the admin's checks need a Super-Admin, sign-in failures read the same, and the
/// invitee's username check needs a working link.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_anonymous_endpoint_tells_whether_an_email_or_username_exists() {
    let db = TestDb::sqlite();
    let app = app(&db, &[]).await;
    app.user("taken.name", Role::Teacher).await;
    app.state.invitations.invite(&Actor::system(), "invited@school.org", "Teacher").await.unwrap();

    let answer = |path: &'static str, body: String| {
        let app = &app;
        async move {
            let response = app
                .send(
                    Request::post(path)
                        .header(header::CONTENT_TYPE, "application/json")
                        .header(header::ORIGIN, ORIGIN)
                        .body(Body::from(body))
                        .unwrap(),
                )
                .await;
            let status = response.status();
            (status, text(response).await)
        }
    };
    // The admin's email checks: 401 whatever the address.
    for endpoint in ["/api/check_invite_email"] {
        let mut answers = Vec::new();
        for email in ["taken.name@school.org", "invited@school.org", "nobody@school.org"] {
            answers.push(answer(endpoint, format!(r#"{{"email":"{email}"}}"#)).await);
        }
        assert_eq!(answers[0].0, StatusCode::UNAUTHORIZED);
        assert!(answers.windows(2).all(|w| w[0] == w[1]), "{endpoint}: {answers:?}");
    }
    let bulk = answer(
        "/api/check_invite_emails",
        r#"{"emails":["taken.name@school.org","nobody@school.org"]}"#.into(),
    )
    .await;
    assert_eq!(bulk.0, StatusCode::UNAUTHORIZED);

    // The username check without a working link: the same answer for a taken and a free name.
    let form = |username: &str| format!("token=not-a-link&username={username}");
    let taken = app.call_form_body("/api/check_username", &form("taken.name")).await;
    let free = app.call_form_body("/api/check_username", &form("free.name")).await;
    assert_eq!(taken, free);
    assert!(taken.0.is_client_error(), "{taken:?}");

    // Sign-in: a known account with a wrong password reads like an unknown account.
    let known =
        app.call_form_body("/api/sign_in", "login=taken.name&password=wrong+guess+here").await;
    let unknown =
        app.call_form_body("/api/sign_in", "login=no.such.name&password=wrong+guess+here").await;
    assert_eq!(known, unknown);
    let by_email = app
        .call_form_body("/api/sign_in", "login=taken.name%40school.org&password=wrong+guess+here")
        .await;
    assert_eq!(by_email, unknown);
}

impl App {
    /// A form post as the hydrated page sends it; the status and the body.
    async fn call_form_body(&self, path: &str, body: &str) -> (StatusCode, String) {
        let response = self.call_form(path, body).await;
        let status = response.status();
        (status, text(response).await)
    }
}
