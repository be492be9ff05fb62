//! Every setting the server reads, declared once: its name, default, a line for `--help`
//! and its meaning for the README. Start-up reads defaults from here (`value`), `--help` and
//! `.env.example` are made from it, and tests fail when the README's configuration table, the
//! example file or the variables `Settings` reads differ from it.

/// One environment variable.
pub struct Var {
    pub name: &'static str,
    /// The value used when it is unset or empty; `None` when unset has a meaning of its own.
    pub default: Option<&'static str>,
    /// The default as the README's table says it.
    pub readme_default: &'static str,
    /// One line for `--help` and `.env.example`.
    pub help: &'static str,
    /// The README's description.
    pub meaning: &'static str,
}

pub const VARS: &[Var] = &[
    Var {
        name: "DATABASE_URL",
        default: Some("sqlite://data/staff-onboarding.db"),
        readme_default: "`sqlite://data/staff-onboarding.db`",
        help: "sqlite://PATH or postgres://user:pass@host:port/db",
        meaning: "`sqlite://PATH` (file and folder created when missing) or `postgres://user:pass@host:port/db`",
    },
    Var {
        name: "PUBLIC_URL",
        default: Some("http://localhost:3000"),
        readme_default: "`http://localhost:3000`",
        help: "base of every emailed link",
        meaning: "base of every link the app emails, and the passkeys' site (https, or http on localhost); links are never built from a request's Host header",
    },
    Var {
        name: "LEPTOS_SITE_ADDR",
        default: Some("127.0.0.1:3000"),
        readme_default: "`127.0.0.1:3000`",
        help: "address and port to listen on",
        meaning: "address and port to listen on",
    },
    Var {
        name: "LOG_FORMAT",
        default: Some("pretty"),
        readme_default: "`pretty`",
        help: "pretty (for people) or json (for log collectors)",
        meaning: "`pretty` for people, `json` for log collectors",
    },
    Var {
        name: "INVITE_TTL",
        default: Some("24h"),
        readme_default: "`24h`",
        help: "how long an invitation link works",
        meaning: "how long an invitation link works (humantime: `24h`, `90s`, `2days`; 1 s to 30 days)",
    },
    Var {
        name: "MAX_RESENDS",
        default: Some("3"),
        readme_default: "`3`",
        help: "resends allowed per invitation (0-100)",
        meaning: "how many times one invitation may be resent (0–100)",
    },
    Var {
        name: "INVITE_REMINDER_BEFORE",
        default: None,
        readme_default: "`6h` (a quarter of `INVITE_TTL` when that is under a day)",
        help: "remind a Pending invitee this long before the link expires (6h; off)",
        meaning: "how long before a Pending invitation's link runs out its invitee gets one reminder with the same link, in the invitation's language (humantime; `off`: never). Pending invitations this close to running out show as \"Expiring soon\" on the dashboard. Must be shorter than `INVITE_TTL`",
    },
    Var {
        name: "EXPIRY_DIGEST_AT",
        default: Some("07:00"),
        readme_default: "`07:00`",
        help: "time of day (school's clock, HH:MM) of the daily email of expired invitations",
        meaning: "the time of day, on the school's clocks (`HH:MM`), at which each Super-Admin gets one email listing the invitations they sent that expired since the last one (none when none did; each admin can turn it off on their account page)",
    },
    Var {
        name: "PASSWORD_MIN_LENGTH",
        default: Some("12"),
        readme_default: "`12`",
        help: "shortest password accepted (8-256)",
        meaning: "shortest password accepted (8–256; no composition rules, per NIST SP 800-63B)",
    },
    Var {
        name: "SESSION_IDLE_TIMEOUT",
        default: Some("8h"),
        readme_default: "`8h`",
        help: "a session ends after this long without a request",
        meaning: "a signed-in session ends after this long without a request (1 min – 30 days)",
    },
    Var {
        name: "SESSION_MAX_LIFETIME",
        default: Some("7d"),
        readme_default: "`7d`",
        help: "a session ends this long after its sign-in, however used",
        meaning: "a signed-in session ends this long after its sign-in, however much it is used (1 min – 365 days)",
    },
    Var {
        name: "OUTBOX_LEASE",
        default: Some("5m"),
        readme_default: "`5m`",
        help: "how long a mail sender's claim on a message lasts",
        meaning: "how long the mail sender's claim on a message lasts (10 s – 1 h): if the process dies mid-send, the message goes again once this runs out",
    },
    Var {
        name: "SMTP_URL",
        default: None,
        readme_default: "unset: the dev mailbox",
        help: "smtp://host:port or smtps://user:pass@host:465; unset: the dev mailbox",
        meaning: "where email goes: `smtp://host:port` (plain, a local relay), `smtp://user:pass@host:587?tls=required` (STARTTLS, which must succeed; `tls=opportunistic` falls back to plain) or `smtps://user:pass@host:465` (implicit TLS). Unset: every message goes to the dev mailbox at `/dev/mailbox` (Super-Admins only; served only on a loopback address unless `DEV_MAILBOX=on`)",
    },
    Var {
        name: "MAIL_FROM",
        default: None,
        readme_default: "`Staff onboarding <no-reply@localhost>` without SMTP; **required** with `SMTP_URL`",
        help: "the sender, e.g. Greenwood High <staff@greenwood.org> (required with SMTP_URL)",
        meaning: "the sender, e.g. `Greenwood High <staff@greenwood.org>`; also the Message-ID domain",
    },
    Var {
        name: "SECRET_KEY",
        default: None,
        readme_default: "with SQLite: a key file beside the database, `<database>.key`, made with mode 0600 on first start; with Postgres: **required**",
        help: "64 hex characters sealing queued links; required with Postgres",
        meaning: "64 hexadecimal characters (`openssl rand -hex 32`) sealing the link in each queued email and the dev mailbox's bodies, so a copy of the database holds no working link. Every instance on one database needs the same key; keep it (or the key file) apart from the database's backups (see \"Backups\"). A changed key leaves queued messages unopenable: they fail with a sentence naming `SECRET_KEY`",
    },
    Var {
        name: "DEV_MAILBOX",
        default: Some("off"),
        readme_default: "`off`",
        help: "on: serve the dev mailbox on a non-loopback address without SMTP",
        meaning: "`on`: serve the dev mailbox although `LEPTOS_SITE_ADDR` is not a loopback address. Without `SMTP_URL` and without this, `serve` refuses to start on `0.0.0.0` or a public address (exit 2, naming the variable), since every message and its live link would be readable there by any Super-Admin session",
    },
    Var {
        name: "TRUSTED_PROXIES",
        default: None,
        readme_default: "empty: nobody",
        help: "addresses or CIDR ranges of the reverse proxies that may name the client",
        meaning: "comma-separated addresses or CIDR ranges of the reverse proxies in front of the app, e.g. `127.0.0.1` or `10.0.0.0/8, ::1`. Only for a request whose peer is in it is the forwarding header read; the client is then the rightmost address in it that is not itself trusted. Without it, forwarding headers are ignored and the client is the peer. See \"Deploying\"",
    },
    Var {
        name: "FORWARDED_HEADER",
        default: Some("X-Forwarded-For"),
        readme_default: "`X-Forwarded-For`",
        help: "the header the trusted proxy writes: X-Forwarded-For or Forwarded",
        meaning: "which header the trusted proxy writes: `X-Forwarded-For` (nginx's `$proxy_add_x_forwarded_for`, Caddy) or `Forwarded` (RFC 7239). Only that one is read: a proxy appends to its own header and passes the other on as the client wrote it",
    },
    Var {
        name: "SCHOOL_NAME",
        default: Some("our school"),
        readme_default: "`our school`",
        help: "the school's name in emails and pages",
        meaning: "the school's name in emails (\"You're invited to join Greenwood High as a Teacher\"), and above the setup form and in the header once set",
    },
    Var {
        name: "SCHOOL_TIMEZONE",
        default: Some("UTC"),
        readme_default: "`UTC`",
        help: "the school's IANA time zone, e.g. Europe/London",
        meaning: "the school's IANA time zone, e.g. `Asia/Kolkata`, `Africa/Nairobi`, `Europe/London`. Every exact date and time the app shows is on the school's clocks, with the zone's abbreviation (or offset where the tz database has none): emails (\"Thursday, 3 December 2026 at 05:51 IST\"), the setup and link pages, the Invites tooltips, the History panel, the Staff list and the dev mailbox. Relative times (\"in 5 hours\") don't depend on it. The tz database is the system's `/usr/share/zoneinfo`, or the copy built into the binary where a slim container has none. A name not in it stops start-up",
    },
    Var {
        name: "SCHOOL_LANGUAGE",
        default: Some("en"),
        readme_default: "`en`",
        help: "language of emails and pages when nothing says otherwise: en, es, fr or ar",
        meaning: "the language (a BCP 47 tag among those shipped: `en`, `es`, `fr`, `ar`) of an invitation's email and pages when the invitation names none, and of pages whose reader's browser asks for none of the shipped ones. See \"Languages\" below. Any other value stops start-up",
    },
    Var {
        name: "OIDC_ISSUER",
        default: None,
        readme_default: "unset: no school sign-in",
        help: "OpenID Connect issuer for \"Sign in with…\" (school accounts); unset: none",
        meaning: "the OpenID Connect provider whose accounts staff may set up and sign in with: its issuer, from which its discovery document is read at start-up (`https://accounts.google.com`, `https://login.microsoftonline.com/TENANT/v2.0`, or `…/organizations/v2.0` for any Microsoft work account). https, or http on a loopback address. Unset: pages offer no school sign-in. See \"Signing in with the school's accounts\" below",
    },
    Var {
        name: "OIDC_CLIENT_ID",
        default: None,
        readme_default: "none",
        help: "the client id the provider gave this app (with OIDC_ISSUER)",
        meaning: "the client (application) id the provider gave this app; needed with `OIDC_ISSUER`",
    },
    Var {
        name: "OIDC_CLIENT_SECRET",
        default: None,
        readme_default: "none",
        help: "that client's secret (only from the environment; never stored)",
        meaning: "that client's secret; needed with `OIDC_ISSUER`. Read from the environment only, never written anywhere",
    },
    Var {
        name: "OIDC_LABEL",
        default: None,
        readme_default: "`Google` or `Microsoft` by the issuer; needed for others",
        help: "the provider's name on the buttons (\"Continue with Google\")",
        meaning: "the provider's name as staff know it, on the buttons: \"Continue with Google\" (1 to 40 characters)",
    },
    Var {
        name: "OIDC_ALLOWED_DOMAINS",
        default: None,
        readme_default: "unset: any domain",
        help: "comma-separated domains whose school accounts are accepted",
        meaning: "comma-separated email domains (`school.org, staff.school.org`) whose school accounts are accepted; for Google, the account's Workspace domain (`hd`) must be one of them too. Unset: any verified address the invitation names",
    },
    Var {
        name: "RUST_LOG",
        default: Some("info,sqlx=warn,tower_http=info"),
        readme_default: "`info,sqlx=warn,tower_http=info`",
        help: "log filter, e.g. info or staff_onboarding=debug",
        meaning: "log filter",
    },
    Var {
        name: "LEPTOS_SITE_ROOT",
        default: Some("target/site"),
        readme_default: "`target/site`",
        help: "folder with the built CSS, JS and WASM",
        meaning: "folder holding the built CSS, JS and WASM (`make run` and `cargo leptos` set it)",
    },
    Var {
        name: "LEPTOS_SITE_PKG_DIR",
        default: Some("pkg"),
        readme_default: "`pkg`",
        help: "sub-folder of the site root with the JS and WASM",
        meaning: "sub-folder of the site root with the JS and WASM",
    },
    Var {
        name: "LEPTOS_OUTPUT_NAME",
        default: Some("staff-onboarding"),
        readme_default: "`staff-onboarding`",
        help: "base name of the built JS, WASM and CSS",
        meaning: "base name of the built JS, WASM and CSS",
    },
    Var {
        name: "LEPTOS_ENV",
        default: Some("PROD"),
        readme_default: "`PROD`",
        help: "PROD or DEV",
        meaning: "`PROD` or `DEV` (`cargo leptos watch` sets DEV)",
    },
    Var {
        name: "LEPTOS_RELOAD_PORT",
        default: Some("3001"),
        readme_default: "`3001`",
        help: "live-reload port of cargo leptos watch",
        meaning: "live-reload port used by `cargo leptos watch`",
    },
];

