//! Typed settings, read once from the environment (and `.env`), with an error that names the
//! variable at fault.

use std::{fmt, net::SocketAddr, time::Duration};

use leptos::config::{Env, LeptosOptions};
use url::Url;

use crate::domain::PasswordPolicy;
use crate::server::auth::client_ip::{ForwardedHeader, ProxyTrust};
use crate::server::i18n::Tr;
use crate::server::school::{School, SchoolZone};

mod mail;
mod school;
mod storage;
pub mod vars;

pub use mail::{DEFAULT_SCHOOL_NAME, MailSettings};
pub use school::{ClientSecret, ProviderKind, SchoolSignInSettings};
pub use storage::{DatabaseUrl, SecretKey};

use mail::parse_mail;
use storage::parse_secret_key;

/// A setting that could not be used: which variable, and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub var: &'static str,
    pub problem: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid configuration: {}: {}", self.var, self.problem)
    }
}

impl std::error::Error for ConfigError {}

fn invalid(var: &'static str, problem: impl Into<String>) -> ConfigError {
    ConfigError { var, problem: problem.into() }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Pretty,
    Json,
}

/// All the settings the server needs, already checked.
#[derive(Debug, Clone)]
pub struct Settings {
    pub database_url: DatabaseUrl,
    /// The base of every link the app emails; never taken from a request's Host header.
    pub public_url: Url,
    pub log_format: LogFormat,
    /// How long an invitation link works (`INVITE_TTL`).
    pub invite_ttl: Duration,
    /// How many times one invitation may be resent (`MAX_RESENDS`).
    pub max_resends: u32,
    /// How long before a Pending link runs out its invitee is reminded; `None`: never
    /// (`INVITE_REMINDER_BEFORE`).
    pub reminder_before: Option<Duration>,
    /// When each day, on the school's clocks, the expired invitations' digest goes out
    /// (`EXPIRY_DIGEST_AT`).
    pub digest_at: jiff::civil::Time,
    pub password_policy: PasswordPolicy,
    /// A session ends after this long without a request (`SESSION_IDLE_TIMEOUT`).
    pub session_idle_timeout: Duration,
    /// A session ends this long after its sign-in, however much it is used
    /// (`SESSION_MAX_LIFETIME`).
    pub session_max_lifetime: Duration,
    /// How long the outbox sender's claim on a message lasts (`OUTBOX_LEASE`): after a crash
    /// mid-send, the message is sent again once it runs out.
    pub outbox_lease: Duration,
    pub mail: MailSettings,
    /// Seals the links in queued emails and the dev mailbox's bodies (`SECRET_KEY`).
    pub secret_key: SecretKey,
    /// Which peers may name the client (`TRUSTED_PROXIES`, `FORWARDED_HEADER`).
    pub proxies: ProxyTrust,
    /// The zone every date and time is shown in (`SCHOOL_TIMEZONE`).
    pub school_zone: SchoolZone,
    /// The language of emails and pages when nothing says otherwise (`SCHOOL_LANGUAGE`).
    pub school_language: Tr,
    /// The school's own accounts to sign in with (`OIDC_*`); `None`: not offered.
    pub school_sign_in: Option<SchoolSignInSettings>,
    pub leptos: LeptosOptions,
}

/// `SCHOOL_LANGUAGE`: one of the shipped languages, by its tag.
fn parse_language(raw: &str) -> Result<Tr, ConfigError> {
    Tr::parse(raw)
        .filter(|tr| tr.language().as_str() == raw.trim().to_ascii_lowercase())
        .ok_or_else(|| {
            let shipped: Vec<&str> = Tr::all().map(Tr::tag).collect();
            invalid(
                "SCHOOL_LANGUAGE",
                format!(
                    "{raw:?} is not a language this app ships; use one of {}",
                    shipped.join(", ")
                ),
            )
        })
}

