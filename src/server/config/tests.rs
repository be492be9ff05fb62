//! The settings' parsing: defaults, every variable's errors, and the values they give.

use super::*;
use std::collections::HashMap;
use std::path::PathBuf;

fn settings(vars: &[(&str, &str)]) -> Result<Settings, ConfigError> {
    let map: HashMap<String, String> =
        vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    Settings::from_lookup(|name| map.get(name).cloned())
}

#[test]
fn defaults_are_sqlite_on_localhost() {
    let s = settings(&[]).unwrap();
    assert_eq!(s.database_url.backend_name(), "sqlite");
    assert_eq!(
        s.database_url,
        DatabaseUrl::Sqlite {
            url: vars::default_of("DATABASE_URL").into(),
            path: PathBuf::from("data/staff-onboarding.db")
        }
    );
    assert_eq!(s.public_url.as_str(), "http://localhost:3000/");
    assert_eq!(s.site_addr().to_string(), "127.0.0.1:3000");
    assert_eq!(s.log_format, LogFormat::Pretty);
    assert_eq!(&*s.leptos.output_name, "staff-onboarding");
    assert_eq!(s.invite_ttl, Duration::from_secs(24 * 3600));
    assert_eq!(s.max_resends, 3);
    assert_eq!(s.password_policy.min_length, 12);
    assert_eq!(s.outbox_lease, Duration::from_secs(300));
    assert_eq!(s.reminder_before, Some(Duration::from_secs(6 * 3600)));
    assert_eq!(s.digest_at, jiff::civil::time(7, 0, 0, 0));
}

#[test]
fn the_reminder_is_off_or_shorter_than_the_links_life() {
    let before = |vars: &[(&str, &str)]| settings(vars).map(|s| s.reminder_before);
    assert_eq!(before(&[("INVITE_REMINDER_BEFORE", "off")]).unwrap(), None);
    assert_eq!(before(&[("INVITE_REMINDER_BEFORE", "OFF")]).unwrap(), None);
    assert_eq!(
        before(&[("INVITE_REMINDER_BEFORE", "2h")]).unwrap(),
        Some(Duration::from_secs(7200))
    );
    // Unset, with a short life: a quarter of it, never a refusal.
    assert_eq!(before(&[("INVITE_TTL", "2h")]).unwrap(), Some(Duration::from_secs(1800)));
    for (ttl, reminder) in [("24h", "24h"), ("24h", "2days"), ("90s", "6h")] {
        let refused = before(&[("INVITE_TTL", ttl), ("INVITE_REMINDER_BEFORE", reminder)])
            .expect_err("not shorter than the link's life");
        assert_eq!(refused.var, "INVITE_REMINDER_BEFORE");
        assert!(refused.problem.contains("not shorter than INVITE_TTL"), "{}", refused.problem);
    }
    let refused = before(&[("INVITE_REMINDER_BEFORE", "soon")]).unwrap_err();
    assert!(refused.problem.contains("not a duration"), "{}", refused.problem);
}

#[test]
fn the_digest_time_is_a_time_of_day() {
    let at = |raw: &str| settings(&[("EXPIRY_DIGEST_AT", raw)]).map(|s| s.digest_at);
    assert_eq!(at("18:30").unwrap(), jiff::civil::time(18, 30, 0, 0));
    assert_eq!(at(" 00:00 ").unwrap(), jiff::civil::time(0, 0, 0, 0));
    for bad in ["7:00", "24:00", "07:60", "07-00", "0700", "+7:00", "07:00:00", "a:bc"] {
        let refused = at(bad).expect_err(bad);
        assert_eq!(refused.var, "EXPIRY_DIGEST_AT", "{bad}");
        assert!(refused.problem.contains("time of day"), "{bad}: {}", refused.problem);
    }
}

#[test]
fn lifecycle_knobs_are_read() {
    let s = settings(&[
        ("INVITE_TTL", "90s"),
        ("MAX_RESENDS", "5"),
        ("PASSWORD_MIN_LENGTH", "16"),
        ("OUTBOX_LEASE", "30s"),
    ])
    .unwrap();
    assert_eq!(s.outbox_lease, Duration::from_secs(30));
    assert_eq!(s.invite_ttl, Duration::from_secs(90));
    assert_eq!(s.max_resends, 5);
    assert_eq!(s.password_policy.min_length, 16);
}

const KEY: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

#[test]
fn postgres_url_selects_postgres_and_needs_a_shared_key() {
    let url = ("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/app");
    let s = settings(&[url, ("SECRET_KEY", KEY)]).unwrap();
    assert_eq!(s.database_url.backend_name(), "postgres");
    assert!(matches!(s.secret_key, SecretKey::Given(key) if key[1] == 0x11));
    assert!(!format!("{s:?}").contains("112233"), "the key never reaches a log");
    assert_eq!(settings(&[url]).unwrap().secret_key, SecretKey::Missing);
    assert_eq!(SecretKey::missing().var, "SECRET_KEY");
}