/// The declared default of `name`, or "" when it has none (unset means something of its own).
pub fn default_of(name: &str) -> &'static str {
    VARS.iter().find(|var| var.name == name).and_then(|var| var.default).unwrap_or("")
}

/// The variables, for `--help`.
pub fn help() -> String {
    let mut text = String::from("Configuration (environment variables, also read from ./.env):\n");
    for var in VARS {
        let default = var.default.map(|d| format!(" [default: {d}]")).unwrap_or_default();
        text.push_str(&format!("  {:<21}{}{default}\n", var.name, var.help));
    }
    text.trim_end().to_owned()
}

/// `.env.example`: every variable, commented out at its default.
pub fn env_example() -> String {
    let mut text = String::from(
        "# staff-onboarding's settings. Copy this file to .env and set what you change; an unset\n\
         # or empty variable takes its default. Made from src/server/config/vars.rs.\n",
    );
    for var in VARS {
        text.push_str(&format!("\n# {}\n#{}={}\n", var.help, var.name, var.default.unwrap_or("")));
    }
    text
}

/// The README's configuration table.
pub fn readme_table() -> String {
    let mut text = String::from("| variable | default | meaning |\n|---|---|---|\n");
    for var in VARS {
        text.push_str(&format!("| `{}` | {} | {} |\n", var.name, var.readme_default, var.meaning));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROOT: &str = env!("CARGO_MANIFEST_DIR");

    /// Writes `contents` to `path` (under the crate) when regenerating, and returns the file.
    fn file(path: &str, contents: &str) -> String {
        let path = format!("{ROOT}/{path}");
        if std::env::var_os("REGENERATE_SETTINGS_DOCS").is_some() {
            std::fs::write(&path, contents).unwrap();
        }
        std::fs::read_to_string(&path).unwrap_or_default()
    }

    /// After changing `VARS`: `REGENERATE_SETTINGS_DOCS=1 cargo test --features ssr --lib vars`.
    #[test]
    fn the_readme_table_is_the_declared_settings() {
        let readme = std::fs::read_to_string(format!("{ROOT}/README.md")).unwrap();
        let start = readme.find("| variable | default | meaning |").expect("the table");
        let end = readme[start..].find("\n\n").map_or(readme.len(), |n| start + n + 1);
        let table = readme_table();
        if std::env::var_os("REGENERATE_SETTINGS_DOCS").is_some() {
            let new = format!("{}{table}{}", &readme[..start], &readme[end..]);
            std::fs::write(format!("{ROOT}/README.md"), new).unwrap();
        }
        assert_eq!(&readme[start..end], table, "README.md's configuration table (see above)");
    }

    #[test]
    fn env_example_is_the_declared_settings() {
        assert_eq!(file(".env.example", &env_example()), env_example(), "regenerate (see above)");
    }

    #[test]
    fn each_default_is_the_one_the_readme_gives() {
        for var in VARS {
            if let Some(default) = var.default {
                let quoted = format!("`{default}`");
                assert!(
                    var.readme_default.contains(&quoted),
                    "{}: {}",
                    var.name,
                    var.readme_default
                );
            }
            assert!(
                !var.help.contains('\n') && var.help.len() <= 78,
                "{}: one short line",
                var.name
            );
        }
    }

    /// Every variable the settings read is declared, and every declared one is read (by the
    /// settings, or `RUST_LOG` by the logger).
    #[test]
    fn the_settings_read_exactly_the_declared_variables() {
        let asked = std::sync::Mutex::new(std::collections::BTreeSet::new());
        let settings = crate::server::config::Settings::from_lookup(|name| {
            asked.lock().unwrap().insert(name.to_owned());
            None
        });
        assert!(settings.is_ok(), "the defaults make valid settings: {settings:?}");
        let mut asked = asked.into_inner().unwrap();
        asked.insert("RUST_LOG".to_owned());
        let declared: std::collections::BTreeSet<String> =
            VARS.iter().map(|var| var.name.to_owned()).collect();
        assert_eq!(asked, declared);
        assert_eq!(default_of("SCHOOL_NAME"), crate::server::config::DEFAULT_SCHOOL_NAME);
    }
}
