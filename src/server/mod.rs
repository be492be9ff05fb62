//! Everything that runs only on the server: configuration, start-up, HTTP plumbing and storage.

pub mod auth;
pub mod cli;
pub mod clock;
pub mod config;
pub mod export;
pub mod health;
pub mod i18n;
pub mod mail;
pub mod passwords;
pub mod school;
pub mod secrets;
pub mod seed;
pub mod services;
pub mod startup;
pub mod state;
pub mod store;
pub mod telemetry;
