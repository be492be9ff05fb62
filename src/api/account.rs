//! The account page's ways of signing in: passkeys (listed, added, renamed, removed) and
//! the password (set or changed). Each needs a signed-in person and acts on their own
//! account only.

use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::domain::staff_pages::done;
use crate::domain::{PasskeyView, SignInWays};

#[cfg(feature = "ssr")]
fn refused(error: crate::server::services::WaysError) -> ServerFnError {
    use super::guard::{refuse, unexpected};
    use crate::server::services::{WaysError, passkeys::CeremonyError};
    use axum::http::StatusCode;
    let status = match &error {
        WaysError::NotFound | WaysError::Ceremony(CeremonyError::Unavailable) => {
            StatusCode::NOT_FOUND
        }
        WaysError::LastWayIn | WaysError::PasskeyTaken => StatusCode::CONFLICT,
        WaysError::Name(_) | WaysError::Password(_) | WaysError::WrongPassword => {
            StatusCode::UNPROCESSABLE_ENTITY
        }
        WaysError::Deactivated => StatusCode::FORBIDDEN,
        WaysError::Ceremony(_) => StatusCode::BAD_REQUEST,
        WaysError::Unexpected(_) => StatusCode::INTERNAL_SERVER_ERROR,
    };
    match error {
        WaysError::Unexpected(e) => unexpected(e),
        refused => refuse(status, &refused),
    }
}

#[server(prefix = "/api", endpoint = "my_sign_in_ways")]
pub async fn my_sign_in_ways() -> Result<SignInWays, ServerFnError> {
    use crate::server::auth::Access;
    let (state, user) = super::guard::require(Access::SignedIn).await?;
    let mut ways =
        state.sign_in_ways.ways(&user, super::guard::request_language()).await.map_err(refused)?;
    if let Some(school) = &state.school {
        let linked = school.linked(user.id).await.map_err(super::guard::unexpected)?;
        ways.school = Some(crate::domain::SchoolWay {
            label: school.label().to_owned(),
            linked: linked.map(|account| account.email),
        });
    }
    Ok(ways)
}

/// Begins adding a passkey to the signed-in account: the creation options, as JSON.
#[server(prefix = "/api", endpoint = "add_passkey_begin")]
pub async fn add_passkey_begin() -> Result<String, ServerFnError> {
    use super::guard::{client_ip, refuse};
    use crate::server::auth::Access;
    use axum::http::StatusCode;

    let (state, user) = super::guard::require(Access::SignedIn).await?;
    if let Err(limited) = state.limits.ceremony(client_ip()) {
        return Err(refuse(StatusCode::TOO_MANY_REQUESTS, &limited));
    }
    let user_agent = super::passkeys::user_agent();
    let begun =
        state.sign_in_ways.begin_add(&user, user_agent.as_deref()).await.map_err(refused)?;
    super::passkeys::keep_ceremony(&begun.secret).await.map_err(super::passkeys::said)?;
    Ok(begun.options)
}

/// Stores the passkey the browser just made for the signed-in account.
#[server(prefix = "/api", endpoint = "add_passkey_finish")]
pub async fn add_passkey_finish(credential: String) -> Result<PasskeyView, ServerFnError> {
    use crate::server::auth::Access;
    let (state, user) = super::guard::require(Access::SignedIn).await?;
    let secret = super::passkeys::take_ceremony().await.map_err(super::passkeys::said)?;
    let added =
        state.sign_in_ways.finish_add(&user, &secret, &credential).await.map_err(refused)?;
    super::guard::done("/account", done::PASSKEY_ADDED)?;
    Ok(added)
}

#[server(prefix = "/api", endpoint = "rename_passkey")]
pub async fn rename_passkey(id: i64, name: String) -> Result<(), ServerFnError> {
    use crate::server::auth::Access;
    let (state, user) = super::guard::require(Access::SignedIn).await?;
    state.sign_in_ways.rename(&user, id, &name).await.map_err(refused)?;
    super::guard::done("/account", done::PASSKEY_RENAMED)
}

/// Removes one of the account's passkeys, unless it is the last way of signing in.
#[server(prefix = "/api", endpoint = "remove_passkey")]
pub async fn remove_passkey(id: i64) -> Result<(), ServerFnError> {
    use crate::server::auth::Access;
    let (state, user) = super::guard::require(Access::SignedIn).await?;
    state.sign_in_ways.remove(&user, id).await.map_err(refused)?;
    super::guard::done("/account", done::PASSKEY_REMOVED)
}

/// The language of the signed-in account's pages and emails: a shipped language's tag, or
/// empty for the school's. The `lang` cookie follows it, so that a language picked earlier
/// with a page's switch doesn't outrank the one just chosen.
#[server(prefix = "/api", endpoint = "set_my_language")]
pub async fn set_my_language(language: String) -> Result<(), ServerFnError> {
    use super::guard::{refuse, unexpected};
    use crate::server::{auth::Access, i18n::choice, services::LanguageRefused};
    use axum::http::StatusCode;

    let (state, user) = super::guard::require(Access::SignedIn).await?;
    match state.accounts.set_language(&user, &language).await {
        Ok(()) => {
            super::auth::set_cookie(choice::remembered(&language));
            super::guard::done("/account", done::LANGUAGE_SAVED)
        }
        Err(e @ LanguageRefused::Unknown) => Err(refuse(StatusCode::UNPROCESSABLE_ENTITY, &e)),
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
    super::guard::done("/account", done::PASSWORD_SAVED)?;
    Ok(super::guard::request_language().t(done::PASSWORD_SAVED))
}

/// Whether the signed-in Super-Admin gets the expired invitations' daily digest.
#[server(prefix = "/api", endpoint = "my_expiry_digest")]
pub async fn my_expiry_digest() -> Result<bool, ServerFnError> {
    use super::guard::unexpected;
    use crate::server::auth::Access;
    let (state, user) = super::guard::require(Access::SuperAdmin).await?;
    state.digests.is_on(user.id).await.map_err(unexpected)
}

/// Turns the signed-in Super-Admin's digest on or off, then back to the account page, which
/// says what it now is (`?digest=on` or `off`): with the page's script or without it, and
/// before the page's code has arrived.
#[server(prefix = "/api", endpoint = "set_my_expiry_digest")]
pub async fn set_my_expiry_digest(on: bool) -> Result<(), ServerFnError> {
    use super::guard::{redirect, unexpected};
    use crate::server::auth::Access;
    let (state, user) = super::guard::require(Access::SuperAdmin).await?;
    state.digests.set(user.id, on).await.map_err(unexpected)?;
    redirect(if on { "/account?digest=on" } else { "/account?digest=off" })
}
