//! Getting back in: a one-time sign-in link by email, asked for on the sign-in page ("Forgot
//! your password or passkey?") or sent by a Super-Admin from the Staff page. The link works
//! once, for `SIGN_IN_LINK_LIFETIME`; it lets the person add a passkey or set a new password,
//! and using it ends every other session of the account. Asking answers the same whether or
//! not an account matched.

use std::{sync::Arc, time::Duration};

use super::{
    passkeys::{Begun, CeremonyError, RelyingParty, relying_party::Holder},
    tokens::{LinkSecret, hash_token},
};
use crate::domain::{Email, PasswordPolicy, Timestamp};
use crate::server::{
    auth::{
        CurrentUser,
        client_ip::ClientIp,
        limits::{LimitError, RateLimits},
    },
    clock::Clock,
    mail::message::{MessageKind, SignInLinkMessage},
    passwords,
    secrets::Sealer,
    store::{
        Conflict, NewMessage, NewSignInLink, Redemption, SignInLinkRecord, Store, StoreError,
        UserRecord,
    },
};
use tokio::sync::Notify;
use url::Url;

/// How long a sign-in link works.
pub const SIGN_IN_LINK_LIFETIME: Duration = Duration::from_secs(60 * 60);

#[derive(Debug, thiserror::Error)]
#[error("{}", crate::server::i18n::english(self))]
pub enum RecoveryError {
    Limited,
    /// The link was used, replaced by a newer one, expired, or never was.
    Dead,
    NotFound,
    /// The account (named) is deactivated: no link for it.
    Deactivated(String),
    AccountLimited,
    /// The acting Super-Admin was deactivated meanwhile.
    ActorDeactivated,
    /// The new password breaks a rule; the message says which.
    Password(crate::domain::PasswordError),
    PasskeyTaken,
    Ceremony(CeremonyError),
    Unexpected(#[source] anyhow::Error),
}

impl crate::domain::Sentence for RecoveryError {
    fn message(&self) -> crate::domain::Message {
        use crate::domain::Message;
        match self {
            RecoveryError::Limited => Message::new("recovery-limited"),
            RecoveryError::Dead => Message::new("recovery-link-dead"),
            RecoveryError::NotFound => Message::new("staff-not-found"),
            RecoveryError::Deactivated(name) => {
                Message::new("staff-deactivated-no-link").text("name", name)
            }
            RecoveryError::AccountLimited => Message::new("staff-link-limit"),
            RecoveryError::ActorDeactivated => Message::new("actor-deactivated-nothing-sent"),
            RecoveryError::Password(e) => e.message(),
            RecoveryError::PasskeyTaken => Message::new("account-passkey-taken"),
            RecoveryError::Ceremony(e) => e.message(),
            RecoveryError::Unexpected(_) => Message::new("unexpected"),
        }
    }
}

impl From<StoreError> for RecoveryError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::ActorInactive => RecoveryError::ActorDeactivated,
            StoreError::Conflict(Conflict::PasskeyTaken) => RecoveryError::PasskeyTaken,
            other => RecoveryError::Unexpected(other.into()),
        }
    }
}

impl From<CeremonyError> for RecoveryError {
    fn from(error: CeremonyError) -> Self {
        match error {
            CeremonyError::Store(e) => e.into(),
            CeremonyError::Unexpected(e) => RecoveryError::Unexpected(anyhow::anyhow!(e)),
            other => RecoveryError::Ceremony(other),
        }
    }
}

pub struct Recovery {
    store: Arc<Store>,
    clock: Arc<dyn Clock>,
    limits: Arc<RateLimits>,
    rp: Arc<RelyingParty>,
    sealer: Sealer,
    /// The base of the links (`PUBLIC_URL`).
    public_url: Url,
    policy: PasswordPolicy,
    outbox_wake: Arc<Notify>,
}

