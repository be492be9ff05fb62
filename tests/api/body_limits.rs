//! Bodies are bounded before anyone is known: the bulk invite's large bodies only for a
//! signed-in Super-Admin, 64 KiB for everyone else, and every body within a read timeout.
//! 2,000 idle anonymous uploads of 512 KiB to the bulk endpoints once held about 1 GB. A full
//! bulk invite (1,000 rows of the longest addresses) fits.

use std::convert::Infallible;

use axum::{
    body::{Body, Bytes},
    http::{Request, StatusCode, header},
};
use staff_onboarding::{domain::Role, server::auth::security::BODY_READ_TIMEOUT};

use crate::support::db::TestDb;
use crate::support::http::{ORIGIN, app, text};

/// A bulk invite's JSON of `rows` rows, about 100 bytes each.
fn bulk_body(rows: usize) -> String {
    let rows: Vec<String> = (1..=rows)
        .map(|i| {
            format!(
                r#"{{"line":{i},"email":"teacher.number.{i}@staff.example.org","role":"teacher"}}"#
            )
        })
        .collect();
    format!(r#"{{"rows":[{}]}}"#, rows.join(","))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_a_signed_in_super_admin_may_send_a_large_body() {
    let db = TestDb::sqlite();
    let app = app(&db, &[]).await;
    app.user("robin", Role::SuperAdmin).await;
    app.user("tess", Role::Teacher).await;
    let (admin, teacher) = (app.sign_in("robin").await, app.sign_in("tess").await);
    let body = bulk_body(1_000);
    assert!(body.len() > 64 * 1024, "{} bytes", body.len());
    for path in ["/api/start_bulk_invite", "/api/check_invite_emails"] {
        let anonymous = app.post_json(path, &body, None).await;
        assert_eq!(anonymous.status(), StatusCode::PAYLOAD_TOO_LARGE, "anonymous {path}");
        let staff = app.post_json(path, &body, Some(&teacher)).await;
        assert_eq!(staff.status(), StatusCode::PAYLOAD_TOO_LARGE, "a Teacher {path}");
    }
    let admin = app.post_json("/api/start_bulk_invite", &body, Some(&admin)).await;
    assert_eq!(admin.status(), StatusCode::OK);
}

/// A client that opens an upload and never finishes it is answered 408 once the read
/// timeout passes, and holds nothing after.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_that_never_arrives_is_cut_off() {
    let db = TestDb::sqlite();
    let app = app(&db, &[]).await;
    let first = futures::stream::once(async { Ok::<_, Infallible>(Bytes::from("login=robin&")) });
    let trickle = futures::StreamExt::chain(first, futures::stream::pending());
    let request = Request::post("/api/sign_in")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ORIGIN, ORIGIN)
        .body(Body::from_stream(trickle))
        .unwrap();
    let response = app.send(request).await;
    assert_eq!(response.status(), StatusCode::REQUEST_TIMEOUT, "after {BODY_READ_TIMEOUT:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversized_bodies_get_413() {
    let db = TestDb::sqlite();
    let app = app(&db, &[]).await;
    let huge = format!("login={}&password=x", "a".repeat(70 * 1024));
    // Without a Content-Length (a streamed body) …
    let response = app.post_form("/api/sign_in", &huge, None, Some(ORIGIN)).await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    // … and with one.
    let request = Request::post("/api/sign_in")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::CONTENT_LENGTH, huge.len())
        .body(Body::from(huge))
        .unwrap();
    assert_eq!(app.send(request).await.status(), StatusCode::PAYLOAD_TOO_LARGE);
    // A body just under the limit is read as usual.
    let fits = format!("login={}&password=x", "a".repeat(60 * 1024));
    let response = app.post_form("/api/sign_in", &fits, None, Some(ORIGIN)).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}

/// A full bulk invite (1,000 rows of the longest addresses) fits its calls' larger limit;
/// more than that is still refused, and other calls keep the small one.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_bulk_invite_fits_its_body_limit() {
    let db = TestDb::sqlite();
    let app = app(&db, &[]).await;
    app.user("robin", Role::SuperAdmin).await;
    let cookie = app.sign_in("robin").await;
    // 1,000 distinct addresses of 254 characters: the longest an address may be.
    let rows: Vec<serde_json::Value> = (0..1000)
        .map(|i| {
            let local = format!("{i:04}{}", "a".repeat(60));
            let domain =
                format!("{}.{}.{}.school.org", "b".repeat(60), "c".repeat(60), "d".repeat(56));
            let email = format!("{local}@{domain}");
            assert_eq!(email.len(), 254);
            serde_json::json!({ "line": i + 1, "email": email, "role": "admin_staff" })
        })
        .collect();
    let body = serde_json::json!({ "rows": rows }).to_string();
    assert!(body.len() > 256 * 1024, "{} bytes", body.len());
    let response = app.post_json("/api/start_bulk_invite", &body, Some(&cookie)).await;
    assert_eq!(response.status(), StatusCode::OK, "{}", text(response).await);
    let emails: Vec<&serde_json::Value> = rows.iter().map(|r| &r["email"]).collect();
    let checks = serde_json::json!({ "emails": emails }).to_string();
    let response = app.post_json("/api/check_invite_emails", &checks, Some(&cookie)).await;
    assert_eq!(response.status(), StatusCode::OK);

    let beyond = format!(r#"{{"rows":[],"x":"{}"}}"#, "a".repeat(600 * 1024));
    let response = app.post_json("/api/start_bulk_invite", &beyond, Some(&cookie)).await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let response = app.post_json("/api/create_invitation", &body, Some(&cookie)).await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE, "other calls: 64 KiB");
}
