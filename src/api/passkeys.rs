//! Passkeys: making one instead of a password at setup, and signing in with one. Each
//! ceremony is two calls: `…_begin` returns the options for the browser's WebAuthn call and
//! keeps the ceremony's secret in this browser's server-side session; `…_finish` sends what
//! the authenticator signed, and the session's secret names the ceremony. The browser never
//! holds anything it could replay.

use leptos::prelude::*;

use super::setup::SetupRefusal;
#[cfg(feature = "ssr")]
use crate::domain::SetupError;

/// Whether this site offers passkeys (its `PUBLIC_URL` is https, or http on localhost).
#[server(prefix = "/api", endpoint = "passkeys_offered")]
pub async fn passkeys_offered() -> Result<bool, ServerFnError> {
    Ok(super::guard::app_state()?.passkeys.available())
}

/// Checks the setup form as its submit would (all but the password) and begins making a
/// passkey for the account: the answer is the creation options, as JSON.
#[server(prefix = "/api", endpoint = "passkey_setup_begin")]
pub async fn passkey_setup_begin(
    token: String,
    email: Option<String>,
    full_name: String,
    phone: String,
    username: String,
) -> Result<String, SetupRefusal> {
    use crate::server::services::AcceptInput;
    use axum::http::StatusCode;

    let state = super::guard::app_state().map_err(|_| SetupRefusal(SetupError::Unexpected))?;
    if state.limits.ceremony(super::guard::client_ip()).is_err() {
        return Err(refuse(StatusCode::TOO_MANY_REQUESTS, SetupError::Limited));
    }
    let language = Some(super::setup::page_language(&state, &token).await.tag().to_owned());
    let input =
        AcceptInput { email, full_name, phone, username, password: String::new(), language };
    match state.passkey_setup.begin(&token, &input, user_agent().as_deref()).await {
        Ok(begun) => {
            keep_ceremony(&begun.secret).await?;
            Ok(begun.options)
        }
        Err(error) => {
            let (status, error) =
                super::setup::refusal(&state, &token, &input.username, error).await;
            Err(refuse(status, error))
        }
    }
}

/// Creates the account with the passkey the browser just made, ends the link, and signs the
/// new account in, as the password's submit does.
#[server(prefix = "/api", endpoint = "passkey_setup_finish")]
pub async fn passkey_setup_finish(token: String, credential: String) -> Result<(), SetupRefusal> {
    use axum::http::StatusCode;

    let state = super::guard::app_state().map_err(|_| SetupRefusal(SetupError::Unexpected))?;
    if state.limits.invitation_link(super::guard::client_ip()).is_err() {
        return Err(refuse(StatusCode::TOO_MANY_REQUESTS, SetupError::Limited));
    }
    let secret = take_ceremony().await?;
    match state.passkey_setup.finish(&token, &secret, &credential).await {
        Ok(account) => {
            super::setup::sign_in_new_account(account).await;
            Ok(())
        }
        Err(error) => {
            let (status, error) = super::setup::refusal(&state, &token, "", error).await;
            Err(refuse(status, error))
        }
    }
}

/// Begins a passkey sign-in: the answer is the request options, as JSON.
#[server(prefix = "/api", endpoint = "sign_in/passkey_begin")]
pub async fn passkey_sign_in_begin() -> Result<String, ServerFnError> {
    let state = super::guard::app_state()?;
    match state.sign_in.begin_passkey(super::guard::client_ip()).await {
        Ok(begun) => {
            keep_ceremony(&begun.secret).await.map_err(said)?;
            Ok(begun.options)
        }
        Err(error) => Err(super::auth::sign_in_refusal(error)),
    }
}

/// Signs in with what the browser's authenticator signed; on to `next` as a password's
/// sign-in goes.
#[server(prefix = "/api", endpoint = "sign_in/passkey")]
pub async fn passkey_sign_in_finish(
    credential: String,
    next: Option<String>,
) -> Result<(), ServerFnError> {
    use crate::server::{auth::device_cookie, services::sign_in::PasskeyAttempt};

    let state = super::guard::app_state()?;
    let secret = take_ceremony().await.map_err(said)?;
    let cookie = use_context::<axum::http::request::Parts>()
        .and_then(|parts| device_cookie::from_headers(&parts.headers));
    let attempt = PasskeyAttempt {
        secret: &secret,
        credential: &credential,
        client: super::guard::client_ip(),
        device_cookie: cookie.as_deref(),
    };
    let outcome = state.sign_in.sign_in_with_passkey(&attempt).await;
    super::auth::finish_sign_in(&state, outcome, next.as_deref()).await
}

/// The session key holding the secret of this browser's ceremony in progress.
#[cfg(feature = "ssr")]
const CEREMONY: &str = "passkey_ceremony";

#[cfg(feature = "ssr")]
pub(super) async fn keep_ceremony(secret: &str) -> Result<(), SetupRefusal> {
    let session =
        super::guard::session().await.map_err(|_| SetupRefusal(SetupError::Unexpected))?;
    session.insert(CEREMONY, secret).await.map_err(|error| {
        tracing::error!(%error, "could not keep a passkey ceremony in the session");
        SetupRefusal(SetupError::Unexpected)
    })
}

/// A ceremony's refusal for the pages other than setup, whose errors are sentences: said in
/// the request's language.
#[cfg(feature = "ssr")]
pub(super) fn said(refusal: SetupRefusal) -> ServerFnError {
    let why = crate::domain::Sentence::message(&refusal.0);
    ServerFnError::new(super::guard::request_language().say(&why))
}

/// The secret of this browser's ceremony, taken from its session: a second finish finds none.
#[cfg(feature = "ssr")]
pub(super) async fn take_ceremony() -> Result<String, SetupRefusal> {
    let session =
        super::guard::session().await.map_err(|_| SetupRefusal(SetupError::Unexpected))?;
    let secret: Option<String> = session.remove(CEREMONY).await.ok().flatten();
    secret.ok_or_else(|| {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(axum::http::StatusCode::BAD_REQUEST);
        }
        SetupRefusal(SetupError::Passkey(crate::domain::Sentence::message(
            &crate::server::services::passkeys::CeremonyError::Stale,
        )))
    })
}

#[cfg(feature = "ssr")]
fn refuse(status: axum::http::StatusCode, error: SetupError) -> SetupRefusal {
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(status);
    }
    SetupRefusal(error)
}

#[cfg(feature = "ssr")]
pub(super) fn user_agent() -> Option<String> {
    use_context::<axum::http::request::Parts>().and_then(|parts| {
        parts.headers.get(axum::http::header::USER_AGENT)?.to_str().ok().map(str::to_owned)
    })
}
