//! Creating an invitation, through each of the store's two paths: the group commit (SQLite's,
//! for the invitations made at the same moment) and alone (Postgres's, and a bulk job's row).
//! Both run one definition of the invitation's statements; these cases hold them to the same
//! outcomes, on each backend.

use staff_onboarding::{
    domain::{EventAction, Lifecycle},
    server::store::{Actor, Conflict, CreateInvitation, InvitationRecord, Store, StoreError},
};

use super::fixtures::{START, invitation, teacher};
use crate::support::db::{TestDb, for_each_backend};

for_each_backend!(
    each_path_writes_the_invitation_whole,
    each_path_refuses_an_address_already_invited,
    each_path_refuses_an_address_an_account_has,
    each_path_names_the_account_first_when_the_address_is_also_invited,
    each_path_refuses_an_actor_no_longer_active,
);

#[derive(Debug, Clone, Copy)]
enum Path {
    Group,
    Alone,
}

const PATHS: [Path; 2] = [Path::Group, Path::Alone];

async fn create(
    store: &Store,
    path: Path,
    new: CreateInvitation,
) -> Result<InvitationRecord, StoreError> {
    match path {
        Path::Group => store.create_invitation(new).await,
        Path::Alone => store.create_invitation_alone(new).await,
    }
}

/// `new` refused with `conflict`, leaving neither its link nor anything else behind.
async fn refused_whole(store: &Store, path: Path, new: CreateInvitation, expected: StoreError) {
    let hash = new.link.token_hash;
    let before = store.count_invitations(START, START).await.unwrap();
    let outcome = create(store, path, new).await;
    assert_eq!(
        format!("{:?}", outcome.as_ref().err()),
        format!("{:?}", Some(&expected)),
        "{path:?}: {outcome:?}"
    );
    assert_eq!(store.find_link(&hash).await.unwrap(), None, "{path:?}: no link was kept");
    assert_eq!(
        store.count_invitations(START, START).await.unwrap(),
        before,
        "{path:?}: nothing added"
    );
}

async fn each_path_writes_the_invitation_whole(db: &TestDb) {
    let store = db.store().await;
    for (i, path) in PATHS.into_iter().enumerate() {
        let new = invitation(&format!("Sam{i}@School.org"), START);
        let hash = new.link.token_hash;
        let record = create(&store, path, new).await.unwrap();
        assert_eq!(record.lifecycle, Lifecycle::Open, "{path:?}");
        let link = store.find_link(&hash).await.unwrap().expect("its link");
        assert!(link.is_current(), "{path:?}");
        assert_eq!(link.invitation, record, "{path:?}: the record is what was stored");
        let history = store.invitation_history(record.id).await.unwrap();
        assert_eq!(history.iter().map(|e| e.action).collect::<Vec<_>>(), [EventAction::Created]);
        let outbox = store.outbox_for(record.id).await.unwrap();
        assert_eq!(outbox.len(), 1, "{path:?}: its message");
    }
}

async fn each_path_refuses_an_address_already_invited(db: &TestDb) {
    let store = db.store().await;
    store.create_invitation(invitation("sam@school.org", START)).await.unwrap();
    for path in PATHS {
        let again = invitation("SAM@school.org", START);
        refused_whole(&store, path, again, StoreError::Conflict(Conflict::AlreadyInvited)).await;
    }
}

async fn each_path_refuses_an_address_an_account_has(db: &TestDb) {
    let store = db.store().await;
    store.insert_user(teacher("alex@school.org", "alex"), START).await.unwrap();
    for path in PATHS {
        let new = invitation("Alex@School.org", START);
        refused_whole(&store, path, new, StoreError::Conflict(Conflict::UserExists)).await;
    }
}

/// An address both invited and an account's (an account made some other way while the
/// invitation was open): the account is what the person is told about, on every path.
async fn each_path_names_the_account_first_when_the_address_is_also_invited(db: &TestDb) {
    let store = db.store().await;
    store.create_invitation(invitation("sam@school.org", START)).await.unwrap();
    store.insert_user(teacher("sam@school.org", "sam"), START).await.unwrap();
    for path in PATHS {
        let new = invitation("sam@school.org", START);
        refused_whole(&store, path, new, StoreError::Conflict(Conflict::UserExists)).await;
    }
}

async fn each_path_refuses_an_actor_no_longer_active(db: &TestDb) {
    let store = db.store().await;
    for path in PATHS {
        let mut new = invitation("sam@school.org", START);
        new.actor = Actor { user_id: Some(999_999), name: "Gone Admin".into() };
        refused_whole(&store, path, new, StoreError::ActorInactive).await;
    }
}
