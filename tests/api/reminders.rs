//! The reminder before a Pending link runs out, through the outbox to a real SMTP server, on
//! SQLite and Postgres: one per link, on time, with the same link, in the invitation's
//! language; none once the invitation is revoked, accepted, resent (the new link gets its
//! own) or corrected; none when off; once with two servers on one database; sent by a server
//! that comes back after it was due, while the link still works.

use std::{sync::Arc, time::Duration};

use staff_onboarding::{
    domain::{EventAction, InvitationStatus, LinkState, ListQuery},
    server::{
        clock::Clock,
        mail::{MailTransport, sender::OutboxSender, smtp::SmtpMailer},
        school::School,
        store::Store,
    },
};

use crate::email::{Parsed, config, parse};
use crate::support::db::{TestDb, for_each_backend};
use crate::support::service::{DAY, Harness, form, policy, token_of};
use crate::support::smtp_sink::SmtpSink;

for_each_backend!(
    one_reminder_per_link_at_its_time_with_the_same_link,
    the_reminder_is_in_the_invitations_language,
    no_reminder_after_revoke_accept_or_correction_and_a_resend_gets_its_own,
    no_reminder_when_off,
    two_servers_send_one_reminder,
    a_server_back_after_the_due_time_sends_it_while_the_link_works,
    the_dashboard_shows_what_is_about_to_expire,
);

const BEFORE: Duration = Duration::from_secs(6 * 3600);

async fn harness(db: &TestDb, reminder_before: Option<Duration>) -> Harness {
    let mut policy = policy(DAY, 3);
    policy.reminder_before = reminder_before;
    Harness::with_policy(db, policy).await
}

/// A sender over SMTP to `sink`, on `store`.
fn sender_on(store: Arc<Store>, h: &Harness, sink: &SmtpSink) -> Arc<OutboxSender> {
    let transport: Arc<dyn MailTransport> = Arc::new(
        SmtpMailer::from_url(
            &sink.url(),
            "Greenwood <staff@greenwood.example>".parse().unwrap(),
            4,
        )
        .unwrap(),
    );
    Arc::new(OutboxSender::new(
        store,
        transport,
        h.clock.clone(),
        config(),
        School::named("Greenwood High"),
        h.sealer.clone(),
        Arc::default(),
    ))
}

/// Every email `sink` received, parsed, oldest first.
fn mails(sink: &SmtpSink) -> Vec<Parsed> {
    sink.received().iter().map(|received| parse(&received.data)).collect()
}

fn reminders(sink: &SmtpSink) -> Vec<Parsed> {
    mails(sink).into_iter().filter(|mail| mail.subject.starts_with("Reminder:")).collect()
}

fn link_in(mail: &Parsed) -> String {
    mail.text.lines().map(str::trim).find(|l| l.contains("/invite/")).expect("a link").to_owned()
}

async fn history(h: &Harness, id: i64) -> Vec<EventAction> {
    h.service.history(id).await.unwrap().into_iter().map(|e| e.action).collect()
}

async fn one_reminder_per_link_at_its_time_with_the_same_link(db: &TestDb) {
    let h = harness(db, Some(BEFORE)).await;
    let sink = SmtpSink::start().await;
    let sender = sender_on(h.store.clone(), &h, &sink);
    let invitation = h.service.invite(&h.admin, "sam@school.org", "Teacher").await.unwrap();
    assert_eq!(sender.drain_all().await.unwrap(), 1, "the invitation, not its reminder yet");
    let first_link = link_in(&mails(&sink)[0]);

    // A second before it is due: nothing.
    h.clock.advance(DAY - BEFORE - Duration::from_secs(1));
    assert_eq!(sender.drain_all().await.unwrap(), 0);
    // Due: the reminder, with the same link, saying when it stops working.
    h.clock.advance(Duration::from_secs(1));
    assert_eq!(sender.drain_all().await.unwrap(), 1);
    let sent = reminders(&sink);
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].to, "sam@school.org");
    assert_eq!(sent[0].subject, "Reminder: your invitation to Greenwood High expires in 6 hours");
    assert_eq!(link_in(&sent[0]), first_link, "the same link, not a new one");
    assert!(sent[0].text.contains("stops working in 6 hours"), "{}", sent[0].text);
    assert!(sent[0].text.contains("Wednesday, 2 September 2026 at 08:00 UTC"), "{}", sent[0].text);

    // The link still works; no resend was counted; the history says so; never a second one.
    assert!(matches!(h.state(&token_of(&first_link)).await, LinkState::Valid { .. }));
    let record = h.store.find_invitation(invitation.id).await.unwrap().unwrap();
    assert_eq!(record.resend_count, 0);
    assert_eq!(history(&h, invitation.id).await.last(), Some(&EventAction::ReminderSent));
    h.clock.advance(BEFORE / 2);
    assert_eq!(sender.drain_all().await.unwrap(), 0, "one reminder per link");
    assert_eq!(mails(&sink).len(), 2);
    // The dashboard's delivery is the invitation email's, not the reminder's.
    let page = h.service.list(&ListQuery::default()).await.unwrap();
    assert!(matches!(
        page.items[0].delivery,
        Some(staff_onboarding::domain::Delivery::Sent { .. })
    ));
}

