//! The relying party (webauthn-rs 0.5's passkey API) and the ceremonies it runs: each one's
//! challenge and expectations kept in the database, bound to what it is for (a link, an
//! account, or only the browser session that holds its secret), used once, for a few
//! minutes. The browser gets the options to show and sends back what its authenticator
//! signed; it never holds the ceremony's state.

use std::{sync::Arc, time::Duration};

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use serde::{Serialize, de::DeserializeOwned};
use sha2::{Digest, Sha256};
use url::Url;
use webauthn_rs::prelude::{
    CredentialID, Passkey, PasskeyRegistration, RegisterPublicKeyCredential, Uuid, Webauthn,
    WebauthnBuilder,
};

use super::Begun;
use crate::server::{
    clock::Clock,
    store::{CeremonyKey, CeremonyPurpose, NewCeremony, NewPasskey, Store, StoreError},
};

/// How long a ceremony may take: the browser's own prompt times out sooner.
pub const CEREMONY_LIFETIME: Duration = Duration::from_secs(5 * 60);

/// A passkey being added to an account that exists (from the account page, or from a sign-in
/// link): the challenge, the user handle it is made for, and the device's name.
#[derive(serde::Serialize, serde::Deserialize)]
struct AddCeremony {
    registration: PasskeyRegistration,
    handle: Uuid,
    device: String,
}

/// The account a passkey is added to, as the caller has read it.
pub struct Holder<'a> {
    pub user_id: i64,
    /// Its WebAuthn user handle, if it has had a passkey; a new one is made otherwise.
    pub handle: Option<&'a str>,
    pub username: &'a str,
    pub full_name: &'a str,
}

/// A passkey just verified for an account, with the user handle it was made for (the
/// account's own, or the new one it takes with its first passkey).
pub struct Added {
    pub handle: String,
    pub passkey: NewPasskey,
}

/// What a ceremony is bound to, besides the session holding its secret.
#[derive(Debug, Clone, Copy)]
pub enum Binding {
    Link([u8; 32]),
    Account(i64),
    Session,
}

/// Why a ceremony came to nothing. Each is said to the person in a sentence that tells them
/// what to do; none reveals which check failed.
#[derive(Debug, thiserror::Error)]
pub enum CeremonyError {
    /// Passkeys can't work with this `PUBLIC_URL` (an IP address, or plain http on a name
    /// other than localhost): browsers allow them only on a secure origin with a domain.
    #[error("Passkeys aren't available on this site. Use a password instead.")]
    Unavailable,
    /// No such ceremony for this binding, already used, or too old.
    #[error("That took too long or was already used. Please try again.")]
    Stale,
    /// The browser's answer failed verification (signature, origin, challenge, counter…).
    #[error("Your passkey couldn't be checked. Please try again.")]
    Refused(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Unexpected(String),
}

impl crate::domain::Sentence for CeremonyError {
    fn message(&self) -> crate::domain::Message {
        crate::domain::Message::new(match self {
            CeremonyError::Unavailable => "passkeys-unavailable",
            CeremonyError::Stale => "passkey-ceremony-stale",
            CeremonyError::Refused(_) => "passkey-unverified",
            CeremonyError::Store(_) | CeremonyError::Unexpected(_) => "setup-unexpected",
        })
    }
}

pub struct RelyingParty {
    /// `None` when passkeys can't work with `PUBLIC_URL` (see `CeremonyError::Unavailable`).
    webauthn: Option<Webauthn>,
    store: Arc<Store>,
    clock: Arc<dyn Clock>,
}

impl RelyingParty {
    /// The relying party of `public_url`: its host is the RP ID and its origin the only
    /// origin accepted.
    pub fn new(public_url: &Url, name: &str, store: Arc<Store>, clock: Arc<dyn Clock>) -> Self {
        let webauthn = passkeys_possible(public_url)
            .then(|| {
                let host = public_url.host_str()?;
                let origin = Url::parse(&public_url.origin().ascii_serialization()).ok()?;
                WebauthnBuilder::new(host, &origin).ok()?.rp_name(name).build().ok()
            })
            .flatten();
        Self { webauthn, store, clock }
    }

    /// Whether pages should offer passkeys at all.
    pub fn available(&self) -> bool {
        self.webauthn.is_some()
    }