impl Settings {
    /// Reads the process environment, after loading `.env` if one is present.
    pub fn from_env() -> Result<Self, ConfigError> {
        // A missing .env is normal; a broken one is reported like any bad variable.
        match dotenvy::dotenv() {
            Ok(_) => {}
            Err(e) if e.not_found() => {}
            Err(e) => return Err(invalid(".env", e.to_string())),
        }
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Builds settings from any variable lookup, so tests need not touch the real environment.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        // Unset or empty: the default declared in `vars`.
        let var = |name: &str| {
            get(name)
                .filter(|v| !v.trim().is_empty())
                .unwrap_or_else(|| vars::default_of(name).to_owned())
        };

        let database_url = DatabaseUrl::parse(&var(DatabaseUrl::VAR))?;
        let public_url = parse_public_url(&var("PUBLIC_URL"))?;
        let log_format = match var("LOG_FORMAT").trim().to_ascii_lowercase().as_str() {
            "pretty" => LogFormat::Pretty,
            "json" => LogFormat::Json,
            other => {
                return Err(invalid(
                    "LOG_FORMAT",
                    format!("{other:?} must be \"pretty\" or \"json\""),
                ));
            }
        };
        let site_addr: SocketAddr = var("LEPTOS_SITE_ADDR").trim().parse().map_err(|_| {
            invalid("LEPTOS_SITE_ADDR", "must be an IP address and port, e.g. 127.0.0.1:3000")
        })?;
        let env = match var("LEPTOS_ENV").trim().to_ascii_uppercase().as_str() {
            "PROD" | "PRODUCTION" => Env::PROD,
            "DEV" | "DEVELOPMENT" => Env::DEV,
            other => {
                return Err(invalid("LEPTOS_ENV", format!("{other:?} must be PROD or DEV")));
            }
        };
        let reload_port: u32 = var("LEPTOS_RELOAD_PORT")
            .trim()
            .parse()
            .map_err(|_| invalid("LEPTOS_RELOAD_PORT", "must be a port number"))?;

        let invite_ttl = parse_ttl(&var("INVITE_TTL"))?;
        let max_resends = parse_bounded("MAX_RESENDS", &var("MAX_RESENDS"), 0, 100)?;
        let reminder_before = parse_reminder(&var("INVITE_REMINDER_BEFORE"), invite_ttl)?;
        let digest_at = parse_time_of_day("EXPIRY_DIGEST_AT", &var("EXPIRY_DIGEST_AT"))?;
        let min_length = parse_bounded(
            "PASSWORD_MIN_LENGTH",
            &var("PASSWORD_MIN_LENGTH"),
            8,
            PasswordPolicy::MAX_LENGTH as u32,
        )?;
        let password_policy = PasswordPolicy { min_length: min_length as usize };

        let mail = parse_mail(&get)?;
        let session_idle_timeout = parse_duration(
            "SESSION_IDLE_TIMEOUT",
            &var("SESSION_IDLE_TIMEOUT"),
            Duration::from_secs(60),
            Duration::from_secs(30 * 24 * 3600),
        )?;
        let session_max_lifetime = parse_duration(
            "SESSION_MAX_LIFETIME",
            &var("SESSION_MAX_LIFETIME"),
            Duration::from_secs(60),
            Duration::from_secs(365 * 24 * 3600),
        )?;

        let outbox_lease = parse_duration(
            "OUTBOX_LEASE",
            &var("OUTBOX_LEASE"),
            Duration::from_secs(10),
            Duration::from_secs(3600),
        )?;

        let secret_key =
            parse_secret_key(get("SECRET_KEY").filter(|v| !v.trim().is_empty()), &database_url)?;

        let header = ForwardedHeader::parse(&var("FORWARDED_HEADER"))
            .map_err(|problem| invalid("FORWARDED_HEADER", problem))?;
        let proxies = ProxyTrust::parse(&var("TRUSTED_PROXIES"), header)
            .map_err(|problem| invalid("TRUSTED_PROXIES", problem))?;

        let school_zone = SchoolZone::parse(&var(SchoolZone::VAR))
            .map_err(|problem| invalid(SchoolZone::VAR, problem))?;

        let school_language = parse_language(&var("SCHOOL_LANGUAGE"))?;
        let school_sign_in = school::parse_school_sign_in(&get)?;

        let leptos = LeptosOptions::builder()
            .output_name(var("LEPTOS_OUTPUT_NAME"))
            .site_root(var("LEPTOS_SITE_ROOT"))
            .site_pkg_dir(var("LEPTOS_SITE_PKG_DIR"))
            .site_addr(site_addr)
            .env(env)
            .reload_port(reload_port)
            .build();

        Ok(Self {
            database_url,
            public_url,
            log_format,
            invite_ttl,
            max_resends,
            reminder_before,
            digest_at,
            password_policy,
            session_idle_timeout,
            session_max_lifetime,
            outbox_lease,
            mail,
            secret_key,
            proxies,
            school_zone,
            school_language,
            school_sign_in,
            leptos,
        })
    }

