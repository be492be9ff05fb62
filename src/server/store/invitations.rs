//! The `invitations` table: creating one (its statements are `creation`'s), reading it, and
//! its guarded changes (a new link, revoking). Accepting is in `acceptance`, the dashboard's
//! listing in `listing`. Every change writes its link, events and message in the same
//! transaction.

use super::{
    CreateInvitation, Db, Guarded, InvitationRecord, NewEvent, NewMessage, Reissue, ReissueKind,
    Store, StoreError, Tx, bulk_jobs, creation,
    error::{classify, corrupt, stored_role},
    history, links, on, outbox,
    script::Script,
    users,
};
use crate::domain::{Language, Lifecycle, Role, Timestamp};

pub(super) const COLUMNS: &str = "id, email, role, state, invited_by, inviter_name, \
    resend_count, created_at, sent_at, expires_at, accepted_at, revoked_at, current_token_id, \
    link_opened_at, new_link_requested_at, language";

#[derive(sqlx::FromRow)]
pub(super) struct InvitationRow {
    id: i64,
    email: String,
    role: String,
    state: String,
    invited_by: Option<i64>,
    inviter_name: String,
    resend_count: i64,
    created_at: i64,
    sent_at: i64,
    expires_at: i64,
    accepted_at: Option<i64>,
    revoked_at: Option<i64>,
    current_token_id: Option<i64>,
    link_opened_at: Option<i64>,
    new_link_requested_at: Option<i64>,
    language: Option<String>,
}

impl TryFrom<InvitationRow> for InvitationRecord {
    type Error = StoreError;
    fn try_from(row: InvitationRow) -> Result<Self, StoreError> {
        Ok(InvitationRecord {
            id: row.id,
            email: row.email,
            role: stored_role(&row.role)?,
            lifecycle: Lifecycle::parse(&row.state)
                .ok_or_else(|| corrupt("invitation state", &row.state))?,
            invited_by: row.invited_by,
            inviter_name: row.inviter_name,
            resend_count: row.resend_count,
            created_at: Timestamp(row.created_at),
            sent_at: Timestamp(row.sent_at),
            expires_at: Timestamp(row.expires_at),
            accepted_at: row.accepted_at.map(Timestamp),
            revoked_at: row.revoked_at.map(Timestamp),
            current_token_id: row.current_token_id,
            link_opened_at: row.link_opened_at.map(Timestamp),
            new_link_requested_at: row.new_link_requested_at.map(Timestamp),
            language: row.language.as_deref().and_then(Language::parse),
        })
    }
}

impl Store {
    /// Creates the invitation, its first link, its events and its message, atomically.
    /// `Conflict::UserExists` or `AlreadyInvited` leave nothing behind.
    ///
    /// On SQLite, whose one writer serialises every write, the invitations made at the same
    /// moment share one transaction (`group_commit`); a bulk job's row, which must be marked
    /// in the same transaction, is written alone.
    pub async fn create_invitation(
        &self,
        new: CreateInvitation,
    ) -> Result<InvitationRecord, StoreError> {
        match &self.db {
            Db::Sqlite(backend) if new.bulk_row.is_none() => backend.group().create(new).await,
            _ => self.create_invitation_alone(new).await,
        }
    }

    /// `create_invitation` in a transaction of its own, as Postgres and a bulk job's row make
    /// every invitation; public so the contract suite runs the same cases through both paths.
    pub async fn create_invitation_alone(
        &self,
        new: CreateInvitation,
    ) -> Result<InvitationRecord, StoreError> {
        // The admin it is made in the name of is checked by the insert (`creation`).
        let mut tx = self.write().await?;
        let key = new.email.key();
        let mut script = Script::for_tx(&tx);
        let news = [(&new, key.as_str())];
        creation::add(&mut script, &news)?;
        let rows: Vec<creation::Written> = script.run(&mut tx).await.map_err(classify)?;
        let Some(record) = creation::written(&news, rows).pop() else {
            return Err(corrupt("invitation not written", &key));
        };
        let record = record?;
        if let Some(row) = new.bulk_row {
            bulk_jobs::mark_invited(&mut tx, row, record.id, new.now).await?;
        }
        tx.commit().await?;
        Ok(record)
    }

