//! The `invitation_tokens` table: each link's hashed secret. An invitation's current link is
//! the one its row points at; every earlier one is superseded.

use super::{LinkRecord, NewLink, Store, StoreError, Tx, invitations, on};
use crate::domain::Timestamp;

/// A link's id and its invitation's, by the hash of its secret.
const BY_HASH: &str = "SELECT id, invitation_id FROM invitation_tokens WHERE token_hash = $1";

impl Store {
    /// The link whose secret hashes to `token_hash`, with its invitation.
    pub async fn find_link(&self, token_hash: &[u8; 32]) -> Result<Option<LinkRecord>, StoreError> {
        let token: Option<(i64, i64)> = on!(self.read(), |c| sqlx::query_as(BY_HASH)
            .bind(&token_hash[..])
            .fetch_optional(c)
            .await)?;
        let Some((token_id, invitation_id)) = token else { return Ok(None) };
        let invitation = self
            .find_invitation(invitation_id)
            .await?
            .ok_or_else(|| StoreError::Corrupt(format!("token {token_id} without invitation")))?;
        Ok(Some(LinkRecord { token_id, invitation }))
    }
}

/// The link's id and its invitation's, inside a transaction.
pub(super) async fn find_in(
    tx: &mut Tx,
    token_hash: &[u8; 32],
) -> Result<Option<(i64, i64)>, StoreError> {
    Ok(on!(tx.conn(), |c| sqlx::query_as(BY_HASH).bind(&token_hash[..]).fetch_optional(c).await)?)
}

/// Stores a new link and makes it the invitation's current one.
pub(super) async fn issue(
    tx: &mut Tx,
    invitation_id: i64,
    link: &NewLink,
    now: Timestamp,
) -> Result<(), StoreError> {
    let sql = "INSERT INTO invitation_tokens (invitation_id, token_hash, created_at, expires_at) \
               VALUES ($1, $2, $3, $4) RETURNING id";
    let (token_id,): (i64,) = on!(tx.conn(), |c| {
        sqlx::query_as(sql)
            .bind(invitation_id)
            .bind(&link.token_hash[..])
            .bind(now.0)
            .bind(link.expires_at.0)
            .fetch_one(c)
            .await
    })?;
    invitations::point_at_link(tx, invitation_id, token_id).await
}
