//! The HTTP application, called in-process through its router.

use axum::{
    Router,
    body::Body,
    http::{Request, StatusCode, header},
};
use http_body_util::BodyExt;
use staff_onboarding::server::state::AppState;
use tower::ServiceExt;

use crate::support::db::TestDb;

async fn app(db: &TestDb) -> (Router, AppState, crate::support::http::App) {
    let app = crate::support::http::app(db, &[]).await;
    (app.router.clone(), app.state.clone(), app)
}

async fn get(app: &Router, path: &str, headers: &[(&str, &str)]) -> axum::response::Response {
    let mut request = Request::get(path);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    app.clone().oneshot(request.body(Body::empty()).unwrap()).await.unwrap()
}

async fn body_text(response: axum::response::Response) -> String {
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn healthz_is_200_while_the_database_answers() {
    let db = TestDb::sqlite();
    let (app, _, _serial) = app(&db).await;
    let response = get(&app, "/healthz", &[]).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::CONTENT_TYPE], "application/json");
    let body: serde_json::Value = serde_json::from_str(&body_text(response).await).unwrap();
    assert_eq!(body, serde_json::json!({ "status": "ok", "database": "sqlite" }));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn healthz_is_503_when_the_database_is_gone() {
    let db = TestDb::sqlite();
    let (app, state, _serial) = app(&db).await;
    state.store.close().await;
    let response = get(&app, "/healthz", &[]).await;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    let body: serde_json::Value = serde_json::from_str(&body_text(response).await).unwrap();
    assert_eq!(body["status"], "unavailable");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn home_page_is_rendered_on_the_server() {
    let db = TestDb::sqlite();
    let (app, _, _serial) = app(&db).await;
    let response = get(&app, "/", &[]).await;
    assert_eq!(response.status(), StatusCode::OK);
    let html = body_text(response).await;
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.contains("<h1>Staff onboarding</h1>"), "{html}");
    assert!(html.contains("aria-pressed=\"false\""), "the theme switch is in the HTML: {html}");
    // A light page: the light pages' script, never the dashboard's app.
    assert!(html.contains("import('/light-pages/page.js')"), "the light script is linked: {html}");
    assert!(!html.contains("/pkg/staff-onboarding.js"), "the app is not: {html}");
}

