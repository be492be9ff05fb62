//! Signing in with the school's own accounts (OpenID Connect): accepting an invitation with
//! one, signing in with it later, and linking or unlinking it on the account page.
//!
//! Each trip to the provider is kept server-side (`school_sign_in_trips`): its nonce and PKCE
//! verifier, what it is for, and what it is bound to (a link, an account); its `state` is also
//! kept in the browser's server-side session, so only the browser that left can come back,
//! and the trip is taken once. An invitation is accepted only by the owner of the invited
//! address: the provider's verified address must be the invitation's. A school account is
//! found again by the provider's issuer and subject, never by its address.

pub mod claims;
pub mod provider;

use std::{sync::Arc, time::Duration};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub use claims::{ClaimsRefusal, Identity};
pub use provider::{Provider, ProviderError, RETURN_PATH};

use crate::domain::{LinkState, Message};
use crate::server::{
    auth::{
        client_ip::ClientIp,
        limits::{Limited, RateLimits},
    },
    clock::Clock,
    secrets::Sealer,
    services::{InvitationService, tokens::hash_token},
    store::{
        Conflict, NewSchoolAccount, NewTrip, SchoolAccountRecord, SchoolUnlink, Store, StoreError,
        TripPurpose, UserRecord,
    },
};

/// How long a trip to the provider may take.
pub const TRIP_LIFETIME: Duration = Duration::from_secs(10 * 60);

/// The seal's purpose for a setup trip's link (kept so the return can go back to its page).
const SEAL_PURPOSE: &str = "school-trip-link";

