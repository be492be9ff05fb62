//! The Super-Admin's module: Modules › Teachers/Admin Staff › Invites and Staff.

pub mod invites;
pub mod staff;
