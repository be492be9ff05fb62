//! What the invitee's link does to its invitation: accepting it (the account, its first
//! passkey if it has one, and the invitation's end in one transaction), and noting that it was opened or a new one asked for.

use super::{
    Accept, Actor, FirstWayIn, Guarded, InvitationRecord, LinkActivity, LinkActivityKind, Store,
    StoreError, UserRecord,
    error::{classify, stored_role},
    history, invitations, links, on, passkeys, school_accounts,
    users::{self, Columns},
};

impl Store {
    /// In one transaction: checks that the link is its invitation's current one and the
    /// invitation is open and unexpired, creates the account with the invitation's email and
    /// role, and marks the invitation accepted. `None` when the link is not acceptable.
    pub async fn accept_invitation(
        &self,
        accept: Accept,
    ) -> Guarded<(UserRecord, InvitationRecord)> {
        let mut tx = self.write().await?;
        let Some((token_id, invitation_id)) = links::find_in(&mut tx, &accept.token_hash).await?
        else {
            return Ok(None);
        };
        // The guard and the lock in one statement: only the current link of an open,
        // unexpired invitation gets through, and a racing accept waits and then fails it.
        let sql = "UPDATE invitations SET state = 'accepted', accepted_at = $2 \
                   WHERE id = $1 AND state = 'open' AND expires_at > $2 AND current_token_id = $3 \
                   RETURNING email, role";
        let claimed: Option<(String, String)> = on!(tx.conn(), |c| {
            sqlx::query_as(sql)
                .bind(invitation_id)
                .bind(accept.now.0)
                .bind(token_id)
                .fetch_optional(c)
                .await
        })?;
        let Some((mut email, role)) = claimed else { return Ok(None) };
        if let Some(chosen) = &accept.email {
            let sql = "UPDATE invitations SET email = $2, email_key = $3 WHERE id = $1";
            on!(tx.conn(), |c| {
                sqlx::query(sql)
                    .bind(invitation_id)
                    .bind(chosen.as_str())
                    .bind(chosen.key())
                    .execute(c)
                    .await
                    .map(|_| ())
            })
            .map_err(classify)?;
            email = chosen.as_str().to_owned();
        }

        let account = &accept.account;
        let (password_hash, handle, passkey, school) = match &account.first_way_in {
            FirstWayIn::Password(hash) => (Some(hash.as_str()), None, None, None),
            FirstWayIn::Passkey { handle, passkey } => {
                (None, Some(handle.as_str()), Some(passkey), None)
            }
            FirstWayIn::SchoolAccount(school) => {
                // Only the invited address's owner: the provider's verified address must be
                // the invitation's, as it reads in this transaction.
                if !school.email.eq_ignore_ascii_case(&email) {
                    return Ok(None);
                }
                (None, None, None, Some(school))
            }
        };
        let columns = Columns {
            email: &email,
            email_key: email.to_lowercase(),
            username: account.username.as_str(),
            username_key: account.username.key(),
            full_name: account.full_name.as_str(),
            phone: Some(account.phone.as_str()),
            role: stored_role(&role)?,
            password_hash,
            webauthn_handle: handle,
            language: account.language.as_ref().map(|l| l.as_str()),
        };
        let user = users::insert(&mut tx, &columns, accept.now).await?;
        if let Some(passkey) = passkey {
            passkeys::insert(&mut tx, user.id, passkey, accept.now).await?;
        }
        if let Some(school) = school {
            school_accounts::insert(&mut tx, user.id, school, accept.now).await?;
        }
        let sql = "UPDATE invitations SET accepted_user = $2 WHERE id = $1";
        on!(tx.conn(), |c| {
            sqlx::query(sql).bind(invitation_id).bind(user.id).execute(c).await.map(|_| ())
        })?;
        let mut event = accept.event;
        event.actor = Actor { user_id: Some(user.id), ..event.actor };
        let invitation =
            invitations::finish(tx, invitation_id, Some(&event), &[], accept.now).await?;
        Ok(Some((user, invitation)))
    }

    /// Notes what the invitee did with a link, with its event, when the link is still the
    /// current one and the activity is new (see `LinkActivityKind`). `false`: nothing noted.
    pub async fn note_link_activity(&self, activity: LinkActivity) -> Result<bool, StoreError> {
        let mut tx = self.write().await?;
        // Guarded on the link still being the current one and the invitation still being in
        // the state the activity belongs to. An opening is noted once per link; a request for
        // a new link once per quiet period.
        let (sql, quiet_since) = match activity.kind {
            LinkActivityKind::Opened => (
                "UPDATE invitations SET link_opened_at = $3 \
                 WHERE id = $1 AND current_token_id = $2 AND state = 'open' \
                   AND expires_at > $3 AND link_opened_at IS NULL",
                None,
            ),
            LinkActivityKind::NewLinkRequested { quiet_since } => (
                "UPDATE invitations SET new_link_requested_at = $3 \
                 WHERE id = $1 AND current_token_id = $2 AND state = 'open' \
                   AND expires_at <= $3 \
                   AND (new_link_requested_at IS NULL OR new_link_requested_at <= $4)",
                Some(quiet_since.0),
            ),
        };
        let changed = on!(tx.conn(), |c| {
            let query = sqlx::query(sql)
                .bind(activity.invitation_id)
                .bind(activity.token_id)
                .bind(activity.now.0);
            let query = match quiet_since {
                Some(since) => query.bind(since),
                None => query,
            };
            query.execute(c).await.map(|done| done.rows_affected())
        })?;
        if changed == 0 {
            return Ok(false);
        }
        history::record(&mut tx, activity.invitation_id, &activity.event, activity.now).await?;
        tx.commit().await?;
        Ok(true)
    }
}
