//! Signing in, with OWASP's device cookies against lock-outs
//! (cheatsheetseries.owasp.org, "Slow Down Online Guessing Attacks with Device Cookies").
//!
//! A browser that signed in to an account is given a device cookie naming that account: a
//! random secret and the account's id, sealed with the server's key. Later sign-ins to the
//! same account from that browser are held only by the browser's own small limit, not by the
//! account's, which anyone who types the username can fill; after `device_max_failures`
//! wrong passwords in a row the browser counts as unknown again. Unknown browsers share the
//! account's limit and their address's.
//!
//! Every failure is the same `Rejected`, and takes one argon2id verification whether or not
//! the account exists, so timing does not reveal which accounts exist.
//!
//! A passkey (`passkey.rs`) signs in under the same limits and device cookie.

mod passkey;

pub use passkey::PasskeyAttempt;

use std::{sync::Arc, time::Duration};

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use sha2::{Digest, Sha256};
use tokio::sync::OnceCell;

use crate::server::{
    auth::{
        CurrentUser,
        client_ip::ClientIp,
        limits::{LimitError, Limited, RateLimits},
    },
    clock::Clock,
    passwords,
    secrets::{Sealer, hex},
    services::passkeys::RelyingParty,
    store::{DeviceCheck, Store, StoreError, UserRecord},
};

/// How long a browser stays known without signing in.
pub const DEVICE_LIFETIME: Duration = Duration::from_secs(180 * 24 * 3600);

/// Binds a sealed device cookie to its use.
const PURPOSE: &str = "sign-in device";

#[derive(Debug, thiserror::Error)]
#[error("{}", crate::server::i18n::english(self))]
pub enum SignInError {
    /// Unknown account or wrong password: the same words for both. `forget_device` when
    /// the browser's device cookie stopped counting (too many wrong passwords in a row).
    Rejected {
        forget_device: bool,
    },
    /// The right password for an account a Super-Admin deactivated. Said only after the
    /// right password, so it tells a guesser nothing.
    Deactivated,
    Limited(#[from] Limited),
    /// Too many strangers' sign-ins wait for a core: refused before any hash (see
    /// `passwords::queue`). A browser the account knows never gets this.
    Busy,
    /// A passkey sign-in that came to nothing: the message says what to do.
    Passkey(crate::domain::Message),
    Unexpected(#[source] anyhow::Error),
}

impl crate::domain::Sentence for SignInError {
    fn message(&self) -> crate::domain::Message {
        use crate::domain::Message;
        match self {
            SignInError::Rejected { .. } => Message::new("sign-in-rejected"),
            SignInError::Deactivated => Message::new("sign-in-deactivated"),
            SignInError::Limited(limited) => limited.message(),
            SignInError::Busy => Message::new("sign-in-busy"),
            SignInError::Passkey(message) => message.clone(),
            SignInError::Unexpected(_) => Message::new("unexpected"),
        }
    }
}

impl From<StoreError> for SignInError {
    fn from(error: StoreError) -> Self {
        Self::Unexpected(error.into())
    }
}

impl From<LimitError> for SignInError {
    fn from(error: LimitError) -> Self {
        match error {
            LimitError::Limited(limited) => Self::Limited(limited),
            LimitError::Store(store) => store.into(),
        }
    }
}

/// One sign-in as it arrived.
pub struct SignInAttempt<'a> {
    pub login: &'a str,
    pub password: &'a str,
    pub client: ClientIp,
    /// The browser's device cookie, if it sent one.
    pub device_cookie: Option<&'a str>,
}

/// A successful sign-in: the account, and the device cookie the browser keeps for it.
#[derive(Debug)]
pub struct SignedIn {
    pub user: CurrentUser,
    pub device_cookie: String,
}

/// A device cookie, opened: whose, and the hash of its secret (its id in the database).
struct Device {
    user_id: i64,
    id: [u8; 32],
}

pub struct SignInService {
    store: Arc<Store>,
    clock: Arc<dyn Clock>,
    limits: Arc<RateLimits>,
    sealer: Sealer,
    dummy_hash: OnceCell<String>,
    /// Signing in with a passkey (`passkey.rs`); none where passkeys can't work.
    rp: Option<Arc<RelyingParty>>,
}

impl SignInService {
    pub fn new(
        store: Arc<Store>,
        clock: Arc<dyn Clock>,
        limits: Arc<RateLimits>,
        sealer: Sealer,
    ) -> Self {
        Self { store, clock, limits, sealer, dummy_hash: OnceCell::new(), rp: None }
    }

    /// The same service, signing in with passkeys too.
    pub fn with_passkeys(mut self, rp: Arc<RelyingParty>) -> Self {
        self.rp = Some(rp);
        self
    }

    pub fn limits(&self) -> &RateLimits {
        &self.limits
    }

