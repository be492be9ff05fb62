//! The outbox: claims are leased, a lapsed lease is claimed again, a stale claim's outcome is
//! fenced off, and a finished message loses its body.

use std::time::Duration;

use staff_onboarding::server::store::{MessageOutcome, MessageStatus};

use super::fixtures::{START, event, invite};
use crate::support::db::{TestDb, for_each_backend};

for_each_backend!(
    a_claim_is_leased_and_a_lapsed_lease_is_claimed_again,
    outcomes_are_fenced_by_the_attempt_and_end_the_body,
    a_retry_waits_for_its_time,
);

const MINUTE: Duration = Duration::from_secs(60);

async fn a_claim_is_leased_and_a_lapsed_lease_is_claimed_again(db: &TestDb) {
    let store = db.store().await;
    for i in 0..3 {
        invite(&store, &format!("s{i}@school.org"), START).await;
    }
    let first = store.claim_messages(START, START.plus(MINUTE), 2).await.unwrap();
    assert_eq!(first.iter().map(|m| m.attempts).collect::<Vec<_>>(), [1, 1]);
    assert!(first[0].id < first[1].id, "oldest first");
    let rest = store.claim_messages(START, START.plus(MINUTE), 10).await.unwrap();
    assert_eq!(rest.len(), 1, "leased messages are not claimed twice");
    let later = START.plus(MINUTE);
    let again = store.claim_messages(later, later.plus(MINUTE), 10).await.unwrap();
    assert_eq!(again.len(), 3, "every lease ran out");
    assert!(again.iter().all(|m| m.attempts == 2));
}

async fn outcomes_are_fenced_by_the_attempt_and_end_the_body(db: &TestDb) {
    let store = db.store().await;
    let (invitation, _) = invite(&store, "sam@school.org", START).await;
    let stale = store.claim_messages(START, START.plus(MINUTE), 1).await.unwrap().remove(0);
    let later = START.plus(MINUTE);
    let current = store.claim_messages(later, later.plus(MINUTE), 1).await.unwrap().remove(0);
    let delivered = event(staff_onboarding::domain::EventAction::Delivered, "to sam@school.org");

    let late = store.finish_message(&stale, &MessageOutcome::Sent, Some(&delivered), later);
    assert!(!late.await.unwrap(), "the first claim is no longer ours");
    assert!(
        store
            .finish_message(&current, &MessageOutcome::Sent, Some(&delivered), later)
            .await
            .unwrap()
    );
    let message = store.outbox_for(invitation.id).await.unwrap().remove(0);
    assert_eq!((message.status.as_str(), message.payload), ("sent", None));
    let latest = store.latest_messages(&[invitation.id, 999]).await.unwrap();
    assert_eq!(latest.len(), 1);
    assert_eq!((latest[0].status, latest[0].sent_at), (MessageStatus::Sent, Some(later)));
    assert_eq!(store.invitation_history(invitation.id).await.unwrap().len(), 2, "one Delivered");
}

async fn a_retry_waits_for_its_time(db: &TestDb) {
    let store = db.store().await;
    let (invitation, _) = invite(&store, "sam@school.org", START).await;
    let claim = store.claim_messages(START, START.plus(MINUTE), 1).await.unwrap().remove(0);
    let next_at = START.plus(10 * MINUTE);
    let retry = MessageOutcome::Retry { next_at, error: "421 busy".into() };
    assert!(store.finish_message(&claim, &retry, None, START).await.unwrap());
    let latest = store.latest_messages(&[invitation.id]).await.unwrap().remove(0);
    assert_eq!((latest.status, latest.next_attempt_at), (MessageStatus::Queued, next_at));
    assert_eq!(latest.last_error.as_deref(), Some("421 busy"));
    let early = next_at.minus(Duration::from_millis(1));
    assert!(store.claim_messages(early, early.plus(MINUTE), 5).await.unwrap().is_empty());
    let due = store.claim_messages(next_at, next_at.plus(MINUTE), 5).await.unwrap();
    assert_eq!(due.len(), 1);

    let failed = MessageOutcome::Failed { error: "550 no such user".into() };
    assert!(store.finish_message(&due[0], &failed, None, next_at).await.unwrap());
    let latest = store.latest_messages(&[invitation.id]).await.unwrap().remove(0);
    assert_eq!(
        (latest.status, latest.last_error.as_deref()),
        (MessageStatus::Failed, Some("550 no such user"))
    );
    assert_eq!(store.outbox_for(invitation.id).await.unwrap()[0].payload, None, "body wiped");
}
