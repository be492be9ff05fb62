//! The expired invitations' digest, on SQLite and Postgres, through the outbox to a real SMTP
//! server: one email a day at most for several expiries, at the school's time; none for an
//! admin who turned it off, none for invitations revoked before they expired; one with two
//! servers on one database; queued by a server that comes back after its time.

use std::{sync::Arc, time::Duration};

use staff_onboarding::{
    domain::Role,
    server::{clock::Clock, school::SchoolZone, services::ExpiryDigests, store::Actor},
};

use crate::email::{Parsed, config, parse, sender};
use crate::support::db::{TestDb, for_each_backend};
use crate::support::service::{DAY, Harness, new_user};
use crate::support::smtp_sink::SmtpSink;

for_each_backend!(
    one_digest_a_day_tells_every_expiry_since_the_last,
    no_digest_for_an_admin_who_turned_it_off,
    no_digest_for_invitations_revoked_or_resent_before_they_expired,
    two_servers_queue_one_digest,
    the_digest_is_in_the_admins_language,
);

const HOUR: Duration = Duration::from_secs(3600);
const MINUTE: Duration = Duration::from_secs(60);

/// The digests of `h`'s database at 07:00 UTC (the harness starts at 08:00 UTC).
fn digests(h: &Harness, store: Arc<staff_onboarding::server::store::Store>) -> ExpiryDigests {
    ExpiryDigests::new(
        store,
        h.clock.clone(),
        SchoolZone::utc(),
        jiff::civil::time(7, 0, 0, 0),
        "https://staff.example-school.org".parse().unwrap(),
        Arc::default(),
    )
}

fn digest_mails(sink: &SmtpSink) -> Vec<Parsed> {
    sink.received()
        .iter()
        .map(|received| parse(&received.data))
        .filter(|mail| mail.subject.contains("you sent"))
        .collect()
}

async fn one_digest_a_day_tells_every_expiry_since_the_last(db: &TestDb) {
    let h = Harness::new(db).await;
    let sink = SmtpSink::start().await;
    let sender = sender(&h, &sink, config());
    let digests = digests(&h, h.store.clone());
    // Two links that run out on day 2 at 08:00 and 10:00, one on day 3 at 09:00.
    h.service.invite(&h.admin, "a@school.org", "Teacher").await.unwrap();
    h.clock.advance(2 * HOUR);
    h.service.invite(&h.admin, "b@school.org", "Admin Staff").await.unwrap();
    h.clock.advance(23 * HOUR);
    h.service.invite(&h.admin, "c@school.org", "Teacher").await.unwrap();
    sender.drain_all().await.unwrap();

    // Day 2, 09:00: one has expired, but the day's digest went at 07:00 (nothing to tell).
    assert_eq!(digests.queue_due().await.unwrap(), 0);
    // Day 3, 07:00: both of day 2, in one email; nothing more that day.
    h.clock.advance(22 * HOUR);
    assert_eq!(digests.queue_due().await.unwrap(), 1);
    assert_eq!(digests.queue_due().await.unwrap(), 0, "one a day at most");
    sender.drain_all().await.unwrap();
    let sent = digest_mails(&sink);
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].to, "head@example-school.org");
    assert_eq!(sent[0].subject, "2 invitations you sent have expired");
    for address in ["a@school.org", "b@school.org"] {
        assert!(sent[0].text.contains(address), "{}", sent[0].text);
    }
    assert!(!sent[0].text.contains("c@school.org"), "not expired yet");
    assert!(
        sent[0]
            .text
            .contains("https://staff.example-school.org/modules/staff/invites?status=expired"),
        "{}",
        sent[0].text
    );
    // c expires at 09:00 on day 3: told on day 4 at 07:00, alone.
    h.clock.advance(12 * HOUR);
    assert_eq!(digests.queue_due().await.unwrap(), 0, "its day's time has not come");
    h.clock.advance(12 * HOUR);
    assert_eq!(digests.queue_due().await.unwrap(), 1);
    sender.drain_all().await.unwrap();
    let sent = digest_mails(&sink);
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[1].subject, "An invitation you sent has expired");
    assert!(sent[1].text.contains("c@school.org") && !sent[1].text.contains("a@school.org"));
    // Nothing new: no email.
    h.clock.advance(DAY);
    assert_eq!(digests.queue_due().await.unwrap(), 0);
}

