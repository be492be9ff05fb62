//! Email delivery through the outbox to a real SMTP server, on SQLite and on Postgres:
//! headers and parts, links, outages, permanent failures, crashed claims, slow servers,
//! several senders at once and shutdown.

use std::{collections::HashMap, sync::Arc, time::Duration};

use mail_parser::MessageParser;
use staff_onboarding::{
    domain::{Delivery, EventAction, LinkState, ListQuery, Role},
    server::{
        mail::{
            MailTransport,
            sender::{OutboxConfig, OutboxSender},
            smtp::SmtpMailer,
        },
        store::{Actor, ClaimedMessage},
    },
};

use crate::support::db::{TestDb, for_each_backend};
use crate::support::service::{Harness, START, new_user, token_of};
use crate::support::smtp_sink::{Behaviour, SmtpSink};
use staff_onboarding::server::clock::Clock;
use staff_onboarding::server::school::School;

for_each_backend!(
    an_invitation_arrives_with_its_headers_parts_and_a_working_link,
    an_admin_named_system_is_named_and_the_system_is_not,
    a_resend_says_so_and_the_old_link_is_superseded,
    an_outage_queues_retries_and_then_delivers_each_message_once,
    a_permanent_failure_is_marked_failed_with_the_reason,
    a_crashed_claim_is_retried_after_its_lease,
    a_slow_smtp_server_does_not_hold_up_the_admin,
    two_senders_never_send_one_message_twice,
    shutdown_releases_a_send_still_in_flight,
);

const FROM: &str = "Greenwood High <staff@greenwood.example>";

pub(crate) fn config() -> OutboxConfig {
    OutboxConfig {
        batch: 16,
        lease: Duration::from_secs(60),
        poll: Duration::from_millis(20),
        retry_base: Duration::from_secs(5),
        max_delay: Duration::from_secs(60),
        max_attempts: 5,
        shutdown_grace: Duration::from_millis(200),
    }
}

/// A sender over SMTP to `sink`, four connections at once.
pub(crate) fn sender(h: &Harness, sink: &SmtpSink, config: OutboxConfig) -> Arc<OutboxSender> {
    let transport: Arc<dyn MailTransport> =
        Arc::new(SmtpMailer::from_url(&sink.url(), FROM.parse().unwrap(), 4).unwrap());
    Arc::new(OutboxSender::new(
        h.store.clone(),
        transport,
        h.clock.clone(),
        config,
        School::named("Greenwood High"),
        h.sealer.clone(),
        Arc::default(),
    ))
}

pub(crate) struct Parsed {
    pub from: String,
    pub to: String,
    pub subject: String,
    pub has_date: bool,
    pub message_id: Option<String>,
    pub text: String,
    pub html: String,
}

pub(crate) fn parse(data: &str) -> Parsed {
    let message = MessageParser::default().parse(data.as_bytes()).expect("a parsable message");
    let address = |a: Option<&mail_parser::Address>| {
        let a = a.and_then(|a| a.first()).expect("an address");
        match a.name() {
            Some(name) => format!("{name} <{}>", a.address().unwrap_or_default()),
            None => a.address().unwrap_or_default().to_owned(),
        }
    };
    Parsed {
        from: address(message.from()),
        to: address(message.to()),
        subject: message.subject().unwrap_or_default().to_owned(),
        has_date: message.date().is_some(),
        message_id: message.message_id().map(str::to_owned),
        text: message.body_text(0).map(|t| t.into_owned()).unwrap_or_default(),
        html: message.body_html(0).map(|t| t.into_owned()).unwrap_or_default(),
    }
}

fn link_in(text: &str) -> String {
    text.lines().map(str::trim).find(|l| l.contains("/invite/")).expect("a link").to_owned()
}

