//! Invitations: created whole or not at all, and changed only while still as the service saw
//! them.

use staff_onboarding::{
    domain::{Email, EventAction, Lifecycle},
    server::store::{Conflict, Reissue, ReissueKind, Seen, Store, StoreError},
};

use super::fixtures::{DAY, START, event, invitation, invite, link, message, teacher};
use crate::support::db::{TestDb, for_each_backend};
use std::{collections::HashMap, sync::Arc};

for_each_backend!(
    an_invitation_is_written_with_its_link_events_and_message,
    a_refused_invitation_leaves_nothing_behind,
    a_new_link_replaces_the_old_one_only_while_the_invitation_is_as_seen,
    an_address_correction_needs_a_working_link_and_a_free_address,
    only_an_open_invitation_is_revoked,
    invitations_made_at_the_same_moment_each_get_their_own_outcome,
    links_looked_up_together_are_found_as_one_at_a_time,
);

fn reissue(
    record: &staff_onboarding::server::store::InvitationRecord,
    kind: ReissueKind,
) -> Reissue {
    let now = START.plus(DAY / 2);
    Reissue {
        invitation_id: record.id,
        kind,
        seen: Seen::of(record),
        now,
        link: link(now),
        event: event(EventAction::Resent, "1 of 3"),
        messages: vec![message(&record.email)],
    }
}

/// How many rows the invitation's history and outbox hold.
async fn trail(store: &Store, id: i64) -> (usize, usize) {
    let events = store.invitation_history(id).await.unwrap().len();
    (events, store.outbox_for(id).await.unwrap().len())
}

async fn an_invitation_is_written_with_its_link_events_and_message(db: &TestDb) {
    let store = db.store().await;
    let (record, link) = invite(&store, "Sam@School.org", START).await;
    assert_eq!((record.email.as_str(), record.lifecycle), ("Sam@School.org", Lifecycle::Open));
    assert_eq!((record.sent_at, record.expires_at), (START, link.expires_at));
    let found = store.find_link(&link.token_hash).await.unwrap().unwrap();
    assert!(found.is_current());
    assert_eq!(found.invitation, record);
    let history = store.invitation_history(record.id).await.unwrap();
    assert_eq!(
        (history[0].action, history[0].details.as_str()),
        (EventAction::Created, "as Teacher")
    );
    let outbox = store.outbox_for(record.id).await.unwrap();
    assert_eq!(
        (outbox[0].recipient.as_str(), outbox[0].status.as_str()),
        ("Sam@School.org", "queued")
    );
    assert_eq!(store.find_link(&[0xee; 32]).await.unwrap(), None);
}

async fn a_refused_invitation_leaves_nothing_behind(db: &TestDb) {
    let store = db.store().await;
    invite(&store, "sam@school.org", START).await;
    let again = store.create_invitation(invitation("SAM@school.org", START)).await;
    assert!(matches!(again, Err(StoreError::Conflict(Conflict::AlreadyInvited))), "{again:?}");

    store.insert_user(teacher("alex@school.org", "alex"), START).await.unwrap();
    let refused = invitation("alex@school.org", START);
    let refused_link = refused.link.token_hash;
    let taken = store.create_invitation(refused).await;
    assert!(matches!(taken, Err(StoreError::Conflict(Conflict::UserExists))), "{taken:?}");
    assert_eq!(store.find_link(&refused_link).await.unwrap(), None, "no link was kept");
    let counts = store.count_invitations(START, START).await.unwrap();
    let open: u64 = counts.values().map(|c| c.open).sum();
    assert_eq!(open, 1, "only the first invitation exists");
}

async fn a_new_link_replaces_the_old_one_only_while_the_invitation_is_as_seen(db: &TestDb) {
    let store = db.store().await;
    let (before, old_link) = invite(&store, "sam@school.org", START).await;
    let first = reissue(&before, ReissueKind::Resend);
    let new_link = first.link.clone();
    let after = store.reissue_link(first).await.unwrap().expect("as seen: made");
    assert_eq!(after.resend_count, 1);
    assert_eq!(after.expires_at, new_link.expires_at);
    assert!(!store.find_link(&old_link.token_hash).await.unwrap().unwrap().is_current());
    assert!(store.find_link(&new_link.token_hash).await.unwrap().unwrap().is_current());
    assert_eq!(trail(&store, before.id).await, (2, 2));

    // Decided from the invitation before that resend: refused, and nothing is written.
    let stale = reissue(&before, ReissueKind::Resend);
    let stale_link = stale.link.token_hash;
    assert_eq!(store.reissue_link(stale).await.unwrap(), None);
    assert_eq!(store.find_link(&stale_link).await.unwrap(), None);
    assert_eq!(trail(&store, before.id).await, (2, 2));
    let now = store.find_invitation(before.id).await.unwrap().unwrap();
    assert_eq!(now, after);

    let renew = reissue(&after, ReissueKind::Renew);
    assert_eq!(store.reissue_link(renew).await.unwrap().unwrap().resend_count, 1, "not counted");
}

