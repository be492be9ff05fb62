//! Signing in with the school's own accounts: what the pages offer, the setup form's submit
//! with a school account, and unlinking one. The trips to the provider and back are plain
//! routes (`trips`), since the provider's return is a browser's GET with its own parameters.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::setup::SetupRefusal;

#[cfg(feature = "ssr")]
pub mod trips;

/// The school's accounts on the setup page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolOffer {
    /// "Google": "Continue with Google".
    pub label: String,
    /// The school account this browser came back with for this link: the form creates the
    /// account with it.
    pub verified: Option<VerifiedSchoolAccount>,
    /// Why the last try with it came to nothing, in the page's language.
    pub refused: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifiedSchoolAccount {
    pub email: String,
    /// The name the provider gave, to fill in Full name.
    pub name: Option<String>,
}

/// The provider's name when this site offers its accounts ("Sign in with Google").
#[server(prefix = "/api", endpoint = "school_sign_in_offered")]
pub async fn school_sign_in_offered() -> Result<Option<String>, ServerFnError> {
    let state = super::guard::app_state()?;
    Ok(state.school.as_ref().map(|school| school.label().to_owned()))
}

/// Creates the invitee's account with the school account this browser's session holds for
/// the link, and signs them in: as `accept_invitation`, without a password.
#[server(prefix = "/api", endpoint = "accept_with_school_account")]
pub async fn accept_with_school_account(
    token: String,
    full_name: String,
    phone: String,
    username: String,
) -> Result<(), SetupRefusal> {
    use super::setup::{FirstWay, accept_as};
    use crate::domain::SetupError;
    use crate::server::services::AcceptInput;

    let Some(identity) = kept::identity(&token).await else {
        // Nothing verified for this link in this session: the trip must be made again.
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(axum::http::StatusCode::CONFLICT);
        }
        return Err(SetupRefusal(SetupError::Passkey(crate::domain::Message::new(
            "setup-school-stale",
        ))));
    };
    let input = AcceptInput {
        email: None,
        full_name,
        phone,
        username,
        password: String::new(),
        language: None,
    };
    let school = crate::server::store::NewSchoolAccount::from(identity);
    let accepted = accept_as(token.clone(), input, FirstWay::School(school)).await;
    if accepted.is_ok() {
        kept::forget().await;
    }
    accepted
}

/// Unlinks the signed-in account's school account, unless it is the account's last way of
/// signing in. The sentence says what happened.
#[server(prefix = "/api", endpoint = "unlink_school_account")]
pub async fn unlink_school_account() -> Result<String, ServerFnError> {
    use super::guard::{refuse, request_language, require, unexpected};
    use crate::domain::Message;
    use crate::server::{auth::Access, store::SchoolUnlink};
    use axum::http::StatusCode;

    let (state, user) = require(Access::SignedIn).await?;
    let Some(school) = &state.school else {
        return Err(refuse(StatusCode::NOT_FOUND, &Message::new("school-not-offered")));
    };
    match school.unlink(user.id).await.map_err(unexpected)? {
        SchoolUnlink::Unlinked => {
            let said = crate::domain::staff_pages::done::SCHOOL_UNLINKED;
            super::guard::done("/account", said)?;
            Ok(request_language().say(&Message::new(said).text("provider", school.label())))
        }
        SchoolUnlink::NotLinked => {
            Err(refuse(StatusCode::NOT_FOUND, &Message::new("account-school-not-linked")))
        }
        SchoolUnlink::LastWayIn => {
            Err(refuse(StatusCode::CONFLICT, &Message::new("account-passkey-only-way")))
        }
    }
}

/// The setup page's school account, as this browser's session keeps it between the
/// provider's return and the form's submit: bound to the link by its hash, never the link.
#[cfg(feature = "ssr")]
pub(crate) mod kept {
    use serde::{Deserialize, Serialize};

    use crate::domain::Message;
    use crate::server::services::{school::Identity, tokens::hash_token};

    const KEY: &str = "school_setup";

    #[derive(Serialize, Deserialize)]
    struct Kept {
        link: [u8; 32],
        identity: Option<Identity>,
        refused: Option<Message>,
    }

    pub async fn keep_identity(session: &tower_sessions::Session, token: &str, identity: Identity) {
        keep_in(session, token, Some(identity), None).await;
    }

    pub async fn keep_refusal(session: &tower_sessions::Session, token: &str, refused: Message) {
        keep_in(session, token, None, Some(refused)).await;
    }

    async fn keep_in(
        session: &tower_sessions::Session,
        token: &str,
        identity: Option<Identity>,
        refused: Option<Message>,
    ) {
        let Some(link) = hash_token(token) else { return };
        if let Err(error) = session.insert(KEY, Kept { link, identity, refused }).await {
            tracing::warn!(%error, "could not keep the setup's school account");
        }
    }

    async fn read(token: &str) -> Option<Kept> {
        let session = super::super::guard::session().await.ok()?;
        let kept: Kept = session.get(KEY).await.ok().flatten()?;
        (Some(kept.link) == hash_token(token)).then_some(kept)
    }

    /// The school account verified for this link, if this session holds one.
    pub async fn identity(token: &str) -> Option<Identity> {
        read(token).await?.identity
    }

    /// What the setup page shows of it: the identity, and a refusal once (it is forgotten
    /// as it is read; the identity stays until the account is made).
    pub async fn for_page(token: &str) -> (Option<Identity>, Option<Message>) {
        let Some(kept) = read(token).await else { return (None, None) };
        if kept.refused.is_some()
            && let Ok(session) = super::super::guard::session().await
        {
            keep_in(&session, token, kept.identity.clone(), None).await;
        }
        (kept.identity, kept.refused)
    }

    pub async fn forget() {
        if let Ok(session) = super::super::guard::session().await {
            let _ = session.remove_value(KEY).await;
        }
    }
}