async fn an_invitation_arrives_with_its_headers_parts_and_a_working_link(db: &TestDb) {
    let h = Harness::new(db).await;
    let sink = SmtpSink::start().await;
    let sender = sender(&h, &sink, config());
    let invitation = h.service.invite(&h.admin, "sam@school.org", "Teacher").await.unwrap();
    assert_eq!(sender.drain_all().await.unwrap(), 1);

    let received = sink.received();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].from, "staff@greenwood.example");
    assert_eq!(received[0].to, ["sam@school.org"]);
    let mail = parse(&received[0].data);
    assert_eq!(mail.from, FROM);
    assert_eq!(mail.to, "sam@school.org");
    assert_eq!(mail.subject, "You're invited to join Greenwood High as a Teacher");
    assert!(mail.has_date, "a Date header");
    assert!(mail.message_id.is_some_and(|id| !id.is_empty()), "a Message-ID header");
    assert!(received[0].data.contains("multipart/alternative"));
    assert!(mail.text.contains("Alex Head has invited you"), "{}", mail.text);
    assert!(mail.html.contains("Set up your account"), "{}", mail.html);

    let link = link_in(&mail.text);
    assert!(link.starts_with("https://staff.example-school.org/invite/"));
    assert!(matches!(h.state(&token_of(&link)).await, LinkState::Valid { .. }));

    // Sent: metadata kept, the body (with its live link) wiped, the history told.
    let outbox = h.store.outbox_for(invitation.id).await.unwrap();
    assert_eq!((outbox[0].status.as_str(), outbox[0].payload.as_deref()), ("sent", None));
    let page = h.service.list(&ListQuery::default()).await.unwrap();
    assert_eq!(
        page.items[0].delivery,
        Some(Delivery::Sent { at: h.service.policy().zone.local(h.clock.now()) })
    );
    let history = h.service.history(invitation.id).await.unwrap();
    assert_eq!(history.last().unwrap().action, EventAction::Delivered);
    assert_eq!(sender.drain_all().await.unwrap(), 0, "nothing is sent twice");
}

/// Who invited is carried as `Option` from the service to the renderer: a real admin called
/// "System" is named like anyone else, and only an invitation the system made names no one.
async fn an_admin_named_system_is_named_and_the_system_is_not(db: &TestDb) {
    let h = Harness::new(db).await;
    let sink = SmtpSink::start().await;
    let sender = sender(&h, &sink, config());
    let admin = new_user("sys@school.org", "sys.admin", Role::SuperAdmin);
    let admin = h.store.insert_user(admin, START).await.unwrap();
    let named_system = Actor { user_id: Some(admin.id), name: "System".into() };
    h.service.invite(&named_system, "sam@school.org", "Teacher").await.unwrap();
    h.service.invite(&Actor::system(), "jo@school.org", "Teacher").await.unwrap();
    assert_eq!(sender.drain_all().await.unwrap(), 2);

    // A batch is sent concurrently: find each message by its recipient.
    let text_to = |to: &str| {
        let received = sink.received();
        let mail = received.iter().find(|m| m.to == [to]).expect("a message to each");
        parse(&mail.data).text
    };
    let (by_admin, by_system) = (text_to("sam@school.org"), text_to("jo@school.org"));
    assert!(by_admin.contains("System has invited you to join Greenwood High"), "{by_admin}");
    assert!(by_system.contains("You have been invited to join Greenwood High"), "{by_system}");
    assert!(!by_system.contains("System"), "{by_system}");
}

async fn a_resend_says_so_and_the_old_link_is_superseded(db: &TestDb) {
    let h = Harness::new(db).await;
    let sink = SmtpSink::start().await;
    let sender = sender(&h, &sink, config());
    let invitation = h.service.invite(&h.admin, "sam@school.org", "Admin Staff").await.unwrap();
    sender.drain_all().await.unwrap();
    h.service.resend(&h.admin, invitation.id).await.unwrap();
    sender.drain_all().await.unwrap();

    let received = sink.received();
    assert_eq!(received.len(), 2);
    let (first, second) = (parse(&received[0].data), parse(&received[1].data));
    assert_eq!(first.subject, "You're invited to join Greenwood High as Admin Staff");
    assert_eq!(second.subject, "Your new invitation link for Greenwood High");
    assert!(second.text.contains("earlier invitation links no longer work"));
    assert_eq!(h.state(&token_of(&link_in(&first.text))).await, LinkState::Superseded);
    assert!(matches!(h.state(&token_of(&link_in(&second.text))).await, LinkState::Valid { .. }));
}

