//! The HTTP application, called in-process through its router.

use axum::{
    Router,
    body::Body,
    http::{Request, StatusCode, header},
};
use http_body_util::BodyExt;
use staff_onboarding::server::state::AppState;
use tower::ServiceExt;

use crate::helpers::TestDb;

async fn app(db: &TestDb) -> (Router, AppState, crate::auth_http::App) {
    let app = crate::auth_http::app(db, &[]).await;
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
    assert!(html.contains("/pkg/staff-onboarding.js"), "the hydration script is linked: {html}");
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_requests_get_400_and_a_sentence_never_500() {
    use staff_onboarding::domain::Role;

    let db = TestDb::sqlite();
    let (_, _, app) = app(&db).await;
    app.user("robin", Role::SuperAdmin).await;
    let cookie = app.sign_in("robin").await;
    let json = "application/json";
    let form = "application/x-www-form-urlencoded";
    let cases: &[(&str, &str, &[u8], bool)] = &[
        ("/api/check_invite_email", json, b"{\"email\": ", true),
        ("/api/check_invite_email", json, b"not json at all", true),
        ("/api/create_invitation", json, b"{\"email\":\"a@school.org\"}", true),
        ("/api/create_invitation", json, b"{\"email\":\"a@school.org\",\"role\":7}", true),
        ("/api/accept_invitation", form, b"token=abc", false),
        ("/api/accept_invitation", form, b"token=a\xff\x00b&full_name=x", false),
        ("/api/sign_in", form, b"login=robin", false),
        ("/api/request_new_link", form, b"", false),
        ("/api/check_username", form, b"username=x", false),
    ];
    for (path, content_type, body, signed_in) in cases {
        let mut request = Request::post(*path)
            .header(header::CONTENT_TYPE, *content_type)
            .header(header::ORIGIN, crate::auth_http::ORIGIN);
        if *signed_in {
            request = request.header(header::COOKIE, cookie.as_str());
        }
        let response = app.send(request.body(Body::from(body.to_vec())).unwrap()).await;
        let status = response.status();
        let text = body_text(response).await;
        let shown = String::from_utf8_lossy(body);
        assert_eq!(status, StatusCode::BAD_REQUEST, "{path} {shown:?}: {text}");
        assert!(text.contains("could not be read"), "{path} {shown:?}: a sentence, not {text}");
    }
}
