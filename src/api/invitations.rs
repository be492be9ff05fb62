//! The Super-Admin's invitation server functions.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

use crate::domain::{InvitationPage, ListQuery, StatusCounts, Timestamp};

/// One page of the Invites table and the counts for the status chips.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitesView {
    pub page: InvitationPage,
    pub counts: StatusCounts,
    /// The server's clock when it answered, so relative times read the same on the server
    /// and in the browser.
    pub now: Timestamp,
}

#[server(prefix = "/api", endpoint = "invitation_overview", input = Json)]
pub async fn invitation_overview(query: ListQuery) -> Result<InvitesView, ServerFnError> {
    use super::guard::{require, unexpected};
    use crate::server::auth::Access;

    let (state, _admin) = require(Access::SuperAdmin).await?;
    let page = state.invitations.list(&query).await.map_err(unexpected)?;
    let counts = state.invitations.counts().await.map_err(unexpected)?;
    Ok(InvitesView { page, counts, now: state.clock.now() })
}

/// Sends a new link to an invitation's address; every earlier link stops working.
#[server(prefix = "/api", endpoint = "resend_invitation", input = Json)]
pub async fn resend_invitation(id: i64) -> Result<(), ServerFnError> {
    use super::guard::require;
    use crate::server::auth::Access;

    let (state, admin) = require(Access::SuperAdmin).await?;
    state.invitations.resend(&actor_of(&admin), id).await.map_err(refusal)?;
    Ok(())
}

/// Withdraws a Pending or Expired invitation; its links stop working.
#[server(prefix = "/api", endpoint = "revoke_invitation", input = Json)]
pub async fn revoke_invitation(id: i64) -> Result<(), ServerFnError> {
    use super::guard::require;
    use crate::server::auth::Access;

    let (state, admin) = require(Access::SuperAdmin).await?;
    state.invitations.revoke(&actor_of(&admin), id).await.map_err(refusal)?;
    Ok(())
}

#[cfg(feature = "ssr")]
fn actor_of(user: &crate::server::store::UserRecord) -> crate::server::store::Actor {
    crate::server::store::Actor { user_id: Some(user.id), name: user.full_name.clone() }
}

/// An invitation rule's refusal as a status and the sentence the admin can act on.
#[cfg(feature = "ssr")]
fn refusal(error: crate::server::services::InviteError) -> ServerFnError {
    use super::guard::{fail, unexpected};
    use crate::server::services::InviteError;
    use axum::http::StatusCode;

    let status = match &error {
        InviteError::InvalidEmail(_) | InviteError::InvalidRole(_) => {
            StatusCode::UNPROCESSABLE_ENTITY
        }
        InviteError::NotFound => StatusCode::NOT_FOUND,
        InviteError::UserExists
        | InviteError::AlreadyInvited
        | InviteError::ResendLimitReached(_)
        | InviteError::NotAllowed { .. } => StatusCode::CONFLICT,
        InviteError::Unexpected(_) => return unexpected(error),
    };
    fail(status, error)
}
