//! What the database holds at rest while the server runs: no working link in the raw SQLite
//! files or a `pg_dump` at any step of a message's life, dev-mailbox bodies only while their
//! invitation is Pending, and a safe, working preview of a message's HTML.

use std::{sync::Arc, time::Duration};

use axum::http::{StatusCode, header};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use staff_onboarding::{
    domain::Role,
    server::{
        clock::Clock,
        mail::{
            MailTransport,
            dev_mailbox::DevMailbox,
            sender::{OutboxConfig, OutboxSender},
            smtp::SmtpMailer,
        },
        secrets::Sealer,
        store::{Actor, Store},
    },
};

use crate::support::db::{TestDb, for_each_backend};
use crate::support::http::invite;
use crate::support::http::{App, app, text};
use crate::support::service::{DAY, Harness, form};
use crate::support::smtp_sink::{Behaviour, SmtpSink};
use staff_onboarding::server::school::School;

for_each_backend!(dev_mailbox_bodies_last_only_while_their_invitation_is_pending);

/// What a copy of the database gives, taken while the server runs: the raw SQLite files
/// (database, write-ahead log and shared memory, nothing checkpointed), or a `pg_dump`.
pub(crate) async fn database_copy(db: &TestDb) -> Vec<u8> {
    match &db.url {
        staff_onboarding::server::config::DatabaseUrl::Sqlite { path, .. } => {
            let mut bytes = Vec::new();
            for suffix in ["", "-wal", "-shm"] {
                if let Ok(part) = std::fs::read(format!("{}{suffix}", path.display())) {
                    bytes.extend(part);
                }
            }
            bytes
        }
        staff_onboarding::server::config::DatabaseUrl::Postgres(url) => {
            let output = std::process::Command::new("pg_dump")
                .args(["--data-only", "--no-owner", url])
                .output()
                .expect("pg_dump (Debian's postgresql-client) is installed");
            assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
            output.stdout
        }
    }
}

/// No link secret (as text or raw bytes) and no link in `copy`, which does hold the data.
fn assert_no_link(step: &str, copy: &[u8], secrets: &[String]) {
    let contains = |needle: &[u8]| copy.windows(needle.len()).any(|w| w == needle);
    assert!(contains(b"person3@school.org"), "{step}: the copy is readable and holds the data");
    for token in secrets {
        assert!(!contains(token.as_bytes()), "{step}: the secret {token} is in the copy");
        let raw = URL_SAFE_NO_PAD.decode(token).unwrap();
        assert!(!contains(&raw), "{step}: the raw bytes of {token} are in the copy");
    }
    assert!(!contains(b"/invite/"), "{step}: a link is in the copy");
}

fn smtp_sender(app: &App, sink: &SmtpSink) -> Arc<OutboxSender> {
    let transport: Arc<dyn MailTransport> = Arc::new(
        SmtpMailer::from_url(&sink.url(), "School <staff@school.org>".parse().unwrap(), 4).unwrap(),
    );
    let config = OutboxConfig { max_attempts: 1, ..OutboxConfig::default() };
    let state = &app.state;
    Arc::new(OutboxSender::new(
        state.store.clone(),
        transport,
        state.clock.clone(),
        config,
        School::named("Greenwood"),
        state.sealer.clone(),
        Arc::default(),
    ))
}

/// Every step of a message's life, copied while the server runs: queued, sending (the SMTP
/// server holds the data), sent, failed (5xx), and kept by the dev mailbox.
async fn no_link_at_rest_at_any_step(db: TestDb) {
    let app = app(&db, &[]).await;
    let mut secrets = Vec::new();
    for i in 0..10 {
        secrets.push(invite(&app, &format!("person{i}@school.org")).await.1);
    }
    assert_no_link("queued", &database_copy(&db).await, &secrets);

    let sink = SmtpSink::start().await;
    sink.set(Behaviour { delay: Duration::from_secs(3), ..Behaviour::default() });
    let sender = smtp_sender(&app, &sink);
    let draining = tokio::spawn({
        let sender = sender.clone();
        async move { sender.drain_all().await.unwrap() }
    });
    sink.wait_until("a message is being sent", |sink| sink.in_progress() > 0).await;
    assert_no_link("sending", &database_copy(&db).await, &secrets);
    assert_eq!(draining.await.unwrap(), 10);
    assert_eq!(sink.received().len(), 10);
    assert_no_link("sent", &database_copy(&db).await, &secrets);

    sink.set(Behaviour {
        reject_rcpt: Some("550 5.1.1 No such user".into()),
        ..Behaviour::default()
    });
    for i in 10..15 {
        secrets.push(invite(&app, &format!("person{i}@school.org")).await.1);
    }
    assert_eq!(sender.drain_all().await.unwrap(), 5);
    assert_no_link("failed", &database_copy(&db).await, &secrets);

    let state = &app.state;
    let mailbox = dev_mailbox_sender(&state.store, &state.clock, &state.sealer);
    for i in 15..20 {
        secrets.push(invite(&app, &format!("person{i}@school.org")).await.1);
    }
    assert_eq!(mailbox.drain_all().await.unwrap(), 5);
    assert_eq!(app.state.store.list_dev_mail(10).await.unwrap().len(), 5);
    assert_no_link("kept by the dev mailbox", &database_copy(&db).await, &secrets);
    println!("{} links, none readable in a copy at any step", secrets.len());
}