async fn an_outage_queues_retries_and_then_delivers_each_message_once(db: &TestDb) {
    let h = Harness::new(db).await;
    let sink = SmtpSink::start().await;
    let sender = sender(&h, &sink, config());
    sink.stop().await;

    let mut ids = Vec::new();
    for i in 0..5 {
        ids.push(
            h.service.invite(&h.admin, &format!("p{i}@school.org"), "Teacher").await.unwrap().id,
        );
    }
    assert_eq!(sender.drain_once().await.unwrap(), 5);
    let page = h.service.list(&ListQuery::default()).await.unwrap();
    for item in &page.items {
        match &item.delivery {
            Some(Delivery::Retrying { attempt: 1, next_at, error }) => {
                assert!(next_at.at > h.clock.now(), "retried later, not at once");
                assert!(!error.is_empty());
            }
            other => panic!("expected Retrying, got {other:?}"),
        }
    }
    assert_eq!(sender.drain_once().await.unwrap(), 0, "not due yet: backoff");

    // Still down at the second attempt: the delay grows.
    h.clock.advance(Duration::from_secs(7));
    assert_eq!(sender.drain_once().await.unwrap(), 5);
    let outbox = h.store.outbox_for(ids[0]).await.unwrap();
    assert_eq!(outbox[0].attempts, 2);

    sink.restart().await;
    h.clock.advance(Duration::from_secs(13));
    assert_eq!(sender.drain_all().await.unwrap(), 5);
    let mut per_recipient: HashMap<String, usize> = HashMap::new();
    for message in sink.received() {
        for to in message.to {
            *per_recipient.entry(to).or_default() += 1;
        }
    }
    assert_eq!(per_recipient.len(), 5);
    assert!(per_recipient.values().all(|n| *n == 1), "each exactly once: {per_recipient:?}");
    let history = h.service.history(ids[0]).await.unwrap();
    let retries = history.iter().filter(|e| e.action == EventAction::DeliveryRetrying).count();
    assert_eq!(retries, 2);
    assert_eq!(history.last().unwrap().action, EventAction::Delivered);
}

async fn a_permanent_failure_is_marked_failed_with_the_reason(db: &TestDb) {
    let h = Harness::new(db).await;
    let sink = SmtpSink::start().await;
    sink.set(Behaviour {
        reject_rcpt: Some("550 5.1.1 <nobody@school.org>: no such user".into()),
        ..Default::default()
    });
    let sender = sender(&h, &sink, config());
    let invitation = h.service.invite(&h.admin, "nobody@school.org", "Teacher").await.unwrap();
    sender.drain_all().await.unwrap();

    let page = h.service.list(&ListQuery::default()).await.unwrap();
    match &page.items[0].delivery {
        Some(Delivery::Failed { reason }) => assert!(reason.contains("no such user"), "{reason}"),
        other => panic!("expected Failed, got {other:?}"),
    }
    let outbox = h.store.outbox_for(invitation.id).await.unwrap();
    assert_eq!(
        (outbox[0].status.as_str(), outbox[0].attempts, outbox[0].payload.as_deref()),
        ("failed", 1, None)
    );
    let history = h.service.history(invitation.id).await.unwrap();
    assert_eq!(history.last().unwrap().action, EventAction::DeliveryFailed);
    assert!(history.last().unwrap().details.contains("no such user"));

    // Never retried.
    h.clock.advance(Duration::from_secs(3600));
    assert_eq!(sender.drain_all().await.unwrap(), 0);
    assert!(sink.received().is_empty());
}

async fn a_crashed_claim_is_retried_after_its_lease(db: &TestDb) {
    let h = Harness::new(db).await;
    let sink = SmtpSink::start().await;
    let sender = sender(&h, &sink, config());
    h.service.invite(&h.admin, "sam@school.org", "Teacher").await.unwrap();

    // A sender claims the message and dies before recording anything.
    let now = h.clock.now();
    let crashed: Vec<ClaimedMessage> =
        h.store.claim_messages(now, now.plus(Duration::from_secs(60)), 10).await.unwrap();
    assert_eq!(crashed.len(), 1);
    assert_eq!(sender.drain_all().await.unwrap(), 0, "the lease still holds");

    h.clock.advance(Duration::from_secs(61));
    assert_eq!(sender.drain_all().await.unwrap(), 1, "the expired lease is claimed again");
    assert_eq!(sink.received().len(), 1);
    // The crashed sender's late report cannot overwrite the newer claim's outcome.
    let late = h
        .store
        .finish_message(
            &crashed[0],
            &staff_onboarding::server::store::MessageOutcome::Failed { error: "late".into() },
            None,
            h.clock.now(),
        )
        .await
        .unwrap();
    assert!(!late);
}

