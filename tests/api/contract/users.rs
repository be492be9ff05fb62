//! Accounts: written once per address and per username, found by either, listed newest first.

use staff_onboarding::{
    domain::{Cursor, Role},
    server::store::{Conflict, EmailUse, StoreError},
};

use super::fixtures::{START, invite, teacher};
use crate::support::db::{TestDb, for_each_backend};

for_each_backend!(
    an_account_is_found_by_id_username_or_email_ignoring_case,
    a_taken_address_or_username_is_a_conflict_and_writes_nothing,
    accounts_list_newest_first_in_pages_that_never_overlap,
    an_address_is_free_invited_or_taken,
);

async fn an_account_is_found_by_id_username_or_email_ignoring_case(db: &TestDb) {
    let store = db.store().await;
    let user = store.insert_user(teacher("Sam@School.org", "Sam.Rivera"), START).await.unwrap();
    assert_eq!((user.email.as_str(), user.username.as_str()), ("Sam@School.org", "Sam.Rivera"));
    assert_eq!(store.find_user(user.id).await.unwrap(), Some(user.clone()));
    for login in ["sam.rivera", "sam@school.org"] {
        assert_eq!(store.find_user_by_login(login).await.unwrap().map(|u| u.id), Some(user.id));
    }
    assert_eq!(store.find_user_by_login("nobody").await.unwrap(), None);
    assert!(store.username_taken("sam.rivera").await.unwrap());
    assert_eq!(store.count_users_with_role(Role::Teacher).await.unwrap(), 1);
    assert_eq!(store.count_users_with_role(Role::SuperAdmin).await.unwrap(), 0);
}

async fn a_taken_address_or_username_is_a_conflict_and_writes_nothing(db: &TestDb) {
    let store = db.store().await;
    store.insert_user(teacher("sam@school.org", "sam"), START).await.unwrap();
    let same_address = store.insert_user(teacher("SAM@school.org", "other"), START).await;
    assert!(matches!(same_address, Err(StoreError::Conflict(Conflict::UserExists))));
    let same_username = store.insert_user(teacher("new@school.org", "SAM"), START).await;
    assert!(matches!(same_username, Err(StoreError::Conflict(Conflict::UsernameTaken))));
    assert_eq!(store.count_users_with_role(Role::Teacher).await.unwrap(), 1);
    assert!(!store.username_taken("other").await.unwrap());
}

async fn accounts_list_newest_first_in_pages_that_never_overlap(db: &TestDb) {
    let store = db.store().await;
    for i in 0..5 {
        // Two share a creation time: the id breaks the tie.
        let at = START.plus(std::time::Duration::from_secs(i / 2));
        store
            .insert_user(teacher(&format!("u{i}@school.org"), &format!("user{i}")), at)
            .await
            .unwrap();
    }
    let first = store.list_staff(None, 3).await.unwrap();
    let last = &first.last().unwrap().user;
    let after = Cursor { value: last.created_at.0, id: last.id };
    let second = store.list_staff(Some(after), 3).await.unwrap();
    let names: Vec<_> = first.iter().chain(&second).map(|s| s.user.username.as_str()).collect();
    assert_eq!(names, ["user4", "user3", "user2", "user1", "user0"]);
}

async fn an_address_is_free_invited_or_taken(db: &TestDb) {
    let store = db.store().await;
    assert_eq!(store.email_use("sam@school.org").await.unwrap(), EmailUse::Free);
    invite(&store, "sam@school.org", START).await;
    assert_eq!(store.email_use("sam@school.org").await.unwrap(), EmailUse::Invited);
    store.insert_user(teacher("alex@school.org", "alex"), START).await.unwrap();
    assert_eq!(store.email_use("alex@school.org").await.unwrap(), EmailUse::UserExists);
}
