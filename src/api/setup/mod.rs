//! The invitee's side: what a link is worth, recording that it was opened, and creating the
//! account from it.

use leptos::prelude::*;
use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

use crate::domain::{LinkState, PasswordPolicy, RefusedSetup, SetupError, Words};

#[cfg(feature = "ssr")]
mod accept;
#[cfg(feature = "ssr")]
mod language;
#[cfg(feature = "ssr")]
pub(super) use accept::{FirstWay, accept_as, refusal, sign_in_new_account};
#[cfg(feature = "ssr")]
pub(super) use language::page_language;
#[cfg(feature = "ssr")]
use language::{in_language, invited, language_for};

/// Why the setup form's submit created no account: the domain's `SetupError` as a server
/// function's error (the same JSON; the trait can't be implemented on the domain crate's type).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SetupRefusal(pub SetupError);

impl std::fmt::Display for SetupRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl From<SetupError> for SetupRefusal {
    fn from(error: SetupError) -> Self {
        SetupRefusal(error)
    }
}

impl FromServerFnError for SetupRefusal {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        SetupRefusal(match value {
            ServerFnErrorErr::Args(detail)
            | ServerFnErrorErr::MissingArg(detail)
            | ServerFnErrorErr::Deserialization(detail) => SetupError::Malformed(detail),
            other => SetupError::Network(other.to_string()),
        })
    }
}

/// What the setup page needs to know about its link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkView {
    pub state: LinkState,
    /// `SCHOOL_NAME`, above the form; none when unset.
    pub school: Option<String>,
    /// The password rule the server will apply (`PASSWORD_MIN_LENGTH`).
    pub password_policy: PasswordPolicy,
    /// The form as it was last sent from this browser without JavaScript, when that submit
    /// was refused: the page shows the values and errors again.
    pub refused: Option<RefusedSetup>,
    /// Whether the form offers a passkey (where the browser can make one).
    pub passkeys: bool,
    /// The page's words, in its language (`i18n::choice`).
    pub words: Words,
    /// "Alex Head invited you to join as a Teacher.": written whole by the server, since its
    /// words depend on the role in most languages.
    pub lead: String,
    /// The school's own accounts, where this site offers them and the link works.
    pub school_accounts: Option<super::school::SchoolOffer>,
}

/// Inspects a link, changing nothing. The page's status follows the answer: 404 for a link
/// that never was, 410 for one that no longer works.
#[server(prefix = "/api", endpoint = "invitation_link")]
pub async fn invitation_link(token: String) -> Result<LinkView, ServerFnError> {
    use super::guard::{app_state, client_ip, refuse, unexpected};
    use axum::http::StatusCode;

    let state = app_state()?;
    state
        .limits
        .invitation_link(client_ip())
        .map_err(|e| refuse(StatusCode::TOO_MANY_REQUESTS, &e))?;
    let (link, language) =
        state.invitations.inspect_in_language(&token).await.map_err(unexpected)?;
    let tr = language_for(language.as_ref(), &state);
    let link = in_language(link, &state.settings.school_zone, tr);
    if let (Some(status), Some(response)) =
        (link_status(&link), use_context::<leptos_axum::ResponseOptions>())
    {
        response.set_status(status);
    }
    let refused = refused_form::take(&token).await;
    let school_accounts = match (&state.school, &link) {
        (Some(school), LinkState::Valid { choose_email: false, .. }) => {
            let (identity, refused) = super::school::kept::for_page(&token).await;
            Some(super::school::SchoolOffer {
                label: school.label().to_owned(),
                verified: identity.map(|identity| super::school::VerifiedSchoolAccount {
                    email: identity.email,
                    name: identity.name,
                }),
                refused: refused.map(|message| tr.say(&message)),
            })
        }
        _ => None,
    };
    Ok(LinkView {
        school_accounts,
        school: state.settings.mail.school_label(),
        password_policy: state.settings.password_policy,
        refused,
        passkeys: state.passkeys.available(),
        words: state.page_words.light(tr),
        lead: tr.say(&invited(&link)),
        state: link,
    })
}

/// The setup page of a token, for redirects: only a token that could be one of ours goes
/// into the Location header.
#[cfg(feature = "ssr")]
pub(crate) fn setup_page(token: &str) -> String {
    if crate::server::services::tokens::hash_token(token).is_some() {
        format!("/invite/{token}")
    } else {
        "/invite/not-a-link".to_owned()
    }
}

/// A refused submit from a browser without JavaScript, kept in the session for the one page
/// view that follows the redirect back to the form (post/redirect/get). Keyed by the link's
/// hash, never the link itself, and never with the password.
#[cfg(feature = "ssr")]
mod refused_form {
    use serde::{Deserialize, Serialize};

    use crate::domain::RefusedSetup;
    use crate::server::services::tokens::hash_token;

    const KEY: &str = "refused_setup";