async fn no_digest_for_an_admin_who_turned_it_off(db: &TestDb) {
    let h = Harness::new(db).await;
    let digests = digests(&h, h.store.clone());
    let admin = h.admin.user_id.unwrap();
    h.service.invite(&h.admin, "a@school.org", "Teacher").await.unwrap();
    assert!(digests.is_on(admin).await.unwrap(), "on unless turned off");
    digests.set(admin, false).await.unwrap();
    assert!(!digests.is_on(admin).await.unwrap());
    h.clock.advance(2 * DAY);
    assert_eq!(digests.queue_due().await.unwrap(), 0);

    // Turned on again: what expired meanwhile is not told; what expires from now on is.
    digests.set(admin, true).await.unwrap();
    h.clock.advance(DAY);
    assert_eq!(digests.queue_due().await.unwrap(), 0);
    h.service.invite(&h.admin, "b@school.org", "Teacher").await.unwrap();
    h.clock.advance(2 * DAY);
    assert_eq!(digests.queue_due().await.unwrap(), 1);
}

async fn no_digest_for_invitations_revoked_or_resent_before_they_expired(db: &TestDb) {
    let h = Harness::new(db).await;
    let sink = SmtpSink::start().await;
    let sender = sender(&h, &sink, config());
    let digests = digests(&h, h.store.clone());
    let revoked = h.service.invite(&h.admin, "revoked@school.org", "Teacher").await.unwrap();
    let resent = h.service.invite(&h.admin, "resent@school.org", "Teacher").await.unwrap();
    h.service.invite(&h.admin, "expired@school.org", "Teacher").await.unwrap();
    // Another admin's invitation is in their digest, not this one's.
    let other = h
        .store
        .insert_user(
            new_user("other@example-school.org", "other.admin", Role::SuperAdmin),
            h.clock.now(),
        )
        .await
        .unwrap();
    h.service.invite(&Actor::user(&other), "theirs@school.org", "Teacher").await.unwrap();
    h.clock.advance(HOUR);
    h.service.revoke(&h.admin, revoked.id).await.unwrap();
    // Resent half an hour before its link ran out: its new link runs out after the digest.
    h.clock.advance(22 * HOUR + 30 * MINUTE);
    h.service.resend(&h.admin, resent.id).await.unwrap();
    h.clock.advance(23 * HOUR + 40 * MINUTE);
    assert_eq!(digests.queue_due().await.unwrap(), 2, "one for each admin");
    sender.drain_all().await.unwrap();
    let sent = digest_mails(&sink);
    let mine = sent.iter().find(|mail| mail.to == "head@example-school.org").unwrap();
    assert!(mine.text.contains("expired@school.org"), "{}", mine.text);
    for absent in ["revoked@school.org", "resent@school.org", "theirs@school.org"] {
        assert!(!mine.text.contains(absent), "{absent}: {}", mine.text);
    }
    let theirs = sent.iter().find(|mail| mail.to == "other@example-school.org").unwrap();
    assert!(theirs.text.contains("theirs@school.org"));
}

async fn two_servers_queue_one_digest(db: &TestDb) {
    let h = Harness::new(db).await;
    let sink = SmtpSink::start().await;
    let one = digests(&h, h.store.clone());
    let two = digests(&h, db.open().await);
    for n in 0..5 {
        h.service.invite(&h.admin, &format!("p{n}@school.org"), "Teacher").await.unwrap();
    }
    // Both servers were down at its time, and come back together.
    h.clock.advance(3 * DAY);
    let (a, b) = tokio::join!(one.queue_due(), two.queue_due());
    assert_eq!(a.unwrap() + b.unwrap(), 1);
    sender(&h, &sink, config()).drain_all().await.unwrap();
    let sent = digest_mails(&sink);
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].subject, "5 invitations you sent have expired");
}

async fn the_digest_is_in_the_admins_language(db: &TestDb) {
    let h = Harness::new(db).await;
    let sink = SmtpSink::start().await;
    let digests = digests(&h, h.store.clone());
    h.store.set_user_language(h.admin.user_id.unwrap(), Some("fr")).await.unwrap();
    h.service.invite(&h.admin, "a@school.org", "Teacher").await.unwrap();
    h.service.invite(&h.admin, "b@school.org", "Teacher").await.unwrap();
    h.clock.advance(2 * DAY);
    assert_eq!(digests.queue_due().await.unwrap(), 1);
    sender(&h, &sink, config()).drain_all().await.unwrap();
    let mail = sink
        .received()
        .iter()
        .map(|received| parse(&received.data))
        .find(|mail| mail.to == "head@example-school.org")
        .expect("the digest");
    assert_eq!(mail.subject, "2 invitations que vous avez envoyées ont expiré");
    assert!(mail.text.contains("Bonjour Alex Head"), "{}", mail.text);
    assert!(mail.html.contains("lang=\"fr\""));
}