    pub fn webauthn(&self) -> Result<&Webauthn, CeremonyError> {
        self.webauthn.as_ref().ok_or(CeremonyError::Unavailable)
    }

    /// The options for making a passkey for the account `handle` names (`name` is what the
    /// device's passkey list will show), as the browser takes them: a discoverable credential
    /// (offered at sign-in without a username), user verification required, none of
    /// `existing` made again. With the state that verifies the answer.
    pub fn registration(
        &self,
        handle: Uuid,
        name: &str,
        display_name: &str,
        existing: Vec<Vec<u8>>,
    ) -> Result<(String, PasskeyRegistration), CeremonyError> {
        let exclude = existing.into_iter().map(CredentialID::from).collect();
        let (options, state) = self
            .webauthn()?
            .start_passkey_registration(handle, name, display_name, Some(exclude))
            .map_err(|e| CeremonyError::Unexpected(e.to_string()))?;
        let unexpected = |e: &dyn std::fmt::Display| CeremonyError::Unexpected(e.to_string());
        let mut options = serde_json::to_value(options).map_err(|e| unexpected(&e))?;
        let public_key = options
            .get_mut("publicKey")
            .ok_or_else(|| unexpected(&"creation options without publicKey"))?;
        if let Some(selection) = public_key.get_mut("authenticatorSelection") {
            selection["residentKey"] = "required".into();
            selection["requireResidentKey"] = true.into();
        }
        Ok((public_key.to_string(), state))
    }

    /// Begins adding a passkey to `holder`'s account, bound to it: the authenticator is told
    /// which passkeys the account has already, so it doesn't make a second on one device.
    pub async fn begin_adding(
        &self,
        holder: &Holder<'_>,
        user_agent: Option<&str>,
    ) -> Result<Begun, CeremonyError> {
        self.webauthn()?;
        let handle = match holder.handle.map(Uuid::parse_str) {
            Some(Ok(handle)) => handle,
            Some(Err(e)) => return Err(CeremonyError::Unexpected(e.to_string())),
            None => Uuid::new_v4(),
        };
        let existing = self.store.passkeys_of(holder.user_id).await?;
        let existing = existing.into_iter().map(|p| p.credential_id).collect();
        let (options, registration) =
            self.registration(handle, holder.username, holder.full_name, existing)?;
        let state = AddCeremony { registration, handle, device: device_name(user_agent) };
        let secret = self.begin(CeremonyPurpose::Add, Binding::Account(holder.user_id), &state);
        Ok(Begun { secret: secret.await?, options })
    }

    /// Verifies the passkey the browser made for the "add" ceremony `secret` of the account
    /// `user_id`; storing it is the caller's.
    pub async fn finish_adding(
        &self,
        user_id: i64,
        secret: &str,
        credential: &str,
    ) -> Result<Added, CeremonyError> {
        let state: AddCeremony =
            self.take(CeremonyPurpose::Add, Binding::Account(user_id), secret).await?;
        let passkey = self.verify_registration(credential, &state.registration, state.device)?;
        Ok(Added { handle: state.handle.to_string(), passkey })
    }

    /// Verifies the browser's answer (`credential`, JSON) to a registration, and returns the
    /// passkey as the store keeps it, named `name`.
    pub fn verify_registration(
        &self,
        credential: &str,
        state: &PasskeyRegistration,
        name: String,
    ) -> Result<NewPasskey, CeremonyError> {
        let credential: RegisterPublicKeyCredential = serde_json::from_str(credential)
            .map_err(|e| CeremonyError::Refused(format!("unreadable credential: {e}")))?;
        let passkey = self
            .webauthn()?
            .finish_passkey_registration(&credential, state)
            .map_err(|e| CeremonyError::Refused(e.to_string()))?;
        stored(&passkey, name)
    }

    /// Keeps a ceremony's `state` bound to `binding`; returns the secret that the caller's
    /// server-side session holds until the ceremony finishes.
    pub async fn begin<S: Serialize>(
        &self,
        purpose: CeremonyPurpose,
        binding: Binding,
        state: &S,
    ) -> Result<String, CeremonyError> {
        let mut secret = [0u8; 32];
        getrandom::fill(&mut secret).map_err(|e| CeremonyError::Unexpected(e.to_string()))?;
        let state =
            serde_json::to_string(state).map_err(|e| CeremonyError::Unexpected(e.to_string()))?;
        let now = self.clock.now();
        let (link_hash, user_id) = parts(binding);
        let ceremony = NewCeremony {
            id: Sha256::digest(secret).into(),
            purpose,
            link_hash,
            user_id,
            state,
            expires_at: now.plus(CEREMONY_LIFETIME),
            now,
        };
        self.store.begin_ceremony(ceremony).await?;
        Ok(URL_SAFE_NO_PAD.encode(secret))
    }

