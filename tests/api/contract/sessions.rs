//! Sessions: each record is kept with the account it signed in, so that a request reads both
//! in one statement; sessions signed in before that column existed are given theirs at
//! start-up.

use std::collections::HashMap;

use staff_onboarding::server::{
    auth::sessions::{SessionBackend, USER_ID},
    store::{Pool, Store},
};
use tower_sessions::{
    SessionStore,
    cookie::time::{Duration, OffsetDateTime},
    session::{Id, Record},
};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

use super::fixtures::{START, teacher};
use crate::support::db::{TestDb, for_each_backend};

for_each_backend!(
    a_signed_in_session_is_read_with_its_account,
    an_anonymous_or_expired_session_has_no_account,
    sessions_signed_in_before_are_given_their_account_at_start_up,
);

fn record(user_id: Option<i64>, expires_in: Duration) -> Record {
    let data: HashMap<String, serde_json::Value> =
        user_id.map(|id| (USER_ID.to_owned(), id.into())).into_iter().collect();
    Record { id: Id::default(), data, expiry_date: OffsetDateTime::now_utc() + expires_in }
}

async fn sessions(db: &TestDb) -> (std::sync::Arc<Store>, SessionBackend) {
    let store = db.store().await;
    let backend = SessionBackend::on(&store);
    backend.migrate().await.unwrap();
    (store, backend)
}

async fn a_signed_in_session_is_read_with_its_account(db: &TestDb) {
    let (store, backend) = sessions(db).await;
    let user = store.insert_user(teacher("sam@school.org", "sam"), START).await.unwrap();
    let mut signed_in = record(Some(user.id), Duration::hours(1));
    backend.create(&mut signed_in).await.unwrap();

    let id = signed_in.id.to_string();
    let (data, account) =
        store.signed_in_session(&id, OffsetDateTime::now_utc()).await.unwrap().unwrap();
    assert_eq!(account, user);
    let read: Record = rmp_serde::from_slice(&data).unwrap();
    assert_eq!(read.data, signed_in.data);

    // Saving the record again (its idle expiry renewed) keeps the account beside it.
    signed_in.expiry_date += Duration::hours(1);
    backend.save(&signed_in).await.unwrap();
    assert!(store.signed_in_session(&id, OffsetDateTime::now_utc()).await.unwrap().is_some());
}

async fn an_anonymous_or_expired_session_has_no_account(db: &TestDb) {
    let (store, backend) = sessions(db).await;
    let user = store.insert_user(teacher("sam@school.org", "sam"), START).await.unwrap();
    let mut anonymous = record(None, Duration::hours(1));
    let mut expired = record(Some(user.id), Duration::seconds(-1));
    backend.create(&mut anonymous).await.unwrap();
    backend.create(&mut expired).await.unwrap();
    let now = OffsetDateTime::now_utc();
    for session in [&anonymous, &expired] {
        assert_eq!(store.signed_in_session(&session.id.to_string(), now).await.unwrap(), None);
    }
    assert_eq!(store.signed_in_session("no-such-session", now).await.unwrap(), None);
}

async fn sessions_signed_in_before_are_given_their_account_at_start_up(db: &TestDb) {
    let (store, _) = sessions(db).await;
    let user = store.insert_user(teacher("sam@school.org", "sam"), START).await.unwrap();
    // Written as tower-sessions' own store wrote every session before: no account beside it.
    let mut before = record(Some(user.id), Duration::hours(1));
    let mut anonymous = record(None, Duration::hours(1));
    match store.pool() {
        Pool::Sqlite(pool) => {
            let records = SqliteStore::new(pool);
            records.create(&mut before).await.unwrap();
            records.create(&mut anonymous).await.unwrap();
        }
        Pool::Postgres(pool) => {
            let records = PostgresStore::new(pool);
            records.create(&mut before).await.unwrap();
            records.create(&mut anonymous).await.unwrap();
        }
    }
    let now = OffsetDateTime::now_utc();
    assert_eq!(store.signed_in_session(&before.id.to_string(), now).await.unwrap(), None);

    SessionBackend::on(&store).migrate().await.unwrap();
    let found = store.signed_in_session(&before.id.to_string(), now).await.unwrap();
    assert_eq!(found.map(|(_, account)| account.id), Some(user.id));
    assert_eq!(store.signed_in_session(&anonymous.id.to_string(), now).await.unwrap(), None);
}
