//! The `invitation_events` table: each invitation's history, as complete events from the
//! services (the store adds no wording).

use super::{EventRecord, NewEvent, Store, StoreError, Tx, error::corrupt, on};
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
    let sql = "INSERT INTO invitation_events \
               (invitation_id, at, actor_user, actor_name, action, details) \
               VALUES ($1, $2, $3, $4, $5, $6)";
    on!(tx.conn(), |c| {
        sqlx::query(sql)
            .bind(invitation_id)
            .bind(now.0)
            .bind(event.actor.user_id)
            .bind(&event.actor.name)
            .bind(event.action.as_str())
            .bind(&event.details)
            .execute(c)
            .await
            .map(|_| ())
    })?;
    Ok(())
}