async fn a_slow_smtp_server_does_not_hold_up_the_admin(db: &TestDb) {
    let h = Harness::new(db).await;
    let sink = SmtpSink::start().await;
    sink.set(Behaviour { delay: Duration::from_secs(2), ..Default::default() });
    let sender = sender(&h, &sink, config());
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let running = tokio::spawn(sender.clone().run(stopped));

    h.service.invite(&h.admin, "first@school.org", "Teacher").await.unwrap();
    sink.wait_until("the first message in DATA", |s| s.in_progress() == 1).await;
    // The sender is stuck on the slow server; inviting still completes before it finishes.
    let second = h.service.invite(&h.admin, "second@school.org", "Teacher").await.unwrap();
    assert_eq!(sink.received().len(), 0, "the invite returned while the first send was still held");
    assert_eq!(sink.in_progress(), 1);
    assert!(h.store.outbox_for(second.id).await.unwrap()[0].payload.is_some(), "queued, not sent");

    sink.wait_until("both messages", |s| s.received().len() == 2).await;
    let _ = stop.send(true);
    running.await.unwrap();
}

async fn two_senders_never_send_one_message_twice(db: &TestDb) {
    let h = Harness::new(db).await;
    let sink = SmtpSink::start().await;
    for i in 0..20 {
        h.service.invite(&h.admin, &format!("p{i}@school.org"), "Teacher").await.unwrap();
    }
    let small = OutboxConfig { batch: 3, ..config() };
    let (a, b) = (sender(&h, &sink, small.clone()), sender(&h, &sink, small));
    let (sent_a, sent_b) = tokio::join!(
        tokio::spawn(async move { a.drain_all().await.unwrap() }),
        tokio::spawn(async move { b.drain_all().await.unwrap() }),
    );
    assert_eq!(sent_a.unwrap() + sent_b.unwrap(), 20);
    let mut recipients: Vec<String> = sink.received().into_iter().flat_map(|m| m.to).collect();
    recipients.sort();
    recipients.dedup();
    assert_eq!(sink.received().len(), 20);
    assert_eq!(recipients.len(), 20, "no message went out twice");
}

async fn shutdown_releases_a_send_still_in_flight(db: &TestDb) {
    let h = Harness::new(db).await;
    let sink = SmtpSink::start().await;
    sink.set(Behaviour { delay: Duration::from_secs(10), ..Default::default() });
    let sender = sender(&h, &sink, config());
    let invitation = h.service.invite(&h.admin, "sam@school.org", "Teacher").await.unwrap();
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let running = tokio::spawn(sender.clone().run(stopped));
    sink.wait_until("the message in DATA", |s| s.in_progress() == 1).await;

    let _ = stop.send(true);
    running.await.unwrap();
    let outbox = h.store.outbox_for(invitation.id).await.unwrap();
    assert_eq!(outbox[0].status, "queued", "released back to the queue");
    assert_eq!(outbox[0].attempts, 0, "a released attempt does not count");
    assert!(outbox[0].payload.is_some());

    // The next server process sends it.
    sink.set(Behaviour::default());
    let next = sender.drain_all().await.unwrap();
    assert_eq!(next, 1);
    sink.wait_until("the message delivered", |s| !s.received().is_empty()).await;
}

/// A round of messages goes out side by side, but no more at once than the mailer's pool size:
/// lettre opens a new connection for every send that finds none idle, and a relay may refuse a
/// client that opens dozens at once.
#[tokio::test]
async fn a_round_of_messages_sends_no_more_at_once_than_the_pool() {
    use staff_onboarding::server::mail::RenderedMail;
    let sink = SmtpSink::start().await;
    sink.set(Behaviour { delay: Duration::from_millis(100), ..Default::default() });
    let mailer = SmtpMailer::from_url(&sink.url(), FROM.parse().unwrap(), 3).unwrap();
    let mails: Vec<RenderedMail> = (0..12)
        .map(|i| RenderedMail {
            to: format!("person{i}@school.org"),
            subject: "Hello".into(),
            text: "Hello".into(),
            html: "<p>Hello</p>".into(),
        })
        .collect();
    let round: Vec<(i64, &RenderedMail)> = mails.iter().zip(1..).map(|(m, id)| (id, m)).collect();
    let results: Vec<_> = futures::StreamExt::collect(
        mailer.send_all(&round, &staff_onboarding::server::mail::Ungated),
    )
    .await;
    assert!(results.iter().all(|(_, result)| result.is_ok()), "{results:?}");
    assert_eq!(sink.received().len(), 12);
    assert!(sink.peak_in_progress() <= 3, "{} sends at once", sink.peak_in_progress());
    assert!(sink.peak_in_progress() >= 2, "the sends still went side by side");
}
