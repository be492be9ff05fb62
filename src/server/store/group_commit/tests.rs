//! The group commit's own tests, on a temporary SQLite store: the group written together, a
//! refused invitation failing alone, and the transaction the group's script holds.

use super::{StoreError, Together, Writing, write};
use crate::domain::{Email, EventAction, PersonName, Role, Timestamp, Username};
use crate::server::{
    config::DatabaseUrl,
    store::{
        self, Actor, Backend, Conflict, CreateInvitation, Db, NewEvent, NewLink, NewMessage,
        NewUser, Store,
    },
};
use std::sync::Arc;

const NOW: Timestamp = Timestamp(1_000);

/// An invitation to `email` whose link's hash is all `mark`.
fn invitation(email: &str, mark: u8) -> CreateInvitation {
    let system = Actor::system();
    CreateInvitation {
        email: Email::parse(email).unwrap(),
        role: Role::Teacher,
        language: None,
        actor: system.clone(),
        now: NOW,
        link: NewLink { token_hash: [mark; 32], expires_at: Timestamp(2_000) },
        events: vec![NewEvent {
            action: EventAction::Created,
            actor: system,
            details: "as Teacher".into(),
        }],
        messages: vec![NewMessage {
            kind: "invitation",
            recipient: email.into(),
            payload: "{}".into(),
            due_at: None,
        }],
        bulk_row: None,
    }
}

/// A migrated SQLite store in a directory of its own, deleted with the directory.
async fn temporary_store() -> (tempfile::TempDir, Arc<Store>) {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("group.db").display());
    let store = store::connect(&DatabaseUrl::parse(&url).unwrap()).await.unwrap();
    store.migrate().await.unwrap();
    (dir, store)
}

/// An account with `email` that never signs in.
fn account(email: &str, username: &str) -> NewUser {
    NewUser {
        email: Email::parse(email).unwrap(),
        username: Username::parse(username).unwrap(),
        full_name: PersonName::parse("Alex Head").unwrap(),
        phone: None,
        role: Role::Teacher,
        password_hash: "not a hash: never signs in".into(),
    }
}

#[tokio::test]
async fn a_refused_invitation_fails_alone_and_leaves_nothing_in_its_group() {
    let (_dir, store) = temporary_store().await;
    store.insert_user(account("taken@school.org", "taken"), NOW).await.unwrap();
    let Db::Sqlite(backend) = &store.db else { panic!("a SQLite store") };

    // One group: an address with an account and the same address twice (each refused
    // by its insert), a link's secret used twice (the second refused after its
    // invitation's row was inserted: that row must go too), and the invitations around
    // them.
    let group = [
        invitation("a@school.org", 1),
        invitation("taken@school.org", 2),
        invitation("b@school.org", 3),
        invitation("A@School.org", 4),
        invitation("e@school.org", 1),
        invitation("c@school.org", 5),
    ];
    let outcomes = write(backend.writer(), &group.iter().collect::<Vec<_>>()).await;
    let refusal = |outcome: &Result<_, StoreError>| match outcome {
        Err(StoreError::Conflict(conflict)) => Some(*conflict),
        Ok(_) => None,
        Err(other) => panic!("{other:?}"),
    };
    // A link's secret used twice is no rule a person can break: an unexpected error.
    let reused = &outcomes[4];
    assert!(matches!(reused, Err(StoreError::Database(_))), "the link used twice: {reused:?}");
    let refusals: Vec<_> =
        outcomes.iter().enumerate().filter(|(i, _)| *i != 4).map(|(_, o)| refusal(o)).collect();
    assert_eq!(
        refusals,
        [None, Some(Conflict::UserExists), None, Some(Conflict::AlreadyInvited), None]
    );
    for (new, outcome) in group.iter().zip(&outcomes) {
        let link = store.find_link(&new.link.token_hash).await.unwrap();
        match outcome {
            _ if new.email.as_str() == "e@school.org" => {}
            Ok(record) => {
                let link = link.expect("its link");
                assert!(link.is_current());
                assert_eq!(&link.invitation, record, "the record is what was stored");
                assert_eq!(store.invitation_history(record.id).await.unwrap().len(), 1);
                assert_eq!(store.outbox_for(record.id).await.unwrap().len(), 1);
            }
            Err(_) => assert_eq!(link, None, "nothing of a refused invitation is kept"),
        }
    }

    // A group whose first invitation is refused: the next is still written.
    let group = [invitation("b@school.org", 6), invitation("d@school.org", 7)];
    let outcomes = write(backend.writer(), &group.iter().collect::<Vec<_>>()).await;
    let refusals: Vec<_> = outcomes.iter().map(refusal).collect();
    assert_eq!(refusals, [Some(Conflict::AlreadyInvited), None]);
    let counts = store.count_invitations(NOW, NOW).await.unwrap();
    assert_eq!(counts.values().map(|c| c.open).sum::<u64>(), 4, "a, b, c and d");
}