/// Where a trip is going, as it begins.
pub enum Start<'a> {
    /// Accepting the invitation of this link.
    Setup { token: &'a str, again: bool },
    /// Signing in; `next` is where to go after (checked again when it is used).
    SignIn { next: Option<&'a str> },
    /// Linking a school account to this signed-in account.
    Link { user_id: i64 },
}

/// A trip begun: send the browser to `url`; the session keeps `state`.
pub struct Departure {
    pub url: url::Url,
    pub state: String,
}

/// What finishing a trip needs, kept server-side.
#[derive(Serialize, Deserialize)]
struct TripState {
    nonce: String,
    pkce_verifier: String,
    /// A setup trip's link, sealed.
    #[serde(default)]
    link: Option<String>,
    #[serde(default)]
    next: Option<String>,
}

/// A trip come back, with the person the provider vouched for (or why not).
pub enum Arrival {
    /// For the invitation of `token`; the identity is the invited address's owner.
    Setup {
        token: String,
        outcome: Result<Identity, SchoolRefusal>,
    },
    SignIn {
        next: Option<String>,
        outcome: Result<UserRecord, SchoolRefusal>,
    },
    Link {
        outcome: Result<SchoolAccountRecord, SchoolRefusal>,
    },
}

/// Why a school account was not taken. Each is a sentence for the person.
#[derive(Debug, thiserror::Error)]
pub enum SchoolRefusal {
    /// The trip is unknown, used, too old, or another browser's.
    #[error("stale")]
    Stale,
    /// The person turned back at the provider.
    #[error("cancelled")]
    Cancelled,
    /// The code or ID token failed a check (logged).
    #[error("refused: {0}")]
    Refused(String),
    #[error("claims: {0:?}")]
    Claims(ClaimsRefusal),
    /// Setup: the verified address is not the invitation's.
    #[error("another address")]
    Mismatch { signed_in: String, invited: String },
    /// Setup: the link no longer works.
    #[error("link {0:?}")]
    Link(LinkState),
    /// Sign-in: no account uses this school account.
    #[error("unknown school account")]
    Unknown,
    #[error("deactivated")]
    Deactivated,
    /// Link: the school account is another account's, or this account has one.
    #[error("taken")]
    Taken,
    #[error(transparent)]
    Limited(#[from] Limited),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl crate::domain::Sentence for SchoolRefusal {
    fn message(&self) -> Message {
        match self {
            SchoolRefusal::Stale => Message::new("school-stale"),
            SchoolRefusal::Cancelled => Message::new("school-cancelled"),
            SchoolRefusal::Refused(_) | SchoolRefusal::Claims(ClaimsRefusal::Incomplete) => {
                Message::new("school-refused")
            }
            SchoolRefusal::Claims(ClaimsRefusal::NoEmail) => Message::new("school-no-email"),
            SchoolRefusal::Claims(ClaimsRefusal::Unverified { email }) => {
                Message::new("school-unverified").text("email", email)
            }
            SchoolRefusal::Claims(ClaimsRefusal::OtherDomain { email }) => {
                Message::new("school-other-domain").text("email", email)
            }
            SchoolRefusal::Mismatch { signed_in, invited } => Message::new("school-mismatch")
                .text("signed_in", signed_in)
                .text("invited", invited),
            SchoolRefusal::Link(_) => Message::new("setup-link-dead"),
            SchoolRefusal::Unknown => Message::new("school-unknown"),
            SchoolRefusal::Deactivated => Message::new("sign-in-deactivated"),
            SchoolRefusal::Taken => Message::new("school-account-elsewhere"),
            SchoolRefusal::Limited(limited) => limited.message(),
            SchoolRefusal::Store(_) => Message::new("unexpected"),
        }
    }
}

pub struct SchoolSignIn {
    provider: Provider,
    store: Arc<Store>,
    clock: Arc<dyn Clock>,
    sealer: Sealer,
    invitations: Arc<InvitationService>,
    limits: Arc<RateLimits>,
}

fn trip_id(state: &str) -> [u8; 32] {
    Sha256::digest(state.as_bytes()).into()
}

impl SchoolSignIn {
    pub fn new(
        provider: Provider,
        store: Arc<Store>,
        clock: Arc<dyn Clock>,
        sealer: Sealer,
        invitations: Arc<InvitationService>,
        limits: Arc<RateLimits>,
    ) -> Self {
        Self { provider, store, clock, sealer, invitations, limits }
    }

    /// "Google": what the buttons call the provider.
    pub fn label(&self) -> &str {
        &self.provider.settings().label
    }

    pub fn provider(&self) -> &Provider {
        &self.provider
    }

    /// Begins a trip to the provider. A setup trip only for a link that works now (and not
    /// the first admin's, whose person chooses the address).
    pub async fn depart(
        &self,
        start: Start<'_>,
        client: ClientIp,
    ) -> Result<Departure, SchoolRefusal> {
        self.limits.ceremony(client)?;
        let now = self.clock.now();
        let (purpose, link_hash, user_id, link, next, again, hint) = match start {
            Start::Setup { token, again } => {
                let state = self.invitations.inspect(token).await?;
                let email = match &state {
                    LinkState::Valid { email, choose_email: false, .. } => email.clone(),
                    LinkState::Valid { .. } => return Err(SchoolRefusal::Link(LinkState::Invalid)),
                    other => return Err(SchoolRefusal::Link(other.clone())),
                };
                let hash = hash_token(token).ok_or(SchoolRefusal::Link(LinkState::Invalid))?;
                let sealed = self
                    .sealer
                    .seal(SEAL_PURPOSE, token)
                    .map_err(|e| SchoolRefusal::Refused(e.to_string()))?;
                (TripPurpose::Setup, Some(hash), None, Some(sealed), None, again, Some(email))
            }
            // One tap where the person is signed in at the provider already.
            Start::SignIn { next } => {
                (TripPurpose::SignIn, None, None, None, next.map(str::to_owned), false, None)
            }
            Start::Link { user_id } => {
                (TripPurpose::Link, None, Some(user_id), None, None, false, None)
            }
        };
        let authorization = self.provider.authorize(again, hint.as_deref());
        let state = TripState {
            nonce: authorization.nonce,
            pkce_verifier: authorization.pkce_verifier,
            link,
            next,
        };
        let trip = NewTrip {
            id: trip_id(&authorization.state),
            purpose,
            link_hash,
            user_id,
            state: serde_json::to_string(&state)
                .map_err(|e| SchoolRefusal::Refused(e.to_string()))?,
            expires_at: now.plus(TRIP_LIFETIME),
            now,
        };
        self.store.begin_school_trip(trip).await?;
        Ok(Departure { url: authorization.url, state: authorization.state })
    }

    /// Finishes a trip: `state` as the provider sent it back, `kept` as this browser's session
    /// kept it, and the provider's `code` (or `None` when the person turned back). The trip is
    /// taken whatever comes of it.
    pub async fn arrive(
        &self,
        state: &str,
        kept: Option<&str>,
        code: Option<&str>,
        client: ClientIp,
    ) -> Result<Arrival, SchoolRefusal> {
        // Only the browser that left may come back with this trip.
        if kept != Some(state) {
            return Err(SchoolRefusal::Stale);
        }
        let trip = self
            .store
            .take_school_trip(&trip_id(state), self.clock.now())
            .await?
            .ok_or(SchoolRefusal::Stale)?;
        let kept: TripState =
            serde_json::from_str(&trip.state).map_err(|e| SchoolRefusal::Refused(e.to_string()))?;
        let identity = match code {
            None => Err(SchoolRefusal::Cancelled),
            Some(code) => self.identity(code, &kept).await,
        };
        Ok(match trip.purpose {
            TripPurpose::Setup => {
                let token = kept
                    .link
                    .as_deref()
                    .and_then(|sealed| self.sealer.open(SEAL_PURPOSE, sealed).ok())
                    .filter(|token| {
                        hash_token(token).is_some() && hash_token(token) == trip.link_hash
                    })
                    .ok_or(SchoolRefusal::Stale)?;
                let outcome = match identity {
                    Ok(identity) => self.for_invitation(&token, identity).await,
                    Err(refused) => Err(refused),
                };
                Arrival::Setup { token, outcome }
            }
            TripPurpose::SignIn => {
                let outcome = match identity {
                    Ok(identity) => self.sign_in(&identity, client).await,
                    Err(refused) => Err(refused),
                };
                Arrival::SignIn { next: kept.next, outcome }
            }
            TripPurpose::Link => {
                let user_id = trip.user_id.ok_or(SchoolRefusal::Stale)?;
                let outcome = match identity {
                    Ok(identity) => self.link(user_id, identity).await,
                    Err(refused) => Err(refused),
                };
                Arrival::Link { outcome }
            }
        })
    }

    async fn identity(&self, code: &str, kept: &TripState) -> Result<Identity, SchoolRefusal> {
        let claimed =
            self.provider.exchange(code, &kept.pkce_verifier, &kept.nonce).await.map_err(
                |error| {
                    tracing::warn!(%error, "a school sign-in was refused");
                    SchoolRefusal::Refused(error.to_string())
                },
            )?;
        self.accepted(claimed)
    }

    /// The identity a checked ID token's claims make under this provider's rules.
    pub fn accepted(&self, claimed: claims::Claimed) -> Result<Identity, SchoolRefusal> {
        let settings = self.provider.settings();
        claims::identity(settings.kind, &settings.allowed_domains, claimed)
            .map_err(SchoolRefusal::Claims)
    }

    /// The identity, when it is the invited address's owner and the link still works.
    async fn for_invitation(
        &self,
        token: &str,
        identity: Identity,
    ) -> Result<Identity, SchoolRefusal> {
        match self.invitations.inspect(token).await? {
            LinkState::Valid { email, choose_email: false, .. } => {
                if email.eq_ignore_ascii_case(&identity.email) {
                    Ok(identity)
                } else {
                    Err(SchoolRefusal::Mismatch { signed_in: identity.email, invited: email })
                }
            }
            LinkState::Valid { .. } => Err(SchoolRefusal::Link(LinkState::Invalid)),
            other => Err(SchoolRefusal::Link(other)),
        }
    }

    /// The account this school account signs in to: found by issuer and subject only.
    async fn sign_in(
        &self,
        identity: &Identity,
        client: ClientIp,
    ) -> Result<UserRecord, SchoolRefusal> {
        self.limits.sign_in_address(client)?;
        let linked = self
            .store
            .find_school_account(&identity.issuer, &identity.subject)
            .await?
            .ok_or(SchoolRefusal::Unknown)?;
        let user = self.store.find_user(linked.user_id).await?.ok_or(SchoolRefusal::Unknown)?;
        if user.deactivated_at.is_some() {
            return Err(SchoolRefusal::Deactivated);
        }
        self.store.record_school_account_use(user.id, self.clock.now()).await?;
        Ok(user)
    }

    async fn link(
        &self,
        user_id: i64,
        identity: Identity,
    ) -> Result<SchoolAccountRecord, SchoolRefusal> {
        let school = NewSchoolAccount::from(identity);
        match self.store.link_school_account(user_id, &school, self.clock.now()).await {
            Ok(Some(linked)) => Ok(linked),
            Ok(None) => Err(SchoolRefusal::Deactivated),
            Err(StoreError::Conflict(Conflict::SchoolAccountTaken)) => Err(SchoolRefusal::Taken),
            Err(error) => Err(error.into()),
        }
    }

    /// The school account linked to an account, for its page.
    pub async fn linked(&self, user_id: i64) -> Result<Option<SchoolAccountRecord>, StoreError> {
        self.store.school_account_of(user_id).await
    }

    pub async fn unlink(&self, user_id: i64) -> Result<SchoolUnlink, StoreError> {
        self.store.unlink_school_account(user_id).await
    }
}

impl From<Identity> for NewSchoolAccount {
    fn from(identity: Identity) -> Self {
        NewSchoolAccount {
            issuer: identity.issuer,
            subject: identity.subject,
            email: identity.email,
        }
    }
}
