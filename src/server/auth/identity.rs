//! Who is signed in, as the rest of the app sees them: the account's id, names and role,
//! never its password hash, which stays in the store and in sign-in.

use crate::domain::Role;
use crate::server::store::{Actor, UserRecord};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrentUser {
    pub id: i64,
    pub username: String,
    pub full_name: String,
    pub email: String,
    pub phone: Option<String>,
    pub role: Role,
    /// The account's session epoch when it was read: a session holding another has ended.
    pub session_epoch: i64,
    /// The language it was set up in, or chose on the account page; `None`: the school's.
    pub language: Option<crate::domain::Language>,
}

impl CurrentUser {
    /// This person as the author of a change, for the history.
    pub fn actor(&self) -> Actor {
        Actor { user_id: Some(self.id), name: self.full_name.clone() }
    }
}

impl From<UserRecord> for CurrentUser {
    fn from(user: UserRecord) -> Self {
        Self {
            id: user.id,
            username: user.username,
            full_name: user.full_name,
            email: user.email,
            phone: user.phone,
            role: user.role,
            session_epoch: user.session_epoch,
            language: user.language,
        }
    }
}
