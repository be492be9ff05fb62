//! What a newcomer meets first: the header's way to the dashboard and the dev mailbox, and an
//! empty Invites page that invites the first invitation.

use axum::http::StatusCode;
use staff_onboarding::domain::Role;

use crate::support::db::TestDb;
use crate::support::http::{app, invite, shown, text};

/// The signed-in account as the header reads it (`current_user`'s JSON).
async fn current_user(app: &crate::support::http::App, cookie: &str) -> serde_json::Value {
    let response = app.call("/api/current_user", Some(cookie)).await;
    assert_eq!(response.status(), StatusCode::OK);
    serde_json::from_str(&text(response).await).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_header_links_super_admins_to_the_dev_mailbox_only_when_it_is_on() {
    let db = TestDb::sqlite();
    let app = app(&db, &[]).await;
    app.user("robin", Role::SuperAdmin).await;
    app.user("tess", Role::Teacher).await;
    let (robin, tess) = (app.sign_in("robin").await, app.sign_in("tess").await);
    assert_eq!(current_user(&app, &robin).await["dev_mailbox"], true);
    assert_eq!(current_user(&app, &tess).await["dev_mailbox"], false);
    drop(app);

    let smtp = [("SMTP_URL", "smtp://127.0.0.1:2525"), ("MAIL_FROM", "School <s@school.org>")];
    let app = crate::support::http::app(&db, &smtp).await;
    let robin = app.sign_in("robin").await;
    assert_eq!(current_user(&app, &robin).await["dev_mailbox"], false, "SMTP is configured");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_empty_invites_page_invites_the_first_invitation() {
    let db = TestDb::sqlite();
    let app = app(&db, &[]).await;
    app.user("robin", Role::SuperAdmin).await;
    let robin = app.sign_in("robin").await;
    let page = shown(&text(app.get("/modules/staff/invites", Some(&robin)).await).await);
    assert!(page.contains("No one has been invited yet"), "{page}");
    assert!(page.contains("Invite your first member of staff"));

    invite(&app, "sam@school.org").await;
    let page = shown(&text(app.get("/modules/staff/invites", Some(&robin)).await).await);
    assert!(!page.contains("No one has been invited yet"));
}
