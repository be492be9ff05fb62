//! The `invitation_tokens` table: each link's hashed secret. An invitation's current link is
//! the one its row points at; every earlier one is superseded.

use super::invitations::{COLUMNS, InvitationRow};
use super::{LinkRecord, NewLink, Store, StoreError, Tx, on, script::Script};
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

    /// The links whose secrets hash to `token_hashes`, each with its invitation, in one
    /// statement (the outbox's gate asks for a whole round's at once); a hash with no link is
    /// left out.
    pub async fn find_links(
        &self,
        token_hashes: &[[u8; 32]],
    ) -> Result<Vec<([u8; 32], LinkRecord)>, StoreError> {
        let mut found = Vec::with_capacity(token_hashes.len());
        // One parameter a link, well under either database's limit on one statement.
        for chunk in token_hashes.chunks(500) {
            let marks: Vec<String> = (1..=chunk.len()).map(|n| format!("${n}")).collect();
            let sql = format!(
                "SELECT t.token_hash, t.id AS token_id, i.* FROM invitation_tokens t \
                 JOIN (SELECT {COLUMNS} FROM invitations) i ON i.id = t.invitation_id \
                 WHERE t.token_hash IN ({})",
                marks.join(", ")
            );
            let rows: Vec<FoundLink> = on!(self.read(), |c| {
                let mut query = sqlx::query_as(&sql);
                for hash in chunk {
                    query = query.bind(&hash[..]);
                }
                query.fetch_all(c).await
            })?;
            for row in rows {
                let hash = <[u8; 32]>::try_from(row.token_hash.as_slice()).map_err(|_| {
                    StoreError::Corrupt(format!("link {} with a malformed hash", row.token_id))
                })?;
                let link =
                    LinkRecord { token_id: row.token_id, invitation: row.invitation.try_into()? };
                found.push((hash, link));
            }
        }
        Ok(found)
    }
}

#[derive(sqlx::FromRow)]
struct FoundLink {
    token_hash: Vec<u8>,
    token_id: i64,
    #[sqlx(flatten)]
    invitation: InvitationRow,
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
    let mut script = Script::for_tx(tx);
    let (invitation, at) = (script.param(invitation_id)?, script.param(now.0)?);
    add(&mut script, &[(&invitation, link, &at)])?;
    Ok(script.execute(tx).await?)
}

/// Adds to `script` the statements storing each link (with the placeholders of its
/// invitation and of when it was made) and making it its invitation's current one: one
/// statement of each kind for all of them.
pub(super) fn add<'q>(
    script: &mut Script<'q>,
    links: &[(&str, &'q NewLink, &str)],
) -> Result<(), StoreError> {
    let mut rows = Vec::with_capacity(links.len());
    let mut hashes = Vec::with_capacity(links.len());
    for &(invitation, link, at) in links {
        let hash = script.param(&link.token_hash[..])?;
        let expires = script.param(link.expires_at.0)?;
        rows.push(format!("({invitation}, {hash}, {at}, {expires})"));
        hashes.push(hash);
    }
    let invitations: Vec<&str> = links.iter().map(|&(invitation, _, _)| invitation).collect();
    script.push(format!(
        "INSERT INTO invitation_tokens (invitation_id, token_hash, created_at, expires_at) \
         VALUES {}",
        rows.join(", ")
    ))?;
    // Each invitation by its own expression (an id, or its one open row by address), which
    // finds it by an index whatever the table's statistics say.
    script.push(format!(
        "UPDATE invitations SET current_token_id = (SELECT t.id FROM invitation_tokens t \
         WHERE t.invitation_id = invitations.id AND t.token_hash IN ({})) WHERE id IN ({})",
        hashes.join(", "),
        invitations.join(", ")
    ))
}