#[test]
fn sqlite_keeps_its_key_file_beside_the_database() {
    let s = settings(&[]).unwrap();
    assert_eq!(s.secret_key, SecretKey::File("data/staff-onboarding.db.key".into()));
}

#[test]
fn the_dev_mailbox_is_served_beyond_loopback_only_when_meant() {
    let open = ("LEPTOS_SITE_ADDR", "0.0.0.0:3000");
    assert!(settings(&[]).unwrap().check_before_serving().is_ok(), "make run: 127.0.0.1");
    let refused = settings(&[open]).unwrap().check_before_serving().unwrap_err();
    assert_eq!(refused.var, "DEV_MAILBOX");
    assert!(refused.problem.contains("SMTP_URL"), "{}", refused.problem);
    assert!(settings(&[open, ("DEV_MAILBOX", "on")]).unwrap().check_before_serving().is_ok());
    let smtp = [open, ("SMTP_URL", "smtp://m.org"), ("MAIL_FROM", "a@b.org")];
    assert!(settings(&smtp).unwrap().check_before_serving().is_ok());
}

#[test]
fn sqlite_absolute_path_is_kept() {
    let s = settings(&[("DATABASE_URL", "sqlite:///var/lib/so/app.db?mode=rwc")]).unwrap();
    assert_eq!(
        s.database_url,
        DatabaseUrl::Sqlite {
            url: "sqlite:///var/lib/so/app.db?mode=rwc".into(),
            path: PathBuf::from("/var/lib/so/app.db")
        }
    );
}

#[test]
fn each_bad_variable_is_named() {
    let cases = [
        ("DATABASE_URL", "mysql://x"),
        ("DATABASE_URL", "sqlite://"),
        ("PUBLIC_URL", "example.org"),
        ("PUBLIC_URL", "ftp://example.org"),
        ("PUBLIC_URL", "https://example.org/?a=b"),
        ("LOG_FORMAT", "xml"),
        ("LEPTOS_SITE_ADDR", "localhost"),
        ("LEPTOS_ENV", "staging"),
        ("INVITE_TTL", "soon"),
        ("INVITE_TTL", "0s"),
        ("MAX_RESENDS", "-1"),
        ("MAX_RESENDS", "many"),
        ("PASSWORD_MIN_LENGTH", "4"),
        ("SMTP_URL", "mail.example.org"),
        ("SMTP_URL", "http://mail.example.org"),
        ("SMTP_URL", "smtp://mail.example.org?tls=maybe"),
        ("SESSION_IDLE_TIMEOUT", "5s"),
        ("OUTBOX_LEASE", "1s"),
        ("OUTBOX_LEASE", "a while"),
        ("SECRET_KEY", "short"),
        ("DEV_MAILBOX", "maybe"),
        ("TRUSTED_PROXIES", "10.0.0.0/8, nginx"),
        ("TRUSTED_PROXIES", "300.1.1.1"),
        ("FORWARDED_HEADER", "X-Real-IP"),
        ("SCHOOL_TIMEZONE", "Asia/Kolkatta"),
        ("SCHOOL_TIMEZONE", "IST"),
    ];
    for (var, value) in cases {
        let err = settings(&[(var, value)]).unwrap_err();
        assert_eq!(err.var, var, "{value:?} should be blamed on {var}");
        assert!(err.to_string().contains(var));
        assert!(!err.to_string().contains('\n'), "one line: {err}");
    }
}

#[test]
fn mail_defaults_to_the_dev_mailbox_and_smtp_needs_a_sender() {
    let s = settings(&[]).unwrap();
    assert_eq!(s.mail.smtp_url, None);
    assert_eq!(s.mail.school_name, "our school");
    assert_eq!(s.mail.school_label(), None, "the default is for sentences, not a label");
    let err = settings(&[("SMTP_URL", "smtp://127.0.0.1:2525")]).unwrap_err();
    assert_eq!(err.var, "MAIL_FROM");
    let err = settings(&[("SMTP_URL", "smtp://x.org"), ("MAIL_FROM", "nobody")]).unwrap_err();
    assert_eq!(err.var, "MAIL_FROM");
    let s = settings(&[
        ("SMTP_URL", "smtps://user:secret@mail.example.org:465"),
        ("MAIL_FROM", "Greenwood High <staff@greenwood.org>"),
        ("SCHOOL_NAME", "Greenwood High"),
    ])
    .unwrap();
    assert_eq!(s.mail.from.to_string(), "Greenwood High <staff@greenwood.org>");
    assert_eq!(s.mail.school_label().as_deref(), Some("Greenwood High"));
    assert!(
        settings(&[("SMTP_URL", "smtp://m.org:587?tls=required"), ("MAIL_FROM", "a@b.org")])
            .is_ok()
    );
}

