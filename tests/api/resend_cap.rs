//! The resend cap holds however the links are asked for: at most 1 + MAX_RESENDS links ever
//! reach one address from one invitation.

use std::collections::HashMap;

use staff_onboarding::server::services::InviteError;

use crate::support::db::{TestDb, for_each_backend};
use crate::support::service::Harness;

for_each_backend!(corrections_back_to_an_address_count_as_resends,);

/// How many emails of this invitation went to each address (lowercased).
async fn emails_per_address(h: &Harness, invitation_id: i64) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for message in h.store.outbox_for(invitation_id).await.unwrap() {
        *counts.entry(message.recipient.to_lowercase()).or_default() += 1;
    }
    counts
}

/// A → B → A → B …: each correction mailed a fresh link and none counted as a resend, so an
/// address could be sent any number of links. A correction back to an address this
/// invitation was already sent to now counts as a resend, and is refused when none is left.
async fn corrections_back_to_an_address_count_as_resends(db: &TestDb) {
    let h = Harness::new(db).await; // MAX_RESENDS = 3
    let invitation = h.service.invite(&h.admin, "a@school.org", "Teacher").await.unwrap();
    let first = h.service.correct_email(&h.admin, invitation.id, "b@school.org").await.unwrap();
    assert_eq!(first.resend_count, 0, "a first correction to a new address is not a resend");

    let mut refusal = None;
    for (round, to) in ["A@school.org", "b@school.org"].iter().cycle().take(20).enumerate() {
        match h.service.correct_email(&h.admin, invitation.id, to).await {
            Ok(record) => assert_eq!(record.resend_count, round as i64 + 1, "round {round}"),
            Err(e) => {
                refusal = Some((round, e));
                break;
            }
        }
    }
    let (round, refusal) = refusal.expect("the corrections ran out");
    assert_eq!(round, 3, "three returns, then refused");
    assert!(matches!(refusal, InviteError::ResendLimitReached(3)), "{refusal:?}");
    let emails = emails_per_address(&h, invitation.id).await;
    assert!(emails.values().all(|&n| n <= 4), "at most 1 + MAX_RESENDS each: {emails:?}");
    assert_eq!(emails.values().sum::<usize>(), 5, "{emails:?}");

    // A resend after those is refused too, and a third address is still a plain correction.
    let resend = h.service.resend(&h.admin, invitation.id).await.unwrap_err();
    assert!(matches!(resend, InviteError::ResendLimitReached(3)), "{resend:?}");
    let moved = h.service.correct_email(&h.admin, invitation.id, "c@school.org").await.unwrap();
    assert_eq!(moved.resend_count, 3);
}
