//! Signing in and out, and who is signed in.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::Role;

/// The signed-in person, as pages show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedInUser {
    pub username: String,
    pub full_name: String,
    pub email: String,
    pub phone: Option<String>,
    pub role: Role,
    /// The school this installation serves (`SCHOOL_NAME`), for the header; none when unset.
    pub school: Option<String>,
    /// Whether the header links to the dev mailbox: a Super-Admin, with no SMTP configured.
    pub dev_mailbox: bool,
    /// The account's language (`None`: the school's).
    pub language: Option<crate::domain::Language>,
}

#[server(prefix = "/api", endpoint = "sign_in")]
pub async fn sign_in(
    login: String,
    password: String,
    next: Option<String>,
) -> Result<(), ServerFnError> {
    use super::guard::{app_state, client_ip};
    use crate::server::{auth::device_cookie, services::SignInAttempt};

    let state = app_state()?;
    let cookie = use_context::<axum::http::request::Parts>()
        .and_then(|parts| device_cookie::from_headers(&parts.headers));
    let attempt = SignInAttempt {
        login: &login,
        password: &password,
        client: client_ip(),
        device_cookie: cookie.as_deref(),
    };
    let outcome = state.sign_in.sign_in(&attempt).await;
    finish_sign_in(&state, outcome, next.as_deref()).await
}

/// Ends a sign-in, by password or passkey: on success the session starts on a fresh id, the
/// browser keeps its device cookie and goes on to `next` (a path on this site) or the role's
/// landing page; a refusal gets its status and sentence.
#[cfg(feature = "ssr")]
pub(super) async fn finish_sign_in(
    state: &crate::server::state::AppState,
    outcome: Result<crate::server::services::SignedIn, crate::server::services::SignInError>,
    next: Option<&str>,
) -> Result<(), ServerFnError> {
    use super::guard::{redirect, session, unexpected};
    use crate::server::{
        auth::{device_cookie, redirects::landing, sessions},
        services::SignInError,
    };

    let secure = state.settings.public_url.scheme() == "https";
    let signed_in = match outcome {
        Ok(signed_in) => signed_in,
        Err(SignInError::Rejected { forget_device: true }) => {
            set_cookie(device_cookie::clear(secure));
            return Err(sign_in_refusal(SignInError::Rejected { forget_device: true }));
        }
        Err(error) => return Err(sign_in_refusal(error)),
    };
    let user = signed_in.user;
    // Decided before the session changes: `next` is only ever a path on this site.
    let target = landing(next, user.role, &state.settings.public_url);
    let now = state.clock.now();
    sessions::begin(&session().await?, user.id, user.session_epoch, now)
        .await
        .map_err(unexpected)?;
    set_cookie(device_cookie::set(&signed_in.device_cookie, secure));
    redirect(&target)
}

#[cfg(feature = "ssr")]
pub(super) fn set_cookie(value: String) {
    use axum::http::header::SET_COOKIE;
    if let (Some(response), Ok(value)) =
        (use_context::<leptos_axum::ResponseOptions>(), axum::http::HeaderValue::from_str(&value))
    {
        response.append_header(SET_COOKIE, value);
    }
}

/// A refused sign-in as its status and sentence.
#[cfg(feature = "ssr")]
pub(super) fn sign_in_refusal(error: crate::server::services::SignInError) -> ServerFnError {
    use super::guard::{refuse, unexpected};
    use crate::server::services::SignInError;
    use axum::http::StatusCode;

    let error = match error {
        SignInError::Unexpected(e) => return unexpected(e),
        refused => refused,
    };
    let status = match &error {
        SignInError::Rejected { .. } | SignInError::Passkey(_) => StatusCode::UNAUTHORIZED,
        SignInError::Deactivated => StatusCode::FORBIDDEN,
        SignInError::Limited(_) => StatusCode::TOO_MANY_REQUESTS,
        SignInError::Busy => {
            if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
                response.insert_header(
                    axum::http::header::RETRY_AFTER,
                    axum::http::HeaderValue::from_static("2"),
                );
            }
            StatusCode::SERVICE_UNAVAILABLE
        }
        SignInError::Unexpected(_) => StatusCode::INTERNAL_SERVER_ERROR,
    };
    refuse(status, &error)
}

#[server(prefix = "/api", endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), ServerFnError> {
    use super::guard::{redirect, session, unexpected};
    session().await?.flush().await.map_err(unexpected)?;
    redirect("/login")
}

/// "Sign out everywhere else": every other session of the account ends at once; this one
/// stays signed in, on a fresh session id.
#[server(prefix = "/api", endpoint = "sign_out_elsewhere")]
pub async fn sign_out_elsewhere() -> Result<String, ServerFnError> {
    use super::guard::{refuse, request_language, require, session, unexpected};
    use crate::domain::Message;
    use crate::server::auth::{Access, sessions};
    use axum::http::StatusCode;

    let (state, user) = require(Access::SignedIn).await?;
    let Some(epoch) = state.accounts.end_other_sessions(&user).await.map_err(unexpected)? else {
        return Err(refuse(StatusCode::FORBIDDEN, &Message::new("account-deactivated")));
    };
    sessions::begin(&session().await?, user.id, epoch, state.clock.now())
        .await
        .map_err(unexpected)?;
    let said = crate::domain::staff_pages::done::SIGNED_OUT_ELSEWHERE;
    super::guard::done("/account", said)?;
    Ok(request_language().t(said))
}

#[server(prefix = "/api", endpoint = "current_user")]
pub async fn current_user() -> Result<Option<SignedInUser>, ServerFnError> {
    use super::guard::app_state;
    let state = app_state()?;
    Ok(super::guard::current_user().await?.map(|user| SignedInUser {
        username: user.username,
        full_name: user.full_name,
        email: user.email,
        phone: user.phone,
        role: user.role,
        school: state.settings.mail.school_label(),
        dev_mailbox: user.role == Role::SuperAdmin && state.settings.mail.smtp_url.is_none(),
        language: user.language,
    }))
}
