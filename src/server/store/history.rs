//! The `invitation_events` table: each invitation's history, as complete events from the
//! services (the store adds no wording).

use super::{EventRecord, NewEvent, Store, StoreError, Tx, error::corrupt, on, script::Script};
use crate::domain::{EventAction, Timestamp};

#[derive(sqlx::FromRow)]
struct EventRow {
    at: i64,
    actor_name: String,
    action: String,
    details: String,
}

impl TryFrom<EventRow> for EventRecord {
    type Error = StoreError;
    fn try_from(row: EventRow) -> Result<Self, StoreError> {
        Ok(EventRecord {
            at: Timestamp(row.at),
            actor_name: row.actor_name,
            action: EventAction::parse(&row.action)
                .ok_or_else(|| corrupt("event action", &row.action))?,
            details: row.details,
        })
    }
}

impl Store {
    /// The invitation's events, oldest first.
    pub async fn invitation_history(&self, id: i64) -> Result<Vec<EventRecord>, StoreError> {
        let sql = "SELECT at, actor_name, action, details FROM invitation_events \
                   WHERE invitation_id = $1 ORDER BY id";
        let rows: Vec<EventRow> =
            on!(self.read(), |c| sqlx::query_as(sql).bind(id).fetch_all(c).await)?;
        rows.into_iter().map(TryInto::try_into).collect()
    }
}

/// Appends an event to an invitation's history, inside the transaction of its change.
pub(super) async fn record(
    tx: &mut Tx,
    invitation_id: i64,
    event: &NewEvent,
    now: Timestamp,
) -> Result<(), StoreError> {
    record_all(tx, &[(invitation_id, event)], now).await
}

/// Events per statement: 5 parameters each, well under either database's limit.
const ROWS_PER_INSERT: usize = 500;

/// Appends events, each to its invitation's history, one statement per 500, inside the
/// transaction of their changes.
pub(super) async fn record_all(
    tx: &mut Tx,
    events: &[(i64, &NewEvent)],
    now: Timestamp,
) -> Result<(), StoreError> {
    for chunk in events.chunks(ROWS_PER_INSERT) {
        let mut script = Script::for_tx(tx);
        let at = script.param(now.0)?;
        let mut invitations = Vec::with_capacity(chunk.len());
        for (invitation_id, _) in chunk {
            invitations.push(script.param(*invitation_id)?);
        }
        let rows: Vec<_> = invitations
            .iter()
            .zip(chunk)
            .map(|(invitation, (_, event))| (invitation.as_str(), *event, at.as_str()))
            .collect();
        add(&mut script, &rows)?;
        script.execute(tx).await?;
    }
    Ok(())
}

/// Adds to `script` the statement appending `events`, each with the placeholders of its
/// invitation and of its time.
pub(super) fn add<'q>(
    script: &mut Script<'q>,
    events: &[(&str, &'q NewEvent, &str)],
) -> Result<(), StoreError> {
    if events.is_empty() {
        return Ok(());
    }
    let mut rows = Vec::with_capacity(events.len());
    for &(invitation, event, at) in events {
        rows.push(format!(
            "({invitation}, {at}, {}, {}, {}, {})",
            script.param(event.actor.user_id)?,
            script.param(event.actor.name.as_str())?,
            script.param(event.action.as_str())?,
            script.param(event.details.as_str())?
        ));
    }
    script.push(format!(
        "INSERT INTO invitation_events \
         (invitation_id, at, actor_user, actor_name, action, details) VALUES {}",
        rows.join(", ")
    ))
}
