//! One test binary for everything that needs the server's code: the store contract suite,
//! the HTTP application and the command line.

mod accounts;
mod actor_checks;
mod anonymous_writes;
mod at_rest;
mod auth_http;
mod backup;
mod body_limits;
mod bulk_jobs;
mod cli;
mod contract;
mod dashboard_http;
mod deactivation;
mod docs;
mod email;
mod export_http;
mod first_admin;
mod front_door;
mod hardening;
mod http;
mod invitations;
mod listing;
mod malformed_args;
mod page_access;
mod passkeys;
mod races;
mod recovery;
mod resend_cap;
mod security;
mod session_lifetime;
mod setup_http;
mod sign_in_limits;
mod sign_in_ways;
mod sqlite_wal;
mod support;
mod withdrawn_mail;
