//! The SQL both stores share. SQLite and Postgres accept the same statements here (`$n`
//! parameters, `RETURNING`, row-value comparison, `COUNT(*) FILTER`), so the operations are
//! written once, in `store_operations!`, and instantiated for each backend. What differs
//! (how a write transaction starts) comes from the backend's `write_tx`.

use crate::domain::{
    Cursor, Delivery, EventAction, InvitationStatus, InvitationSummary, Lifecycle, Role, SortKey,
    Timestamp,
};

use super::{
    ClaimedMessage, Conflict, DevMail, EventRecord, InvitationRecord, OutboxRecord, StoreError,
    UserRecord,
};

macro_rules! invitation_columns {
    () => {
        "id, email, role, state, invited_by, inviter_name, resend_count, created_at, sent_at, \
         expires_at, accepted_at, revoked_at, current_token_id, link_opened_at, \
         new_link_requested_at"
    };
}
pub(super) use invitation_columns;

macro_rules! user_columns {
    () => {
        "id, email, username, full_name, phone, role, password_hash, created_at"
    };
}
pub(super) use user_columns;

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
}

impl TryFrom<InvitationRow> for InvitationRecord {
    type Error = StoreError;
    fn try_from(row: InvitationRow) -> Result<Self, StoreError> {
        Ok(InvitationRecord {
            id: row.id,
            email: row.email,
            role: role(&row.role)?,
            lifecycle: Lifecycle::parse(&row.state)
                .ok_or_else(|| StoreError::Corrupt(format!("invitation state {:?}", row.state)))?,
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
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct UserRow {
    id: i64,
    email: String,
    username: String,
    full_name: String,
    phone: Option<String>,
    role: String,
    password_hash: String,
    created_at: i64,
}

impl TryFrom<UserRow> for UserRecord {
    type Error = StoreError;
    fn try_from(row: UserRow) -> Result<Self, StoreError> {
        Ok(UserRecord {
            id: row.id,
            email: row.email,
            username: row.username,
            full_name: row.full_name,
            phone: row.phone,
            role: role(&row.role)?,
            password_hash: row.password_hash,
            created_at: Timestamp(row.created_at),
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct EventRow {
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
                .ok_or_else(|| StoreError::Corrupt(format!("event action {:?}", row.action)))?,
            details: row.details,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct OutboxRow {
    id: i64,
    invitation_id: Option<i64>,
    kind: String,
    recipient: String,
    payload: Option<String>,
    status: String,
    attempts: i64,
    created_at: i64,
}

impl From<OutboxRow> for OutboxRecord {
    fn from(row: OutboxRow) -> Self {
        OutboxRecord {
            id: row.id,
            invitation_id: row.invitation_id,
            kind: row.kind,
            recipient: row.recipient,
            payload: row.payload,
            status: row.status,
            attempts: row.attempts,
            created_at: Timestamp(row.created_at),
        }
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct CountsRow {
    pub open: i64,
    pub pending: i64,
    pub accepted: i64,
    pub revoked: i64,
}

#[derive(sqlx::FromRow)]
pub(super) struct DeliveryRow {
    invitation_id: i64,
    status: String,
    attempts: i64,
    next_attempt_at: i64,
    last_error: Option<String>,
    sent_at: Option<i64>,
}

impl DeliveryRow {
    pub(super) fn into_pair(self) -> (i64, Delivery) {
        let attempt = u32::try_from(self.attempts).unwrap_or(u32::MAX);
        let error = self.last_error.unwrap_or_default();
        let delivery = match self.status.as_str() {
            "sent" => Delivery::Sent { at: Timestamp(self.sent_at.unwrap_or_default()) },
            "failed" => Delivery::Failed { reason: error },
            // Queued after a failed attempt, or being retried right now.
            _ if !error.is_empty() => {
                Delivery::Retrying { attempt, next_at: Timestamp(self.next_attempt_at), error }
            }
            _ => Delivery::Queued,
        };
        (self.invitation_id, delivery)
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct ClaimRow {
    id: i64,
    invitation_id: Option<i64>,
    kind: String,
    recipient: String,
    payload: Option<String>,
    attempts: i64,
}

impl From<ClaimRow> for ClaimedMessage {
    fn from(row: ClaimRow) -> Self {
        ClaimedMessage {
            id: row.id,
            invitation_id: row.invitation_id,
            kind: row.kind,
            recipient: row.recipient,
            payload: row.payload.unwrap_or_default(),
            attempts: row.attempts,
        }
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct DevMailRow {
    id: i64,
    recipient: String,
    subject: String,
    text_body: Option<String>,
    html_body: Option<String>,
    created_at: i64,
}

impl From<DevMailRow> for DevMail {
    fn from(row: DevMailRow) -> Self {
        DevMail {
            id: row.id,
            recipient: row.recipient,
            subject: row.subject,
            text_body: row.text_body,
            html_body: row.html_body,
            created_at: Timestamp(row.created_at),
        }
    }
}

fn role(raw: &str) -> Result<Role, StoreError> {
    Role::parse(raw).map_err(|_| StoreError::Corrupt(format!("role {raw:?}")))
}

/// Maps a unique-index violation to the rule it enforces; `None` for any other error.
pub(super) fn conflict_of(error: &sqlx::Error) -> Option<Conflict> {
    let db = error.as_database_error()?;
    if !db.is_unique_violation() {
        return None;
    }
    // SQLite names the column ("users.username_key"), Postgres the index ("users_username_key").
    let text = format!("{} {}", db.message(), db.constraint().unwrap_or_default());
    Some(if text.contains("username") {
        Conflict::UsernameTaken
    } else if text.contains("invitations") {
        Conflict::AlreadyInvited
    } else {
        Conflict::UserExists
    })
}

/// Turns a unique violation into `StoreError::Conflict`, anything else into a store error.
pub(super) fn classify(error: sqlx::Error) -> StoreError {
    match conflict_of(&error) {
        Some(conflict) => StoreError::Conflict(conflict),
        None => error.into(),
    }
}

/// `%text%` for LIKE, with the wildcards in the person's text matched literally.
pub(super) fn contains_pattern(text: &str) -> String {
    let mut pattern = String::with_capacity(text.len() + 2);
    pattern.push('%');
    for c in text.trim().to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// The column and direction a sort key orders by.
pub(super) fn sort_column(sort: SortKey) -> (&'static str, bool) {
    match sort {
        SortKey::SentDesc => ("sent_at", true),
        SortKey::SentAsc => ("sent_at", false),
        SortKey::ExpiresDesc => ("expires_at", true),
        SortKey::ExpiresAsc => ("expires_at", false),
    }
}

pub(super) fn summary(
    record: InvitationRecord,
    now: Timestamp,
    max_resends: u32,
) -> InvitationSummary {
    InvitationSummary {
        id: record.id,
        status: InvitationStatus::derive(record.lifecycle, record.expires_at, now),
        email: record.email,
        role: record.role,
        invited_by: record.inviter_name,
        created_at: record.created_at,
        sent_at: record.sent_at,
        expires_at: record.expires_at,
        resend_count: u32::try_from(record.resend_count).unwrap_or(u32::MAX),
        max_resends,
        delivery: None,
        link_opened_at: record.link_opened_at,
        new_link_requested_at: record.new_link_requested_at,
    }
}

pub(super) fn cursor_of(record: &InvitationSummary, sort: SortKey) -> Cursor {
    let value = match sort_column(sort).0 {
        "sent_at" => record.sent_at.0,
        _ => record.expires_at.0,
    };
    Cursor { value, id: record.id }
}

/// The `Store` implementation for one backend. `$Store` must have a `pool` field and a
/// `write_tx()` method; `$migrator` is its migrations folder.
macro_rules! store_impl {
    ($Store:ident, $Db:ty, $backend:ident, $migrator:ident, skip_locked = $skip_locked:literal) => {
    #[async_trait::async_trait]
    impl Store for $Store {
        fn backend(&self) -> &'static str {
            stringify!($backend)
        }

        fn pool(&self) -> crate::server::store::Pool {
            self.pool.clone().into()
        }

        async fn migrate(&self) -> Result<(), StoreError> {
            $migrator.run(&self.pool).await?;
            Ok(())
        }

        async fn applied_migrations(&self) -> Result<Vec<i64>, StoreError> {
            let rows: Vec<(i64,)> =
                sqlx::query_as("SELECT version FROM _sqlx_migrations WHERE success ORDER BY version")
                    .fetch_all(&self.pool)
                    .await?;
            Ok(rows.into_iter().map(|(v,)| v).collect())
        }

        async fn ping(&self) -> Result<(), StoreError> {
            sqlx::query("SELECT 1").execute(&self.pool).await.map_err(StoreError::Unavailable)?;
            Ok(())
        }

        async fn close(&self) {
            self.close_pools().await;
        }

        async fn insert_user(&self, user: NewUser, now: Timestamp) -> Result<UserRecord, StoreError> {
            let row: UserRow = sqlx::query_as(concat!(
                "INSERT INTO users (email, email_key, username, username_key, full_name, phone, role, \
                 password_hash, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) \
                 RETURNING ", user_columns!()
            ))
            .bind(user.email.as_str())
            .bind(user.email.key())
            .bind(user.username.as_str())
            .bind(user.username.key())
            .bind(user.full_name.as_str())
            .bind(user.phone.as_ref().map(PhoneNumber::as_str))
            .bind(user.role.as_str())
            .bind(&user.password_hash)
            .bind(now.0)
            .fetch_one(&self.pool)
            .await
            .map_err(classify)?;
            row.try_into()
        }

        async fn find_user(&self, id: i64) -> Result<Option<UserRecord>, StoreError> {
            let row: Option<UserRow> =
                sqlx::query_as(concat!("SELECT ", user_columns!(), " FROM users WHERE id = $1"))
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?;
            row.map(TryInto::try_into).transpose()
        }

        async fn find_user_by_login(&self, login_key: &str) -> Result<Option<UserRecord>, StoreError> {
            let row: Option<UserRow> = sqlx::query_as(concat!(
                "SELECT ", user_columns!(), " FROM users WHERE username_key = $1 OR email_key = $1"
            ))
            .bind(login_key)
            .fetch_optional(&self.pool)
            .await?;
            row.map(TryInto::try_into).transpose()
        }

        async fn list_users(
            &self,
            after: Option<Cursor>,
            limit: u32,
        ) -> Result<Vec<UserRecord>, StoreError> {
            let (at, id) = after.map_or((i64::MAX, i64::MAX), |c| (c.value, c.id));
            let rows: Vec<UserRow> = sqlx::query_as(concat!(
                "SELECT ", user_columns!(), " FROM users WHERE (created_at, id) < ($1, $2) \
                 ORDER BY created_at DESC, id DESC LIMIT $3"
            ))
            .bind(at)
            .bind(id)
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await?;
            rows.into_iter().map(TryInto::try_into).collect()
        }

        async fn count_users_with_role(&self, role: Role) -> Result<u64, StoreError> {
            let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users WHERE role = $1")
                .bind(role.as_str())
                .fetch_one(&self.pool)
                .await?;
            Ok(u64::try_from(count).unwrap_or(0))
        }

        async fn username_taken(&self, username_key: &str) -> Result<bool, StoreError> {
            let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users WHERE username_key = $1")
                .bind(username_key)
                .fetch_one(&self.pool)
                .await?;
            Ok(count > 0)
        }

        async fn email_use(&self, email_key: &str) -> Result<EmailUse, StoreError> {
            let (users, open): (i64, i64) = sqlx::query_as(
                "SELECT (SELECT COUNT(*) FROM users WHERE email_key = $1), \
                        (SELECT COUNT(*) FROM invitations WHERE email_key = $1 AND state = 'open')",
            )
            .bind(email_key)
            .fetch_one(&self.pool)
            .await?;
            Ok(if users > 0 {
                EmailUse::UserExists
            } else if open > 0 {
                EmailUse::Invited
            } else {
                EmailUse::Free
            })
        }

        async fn create_invitation(&self, new: CreateInvitation) -> Result<InvitationRecord, StoreError> {
            let mut tx = self.write_tx().await?;
            // The insert comes first: on Postgres it waits on a racing insert of the same
            // address (the partial unique index), so the account check below sees its outcome.
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO invitations (email, email_key, role, state, invited_by, inviter_name, \
                 resend_count, created_at, sent_at, expires_at) \
                 VALUES ($1, $2, $3, 'open', $4, $5, 0, $6, $6, $7) RETURNING id",
            )
            .bind(new.email.as_str())
            .bind(new.email.key())
            .bind(new.role.as_str())
            .bind(new.actor.user_id)
            .bind(&new.actor.name)
            .bind(new.now.0)
            .bind(new.link.expires_at.0)
            .fetch_one(&mut *tx)
            .await
            .map_err(classify)?;

            let (users,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users WHERE email_key = $1")
                .bind(new.email.key())
                .fetch_one(&mut *tx)
                .await?;
            if users > 0 {
                return Err(StoreError::Conflict(Conflict::UserExists));
            }

            Self::issue_link(&mut tx, id, &new.link, new.now).await?;
            for event in &new.events {
                Self::insert_event(&mut tx, id, event, new.now).await?;
            }
            if let Some(message) = &new.message {
                Self::queue_message(&mut tx, id, message, new.now).await?;
            }
            let record = Self::invitation_in(&mut tx, id).await?;
            tx.commit().await?;
            Ok(record)
        }

        async fn open_system_invitations(&self, role: Role) -> Result<Vec<InvitationRecord>, StoreError> {
            let rows: Vec<InvitationRow> = sqlx::query_as(concat!(
                "SELECT ", invitation_columns!(),
                " FROM invitations WHERE invited_by IS NULL AND role = $1 AND state = 'open' ORDER BY id"
            ))
            .bind(role.as_str())
            .fetch_all(&self.pool)
            .await?;
            rows.into_iter().map(TryInto::try_into).collect()
        }

        async fn find_invitation(&self, id: i64) -> Result<Option<InvitationRecord>, StoreError> {
            let row: Option<InvitationRow> = sqlx::query_as(concat!(
                "SELECT ", invitation_columns!(), " FROM invitations WHERE id = $1"
            ))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
            row.map(TryInto::try_into).transpose()
        }

        async fn reissue_link(&self, reissue: Reissue) -> Guarded<InvitationRecord> {
            let mut tx = self.write_tx().await?;
            let id = reissue.invitation_id;
            let details = match &reissue.kind {
                ReissueKind::Resend { max_resends } => {
                    let updated: Option<(i64,)> = sqlx::query_as(
                        "UPDATE invitations SET resend_count = resend_count + 1, sent_at = $2, expires_at = $3, \
                         link_opened_at = NULL, new_link_requested_at = NULL \
                         WHERE id = $1 AND state = 'open' AND resend_count < $4 RETURNING resend_count",
                    )
                    .bind(id)
                    .bind(reissue.now.0)
                    .bind(reissue.link.expires_at.0)
                    .bind(*max_resends)
                    .fetch_optional(&mut *tx)
                    .await?;
                    let Some((count,)) = updated else { return Ok(None) };
                    format!("{count} of {max_resends}")
                }
                ReissueKind::CorrectEmail { new_email } => {
                    let Some(before) = Self::invitation_in_opt(&mut tx, id).await? else {
                        return Ok(None);
                    };
                    let updated: Option<(i64,)> = sqlx::query_as(
                        "UPDATE invitations SET email = $2, email_key = $3, sent_at = $4, expires_at = $5, \
                         link_opened_at = NULL, new_link_requested_at = NULL \
                         WHERE id = $1 AND state = 'open' AND expires_at > $4 RETURNING id",
                    )
                    .bind(id)
                    .bind(new_email.as_str())
                    .bind(new_email.key())
                    .bind(reissue.now.0)
                    .bind(reissue.link.expires_at.0)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(classify)?;
                    if updated.is_none() {
                        return Ok(None);
                    }
                    let (users,): (i64,) =
                        sqlx::query_as("SELECT COUNT(*) FROM users WHERE email_key = $1")
                            .bind(new_email.key())
                            .fetch_one(&mut *tx)
                            .await?;
                    if users > 0 {
                        return Err(StoreError::Conflict(Conflict::UserExists));
                    }
                    format!("{} → {}", before.email, new_email)
                }
                ReissueKind::Renew => {
                    let updated: Option<(i64,)> = sqlx::query_as(
                        "UPDATE invitations SET sent_at = $2, expires_at = $3, \
                         link_opened_at = NULL, new_link_requested_at = NULL \
                         WHERE id = $1 AND state = 'open' RETURNING id",
                    )
                    .bind(id)
                    .bind(reissue.now.0)
                    .bind(reissue.link.expires_at.0)
                    .fetch_optional(&mut *tx)
                    .await?;
                    if updated.is_none() {
                        return Ok(None);
                    }
                    "a new link, printed by the server".to_owned()
                }
            };
            let action = match reissue.kind {
                ReissueKind::Resend { .. } => EventAction::Resent,
                ReissueKind::CorrectEmail { .. } => EventAction::EmailCorrected,
                ReissueKind::Renew => EventAction::Sent,
            };
            Self::issue_link(&mut tx, id, &reissue.link, reissue.now).await?;
            let event = NewEvent { action, actor: reissue.actor.clone(), details };
            Self::insert_event(&mut tx, id, &event, reissue.now).await?;
            if let Some(message) = &reissue.message {
                Self::queue_message(&mut tx, id, message, reissue.now).await?;
            }
            let record = Self::invitation_in(&mut tx, id).await?;
            tx.commit().await?;
            Ok(Some(record))
        }

        async fn revoke_invitation(&self, id: i64, now: Timestamp, event: NewEvent) -> Guarded<InvitationRecord> {
            let mut tx = self.write_tx().await?;
            let updated: Option<(i64,)> = sqlx::query_as(
                "UPDATE invitations SET state = 'revoked', revoked_at = $2 \
                 WHERE id = $1 AND state = 'open' RETURNING id",
            )
            .bind(id)
            .bind(now.0)
            .fetch_optional(&mut *tx)
            .await?;
            if updated.is_none() {
                return Ok(None);
            }
            Self::insert_event(&mut tx, id, &event, now).await?;
            let record = Self::invitation_in(&mut tx, id).await?;
            tx.commit().await?;
            Ok(Some(record))
        }

        async fn find_link(&self, token_hash: &[u8; 32]) -> Result<Option<LinkRecord>, StoreError> {
            let token: Option<(i64, i64)> =
                sqlx::query_as("SELECT id, invitation_id FROM invitation_tokens WHERE token_hash = $1")
                    .bind(&token_hash[..])
                    .fetch_optional(&self.pool)
                    .await?;
            let Some((token_id, invitation_id)) = token else { return Ok(None) };
            let invitation = self
                .find_invitation(invitation_id)
                .await?
                .ok_or_else(|| StoreError::Corrupt(format!("token {token_id} without invitation")))?;
            Ok(Some(LinkRecord { token_id, invitation }))
        }

        async fn accept_invitation(&self, accept: Accept) -> Guarded<(UserRecord, InvitationRecord)> {
            let mut tx = self.write_tx().await?;
            let token: Option<(i64, i64)> =
                sqlx::query_as("SELECT id, invitation_id FROM invitation_tokens WHERE token_hash = $1")
                    .bind(&accept.token_hash[..])
                    .fetch_optional(&mut *tx)
                    .await?;
            let Some((token_id, invitation_id)) = token else { return Ok(None) };

            // The guard and the lock in one statement: only the current link of an open,
            // unexpired invitation gets through, and a racing accept waits and then fails it.
            let claimed: Option<(String, String)> = sqlx::query_as(
                "UPDATE invitations SET state = 'accepted', accepted_at = $2 \
                 WHERE id = $1 AND state = 'open' AND expires_at > $2 AND current_token_id = $3 \
                 RETURNING email, role",
            )
            .bind(invitation_id)
            .bind(accept.now.0)
            .bind(token_id)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((mut email, role_name)) = claimed else { return Ok(None) };
            if let Some(chosen) = &accept.email {
                sqlx::query("UPDATE invitations SET email = $2, email_key = $3 WHERE id = $1")
                    .bind(invitation_id)
                    .bind(chosen.as_str())
                    .bind(chosen.key())
                    .execute(&mut *tx)
                    .await
                    .map_err(classify)?;
                email = chosen.as_str().to_owned();
            }

            let account = &accept.account;
            let user: UserRow = sqlx::query_as(concat!(
                "INSERT INTO users (email, email_key, username, username_key, full_name, phone, role, \
                 password_hash, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) \
                 RETURNING ", user_columns!()
            ))
            .bind(&email)
            .bind(email.to_lowercase())
            .bind(account.username.as_str())
            .bind(account.username.key())
            .bind(account.full_name.as_str())
            .bind(account.phone.as_str())
            .bind(&role_name)
            .bind(&account.password_hash)
            .bind(accept.now.0)
            .fetch_one(&mut *tx)
            .await
            .map_err(classify)?;
            let user: UserRecord = user.try_into()?;

            sqlx::query("UPDATE invitations SET accepted_user = $2 WHERE id = $1")
                .bind(invitation_id)
                .bind(user.id)
                .execute(&mut *tx)
                .await?;
            let event = NewEvent {
                action: EventAction::Accepted,
                actor: Actor::user(&user),
                details: format!("account {}", user.username),
            };
            Self::insert_event(&mut tx, invitation_id, &event, accept.now).await?;
            let invitation = Self::invitation_in(&mut tx, invitation_id).await?;
            tx.commit().await?;
            Ok(Some((user, invitation)))
        }

        async fn note_link_activity(&self, activity: LinkActivity) -> Result<bool, StoreError> {
            let mut tx = self.write_tx().await?;
            // Guarded on the link still being the current one and the invitation still being
            // in the state the activity belongs to. An opening is noted once per link; a
            // request for a new link once per quiet period.
            let (id, token, now) = (activity.invitation_id, activity.token_id, activity.now.0);
            let (updated, action): (Option<(i64,)>, _) = match activity.kind {
                LinkActivityKind::Opened => (
                    sqlx::query_as(
                        "UPDATE invitations SET link_opened_at = $3 \
                         WHERE id = $1 AND current_token_id = $2 AND state = 'open' \
                           AND expires_at > $3 AND link_opened_at IS NULL RETURNING id",
                    )
                    .bind(id)
                    .bind(token)
                    .bind(now)
                    .fetch_optional(&mut *tx)
                    .await?,
                    EventAction::LinkOpened,
                ),
                LinkActivityKind::NewLinkRequested { quiet_since } => (
                    sqlx::query_as(
                        "UPDATE invitations SET new_link_requested_at = $3 \
                         WHERE id = $1 AND current_token_id = $2 AND state = 'open' \
                           AND expires_at <= $3 \
                           AND (new_link_requested_at IS NULL OR new_link_requested_at <= $4) \
                         RETURNING id",
                    )
                    .bind(id)
                    .bind(token)
                    .bind(now)
                    .bind(quiet_since.0)
                    .fetch_optional(&mut *tx)
                    .await?,
                    EventAction::NewLinkRequested,
                ),
            };
            if updated.is_none() {
                return Ok(false);
            }
            let event = NewEvent { action, actor: Actor::invitee(), details: String::new() };
            Self::insert_event(&mut tx, activity.invitation_id, &event, activity.now).await?;
            tx.commit().await?;
            Ok(true)
        }

        async fn list_invitations(
            &self,
            query: &ListQuery,
            now: Timestamp,
            max_resends: u32,
        ) -> Result<InvitationPage, StoreError> {
            let (column, descending) = sort_column(query.sort);
            let limit = query.page_size();
            let mut sql = sqlx::QueryBuilder::<$Db>::new(concat!(
                "SELECT ", invitation_columns!(),
                // The Teachers/Admin Staff module: the first Super-Admin's own invitation
                // (printed by the server) is not one of its rows.
                " FROM invitations WHERE role <> 'super_admin'"
            ));
            match query.status {
                None => {}
                Some(InvitationStatus::Pending) => {
                    sql.push(" AND state = 'open' AND expires_at > ").push_bind(now.0);
                }
                Some(InvitationStatus::Expired) => {
                    sql.push(" AND state = 'open' AND expires_at <= ").push_bind(now.0);
                }
                Some(InvitationStatus::Accepted) => {
                    sql.push(" AND state = 'accepted'");
                }
                Some(InvitationStatus::Revoked) => {
                    sql.push(" AND state = 'revoked'");
                }
            }
            if let Some(role) = query.role {
                sql.push(" AND role = ").push_bind(role.as_str());
            }
            if let Some(text) = query.email_contains.as_deref().filter(|t| !t.trim().is_empty()) {
                sql.push(" AND email_key LIKE ").push_bind(contains_pattern(text)).push(" ESCAPE '\\'");
            }
            if let Some(after) = query.after {
                sql.push(format_args!(" AND ({column}, id) {} (", if descending { "<" } else { ">" }))
                    .push_bind(after.value)
                    .push(", ")
                    .push_bind(after.id)
                    .push(")");
            }
            let direction = if descending { "DESC" } else { "ASC" };
            sql.push(format_args!(" ORDER BY {column} {direction}, id {direction} LIMIT "))
                .push_bind(i64::from(limit) + 1);

            let rows: Vec<InvitationRow> = sql.build_query_as().fetch_all(&self.pool).await?;
            let more = rows.len() > limit as usize;
            let mut items = Vec::with_capacity(rows.len().min(limit as usize));
            for row in rows.into_iter().take(limit as usize) {
                items.push(summary(row.try_into()?, now, max_resends));
            }
            let next = if more { items.last().map(|last| cursor_of(last, query.sort)) } else { None };
            let ids: Vec<i64> = items.iter().map(|i| i.id).collect();
            let mut deliveries = self.deliveries(&ids).await?;
            for item in &mut items {
                item.delivery = deliveries.remove(&item.id);
            }
            Ok(InvitationPage { items, next })
        }

        async fn count_invitations(&self, now: Timestamp) -> Result<StatusCounts, StoreError> {
            // The stored states come from the maintained `invitation_counts` (migration 0005),
            // a few dozen rows however many invitations there are. Pending is counted from the
            // (state, expires_at) index: only invitations whose link still works, the recent
            // ones; Expired is the rest of the open ones.
            let row: CountsRow = sqlx::query_as(
                "SELECT \
                   CAST(COALESCE(SUM(CASE WHEN state = 'open' THEN n END), 0) AS BIGINT) AS open, \
                   CAST(COALESCE(SUM(CASE WHEN state = 'accepted' THEN n END), 0) AS BIGINT) AS accepted, \
                   CAST(COALESCE(SUM(CASE WHEN state = 'revoked' THEN n END), 0) AS BIGINT) AS revoked, \
                   (SELECT COUNT(*) FROM invitations \
                     WHERE state = 'open' AND expires_at > $1 AND role <> 'super_admin') AS pending \
                 FROM invitation_counts WHERE role <> 'super_admin'",
            )
            .bind(now.0)
            .fetch_one(&self.pool)
            .await?;
            let n = |v: i64| u64::try_from(v).unwrap_or(0);
            Ok(StatusCounts {
                all: n(row.open + row.accepted + row.revoked),
                pending: n(row.pending),
                accepted: n(row.accepted),
                expired: n(row.open - row.pending),
                revoked: n(row.revoked),
            })
        }

        async fn change_stamp(&self, now: Timestamp) -> Result<ChangeStamp, StoreError> {
            // Both answered from an index: the events' primary key, and (state, expires_at).
            let (last_event, next_expiry): (Option<i64>, Option<i64>) = sqlx::query_as(
                "SELECT (SELECT MAX(id) FROM invitation_events), \
                        (SELECT MIN(expires_at) FROM invitations WHERE state = 'open' AND expires_at > $1)",
            )
            .bind(now.0)
            .fetch_one(&self.pool)
            .await?;
            Ok(ChangeStamp { last_event: last_event.unwrap_or(0), next_expiry: next_expiry.map(Timestamp) })
        }

        async fn invitation_history(&self, id: i64) -> Result<Vec<EventRecord>, StoreError> {
            let rows: Vec<EventRow> = sqlx::query_as(
                "SELECT at, actor_name, action, details FROM invitation_events \
                 WHERE invitation_id = $1 ORDER BY id",
            )
            .bind(id)
            .fetch_all(&self.pool)
            .await?;
            rows.into_iter().map(TryInto::try_into).collect()
        }

        async fn outbox_for(&self, invitation_id: i64) -> Result<Vec<OutboxRecord>, StoreError> {
            let rows: Vec<OutboxRow> = sqlx::query_as(
                "SELECT id, invitation_id, kind, recipient, payload, status, attempts, created_at \
                 FROM outbox WHERE invitation_id = $1 ORDER BY id",
            )
            .bind(invitation_id)
            .fetch_all(&self.pool)
            .await?;
            Ok(rows.into_iter().map(Into::into).collect())
        }

        async fn deliveries(
            &self,
            invitation_ids: &[i64],
        ) -> Result<std::collections::HashMap<i64, Delivery>, StoreError> {
            if invitation_ids.is_empty() {
                return Ok(Default::default());
            }
            let mut sql = sqlx::QueryBuilder::<$Db>::new(
                "SELECT invitation_id, status, attempts, next_attempt_at, last_error, sent_at FROM outbox \
                 WHERE id IN (SELECT MAX(id) FROM outbox WHERE invitation_id IN (",
            );
            let mut list = sql.separated(", ");
            for id in invitation_ids {
                list.push_bind(*id);
            }
            sql.push(") GROUP BY invitation_id)");
            let rows: Vec<DeliveryRow> = sql.build_query_as().fetch_all(&self.pool).await?;
            Ok(rows.into_iter().map(DeliveryRow::into_pair).collect())
        }

        async fn claim_messages(
            &self,
            now: Timestamp,
            lease_until: Timestamp,
            limit: u32,
        ) -> Result<Vec<ClaimedMessage>, StoreError> {
            let rows: Vec<ClaimRow> = sqlx::query_as(concat!(
                "UPDATE outbox SET status = 'sending', lease_until = $2, attempts = attempts + 1 \
                 WHERE id IN (SELECT id FROM outbox \
                   WHERE ((status = 'queued' AND next_attempt_at <= $1) \
                       OR (status = 'sending' AND lease_until <= $1)) \
                     AND payload IS NOT NULL \
                   ORDER BY next_attempt_at, id LIMIT $3 ", $skip_locked, ") \
                 RETURNING id, invitation_id, kind, recipient, payload, attempts"
            ))
            .bind(now.0)
            .bind(lease_until.0)
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await?;
            let mut claimed: Vec<ClaimedMessage> = rows.into_iter().map(Into::into).collect();
            claimed.sort_by_key(|m| m.id);
            Ok(claimed)
        }

        async fn finish_message(
            &self,
            claim: &ClaimedMessage,
            outcome: MessageOutcome,
            now: Timestamp,
        ) -> Result<bool, StoreError> {
            let mut tx = self.write_tx().await?;
            let fence = " WHERE id = $1 AND status = 'sending' AND attempts = $2";
            let (sql, event) = match &outcome {
                MessageOutcome::Sent => (
                    format!("UPDATE outbox SET status = 'sent', sent_at = $3, payload = NULL, lease_until = NULL, last_error = NULL{fence}"),
                    Some((EventAction::Delivered, format!("to {}", claim.recipient))),
                ),
                MessageOutcome::Retry { next_at, error } => (
                    format!("UPDATE outbox SET status = 'queued', next_attempt_at = {}, lease_until = NULL, last_error = $3{fence}", next_at.0),
                    Some((
                        EventAction::DeliveryRetrying,
                        format!("attempt {} failed: {error}; next try {}", claim.attempts, next_at.format_utc()),
                    )),
                ),
                MessageOutcome::Failed { error } => (
                    format!("UPDATE outbox SET status = 'failed', payload = NULL, lease_until = NULL, last_error = $3{fence}"),
                    Some((EventAction::DeliveryFailed, format!("after {} attempts: {error}", claim.attempts))),
                ),
                MessageOutcome::Released => (
                    format!("UPDATE outbox SET status = 'queued', attempts = attempts - 1, next_attempt_at = $3, lease_until = NULL{fence}"),
                    None,
                ),
            };
            let query = sqlx::query(&sql).bind(claim.id).bind(claim.attempts);
            let query = match &outcome {
                MessageOutcome::Sent | MessageOutcome::Released => query.bind(now.0),
                MessageOutcome::Retry { error, .. } | MessageOutcome::Failed { error } => query.bind(error.clone()),
            };
            let updated = query.execute(&mut *tx).await?.rows_affected() == 1;
            if !updated {
                return Ok(false);
            }
            if let (Some(invitation_id), Some((action, details))) = (claim.invitation_id, event) {
                let event = NewEvent { action, actor: Actor::system(), details };
                Self::insert_event(&mut tx, invitation_id, &event, now).await?;
            }
            tx.commit().await?;
            Ok(true)
        }

        async fn save_dev_mail(&self, outbox_id: i64, mail: &DevMail, now: Timestamp) -> Result<i64, StoreError> {
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO dev_mailbox (outbox_id, recipient, subject, text_body, html_body, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            )
            .bind(outbox_id)
            .bind(&mail.recipient)
            .bind(&mail.subject)
            .bind(&mail.text_body)
            .bind(&mail.html_body)
            .bind(now.0)
            .fetch_one(&self.pool)
            .await?;
            Ok(id)
        }

        async fn wipe_expired_dev_mail(&self, now: Timestamp) -> Result<u64, StoreError> {
            let mut tx = self.write_tx().await?;
            let wiped = sqlx::query(
                "UPDATE dev_mailbox SET text_body = NULL, html_body = NULL \
                 WHERE text_body IS NOT NULL AND outbox_id IN (\
                     SELECT o.id FROM outbox o JOIN invitations i ON i.id = o.invitation_id \
                     WHERE i.state = 'open' AND i.expires_at <= $1)",
            )
            .bind(now.0)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            tx.commit().await?;
            Ok(wiped)
        }

        async fn list_dev_mail(&self, limit: u32) -> Result<Vec<DevMail>, StoreError> {
            let rows: Vec<DevMailRow> = sqlx::query_as(
                "SELECT id, recipient, subject, text_body, html_body, created_at FROM dev_mailbox \
                 ORDER BY id DESC LIMIT $1",
            )
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await?;
            Ok(rows.into_iter().map(Into::into).collect())
        }

        async fn find_dev_mail(&self, id: i64) -> Result<Option<DevMail>, StoreError> {
            let row: Option<DevMailRow> = sqlx::query_as(
                "SELECT id, recipient, subject, text_body, html_body, created_at FROM dev_mailbox WHERE id = $1",
            )
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
            Ok(row.map(Into::into))
        }

        async fn seed(&self, plan: &crate::server::store::SeedPlan) -> Result<u64, StoreError> {
            let n = i64::try_from(plan.invitations).unwrap_or(i64::MAX);
            let pending = i64::try_from(plan.pending).unwrap_or(0).min(n);
            let recent_step = (plan.ttl_ms / 2 / pending.max(1)).max(1);
            let old_step = (plan.span_ms / (n - pending).max(1)).max(1);
            let mut tx = self.write_tx().await?;
            for statement in Self::SEED_BEFORE {
                sqlx::query(statement).execute(&mut *tx).await?;
            }
            let (before,): (i64,) = sqlx::query_as("SELECT COALESCE(MAX(id), 0) FROM invitations")
                .fetch_one(&mut *tx)
                .await?;
            // $1 count, $2 pending, $3 now, $4 ttl, $5 and $6 the spacing, $7 a tag.
            let rows = |sql: &'static str| {
                sqlx::query(sql)
                    .bind(n)
                    .bind(pending)
                    .bind(plan.now.0)
                    .bind(plan.ttl_ms)
                    .bind(recent_step)
                    .bind(old_step)
                    .bind(before)
            };
            rows(concat!(
                seed_rows!(),
                "INSERT INTO users (email, email_key, username, username_key, full_name, phone, \
                   role, password_hash, created_at, updated_at) \
                 SELECT email, email, 'staff' || n || '.' || $7, 'staff' || n || '.' || $7, \
                   'Staff Member ' || n, '+1555' || (1000000 + n % 1000000), role, $8, \
                   created + 3600000, created + 3600000 \
                 FROM t WHERE state = 'accepted'"
            ))
            .bind(&plan.password_hash)
            .execute(&mut *tx)
            .await?;
            let written = rows(concat!(
                seed_rows!(),
                "INSERT INTO invitations (email, email_key, role, state, invited_by, inviter_name, \
                   resend_count, created_at, sent_at, expires_at, accepted_at, accepted_user, revoked_at) \
                 SELECT email, email, role, state, NULL, 'Seed data', 0, created, created, created + $4, \
                   CASE WHEN state = 'accepted' THEN created + 3600000 END, \
                   CASE WHEN state = 'accepted' THEN (SELECT id FROM users WHERE email_key = t.email) END, \
                   CASE WHEN state = 'revoked' THEN created + 7200000 END \
                 FROM t ORDER BY n"
            ))
            .execute(&mut *tx)
            .await?
            .rows_affected();
            for statement in [
                "INSERT INTO invitation_events (invitation_id, at, actor_user, actor_name, action, details) \
                 SELECT id, created_at, NULL, inviter_name, 'created', '' FROM invitations WHERE id > $1",
                "INSERT INTO invitation_events (invitation_id, at, actor_user, actor_name, action, details) \
                 SELECT id, accepted_at, accepted_user, 'Invitee', 'accepted', '' FROM invitations \
                 WHERE id > $1 AND state = 'accepted'",
                "INSERT INTO invitation_events (invitation_id, at, actor_user, actor_name, action, details) \
                 SELECT id, revoked_at, NULL, 'Seed data', 'revoked', '' FROM invitations \
                 WHERE id > $1 AND state = 'revoked'",
                "INSERT INTO outbox (invitation_id, kind, recipient, payload, status, attempts, \
                   next_attempt_at, created_at, sent_at) \
                 SELECT id, 'invitation', email, NULL, 'sent', 1, created_at, created_at, created_at + 2000 \
                 FROM invitations WHERE id > $1",
            ] {
                sqlx::query(statement).bind(before).execute(&mut *tx).await?;
            }
            for statement in Self::SEED_AFTER {
                sqlx::query(statement).execute(&mut *tx).await?;
            }
            tx.commit().await?;
            sqlx::query("ANALYZE").execute(&self.pool).await?;
            Ok(written)
        }
    }
    };
}
pub(super) use store_impl;

/// The rows `seed` writes, as a common table expression `t` (see `SeedPlan`): a counter `n`
/// from 1, each row's address, role, stored state and creation time.
macro_rules! seed_rows {
    () => {
        "WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < $1), \
         t AS (SELECT n, \
           'staff' || n || '.' || $7 || '@seed.example.org' AS email, \
           CASE WHEN n % 3 = 0 THEN 'admin_staff' ELSE 'teacher' END AS role, \
           CASE WHEN n > $1 - $2 THEN 'open' WHEN n % 10 < 7 THEN 'accepted' \
                WHEN n % 10 = 7 THEN 'revoked' ELSE 'open' END AS state, \
           CASE WHEN n > $1 - $2 THEN $3 - ($1 - n + 1) * $5 \
                ELSE $3 - $4 - ($1 - $2 - n + 1) * $6 END AS created \
         FROM s) "
    };
}
pub(super) use seed_rows;

/// Helpers used inside one transaction, for one backend.
macro_rules! transaction_helpers {
    ($Store:ident, $Db:ty) => {
        impl $Store {
            async fn issue_link(
                conn: &mut <$Db as sqlx::Database>::Connection,
                invitation_id: i64,
                link: &NewLink,
                now: Timestamp,
            ) -> Result<(), StoreError> {
                let (token_id,): (i64,) = sqlx::query_as(
                    "INSERT INTO invitation_tokens (invitation_id, token_hash, created_at, expires_at) \
                     VALUES ($1, $2, $3, $4) RETURNING id",
                )
                .bind(invitation_id)
                .bind(&link.token_hash[..])
                .bind(now.0)
                .bind(link.expires_at.0)
                .fetch_one(&mut *conn)
                .await?;
                sqlx::query("UPDATE invitations SET current_token_id = $2 WHERE id = $1")
                    .bind(invitation_id)
                    .bind(token_id)
                    .execute(&mut *conn)
                    .await?;
                Ok(())
            }

            async fn insert_event(
                conn: &mut <$Db as sqlx::Database>::Connection,
                invitation_id: i64,
                event: &NewEvent,
                now: Timestamp,
            ) -> Result<(), StoreError> {
                sqlx::query(
                    "INSERT INTO invitation_events (invitation_id, at, actor_user, actor_name, action, details) \
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(invitation_id)
                .bind(now.0)
                .bind(event.actor.user_id)
                .bind(&event.actor.name)
                .bind(event.action.as_str())
                .bind(&event.details)
                .execute(&mut *conn)
                .await?;
                Ok(())
            }

            async fn queue_message(
                conn: &mut <$Db as sqlx::Database>::Connection,
                invitation_id: i64,
                message: &NewMessage,
                now: Timestamp,
            ) -> Result<(), StoreError> {
                sqlx::query(
                    "INSERT INTO outbox (invitation_id, kind, recipient, payload, status, attempts, \
                     next_attempt_at, created_at) VALUES ($1, $2, $3, $4, 'queued', 0, $5, $5)",
                )
                .bind(invitation_id)
                .bind(message.kind)
                .bind(&message.recipient)
                .bind(&message.payload)
                .bind(now.0)
                .execute(&mut *conn)
                .await?;
                Ok(())
            }

            async fn invitation_in_opt(
                conn: &mut <$Db as sqlx::Database>::Connection,
                id: i64,
            ) -> Result<Option<InvitationRecord>, StoreError> {
                let row: Option<InvitationRow> = sqlx::query_as(concat!(
                    "SELECT ", invitation_columns!(), " FROM invitations WHERE id = $1"
                ))
                .bind(id)
                .fetch_optional(&mut *conn)
                .await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn invitation_in(
                conn: &mut <$Db as sqlx::Database>::Connection,
                id: i64,
            ) -> Result<InvitationRecord, StoreError> {
                Self::invitation_in_opt(conn, id)
                    .await?
                    .ok_or_else(|| StoreError::Corrupt(format!("invitation {id} vanished")))
            }
        }
    };
}
pub(super) use transaction_helpers;
