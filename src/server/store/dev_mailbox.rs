//! The `dev_mailbox` table: what the development transport "sends", kept sealed and only
//! while its invitation is Pending.

use super::{DevMail, Store, StoreError, on};
use crate::domain::Timestamp;

const COLUMNS: &str = "id, recipient, subject, text_body, html_body, created_at";

#[derive(sqlx::FromRow)]
struct DevMailRow {
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

impl Store {
    pub async fn save_dev_mail(
        &self,
        outbox_id: i64,
        mail: &DevMail,
        now: Timestamp,
    ) -> Result<i64, StoreError> {
        let sql = "INSERT INTO dev_mailbox \
                   (outbox_id, recipient, subject, text_body, html_body, created_at) \
                   VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
        let (id,): (i64,) = on!(self.writer(), |c| {
            sqlx::query_as(sql)
                .bind(outbox_id)
                .bind(&mail.recipient)
                .bind(&mail.subject)
                .bind(&mail.text_body)
                .bind(&mail.html_body)
                .bind(now.0)
                .fetch_one(c)
                .await
        })?;
        Ok(id)
    }

    /// Wipes the bodies of messages whose invitation expired by `now` (accepted and revoked
    /// ones are wiped by a trigger as they end); returns how many.
    pub async fn wipe_expired_dev_mail(&self, now: Timestamp) -> Result<u64, StoreError> {
        let sql = "UPDATE dev_mailbox SET text_body = NULL, html_body = NULL \
                   WHERE text_body IS NOT NULL AND outbox_id IN (\
                     SELECT o.id FROM outbox o JOIN invitations i ON i.id = o.invitation_id \
                     WHERE i.state = 'open' AND i.expires_at <= $1)";
        Ok(on!(self.writer(), |c| {
            sqlx::query(sql).bind(now.0).execute(c).await.map(|done| done.rows_affected())
        })?)
    }

    /// Newest first.
    pub async fn list_dev_mail(&self, limit: u32) -> Result<Vec<DevMail>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM dev_mailbox ORDER BY id DESC LIMIT $1");
        let rows: Vec<DevMailRow> = on!(self.read(), |c| {
            sqlx::query_as(&sql).bind(i64::from(limit)).fetch_all(c).await
        })?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    pub async fn find_dev_mail(&self, id: i64) -> Result<Option<DevMail>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM dev_mailbox WHERE id = $1");
        let row: Option<DevMailRow> =
            on!(self.read(), |c| sqlx::query_as(&sql).bind(id).fetch_optional(c).await)?;
        Ok(row.map(Into::into))
    }
}
