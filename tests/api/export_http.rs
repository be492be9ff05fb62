//! The Invites list as a CSV download: the page's filter, every row (streamed over several
//! pages), times on the school's clocks, and cells a spreadsheet would run as formulas made
//! plain text.

use axum::http::{StatusCode, header};
use staff_onboarding::domain::Role;
use staff_onboarding::server::store::Actor;

use crate::support::db::TestDb;
use crate::support::http::{app, text};

const HOSTILE_NAME: &str = "=HYPERLINK(\"http://evil.example\",\"Click\")";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_csv_export_holds_every_filtered_row_with_formulas_made_text() {
    let db = TestDb::sqlite();
    let app = app(&db, &[("SCHOOL_TIMEZONE", "Asia/Kolkata")]).await;
    app.user_named("robin", Role::SuperAdmin, HOSTILE_NAME).await;
    let cookie = app.sign_in("robin").await;
    let robin = app.state.store.find_user_by_login("robin").await.unwrap().unwrap();
    let as_robin = Actor::user(&robin);
    // More than two pages of the listing (200 a page).
    for n in 0..430 {
        let email = format!("teacher{n:03}@school.org");
        app.state.invitations.invite(&Actor::system(), &email, "Teacher").await.unwrap();
    }
    let invitations = &app.state.invitations;
    invitations.invite(&as_robin, "-cmd@school.org", "Admin Staff").await.unwrap();

    let response = app.get("/modules/staff/invites.csv?sort=sent_asc", Some(&cookie)).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::CONTENT_TYPE], "text/csv; charset=utf-8");
    let disposition = response.headers()[header::CONTENT_DISPOSITION].to_str().unwrap();
    assert!(disposition.starts_with("attachment; filename=\"invitations-20"), "{disposition}");
    let body = text(response).await;
    let body = body.strip_prefix('\u{feff}').expect("a byte-order mark for Excel");
    let lines: Vec<&str> = body.split_terminator("\r\n").collect();
    assert_eq!(lines[0], "email,role,status,invited by,sent,expires,resends,delivery,accepted at");
    assert_eq!(lines.len(), 1 + 431, "every invitation, once");
    assert!(
        lines[1].starts_with("teacher000@school.org,Teacher,Pending,System,20"),
        "{}",
        lines[1]
    );
    assert!(lines[1].contains(" IST,") && !body.contains("UTC"), "the school's time: {}", lines[1]);
    assert!(lines[1].ends_with(",0 of 3,Queued,"), "{}", lines[1]);

    // The hostile cells, as a spreadsheet must read them: text, never a formula.
    let last = lines[431];
    assert!(last.starts_with("'-cmd@school.org,Admin Staff,Pending,"), "{last}");
    assert!(
        last.contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Click\"\")\","),
        "{last}"
    );
    for line in &lines[1..] {
        for cell in line.split(',') {
            assert!(!cell.starts_with(['=', '+', '-', '@']), "a formula in {line}");
        }
    }

    // The page's filter: by role, by search text, by status.
    let only = |query: &'static str| {
        let app = &app;
        let cookie = cookie.clone();
        async move {
            let body =
                text(app.get(&format!("/modules/staff/invites.csv?{query}"), Some(&cookie)).await)
                    .await;
            body.split_terminator("\r\n").count() - 1
        }
    };
    assert_eq!(only("role=admin_staff").await, 1);
    assert_eq!(only("q=teacher01").await, 10);
    assert_eq!(only("q=TEACHER42%39").await, 1, "ignoring case, percent-encoded");
    assert_eq!(only("status=revoked").await, 0);
    // Every link here has its whole 24 hours ahead: none is about to run out.
    assert_eq!(only("expiring_soon=true").await, 0);
    assert_eq!(only("expiring_soon=false").await, 431);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broken_export_link_gets_a_sentence() {
    let db = TestDb::sqlite();
    let app = app(&db, &[]).await;
    app.user("robin", Role::SuperAdmin).await;
    let cookie = app.sign_in("robin").await;
    for query in ["status=bogus", "role=principal", "sort=sideways", "status=%FF"] {
        let response = app.get(&format!("/modules/staff/invites.csv?{query}"), Some(&cookie)).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{query}");
        assert_eq!(
            text(response).await,
            "That download link is not valid. Use Download CSV on the Invites page again."
        );
    }
}

/// Browsers ask for compression: the streamed file must come through it whole.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_export_streams_through_compression() {
    use axum::body::Body;
    use http_body_util::BodyExt;
    let db = TestDb::sqlite();
    let app = app(&db, &[]).await;
    app.user("robin", Role::SuperAdmin).await;
    let cookie = app.sign_in("robin").await;
    crate::support::http::invite(&app, "kim@school.org").await;
    let request = axum::http::Request::get("/modules/staff/invites.csv")
        .header(header::COOKIE, &cookie)
        .header(header::ACCEPT_ENCODING, "gzip")
        .body(Body::empty())
        .unwrap();
    let response = app.send(request).await;
    assert_eq!(response.status(), StatusCode::OK);
    let encoding = response.headers().get(header::CONTENT_ENCODING).cloned();
    let body = response.into_body().collect().await;
    assert!(body.is_ok(), "the body arrives whole ({encoding:?}): {:?}", body.err());
}
