//! Sign-in, sessions, the access guard, CSRF, rate limits and security headers, over HTTP
//! through the real router.

use std::time::Duration;

use axum::{
    body::Body,
    http::{Request, StatusCode, header},
};
use staff_onboarding::{
    domain::Role,
    server::auth::limits::{Rate, RateConfig},
};

use crate::support::{db::TestDb, http::*};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_sets_a_hardened_cookie_and_lands_by_role() {
    let db = TestDb::sqlite();
    let app = app(&db, &[]).await;
    app.user("robin", Role::SuperAdmin).await;
    app.user("tess", Role::Teacher).await;

    let response = app.post_form("/api/sign_in", &credentials("robin"), None, Some(ORIGIN)).await;
    assert!(response.status().is_redirection(), "{}", response.status());
    assert_eq!(response.headers()[header::LOCATION], "/modules/staff/invites");
    let cookie = set_cookie_line(response.headers());
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(cookie.contains("Max-Age=28800"), "an 8 h idle timeout by default: {cookie}");
    assert!(!cookie.contains("Secure"), "plain http: {cookie}");

    let response = app
        .post_form(
            "/api/sign_in",
            &format!(
                "login=tess%40school.org&password={}&next=%2Faccount%3Fx%3D1",
                PASSWORD.replace(' ', "+")
            ),
            None,
            Some(ORIGIN),
        )
        .await;
    assert_eq!(response.headers()[header::LOCATION], "/account?x=1", "back where they were going");

    drop(app); // one router at a time
    let https = app_with_https(&db).await;
    let response = https
        .post_form("/api/sign_in", &credentials("robin"), None, Some("https://staff.school.org"))
        .await;
    assert!(set_cookie_line(response.headers()).contains("Secure"));
}