    /// The school's name and zone, as emails and pages give them.
    pub fn school(&self) -> School {
        School {
            name: self.mail.school_name.clone(),
            zone: self.school_zone.clone(),
            language: self.school_language,
        }
    }

    pub fn site_addr(&self) -> SocketAddr {
        self.leptos.site_addr
    }
}

fn parse_ttl(raw: &str) -> Result<Duration, ConfigError> {
    parse_duration("INVITE_TTL", raw, Duration::from_secs(1), Duration::from_secs(30 * 24 * 3600))
}

/// `INVITE_REMINDER_BEFORE`: `off`, or a duration shorter than the links' life. Unset: six
/// hours, or a quarter of the links' life when that is shorter (a short `INVITE_TTL` alone
/// never stops start-up).
fn parse_reminder(raw: &str, ttl: Duration) -> Result<Option<Duration>, ConfigError> {
    const VAR: &str = "INVITE_REMINDER_BEFORE";
    const USUAL: Duration = Duration::from_secs(6 * 3600);
    if raw.trim().is_empty() {
        return Ok(Some(USUAL.min(ttl / 4)).filter(|before| !before.is_zero()));
    }
    if raw.trim().eq_ignore_ascii_case("off") {
        return Ok(None);
    }
    let before = parse_duration(VAR, raw, Duration::from_secs(1), Duration::from_secs(30 * 86400))?;
    if before >= ttl {
        return Err(invalid(
            VAR,
            format!(
                "{} is not shorter than INVITE_TTL ({}): the reminder would go out before the \
                 invitation; make it shorter, or \"off\"",
                humantime::format_duration(before),
                humantime::format_duration(ttl)
            ),
        ));
    }
    Ok(Some(before))
}

/// A time of day, `HH:MM` on a 24-hour clock.
fn parse_time_of_day(var: &'static str, raw: &str) -> Result<jiff::civil::Time, ConfigError> {
    let refused = || invalid(var, format!("{raw:?} is not a time of day like 07:00 or 18:30"));
    let (hours, minutes) = raw.trim().split_once(':').ok_or_else(refused)?;
    let digits = |part: &str| part.len() == 2 && part.bytes().all(|b| b.is_ascii_digit());
    if !digits(hours) || !digits(minutes) {
        return Err(refused());
    }
    let (hours, minutes) = (hours.parse::<i8>(), minutes.parse::<i8>());
    match (hours, minutes) {
        (Ok(h), Ok(m)) => jiff::civil::Time::new(h, m, 0, 0).map_err(|_| refused()),
        _ => Err(refused()),
    }
}

fn parse_duration(
    var: &'static str,
    raw: &str,
    min: Duration,
    max: Duration,
) -> Result<Duration, ConfigError> {
    let duration = humantime::parse_duration(raw.trim())
        .map_err(|e| invalid(var, format!("{raw:?} is not a duration like 24h or 90s ({e})")))?;
    if duration < min || duration > max {
        return Err(invalid(
            var,
            format!(
                "must be between {} and {}",
                humantime::format_duration(min),
                humantime::format_duration(max)
            ),
        ));
    }
    Ok(duration)
}

fn parse_bounded(var: &'static str, raw: &str, min: u32, max: u32) -> Result<u32, ConfigError> {
    match raw.trim().parse::<u32>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(invalid(var, format!("{raw:?} must be a whole number from {min} to {max}"))),
    }
}

fn parse_public_url(raw: &str) -> Result<Url, ConfigError> {
    let url = Url::parse(raw.trim())
        .map_err(|e| invalid("PUBLIC_URL", format!("{raw:?} is not an absolute URL ({e})")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(invalid("PUBLIC_URL", format!("{raw:?} must start with http:// or https://")));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid("PUBLIC_URL", "must not have a query or fragment"));
    }
    Ok(url)
}

#[cfg(test)]
mod tests;