async fn the_reminder_is_in_the_invitations_language(db: &TestDb) {
    let h = harness(db, Some(BEFORE)).await;
    let sink = SmtpSink::start().await;
    let sender = sender_on(h.store.clone(), &h, &sink);
    h.service.invite_in(&h.admin, "ana@school.org", "Teacher", Some("es")).await.unwrap();
    assert_eq!(sender.drain_all().await.unwrap(), 1);
    h.clock.advance(DAY - BEFORE);
    assert_eq!(sender.drain_all().await.unwrap(), 1);
    let mails = mails(&sink);
    assert_eq!(
        mails[1].subject,
        "Recordatorio: tu invitación a Greenwood High caduca dentro de 6 horas"
    );
    assert!(mails[1].text.contains("Es el mismo enlace"), "{}", mails[1].text);
    assert!(mails[1].html.contains("lang=\"es\""));
}

async fn no_reminder_after_revoke_accept_or_correction_and_a_resend_gets_its_own(db: &TestDb) {
    let h = harness(db, Some(BEFORE)).await;
    let sink = SmtpSink::start().await;
    let sender = sender_on(h.store.clone(), &h, &sink);
    let revoked = h.service.invite(&h.admin, "revoked@school.org", "Teacher").await.unwrap();
    let accepted = h.service.invite(&h.admin, "accepted@school.org", "Teacher").await.unwrap();
    let resent = h.service.invite(&h.admin, "resent@school.org", "Teacher").await.unwrap();
    let corrected = h.service.invite(&h.admin, "typo@school.org", "Teacher").await.unwrap();
    let accepted_token = h.latest_token(accepted.id).await;
    assert_eq!(sender.drain_all().await.unwrap(), 4);

    h.clock.advance(Duration::from_secs(3600));
    h.service.revoke(&h.admin, revoked.id).await.unwrap();
    h.service.accept(&accepted_token, &form("accepted.person")).await.unwrap();
    h.service.resend(&h.admin, resent.id).await.unwrap();
    h.service.correct_email(&h.admin, corrected.id, "right@school.org").await.unwrap();
    assert_eq!(sender.drain_all().await.unwrap(), 2, "the resend and the corrected invitation");
    // Sent side by side: in either order.
    let mut expected: Vec<(String, String)> =
        mails(&sink)[4..].iter().map(|mail| (mail.to.clone(), link_in(mail))).collect();
    expected.sort();
    let to: Vec<&str> = expected.iter().map(|(to, _)| to.as_str()).collect();
    assert_eq!(to, ["resent@school.org", "right@school.org"]);

    // Past the first links' reminders' time: none of them goes.
    h.clock.advance(DAY - BEFORE - Duration::from_secs(3600));
    sender.drain_all().await.unwrap();
    assert!(reminders(&sink).is_empty(), "{:?}", reminders(&sink).first().map(|m| &m.to));
    // Past the new links' time: one each, with the new link, to the corrected address.
    h.clock.advance(Duration::from_secs(3600));
    sender.drain_all().await.unwrap();
    let sent = reminders(&sink);
    let mut got: Vec<(String, String)> =
        sent.iter().map(|mail| (mail.to.clone(), link_in(mail))).collect();
    got.sort();
    assert_eq!(got, expected, "one each, with its new link");
    // A reminder that wasn't needed leaves no trace in the history.
    for id in [revoked.id, accepted.id] {
        let events = history(&h, id).await;
        assert!(!events.contains(&EventAction::NotSent), "{events:?}");
        assert!(!events.contains(&EventAction::ReminderSent), "{events:?}");
    }
    assert_eq!(sender.drain_all().await.unwrap(), 0);
}

async fn no_reminder_when_off(db: &TestDb) {
    let h = harness(db, None).await;
    let sink = SmtpSink::start().await;
    let sender = sender_on(h.store.clone(), &h, &sink);
    let invitation = h.service.invite(&h.admin, "sam@school.org", "Teacher").await.unwrap();
    assert_eq!(h.store.outbox_for(invitation.id).await.unwrap().len(), 1, "nothing scheduled");
    for _ in 0..4 {
        h.clock.advance(DAY / 4);
        sender.drain_all().await.unwrap();
    }
    assert_eq!(mails(&sink).len(), 1);
}

