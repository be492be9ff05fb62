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
}

#[server(prefix = "/api", endpoint = "sign_in")]
pub async fn sign_in(
    login: String,
    password: String,
    next: Option<String>,
) -> Result<(), ServerFnError> {
    use super::guard::{app_state, client_ip, fail, redirect, session, unexpected};
    use crate::server::{
        auth::{device_cookie, redirects::landing, sessions},
        services::{SignInAttempt, SignInError},
    };
    use axum::http::{StatusCode, header::SET_COOKIE};
    use leptos_axum::ResponseOptions;

    let state = app_state()?;
    let cookie = use_context::<axum::http::request::Parts>()
        .and_then(|parts| device_cookie::from_headers(&parts.headers));
    let attempt = SignInAttempt {
        login: &login,
        password: &password,
        client: client_ip(),
        device_cookie: cookie.as_deref(),
    };
    let secure = state.settings.public_url.scheme() == "https";
    let set_cookie = |value: String| {
        if let (Some(response), Ok(value)) =
            (use_context::<ResponseOptions>(), axum::http::HeaderValue::from_str(&value))
        {
            response.append_header(SET_COOKIE, value);
        }
    };
    let signed_in = match state.sign_in.sign_in(&attempt).await {
        Ok(signed_in) => signed_in,
        Err(e @ SignInError::Rejected { forget_device }) => {
            if forget_device {
                set_cookie(device_cookie::clear(secure));
            }
            return Err(fail(StatusCode::UNAUTHORIZED, e));
        }
        Err(e @ SignInError::Deactivated) => return Err(fail(StatusCode::FORBIDDEN, e)),
        Err(e @ SignInError::Limited(_)) => return Err(fail(StatusCode::TOO_MANY_REQUESTS, e)),
        Err(e @ SignInError::Busy) => {
            if let Some(response) = use_context::<ResponseOptions>() {
                response.insert_header(
                    axum::http::header::RETRY_AFTER,
                    axum::http::HeaderValue::from_static("2"),
                );
            }
            return Err(fail(StatusCode::SERVICE_UNAVAILABLE, e));
        }
        Err(SignInError::Unexpected(e)) => return Err(unexpected(e)),
    };
    let user = signed_in.user;
    // Decided before the session changes: `next` is only ever a path on this site.
    let target = landing(next.as_deref(), user.role, &state.settings.public_url);
    let now = state.clock.now();
    sessions::begin(&session().await?, user.id, user.session_epoch, now)
        .await
        .map_err(unexpected)?;
    set_cookie(device_cookie::set(&signed_in.device_cookie, secure));
    redirect(&target)
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
    use super::guard::{fail, require, session, unexpected};
    use crate::server::auth::{Access, sessions};
    use axum::http::StatusCode;

    let (state, user) = require(Access::SignedIn).await?;
    let Some(epoch) = state.accounts.end_other_sessions(&user).await.map_err(unexpected)? else {
        return Err(fail(StatusCode::FORBIDDEN, "This account was deactivated."));
    };
    sessions::begin(&session().await?, user.id, epoch, state.clock.now())
        .await
        .map_err(unexpected)?;
    Ok("You're now signed out everywhere else. This browser stays signed in.".to_owned())
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
    }))
}
