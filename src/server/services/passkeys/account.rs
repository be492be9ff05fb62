//! The account page's ways of signing in: the person's passkeys (listed, added, renamed,
//! removed) and their password (set, or changed). The last way of signing in can't be
//! removed; the store decides that in the removal's own transaction.

use std::sync::Arc;

use super::{Begun, CeremonyError, RelyingParty, relying_party::Holder};
use crate::domain::{PasskeyName, PasskeyNameError, PasskeyView, PasswordPolicy, SignInWays};
use crate::server::{
    auth::CurrentUser,
    clock::Clock,
    i18n::Tr,
    passwords,
    school::SchoolZone,
    store::{Conflict, PasskeyRecord, PasskeyRemoval, Store, StoreError},
};

#[derive(Debug, thiserror::Error)]
#[error("{}", crate::server::i18n::english(self))]
pub enum WaysError {
    NotFound,
    /// The only way left to sign in: it can't be removed.
    LastWayIn,
    Name(#[from] PasskeyNameError),
    /// The new password breaks a rule; the message says which.
    Password(crate::domain::PasswordError),
    WrongPassword,
    PasskeyTaken,
    Deactivated,
    Ceremony(CeremonyError),
    Unexpected(#[source] anyhow::Error),
}

impl crate::domain::Sentence for WaysError {
    fn message(&self) -> crate::domain::Message {
        use crate::domain::Message;
        match self {
            WaysError::NotFound => Message::new("account-passkey-gone"),
            WaysError::LastWayIn => Message::new("account-last-way-in"),
            WaysError::Name(e) => e.message(),
            WaysError::Password(e) => e.message(),
            WaysError::WrongPassword => Message::new("account-password-wrong"),
            WaysError::PasskeyTaken => Message::new("account-passkey-taken"),
            WaysError::Deactivated => Message::new("account-deactivated"),
            WaysError::Ceremony(e) => e.message(),
            WaysError::Unexpected(_) => Message::new("unexpected"),
        }
    }
}

impl From<StoreError> for WaysError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::Conflict(Conflict::PasskeyTaken) => WaysError::PasskeyTaken,
            other => WaysError::Unexpected(other.into()),
        }
    }
}

impl From<CeremonyError> for WaysError {
    fn from(error: CeremonyError) -> Self {
        match error {
            CeremonyError::Store(e) => e.into(),
            CeremonyError::Unexpected(e) => WaysError::Unexpected(anyhow::anyhow!(e)),
            other => WaysError::Ceremony(other),
        }
    }
}

pub struct AccountPasskeys {
    rp: Arc<RelyingParty>,
    store: Arc<Store>,
    clock: Arc<dyn Clock>,
    zone: SchoolZone,
    policy: PasswordPolicy,
}

impl AccountPasskeys {
    pub fn new(
        rp: Arc<RelyingParty>,
        store: Arc<Store>,
        clock: Arc<dyn Clock>,
        zone: SchoolZone,
        policy: PasswordPolicy,
    ) -> Self {
        Self { rp, store, clock, zone, policy }
    }

    /// The person's passkeys, oldest first (their dates written in `tr`'s language), and
    /// whether they have a password.
    pub async fn ways(&self, user: &CurrentUser, tr: Tr) -> Result<SignInWays, WaysError> {
        let account = self.store.find_user(user.id).await?.ok_or(WaysError::Deactivated)?;
        let passkeys = self.store.passkeys_of(user.id).await?;
        Ok(SignInWays {
            school: None,
            passkeys: passkeys.into_iter().map(|p| self.view(p, tr)).collect(),
            has_password: account.password_hash.is_some(),
            passkeys_offered: self.rp.available(),
        })
    }

    /// Begins adding a passkey, bound to the account: the authenticator is told which
    /// passkeys the account has already, so it doesn't make a second on the same device.
    pub async fn begin_add(
        &self,
        user: &CurrentUser,
        user_agent: Option<&str>,
    ) -> Result<Begun, WaysError> {
        let account = self.store.find_user(user.id).await?.ok_or(WaysError::Deactivated)?;
        let holder = Holder {
            user_id: account.id,
            handle: account.webauthn_handle.as_deref(),
            username: &account.username,
            full_name: &account.full_name,
        };
        Ok(self.rp.begin_adding(&holder, user_agent).await?)
    }

    /// Verifies and stores the passkey the browser made for the ceremony `secret`.
    pub async fn finish_add(
        &self,
        user: &CurrentUser,
        secret: &str,
        credential: &str,
    ) -> Result<PasskeyView, WaysError> {
        let added = self.rp.finish_adding(user.id, secret, credential).await?;
        let now = self.clock.now();
        let stored = self.store.add_passkey(user.id, &added.handle, &added.passkey, now).await?;
        stored.map(|p| self.view(p, Tr::english())).ok_or(WaysError::Deactivated)
    }

    pub async fn rename(&self, user: &CurrentUser, id: i64, name: &str) -> Result<(), WaysError> {
        let name = PasskeyName::parse(name)?;
        match self.store.rename_passkey(user.id, id, name.as_str()).await? {
            true => Ok(()),
            false => Err(WaysError::NotFound),
        }
    }

    pub async fn remove(&self, user: &CurrentUser, id: i64) -> Result<(), WaysError> {
        match self.store.remove_passkey(user.id, id).await? {
            PasskeyRemoval::Removed => Ok(()),
            PasskeyRemoval::NotFound => Err(WaysError::NotFound),
            PasskeyRemoval::LastWayIn => Err(WaysError::LastWayIn),
        }
    }

    /// Sets the account's password, or changes it (then `current` must be the one it has).
    /// Every other session of the account ends; the new session epoch is returned for the
    /// caller's own session.
    pub async fn set_password(
        &self,
        user: &CurrentUser,
        current: &str,
        new: &str,
    ) -> Result<i64, WaysError> {
        let account = self.store.find_user(user.id).await?.ok_or(WaysError::Deactivated)?;
        if let Some(hash) = &account.password_hash {
            let matches = passwords::verify(hash, current, passwords::Line::Known)
                .await
                .map_err(|e| WaysError::Unexpected(e.into()))?;
            if !matches {
                return Err(WaysError::WrongPassword);
            }
        }
        let email = crate::domain::Email::parse(&account.email)
            .map_err(|e| WaysError::Unexpected(anyhow::anyhow!(e)))?;
        let owner = passwords::Owner {
            email: &email,
            username: &account.username,
            full_name: &account.full_name,
        };
        let password =
            passwords::for_new_account(new, &self.policy, &owner).map_err(WaysError::Password)?;
        let hash = passwords::hash(&password).await.map_err(|e| WaysError::Unexpected(e.into()))?;
        self.store
            .set_password(user.id, &hash, self.clock.now())
            .await?
            .ok_or(WaysError::Deactivated)
    }

    fn view(&self, passkey: PasskeyRecord, tr: Tr) -> PasskeyView {
        PasskeyView {
            id: passkey.id,
            name: passkey.name,
            created_at: self.zone.local_in(passkey.created_at, tr),
            last_used_at: passkey.last_used_at.map(|at| self.zone.local_in(at, tr)),
        }
    }
}
