//! Where the data lives (`DATABASE_URL`) and the key that seals what must not be readable
//! in it (`SECRET_KEY`, or the key file beside a SQLite database).

use std::{fmt, path::PathBuf};

use url::Url;

use super::{ConfigError, invalid};

/// Where the data lives. The URL scheme picks the backend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// A SQLite file; its folder and the file are created when missing.
    Sqlite {
        url: String,
        path: PathBuf,
    },
    Postgres(String),
}

impl DatabaseUrl {
    pub const VAR: &'static str = "DATABASE_URL";

    pub fn parse(raw: &str) -> Result<Self, ConfigError> {
        let raw = raw.trim();
        if let Some(rest) = raw.strip_prefix("sqlite:") {
            let path = rest.trim_start_matches("//");
            let path = path.split('?').next().unwrap_or_default();
            if path.is_empty() || path == ":memory:" {
                return Err(invalid(
                    Self::VAR,
                    format!("{raw:?} names no file; use e.g. sqlite://data/staff-onboarding.db"),
                ));
            }
            return Ok(Self::Sqlite { url: raw.to_owned(), path: PathBuf::from(path) });
        }
        if raw.starts_with("postgres://") || raw.starts_with("postgresql://") {
            Url::parse(raw).map_err(|e| invalid(Self::VAR, format!("not a valid URL: {e}")))?;
            return Ok(Self::Postgres(raw.to_owned()));
        }
        Err(invalid(Self::VAR, format!("{raw:?} must start with sqlite:// or postgres://")))
    }

    pub fn backend_name(&self) -> &'static str {
        match self {
            Self::Sqlite { .. } => "sqlite",
            Self::Postgres(_) => "postgres",
        }
    }
}

/// Where the sealing key comes from (see `server::secrets`).
#[derive(Clone, PartialEq, Eq)]
pub enum SecretKey {
    /// `SECRET_KEY`: 64 hexadecimal characters. Every instance on one database shares it.
    Given([u8; 32]),
    /// The embedded default: a key file beside the SQLite file, made (mode 0600) on first
    /// start.
    File(PathBuf),
    /// Postgres without `SECRET_KEY`: commands that seal or open nothing (`migrate`, `seed`)
    /// run; the others stop with this sentence, naming the variable.
    Missing,
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SecretKey::Given(_) => f.write_str("SecretKey::Given(..)"),
            SecretKey::File(path) => write!(f, "SecretKey::File({})", path.display()),
            SecretKey::Missing => f.write_str("SecretKey::Missing"),
        }
    }
}

pub(super) fn parse_secret_key(
    raw: Option<String>,
    database: &DatabaseUrl,
) -> Result<SecretKey, ConfigError> {
    match (raw, database) {
        (Some(raw), _) => {
            crate::server::secrets::parse_hex_key(&raw).map(SecretKey::Given).ok_or_else(|| {
                invalid(
                    "SECRET_KEY",
                    "must be 64 hexadecimal characters, e.g. from `openssl rand -hex 32`",
                )
            })
        }
        (None, DatabaseUrl::Sqlite { path, .. }) => {
            let mut file = path.clone().into_os_string();
            file.push(".key");
            Ok(SecretKey::File(file.into()))
        }
        (None, DatabaseUrl::Postgres(_)) => Ok(SecretKey::Missing),
    }
}

impl SecretKey {
    /// Why a `Missing` key stops a command that needs it.
    pub fn missing() -> ConfigError {
        invalid(
            "SECRET_KEY",
            "is required with a Postgres DATABASE_URL: 64 hexadecimal characters, e.g. from \
             `openssl rand -hex 32`, the same on every instance",
        )
    }
}
