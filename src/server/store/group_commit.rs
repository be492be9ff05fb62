//! Group commit for new invitations on SQLite: the invitations waiting for the one writer at
//! one moment are written in one transaction. A transaction on SQLite's writer is hand-offs to
//! its connection's thread and the pages its commit writes to the log; a group pays them once
//! for all its invitations. Every statement's result is a hand-off, so a group is first
//! written as one script: its `BEGIN`, one statement of each kind for all its invitations
//! (whose inserts check every rule, the admin's included), and its `COMMIT`. When one of them
//! is refused, that is undone and each is written inside a savepoint of its own, so the
//! refused address fails alone (docs/performance.md).
//!
//! Nothing waits to fill a group: a lone invitation is written at once, and those that arrive
//! while a group is being written form the next one.

use std::sync::Arc;

use futures::StreamExt;
use sqlx::{Sqlite, SqliteConnection, SqlitePool, pool::PoolConnection};
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
    let mut writing = Writing { conn: writer.acquire().await?, ended: false };
    let keys: Vec<String> = group.iter().map(|new| new.email.key()).collect();
    let news: Vec<_> = group.iter().zip(&keys).map(|(&new, key)| (new, key.as_str())).collect();
    let failure = match write_together(&mut writing.conn, &news).await? {
        Together::Committed(outcomes) => return Ok(writing.ended(outcomes)),
        Together::Refused(failure) => failure,
    };
    // A lone invitation's refusal is its own; in a group, each is written again in a
    // savepoint of its own so that the refused ones fail alone. The rules are the inserts'
    // own (`creation`), the admin's included.
    let mut outcomes: Vec<Option<Outcome>> = group.iter().map(|_| None).collect();
    let mut left: Vec<usize> = (0..group.len()).collect();
    if let [only] = left[..] {
        outcomes[only] = Some(Err(classify(failure)));
        left.clear();
    }
    while !left.is_empty() {
        let mut script = Script::for_sqlite();
        for &i in &left {
            add(&mut script, group[i], &keys[i])?;
        }
        let (rows, failure) = run_until_failure(&mut writing.conn, script).await?;
        let done = rows.len();
        for (&i, (_, id, token_id)) in left.iter().zip(rows) {
            outcomes[i] = Some(created(group[i], id, token_id));
        }
        let Some(error) = failure else { break };
        // The failing invitation's statements so far are undone; those before it stand, and
        // those after it go again in the next round.
        let Some(&failed) = left.get(done) else { return Err(error.into()) };
        if run(&mut writing.conn, "ROLLBACK TO invitation; RELEASE invitation").await.is_err() {
            // SQLite ended the whole transaction (as it may on a full disk): nothing stands.
            return Err(error.into());
        }
        outcomes[failed] = Some(Err(classify(error)));
        left.drain(..=done);
    }
    run(&mut writing.conn, "COMMIT").await?;
    Ok(writing.ended(
        outcomes
            .into_iter()
            .map(|outcome| {
                outcome.unwrap_or(Err(StoreError::Corrupt("an invitation unwritten".into())))
            })
            .collect(),
    ))
}

/// The writer connection while a group's transaction may be open. The transaction is begun
/// and committed by the group's own statements, not through sqlx (which would cost a hand-off
/// each), so sqlx doesn't know of it: a connection given up before it has ended (an error,
/// the task aborted) is closed rather than handed on with the transaction still open.
struct Writing {
    conn: PoolConnection<Sqlite>,
    ended: bool,
}

impl Writing {
    /// The transaction has ended: the connection goes back to the pool.
    fn ended<T>(mut self, outcomes: T) -> T {
        self.ended = true;
        outcomes
    }
}

impl Drop for Writing {
    fn drop(&mut self) {
        if !self.ended {
            self.conn.close_on_drop();
        }
    }
}

/// What writing a group together came to.
enum Together {
    /// Every invitation was written and the transaction committed.
    Committed(Vec<Outcome>),
    /// One of them was refused (by the inserts' rules): nothing of it is kept, and the
    /// transaction is still open.
    Refused(sqlx::Error),
}

/// Begins the group's transaction and writes `news` with one statement of each kind for all
/// of them (`creation::add`), then commits: all in one script, since on SQLite every
/// statement's result is a hand-off from the writer connection's thread, and a transaction
/// begun or committed through sqlx is one more each. When any of them is refused, nothing of
/// it is kept and the transaction stays open, for the group to be written one savepoint an
/// invitation.
async fn write_together(
    conn: &mut SqliteConnection,
    news: &[(&CreateInvitation, &str)],
) -> Result<Together, StoreError> {
    let mut script = Script::for_sqlite();
    script.push("BEGIN IMMEDIATE")?;
    script.push("SAVEPOINT together")?;
    creation::add(&mut script, news)?;
    script.push("RELEASE together")?;
    script.push("COMMIT")?;
    let (rows, failure) = run_until_failure(conn, script).await?;
    let Some(error) = failure else {
        return Ok(Together::Committed(creation::written(news, rows)));
    };
    if run(conn, "ROLLBACK TO together; RELEASE together").await.is_err() {
        // The transaction did not begin, or SQLite ended it (as it may on a full disk):
        // nothing stands.
        return Err(error.into());
    }
    Ok(Together::Refused(error))
}

/// Runs statements that return no rows.
async fn run(conn: &mut SqliteConnection, statements: &str) -> Result<(), sqlx::Error> {
    sqlx::query(statements).execute(conn).await.map(drop)
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
    conn: &mut SqliteConnection,
    script: Script<'_>,
) -> Result<(Vec<creation::Written>, Option<sqlx::Error>), StoreError> {
    let (sql, args) = script.into_sqlite()?;
    let mut rows = Vec::new();
    let mut stream = sqlx::query_as_with(&sql, args).fetch(conn);
    while let Some(row) = stream.next().await {
        match row {
            Ok(row) => rows.push(row),
            Err(error) => return Ok((rows, Some(error))),
        }
    }
    Ok((rows, None))
}

#[cfg(test)]
mod tests;