/// An outbox sender that delivers to the dev mailbox of `store`.
fn dev_mailbox_sender(store: &Arc<Store>, clock: &Arc<dyn Clock>, sealer: &Sealer) -> OutboxSender {
    let mailbox = DevMailbox::new(store.clone(), clock.clone(), sealer.clone());
    OutboxSender::new(
        store.clone(),
        Arc::new(mailbox),
        clock.clone(),
        OutboxConfig::default(),
        School::named("Greenwood"),
        sealer.clone(),
        Arc::default(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_link_is_readable_in_the_raw_sqlite_files_of_a_running_server() {
    no_link_at_rest_at_any_step(TestDb::sqlite()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_link_is_readable_in_a_pg_dump_of_a_running_server() {
    let Some(db) = TestDb::postgres().await else { return };
    no_link_at_rest_at_any_step(db).await;
}

/// The dev mailbox kept every body, with its live link, for ever.
async fn dev_mailbox_bodies_last_only_while_their_invitation_is_pending(db: &TestDb) {
    let h = Harness::new(db).await;
    let clock: Arc<dyn Clock> = h.clock.clone();
    let sender = dev_mailbox_sender(&h.store, &clock, &h.sealer);
    let mut ids = Vec::new();
    for who in ["accepted", "revoked", "expired"] {
        ids.push(
            h.service.invite(&h.admin, &format!("{who}@school.org"), "Teacher").await.unwrap(),
        );
    }
    let token = h.latest_token(ids[0].id).await;
    assert_eq!(sender.drain_all().await.unwrap(), 3);
    let kept = |recipient: &'static str| {
        let store = h.store.clone();
        async move {
            let mails = store.list_dev_mail(50).await.unwrap();
            let mail = mails.into_iter().find(|m| m.recipient == recipient).unwrap();
            (mail.text_body.is_some(), mail.html_body.is_some())
        }
    };
    assert_eq!(kept("accepted@school.org").await, (true, true));

    h.service.accept(&token, &form("acc.person")).await.unwrap();
    h.service.revoke(&h.admin, ids[1].id).await.unwrap();
    assert_eq!(kept("accepted@school.org").await, (false, false), "wiped as it was accepted");
    assert_eq!(kept("revoked@school.org").await, (false, false), "wiped as it was revoked");
    assert_eq!(kept("expired@school.org").await, (true, true));

    // Just before "expired" runs out, one more is invited; it stays Pending past that.
    h.clock.advance(DAY - Duration::from_secs(60));
    let late = h.service.invite(&h.admin, "late@school.org", "Teacher").await.unwrap();
    sender.drain_all().await.unwrap();
    h.clock.advance(Duration::from_secs(120));
    assert_eq!(h.store.wipe_expired_dev_mail(h.clock.now(), h.clock.now()).await.unwrap(), 1);
    assert_eq!(kept("expired@school.org").await, (false, false), "wiped once expired");
    assert_eq!(kept("late@school.org").await, (true, true), "still Pending: still there");
    assert!(h.service.status_of(&late) == staff_onboarding::domain::InvitationStatus::Pending);
}

/// The message page's HTML preview was blank: the app's own frame policy blocked it. It is
/// now framed by this site only, in a sandbox without scripts, its links opening new tabs.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dev_mailbox_previews_the_html_part_safely() {
    let db = TestDb::sqlite();
    let app = app(&db, &[]).await;
    app.user("robin", Role::SuperAdmin).await;
    let cookie = app.sign_in("robin").await;
    app.state.invitations.invite(&Actor::system(), "sam@school.org", "Teacher").await.unwrap();
    let state = &app.state;
    dev_mailbox_sender(&state.store, &state.clock, &state.sealer).drain_all().await.unwrap();
    let id = app.state.store.list_dev_mail(1).await.unwrap()[0].id;

    let page = text(app.get(&format!("/dev/mailbox/{id}"), Some(&cookie)).await).await;
    let frame = page.split("<iframe").nth(1).unwrap().split('>').next().unwrap();
    assert!(frame.contains("sandbox=\"allow-popups allow-popups-to-escape-sandbox\""), "{frame}");
    assert!(!frame.contains("allow-scripts") && !frame.contains("allow-same-origin"));

    let part = app.get(&format!("/dev/mailbox/{id}/html"), Some(&cookie)).await;
    assert_eq!(part.status(), StatusCode::OK);
    assert_eq!(part.headers()[header::X_FRAME_OPTIONS], "SAMEORIGIN");
    let policy = part.headers()[header::CONTENT_SECURITY_POLICY].to_str().unwrap().to_owned();
    assert!(policy.contains("frame-ancestors 'self'") && policy.contains("default-src 'none'"));
    assert!(!policy.contains("script-src"), "no script may run: {policy}");
    assert!(policy.contains("sandbox allow-popups"), "sandboxed even when opened alone");
    let html = text(part).await;
    assert!(html.contains("<base target=\"_blank\">") && html.contains("Set up your account"));
}
