//! The roles an account can hold. Super-Admins invite; Teachers and Admin Staff are invited.

use std::{fmt, str::FromStr};

use crate::message::{Message, Sentence};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Teacher,
    AdminStaff,
    SuperAdmin,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoleError {
    Unknown,
    NotInvitable,
}

impl Sentence for RoleError {
    fn message(&self) -> Message {
        match self {
            RoleError::Unknown => Message::new("role-unknown"),
            RoleError::NotInvitable => Message::new("role-not-invitable"),
        }
    }
}

impl Role {
    /// The roles a Super-Admin can invite someone to, in the order the form lists them.
    pub const INVITABLE: [Role; 2] = [Role::Teacher, Role::AdminStaff];

    /// The stored and wire form.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Teacher => "teacher",
            Role::AdminStaff => "admin_staff",
            Role::SuperAdmin => "super_admin",
        }
    }

    /// The words people read.
    pub fn label(self) -> &'static str {
        match self {
            Role::Teacher => "Teacher",
            Role::AdminStaff => "Admin Staff",
            Role::SuperAdmin => "Super-Admin",
        }
    }

    /// The role's name in a sentence's language: `role-teacher`, `role-admin_staff`, …
    pub fn message(self) -> Message {
        Message::new(&format!("role-{}", self.as_str()))
    }

    /// Accepts the stored form or the label, in any case, with `-`, `_` or spaces.
    pub fn parse(raw: &str) -> Result<Role, RoleError> {
        let folded: String = raw
            .trim()
            .chars()
            .filter(|c| !matches!(c, ' ' | '_' | '-'))
            .flat_map(char::to_lowercase)
            .collect();
        match folded.as_str() {
            "teacher" => Ok(Role::Teacher),
            "adminstaff" => Ok(Role::AdminStaff),
            "superadmin" => Ok(Role::SuperAdmin),
            _ => Err(RoleError::Unknown),
        }
    }

    /// A role a Super-Admin may invite someone to.
    pub fn parse_invitable(raw: &str) -> Result<Role, RoleError> {
        let role = Role::parse(raw)?;
        if Role::INVITABLE.contains(&role) { Ok(role) } else { Err(RoleError::NotInvitable) }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl FromStr for Role {
    type Err = RoleError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_form_and_label_both_parse() {
        for role in [Role::Teacher, Role::AdminStaff, Role::SuperAdmin] {
            assert_eq!(Role::parse(role.as_str()), Ok(role));
            assert_eq!(Role::parse(role.label()), Ok(role));
            assert_eq!(Role::parse(&role.label().to_uppercase()), Ok(role));
        }
        assert_eq!(Role::parse("principal"), Err(RoleError::Unknown));
        assert_eq!(Role::parse(""), Err(RoleError::Unknown));
    }

    #[test]
    fn only_teacher_and_admin_staff_are_invitable() {
        assert_eq!(Role::parse_invitable("Teacher"), Ok(Role::Teacher));
        assert_eq!(Role::parse_invitable("admin staff"), Ok(Role::AdminStaff));
        assert_eq!(Role::parse_invitable("super_admin"), Err(RoleError::NotInvitable));
    }
}

crate::displayed_by_identifier!(RoleError);