async fn app_with_https(db: &TestDb) -> App {
    app(db, &[("PUBLIC_URL", "https://staff.school.org")]).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_failed_sign_in_reads_the_same() {
    let db = TestDb::sqlite();
    let app = app(&db, &[]).await;
    app.user("robin", Role::SuperAdmin).await;
    let wrong = app
        .post_form("/api/sign_in", "login=robin&password=wrong+password+here", None, Some(ORIGIN))
        .await;
    let unknown = app.post_form("/api/sign_in", &credentials("nobody"), None, Some(ORIGIN)).await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.status(), StatusCode::UNAUTHORIZED);
    assert!(session_cookie(wrong.headers()).is_none());
    let (wrong, unknown) = (text(wrong).await, text(unknown).await);
    assert_eq!(wrong, unknown);
    assert!(wrong.contains("don't match"), "{wrong}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sessions_on_sqlite() {
    sessions_rotate_and_end(&TestDb::sqlite()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sessions_on_postgres() {
    let Some(db) = TestDb::postgres().await else { return };
    sessions_rotate_and_end(&db).await;
}

/// The session id changes at sign-in and dies at sign-out; the idle timeout is configurable.
async fn sessions_rotate_and_end(db: &TestDb) {
    let app = app(db, &[("SESSION_IDLE_TIMEOUT", "2h")]).await;
    app.user("tess", Role::Teacher).await;
    let response = app.post_form("/api/sign_in", &credentials("tess"), None, Some(ORIGIN)).await;
    assert!(set_cookie_line(response.headers()).contains("Max-Age=7200"), "SESSION_IDLE_TIMEOUT");
    let first = session_cookie(response.headers()).unwrap();
    assert_eq!(app.get("/account", Some(&first)).await.status(), StatusCode::OK);

    // Signing in again on the same session gets a new id; the old one stops working.
    let response =
        app.post_form("/api/sign_in", &credentials("tess"), Some(&first), Some(ORIGIN)).await;
    let second = session_cookie(response.headers()).expect("a new cookie");
    assert_ne!(first, second);
    assert_eq!(app.get("/account", Some(&first)).await.status(), StatusCode::UNAUTHORIZED);
    let page = text(app.get("/account", Some(&second)).await).await;
    assert!(page.contains("tess"), "{page}");

    let out = app.post_form("/api/sign_out", "", Some(&second), Some(ORIGIN)).await;
    assert!(out.status().is_redirection(), "{}", out.status());
    assert_eq!(app.get("/account", Some(&second)).await.status(), StatusCode::UNAUTHORIZED);
}

/// An active session is renewed (a new expiry, saved) once a tenth of the idle timeout has
/// passed since the last renewal; requests in between write nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_active_session_is_renewed_so_only_idleness_ends_it() {
    let db = TestDb::sqlite();
    let app = app(&db, &[("SESSION_IDLE_TIMEOUT", "60s")]).await;
    app.user("tess", Role::Teacher).await;
    let response = app.post_form("/api/sign_in", &credentials("tess"), None, Some(ORIGIN)).await;
    let cookie = session_cookie(response.headers()).unwrap();
    // The first signed-in request notes the renewal; the next ones, soon after, write nothing.
    let first = app.get("/account", Some(&cookie)).await;
    assert_eq!(first.status(), StatusCode::OK);
    let soon = app.get("/account", Some(&cookie)).await;
    assert_eq!(soon.status(), StatusCode::OK);
    assert_eq!(session_cookie(soon.headers()), None, "no write on every request");

    // A tenth of the timeout (6 s) later, the session is saved again with a fresh expiry.
    tokio::time::sleep(std::time::Duration::from_millis(6_500)).await;
    let later = app.get("/account", Some(&cookie)).await;
    assert_eq!(later.status(), StatusCode::OK);
    assert!(set_cookie_line(later.headers()).contains("Max-Age=60"), "renewed");
    assert_eq!(session_cookie(later.headers()).as_deref(), Some(cookie.as_str()), "same id");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cross_site_posts_are_refused() {
    let db = TestDb::sqlite();
    let app = app(&db, &[]).await;
    app.user("robin", Role::SuperAdmin).await;
    let body = credentials("robin");
    let evil = app.post_form("/api/sign_in", &body, None, Some("https://evil.example")).await;
    assert_eq!(evil.status(), StatusCode::FORBIDDEN);
    assert!(session_cookie(evil.headers()).is_none());
    let request = Request::post("/api/sign_in")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "cross-site")
        .body(Body::from(body.clone()))
        .unwrap();
    assert_eq!(app.send(request).await.status(), StatusCode::FORBIDDEN);
    // localhost and 127.0.0.1 on the same port are the same site in development.
    let local = app.post_form("/api/sign_in", &body, None, Some("http://localhost:3000")).await;
    assert!(local.status().is_redirection());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_is_rate_limited_and_recovers() {
    let db = TestDb::sqlite();
    let rate = Rate { burst: 2, every: Duration::from_millis(300) };
    let app = app(&db, &[])
        .await
        .with_rates(RateConfig { sign_in_per_account: rate, ..RateConfig::default() });
    app.user("robin", Role::SuperAdmin).await;

    for _ in 0..2 {
        let r = app
            .post_form("/api/sign_in", "login=robin&password=nope+nope+nope", None, Some(ORIGIN))
            .await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
    let limited = app.post_form("/api/sign_in", &credentials("robin"), None, Some(ORIGIN)).await;
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(text(limited).await.contains("Too many attempts"));

    tokio::time::sleep(Duration::from_millis(400)).await;
    let again = app.post_form("/api/sign_in", &credentials("robin"), None, Some(ORIGIN)).await;
    assert!(again.status().is_redirection(), "recovered: {}", again.status());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_carry_the_security_headers() {
    let db = TestDb::sqlite();
    let app = app(&db, &[]).await;
    let response = app.get("/", None).await;
    let headers = response.headers().clone();
    let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap().to_owned();
    assert!(csp.contains("'wasm-unsafe-eval'"), "{csp}");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    let html = text(response).await;
    let nonce = html.split("nonce=\"").nth(1).unwrap().split('"').next().unwrap();
    assert!(
        csp.contains(&format!("'nonce-{nonce}'")),
        "the page's scripts are allowed by their nonce"
    );
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    // Its address only to this site (a form without JavaScript comes back to its page with
    // its refusal); a page whose address holds a secret sends it nowhere.
    assert_eq!(headers[header::REFERRER_POLICY], "same-origin");
    for secret in ["/invite/AAAA", "/sign-in/AAAA"] {
        let response = app.get(secret, None).await;
        assert_eq!(response.headers()[header::REFERRER_POLICY], "no-referrer", "{secret}");
    }
    assert!(headers.get(header::STRICT_TRANSPORT_SECURITY).is_none(), "no HSTS on plain http");

    drop(app); // one router at a time
    let https = app_with_https(&db).await;
    let headers = https.get("/healthz", None).await.headers().clone();
    assert!(headers[header::STRICT_TRANSPORT_SECURITY].to_str().unwrap().contains("max-age="));
    assert!(headers.contains_key(header::CONTENT_SECURITY_POLICY));
}

/// Who may call what. Every server function must be listed, so a new one cannot slip in
/// unguarded.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn authorization_matrix() {
    #[derive(Clone, Copy)]
    enum Who {
        Anonymous,
        As(Role),
    }
    const OPEN: [u16; 4] = [200, 200, 200, 200];
    const ADMIN: [u16; 4] = [401, 403, 403, 200];
    const SIGNED_IN: [u16; 4] = [401, 200, 200, 200];
    let pages: &[(&str, [u16; 4])] = &[
        ("/", OPEN),
        ("/login", OPEN),
        ("/account", SIGNED_IN),
        ("/modules/staff/invites", ADMIN),
        ("/modules/staff/members", ADMIN),
        ("/dev/mailbox", ADMIN),
        ("/dev/mailbox/999", [401, 403, 403, 404]),
        ("/modules/staff/invites.csv", ADMIN),
    ];
    // (path, JSON body or None for a form post, expected)
    let server_fns: &[(&str, Option<&str>, [u16; 4])] = &[
        ("/api/invitation_overview", Some(r#"{"query":{}}"#), ADMIN),
        ("/api/current_user", None, OPEN),
        ("/api/invitation_changes", None, ADMIN),
        ("/api/staff_members", Some(r#"{"after":null}"#), ADMIN),
        // No invitation 999: the Super-Admin passes the guard and is told it doesn't exist.
        ("/api/check_invite_email", Some(r#"{"email":"new@school.org"}"#), ADMIN),
        ("/api/check_invite_emails", Some(r#"{"emails":["a@school.org"]}"#), ADMIN),
        (
            "/api/create_invitation",
            Some(r#"{"email":"bad","role":"Teacher"}"#),
            [401, 403, 403, 422],
        ),
        (
            "/api/correct_invitation_email",
            Some(r#"{"id":999,"email":"a@b.org"}"#),
            [401, 403, 403, 404],
        ),
        ("/api/invitation_history", Some(r#"{"id":999}"#), [401, 403, 403, 404]),
        ("/api/resend_invitation", Some(r#"{"id":999}"#), [401, 403, 403, 404]),
        ("/api/revoke_invitation", Some(r#"{"id":999}"#), [401, 403, 403, 404]),
        ("/api/deactivate_account", Some(r#"{"id":999}"#), [401, 403, 403, 404]),
        ("/api/reactivate_account", Some(r#"{"id":999}"#), [401, 403, 403, 404]),
        ("/api/start_bulk_invite", Some(r#"{"rows":[]}"#), [401, 403, 403, 422]),
        ("/api/bulk_invite_job", Some(r#"{"id":999}"#), [401, 403, 403, 404]),
        ("/api/current_bulk_invite", None, ADMIN),
        ("/api/dev_mailbox", None, ADMIN),
        ("/api/my_expiry_digest", None, ADMIN),
        // No message 999: the answer says so (`None`), and the page turns that into a 404.
        ("/api/dev_mail", Some(r#"{"id":999}"#), ADMIN),
        ("/api/my_sign_in_ways", None, SIGNED_IN),
        ("/api/add_passkey_begin", None, SIGNED_IN),
        // Last: it moves each account's sessions on, and the caller's to a fresh id.
        ("/api/sign_out_elsewhere", None, SIGNED_IN),
    ];
    // Form-encoded, as the account page's forms post them: (path, body, expected).
    let form_fns: &[(&str, &str, [u16; 4])] = &[
        // No ceremony in progress.
        ("/api/add_passkey_finish", "credential=x", [401, 400, 400, 400]),
        ("/api/rename_passkey", "id=999&name=Phone", [401, 404, 404, 404]),
        ("/api/remove_passkey", "id=999", [401, 404, 404, 404]),
        ("/api/set_password", "current=wrong&new_password=x", [401, 422, 422, 422]),
        // Not a shipped language: refused, and nothing changes.
        ("/api/set_my_language", "language=xx", [401, 422, 422, 422]),
        // Saved: a form posted without the page's script goes back to its page.
        ("/api/set_my_expiry_digest", "on=true", [401, 403, 403, 302]),
        ("/api/send_sign_in_link", "id=999", [401, 403, 403, 404]),
        // This site offers no school accounts (tests/api/school_accounts.rs has one that does).
        ("/api/unlink_school_account", "", [401, 404, 404, 404]),
    ];
    // Open to anyone by design, each guarded by its link or credentials and rate-limited;
    // exercised in their own tests (sign-in above, the setup page in setup_http.rs).
    let entry_points = [
        "/api/sign_in",
        "/api/sign_out",
        "/api/invitation_link",
        "/api/invitation_opened",
        "/api/accept_invitation",
        "/api/check_username",
        "/api/request_new_link",
        "/api/passkeys_offered",
        "/api/passkey_setup_begin",
        "/api/passkey_setup_finish",
        "/api/sign_in/passkey_begin",
        "/api/sign_in/passkey",
        "/api/request_sign_in_link",
        "/api/sign_in_link",
        "/api/recover_with_password",
        "/api/recover_passkey_begin",
        "/api/recover_passkey_finish",
        "/api/school_sign_in_offered",
        "/api/accept_with_school_account",
    ];

    let listed: Vec<&str> = server_fns
        .iter()
        .map(|(p, _, _)| *p)
        .chain(form_fns.iter().map(|(p, _, _)| *p))
        .chain(entry_points)
        .collect();
    for (path, _) in leptos::server_fn::axum::server_fn_paths() {
        assert!(
            listed.contains(&path),
            "server function {path} is missing from the authorization matrix"
        );
    }

    let db = TestDb::sqlite();
    let app = app(&db, &[]).await;
    app.user("admin.staff", Role::AdminStaff).await;
    app.user("tess", Role::Teacher).await;
    app.user("robin", Role::SuperAdmin).await;
    let people = [
        (Who::Anonymous, None),
        (Who::As(Role::Teacher), Some(app.sign_in("tess").await)),
        (Who::As(Role::AdminStaff), Some(app.sign_in("admin.staff").await)),
        (Who::As(Role::SuperAdmin), Some(app.sign_in("robin").await)),
    ];
    for (i, (who, cookie)) in people.iter().enumerate() {
        let name = match who {
            Who::Anonymous => "anonymous".to_owned(),
            Who::As(role) => role.label().to_owned(),
        };
        for (path, expected) in pages {
            let status = app.get(path, cookie.as_deref()).await.status().as_u16();
            assert_eq!(status, expected[i], "{name} GET {path}");
        }
        // Before the others, which end with "sign out everywhere else".
        for (path, body, expected) in form_fns {
            let response = app.post_form(path, body, cookie.as_deref(), Some(ORIGIN)).await;
            assert_eq!(response.status().as_u16(), expected[i], "{name} POST {path}");
        }
        for (path, json, expected) in server_fns {
            let response = match json {
                Some(body) => app.post_json(path, body, cookie.as_deref()).await,
                None => app.call(path, cookie.as_deref()).await,
            };
            assert_eq!(response.status().as_u16(), expected[i], "{name} POST {path}");
        }
    }
}