/// Only the Super-Admin's dashboard hydrates the app; every other page, whoever asks, gets
/// the light pages' script and none of the app's words.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_dashboard_loads_the_app() {
    use staff_onboarding::domain::Role;
    let db = TestDb::sqlite();
    let (router, _, app) = app(&db).await;
    app.user("tess", Role::Teacher).await;
    app.user("robin", Role::SuperAdmin).await;
    let (tess, robin) = (app.sign_in("tess").await, app.sign_in("robin").await);
    let cookie = |c: &str| [("cookie", c.to_owned())];
    let pages = [
        ("/", None),
        ("/login", None),
        ("/login/forgot", None),
        ("/sign-in/not-a-link", None),
        ("/no/such/page", None),
        ("/account", Some(&tess)),
        ("/account", Some(&robin)),
    ];
    for (path, who) in pages {
        let headers = who.map(|c| cookie(c));
        let headers: Vec<(&str, &str)> =
            headers.iter().flatten().map(|(k, v)| (*k, v.as_str())).collect();
        let html = body_text(get(&router, path, &headers).await).await;
        assert!(html.contains("import('/light-pages/page.js')"), "{path}: {html}");
        assert!(!html.contains("/pkg/staff-onboarding.js"), "{path}: {html}");
        assert!(!html.contains("id=\"app-words\""), "{path}: {html}");
    }
    for path in ["/modules/staff/invites", "/modules/staff/members", "/dev/mailbox"] {
        let response = get(&router, path, &[("cookie", robin.as_str())]).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        let html = body_text(response).await;
        assert!(html.contains("/pkg/staff-onboarding.js"), "{path}: {html}");
        assert!(!html.contains("/light-pages/page.js"), "{path}: {html}");
        // The app is fetched after the page's load event, with no preload hint that would
        // start it beside the HTML and CSS.
        assert!(
            html.contains(
                "addEventListener('load', function () { import('/pkg/staff-onboarding.js')"
            ),
            "{path}: {html}"
        );
        assert!(!html.contains("preload"), "{path}: {html}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_paths_get_a_404_page() {
    let db = TestDb::sqlite();
    let (app, _, _serial) = app(&db).await;
    let response = get(&app, "/no/such/page", &[]).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert!(body_text(response).await.contains("Page not found"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn responses_are_compressed_with_brotli_or_gzip() {
    let db = TestDb::sqlite();
    let (app, _, _serial) = app(&db).await;
    for (accept, expected) in [("br", "br"), ("gzip", "gzip"), ("br, gzip", "br")] {
        let response = get(&app, "/", &[("accept-encoding", accept)]).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()[header::CONTENT_ENCODING], expected, "for {accept}");
    }
    let plain = get(&app, "/", &[]).await;
    assert!(plain.headers().get(header::CONTENT_ENCODING).is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_response_carries_a_request_id() {
    let db = TestDb::sqlite();
    let (app, _, _serial) = app(&db).await;
    let response = get(&app, "/healthz", &[]).await;
    let id = response.headers()["x-request-id"].to_str().unwrap();
    assert_eq!(id.len(), 36, "a UUID: {id}");

    let echoed = get(&app, "/healthz", &[("x-request-id", "abc-123")]).await;
    assert_eq!(echoed.headers()["x-request-id"], "abc-123");
}

/// Well-formed requests with hostile values (huge fields, NUL bytes, control characters, SQL,
/// markup): each gets a 4xx with a sentence, never a 500. The figures in the README's
/// Reliability section come from this table.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_values_get_a_4xx_and_a_sentence_never_500() {
    use staff_onboarding::domain::Role;

    let db = TestDb::sqlite();
    let (_, state, app) = app(&db).await;
    app.user("robin", Role::SuperAdmin).await;
    let cookie = app.sign_in("robin").await;
    let (_, token) = crate::support::http::invite(&app, "sam@school.org").await;
    let huge = "a".repeat(60_000);
    let setup = |name: &str, phone: &str, username: &str| {
        format!(
            "token={token}&full_name={name}&phone={phone}&username={username}&password=violet+tram+orbit+kettle"
        )
    };
    let json_cases: Vec<(&str, String)> = vec![
        ("/api/create_invitation", format!(r#"{{"email":"{huge}@school.org","role":"Teacher"}}"#)),
        ("/api/create_invitation", r#"{"email":"a\u0000b@school.org","role":"Teacher"}"#.into()),
        (
            "/api/create_invitation",
            r#"{"email":"sam@school.org\r\nBcc: all@school.org","role":"Teacher"}"#.into(),
        ),
        ("/api/create_invitation", r#"{"email":"' OR 1=1 --@school.org","role":"Teacher"}"#.into()),
        ("/api/create_invitation", r#"{"email":"<script>@school.org","role":"Teacher"}"#.into()),
        ("/api/create_invitation", format!(r#"{{"email":"x@school.org","role":"{huge}"}}"#)),
        ("/api/invitation_history", r#"{"id":-1}"#.into()),
        ("/api/resend_invitation", r#"{"id":9223372036854775807}"#.into()),
    ];
    let form_cases: Vec<(&str, String)> = vec![
        ("/api/accept_invitation", setup(&huge, "%2B447700900123", "sam.r")),
        ("/api/accept_invitation", setup("Sam%00Rivera", "%2B447700900123", "sam.r")),
        ("/api/accept_invitation", setup("Sam", &huge, "sam.r")),
        ("/api/accept_invitation", setup("Sam", "%2B447700900123", &huge)),
        ("/api/accept_invitation", setup("Sam", "%2B447700900123", "sam%00r")),
        (
            "/api/accept_invitation",
            format!("token={huge}&full_name=Sam&phone=1&username=s&password=p"),
        ),
        ("/api/sign_in", format!("login={huge}&password={huge}")),
    ];
    let mut table = Vec::new();
    for (path, body, content_type) in json_cases
        .iter()
        .map(|(p, b)| (*p, b.clone(), "application/json"))
        .chain(form_cases.iter().map(|(p, b)| (*p, b.clone(), "application/x-www-form-urlencoded")))
    {
        let request = Request::post(path)
            .header(header::CONTENT_TYPE, content_type)
            .header(header::ORIGIN, crate::support::http::ORIGIN)
            .header(header::COOKIE, cookie.as_str())
            .body(Body::from(body.clone()))
            .unwrap();
        let response = app.send(request).await;
        let status = response.status();
        let text = body_text(response).await;
        let shown: String = body.chars().take(70).collect();
        assert!(status.is_client_error(), "{path} {shown:?}: {status} {text}");
        assert!(
            text.len() < 2_000 && text.chars().any(char::is_alphabetic),
            "{path}: a sentence: {text}"
        );
        assert!(!text.to_lowercase().contains("sqlx") && !text.contains("SQLITE"), "{text}");
        table.push(format!("{status} {path} {shown}"));
    }
    // The live email check answers a verdict, not an error.
    let check = Request::post("/api/check_invite_email")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::ORIGIN, crate::support::http::ORIGIN)
        .header(header::COOKIE, cookie.as_str())
        .body(Body::from(format!(r#"{{"email":"{huge}"}}"#)))
        .unwrap();
    let response = app.send(check).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        body_text(response)
            .await
            .contains(r#"{"id":"email-too-long","args":[["max",{"Number":254}]]}"#)
    );
    table.push("200 /api/check_invite_email (60 KB address): the verdict Invalid".into());
    let response =
        app.call_form("/api/check_username", &format!("token={token}&username={huge}")).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        body_text(response)
            .await
            .contains(r#"{"id":"username-too-long","args":[["max",{"Number":32}]]}"#)
    );
    table.push("200 /api/check_username (60 KB username): the verdict Invalid".into());
    println!("{}", table.join("\n"));
    assert_eq!(state.invitations.counts().await.unwrap().all, 1, "nothing was created");
    assert!(!state.store.username_taken("sam.r").await.unwrap(), "no account either");
}
