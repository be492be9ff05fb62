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
    /// Keeps a round of sent messages, each with its outbox id, in one statement (one
    /// turn of the writer); each one's mailbox id, by outbox id.
    pub async fn save_dev_mails(
        &self,
        mails: &[(i64, DevMail)],
        now: Timestamp,
    ) -> Result<Vec<(i64, i64)>, StoreError> {
        let mut saved = Vec::with_capacity(mails.len());
        // Five parameters a message, well under either database's limit on one statement.
        for chunk in mails.chunks(500) {
            let rows: Vec<String> = (0..chunk.len())
                .map(|i| {
                    let p = 2 + 5 * i;
                    format!("(${p}, ${}, ${}, ${}, ${}, $1)", p + 1, p + 2, p + 3, p + 4)
                })
                .collect();
            let sql = format!(
                "INSERT INTO dev_mailbox \
                 (outbox_id, recipient, subject, text_body, html_body, created_at) \
                 VALUES {} RETURNING outbox_id, id",
                rows.join(", ")
            );
            let ids: Vec<(i64, i64)> = on!(self.writer(), |c| {
                let mut query = sqlx::query_as(&sql).bind(now.0);
                for (outbox_id, mail) in chunk {
                    query = query
                        .bind(*outbox_id)
                        .bind(&mail.recipient)
                        .bind(&mail.subject)
                        .bind(&mail.text_body)
                        .bind(&mail.html_body);
                }
                query.fetch_all(c).await
            })?;
            saved.extend(ids);
        }
        Ok(saved)
    }

    /// Wipes the bodies of messages whose invitation expired by `now` (accepted and revoked
    /// ones are wiped by a trigger as they end), and of sign-in links' emails queued before
    /// `links_queued_before` (their links have expired); returns how many.
    pub async fn wipe_expired_dev_mail(
        &self,
        now: Timestamp,
        links_queued_before: Timestamp,
    ) -> Result<u64, StoreError> {
        let sql = "UPDATE dev_mailbox SET text_body = NULL, html_body = NULL \
                   WHERE text_body IS NOT NULL AND outbox_id IN (\
                     SELECT o.id FROM outbox o JOIN invitations i ON i.id = o.invitation_id \
                     WHERE i.state = 'open' AND i.expires_at <= $1 \
                     UNION SELECT o.id FROM outbox o \
                     WHERE o.kind = 'sign_in_link' AND o.created_at <= $2)";
        Ok(on!(self.writer(), |c| {
            sqlx::query(sql)
                .bind(now.0)
                .bind(links_queued_before.0)
                .execute(c)
                .await
                .map(|done| done.rows_affected())
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