    #[derive(Serialize, Deserialize)]
    struct Kept {
        link: [u8; 32],
        refused: RefusedSetup,
    }

    /// The most characters of each typed value kept: more than any valid value has, so the
    /// person sees what they typed, and a session row stays under a few KB whatever was sent.
    pub const MAX_KEPT_CHARS: usize = 256;

    fn capped(value: &str) -> String {
        value.chars().take(MAX_KEPT_CHARS).collect()
    }

    pub async fn keep(token: &str, mut refused: RefusedSetup) {
        let Some(link) = hash_token(token) else { return };
        let draft = &mut refused.draft;
        draft.email = draft.email.as_deref().map(capped);
        for value in [&mut draft.full_name, &mut draft.phone, &mut draft.username] {
            *value = capped(value);
        }
        if let Ok(session) = super::super::guard::session().await
            && let Err(error) = session.insert(KEY, Kept { link, refused }).await
        {
            tracing::warn!(%error, "could not keep the refused setup form");
        }
    }

    pub async fn take(token: &str) -> Option<RefusedSetup> {
        let session = super::super::guard::session().await.ok()?;
        let kept: Kept = session.remove(KEY).await.ok().flatten()?;
        (Some(kept.link) == hash_token(token)).then_some(kept.refused)
    }
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

/// Called by the page once its script runs in a real browser: a mail scanner's plain GET
/// never runs it, so "opened" means a person opened it.
#[server(prefix = "/api", endpoint = "invitation_opened")]
pub async fn invitation_opened(token: String) -> Result<(), ServerFnError> {
    use super::guard::{app_state, client_ip, refuse, unexpected};
    use axum::http::StatusCode;

    let state = app_state()?;
    state
        .limits
        .invitation_link(client_ip())
        .map_err(|e| refuse(StatusCode::TOO_MANY_REQUESTS, &e))?;
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
) -> Result<(), SetupRefusal> {
    use crate::server::services::AcceptInput;
    let input = AcceptInput { email, full_name, phone, username, password, language: None };
    accept_as(token, input, FirstWay::Password).await
}

/// "Ask for a new link", on the page of an expired link. It tells the Super-Admins (see
/// `InvitationService::request_new_link`) and answers the same whatever the link is and
/// however often it is pressed, so it reveals nothing; the page then says the request went
/// through. Works as a plain form without JavaScript.
#[server(prefix = "/api", endpoint = "request_new_link")]
pub async fn request_new_link(token: String) -> Result<(), ServerFnError> {
    use super::guard::{app_state, client_ip};

    let state = app_state()?;
    if state.limits.new_link_request(client_ip()).is_ok() {
        if let Err(error) = state.invitations.request_new_link(&token).await {
            tracing::error!(%error, "recording a request for a new link failed");
        }
    } else {
        tracing::info!("request for a new link dropped by the rate limit");
    }
    super::guard::redirect(&format!("{}?asked=1", setup_page(&token)))
}

/// The live username check on the setup form: free, taken (with free variants), or not a
/// valid username. It answers only for a valid link, so it cannot list accounts.
#[server(prefix = "/api", endpoint = "check_username")]
pub async fn check_username(
    token: String,
    username: String,
) -> Result<crate::domain::UsernameCheck, ServerFnError> {
    use super::guard::{app_state, client_ip, refuse, unexpected};
    use crate::domain::Message;
    use crate::server::{
        auth::limits::LimitError,
        services::{AcceptError, tokens::hash_token},
    };
    use axum::http::StatusCode;

    let state = app_state()?;
    // A token that can't be one of ours is answered before it costs any memory.
    let Some(link_hash) = hash_token(&token) else {
        return Err(refuse(StatusCode::NOT_FOUND, &Message::new("setup-link-dead")));
    };
    // The address's limit is in memory; the link's is a row, written only for a link that
    // exists and works, so an anonymous caller with made-up tokens writes nothing.
    if let Err(limited) = state.limits.username_check_address(client_ip()) {
        return Err(refuse(StatusCode::TOO_MANY_REQUESTS, &limited));
    }
    let link_refused = |link| {
        let status = link_status(&link).unwrap_or(StatusCode::GONE);
        refuse(status, &Message::new("setup-link-dead"))
    };
    match state.invitations.require_valid_link(&token).await {
        Ok(()) => {}
        Err(AcceptError::Link(link)) => return Err(link_refused(link)),
        Err(e) => return Err(unexpected(e)),
    }
    match state.limits.username_check_link(&link_hash).await {
        Ok(()) => {}
        Err(LimitError::Limited(limited)) => {
            return Err(refuse(StatusCode::TOO_MANY_REQUESTS, &limited));
        }
        Err(LimitError::Store(error)) => return Err(unexpected(error)),
    }
    match state.invitations.username_verdict(&username).await {
        Ok(check) => Ok(check),
        Err(AcceptError::Link(link)) => Err(link_refused(link)),
        Err(e) => Err(unexpected(e)),
    }
}
