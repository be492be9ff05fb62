//! Signing in with a passkey: any passkey of this site that the browser holds may answer
//! (a discoverable credential, offered in the username field's autofill or by the "Sign in
//! with a passkey" button). The passkey names its account; the account's limits and the
//! browser's device cookie apply as they do to a password.

use webauthn_rs::prelude::{DiscoverableAuthentication, DiscoverableKey, PublicKeyCredential};

use super::{SignInError, SignInService, SignedIn};
use crate::domain::{Message, Sentence};
use crate::server::{
    auth::client_ip::ClientIp,
    services::passkeys::{Begun, Binding, CeremonyError, relying_party},
    store::{CeremonyPurpose, PasskeyUse},
};

/// The one sentence for a passkey that can't sign in, whatever the reason: unknown, removed,
/// of another account, or failing a check. It tells an attacker nothing.
fn refused() -> SignInError {
    SignInError::Passkey(Message::new("sign-in-passkey-refused"))
}

/// A passkey sign-in as it arrived: the ceremony's secret (from the session), what the
/// browser's authenticator signed, and the browser's device cookie.
pub struct PasskeyAttempt<'a> {
    pub secret: &'a str,
    pub credential: &'a str,
    pub client: ClientIp,
    pub device_cookie: Option<&'a str>,
}

impl From<CeremonyError> for SignInError {
    fn from(error: CeremonyError) -> Self {
        match error {
            CeremonyError::Store(e) => e.into(),
            CeremonyError::Unexpected(e) => SignInError::Unexpected(anyhow::anyhow!(e)),
            CeremonyError::Refused(_) => refused(),
            other => SignInError::Passkey(other.message()),
        }
    }
}

impl SignInService {
    fn relying_party(&self) -> Result<&relying_party::RelyingParty, SignInError> {
        self.rp.as_deref().ok_or_else(|| CeremonyError::Unavailable.into())
    }

    /// Whether the sign-in page offers passkeys.
    pub fn passkeys_available(&self) -> bool {
        self.rp.as_deref().is_some_and(|rp| rp.available())
    }

    /// Begins a passkey sign-in, bound to the session that keeps the returned secret.
    pub async fn begin_passkey(&self, client: ClientIp) -> Result<Begun, SignInError> {
        let rp = self.relying_party()?;
        self.limits.ceremony(client)?;
        let (options, state) = rp
            .webauthn()?
            .start_discoverable_authentication()
            .map_err(|e| SignInError::Unexpected(anyhow::anyhow!(e)))?;
        // The browser chooses how to ask (a button's prompt, or the autofill's).
        let options = serde_json::to_string(&options.public_key)
            .map_err(|e| SignInError::Unexpected(e.into()))?;
        let secret = rp.begin(CeremonyPurpose::SignIn, Binding::Session, &state).await?;
        Ok(Begun { secret, options })
    }

    /// Finishes a passkey sign-in: the ceremony is taken (once), the passkey found by its
    /// credential id and checked to be the account's that the authenticator names, the
    /// limits taken as for a password, and the signature, origin, challenge, user
    /// verification and counter checked.
    pub async fn sign_in_with_passkey(
        &self,
        attempt: &PasskeyAttempt<'_>,
    ) -> Result<SignedIn, SignInError> {
        let rp = self.relying_party()?;
        let device = attempt.device_cookie.and_then(|cookie| self.open(cookie));
        if device.is_none() {
            self.limits.sign_in_address(attempt.client)?;
        }
        let state: DiscoverableAuthentication =
            rp.take(CeremonyPurpose::SignIn, Binding::Session, attempt.secret).await?;
        let credential: PublicKeyCredential =
            serde_json::from_str(attempt.credential).map_err(|_| refused())?;
        let webauthn = rp.webauthn()?;
        let (handle, credential_id) =
            webauthn.identify_discoverable_authentication(&credential).map_err(|_| refused())?;
        let Some(stored) = self.store.find_passkey(credential_id).await? else {
            return Err(refused());
        };
        let user = self.store.find_user(stored.user_id).await?.ok_or_else(refused)?;
        // The authenticator names the account it made the passkey for: it must be this one.
        if user.webauthn_handle.as_deref() != Some(handle.to_string().as_str()) {
            return Err(refused());
        }
        let known = self.admit(device.as_ref(), Some(&user), "", attempt.client).await?;
        let device = device.filter(|_| known);

        let mut passkey = relying_party::loaded(&stored.credential)?;
        let now = self.clock.now();
        let verified = webauthn.finish_discoverable_authentication(
            &credential,
            state,
            &[DiscoverableKey::from(&passkey)],
        );
        let result = match verified {
            Ok(result) => result,
            Err(error) => {
                tracing::info!(%error, user = user.id, "a passkey sign-in was refused");
                if let Some(device) = &device {
                    let failures = self.store.device_outcome(&device.id, false, now).await?;
                    let max = i64::from(self.limits.config().device_max_failures);
                    if failures >= max {
                        return Err(SignInError::Rejected { forget_device: true });
                    }
                }
                return Err(refused());
            }
        };
        if user.deactivated_at.is_some() {
            return Err(SignInError::Deactivated);
        }
        passkey.update_credential(&result);
        let used = PasskeyUse {
            id: stored.id,
            credential: serde_json::to_string(&passkey)
                .map_err(|e| SignInError::Unexpected(e.into()))?,
            sign_count: i64::from(result.counter()),
            backed_up: result.backup_state(),
            now,
        };
        // A racing use of the same signature count loses here.
        if !self.store.record_passkey_use(&used).await? {
            return Err(refused());
        }
        let device_cookie = match device {
            Some(device) => {
                self.store.device_outcome(&device.id, true, now).await?;
                attempt.device_cookie.unwrap_or_default().to_owned()
            }
            None => self.remember_device(user.id).await?,
        };
        Ok(SignedIn { user: user.into(), device_cookie })
    }
}
