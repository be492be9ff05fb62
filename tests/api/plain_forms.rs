//! A browser's own form post, as the light pages send one without their script: it comes back
//! to the page it was on (post/redirect/get), a refusal with its sentence in the address
//! (which the page shows) and a change that went through saying so (`?done=…`). A client
//! that names no page (no Referer) gets the refusal's status, as before.

use axum::{
    body::Body,
    http::{Request, StatusCode, header},
};
use staff_onboarding::domain::Role;

use crate::support::db::TestDb;
use crate::support::http::{App, ORIGIN, PASSWORD, app, session_cookie, text};

/// A form post as a browser sends it from `page` (its Referer), or from a page that sends
/// none.
async fn post(
    app: &App,
    path: &str,
    body: &str,
    cookie: Option<&str>,
    page: Option<&str>,
) -> axum::response::Response {
    let mut request = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html")
        .header(header::ORIGIN, ORIGIN);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    if let Some(page) = page {
        request = request.header(header::REFERER, format!("{ORIGIN}{page}"));
    }
    app.send(request.body(Body::from(body.to_owned())).unwrap()).await
}

fn location(response: &axum::response::Response) -> String {
    response.headers()[header::LOCATION].to_str().unwrap().to_owned()
}

/// The path and query of `location`, as the browser asks for it next.
fn on_site(location: &str) -> &str {
    location.strip_prefix(ORIGIN).unwrap_or(location)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_sign_in_comes_back_to_its_page_saying_why() {
    let db = TestDb::sqlite();
    let app = app(&db, &[]).await;
    app.user("tess", Role::Teacher).await;
    let wrong = "login=tess&password=not+the+password+at+all";

    let response = post(&app, "/api/sign_in", wrong, None, Some("/login?next=%2Faccount")).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    let back = location(&response);
    assert!(back.starts_with(&format!("{ORIGIN}/login?next=%2Faccount&__path=")), "{back}");
    let page = text(app.get(on_site(&back), None).await).await;
    assert!(page.contains("role=\"alert\""), "{page}");
    assert!(page.contains("don&#x27;t match") || page.contains("don't match"), "{page}");
    assert!(page.contains("name=\"next\" value=\"/account\""), "next is kept: {page}");

    // Without a page to go back to, the status.
    let response = post(&app, "/api/sign_in", wrong, None, None).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_on_the_account_page_comes_back_saying_what_it_did() {
    let db = TestDb::sqlite();
    let app = app(&db, &[]).await;
    app.user("tess", Role::Teacher).await;
    let cookie = app.sign_in("tess").await;
    let new = "amber+fox+quiet+lantern";

    let refused = format!("current=not+it+at+all&new_password={new}");
    let response = post(&app, "/api/set_password", &refused, Some(&cookie), Some("/account")).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    let page = text(app.get(on_site(&location(&response)), Some(&cookie)).await).await;
    assert!(page.contains("current password isn"), "{page}");
    assert!(!page.contains("Your password is saved"), "{page}");

    let body = format!("current={}&new_password={new}", PASSWORD.replace(' ', "+"));
    let response = post(&app, "/api/set_password", &body, Some(&cookie), Some("/account")).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(location(&response), "/account?done=account-password-saved");
    // This browser stays signed in, on a fresh session id.
    let cookie = session_cookie(response.headers()).expect("a renewed session");
    let page = text(app.get("/account?done=account-password-saved", Some(&cookie)).await).await;
    assert!(page.contains("Your password is saved"), "{page}");

    // Only the listed notices are said, and none beside a refusal.
    let page = text(app.get("/account?done=account-title", Some(&cookie)).await).await;
    assert!(!page.contains("role=\"status\""), "{page}");
}

/// A sign-in link's page sends no Referer (its address holds the link's secret): its
/// password form's refusal goes back to it by name.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sign_in_links_refusal_goes_back_to_its_page() {
    let db = TestDb::sqlite();
    let app = app(&db, &[]).await;
    let token = "A".repeat(43);
    let body = format!("token={token}&new_password=amber+fox+quiet+lantern");
    let response = post(&app, "/api/recover_with_password", &body, None, None).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    let back = location(&response);
    assert!(back.starts_with(&format!("/sign-in/{token}?__path=")), "{back}");
    // A made-up secret can't send the browser anywhere else.
    let body = "token=..%2F..%2F%2Fevil.example%2Fx&new_password=amber+fox+quiet+lantern";
    let response = post(&app, "/api/recover_with_password", body, None, None).await;
    let back = response.headers().get(header::LOCATION).map(|l| l.to_str().unwrap().to_owned());
    assert!(
        back.as_deref().is_none_or(|back| back.starts_with('/') && !back.starts_with("//")),
        "{back:?}"
    );
    assert!(response.status().is_client_error() || response.status().is_redirection());
}
