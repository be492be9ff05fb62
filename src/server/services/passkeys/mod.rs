//! Passkeys: making an account's first one at setup, instead of a password (here), and the
//! account page's list of them (`account`); signing in with one is `sign_in`'s. The WebAuthn checks themselves are webauthn-rs's, behind
//! `RelyingParty`, which also keeps each ceremony's state server-side.

pub mod account;
pub mod relying_party;

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use webauthn_rs::prelude::{PasskeyRegistration, Uuid};

pub use account::{AccountPasskeys, WaysError};
pub use relying_party::{Binding, CeremonyError, RelyingParty};

use crate::server::{
    services::{
        AcceptError, AcceptInput, AcceptedAccount, InvitationService, NewWayIn, tokens::hash_token,
    },
    store::CeremonyPurpose,
};

/// A setup ceremony's state: the challenge, the user handle the passkey is made for, and the
/// form as it was checked (finishing uses these, not anything sent again).
#[derive(Serialize, Deserialize)]
struct SetupCeremony {
    registration: PasskeyRegistration,
    handle: Uuid,
    email: Option<String>,
    full_name: String,
    phone: String,
    username: String,
    device: String,
    /// The setup page's language (`AcceptInput::language`).
    #[serde(default)]
    language: Option<String>,
}

/// A ceremony begun: the secret the session keeps, and the options for the browser
/// (`PublicKeyCredential.parseCreationOptionsFromJSON`'s or `parseRequestOptionsFromJSON`'s).
#[derive(Debug, Clone)]
pub struct Begun {
    pub secret: String,
    pub options: String,
}

pub struct PasskeySetup {
    rp: Arc<RelyingParty>,
    invitations: Arc<InvitationService>,
}

impl From<CeremonyError> for AcceptError {
    fn from(error: CeremonyError) -> Self {
        match error {
            CeremonyError::Store(e) => AcceptError::Unexpected(e.into()),
            CeremonyError::Unexpected(e) => AcceptError::Unexpected(anyhow::anyhow!(e)),
            other => AcceptError::Passkey(crate::domain::Sentence::message(&other)),
        }
    }
}

impl PasskeySetup {
    pub fn new(rp: Arc<RelyingParty>, invitations: Arc<InvitationService>) -> Self {
        Self { rp, invitations }
    }

    /// Checks the setup form as `accept` would (every field but the password) and, when it
    /// would be accepted, begins a passkey's creation for it, bound to the link.
    pub async fn begin(
        &self,
        token: &str,
        input: &AcceptInput,
        user_agent: Option<&str>,
    ) -> Result<Begun, AcceptError> {
        self.rp.webauthn()?;
        let link = hash_token(token).ok_or(AcceptError::Link(crate::domain::LinkState::Invalid))?;
        self.invitations.check_setup(token, input).await?;
        let handle = Uuid::new_v4();
        let (username, name) = (input.username.trim(), input.full_name.trim());
        let (options, registration) = self.rp.registration(handle, username, name, Vec::new())?;
        let ceremony = SetupCeremony {
            registration,
            handle,
            email: input.email.clone(),
            full_name: input.full_name.clone(),
            phone: input.phone.clone(),
            username: input.username.clone(),
            device: relying_party::device_name(user_agent),
            language: input.language.clone(),
        };
        let secret = self.rp.begin(CeremonyPurpose::Setup, Binding::Link(link), &ceremony).await?;
        Ok(Begun { secret, options })
    }

    /// Verifies the passkey the browser made for the ceremony `secret` of this link and, in
    /// one step, creates the account with it and ends the link, as a password's setup does.
    pub async fn finish(
        &self,
        token: &str,
        secret: &str,
        credential: &str,
    ) -> Result<AcceptedAccount, AcceptError> {
        let link = hash_token(token).ok_or(AcceptError::Link(crate::domain::LinkState::Invalid))?;
        let ceremony: SetupCeremony =
            self.rp.take(CeremonyPurpose::Setup, Binding::Link(link), secret).await?;
        let passkey =
            self.rp.verify_registration(credential, &ceremony.registration, ceremony.device)?;
        let input = AcceptInput {
            email: ceremony.email,
            full_name: ceremony.full_name,
            phone: ceremony.phone,
            username: ceremony.username,
            password: String::new(),
            language: ceremony.language,
        };
        let way = NewWayIn::Passkey { handle: ceremony.handle.to_string(), passkey };
        self.invitations.accept_with(token, &input, way).await
    }
}
