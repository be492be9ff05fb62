//! The Super-Admin's invitation server functions.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

use crate::domain::{
    ChangeStamp, EmailAvailability, HistoryEvent, InvitationPage, ListQuery, StatusCounts,
    Timestamp,
};

/// One page of the Invites table and the counts for the status chips.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitesView {
    pub page: InvitationPage,
    pub counts: StatusCounts,
    /// What these rows reflect, to compare with `invitation_changes` later.
    pub stamp: ChangeStamp,
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
    let stamp = state.invitations.change_stamp().await.map_err(unexpected)?;
    Ok(InvitesView { page, counts, stamp, now: state.clock.now() })
}

/// The live-status check the Invites page makes every few seconds: two indexed lookups, so
/// the page reloads its rows only when something changed (see `ChangeStamp`).
#[server(prefix = "/api", endpoint = "invitation_changes")]
pub async fn invitation_changes() -> Result<(ChangeStamp, Timestamp), ServerFnError> {
    use super::guard::{require, unexpected};
    use crate::server::auth::Access;

    let (state, _admin) = require(Access::SuperAdmin).await?;
    let stamp = state.invitations.change_stamp().await.map_err(unexpected)?;
    Ok((stamp, state.clock.now()))
}

/// The live check while the admin types an address: free, a user has it, or already invited.
#[server(prefix = "/api", endpoint = "check_invite_email", input = Json)]
pub async fn check_invite_email(email: String) -> Result<EmailAvailability, ServerFnError> {
    use super::guard::{require, unexpected};
    use crate::server::auth::Access;

    let (state, _admin) = require(Access::SuperAdmin).await?;
    state.invitations.email_availability(&email).await.map_err(unexpected)
}

/// The same check for every address of a bulk invite's preview, in order.
#[server(prefix = "/api", endpoint = "check_invite_emails", input = Json)]
pub async fn check_invite_emails(
    emails: Vec<String>,
) -> Result<Vec<EmailAvailability>, ServerFnError> {
    use super::guard::{refuse_in, require, unexpected};
    use crate::domain::{MAX_BULK_ROWS, Message};
    use crate::server::{auth::Access, i18n::Tr};
    use axum::http::StatusCode;

    let (state, _admin) = require(Access::SuperAdmin).await?;
    if emails.len() > MAX_BULK_ROWS {
        let too_many = Message::new("bulk-too-many").number("max", MAX_BULK_ROWS);
        return Err(refuse_in(Tr::english(), StatusCode::UNPROCESSABLE_ENTITY, &too_many));
    }
    let mut answers = Vec::with_capacity(emails.len());
    for email in &emails {
        answers.push(state.invitations.email_availability(email).await.map_err(unexpected)?);
    }
    Ok(answers)
}

/// Invites an address as Teacher or Admin Staff, its email and pages in `language` (a
/// shipped language's tag; none: the school's); the email goes out through the outbox. The
/// database checks again that no account and no open invitation has the address.
#[server(prefix = "/api", endpoint = "create_invitation", input = Json)]
pub async fn create_invitation(
    email: String,
    role: String,
    #[server(default)] language: Option<String>,
) -> Result<i64, ServerFnError> {
    use super::guard::require;
    use crate::server::auth::Access;

    let (state, admin) = require(Access::SuperAdmin).await?;
    let invitation = state
        .invitations
        .invite_in(&admin.actor(), &email, &role, language.as_deref())
        .await
        .map_err(refusal)?;
    Ok(invitation.id)
}

/// Fixes a typo in a Pending invitation's address: a new link goes to the new address.
#[server(prefix = "/api", endpoint = "correct_invitation_email", input = Json)]
pub async fn correct_invitation_email(id: i64, email: String) -> Result<(), ServerFnError> {
    use super::guard::require;
    use crate::server::auth::Access;

    let (state, admin) = require(Access::SuperAdmin).await?;
    state.invitations.correct_email(&admin.actor(), id, &email).await.map_err(refusal)?;
    Ok(())
}

/// An invitation's events, oldest first, for the History panel.
#[server(prefix = "/api", endpoint = "invitation_history", input = Json)]
pub async fn invitation_history(id: i64) -> Result<Vec<HistoryEvent>, ServerFnError> {
    use super::guard::require;
    use crate::server::auth::Access;

    let (state, _admin) = require(Access::SuperAdmin).await?;
    state.invitations.history(id).await.map_err(refusal)
}

/// Sends a new link to an invitation's address; every earlier link stops working.
#[server(prefix = "/api", endpoint = "resend_invitation", input = Json)]
pub async fn resend_invitation(id: i64) -> Result<(), ServerFnError> {
    use super::guard::require;
    use crate::server::auth::Access;

    let (state, admin) = require(Access::SuperAdmin).await?;
    state.invitations.resend(&admin.actor(), id).await.map_err(refusal)?;
    Ok(())
}

/// Withdraws a Pending or Expired invitation; its links stop working.
#[server(prefix = "/api", endpoint = "revoke_invitation", input = Json)]
pub async fn revoke_invitation(id: i64) -> Result<(), ServerFnError> {
    use super::guard::require;
    use crate::server::auth::Access;

    let (state, admin) = require(Access::SuperAdmin).await?;
    state.invitations.revoke(&admin.actor(), id).await.map_err(refusal)?;
    Ok(())
}

/// An invitation rule's refusal as a status and the sentence the admin can act on.
#[cfg(feature = "ssr")]
fn refusal(error: crate::server::services::InviteError) -> ServerFnError {
    use super::guard::{refuse_in, unexpected};
    use crate::server::{i18n::Tr, services::InviteError};
    use axum::http::StatusCode;

    let status = match &error {
        InviteError::InvalidEmail(_)
        | InviteError::InvalidRole(_)
        | InviteError::InvalidLanguage
        | InviteError::SameEmail => StatusCode::UNPROCESSABLE_ENTITY,
        InviteError::NotFound => StatusCode::NOT_FOUND,
        InviteError::ActorDeactivated => StatusCode::FORBIDDEN,
        InviteError::UserExists
        | InviteError::AlreadyInvited
        | InviteError::ResendLimitReached(_)
        | InviteError::NotAllowed { .. }
        | InviteError::ChangedMeanwhile
        | InviteError::BulkRowDone => StatusCode::CONFLICT,
        InviteError::Unexpected(_) => return unexpected(error),
    };
    refuse_in(Tr::english(), status, &error)
}
