//! Accounts: the Staff list, deactivating and reactivating an account, and creating a
//! Super-Admin from the command line. Signing in is `sign_in`'s.

use std::sync::Arc;

use crate::domain::{
    AccountChange, AccountStatus, Cursor, Email, EventAction, PasswordPolicy, PersonName,
    PhoneNumber, Role, SignInLinkSent, StaffMember, StaffPage, StatusChangeReport, Username,
};
use crate::server::{
    auth::CurrentUser,
    clock::Clock,
    i18n::Tr,
    passwords,
    school::SchoolZone,
    store::{
        AccountEventRecord, Conflict, NewEvent, NewUser, StaffRecord, StatusChange, StatusOutcome,
        Store, StoreError,
    },
};

/// Why an account's status was not changed.
#[derive(Debug, thiserror::Error)]
pub enum StatusChangeError {
    #[error("That account no longer exists. Reload the Staff list.")]
    NotFound,
    #[error("{0} is already deactivated.")]
    AlreadyDeactivated(String),
    #[error("{0} is already active.")]
    AlreadyActive(String),
    #[error(
        "{0} is the only active Super-Admin, so this account can't be deactivated: no one \
         would be left to manage the school's staff."
    )]
    LastSuperAdmin(String),
    /// The acting admin was deactivated: checked inside the change's own transaction.
    #[error("Your account was deactivated, so nothing was changed.")]
    ActorDeactivated,
    #[error(transparent)]
    Unexpected(#[from] StoreError),
}

/// Why an account's language was not changed.
#[derive(Debug, thiserror::Error)]
pub enum LanguageRefused {
    #[error("unknown language")]
    Unknown,
    #[error(transparent)]
    Unexpected(StoreError),
}

