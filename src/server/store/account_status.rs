//! Deactivating and reactivating accounts, with their audit trail (`account_events`), and the
//! Staff list that shows both, and the last sign-in link a Super-Admin sent each account.

use super::{
    AccountEventRecord, StaffRecord, StatusChange, StatusOutcome, Store, StoreError, Tx,
    UserRecord, history, on,
    users::{COLUMNS, UserRow},
};
use crate::domain::{Cursor, Role, Timestamp};

#[derive(sqlx::FromRow)]
struct StaffRow {
    #[sqlx(flatten)]
    user: UserRow,
    change_at: Option<i64>,
    change_by: Option<String>,
    change_action: Option<String>,
    change_revoked: Option<i64>,
    link_at: Option<i64>,
    link_by: Option<String>,
}

impl TryFrom<StaffRow> for StaffRecord {
    type Error = StoreError;
    fn try_from(row: StaffRow) -> Result<Self, StoreError> {
        let last_change = match (row.change_at, row.change_by, row.change_action) {
            (Some(at), Some(actor_name), Some(action)) => Some(AccountEventRecord {
                at: Timestamp(at),
                actor_name,
                active: active_of(&action)?,
                revoked_invitations: row.change_revoked.unwrap_or(0),
            }),
            _ => None,
        };
        let last_link_sent = row.link_at.zip(row.link_by).map(|(at, by)| (Timestamp(at), by));
        Ok(StaffRecord { user: row.user.try_into()?, last_change, last_link_sent })
    }
}

fn active_of(action: &str) -> Result<bool, StoreError> {
    match action {
        "reactivated" => Ok(true),
        "deactivated" => Ok(false),
        other => Err(super::error::corrupt("account event", other)),
    }
}

impl Store {
    /// Accounts newest first, `limit` of them after `after` (keyset on created_at, id), each
    /// with the last change to its status.
    pub async fn list_staff(
        &self,
        after: Option<Cursor>,
        limit: u32,
    ) -> Result<Vec<StaffRecord>, StoreError> {
        let (at, id) = after.map_or((i64::MAX, i64::MAX), |c| (c.value, c.id));
        let sql = format!(
            "SELECT s.*, e.at AS change_at, e.actor_name AS change_by, \
                    e.action AS change_action, e.revoked_invitations AS change_revoked, \
                    k.created_at AS link_at, k.sent_by_name AS link_by \
             FROM (SELECT {COLUMNS}, \
                          (SELECT MAX(a.id) FROM account_events a WHERE a.user_id = users.id) \
                              AS last_event, \
                          (SELECT MAX(l.id) FROM sign_in_links l \
                            WHERE l.user_id = users.id AND l.sent_by IS NOT NULL) AS last_link \
                   FROM users WHERE (created_at, id) < ($1, $2) \
                   ORDER BY created_at DESC, id DESC LIMIT $3) s \
             LEFT JOIN account_events e ON e.id = s.last_event \
             LEFT JOIN sign_in_links k ON k.id = s.last_link \
             ORDER BY s.created_at DESC, s.id DESC"
        );
        let rows: Vec<StaffRow> = on!(self.read(), |c| {
            sqlx::query_as(&sql).bind(at).bind(id).bind(i64::from(limit)).fetch_all(c).await
        })?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    /// Deactivates or reactivates an account in one transaction: its status, a new session
    /// epoch on deactivation (every session it had ends), its open invitations revoked with
    /// `revoke_event`, and the audit entry. The last active Super-Admin is never deactivated:
    /// the active Super-Admins are read locked, so two admins deactivating each other at the
    /// same moment cannot both succeed.
    pub async fn change_account_status(
        &self,
        change: StatusChange,
    ) -> Result<StatusOutcome, StoreError> {
        let mut tx = self.write().await?;
        let lock = self.for_update();
        let admins_sql = format!(
            "SELECT id FROM users WHERE role = $1 AND deactivated_at IS NULL ORDER BY id {lock}"
        );
        let admins: Vec<(i64,)> = on!(tx.conn(), |c| {
            sqlx::query_as(&admins_sql).bind(Role::SuperAdmin.as_str()).fetch_all(c).await
        })?;
        // The actor must still be an active Super-Admin: the list just locked.
        if let Some(actor) = change.actor.user_id
            && !admins.iter().any(|(id,)| *id == actor)
        {
            return Ok(StatusOutcome::ActorInactive);
        }
        let Some(user) = read_user(&mut tx, change.user_id, lock).await? else {
            return Ok(StatusOutcome::NotFound);
        };
        if user.deactivated_at.is_none() == change.active {
            return Ok(StatusOutcome::Unchanged(user));
        }
        let others = admins.iter().filter(|(id,)| *id != user.id).count();
        if !change.active && user.role == Role::SuperAdmin && others == 0 {
            return Ok(StatusOutcome::LastSuperAdmin(user));
        }

        let sql = if change.active {
            "UPDATE users SET deactivated_at = NULL, updated_at = $2 WHERE id = $1"
        } else {
            "UPDATE users SET deactivated_at = $2, updated_at = $2, \
                              session_epoch = session_epoch + 1 WHERE id = $1"
        };
        on!(tx.conn(), |c| {
            sqlx::query(sql).bind(user.id).bind(change.now.0).execute(c).await.map(|_| ())
        })?;
        let revoked = match &change.revoke_event {
            Some(event) if !change.active => {
                let sql = "UPDATE invitations SET state = 'revoked', revoked_at = $2 \
                           WHERE invited_by = $1 AND state = 'open' RETURNING id";
                let ids: Vec<(i64,)> = on!(tx.conn(), |c| {
                    sqlx::query_as(sql).bind(user.id).bind(change.now.0).fetch_all(c).await
                })?;
                for (id,) in &ids {
                    history::record(&mut tx, *id, event, change.now).await?;
                }
                ids.len()
            }
            _ => 0,
        };
        let revoked_invitations = i64::try_from(revoked).unwrap_or(i64::MAX);
        let sql = "INSERT INTO account_events \
                   (user_id, at, actor_user, actor_name, action, revoked_invitations) \
                   VALUES ($1, $2, $3, $4, $5, $6)";
        let action = if change.active { "reactivated" } else { "deactivated" };
        on!(tx.conn(), |c| {
            sqlx::query(sql)
                .bind(user.id)
                .bind(change.now.0)
                .bind(change.actor.user_id)
                .bind(&change.actor.name)
                .bind(action)
                .bind(revoked_invitations)
                .execute(c)
                .await
                .map(|_| ())
        })?;
        let user = read_user(&mut tx, user.id, "")
            .await?
            .ok_or_else(|| super::error::corrupt("vanished account", user.id))?;
        tx.commit().await?;
        Ok(StatusOutcome::Changed { user, revoked_invitations: revoked as u64 })
    }
}

/// The account as this transaction sees it, its row locked with `lock`.
async fn read_user(tx: &mut Tx, id: i64, lock: &str) -> Result<Option<UserRecord>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM users WHERE id = $1 {lock}");
    let row: Option<UserRow> =
        on!(tx.conn(), |c| sqlx::query_as(&sql).bind(id).fetch_optional(c).await)?;
    row.map(TryInto::try_into).transpose()
}
