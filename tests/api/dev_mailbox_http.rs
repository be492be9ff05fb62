//! The dev mailbox over HTTP: every message with its working link, for Super-Admins, and only
//! when no SMTP server is configured.

use axum::http::StatusCode;
use staff_onboarding::domain::Role;

use crate::support::{db::TestDb, http::*};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dev_mailbox_shows_each_message_with_its_link() {
    use staff_onboarding::server::{
        mail::sender::{OutboxConfig, OutboxSender},
        startup::transport,
        store::Actor,
    };
    let db = TestDb::sqlite();
    let app = app(&db, &[("SCHOOL_NAME", "Greenwood <High>")]).await;
    app.user("robin", Role::SuperAdmin).await;
    let cookie = app.sign_in("robin").await;
    let state = &app.state;
    state.invitations.invite(&Actor::system(), "sam@school.org", "Teacher").await.unwrap();
    let sender = OutboxSender::new(
        state.store.clone(),
        transport(state).unwrap(),
        state.clock.clone(),
        OutboxConfig::default(),
        state.settings.school(),
        state.sealer.clone(),
        state.outbox_wake.clone(),
    );
    assert_eq!(sender.drain_all().await.unwrap(), 1);

    let list = app.get("/dev/mailbox", Some(&cookie)).await;
    assert_eq!(list.status(), StatusCode::OK);
    let html = text(list).await;
    assert!(shown(&html).contains("sam@school.org"), "{html}");
    assert!(html.contains("You're invited to join Greenwood &lt;High&gt; as a Teacher"), "{html}");
    assert!(!html.contains("<High>"), "escaped in the page and in its serialized data: {html}");

    let mail = state.store.list_dev_mail(1).await.unwrap().remove(0);
    let shown = text(app.get(&format!("/dev/mailbox/{}", mail.id), Some(&cookie)).await).await;
    let opened = staff_onboarding::server::mail::dev_mailbox::open(&state.sealer, &mail);
    let opened = opened.unwrap().unwrap();
    let link = opened.text.lines().find(|l| l.contains("/invite/")).unwrap().trim();
    // Loaded afresh, as from a mail client: the invite page runs its own script, not the app's.
    assert!(
        shown.contains(&format!("<a href=\"{link}\" rel=\"external\">")),
        "the link is clickable: {shown}"
    );
    let token = link.rsplit_once("/invite/").unwrap().1;
    assert!(matches!(
        state.invitations.inspect(token).await.unwrap(),
        staff_onboarding::domain::LinkState::Valid { .. }
    ));
    let part = app.get(&format!("/dev/mailbox/{}/html", mail.id), Some(&cookie)).await;
    assert_eq!(part.status(), StatusCode::OK);
    assert!(text(part).await.contains("Set up your account"));
    assert_eq!(app.get("/dev/mailbox/999999", Some(&cookie)).await.status(), StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dev_mailbox_does_not_exist_when_smtp_is_configured() {
    let db = TestDb::sqlite();
    let app = app(&db, &[("SMTP_URL", "smtp://127.0.0.1:2525"), ("MAIL_FROM", "a@b.org")]).await;
    app.user("robin", Role::SuperAdmin).await;
    let cookie = app.sign_in("robin").await;
    assert_eq!(app.get("/dev/mailbox", Some(&cookie)).await.status(), StatusCode::NOT_FOUND);
}
