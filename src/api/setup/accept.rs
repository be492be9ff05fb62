//! Creating the invitee's account from the setup form, with its first way of signing in
//! (a password, a passkey's or the school account's), and the answer to a refusal: back to
//! the form for a browser without JavaScript, a status and the error for the script.

use leptos::prelude::*;

use super::{SetupRefusal, link_status, page_language, refused_form, setup_page};
use crate::domain::{RefusedSetup, SetupError};

/// The account's first way of signing in, as the setup form sent it.
pub(in crate::api) enum FirstWay {
    Password,
    /// The school account this browser's session holds for the link (`api::school`).
    School(crate::server::store::NewSchoolAccount),
}

/// Creates the invitee's account from the form, with its first way of signing in, and signs
/// them in; a refusal goes back to the form, or to the script as a status and the error.
pub(in crate::api) async fn accept_as(
    token: String,
    mut input: crate::server::services::AcceptInput,
    way: FirstWay,
) -> Result<(), SetupRefusal> {
    use crate::domain::SetupDraft;
    use crate::server::services::NewWayIn;
    use axum::http::StatusCode;

    let draft = SetupDraft {
        email: input.email.clone(),
        full_name: input.full_name.clone(),
        phone: input.phone.clone(),
        username: input.username.clone(),
    };
    // A refusal: JavaScript's fetch gets the status and the error; a plain form post (no
    // JavaScript) goes back to the form, which shows the values and errors again.
    // Only a refusal of a link that inspected as Valid (wrong fields, a taken username)
    // keeps the draft: an anonymous post with a random token or a dead link, or one that was
    // rate-limited, writes nothing.
    let refuse = async |status: StatusCode, error: SetupError| {
        if crate::api::guard::is_plain_form_post() {
            if matches!(error, SetupError::Fields(_) | SetupError::UsernameTaken { .. }) {
                refused_form::keep(&token, RefusedSetup { draft, error: error.clone() }).await;
            }
            // A dead link's page says the account was not created; the values stay with
            // the browser that typed them.
            let page = match &error {
                SetupError::Link(_) => format!("{}?not_created=1", setup_page(&token)),
                _ => setup_page(&token),
            };
            if let Err(refused) = crate::api::guard::redirect_or_refuse(&page) {
                return SetupError::Malformed(refused.to_string());
            }
        } else if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(status);
        }
        error
    };
    let state = crate::api::guard::app_state().map_err(|_| SetupRefusal(SetupError::Unexpected))?;
    if state.limits.invitation_link(crate::api::guard::client_ip()).is_err() {
        return Err(refuse(StatusCode::TOO_MANY_REQUESTS, SetupError::Limited).await.into());
    }
    input.language = Some(page_language(&state, &token).await.tag().to_owned());
    let accepted = match way {
        FirstWay::Password => state.invitations.accept(&token, &input).await,
        FirstWay::School(school) => {
            state.invitations.accept_with(&token, &input, NewWayIn::SchoolAccount(school)).await
        }
    };
    let (status, error) = match accepted {
        Ok(account) => {
            sign_in_new_account(account).await;
            return Ok(());
        }
        Err(error) => refusal(&state, &token, &input.username, error).await,
    };
    Err(refuse(status, error).await.into())
}

/// Why a setup created no account, as a status and the form's error. A taken username comes
/// with free variants; an unexpected failure is logged here.
pub(in crate::api) async fn refusal(
    state: &crate::server::state::AppState,
    token: &str,
    username: &str,
    error: crate::server::services::AcceptError,
) -> (axum::http::StatusCode, SetupError) {
    use crate::server::services::AcceptError;
    use axum::http::StatusCode;
    match error {
        AcceptError::Invalid(errors) => {
            (StatusCode::UNPROCESSABLE_ENTITY, SetupError::Fields(errors))
        }
        AcceptError::UsernameTaken => {
            let suggestions = match state.invitations.check_username(token, username).await {
                Ok(crate::domain::UsernameCheck::Taken { suggestions }) => suggestions,
                _ => Vec::new(),
            };
            (StatusCode::CONFLICT, SetupError::UsernameTaken { suggestions })
        }
        AcceptError::Link(link) => {
            (link_status(&link).unwrap_or(StatusCode::GONE), SetupError::Link(link))
        }
        AcceptError::PasskeyTaken => (
            StatusCode::CONFLICT,
            SetupError::Passkey(crate::domain::Message::new("passkey-belongs-elsewhere")),
        ),
        AcceptError::Passkey(message) => (StatusCode::BAD_REQUEST, SetupError::Passkey(message)),
        AcceptError::SchoolAccountTaken => (
            StatusCode::CONFLICT,
            SetupError::Passkey(crate::domain::Message::new("setup-school-taken")),
        ),
        AcceptError::Unexpected(error) => {
            tracing::error!(error = %format!("{error:#}"), "accepting an invitation failed");
            // The sentence says nothing was saved and to try again, which fits both.
            let status = match crate::api::guard::outage(&error) {
                Some(_) => StatusCode::SERVICE_UNAVAILABLE,
                None => StatusCode::INTERNAL_SERVER_ERROR,
            };
            (status, SetupError::Unexpected)
        }
    }
}

/// Signs the new account in on a fresh session id and sends them to their account page; if
/// the session cannot be started, to sign-in with the username filled in.
pub(in crate::api) async fn sign_in_new_account(account: crate::server::services::AcceptedAccount) {
    use crate::server::auth::sessions;

    // Signed in straight away, on a fresh session id.
    let signed_in = match (crate::api::guard::session().await, crate::api::guard::app_state()) {
        (Ok(session), Ok(state)) => {
            let now = state.clock.now();
            sessions::begin(&session, account.user_id, account.session_epoch, now).await.is_ok()
        }
        _ => false,
    };
    if !signed_in {
        tracing::warn!(
            user = account.user_id,
            "account created, but the session could not be started"
        );
        // A username is letters, digits, dots, underscores and hyphens: fit for a header.
        let _ =
            crate::api::guard::redirect_or_refuse(&format!("/login?welcome={}", account.username));
        return;
    }
    let _ = crate::api::guard::redirect_or_refuse("/account?welcome=1");
}