    /// Takes the ceremony whose secret is `secret`, if it is bound to `binding` and still
    /// fresh. Taken means gone: a second try with the same secret is `Stale`.
    pub async fn take<S: DeserializeOwned>(
        &self,
        purpose: CeremonyPurpose,
        binding: Binding,
        secret: &str,
    ) -> Result<S, CeremonyError> {
        let secret = URL_SAFE_NO_PAD.decode(secret).map_err(|_| CeremonyError::Stale)?;
        let (link_hash, user_id) = parts(binding);
        let key = CeremonyKey {
            id: Sha256::digest(&secret).into(),
            purpose,
            link_hash,
            user_id,
            now: self.clock.now(),
        };
        let state = self.store.take_ceremony(&key).await?.ok_or(CeremonyError::Stale)?;
        serde_json::from_str(&state).map_err(|e| CeremonyError::Unexpected(e.to_string()))
    }
}

fn parts(binding: Binding) -> (Option<[u8; 32]>, Option<i64>) {
    match binding {
        Binding::Link(hash) => (Some(hash), None),
        Binding::Account(id) => (None, Some(id)),
        Binding::Session => (None, None),
    }
}

/// Browsers allow WebAuthn only on a secure origin whose host is a domain: https, or
/// `localhost` on plain http; never an IP address.
pub fn passkeys_possible(public_url: &Url) -> bool {
    let Some(url::Host::Domain(host)) = public_url.host() else { return false };
    let local = host == "localhost" || host.ends_with(".localhost");
    public_url.scheme() == "https" || (public_url.scheme() == "http" && local)
}

/// A verified passkey as the store keeps it.
fn stored(passkey: &Passkey, name: String) -> Result<NewPasskey, CeremonyError> {
    let credential = webauthn_rs::prelude::Credential::from(passkey.clone());
    Ok(NewPasskey {
        credential_id: passkey.cred_id().as_ref().to_vec(),
        credential: serde_json::to_string(passkey)
            .map_err(|e| CeremonyError::Unexpected(e.to_string()))?,
        name,
        sign_count: i64::from(credential.counter),
        backup_eligible: credential.backup_eligible,
        backed_up: credential.backup_state,
    })
}

/// A stored passkey, read back for verification.
pub fn loaded(credential: &str) -> Result<Passkey, CeremonyError> {
    serde_json::from_str(credential).map_err(|e| CeremonyError::Unexpected(e.to_string()))
}

/// A short name for a new passkey, from the browser's User-Agent: what most people would call
/// the device it was made on. They can rename it on their account page.
pub fn device_name(user_agent: Option<&str>) -> String {
    let ua = user_agent.unwrap_or_default();
    let name = [
        ("iPhone", "iPhone"),
        ("iPad", "iPad"),
        ("Android", "Android phone"),
        ("CrOS", "Chromebook"),
        ("Macintosh", "Mac"),
        ("Windows", "Windows computer"),
        ("Linux", "Linux computer"),
    ]
    .iter()
    .find_map(|(mark, name)| ua.contains(mark).then_some(*name))
    .unwrap_or("Passkey");
    name.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passkeys_need_a_secure_origin_with_a_domain() {
        for (url, possible) in [
            ("https://school.example", true),
            ("http://localhost:3000", true),
            ("http://app.localhost:3000", true),
            ("http://127.0.0.1:3000", false),
            ("https://127.0.0.1", false),
            ("https://[::1]", false),
            ("http://school.example", false),
        ] {
            assert_eq!(passkeys_possible(&Url::parse(url).unwrap()), possible, "{url}");
        }
    }

    #[test]
    fn device_names_come_from_the_user_agent() {
        let android = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/126";
        assert_eq!(device_name(Some(android)), "Android phone");
        assert_eq!(device_name(Some("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5)")), "iPhone");
        assert_eq!(device_name(None), "Passkey");
    }
}
