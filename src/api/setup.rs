//! The invitee's side: what a link is worth, recording that it was opened, and creating the
//! account from it.

use leptos::prelude::*;
use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

use crate::domain::{LinkState, SetupError};

impl FromServerFnError for SetupError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        SetupError::Network(value.to_string())
    }
}

/// What the setup page needs to know about its link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkView {
    pub state: LinkState,
    pub school: String,
}

/// Inspects a link, changing nothing. The page's status follows the answer: 404 for a link
/// that never was, 410 for one that no longer works.
#[server(prefix = "/api", endpoint = "invitation_link")]
pub async fn invitation_link(token: String) -> Result<LinkView, ServerFnError> {
    use super::guard::{app_state, client_ip, fail, unexpected};
    use axum::http::StatusCode;

    let state = app_state()?;
    state
        .limits
        .invitation_link(&client_ip().await)
        .map_err(|e| fail(StatusCode::TOO_MANY_REQUESTS, e))?;
    let link = state.invitations.inspect(&token).await.map_err(unexpected)?;
    if let (Some(status), Some(response)) =
        (link_status(&link), use_context::<leptos_axum::ResponseOptions>())
    {
        response.set_status(status);
    }
    Ok(LinkView { state: link, school: state.settings.mail.school_name.clone() })
}

#[cfg(feature = "ssr")]
fn link_status(link: &LinkState) -> Option<axum::http::StatusCode> {
    use axum::http::StatusCode;
    match link {
        LinkState::Valid { .. } => None,
        LinkState::Invalid => Some(StatusCode::NOT_FOUND),
        _ => Some(StatusCode::GONE),
    }
}

/// Called by the page once it has hydrated in a real browser: a mail scanner's plain GET
/// never runs it, so "opened" means a person opened it.
#[server(prefix = "/api", endpoint = "invitation_opened")]
pub async fn invitation_opened(token: String) -> Result<(), ServerFnError> {
    use super::guard::{app_state, client_ip, fail, unexpected};
    use axum::http::StatusCode;

    let state = app_state()?;
    state
        .limits
        .invitation_link(&client_ip().await)
        .map_err(|e| fail(StatusCode::TOO_MANY_REQUESTS, e))?;
    state.invitations.record_link_opened(&token).await.map_err(unexpected)?;
    Ok(())
}

/// Creates the invitee's account and signs them in.
#[server(prefix = "/api", endpoint = "accept_invitation")]
pub async fn accept_invitation(
    token: String,
    /// Sent only by the first admin's form, where the person chooses the account's email.
    email: Option<String>,
    full_name: String,
    phone: String,
    username: String,
    password: String,
) -> Result<(), SetupError> {
    use crate::server::{
        auth::sessions::USER_ID,
        services::{AcceptError, AcceptInput},
    };
    use axum::http::StatusCode;

    let refuse = |status: StatusCode, error: SetupError| {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(status);
        }
        error
    };
    let state = super::guard::app_state().map_err(|_| SetupError::Unexpected)?;
    if state.limits.invitation_link(&super::guard::client_ip().await).is_err() {
        return Err(refuse(StatusCode::TOO_MANY_REQUESTS, SetupError::Limited));
    }
    let input = AcceptInput { email, full_name, phone, username, password };
    let account = match state.invitations.accept(&token, &input).await {
        Ok(account) => account,
        Err(AcceptError::Invalid(errors)) => {
            return Err(refuse(StatusCode::UNPROCESSABLE_ENTITY, SetupError::Fields(errors)));
        }
        Err(AcceptError::UsernameTaken) => {
            return Err(refuse(StatusCode::CONFLICT, SetupError::UsernameTaken));
        }
        Err(AcceptError::Link(link)) => {
            let status = link_status(&link).unwrap_or(StatusCode::GONE);
            return Err(refuse(status, SetupError::Link(link)));
        }
        Err(AcceptError::Unexpected(error)) => {
            tracing::error!(error = %error, "accepting an invitation failed");
            return Err(refuse(StatusCode::INTERNAL_SERVER_ERROR, SetupError::Unexpected));
        }
    };
    // Signed in straight away, on a fresh session id.
    let signed_in = async {
        let session = super::guard::session().await.ok()?;
        session.cycle_id().await.ok()?;
        session.insert(USER_ID, account.user_id).await.ok()
    };
    if signed_in.await.is_none() {
        tracing::warn!(
            user = account.user_id,
            "account created, but the session could not be started"
        );
        leptos_axum::redirect(&format!("/login?welcome={}", account.username));
        return Ok(());
    }
    leptos_axum::redirect("/account?welcome=1");
    Ok(())
}

/// The live username check on the setup form: free, taken (with free variants), or not a
/// valid username. It answers only for a valid link, so it cannot list accounts.
#[server(prefix = "/api", endpoint = "check_username")]
pub async fn check_username(
    token: String,
    username: String,
) -> Result<crate::domain::UsernameCheck, ServerFnError> {
    use super::guard::{app_state, fail, unexpected};
    use crate::server::services::AcceptError;
    use axum::http::StatusCode;

    let state = app_state()?;
    state.limits.username_check(&token).map_err(|e| fail(StatusCode::TOO_MANY_REQUESTS, e))?;
    match state.invitations.check_username(&token, &username).await {
        Ok(check) => Ok(check),
        Err(AcceptError::Link(link)) => {
            let status = link_status(&link).unwrap_or(StatusCode::GONE);
            Err(fail(status, "This link can no longer be used."))
        }
        Err(e) => Err(unexpected(e)),
    }
}
