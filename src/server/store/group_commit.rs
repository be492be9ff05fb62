//! Group commit for new invitations on SQLite: the invitations waiting for the one writer at
//! one moment are written in one transaction. A transaction on SQLite's writer is a few
//! hand-offs to its connection's thread (begin, the statements, commit) and the pages its
//! commit writes to the log; a group pays them once for all its invitations. Within it, the
//! group is first written with one statement of each kind for all its invitations, since
//! every statement's result is another hand-off; when one of them is refused, that is undone
//! and each is written inside a savepoint of its own, so the refused address fails alone
//! (docs/performance.md).
//!
//! Nothing waits to fill a group: a lone invitation is written at once, and those that arrive
//! while a group is being written form the next one.

use std::{collections::HashSet, sync::Arc};

use futures::StreamExt;
use sqlx::{Sqlite, SqlitePool, Transaction};
use tokio::sync::{mpsc, oneshot};

use super::{
    CreateInvitation, InvitationRecord, StoreError,
    creation::{self, created},
    error::{classify, closed},
    script::Script,
};

/// Most invitations in one transaction: about 20 values each are bound, far under SQLite's
/// 32,766, and a group's requests wait for each other's statements.
const MOST: usize = 64;

type Outcome = Result<InvitationRecord, StoreError>;

/// An invitation waiting for its group, and where its outcome goes.
struct Waiting {
    new: CreateInvitation,
    reply: oneshot::Sender<Outcome>,
}

/// The queue of invitations to write, and the task writing them on the writer connection.
pub(super) struct Group {
    queue: mpsc::Sender<Waiting>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Group {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Group {
    /// Starts the task writing groups on `writer`, the backend's one-connection pool.
    pub(super) fn start(writer: SqlitePool) -> Self {
        let (queue, waiting) = mpsc::channel(MOST * 16);
        Self { queue, task: tokio::spawn(write_groups(writer, waiting)) }
    }

    /// Writes `new` in the next group; its own outcome.
    pub(super) async fn create(&self, new: CreateInvitation) -> Outcome {
        let (reply, outcome) = oneshot::channel();
        // The task ended (the store closing): nothing was written for this invitation.
        self.queue.send(Waiting { new, reply }).await.map_err(|_| closed())?;
        outcome.await.map_err(|_| closed())?
    }
}

async fn write_groups(writer: SqlitePool, mut queue: mpsc::Receiver<Waiting>) {
    let mut group = Vec::with_capacity(MOST);
    while queue.recv_many(&mut group, MOST).await > 0 {
        let news: Vec<&CreateInvitation> = group.iter().map(|waiting| &waiting.new).collect();
        let outcomes = write(&writer, &news).await;
        tracing::debug!(invitations = news.len(), "wrote a group of new invitations");
        for (waiting, outcome) in group.drain(..).zip(outcomes) {
            // A request that went away meanwhile leaves its invitation made, as it would had
            // it gone just after its own commit.
            let _ = waiting.reply.send(outcome);
        }
    }
}

/// Writes `group` in one transaction: an outcome per invitation, in order. A failure of the
/// transaction itself (the disk full, say) is every invitation's.
pub(super) async fn write(writer: &SqlitePool, group: &[&CreateInvitation]) -> Vec<Outcome> {
    match write_group(writer, group).await {
        Ok(outcomes) => outcomes,
        Err(error) => {
            let error = Arc::new(error);
            group.iter().map(|_| Err(StoreError::Shared(error.clone()))).collect()
        }
    }
}

async fn write_group(
    writer: &SqlitePool,
    group: &[&CreateInvitation],
) -> Result<Vec<Outcome>, StoreError> {
    let mut tx = writer.begin_with("BEGIN IMMEDIATE").await?;
    let keys: Vec<String> = group.iter().map(|new| new.email.key()).collect();
    // Checked before the inserts: the transaction holds SQLite's write lock, so no actor can
    // be deactivated in between. The address's rules are the inserts' own (`creation`).
    let inactive = inactive_actors(&mut tx, group).await?;
    let mut outcomes: Vec<Option<Outcome>> = group
        .iter()
        .map(|new| {
            let gone = new.actor.user_id.is_some_and(|id| inactive.contains(&id));
            gone.then_some(Err(StoreError::ActorInactive))
        })
        .collect();
    let mut left: Vec<usize> = (0..group.len()).filter(|&i| outcomes[i].is_none()).collect();
    if left.len() > 1 {
        let news: Vec<_> = left.iter().map(|&i| (group[i], keys[i].as_str())).collect();
        if let Some(written) = write_together(&mut tx, &news).await? {
            for (&i, outcome) in left.iter().zip(written) {
                outcomes[i] = Some(outcome);
            }
            left.clear();
        }
    }
    while !left.is_empty() {
        let mut script = Script::for_sqlite();
        for &i in &left {
            add(&mut script, group[i], &keys[i])?;
        }
        let (rows, failure) = run_until_failure(&mut tx, script).await?;
        let done = rows.len();
        for (&i, (_, id, token_id)) in left.iter().zip(rows) {
            outcomes[i] = Some(created(group[i], id, token_id));
        }
        let Some(error) = failure else { break };
        // The failing invitation's statements so far are undone; those before it stand, and
        // those after it go again in the next round.
        let Some(&failed) = left.get(done) else { return Err(error.into()) };
        if sqlx::query("ROLLBACK TO invitation; RELEASE invitation")
            .execute(&mut *tx)
            .await
            .is_err()
        {
            // SQLite ended the whole transaction (as it may on a full disk): nothing stands.
            return Err(error.into());
        }
        outcomes[failed] = Some(Err(classify(error)));
        left.drain(..=done);
    }
    tx.commit().await?;
    Ok(outcomes
        .into_iter()
        .map(|outcome| {
            outcome.unwrap_or(Err(StoreError::Corrupt("an invitation unwritten".into())))
        })
        .collect())
}

/// Of the accounts these invitations are made in the name of, those no longer active (or
/// gone).
async fn inactive_actors(
    tx: &mut Transaction<'static, Sqlite>,
    group: &[&CreateInvitation],
) -> Result<HashSet<i64>, StoreError> {
    let actors: HashSet<i64> = group.iter().filter_map(|new| new.actor.user_id).collect();
    if actors.is_empty() {
        return Ok(actors);
    }
    let marks = vec!["?"; actors.len()].join(", ");
    let sql = format!("SELECT id FROM users WHERE deactivated_at IS NULL AND id IN ({marks})");
    let mut query = sqlx::query_as(&sql);
    for id in &actors {
        query = query.bind(id);
    }
    let active: Vec<(i64,)> = query.fetch_all(&mut **tx).await?;
    let active: HashSet<i64> = active.into_iter().map(|(id,)| id).collect();
    Ok(actors.difference(&active).copied().collect())
}

/// Writes `news` with one statement of each kind for all of them (`creation::add`), which
/// is far fewer statements than a savepoint each, and on SQLite every statement's result is
/// a hand-off from the writer connection's thread. `None`, with nothing of it kept, when any
/// of them is refused: the group is then written one savepoint an invitation, so that the
/// refused one fails alone.
async fn write_together(
    tx: &mut Transaction<'static, Sqlite>,
    news: &[(&CreateInvitation, &str)],
) -> Result<Option<Vec<Outcome>>, StoreError> {
    let mut script = Script::for_sqlite();
    script.push("SAVEPOINT together")?;
    creation::add(&mut script, news)?;
    script.push("RELEASE together")?;
    let (rows, failure) = run_until_failure(tx, script).await?;
    let Some(error) = failure else { return Ok(Some(creation::written(news, rows))) };
    if sqlx::query("ROLLBACK TO together; RELEASE together").execute(&mut **tx).await.is_err() {
        // SQLite ended the whole transaction (as it may on a full disk): nothing stands.
        return Err(error.into());
    }
    Ok(None)
}

/// Adds `new`'s statements (`creation`'s) to the group's script, inside a savepoint of its
/// own: its one row comes before the savepoint is released.
fn add<'q>(
    script: &mut Script<'q>,
    new: &'q CreateInvitation,
    key: &'q str,
) -> Result<(), StoreError> {
    script.push("SAVEPOINT invitation")?;
    creation::add(script, &[(new, key)])?;
    script.push("RELEASE invitation")
}

/// Runs the group's script until a statement fails: the rows it returned (one per invitation
/// written) and the failure.
async fn run_until_failure(
    tx: &mut Transaction<'static, Sqlite>,
    script: Script<'_>,
) -> Result<(Vec<creation::Written>, Option<sqlx::Error>), StoreError> {
    let (sql, args) = script.into_sqlite()?;
    let mut rows = Vec::new();
    let mut stream = sqlx::query_as_with(&sql, args).fetch(&mut **tx);
    while let Some(row) = stream.next().await {
        match row {
            Ok(row) => rows.push(row),
            Err(error) => return Ok((rows, Some(error))),
        }
    }
    Ok((rows, None))
}

#[cfg(test)]
mod tests {
    use super::{StoreError, write};
    use crate::domain::{Email, EventAction, PersonName, Role, Timestamp, Username};
    use crate::server::{
        config::DatabaseUrl,
        store::{
            self, Actor, Backend, Conflict, CreateInvitation, Db, NewEvent, NewLink, NewMessage,
            NewUser,
        },
    };

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

