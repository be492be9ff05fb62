//! The outbox: claims are leased, a lapsed lease is claimed again, a stale claim's outcome is
//! fenced off (by the claim's own token, whatever the count of tries does), and a finished
//! message loses its body.

use std::time::Duration;

use staff_onboarding::server::store::{MessageOutcome, MessageStatus};

use super::fixtures::{START, event, invite};
use crate::support::db::{TestDb, for_each_backend};

for_each_backend!(
    a_claim_is_leased_and_a_lapsed_lease_is_claimed_again,
    outcomes_are_fenced_by_the_attempt_and_end_the_body,
    a_retry_waits_for_its_time,
    a_round_of_outcomes_is_recorded_at_once_each_fenced,
    a_released_claim_is_never_current_again,
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

async fn a_round_of_outcomes_is_recorded_at_once_each_fenced(db: &TestDb) {
    use staff_onboarding::domain::EventAction::Delivered;
    let store = db.store().await;
    let mut invitations = Vec::new();
    for i in 0..4 {
        invitations.push(invite(&store, &format!("r{i}@school.org"), START).await.0);
    }
    let stale = store.claim_messages(START, START.plus(MINUTE), 1).await.unwrap().remove(0);
    let later = START.plus(MINUTE);
    let claims = store.claim_messages(later, later.plus(MINUTE), 10).await.unwrap();
    assert_eq!(claims.len(), 4, "the first lease ran out, so its message is claimed again");
    let delivered = event(Delivered, "to them");
    let retry = MessageOutcome::Retry { next_at: later.plus(MINUTE), error: "421 busy".into() };
    let sent = MessageOutcome::Sent;
    let round = [
        (&stale, &sent, Some(&delivered)),
        (&claims[1], &sent, Some(&delivered)),
        (&claims[2], &retry, None),
        (&claims[3], &sent, Some(&delivered)),
    ];
    let mut ours = store.finish_messages(&round, later).await.unwrap();
    ours.sort_unstable();
    assert_eq!(ours, [claims[1].id, claims[2].id, claims[3].id], "the stale claim is not ours");
    let statuses: Vec<(String, bool)> = {
        let mut all = Vec::new();
        for invitation in &invitations {
            let message = store.outbox_for(invitation.id).await.unwrap().remove(0);
            all.push((message.status, message.payload.is_some()));
        }
        all
    };
    let expect = |s: &str, body: bool| (s.to_owned(), body);
    assert_eq!(
        statuses,
        [
            expect("sending", true),
            expect("sent", false),
            expect("queued", true),
            expect("sent", false)
        ],
        "the first is still under the current claim; sent ones lose their body"
    );
    let delivered_events = |id| {
        let store = store.clone();
        async move {
            let history = store.invitation_history(id).await.unwrap();
            history.iter().filter(|e| e.action == Delivered).count()
        }
    };
    assert_eq!(delivered_events(invitations[0].id).await, 0, "nothing for the stale claim");
    assert_eq!(delivered_events(invitations[1].id).await, 1);
    assert_eq!(delivered_events(invitations[3].id).await, 1);
}

/// Releasing a claim gives its try back, so the count of tries comes round to the same value
/// at the next claim; the fence must not: the released claim, finishing late, is not current.
async fn a_released_claim_is_never_current_again(db: &TestDb) {
    use staff_onboarding::domain::EventAction::Delivered;
    let store = db.store().await;
    let (invitation, _) = invite(&store, "sam@school.org", START).await;
    let first = store.claim_messages(START, START.plus(MINUTE), 1).await.unwrap().remove(0);
    let released = store.finish_message(&first, &MessageOutcome::Released, None, START);
    assert!(released.await.unwrap());
    let second = store.claim_messages(START, START.plus(MINUTE), 1).await.unwrap().remove(0);
    assert_eq!(second.attempts, first.attempts, "the released try was given back");

    let delivered = event(Delivered, "to sam@school.org");
    let late = store.finish_message(&first, &MessageOutcome::Sent, Some(&delivered), START);
    assert!(!late.await.unwrap(), "the released claim is no longer the message's claim");
    let message = store.outbox_for(invitation.id).await.unwrap().remove(0);
    assert_eq!(message.status, "sending", "still the second claim's to finish");
    let current = store.finish_message(&second, &MessageOutcome::Sent, Some(&delivered), START);
    assert!(current.await.unwrap());
    assert_eq!(store.invitation_history(invitation.id).await.unwrap().len(), 2, "one Delivered");
}
