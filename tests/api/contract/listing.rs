//! The dashboard's reads: filters, both orders with keyset paging, the counts per role and
//! stored state, and the change fingerprint.

use std::time::Duration;

use staff_onboarding::{
    domain::{Cursor, EventAction, Lifecycle, Role, Timestamp},
    server::store::{Expiry, InvitationFilter, Order, OrderBy, Store},
};

use super::fixtures::{DAY, START, event, invite};
use crate::support::db::{TestDb, for_each_backend};

for_each_backend!(
    a_filter_picks_by_role_state_expiry_and_literal_address_text,
    pages_follow_each_order_without_gaps_or_repeats,
    counts_are_per_role_and_stored_state_with_the_running_ones,
    the_change_stamp_moves_with_each_event_and_expiry,
);

fn all() -> InvitationFilter {
    InvitationFilter {
        roles: vec![Role::Teacher, Role::AdminStaff],
        lifecycle: None,
        expiry: None,
        email_contains: None,
        order: Order { by: OrderBy::SentAt, descending: true },
        after: None,
        limit: 100,
    }
}

async fn emails(store: &Store, filter: &InvitationFilter) -> Vec<String> {
    store.list_invitations(filter).await.unwrap().into_iter().map(|r| r.email).collect()
}

/// `n` invitations a minute apart from START, to a0@… (oldest) up to a{n-1}@….
async fn minutes_apart(store: &Store, n: u64) {
    for i in 0..n {
        invite(store, &format!("a{i}@school.org"), START.plus(Duration::from_secs(60 * i))).await;
    }
}

async fn a_filter_picks_by_role_state_expiry_and_literal_address_text(db: &TestDb) {
    let store = db.store().await;
    minutes_apart(&store, 3).await;
    invite(&store, "o_brien%@school.org", START).await;
    let revoked = store.find_invitation(1).await.unwrap().unwrap();
    store.revoke_invitation(revoked.id, START, event(EventAction::Revoked, "")).await.unwrap();

    let text = |t: &str| InvitationFilter { email_contains: Some(t.into()), ..all() };
    assert_eq!(emails(&store, &text("_brien%")).await, ["o_brien%@school.org"]);
    assert_eq!(emails(&store, &text("a_@")).await, Vec::<String>::new(), "_ is literal");
    let open = InvitationFilter { lifecycle: Some(Lifecycle::Open), ..all() };
    assert_eq!(emails(&store, &open).await.len(), 3);
    let revoked = InvitationFilter { lifecycle: Some(Lifecycle::Revoked), ..all() };
    assert_eq!(emails(&store, &revoked).await, ["a0@school.org"]);
    // a2 was sent 2 minutes after START, so its link runs out 2 minutes after the others'.
    let cut = START.plus(DAY).plus(Duration::from_secs(90));
    let running = InvitationFilter { expiry: Some(Expiry::After(cut)), ..open.clone() };
    assert_eq!(emails(&store, &running).await, ["a2@school.org"]);
    let ran_out = InvitationFilter { expiry: Some(Expiry::NotAfter(cut)), ..open };
    assert_eq!(emails(&store, &ran_out).await.len(), 2);
    let admins = InvitationFilter { roles: vec![Role::AdminStaff], ..all() };
    assert!(emails(&store, &admins).await.is_empty(), "every one is a Teacher");
}

async fn pages_follow_each_order_without_gaps_or_repeats(db: &TestDb) {
    let store = db.store().await;
    minutes_apart(&store, 7).await;
    for (by, descending) in
        [(OrderBy::SentAt, true), (OrderBy::SentAt, false), (OrderBy::ExpiresAt, false)]
    {
        let mut filter = InvitationFilter { order: Order { by, descending }, limit: 3, ..all() };
        let mut seen = Vec::new();
        loop {
            let page = store.list_invitations(&filter).await.unwrap();
            let Some(last) = page.last() else { break };
            filter.after = Some(Cursor { value: by.value_of(last), id: last.id });
            seen.extend(page.iter().map(|r| r.id));
        }
        let mut expected: Vec<i64> = (1..=7).collect();
        if descending {
            expected.reverse();
        }
        assert_eq!(seen, expected, "{by:?} descending={descending}");
    }
}

async fn counts_are_per_role_and_stored_state_with_the_running_ones(db: &TestDb) {
    let store = db.store().await;
    minutes_apart(&store, 4).await;
    store.revoke_invitation(1, START, event(EventAction::Revoked, "")).await.unwrap();
    let at = START.plus(DAY).plus(Duration::from_secs(90));
    let counts = store.count_invitations(at, at).await.unwrap();
    let teachers = counts[&Role::Teacher];
    assert_eq!((teachers.open, teachers.revoked, teachers.accepted), (3, 1, 0));
    assert_eq!(teachers.open_running, 2, "a2 and a3 still run at the cut");
    assert!(!counts.contains_key(&Role::AdminStaff));
}

async fn the_change_stamp_moves_with_each_event_and_expiry(db: &TestDb) {
    let store = db.store().await;
    let empty = store.change_stamp(START, Duration::ZERO).await.unwrap();
    assert_eq!((empty.last_event, empty.next_expiry), (0, None));
    let (sam, _) = invite(&store, "sam@school.org", START).await;
    let invited = store.change_stamp(START, Duration::ZERO).await.unwrap();
    assert!(invited.last_event > 0);
    assert_eq!(invited.next_expiry, Some(sam.expires_at));
    let after_expiry =
        store.change_stamp(Timestamp(sam.expires_at.0), Duration::ZERO).await.unwrap();
    assert_eq!(after_expiry.next_expiry, None);
    store.revoke_invitation(sam.id, START, event(EventAction::Revoked, "")).await.unwrap();
    assert!(
        store.change_stamp(START, Duration::ZERO).await.unwrap().last_event > invited.last_event
    );
}
