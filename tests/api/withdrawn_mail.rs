//! An email whose link no longer works when its send would start is not sent: the message is
//! recorded as not sent, with the reason in the invitation's history. A revoked invitation's
//! queued email went out all the same, with a link that only led to "revoked".

use std::{sync::Arc, time::Duration};

use staff_onboarding::{
    domain::EventAction,
    server::{
        mail::{
            dev_mailbox::DevMailbox,
            sender::{OutboxConfig, OutboxSender},
        },
        school::School,
    },
};

use crate::support::db::{TestDb, for_each_backend};
use crate::support::service::{DAY, Harness};
use crate::support::smtp_sink::{Behaviour, SmtpSink};

for_each_backend!(
    a_message_whose_link_stopped_working_before_its_send_is_not_sent,
    a_message_whose_link_expired_before_its_send_is_not_sent,
    the_dev_mailbox_keeps_no_message_whose_link_stopped_working,
);

/// Four connections at once (`email::sender`), so a fifth message waits for one behind four
/// slow sends.
fn sender(h: &Harness, sink: &SmtpSink) -> Arc<OutboxSender> {
    let config = OutboxConfig {
        batch: 32,
        poll: Duration::from_millis(20),
        shutdown_grace: Duration::from_millis(200),
        ..OutboxConfig::default()
    };
    crate::email::sender(h, sink, config)
}

/// Invites each address; the invitations' ids.
async fn invite_all(h: &Harness, emails: &[&str]) -> Vec<i64> {
    let mut ids = Vec::new();
    for email in emails {
        ids.push(h.service.invite(&h.admin, email, "Teacher").await.unwrap().id);
    }
    ids
}

/// Waits until no message is queued or being sent.
async fn until_settled(h: &Harness, ids: &[i64]) {
    for _ in 0..1_000 {
        let mut busy = false;
        for id in ids {
            let messages = h.store.outbox_for(*id).await.unwrap();
            busy |= messages.iter().any(|m| m.status == "queued" || m.status == "sending");
        }
        if !busy {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("messages still queued");
}

/// How many emails reached `address`.
fn received_by(sink: &SmtpSink, address: &str) -> usize {
    sink.received().iter().filter(|r| r.to.iter().any(|to| to.contains(address))).count()
}

/// The "Not sent" entries of an invitation's history.
async fn not_sent(h: &Harness, id: i64) -> Vec<String> {
    let history = h.store.invitation_history(id).await.unwrap();
    history.into_iter().filter(|e| e.action == EventAction::NotSent).map(|e| e.details).collect()
}

async fn a_message_whose_link_stopped_working_before_its_send_is_not_sent(db: &TestDb) {
    let h = Harness::new(db).await;
    let sink = SmtpSink::start().await;
    sink.set(Behaviour { delay: Duration::from_millis(1500), ..Default::default() });
    let blockers = ["b1@school.org", "b2@school.org", "b3@school.org", "b4@school.org"];
    let mut ids = invite_all(&h, &blockers).await;
    let targets = ["revoked@school.org", "resent@school.org", "typo@school.org", "kept@school.org"];
    let t = invite_all(&h, &targets).await;
    ids.extend(&t);

    let (stop, stopped) = tokio::sync::watch::channel(false);
    let running = tokio::spawn(sender(&h, &sink).run(stopped));
    // All eight claimed in one round; four held in DATA, the other four wait for a connection.
    sink.wait_until("four sends held", |s| s.in_progress() == 4).await;
    h.service.revoke(&h.admin, t[0]).await.unwrap();
    h.service.resend(&h.admin, t[1]).await.unwrap();
    h.service.correct_email(&h.admin, t[2], "fixed@school.org").await.unwrap();
    until_settled(&h, &ids).await;
    let _ = stop.send(true);
    running.await.unwrap();

    assert_eq!(received_by(&sink, "revoked@"), 0, "the revoked invitation's email");
    assert_eq!(received_by(&sink, "resent@"), 1, "only the resend's email");
    assert_eq!(received_by(&sink, "typo@"), 0, "the corrected-away address");
    assert_eq!(received_by(&sink, "fixed@"), 1);
    assert_eq!(received_by(&sink, "kept@"), 1);
    assert_eq!(sink.received().len(), 7);
    let resent = h.store.outbox_for(t[1]).await.unwrap();
    let (old, new) = (&resent[0], &resent[1]);
    assert_eq!((old.status.as_str(), new.status.as_str()), ("failed", "sent"));
    assert_eq!(not_sent(&h, t[0]).await, ["the invitation was revoked before its email went out"]);
    assert_eq!(not_sent(&h, t[1]).await, ["a newer link replaced this one before it went out"]);
    assert_eq!(not_sent(&h, t[2]).await, ["a newer link replaced this one before it went out"]);
    assert_eq!(not_sent(&h, t[3]).await, Vec::<String>::new());
}

async fn a_message_whose_link_expired_before_its_send_is_not_sent(db: &TestDb) {
    let h = Harness::new(db).await;
    let sink = SmtpSink::start().await;
    sink.set(Behaviour { delay: Duration::from_millis(1500), ..Default::default() });
    let blockers = ["b1@school.org", "b2@school.org", "b3@school.org", "b4@school.org"];
    let mut ids = invite_all(&h, &blockers).await;
    let late = invite_all(&h, &["late@school.org"]).await[0];
    ids.push(late);

    let (stop, stopped) = tokio::sync::watch::channel(false);
    let running = tokio::spawn(sender(&h, &sink).run(stopped));
    sink.wait_until("four sends held", |s| s.in_progress() == 4).await;
    h.clock.advance(DAY + Duration::from_secs(1));
    until_settled(&h, &ids).await;
    let _ = stop.send(true);
    running.await.unwrap();

    assert_eq!(received_by(&sink, "late@"), 0);
    assert_eq!(not_sent(&h, late).await, ["its link expired before it went out"]);
}

/// The dev mailbox keeps a round with one write: it asks about every message first.
async fn the_dev_mailbox_keeps_no_message_whose_link_stopped_working(db: &TestDb) {
    let h = Harness::new(db).await;
    let ids = invite_all(&h, &["kept@school.org", "revoked@school.org"]).await;
    h.service.revoke(&h.admin, ids[1]).await.unwrap();
    let mailbox = DevMailbox::new(h.store.clone(), h.clock.clone(), h.sealer.clone());
    let sender = OutboxSender::new(
        h.store.clone(),
        Arc::new(mailbox),
        h.clock.clone(),
        OutboxConfig::default(),
        School::named("Greenwood High"),
        h.sealer.clone(),
        Arc::default(),
    );
    assert_eq!(sender.drain_all().await.unwrap(), 2);
    let kept: Vec<String> =
        h.store.list_dev_mail(10).await.unwrap().into_iter().map(|m| m.recipient).collect();
    assert_eq!(kept, ["kept@school.org"]);
    assert_eq!(
        not_sent(&h, ids[1]).await,
        ["the invitation was revoked before its email went out"]
    );
}
