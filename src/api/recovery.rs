//! Getting back in: asking for a sign-in link, a Super-Admin sending one, and using one to
//! set a new password or add a passkey, which signs this browser in and every other out.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::{LocalTime, PasswordPolicy};

/// What a sign-in link's page needs to know about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInLinkView {
    /// Whose account it opens; `None` when it no longer works.
    pub account: Option<LinkAccount>,
    pub password_policy: PasswordPolicy,
    /// Whether this site offers passkeys.
    pub passkeys: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkAccount {
    pub full_name: String,
    pub username: String,
    pub expires_at: LocalTime,
}

/// A refusal in the language of the request's pages.
#[cfg(feature = "ssr")]
fn refused(error: crate::server::services::RecoveryError) -> ServerFnError {
    refused_in(super::guard::request_language(), error)
}

#[cfg(feature = "ssr")]
fn refused_in(
    tr: crate::server::i18n::Tr,
    error: crate::server::services::RecoveryError,
) -> ServerFnError {
    use super::guard::{refuse_in, unexpected};
    use crate::server::services::{RecoveryError, passkeys::CeremonyError};
    use axum::http::StatusCode;
    let status = match &error {
        RecoveryError::Limited | RecoveryError::AccountLimited => StatusCode::TOO_MANY_REQUESTS,
        RecoveryError::Dead => StatusCode::GONE,
        RecoveryError::NotFound | RecoveryError::Ceremony(CeremonyError::Unavailable) => {
            StatusCode::NOT_FOUND
        }
        RecoveryError::Deactivated(_) | RecoveryError::PasskeyTaken => StatusCode::CONFLICT,
        RecoveryError::ActorDeactivated => StatusCode::FORBIDDEN,
        RecoveryError::Password(_) => StatusCode::UNPROCESSABLE_ENTITY,
        RecoveryError::Ceremony(_) => StatusCode::BAD_REQUEST,
        RecoveryError::Unexpected(_) => StatusCode::INTERNAL_SERVER_ERROR,
    };
    match error {
        RecoveryError::Unexpected(e) => unexpected(e),
        refused => refuse_in(tr, status, &refused),
    }
}

/// "Forgot your password or passkey?": the same sentence whatever `login` is.
#[server(prefix = "/api", endpoint = "request_sign_in_link")]
pub async fn request_sign_in_link(login: String) -> Result<String, ServerFnError> {
    let state = super::guard::app_state()?;
    state.recovery.admit(super::guard::client_ip()).map_err(refused)?;
    // Answered before the lookup and the email are done, in the same time whether or not an
    // account matched.
    let recovery = state.recovery.clone();
    tokio::spawn(async move {
        if let Err(error) = recovery.send_if_known(&login).await {
            tracing::error!(%error, "a requested sign-in link could not be sent");
        }
    });
    let said = crate::domain::staff_pages::done::LINK_ASKED;
    super::guard::done("/login/forgot", said)?;
    Ok(super::guard::request_language().t(said))
}

/// A Super-Admin's "Send a sign-in link" on the Staff page.
#[server(prefix = "/api", endpoint = "send_sign_in_link")]
pub async fn send_sign_in_link(id: i64) -> Result<String, ServerFnError> {
    use crate::{domain::Message, server::auth::Access, server::i18n::Tr};
    let (state, admin) = super::guard::require(Access::SuperAdmin).await?;
    // The dashboard speaks English for now (`i18n::DASHBOARD`).
    let english = Tr::english();
    let to = state.recovery.send(&admin, id).await.map_err(|e| refused_in(english, e))?;
    Ok(english.say(&Message::new("staff-link-sent").text("email", to)))
}

/// Inspects a sign-in link, changing nothing; 410 for one that no longer works.
#[server(prefix = "/api", endpoint = "sign_in_link")]
pub async fn sign_in_link(token: String) -> Result<SignInLinkView, ServerFnError> {
    use crate::server::services::RecoveryError;
    let state = super::guard::app_state()?;
    if state.limits.invitation_link(super::guard::client_ip()).is_err() {
        return Err(refused(RecoveryError::Limited));
    }
    let account = match state.recovery.inspect(&token).await {
        Ok(link) => Some(LinkAccount {
            full_name: link.full_name,
            username: link.username,
            expires_at: state
                .settings
                .school_zone
                .local_in(link.expires_at, super::guard::request_language()),
        }),
        Err(RecoveryError::Dead) => {
            if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
                response.set_status(axum::http::StatusCode::GONE);
            }
            None
        }
        Err(e) => return Err(refused(e)),
    };
    Ok(SignInLinkView {
        account,
        password_policy: state.settings.password_policy,
        passkeys: state.passkeys.available(),
    })
}

/// Uses a sign-in link to set a new password; signs this browser in and every other out.
#[server(prefix = "/api", endpoint = "recover_with_password")]
pub async fn recover_with_password(
    token: String,
    new_password: String,
) -> Result<(), ServerFnError> {
    let state = super::guard::app_state()?;
    let back = |error| {
        let page = format!("/sign-in/{token}");
        super::guard::refused_back_to::<RecoverWithPassword>(&page, refused(error))
    };
    let user = state.recovery.with_password(&token, &new_password).await.map_err(back)?;
    signed_in(&state, user).await
}

/// Begins adding a passkey from a sign-in link: the creation options, as JSON.
#[server(prefix = "/api", endpoint = "recover_passkey_begin")]
pub async fn recover_passkey_begin(token: String) -> Result<String, ServerFnError> {
    use super::guard::{client_ip, refuse};
    use axum::http::StatusCode;
    let state = super::guard::app_state()?;
    if let Err(limited) = state.limits.ceremony(client_ip()) {
        return Err(refuse(StatusCode::TOO_MANY_REQUESTS, &limited));
    }
    let user_agent = super::passkeys::user_agent();
    let begun =
        state.recovery.begin_passkey(&token, user_agent.as_deref()).await.map_err(refused)?;
    super::passkeys::keep_ceremony(&begun.secret).await.map_err(super::passkeys::said)?;
    Ok(begun.options)
}

/// Stores the passkey made from a sign-in link; signs this browser in and every other out.
#[server(prefix = "/api", endpoint = "recover_passkey_finish")]
pub async fn recover_passkey_finish(
    token: String,
    credential: String,
) -> Result<(), ServerFnError> {
    let state = super::guard::app_state()?;
    let secret = super::passkeys::take_ceremony().await.map_err(super::passkeys::said)?;
    let user =
        state.recovery.finish_passkey(&token, &secret, &credential).await.map_err(refused)?;
    signed_in(&state, user).await
}

/// Signs `user` in on a fresh session id with their new session epoch (every other session
/// of the account has ended) and sends them to their account page.
#[cfg(feature = "ssr")]
async fn signed_in(
    state: &crate::server::state::AppState,
    user: crate::server::store::UserRecord,
) -> Result<(), ServerFnError> {
    use super::guard::{redirect, session, unexpected};
    use crate::server::auth::sessions;
    sessions::begin(&session().await?, user.id, user.session_epoch, state.clock.now())
        .await
        .map_err(unexpected)?;
    redirect("/account?recovered=1")
}