#[test]
fn the_school_zone_defaults_to_utc() {
    assert_eq!(settings(&[]).unwrap().school_zone.name(), "UTC");
    let s = settings(&[("SCHOOL_TIMEZONE", "Asia/Kolkata")]).unwrap();
    assert_eq!(s.school().zone.name(), "Asia/Kolkata");
}

#[test]
fn proxies_are_trusted_only_when_named() {
    use std::net::IpAddr;
    let nginx: IpAddr = "10.1.2.3".parse().unwrap();
    assert!(!settings(&[]).unwrap().proxies.trusts(nginx), "nobody by default");
    let s = settings(&[("TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8, ::1")]).unwrap();
    assert!(s.proxies.trusts(nginx));
    assert!(!s.proxies.trusts("11.0.0.1".parse().unwrap()));
}

#[test]
fn log_format_accepts_json_in_any_case() {
    assert_eq!(settings(&[("LOG_FORMAT", "JSON")]).unwrap().log_format, LogFormat::Json);
}

#[test]
fn school_sign_in_is_off_until_its_issuer_is_set_and_then_needs_the_rest() {
    assert!(settings(&[]).unwrap().school_sign_in.is_none());
    let var_of = |vars: &[(&str, &str)]| settings(vars).map(|_| ()).unwrap_err().var;
    // A client without the provider it is for.
    assert_eq!(var_of(&[("OIDC_CLIENT_ID", "abc")]), "OIDC_ISSUER");
    let google = [("OIDC_ISSUER", "https://accounts.google.com")];
    assert_eq!(var_of(&google), "OIDC_CLIENT_ID");
    let with_client = [google[0], ("OIDC_CLIENT_ID", "abc")];
    assert_eq!(var_of(&with_client), "OIDC_CLIENT_SECRET");
    let full = [with_client[0], with_client[1], ("OIDC_CLIENT_SECRET", "s3cret")];
    let school = settings(&full).unwrap().school_sign_in.unwrap();
    assert_eq!((school.kind, school.label.as_str()), (ProviderKind::Google, "Google"));
    assert!(school.allowed_domains.is_empty());
    assert!(!format!("{school:?}").contains("s3cret"), "the secret is never printed");
    let microsoft = settings(&[
        ("OIDC_ISSUER", "https://login.microsoftonline.com/organizations/v2.0"),
        ("OIDC_CLIENT_ID", "abc"),
        ("OIDC_CLIENT_SECRET", "s3cret"),
        ("OIDC_ALLOWED_DOMAINS", " School.org, staff.school.org ,"),
    ])
    .unwrap()
    .school_sign_in
    .unwrap();
    assert_eq!((microsoft.kind, microsoft.label.as_str()), (ProviderKind::Microsoft, "Microsoft"));
    assert_eq!(microsoft.allowed_domains, ["school.org", "staff.school.org"]);
}

#[test]
fn a_bad_school_sign_in_value_names_its_variable() {
    let base = [("OIDC_CLIENT_ID", "abc"), ("OIDC_CLIENT_SECRET", "s3cret")];
    let var_of = |extra: &[(&str, &str)]| {
        let vars: Vec<(&str, &str)> = base.iter().chain(extra).copied().collect();
        settings(&vars).map(|_| ()).unwrap_err().var
    };
    for issuer in ["http://accounts.example.org", "not a url", "https://idp.example.org/?x=1"] {
        assert_eq!(
            var_of(&[("OIDC_ISSUER", issuer), ("OIDC_LABEL", "X")]),
            "OIDC_ISSUER",
            "{issuer}"
        );
    }
    // Any provider but Google's and Microsoft's needs its name for the buttons.
    assert_eq!(var_of(&[("OIDC_ISSUER", "https://idp.example.org")]), "OIDC_LABEL");
    let long = "x".repeat(41);
    assert_eq!(
        var_of(&[("OIDC_ISSUER", "https://idp.example.org"), ("OIDC_LABEL", &long)]),
        "OIDC_LABEL"
    );
    for domains in ["school", "-a.org", "a..org", " , "] {
        let vars =
            [("OIDC_ISSUER", "https://accounts.google.com"), ("OIDC_ALLOWED_DOMAINS", domains)];
        assert_eq!(var_of(&vars), "OIDC_ALLOWED_DOMAINS", "{domains:?}");
    }
    // http only on this machine's own address (a test provider, a developer's).
    let local = [("OIDC_ISSUER", "http://127.0.0.1:9000"), ("OIDC_LABEL", "Test")];
    let vars: Vec<(&str, &str)> = base.iter().chain(&local).copied().collect();
    assert!(settings(&vars).is_ok());
}
