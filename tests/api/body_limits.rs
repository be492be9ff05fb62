//! Bodies are bounded before anyone is known: the bulk invite's large bodies only for a
//! signed-in Super-Admin, 64 KiB for everyone else, and every body within a read timeout.
//! 2,000 idle anonymous uploads of 512 KiB to the bulk endpoints once held about 1 GB.

use std::convert::Infallible;

use axum::{
    body::{Body, Bytes},
    http::{Request, StatusCode, header},
};
use staff_onboarding::{domain::Role, server::auth::security::BODY_READ_TIMEOUT};

use crate::support::db::TestDb;
use crate::support::http::{ORIGIN, app};

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