    /// Checks a username-or-email and password under the limits above.
    pub async fn sign_in(&self, attempt: &SignInAttempt<'_>) -> Result<SignedIn, SignInError> {
        let device = attempt.device_cookie.and_then(|cookie| self.open(cookie));
        // A stranger's flood stops here, in memory, before it costs the database anything.
        if device.is_none() {
            self.limits.sign_in_address(attempt.client)?;
        }
        let key = attempt.login.trim().to_lowercase();
        let user = if key.is_empty() { None } else { self.store.find_user_by_login(&key).await? };

        let known = self.admit(device.as_ref(), user.as_ref(), &key, attempt.client).await?;

        // An account with no password (passkeys only) costs the same as an unknown one.
        let hash = match user.as_ref().and_then(|user| user.password_hash.clone()) {
            Some(hash) => hash,
            None => self.dummy_hash().await?.to_owned(),
        };
        // A browser this account knows waits in the first line; anyone else in the bounded one.
        let line = if known { passwords::Line::Known } else { passwords::Line::Stranger };
        let matches = match passwords::verify(&hash, attempt.password, line).await {
            Ok(matches) => matches,
            Err(passwords::HashError::Busy(_)) => return Err(SignInError::Busy),
            Err(e) => return Err(SignInError::Unexpected(e.into())),
        };
        let now = self.clock.now();
        match (user, device.filter(|_| known)) {
            (Some(user), _) if matches && user.deactivated_at.is_some() => {
                Err(SignInError::Deactivated)
            }
            (Some(user), Some(device)) if matches => {
                self.store.device_outcome(&device.id, true, now).await?;
                let cookie = attempt.device_cookie.unwrap_or_default().to_owned();
                Ok(SignedIn { user: user.into(), device_cookie: cookie })
            }
            (Some(user), None) if matches => {
                let device_cookie = self.remember_device(user.id).await?;
                Ok(SignedIn { user: user.into(), device_cookie })
            }
            (_, Some(device)) => {
                let failures = self.store.device_outcome(&device.id, false, now).await?;
                let max = i64::from(self.limits.config().device_max_failures);
                Err(SignInError::Rejected { forget_device: failures >= max })
            }
            _ => Err(SignInError::Rejected { forget_device: false }),
        }
    }

    /// Whether the sign-in comes from a browser `user`'s account knows (`device`, with
    /// allowance left): then only that browser's own limit applies. Otherwise the address's
    /// and the account's limits are taken (the address's already, when there was no device
    /// cookie at all). `key` is the login as typed, for an account that doesn't exist.
    async fn admit(
        &self,
        device: Option<&Device>,
        user: Option<&UserRecord>,
        key: &str,
        client: ClientIp,
    ) -> Result<bool, SignInError> {
        let known = match (device, user) {
            (Some(device), Some(user)) if device.user_id == user.id => {
                self.check_device(device).await?
            }
            _ => false,
        };
        if !known {
            if device.is_some() {
                self.limits.sign_in_address(client)?;
            }
            // One allowance per account, however it is typed (username or email). An unknown
            // login gets one too, so both cost the same, keyed by a hash of bounded size.
            let subject = match user {
                Some(user) => format!("user:{}", user.id),
                None => format!("login:{}", hex(&Sha256::digest(key.as_bytes()))),
            };
            self.limits.sign_in_account(&subject).await?;
        }
        Ok(known)
    }

    /// Whether `device` is a live browser of its account with allowance left; refused when
    /// its own limit is used up.
    async fn check_device(&self, device: &Device) -> Result<bool, SignInError> {
        let config = self.limits.config();
        let check = self
            .store
            .check_device(
                &device.id,
                device.user_id,
                config.sign_in_per_device.allowance(),
                i64::from(config.device_max_failures),
                self.clock.now(),
            )
            .await?;
        match check {
            DeviceCheck::Allowed => Ok(true),
            DeviceCheck::Unknown => Ok(false),
            DeviceCheck::Limited => Err(Limited.into()),
        }
    }

    /// Stores a new device of `user_id` and returns its cookie's value.
    async fn remember_device(&self, user_id: i64) -> Result<String, SignInError> {
        let mut secret = [0u8; 32];
        getrandom::fill(&mut secret).map_err(|e| SignInError::Unexpected(anyhow::anyhow!(e)))?;
        let id: [u8; 32] = Sha256::digest(secret).into();
        self.store.add_device(&id, user_id, self.clock.now()).await?;
        let plain = format!("{user_id}.{}", URL_SAFE_NO_PAD.encode(secret));
        self.sealer.seal(PURPOSE, &plain).map_err(|e| SignInError::Unexpected(e.into()))
    }

    /// A device cookie's account and id, if it is one this server sealed.
    fn open(&self, cookie: &str) -> Option<Device> {
        // Longer than any cookie we make: not worth decrypting.
        if cookie.len() > 256 {
            return None;
        }
        let plain = self.sealer.open(PURPOSE, cookie).ok()?;
        let (user_id, secret) = plain.split_once('.')?;
        let secret = URL_SAFE_NO_PAD.decode(secret).ok()?;
        Some(Device { user_id: user_id.parse().ok()?, id: Sha256::digest(secret).into() })
    }

    /// Forgets browsers unused for `DEVICE_LIFETIME`, and those no longer known.
    pub async fn sweep_devices(&self) -> Result<u64, StoreError> {
        let before = crate::domain::Timestamp(
            self.clock.now().0.saturating_sub(DEVICE_LIFETIME.as_millis() as i64),
        );
        let max = i64::from(self.limits.config().device_max_failures);
        self.store.sweep_devices(before, max).await
    }

    /// A hash of a random secret, made once, with the same parameters as real ones.
    async fn dummy_hash(&self) -> Result<&str, SignInError> {
        self.dummy_hash
            .get_or_try_init(|| async {
                passwords::hash_of_random_secret()
                    .await
                    .map_err(|e| SignInError::Unexpected(e.into()))
            })
            .await
            .map(String::as_str)
    }
}
