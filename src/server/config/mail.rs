//! How email leaves the app (`SMTP_URL`, `MAIL_FROM`, `SCHOOL_NAME`) and when the dev
//! mailbox may be served (`DEV_MAILBOX`).

use url::Url;

use super::{ConfigError, Settings, invalid};

/// How email leaves the app.
#[derive(Debug, Clone)]
pub struct MailSettings {
    /// `None`: messages go to the development mailbox at /dev/mailbox.
    pub smtp_url: Option<String>,
    pub from: lettre::message::Mailbox,
    /// The school's name, as emails and pages show it (`SCHOOL_NAME`).
    pub school_name: String,
    /// `DEV_MAILBOX=on`: the dev mailbox is meant to be reachable from other machines.
    pub dev_mailbox_exposed: bool,
}

impl Settings {
    /// What `serve` checks before it listens: without SMTP, every message and its live link
    /// sits in the dev mailbox, so it is served beyond this machine only when
    /// `DEV_MAILBOX=on` says that is meant.
    pub fn check_before_serving(&self) -> Result<(), ConfigError> {
        if self.mail.smtp_url.is_none()
            && !self.site_addr().ip().is_loopback()
            && !self.mail.dev_mailbox_exposed
        {
            return Err(invalid(
                "DEV_MAILBOX",
                format!(
                    "no SMTP_URL is set, so email goes to the dev mailbox, and LEPTOS_SITE_ADDR \
                     {} is reachable from other machines; set SMTP_URL, listen on 127.0.0.1, or \
                     set DEV_MAILBOX=on if that is intended",
                    self.site_addr()
                ),
            ));
        }
        Ok(())
    }
}

pub(super) fn parse_mail(
    get: &impl Fn(&str) -> Option<String>,
) -> Result<MailSettings, ConfigError> {
    let set = |name: &str| get(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    let smtp_url = set("SMTP_URL");
    if let Some(raw) = &smtp_url {
        let url = Url::parse(raw).map_err(|e| {
            invalid(
                "SMTP_URL",
                format!("not a URL ({e}); e.g. smtp://mail.example.org:587?tls=required"),
            )
        })?;
        if !matches!(url.scheme(), "smtp" | "smtps") {
            return Err(invalid("SMTP_URL", "must start with smtp:// or smtps://"));
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err(invalid("SMTP_URL", "has no host"));
        }
        for (key, value) in url.query_pairs() {
            match (key.as_ref(), value.as_ref()) {
                ("tls", "required" | "opportunistic") => {}
                ("tls", other) => {
                    return Err(invalid(
                        "SMTP_URL",
                        format!("tls={other:?} must be required or opportunistic"),
                    ));
                }
                (other, _) => return Err(invalid("SMTP_URL", format!("unknown option {other:?}"))),
            }
        }
    }
    let from = match (set("MAIL_FROM"), &smtp_url) {
        (Some(from), _) => from.parse().map_err(|e| {
            invalid(
                "MAIL_FROM",
                format!(
                    "{from:?} is not an address like \"Greenwood High <staff@greenwood.org>\" ({e})"
                ),
            )
        })?,
        (None, Some(_)) => return Err(invalid("MAIL_FROM", "is required when SMTP_URL is set")),
        (None, None) => {
            "Staff onboarding <no-reply@localhost>".parse().expect("a valid default sender")
        }
    };
    let school_name = set("SCHOOL_NAME").unwrap_or_else(|| DEFAULT_SCHOOL_NAME.to_owned());
    if school_name.chars().count() > 100 || school_name.chars().any(char::is_control) {
        return Err(invalid(
            "SCHOOL_NAME",
            "must be at most 100 characters, without control characters",
        ));
    }
    let dev_mailbox_exposed = match set("DEV_MAILBOX").map(|v| v.to_ascii_lowercase()) {
        None => false,
        Some(v) if v == "on" && smtp_url.is_some() => {
            return Err(invalid("DEV_MAILBOX", "=on has no effect with SMTP_URL set; remove one"));
        }
        Some(v) if v == "on" => true,
        Some(v) if v == "off" => false,
        Some(other) => return Err(invalid("DEV_MAILBOX", format!("{other:?} must be on or off"))),
    };
    Ok(MailSettings { smtp_url, from, school_name, dev_mailbox_exposed })
}

pub const DEFAULT_SCHOOL_NAME: &str = "our school";

impl MailSettings {
    /// The school's name as a label on its own (the header, the setup page), or none when
    /// `SCHOOL_NAME` is not set: the default reads well only inside a sentence.
    pub fn school_label(&self) -> Option<String> {
        (self.school_name != DEFAULT_SCHOOL_NAME).then(|| self.school_name.clone())
    }
}
