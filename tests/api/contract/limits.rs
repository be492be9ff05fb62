//! The limits every server on a database shares: an allowance per bucket and subject (GCRA,
//! one statement a check, the same answer from two pools), and the browsers an account signed
//! in from, each with its own allowance and a count of wrong passwords in a row.

use std::time::Duration;

use staff_onboarding::server::store::{Allowance, DeviceCheck};

use super::fixtures::{START, teacher};
use crate::support::db::{TestDb, for_each_backend};

for_each_backend!(
    an_allowance_lets_in_its_burst_then_one_per_interval,
    two_servers_on_one_database_share_one_allowance,
    spent_allowances_are_swept_once_whole_again,
    a_device_is_checked_against_its_own_allowance_and_its_account,
    a_device_stops_counting_after_failures_in_a_row_and_success_clears_them,
    old_and_dead_devices_are_swept,
    a_burst_is_let_in_whole_whatever_order_its_requests_are_written_in,
);

/// Three at once, then one a second.
const THREE_THEN_ONE_A_SECOND: Allowance = Allowance { interval_ms: 1_000, tolerance_ms: 2_000 };

fn at(ms: i64) -> staff_onboarding::domain::Timestamp {
    START.plus(Duration::from_millis(ms as u64))
}

async fn an_allowance_lets_in_its_burst_then_one_per_interval(db: &TestDb) {
    let store = db.store().await;
    let take = |subject: &'static str, ms: i64| {
        let store = store.clone();
        async move {
            store
                .take_allowance("sign_in_account", subject, THREE_THEN_ONE_A_SECOND, at(ms))
                .await
                .unwrap()
        }
    };
    let burst = [take("user:1", 0).await, take("user:1", 0).await, take("user:1", 0).await];
    assert_eq!(burst, [true; 3]);
    assert!(!take("user:1", 10).await, "the burst is spent");
    assert!(!take("user:1", 900).await, "a refused request did not move the time on");
    assert!(take("user:1", 1_000).await, "one more a second later");
    assert!(!take("user:1", 1_000).await);
    assert!(take("user:2", 1_000).await, "another subject has its own");
    let other_bucket = store
        .take_allowance("username_check_link", "user:1", THREE_THEN_ONE_A_SECOND, at(1_000))
        .await
        .unwrap();
    assert!(other_bucket, "and another bucket");
    assert!(take("user:1", 10_000).await, "whole again after idling");
    assert!(take("user:1", 10_000).await);
    assert!(take("user:1", 10_000).await);
    assert!(!take("user:1", 10_000).await, "but never more than the burst");
}

async fn two_servers_on_one_database_share_one_allowance(db: &TestDb) {
    let (first, second) = (db.store().await, db.open().await);
    let mut answers = Vec::new();
    for i in 0..10 {
        let store = if i % 2 == 0 { &first } else { &second };
        let taken =
            store.take_allowance("sign_in_account", "user:7", THREE_THEN_ONE_A_SECOND, at(0));
        answers.push(taken.await.unwrap());
    }
    assert_eq!(answers.iter().filter(|a| **a).count(), 3, "{answers:?}");

    // At once from many connections: still exactly the burst.
    let racing = (0..16).map(|i| {
        let store = if i % 2 == 0 { first.clone() } else { second.clone() };
        async move {
            store
                .take_allowance("sign_in_account", "user:8", THREE_THEN_ONE_A_SECOND, at(0))
                .await
                .unwrap()
        }
    });
    let answers = futures::future::join_all(racing.map(tokio::spawn)).await;
    assert_eq!(answers.into_iter().filter(|a| *a.as_ref().unwrap()).count(), 3);
}

async fn spent_allowances_are_swept_once_whole_again(db: &TestDb) {
    let store = db.store().await;
    for subject in ["a", "b"] {
        store.take_allowance("b1", subject, THREE_THEN_ONE_A_SECOND, at(0)).await.unwrap();
    }
    for _ in 0..3 {
        store.take_allowance("b1", "c", THREE_THEN_ONE_A_SECOND, at(0)).await.unwrap();
    }
    assert_eq!(store.sweep_allowances(at(999)).await.unwrap(), 0, "nothing whole yet");
    assert_eq!(store.sweep_allowances(at(1_000)).await.unwrap(), 2, "a and b");
    // c's row was kept: a second later it has one request back, not three.
    let take = || store.take_allowance("b1", "c", THREE_THEN_ONE_A_SECOND, at(1_000));
    assert!(take().await.unwrap());
    assert!(!take().await.unwrap(), "c's spent allowance was kept");
    assert_eq!(store.sweep_allowances(at(4_000)).await.unwrap(), 1);
}

