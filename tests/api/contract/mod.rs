//! The store contract: what every backend must do, called on the `Store` itself (no service
//! above it), each case on SQLite and on Postgres. One file per area of the store; the
//! fixtures for building its inputs are in `fixtures`.

mod acceptance;
mod conflicts;
mod creation;
mod fixtures;
mod invitations;
mod limits;
mod listing;
mod outbox;
mod sessions;
mod users;

use staff_onboarding::server::store::{StoreError, expected_migrations};

use crate::support::db::{TestDb, for_each_backend};

for_each_backend!(
    migrations_bring_an_empty_database_up_to_date,
    migrating_twice_changes_nothing,
    ping_answers_until_the_pool_is_closed,
);

async fn migrations_bring_an_empty_database_up_to_date(db: &TestDb) {
    let store = db.open().await;
    store.migrate().await.unwrap();
    let applied = store.applied_migrations().await.unwrap();
    assert!(!applied.is_empty(), "there is at least one migration");
    assert_eq!(applied, expected_migrations());
}

async fn migrating_twice_changes_nothing(db: &TestDb) {
    let first = db.store().await;
    let before = first.applied_migrations().await.unwrap();
    first.close().await;

    // A second process (a new pool) starting up against the same database.
    let second = db.store().await;
    assert_eq!(second.applied_migrations().await.unwrap(), before);
}

async fn ping_answers_until_the_pool_is_closed(db: &TestDb) {
    let store = db.store().await;
    store.ping().await.expect("a fresh store answers");
    store.close().await;
    let err = store.ping().await.expect_err("a closed store does not answer");
    assert!(matches!(err, StoreError::Unavailable(_)), "got {err:?}");
}