impl crate::domain::Sentence for LanguageRefused {
    fn message(&self) -> crate::domain::Message {
        crate::domain::Message::new(match self {
            LanguageRefused::Unknown => "invite-language-unknown",
            LanguageRefused::Unexpected(_) => "unexpected",
        })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CreateAccountError {
    #[error("{field}: {message}")]
    Invalid { field: &'static str, message: String },
    #[error("An account with this email already exists.")]
    EmailTaken,
    #[error("That username is taken. Choose another one.")]
    UsernameTaken,
    #[error("Something went wrong: {0}")]
    Unexpected(#[source] anyhow::Error),
}

/// What a Super-Admin account is made from on the command line.
pub struct NewSuperAdmin<'a> {
    pub email: &'a str,
    pub username: &'a str,
    pub full_name: &'a str,
    pub phone: Option<&'a str>,
    pub password: &'a str,
}

pub struct AccountService {
    store: Arc<Store>,
    clock: Arc<dyn Clock>,
    password_policy: PasswordPolicy,
    /// Whose clocks the Staff list's dates are on.
    zone: SchoolZone,
}

impl AccountService {
    pub fn new(
        store: Arc<Store>,
        clock: Arc<dyn Clock>,
        password_policy: PasswordPolicy,
        zone: SchoolZone,
    ) -> Self {
        Self { store, clock, password_policy, zone }
    }

    /// The Staff list as `viewer` sees it: every account newest first, 50 a page, with its
    /// status and the last change to it.
    pub async fn staff(
        &self,
        viewer: &CurrentUser,
        after: Option<Cursor>,
    ) -> Result<StaffPage, StoreError> {
        const PAGE: u32 = 50;
        let mut rows = self.store.list_staff(after, PAGE + 1).await?;
        let more = rows.len() > PAGE as usize;
        rows.truncate(PAGE as usize);
        let next = more
            .then(|| rows.last().map(|r| Cursor { value: r.user.created_at.0, id: r.user.id }))
            .flatten();
        let items = rows.into_iter().map(|row| self.member(row, viewer)).collect();
        Ok(StaffPage { items, next })
    }

    /// Ends every session of `user`'s account but the one asking, at once: the account's
    /// session epoch moves on, and the caller signs its own session in again with the new
    /// one. The new epoch; `None` when the account is no longer active.
    pub async fn end_other_sessions(&self, user: &CurrentUser) -> Result<Option<i64>, StoreError> {
        self.store.advance_session_epoch(user.id, self.clock.now()).await
    }

    /// Deactivates an account: it can't sign in, every session it has ends, and the open
    /// invitations it sent are revoked, each with a history entry that says why. Refused for
    /// the last active Super-Admin.
    pub async fn deactivate(
        &self,
        actor: &CurrentUser,
        user_id: i64,
    ) -> Result<StatusChangeReport, StatusChangeError> {
        self.change_status(actor, user_id, false).await
    }

    /// The language of `user`'s emails (and, as they are translated, pages): a shipped one by
    /// its tag, or none (empty) for the school's.
    pub async fn set_language(
        &self,
        user: &CurrentUser,
        language: &str,
    ) -> Result<(), LanguageRefused> {
        let language = match language.trim() {
            "" => None,
            tag => Some(Tr::parse(tag).ok_or(LanguageRefused::Unknown)?.language().clone()),
        };
        self.store
            .set_user_language(user.id, language.as_ref().map(|l| l.as_str()))
            .await
            .map_err(LanguageRefused::Unexpected)
    }

    /// Lets a deactivated account sign in again. Invitations revoked with it stay revoked.
    pub async fn reactivate(
        &self,
        actor: &CurrentUser,
        user_id: i64,
    ) -> Result<StatusChangeReport, StatusChangeError> {
        self.change_status(actor, user_id, true).await
    }

    async fn change_status(
        &self,
        actor: &CurrentUser,
        user_id: i64,
        active: bool,
    ) -> Result<StatusChangeReport, StatusChangeError> {
        let now = self.clock.now();
        // Read for its name, which the revoked invitations' history gives as the reason.
        let account = self.store.find_user(user_id).await?.ok_or(StatusChangeError::NotFound)?;
        let revoke_event = (!active).then(|| NewEvent {
            action: EventAction::Revoked,
            actor: actor.actor(),
            details: format!("{}'s account, which sent it, was deactivated", account.full_name),
        });
        let change = StatusChange { user_id, active, actor: actor.actor(), now, revoke_event };
        match self.store.change_account_status(change).await? {
            StatusOutcome::Changed { user, revoked_invitations } => {
                let last_change = Some(AccountEventRecord {
                    at: now,
                    actor_name: actor.full_name.clone(),
                    active,
                    revoked_invitations: i64::try_from(revoked_invitations).unwrap_or(i64::MAX),
                });
                let own_account = user.id == actor.id;
                // A deactivated account's links no longer work, and the row says so.
                let record = StaffRecord { user, last_change, last_link_sent: None };
                let member = self.member(record, actor);
                Ok(StatusChangeReport { member, revoked_invitations, own_account })
            }
            StatusOutcome::Unchanged(user) if active => {
                Err(StatusChangeError::AlreadyActive(user.full_name))
            }
            StatusOutcome::Unchanged(user) => {
                Err(StatusChangeError::AlreadyDeactivated(user.full_name))
            }
            StatusOutcome::LastSuperAdmin(user) => {
                Err(StatusChangeError::LastSuperAdmin(user.full_name))
            }
            StatusOutcome::NotFound => Err(StatusChangeError::NotFound),
            StatusOutcome::ActorInactive => Err(StatusChangeError::ActorDeactivated),
        }
    }

    /// An account as the Staff list shows it to `viewer`.
    fn member(&self, row: StaffRecord, viewer: &CurrentUser) -> StaffMember {
        let user = row.user;
        let you = user.id == viewer.id;
        let status_of =
            |active: bool| if active { AccountStatus::Active } else { AccountStatus::Deactivated };
        StaffMember {
            id: user.id,
            full_name: user.full_name,
            username: user.username,
            role: user.role,
            email: user.email,
            phone: user.phone,
            joined_at: self.zone.local(user.created_at),
            status: status_of(user.deactivated_at.is_none()),
            sign_in_link_sent: row
                .last_link_sent
                .map(|(at, by)| SignInLinkSent { by, at: self.zone.local(at) }),
            last_change: row.last_change.map(|change| AccountChange {
                status: status_of(change.active),
                by: change.actor_name,
                at: self.zone.local(change.at),
                revoked_invitations: u64::try_from(change.revoked_invitations).unwrap_or(0),
            }),
            you,
        }
    }

    pub async fn super_admin_exists(&self) -> Result<bool, StoreError> {
        Ok(self.store.count_users_with_role(Role::SuperAdmin).await? > 0)
    }

    /// Creates a Super-Admin directly (the `create-super-admin` command), under the same
    /// rules as an invitee's account. Returns the account as the app sees it (no hash).
    pub async fn create_super_admin(
        &self,
        new: NewSuperAdmin<'_>,
    ) -> Result<CurrentUser, CreateAccountError> {
        // The command line speaks English.
        let invalid = |field: &'static str| {
            move |e: &dyn crate::domain::Sentence| CreateAccountError::Invalid {
                field,
                message: crate::server::i18n::english(e),
            }
        };
        let email = Email::parse(new.email).map_err(|e| invalid("email")(&e))?;
        let username = Username::parse(new.username).map_err(|e| invalid("username")(&e))?;
        let full_name = PersonName::parse(new.full_name).map_err(|e| invalid("name")(&e))?;
        let phone =
            new.phone.map(PhoneNumber::parse).transpose().map_err(|e| invalid("phone")(&e))?;
        let owner = passwords::Owner {
            email: &email,
            username: username.as_str(),
            full_name: full_name.as_str(),
        };
        let password = passwords::for_new_account(new.password, &self.password_policy, &owner)
            .map_err(|e| invalid("password")(&e))?;
        let password_hash = passwords::hash(&password)
            .await
            .map_err(|e| CreateAccountError::Unexpected(e.into()))?;
        let user =
            NewUser { email, username, full_name, phone, role: Role::SuperAdmin, password_hash };
        match self.store.insert_user(user, self.clock.now()).await {
            Ok(user) => Ok(user.into()),
            Err(StoreError::Conflict(Conflict::UsernameTaken)) => {
                Err(CreateAccountError::UsernameTaken)
            }
            Err(StoreError::Conflict(_)) => Err(CreateAccountError::EmailTaken),
            Err(e) => Err(CreateAccountError::Unexpected(e.into())),
        }
    }
}