async fn a_device_is_checked_against_its_own_allowance_and_its_account(db: &TestDb) {
    let store = db.store().await;
    let owner = store.insert_user(teacher("sam@school.org", "sam"), START).await.unwrap();
    let other = store.insert_user(teacher("kim@school.org", "kim"), START).await.unwrap();
    let id = [7u8; 32];
    store.add_device(&id, owner.id, at(0)).await.unwrap();
    let check = |user_id: i64, device: [u8; 32], ms: i64| {
        let store = store.clone();
        async move {
            store.check_device(&device, user_id, THREE_THEN_ONE_A_SECOND, 5, at(ms)).await.unwrap()
        }
    };
    assert_eq!(check(other.id, id, 0).await, DeviceCheck::Unknown, "another account's");
    assert_eq!(check(owner.id, [8u8; 32], 0).await, DeviceCheck::Unknown, "never seen");
    for _ in 0..3 {
        assert_eq!(check(owner.id, id, 0).await, DeviceCheck::Allowed);
    }
    assert_eq!(check(owner.id, id, 0).await, DeviceCheck::Limited);
    assert_eq!(check(owner.id, id, 500).await, DeviceCheck::Limited, "refusals cost nothing");
    assert_eq!(check(owner.id, id, 1_000).await, DeviceCheck::Allowed);
}

async fn a_device_stops_counting_after_failures_in_a_row_and_success_clears_them(db: &TestDb) {
    let store = db.store().await;
    let owner = store.insert_user(teacher("sam@school.org", "sam"), START).await.unwrap();
    let id = [9u8; 32];
    store.add_device(&id, owner.id, at(0)).await.unwrap();
    let roomy = Allowance { interval_ms: 1, tolerance_ms: 1_000_000 };
    for expected in 1..=4 {
        assert_eq!(store.device_outcome(&id, false, at(1)).await.unwrap(), expected);
    }
    assert_eq!(store.device_outcome(&id, true, at(2)).await.unwrap(), 0, "a success clears");
    for _ in 0..5 {
        store.device_outcome(&id, false, at(3)).await.unwrap();
    }
    let check = store.check_device(&id, owner.id, roomy, 5, at(4)).await.unwrap();
    assert_eq!(check, DeviceCheck::Unknown, "5 wrong passwords in a row: no longer known");
    assert_eq!(store.device_outcome(&[1u8; 32], false, at(4)).await.unwrap(), 0, "none such");
}

async fn old_and_dead_devices_are_swept(db: &TestDb) {
    let store = db.store().await;
    let owner = store.insert_user(teacher("sam@school.org", "sam"), START).await.unwrap();
    store.add_device(&[1u8; 32], owner.id, at(0)).await.unwrap();
    store.add_device(&[2u8; 32], owner.id, at(0)).await.unwrap();
    store.add_device(&[3u8; 32], owner.id, at(0)).await.unwrap();
    store.device_outcome(&[2u8; 32], true, at(5_000)).await.unwrap(); // used later
    for _ in 0..5 {
        store.device_outcome(&[3u8; 32], false, at(5_000)).await.unwrap();
    }
    assert_eq!(store.sweep_devices(at(1_000), 5).await.unwrap(), 2, "the unused and the dead");
    let roomy = Allowance { interval_ms: 1, tolerance_ms: 1_000 };
    let kept = store.check_device(&[2u8; 32], owner.id, roomy, 5, at(6_000)).await.unwrap();
    assert_eq!(kept, DeviceCheck::Allowed);
}

/// Requests read the clock, then wait their turn to write: one that read it first may write
/// last. A burst read within one interval is let in whole, in any order of writing, for an
/// allowance and for a known browser alike; one more is not. (Judged at the time each
/// request read, a request written after a later one found the burst spent "after" its
/// reading, and was refused a request early.) Random bursts and orders, from a fixed seed.
async fn a_burst_is_let_in_whole_whatever_order_its_requests_are_written_in(db: &TestDb) {
    let store = db.store().await;
    let owner = store.insert_user(teacher("sam@school.org", "sam"), START).await.unwrap();
    let mut seed = 0x5eed_u64;
    let mut next = move |below: u64| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % below
    };
    for case in 0..40u8 {
        // Three requests read at random within one interval (1 s), written in that order.
        let start = 10_000 * i64::from(case);
        let read: Vec<i64> = (0..3).map(|_| start + next(1_000) as i64).collect();
        let last = *read.iter().max().unwrap_or(&start);
        let subject = format!("user:{case}");
        let device = [case; 32];
        store.add_device(&device, owner.id, at(start)).await.unwrap();
        for &ms in &read {
            let taken = store
                .take_allowance("sign_in_account", &subject, THREE_THEN_ONE_A_SECOND, at(ms))
                .await
                .unwrap();
            assert!(taken, "case {case}: read at {read:?}, written in that order");
            let checked =
                store.check_device(&device, owner.id, THREE_THEN_ONE_A_SECOND, 5, at(ms)).await;
            assert_eq!(checked.unwrap(), DeviceCheck::Allowed, "case {case}: {read:?}");
        }
        let one_more =
            store.take_allowance("sign_in_account", &subject, THREE_THEN_ONE_A_SECOND, at(last));
        assert!(!one_more.await.unwrap(), "case {case}: the burst is spent");
        let one_more = store.check_device(&device, owner.id, THREE_THEN_ONE_A_SECOND, 5, at(last));
        assert_eq!(one_more.await.unwrap(), DeviceCheck::Limited, "case {case}");
    }
}