async fn two_servers_send_one_reminder(db: &TestDb) {
    let h = harness(db, Some(BEFORE)).await;
    let sink = SmtpSink::start().await;
    let first = sender_on(h.store.clone(), &h, &sink);
    let second = sender_on(db.open().await, &h, &sink);
    for n in 0..20 {
        h.service.invite(&h.admin, &format!("person{n}@school.org"), "Teacher").await.unwrap();
    }
    first.drain_all().await.unwrap();
    h.clock.advance(DAY - BEFORE);
    let (a, b) = tokio::join!(first.drain_all(), second.drain_all());
    assert_eq!(a.unwrap() + b.unwrap(), 20);
    let sent = reminders(&sink);
    let mut to: Vec<String> = sent.iter().map(|mail| mail.to.clone()).collect();
    to.sort();
    to.dedup();
    assert_eq!((sent.len(), to.len()), (20, 20), "each reminder once");
}

async fn a_server_back_after_the_due_time_sends_it_while_the_link_works(db: &TestDb) {
    let h = harness(db, Some(BEFORE)).await;
    let sink = SmtpSink::start().await;
    let live = h.service.invite(&h.admin, "live@school.org", "Teacher").await.unwrap();
    sender_on(h.store.clone(), &h, &sink).drain_all().await.unwrap();
    // Down from before the reminder was due until two hours after.
    h.clock.advance(DAY - BEFORE + Duration::from_secs(2 * 3600));
    let restarted = sender_on(db.open().await, &h, &sink);
    assert_eq!(restarted.drain_all().await.unwrap(), 1);
    let sent = reminders(&sink);
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].subject, "Reminder: your invitation to Greenwood High expires in 4 hours");

    // Down until after the link ran out: nothing goes, and nothing is said in the history.
    let late = h.service.invite(&h.admin, "late@school.org", "Teacher").await.unwrap();
    restarted.drain_all().await.unwrap();
    h.clock.advance(DAY + Duration::from_secs(60));
    let again = sender_on(db.open().await, &h, &sink);
    again.drain_all().await.unwrap();
    assert_eq!(reminders(&sink).len(), 1, "none for a link that no longer works");
    assert!(!history(&h, late.id).await.contains(&EventAction::NotSent));
    assert_eq!(history(&h, live.id).await.last(), Some(&EventAction::ReminderSent));
}

async fn the_dashboard_shows_what_is_about_to_expire(db: &TestDb) {
    let h = harness(db, Some(BEFORE)).await;
    let early = h.service.invite(&h.admin, "early@school.org", "Teacher").await.unwrap();
    h.clock.advance(Duration::from_secs(3 * 3600));
    h.service.invite(&h.admin, "later@school.org", "Teacher").await.unwrap();
    let gone = h.service.invite(&h.admin, "gone@school.org", "Teacher").await.unwrap();
    h.service.revoke(&h.admin, gone.id).await.unwrap();
    // `early` runs out in 5 hours, `later` in 8.
    h.clock.advance(DAY - Duration::from_secs(8 * 3600));
    assert_eq!(early.expires_at.0 - h.clock.now().0, 5 * 3600 * 1000);

    let all = h.service.list(&ListQuery::default()).await.unwrap();
    let soon: Vec<(&str, bool)> =
        all.items.iter().map(|row| (row.email.as_str(), row.expiring_soon)).collect();
    assert!(soon.contains(&("early@school.org", true)), "{soon:?}");
    assert!(soon.contains(&("later@school.org", false)), "{soon:?}");
    assert!(soon.contains(&("gone@school.org", false)), "{soon:?}");

    let filtered =
        h.service.list(&ListQuery { expiring_soon: true, ..Default::default() }).await.unwrap();
    let emails: Vec<&str> = filtered.items.iter().map(|row| row.email.as_str()).collect();
    assert_eq!(emails, ["early@school.org"]);
    let counts = h.service.counts().await.unwrap();
    assert_eq!((counts.pending, counts.expiring_soon), (2, 1));

    // The live check's next moment is when `later` comes within the window, before any expiry.
    let stamp = h.service.change_stamp().await.unwrap();
    assert_eq!(stamp.next_expiry.map(|at| at.0 - h.clock.now().0), Some(2 * 3600 * 1000));

    // Expired, it is no longer "expiring soon".
    h.clock.advance(Duration::from_secs(5 * 3600));
    let filtered =
        h.service.list(&ListQuery { expiring_soon: true, ..Default::default() }).await.unwrap();
    let emails: Vec<&str> = filtered.items.iter().map(|row| row.email.as_str()).collect();
    assert_eq!(emails, ["later@school.org"]);
    let all = h.service.list(&ListQuery::default()).await.unwrap();
    let early_row = all.items.iter().find(|row| row.email == "early@school.org").unwrap();
    assert_eq!((early_row.status, early_row.expiring_soon), (InvitationStatus::Expired, false));
}
