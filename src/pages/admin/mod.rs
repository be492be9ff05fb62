//! The Super-Admin's module: Modules › Teachers/Admin Staff › Invites.

pub mod invites;
