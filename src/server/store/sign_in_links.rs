//! The `sign_in_links` table: one-time sign-in links, issued with their email and redeemed
//! with what they change, each in one transaction.

use super::{
    NewSignInLink, Redemption, SignInLinkRecord, Store, StoreError, Tx, UserRecord, on, outbox,
    passkeys,
    users::{COLUMNS, UserRow},
};
use crate::domain::Timestamp;

/// Whether a link (`$1`, its hash) works at `$2`: unused, unreplaced, unexpired, of an active
/// account.
const USABLE: &str = "FROM sign_in_links l JOIN users u ON u.id = l.user_id \
    WHERE l.token_hash = $1 AND l.used_at IS NULL AND l.replaced_at IS NULL \
      AND l.expires_at > $2 AND u.deactivated_at IS NULL";

impl Store {
    /// Issues a sign-in link for an active account: its earlier unused links stop working, the
    /// new one is stored (its hash) and its email queued, in one transaction. `false` when the
    /// account is not active (nothing is written).
    pub async fn issue_sign_in_link(&self, link: &NewSignInLink) -> Result<bool, StoreError> {
        let mut tx = self.write().await?;
        let active = "SELECT id FROM users WHERE id = $1 AND deactivated_at IS NULL";
        let found: Option<(i64,)> =
            on!(tx.conn(), |c| sqlx::query_as(active).bind(link.user_id).fetch_optional(c).await)?;
        if found.is_none() {
            return Ok(false);
        }
        if let Some(actor) = &link.sent_by {
            super::users::require_active_actor(&mut tx, actor).await?;
        }
        let replace = "UPDATE sign_in_links SET replaced_at = $2 \
                       WHERE user_id = $1 AND used_at IS NULL AND replaced_at IS NULL";
        on!(tx.conn(), |c| {
            sqlx::query(replace).bind(link.user_id).bind(link.now.0).execute(c).await.map(|_| ())
        })?;
        let insert = "INSERT INTO sign_in_links (user_id, token_hash, created_at, expires_at, \
                      sent_by, sent_by_name) VALUES ($1, $2, $3, $4, $5, $6)";
        let (sent_by, sent_by_name) = match &link.sent_by {
            Some(actor) => (actor.user_id, Some(actor.name.as_str())),
            None => (None, None),
        };
        on!(tx.conn(), |c| {
            sqlx::query(insert)
                .bind(link.user_id)
                .bind(&link.token_hash[..])
                .bind(link.now.0)
                .bind(link.expires_at.0)
                .bind(sent_by)
                .bind(sent_by_name)
                .execute(c)
                .await
                .map(|_| ())
        })?;
        outbox::queue(&mut tx, None, &link.message, link.now).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// The link whose secret hashes to `hash`, if it works at `now`.
    pub async fn find_sign_in_link(
        &self,
        hash: &[u8; 32],
        now: Timestamp,
    ) -> Result<Option<SignInLinkRecord>, StoreError> {
        let sql = format!(
            "SELECT l.user_id, u.username, u.full_name, l.expires_at, u.webauthn_handle {USABLE}"
        );
        type Row = (i64, String, String, i64, Option<String>);
        let row: Option<Row> = on!(self.read(), |c| {
            sqlx::query_as(&sql).bind(&hash[..]).bind(now.0).fetch_optional(c).await
        })?;
        Ok(row.map(|(user_id, username, full_name, expires_at, webauthn_handle)| {
            SignInLinkRecord {
                user_id,
                username,
                full_name,
                expires_at: Timestamp(expires_at),
                webauthn_handle,
            }
        }))
    }

    /// Uses a link, in one transaction: it is marked used (so a second use, or a racing one,
    /// finds nothing), the change is made, and the account's session epoch moves on, which
    /// ends every session signed in before. The account, or `None` when the link no longer
    /// works.
    pub async fn redeem_sign_in_link(
        &self,
        hash: &[u8; 32],
        change: &Redemption,
        now: Timestamp,
    ) -> Result<Option<UserRecord>, StoreError> {
        let mut tx = self.write().await?;
        let sql = format!(
            "UPDATE sign_in_links SET used_at = $2 WHERE id = (SELECT l.id {USABLE}) \
             RETURNING user_id"
        );
        let used: Option<(i64,)> = on!(tx.conn(), |c| {
            sqlx::query_as(&sql).bind(&hash[..]).bind(now.0).fetch_optional(c).await
        })?;
        let Some((user_id,)) = used else { return Ok(None) };
        match change {
            Redemption::Password(hash) => set_password(&mut tx, user_id, hash).await?,
            Redemption::Passkey { handle, passkey } => {
                let sql = "UPDATE users SET webauthn_handle = COALESCE(webauthn_handle, $2) \
                           WHERE id = $1 RETURNING webauthn_handle";
                let kept: (Option<String>,) = on!(tx.conn(), |c| {
                    sqlx::query_as(sql).bind(user_id).bind(handle).fetch_one(c).await
                })?;
                if kept.0.as_deref() != Some(handle.as_str()) {
                    return Ok(None);
                }
                passkeys::insert(&mut tx, user_id, passkey, now).await?;
            }
        }
        let sql = format!(
            "UPDATE users SET session_epoch = session_epoch + 1, updated_at = $2 \
             WHERE id = $1 RETURNING {COLUMNS}"
        );
        let row: UserRow =
            on!(tx.conn(), |c| sqlx::query_as(&sql).bind(user_id).bind(now.0).fetch_one(c).await)?;
        let user = row.try_into()?;
        tx.commit().await?;
        Ok(Some(user))
    }
}

async fn set_password(tx: &mut Tx, user_id: i64, hash: &str) -> Result<(), StoreError> {
    let sql = "UPDATE users SET password_hash = $2 WHERE id = $1";
    on!(tx.conn(), |c| sqlx::query(sql).bind(user_id).bind(hash).execute(c).await.map(|_| ()))?;
    Ok(())
}