    pub async fn find_invitation(&self, id: i64) -> Result<Option<InvitationRecord>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM invitations WHERE id = $1");
        let row: Option<InvitationRow> =
            on!(self.read(), |c| sqlx::query_as(&sql).bind(id).fetch_optional(c).await)?;
        row.map(TryInto::try_into).transpose()
    }

    /// Open invitations of `role` that the system made (no inviting account), oldest first.
    pub async fn open_system_invitations(
        &self,
        role: Role,
    ) -> Result<Vec<InvitationRecord>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM invitations \
             WHERE invited_by IS NULL AND role = $1 AND state = 'open' ORDER BY id"
        );
        let rows: Vec<InvitationRow> =
            on!(self.read(), |c| sqlx::query_as(&sql).bind(role.as_str()).fetch_all(c).await)?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    /// Issues a new link (resend, email correction, renewal) that replaces every earlier one,
    /// with its event and message, while the invitation is still as `reissue.seen` says.
    /// `None` when it is not: nothing is written.
    pub async fn reissue_link(&self, reissue: Reissue) -> Guarded<InvitationRecord> {
        let mut tx = self.write().await?;
        users::require_active_actor(&mut tx, &reissue.event.actor).await?;
        let (id, now, seen) = (reissue.invitation_id, reissue.now.0, &reissue.seen);
        // Unchanged since the service read it: still open, same resend count, same address.
        let guard = "WHERE id = $1 AND state = 'open' AND resend_count = $2 AND email = $3";
        let fresh_link = "sent_at = $4, expires_at = $5, link_opened_at = NULL, \
                          new_link_requested_at = NULL";
        let (sql, new_email) = match &reissue.kind {
            ReissueKind::Resend => (
                format!(
                    "UPDATE invitations SET resend_count = resend_count + 1, {fresh_link} {guard}"
                ),
                None,
            ),
            ReissueKind::CorrectEmail { new_email, counted } => (
                format!(
                    "UPDATE invitations SET email = $6, email_key = $7, {fresh_link}{} \
                     {guard} AND expires_at > $4",
                    if *counted { ", resend_count = resend_count + 1" } else { "" }
                ),
                Some(new_email),
            ),
            ReissueKind::Renew => (format!("UPDATE invitations SET {fresh_link} {guard}"), None),
        };
        let changed = on!(tx.conn(), |c| {
            let query = sqlx::query(&sql)
                .bind(id)
                .bind(seen.resend_count)
                .bind(&seen.email)
                .bind(now)
                .bind(reissue.link.expires_at.0);
            let query = match new_email {
                Some(email) => query.bind(email.as_str()).bind(email.key()),
                None => query,
            };
            query.execute(c).await.map(|done| done.rows_affected())
        })
        .map_err(classify)?;
        // A correction to an address an account has is refused by the schema's rule (the
        // update fails with `Conflict::UserExists`), as creating an invitation for it is.
        if changed == 0 {
            return Ok(None);
        }
        links::issue(&mut tx, id, &reissue.link, reissue.now).await?;
        let record = finish(tx, id, Some(&reissue.event), &reissue.messages, reissue.now).await?;
        Ok(Some(record))
    }

    /// Marks an open invitation revoked, with its event. `None` when it is not open.
    pub async fn revoke_invitation(
        &self,
        id: i64,
        now: Timestamp,
        event: NewEvent,
    ) -> Guarded<InvitationRecord> {
        let mut tx = self.write().await?;
        users::require_active_actor(&mut tx, &event.actor).await?;
        let sql = "UPDATE invitations SET state = 'revoked', revoked_at = $2 \
                   WHERE id = $1 AND state = 'open'";
        let changed = on!(tx.conn(), |c| {
            sqlx::query(sql).bind(id).bind(now.0).execute(c).await.map(|d| d.rows_affected())
        })?;
        if changed == 0 {
            return Ok(None);
        }
        Ok(Some(finish(tx, id, Some(&event), &[], now).await?))
    }
}

/// Ends a change: its event and emails, then the invitation as it now is, committed.
pub(super) async fn finish(
    mut tx: Tx,
    id: i64,
    event: Option<&NewEvent>,
    messages: &[NewMessage],
    now: Timestamp,
) -> Result<InvitationRecord, StoreError> {
    if let Some(event) = event {
        history::record(&mut tx, id, event, now).await?;
    }
    for message in messages {
        outbox::queue(&mut tx, id, message, now).await?;
    }
    let record = read_in(&mut tx, id).await?;
    tx.commit().await?;
    Ok(record)
}

/// The invitation as this transaction sees it.
pub(super) async fn read_in(tx: &mut Tx, id: i64) -> Result<InvitationRecord, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM invitations WHERE id = $1");
    let row: Option<InvitationRow> =
        on!(tx.conn(), |c| sqlx::query_as(&sql).bind(id).fetch_optional(c).await)?;
    row.ok_or_else(|| corrupt("vanished invitation", id))?.try_into()
}
