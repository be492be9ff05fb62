//! The account page's ways of signing in: passkeys (listed, added, renamed, removed) and
//! the password (set or changed). Each needs a signed-in person and acts on their own
//! account only.

use leptos::prelude::*;

use crate::domain::{PasskeyView, SignInWays};

#[cfg(feature = "ssr")]
fn refused(error: crate::server::services::WaysError) -> ServerFnError {
    use super::guard::{fail, unexpected};
    use crate::server::services::{WaysError, passkeys::CeremonyError};
    use axum::http::StatusCode;
    match error {
        e @ WaysError::NotFound => fail(StatusCode::NOT_FOUND, e),
        e @ (WaysError::LastWayIn | WaysError::PasskeyTaken) => fail(StatusCode::CONFLICT, e),
        e @ (WaysError::Name(_) | WaysError::Password(_) | WaysError::WrongPassword) => {
            fail(StatusCode::UNPROCESSABLE_ENTITY, e)
        }
        e @ WaysError::Deactivated => fail(StatusCode::FORBIDDEN, e),
        WaysError::Ceremony(e @ CeremonyError::Unavailable) => fail(StatusCode::NOT_FOUND, e),
        WaysError::Ceremony(e) => fail(StatusCode::BAD_REQUEST, e),
        WaysError::Unexpected(e) => unexpected(e),
    }
}

#[server(prefix = "/api", endpoint = "my_sign_in_ways")]
pub async fn my_sign_in_ways() -> Result<SignInWays, ServerFnError> {
    use crate::server::auth::Access;
    let (state, user) = super::guard::require(Access::SignedIn).await?;
    state.sign_in_ways.ways(&user).await.map_err(refused)
}

/// Begins adding a passkey to the signed-in account: the creation options, as JSON.
#[server(prefix = "/api", endpoint = "add_passkey_begin")]
pub async fn add_passkey_begin() -> Result<String, ServerFnError> {
    use super::guard::{client_ip, fail};
    use crate::server::auth::Access;
    use axum::http::StatusCode;

    let (state, user) = super::guard::require(Access::SignedIn).await?;
    if let Err(limited) = state.limits.ceremony(client_ip()) {
        return Err(fail(StatusCode::TOO_MANY_REQUESTS, limited));
    }
    let user_agent = super::passkeys::user_agent();
    let begun =
        state.sign_in_ways.begin_add(&user, user_agent.as_deref()).await.map_err(refused)?;
    super::passkeys::keep_ceremony(&begun.secret)
        .await
        .map_err(|e| ServerFnError::new(e.to_string()))?;
    Ok(begun.options)
}

/// Stores the passkey the browser just made for the signed-in account.
#[server(prefix = "/api", endpoint = "add_passkey_finish")]
pub async fn add_passkey_finish(credential: String) -> Result<PasskeyView, ServerFnError> {
    use crate::server::auth::Access;
    let (state, user) = super::guard::require(Access::SignedIn).await?;
    let secret =
        super::passkeys::take_ceremony().await.map_err(|e| ServerFnError::new(e.to_string()))?;
    state.sign_in_ways.finish_add(&user, &secret, &credential).await.map_err(refused)
}

#[server(prefix = "/api", endpoint = "rename_passkey")]
pub async fn rename_passkey(id: i64, name: String) -> Result<(), ServerFnError> {
    use crate::server::auth::Access;
    let (state, user) = super::guard::require(Access::SignedIn).await?;
    state.sign_in_ways.rename(&user, id, &name).await.map_err(refused)
}

/// Removes one of the account's passkeys, unless it is the last way of signing in.
#[server(prefix = "/api", endpoint = "remove_passkey")]
pub async fn remove_passkey(id: i64) -> Result<(), ServerFnError> {
    use crate::server::auth::Access;
    let (state, user) = super::guard::require(Access::SignedIn).await?;
    state.sign_in_ways.remove(&user, id).await.map_err(refused)
}

/// The language of the signed-in account's emails: a shipped language's tag, or empty for
/// the school's.
#[server(prefix = "/api", endpoint = "set_my_language")]
pub async fn set_my_language(language: String) -> Result<(), ServerFnError> {
    use super::guard::{refuse_in, unexpected};
    use crate::server::{auth::Access, i18n::Tr, services::LanguageRefused};
    use axum::http::StatusCode;

    let (state, user) = super::guard::require(Access::SignedIn).await?;
    match state.accounts.set_language(&user, &language).await {
        Ok(()) => Ok(()),
        // The account page speaks English for now.
        Err(e @ LanguageRefused::Unknown) => {
            Err(refuse_in(Tr::english(), StatusCode::UNPROCESSABLE_ENTITY, &e))
        }
        Err(LanguageRefused::Unexpected(e)) => Err(unexpected(e)),
    }
}

/// Sets a password, or changes it (`current` is then required). Every other session of the
/// account ends; this one stays signed in, on a fresh session id.
#[server(prefix = "/api", endpoint = "set_password")]
pub async fn set_password(current: String, new_password: String) -> Result<String, ServerFnError> {
    use super::guard::{session, unexpected};
    use crate::server::auth::{Access, sessions};

    let (state, user) = super::guard::require(Access::SignedIn).await?;
    let epoch =
        state.sign_in_ways.set_password(&user, &current, &new_password).await.map_err(refused)?;
    sessions::begin(&session().await?, user.id, epoch, state.clock.now())
        .await
        .map_err(unexpected)?;
    Ok("Your password is saved. You've been signed out everywhere else.".to_owned())
}