impl Recovery {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        store: Arc<Store>,
        clock: Arc<dyn Clock>,
        limits: Arc<RateLimits>,
        rp: Arc<RelyingParty>,
        sealer: Sealer,
        public_url: Url,
        policy: PasswordPolicy,
        outbox_wake: Arc<Notify>,
    ) -> Self {
        Self { store, clock, limits, rp, sealer, public_url, policy, outbox_wake }
    }

    /// "Forgot your password or passkey?": when `login` (an email or a username) names an
    /// active account whose links allowance isn't used up, a link goes to its email. The
    /// answer is the same either way; only the address's own limit is ever said.
    pub async fn request(&self, login: &str, client: ClientIp) -> Result<(), RecoveryError> {
        self.admit(client)?;
        self.send_if_known(login).await
    }

    /// The address's limit on asking, taken at once: the only refusal anyone is told.
    pub fn admit(&self, client: ClientIp) -> Result<(), RecoveryError> {
        self.limits.sign_in_link_address(client).map_err(|_| RecoveryError::Limited)
    }

    /// The rest of `request`, which a server function runs after answering, so that how long
    /// the answer takes doesn't tell whether an account matched.
    pub async fn send_if_known(&self, login: &str) -> Result<(), RecoveryError> {
        let key = login.trim().to_lowercase();
        if key.is_empty() {
            return Ok(());
        }
        let Some(user) = self.store.find_user_by_login(&key).await? else { return Ok(()) };
        if user.deactivated_at.is_some() {
            return Ok(());
        }
        match self.limits.sign_in_link_account(user.id).await {
            Ok(()) => {}
            Err(LimitError::Limited(_)) => {
                tracing::info!(
                    user = user.id,
                    "a sign-in link request dropped by its account's limit"
                );
                return Ok(());
            }
            Err(LimitError::Store(e)) => return Err(e.into()),
        }
        self.issue(&user, None).await.map(|_| ())
    }

    /// A Super-Admin's "Send a sign-in link" from the Staff page: the address it went to.
    pub async fn send(&self, actor: &CurrentUser, user_id: i64) -> Result<String, RecoveryError> {
        let user = self.store.find_user(user_id).await?.ok_or(RecoveryError::NotFound)?;
        if user.deactivated_at.is_some() {
            return Err(RecoveryError::Deactivated(user.full_name));
        }
        match self.limits.sign_in_link_account(user.id).await {
            Ok(()) => {}
            Err(LimitError::Limited(_)) => return Err(RecoveryError::AccountLimited),
            Err(LimitError::Store(e)) => return Err(e.into()),
        }
        match self.issue(&user, Some(actor)).await? {
            true => Ok(user.email),
            false => Err(RecoveryError::Deactivated(user.full_name)),
        }
    }

    /// Stores a new link for `user` (replacing its earlier ones) and queues its email.
    async fn issue(
        &self,
        user: &UserRecord,
        sender: Option<&CurrentUser>,
    ) -> Result<bool, RecoveryError> {
        let secret = LinkSecret::generate().map_err(|e| RecoveryError::Unexpected(e.into()))?;
        let link = self
            .public_url
            .join(&format!("/sign-in/{}", secret.token))
            .map_err(|e| RecoveryError::Unexpected(e.into()))?;
        let now = self.clock.now();
        let expires_at = now.plus(SIGN_IN_LINK_LIFETIME);
        let message = SignInLinkMessage::new(
            &self.sealer,
            &user.email,
            &user.full_name,
            &user.username,
            link.as_str(),
            expires_at,
            sender.map(|s| s.full_name.as_str()),
        )
        .map_err(|e| RecoveryError::Unexpected(e.into()))?
        // In the language the account was set up in.
        .in_language(user.language.clone());
        let issued = NewSignInLink {
            user_id: user.id,
            token_hash: secret.hash,
            expires_at,
            sent_by: sender.map(CurrentUser::actor),
            message: NewMessage {
                kind: MessageKind::SignInLink.as_str(),
                recipient: user.email.clone(),
                payload: message.to_json(),
                due_at: None,
            },
            now,
        };
        let done = self.store.issue_sign_in_link(&issued).await?;
        if done {
            self.outbox_wake.notify_one();
        }
        Ok(done)
    }

    /// The account a link signs in to, if it still works.
    pub async fn inspect(&self, token: &str) -> Result<SignInLinkRecord, RecoveryError> {
        let hash = hash_token(token).ok_or(RecoveryError::Dead)?;
        self.store.find_sign_in_link(&hash, self.clock.now()).await?.ok_or(RecoveryError::Dead)
    }

    /// Uses a link to set a new password: the account, signed in on a new session epoch.
    pub async fn with_password(&self, token: &str, new: &str) -> Result<UserRecord, RecoveryError> {
        let link = self.inspect(token).await?;
        let account = self.store.find_user(link.user_id).await?.ok_or(RecoveryError::Dead)?;
        let email = Email::parse(&account.email)
            .map_err(|e| RecoveryError::Unexpected(anyhow::anyhow!(e)))?;
        let owner = passwords::Owner {
            email: &email,
            username: &account.username,
            full_name: &account.full_name,
        };
        let password = passwords::for_new_account(new, &self.policy, &owner)
            .map_err(RecoveryError::Password)?;
        let hash =
            passwords::hash(&password).await.map_err(|e| RecoveryError::Unexpected(e.into()))?;
        self.redeem(token, &Redemption::Password(hash)).await
    }

    /// Begins adding a passkey from a link, bound to its account.
    pub async fn begin_passkey(
        &self,
        token: &str,
        user_agent: Option<&str>,
    ) -> Result<Begun, RecoveryError> {
        let link = self.inspect(token).await?;
        let holder = Holder {
            user_id: link.user_id,
            handle: link.webauthn_handle.as_deref(),
            username: &link.username,
            full_name: &link.full_name,
        };
        Ok(self.rp.begin_adding(&holder, user_agent).await?)
    }

    /// Verifies the passkey made for the ceremony `secret` and, with the link's use, stores it.
    pub async fn finish_passkey(
        &self,
        token: &str,
        secret: &str,
        credential: &str,
    ) -> Result<UserRecord, RecoveryError> {
        let link = self.inspect(token).await?;
        let added = self.rp.finish_adding(link.user_id, secret, credential).await?;
        let change = Redemption::Passkey { handle: added.handle, passkey: added.passkey };
        self.redeem(token, &change).await
    }

    async fn redeem(&self, token: &str, change: &Redemption) -> Result<UserRecord, RecoveryError> {
        let hash = hash_token(token).ok_or(RecoveryError::Dead)?;
        let now: Timestamp = self.clock.now();
        self.store.redeem_sign_in_link(&hash, change, now).await?.ok_or(RecoveryError::Dead)
    }
}