    #[tokio::test]
    async fn a_refused_invitation_fails_alone_and_leaves_nothing_in_its_group() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("group.db");
        let url = DatabaseUrl::parse(&format!("sqlite://{}", path.display())).unwrap();
        let store = store::connect(&url).await.unwrap();
        store.migrate().await.unwrap();
        let user = NewUser {
            email: Email::parse("taken@school.org").unwrap(),
            username: Username::parse("taken").unwrap(),
            full_name: PersonName::parse("Alex Head").unwrap(),
            phone: None,
            role: Role::Teacher,
            password_hash: "not a hash: never signs in".into(),
        };
        store.insert_user(user, NOW).await.unwrap();
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
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("together.db");
        let url = DatabaseUrl::parse(&format!("sqlite://{}", path.display())).unwrap();
        let store = store::connect(&url).await.unwrap();
        store.migrate().await.unwrap();
        let Db::Sqlite(backend) = &store.db else { panic!("a SQLite store") };
        let write_together = |group: Vec<CreateInvitation>| async move {
            let keys: Vec<String> = group.iter().map(|new| new.email.key()).collect();
            let news: Vec<_> =
                group.iter().zip(&keys).map(|(new, key)| (new, key.as_str())).collect();
            let mut tx = backend.writer().begin_with("BEGIN IMMEDIATE").await.unwrap();
            let written = super::write_together(&mut tx, &news).await.unwrap();
            tx.commit().await.unwrap();
            written.map(|outcomes| outcomes.into_iter().map(Result::unwrap).collect::<Vec<_>>())
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
}