async fn an_address_correction_needs_a_working_link_and_a_free_address(db: &TestDb) {
    let store = db.store().await;
    let (sam, _) = invite(&store, "sam@school.org", START).await;
    let correct = |to: &str| ReissueKind::CorrectEmail {
        new_email: Email::parse(to).unwrap(),
        counted: false,
    };

    store.insert_user(teacher("alex@school.org", "alex"), START).await.unwrap();
    let taken = store.reissue_link(reissue(&sam, correct("alex@school.org"))).await;
    assert!(matches!(taken, Err(StoreError::Conflict(Conflict::UserExists))), "{taken:?}");
    invite(&store, "jo@school.org", START).await;
    let invited = store.reissue_link(reissue(&sam, correct("jo@school.org"))).await;
    assert!(matches!(invited, Err(StoreError::Conflict(Conflict::AlreadyInvited))), "{invited:?}");
    assert_eq!(trail(&store, sam.id).await, (1, 1), "refusals write nothing");

    let moved = store.reissue_link(reissue(&sam, correct("samuel@school.org"))).await.unwrap();
    let moved = moved.unwrap();
    assert_eq!((moved.email.as_str(), moved.resend_count), ("samuel@school.org", 0));

    let mut late = reissue(&moved, correct("sam.r@school.org"));
    late.now = moved.expires_at;
    assert_eq!(store.reissue_link(late).await.unwrap(), None, "its link has run out");
}

async fn only_an_open_invitation_is_revoked(db: &TestDb) {
    let store = db.store().await;
    let (sam, _) = invite(&store, "sam@school.org", START).await;
    let revoke = || event(EventAction::Revoked, "");
    let revoked = store.revoke_invitation(sam.id, START, revoke()).await.unwrap().unwrap();
    assert_eq!((revoked.lifecycle, revoked.revoked_at), (Lifecycle::Revoked, Some(START)));
    assert_eq!(store.revoke_invitation(sam.id, START, revoke()).await.unwrap(), None);
    assert_eq!(trail(&store, sam.id).await, (2, 1));
    // Its address is free for a new invitation.
    invite(&store, "sam@school.org", START).await;
}

/// Forty invitations at once (on SQLite they share commits, see `store/group_commit.rs`):
/// an address with an account and an address asked for twice are refused, each alone, and
/// every other one is written whole.
async fn invitations_made_at_the_same_moment_each_get_their_own_outcome(db: &TestDb) {
    let store = db.store().await;
    store.insert_user(teacher("taken@school.org", "taken"), START).await.unwrap();
    let emails: Vec<String> = (0..40)
        .map(|i| match i % 8 {
            3 => "taken@school.org".to_owned(),
            5 => format!("twin{}@school.org", i / 16),
            _ => format!("staff{i}@school.org"),
        })
        .collect();
    let tasks: Vec<_> = emails
        .iter()
        .map(|email| {
            let (store, new) = (Arc::clone(&store), invitation(email, START));
            let link = new.link.token_hash;
            (email, link, tokio::spawn(async move { store.create_invitation(new).await }))
        })
        .collect();
    let mut made = std::collections::BTreeMap::new();
    for (email, link, task) in tasks {
        let outcome = task.await.unwrap();
        match (email.as_str(), outcome) {
            ("taken@school.org", Err(StoreError::Conflict(Conflict::UserExists))) => {}
            (twin, Err(StoreError::Conflict(Conflict::AlreadyInvited)))
                if twin.starts_with("twin") => {}
            (_, Ok(record)) => {
                assert!(made.insert(email.clone(), record.id).is_none(), "{email} made twice");
                let found = store.find_link(&link).await.unwrap().expect("its link");
                assert_eq!(found.invitation, record);
                assert_eq!(trail(&store, record.id).await, (1, 1), "its event and message");
                continue;
            }
            (_, outcome) => panic!("{email}: {outcome:?}"),
        }
        assert_eq!(store.find_link(&link).await.unwrap(), None, "{email}: nothing kept");
    }
    // 30 distinct addresses, the three twins once each; distinct ids.
    assert_eq!(made.len(), 30 + 3);
    let ids: std::collections::BTreeSet<i64> = made.values().copied().collect();
    assert_eq!(ids.len(), made.len());
    let counts = store.count_invitations(START, START).await.unwrap();
    assert_eq!(counts.values().map(|c| c.open).sum::<u64>(), 33);
}

/// The outbox's gate looks up a whole round's links at once: the same answers as one at a
/// time, for more links than one statement takes, a superseded link included and a hash no
/// link has left out.
async fn links_looked_up_together_are_found_as_one_at_a_time(db: &TestDb) {
    let store = db.store().await;
    let mut hashes = Vec::new();
    for n in 0..503u32 {
        let mut new = invitation(&format!("teacher{n}@school.org"), START);
        new.link.token_hash = [0xA5; 32];
        new.link.token_hash[..4].copy_from_slice(&n.to_be_bytes());
        hashes.push(new.link.token_hash);
        store.create_invitation(new).await.unwrap();
    }
    let first = store.find_link(&hashes[0]).await.unwrap().unwrap().invitation;
    let resend = reissue(&first, ReissueKind::Resend);
    hashes.push(resend.link.token_hash);
    store.reissue_link(resend).await.unwrap().expect("as seen: made");
    let unknown = [0x5A; 32];
    hashes.push(unknown);

    let found: HashMap<_, _> = store.find_links(&hashes).await.unwrap().into_iter().collect();
    assert_eq!(found.len(), 504, "every link once, the unknown hash left out");
    for hash in &hashes {
        assert_eq!(found.get(hash), store.find_link(hash).await.unwrap().as_ref(), "{hash:?}");
    }
    assert!(!found[&hashes[0]].is_current(), "superseded by the resend");
    assert!(found[&hashes[503]].is_current());
    assert_eq!(found[&hashes[503]].invitation.resend_count, 1);
}
