//! Racing clicks on separate connections: the invariants hold on both databases.

use std::sync::Arc;

use staff_onboarding::{
    domain::{EventAction, LinkState},
    server::{
        mail::message::InvitationMessage,
        services::{AcceptError, InviteError},
    },
};

use crate::support::db::{TestDb, for_each_backend};
use crate::support::service::{Harness, form};

for_each_backend!(
    fifty_accepts_of_one_link_create_exactly_one_account,
    twenty_resends_stay_within_the_cap_and_leave_one_valid_link,
    resends_racing_an_address_correction_number_and_address_every_email_right,
    twenty_invites_of_one_address_create_one_invitation,
    two_invitees_racing_for_one_username_get_one_account,
);

async fn fifty_accepts_of_one_link_create_exactly_one_account(db: &TestDb) {
    let h = Arc::new(Harness::new(db).await);
    let invitation = h.service.invite(&h.admin, "sam@school.org", "Teacher").await.unwrap();
    let token = h.latest_token(invitation.id).await;

    let tasks: Vec<_> = (0..50)
        .map(|i| {
            let (h, token) = (h.clone(), token.clone());
            tokio::spawn(async move { h.service.accept(&token, &form(&format!("racer{i}"))).await })
        })
        .collect();
    let mut winners = 0;
    for task in tasks {
        match task.await.unwrap() {
            Ok(_) => winners += 1,
            Err(AcceptError::Link(LinkState::AlreadyUsed)) => {}
            Err(other) => panic!("a losing accept must see AlreadyUsed, got {other:?}"),
        }
    }
    assert_eq!(winners, 1);
    let mut accounts = 0;
    for i in 0..50 {
        accounts += usize::from(h.store.username_taken(&format!("racer{i}")).await.unwrap());
    }
    assert_eq!(accounts, 1, "exactly one account exists");
    assert_eq!(h.service.counts().await.unwrap().accepted, 1);
}

async fn twenty_resends_stay_within_the_cap_and_leave_one_valid_link(db: &TestDb) {
    let h = Arc::new(Harness::new(db).await);
    let invitation = h.service.invite(&h.admin, "sam@school.org", "Teacher").await.unwrap();

    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let h = h.clone();
            tokio::spawn(async move { h.service.resend(&h.admin, invitation.id).await })
        })
        .collect();
    let mut sent = 0;
    for task in tasks {
        match task.await.unwrap() {
            Ok(_) => sent += 1,
            Err(InviteError::ResendLimitReached(3)) => {}
            Err(other) => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(sent, 3);
    let record = h.store.find_invitation(invitation.id).await.unwrap().unwrap();
    assert_eq!(record.resend_count, 3);

    let links = h.links(invitation.id).await;
    assert_eq!(links.len(), 4, "the invitation and three resends");
    let mut valid = 0;
    for link in &links {
        let token = crate::support::service::token_of(link);
        match h.state(&token).await {
            LinkState::Valid { .. } => valid += 1,
            LinkState::Superseded => {}
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(valid, 1, "exactly one link works");
}

async fn twenty_invites_of_one_address_create_one_invitation(db: &TestDb) {
    let h = Arc::new(Harness::new(db).await);
    let tasks: Vec<_> = (0..20)
        .map(|i| {
            let h = h.clone();
            // The same address, typed differently.
            let email = if i % 2 == 0 { "sam@school.org" } else { " SAM@School.org" };
            tokio::spawn(async move { h.service.invite(&h.admin, email, "Teacher").await })
        })
        .collect();
    let mut created = 0;
    for task in tasks {
        match task.await.unwrap() {
            Ok(_) => created += 1,
            Err(InviteError::AlreadyInvited) => {}
            Err(other) => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(created, 1);
    assert_eq!(h.service.counts().await.unwrap().all, 1);
}

async fn two_invitees_racing_for_one_username_get_one_account(db: &TestDb) {
    let h = Arc::new(Harness::new(db).await);
    let mut tokens = Vec::new();
    for email in ["one@school.org", "two@school.org"] {
        let invitation = h.service.invite(&h.admin, email, "Teacher").await.unwrap();
        tokens.push(h.latest_token(invitation.id).await);
    }
    let tasks: Vec<_> = tokens
        .into_iter()
        .enumerate()
        .map(|(i, token)| {
            let h = h.clone();
            let name = if i == 0 { "same.name" } else { "Same.Name" };
            tokio::spawn(async move { h.service.accept(&token, &form(name)).await })
        })
        .collect();
    let mut outcomes = Vec::new();
    for task in tasks {
        outcomes.push(task.await.unwrap());
    }
    assert_eq!(outcomes.iter().filter(|o| o.is_ok()).count(), 1, "{outcomes:?}");
    assert!(
        outcomes.iter().any(|o| matches!(o, Err(AcceptError::UsernameTaken))),
        "the other gets UsernameTaken: {outcomes:?}"
    );
    let counts = h.service.counts().await.unwrap();
    assert_eq!((counts.accepted, counts.pending), (1, 1), "the loser's invitation stays usable");
}

/// Each change is decided from the invitation as read and made only if it is still so: a
/// resend that read the old address or an old count is decided again, so no email goes to
/// an address the invitation no longer has, and no two emails carry the same resend number.
async fn resends_racing_an_address_correction_number_and_address_every_email_right(db: &TestDb) {
    let h = Arc::new(Harness::new(db).await);
    let invitation = h.service.invite(&h.admin, "sam@school.org", "Teacher").await.unwrap();
    let mut tasks: Vec<_> = (0..6)
        .map(|_| {
            let h = h.clone();
            tokio::spawn(async move { h.service.resend(&h.admin, invitation.id).await.err() })
        })
        .collect();
    let corrector = h.clone();
    tasks.insert(
        3,
        tokio::spawn(async move {
            corrector
                .service
                .correct_email(&corrector.admin, invitation.id, "samuel@school.org")
                .await
                .err()
        }),
    );
    for task in tasks {
        match task.await.unwrap() {
            None | Some(InviteError::ResendLimitReached(3)) => {}
            Some(other) => panic!("unexpected {other:?}"),
        }
    }

    let messages = h.store.outbox_for(invitation.id).await.unwrap();
    let corrected_at = messages.iter().position(|m| m.recipient == "samuel@school.org");
    let corrected_at = corrected_at.expect("the correction went through");
    let mut numbers = Vec::new();
    for (i, message) in messages.iter().enumerate() {
        let expected = if i < corrected_at { "sam@school.org" } else { "samuel@school.org" };
        assert_eq!(message.recipient, expected, "message {i} went to the address of its time");
        let payload = InvitationMessage::from_json(message.payload.as_deref().unwrap()).unwrap();
        assert_eq!(payload.to, message.recipient);
        numbers.extend(payload.resend_number);
    }
    assert_eq!(numbers, vec![1, 2, 3], "each resend numbered once, in order");
    let history = h.service.history(invitation.id).await.unwrap();
    let resent: Vec<_> = history
        .iter()
        .filter(|e| e.action == EventAction::Resent)
        .map(|e| e.details.as_str())
        .collect();
    assert_eq!(resent, ["1 of 3", "2 of 3", "3 of 3"]);
}
