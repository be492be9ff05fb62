//! Accounts: the Staff list, and creating a Super-Admin from the command line. Signing in is
//! `sign_in`'s.

use std::sync::Arc;

use crate::domain::{Email, PasswordPolicy, PersonName, PhoneNumber, Role, Username};
use crate::server::{
    auth::CurrentUser,
    clock::Clock,
    passwords,
    school::SchoolZone,
    store::{Conflict, NewUser, Store, StoreError},
};

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

    /// The Staff list: active accounts newest first, 50 a page.
    pub async fn staff(
        &self,
        after: Option<crate::domain::Cursor>,
    ) -> Result<crate::domain::StaffPage, StoreError> {
        use crate::domain::{Cursor, StaffMember, StaffPage};
        const PAGE: u32 = 50;
        let mut users = self.store.list_users(after, PAGE + 1).await?;
        let more = users.len() > PAGE as usize;
        users.truncate(PAGE as usize);
        let next = more
            .then(|| users.last().map(|u| Cursor { value: u.created_at.0, id: u.id }))
            .flatten();
        let items = users
            .into_iter()
            .map(|u| StaffMember {
                id: u.id,
                full_name: u.full_name,
                username: u.username,
                role: u.role,
                email: u.email,
                phone: u.phone,
                joined_at: self.zone.local(u.created_at),
            })
            .collect();
        Ok(StaffPage { items, next })
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
        let invalid = |field: &'static str| {
            move |e: &dyn std::fmt::Display| CreateAccountError::Invalid {
                field,
                message: e.to_string(),
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