#[tokio::test]
async fn a_group_is_written_together_or_not_at_all() {
    let (_dir, store) = temporary_store().await;
    let Db::Sqlite(backend) = &store.db else { panic!("a SQLite store") };
    let write_together = |group: Vec<CreateInvitation>| async move {
        let keys: Vec<String> = group.iter().map(|new| new.email.key()).collect();
        let news: Vec<_> = group.iter().zip(&keys).map(|(new, key)| (new, key.as_str())).collect();
        let mut conn = backend.writer().acquire().await.unwrap();
        match super::write_together(&mut conn, &news).await.unwrap() {
            Together::Committed(outcomes) => {
                Some(outcomes.into_iter().map(Result::unwrap).collect::<Vec<_>>())
            }
            Together::Refused(_) => {
                super::run(&mut conn, "ROLLBACK").await.unwrap();
                None
            }
        }
    };

    // Three invitations, each with two emails and two events, in one set of statements:
    // each gets its own row, link, history and emails, as one at a time would.
    let mut group = vec![invitation("a@school.org", 1), invitation("b@school.org", 2)];
    let mut third = invitation("c@school.org", 3);
    third.events.push(NewEvent {
        action: EventAction::Sent,
        actor: Actor::system(),
        details: "to c@school.org".into(),
    });
    third.messages.push(NewMessage {
        kind: "reminder",
        recipient: "c@school.org".into(),
        payload: "{}".into(),
        due_at: Some(Timestamp(1_500)),
    });
    group.push(third);
    let expected: Vec<(String, [u8; 32], usize, usize)> = group
        .iter()
        .map(|new| {
            let email = new.email.as_str().to_owned();
            (email, new.link.token_hash, new.events.len(), new.messages.len())
        })
        .collect();
    let records = write_together(group).await.expect("nothing refused: written together");
    for (record, (email, hash, events, messages)) in records.iter().zip(&expected) {
        assert_eq!(&record.email, email, "outcomes in the group's order");
        let link = store.find_link(hash).await.unwrap().expect("its link");
        assert!(link.is_current(), "{email}: its link is its current one");
        assert_eq!(&link.invitation, record, "the record is what was stored");
        assert_eq!(store.invitation_history(record.id).await.unwrap().len(), *events);
        assert_eq!(store.outbox_for(record.id).await.unwrap().len(), *messages);
    }

    // One refused address (already invited above) and the group is not written at all,
    // so that the caller writes it one savepoint an invitation.
    let group = vec![invitation("d@school.org", 4), invitation("b@school.org", 5)];
    assert!(write_together(group).await.is_none(), "a refusal: nothing written together");
    assert_eq!(store.find_link(&[4; 32]).await.unwrap(), None, "nothing of it is kept");
    let counts = store.count_invitations(NOW, NOW).await.unwrap();
    assert_eq!(counts.values().map(|c| c.open).sum::<u64>(), 3, "a, b and c");
}

/// The group's transaction is begun and committed by its own statements, which sqlx
/// doesn't count: a connection given up inside one must not reach the next group, whose
/// `BEGIN` would fail on it ("cannot start a transaction within a transaction").
#[tokio::test]
async fn a_connection_given_up_inside_its_transaction_is_not_handed_on() {
    let (_dir, store) = temporary_store().await;
    let Db::Sqlite(backend) = &store.db else { panic!("a SQLite store") };
    let mut writing = Writing { conn: backend.writer().acquire().await.unwrap(), ended: false };
    super::run(&mut writing.conn, "BEGIN IMMEDIATE").await.unwrap();
    drop(writing);
    let group = [invitation("a@school.org", 1), invitation("b@school.org", 2)];
    let outcomes = write(backend.writer(), &group.iter().collect::<Vec<_>>()).await;
    assert!(outcomes.iter().all(Result::is_ok), "{outcomes:?}");
    assert!(store.find_link(&[2; 32]).await.unwrap().is_some(), "committed");
}

/// An admin deactivated before their invitations are written: the insert's own rule
/// refuses each of theirs, alone in its group, and says so before anything about the
/// address (an account has it, here).
#[tokio::test]
async fn a_deactivated_admins_invitations_fail_alone_in_their_group() {
    let (_dir, store) = temporary_store().await;
    let gone = store.insert_user(account("gone@school.org", "gone"), NOW).await.unwrap();
    store.insert_user(account("taken@school.org", "taken"), NOW).await.unwrap();
    let Db::Sqlite(backend) = &store.db else { panic!("a SQLite store") };
    sqlx::query("UPDATE users SET deactivated_at = 1 WHERE id = $1")
        .bind(gone.id)
        .execute(backend.writer())
        .await
        .unwrap();
    let theirs = |email: &str, mark: u8| {
        let mut new = invitation(email, mark);
        new.actor = Actor { user_id: Some(gone.id), name: "Alex Head".into() };
        new
    };
    let group =
        [invitation("a@school.org", 1), theirs("b@school.org", 2), invitation("c@school.org", 3)];
    let outcomes = write(backend.writer(), &group.iter().collect::<Vec<_>>()).await;
    assert!(outcomes[0].is_ok() && outcomes[2].is_ok(), "{outcomes:?}");
    assert!(matches!(outcomes[1], Err(StoreError::ActorInactive)), "{:?}", outcomes[1]);
    assert_eq!(store.find_link(&[2; 32]).await.unwrap(), None, "nothing of it is kept");
    for group in [vec![theirs("taken@school.org", 4)], vec![theirs("d@school.org", 5)]] {
        let outcomes = write(backend.writer(), &group.iter().collect::<Vec<_>>()).await;
        assert!(matches!(outcomes[..], [Err(StoreError::ActorInactive)]), "{outcomes:?}");
    }
}
