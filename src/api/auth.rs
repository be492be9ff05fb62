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
    /// The school this installation serves (`SCHOOL_NAME`), for the header.
    pub school: String,
}

#[server(prefix = "/api", endpoint = "sign_in")]
pub async fn sign_in(
    login: String,
    password: String,
    next: Option<String>,
) -> Result<(), ServerFnError> {
    use super::guard::{app_state, client_ip, fail, redirect, session, unexpected};
    use crate::server::{
        auth::{redirects::landing, sessions},
        services::SignInError,
    };
    use axum::http::StatusCode;

    let state = app_state()?;
    state
        .limits
        .sign_in(&client_ip().await, &login)
        .map_err(|e| fail(StatusCode::TOO_MANY_REQUESTS, e))?;
    let user = match state.accounts.sign_in(&login, &password).await {
        Ok(user) => user,
        Err(e @ SignInError::Rejected) => return Err(fail(StatusCode::UNAUTHORIZED, e)),
        Err(e) => return Err(unexpected(e)),
    };
    // Decided before the session changes: `next` is only ever a path on this site.
    let target = landing(next.as_deref(), user.role, &state.settings.public_url);
    sessions::begin(&session().await?, user.id).await.map_err(unexpected)?;
    redirect(&target)
}

#[server(prefix = "/api", endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), ServerFnError> {
    use super::guard::{redirect, session, unexpected};
    session().await?.flush().await.map_err(unexpected)?;
    redirect("/login")
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
        school: state.settings.mail.school_name.clone(),
    }))
}
