//! `OIDC_*`: the school's own accounts (any OpenID Connect provider), as staff sign in with
//! them. All unset: no school sign-in. The provider's discovery document is read at
//! start-up (`services::school`), not here.

use std::fmt;

use url::Url;

use super::{ConfigError, invalid};

/// Which provider the issuer is: Google and Microsoft each say an address is verified, and
/// name a person lastingly, in their own way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProviderKind {
    Google,
    Microsoft,
    /// Any other: the standard claims (`email_verified`, `sub`).
    Standard,
}

impl ProviderKind {
    pub fn of(issuer: &Url) -> Self {
        match issuer.host_str() {
            Some("accounts.google.com") => ProviderKind::Google,
            Some("login.microsoftonline.com") => ProviderKind::Microsoft,
            _ => ProviderKind::Standard,
        }
    }
}

/// The client secret: said to the provider, never written anywhere (`Debug` hides it).
#[derive(Clone)]
pub struct ClientSecret(pub String);

impl fmt::Debug for ClientSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ClientSecret(hidden)")
    }
}

#[derive(Debug, Clone)]
pub struct SchoolSignInSettings {
    pub issuer: Url,
    pub kind: ProviderKind,
    pub client_id: String,
    pub client_secret: ClientSecret,
    /// "Google": the buttons say "Continue with Google".
    pub label: String,
    /// Lowercase domains; empty: any.
    pub allowed_domains: Vec<String>,
}

const LABEL_MAX_CHARS: usize = 40;

/// Reads `OIDC_*`; `None` when `OIDC_ISSUER` and the others are all unset.
pub fn parse_school_sign_in(
    get: &impl Fn(&str) -> Option<String>,
) -> Result<Option<SchoolSignInSettings>, ConfigError> {
    let var = |name: &str| get(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    let others = ["OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_LABEL", "OIDC_ALLOWED_DOMAINS"];
    let Some(raw_issuer) = var("OIDC_ISSUER") else {
        if let Some(set) = others.iter().find(|name| var(name).is_some()) {
            return Err(invalid(
                "OIDC_ISSUER",
                format!("is needed when {set} is set: it names the provider the others are for"),
            ));
        }
        return Ok(None);
    };
    let issuer = parse_issuer(&raw_issuer)?;
    let kind = ProviderKind::of(&issuer);
    let needed = |name: &'static str| {
        var(name).ok_or_else(|| invalid(name, "is needed with OIDC_ISSUER: the provider gives it when the app is registered there"))
    };
    let client_id = needed("OIDC_CLIENT_ID")?;
    let client_secret = ClientSecret(needed("OIDC_CLIENT_SECRET")?);
    let label = match (var("OIDC_LABEL"), kind) {
        (Some(label), _) => parse_label(&label)?,
        (None, ProviderKind::Google) => "Google".to_owned(),
        (None, ProviderKind::Microsoft) => "Microsoft".to_owned(),
        (None, ProviderKind::Standard) => {
            return Err(invalid(
                "OIDC_LABEL",
                "is needed for this provider: the name staff know it by, for its buttons",
            ));
        }
    };
    let allowed_domains = match var("OIDC_ALLOWED_DOMAINS") {
        Some(raw) => parse_domains(&raw)?,
        None => Vec::new(),
    };
    Ok(Some(SchoolSignInSettings {
        issuer,
        kind,
        client_id,
        client_secret,
        label,
        allowed_domains,
    }))
}

fn parse_issuer(raw: &str) -> Result<Url, ConfigError> {
    const VAR: &str = "OIDC_ISSUER";
    let url = Url::parse(raw)
        .map_err(|e| invalid(VAR, format!("{raw:?} is not an absolute URL ({e})")))?;
    let loopback = match url.host() {
        Some(url::Host::Domain(name)) => name == "localhost",
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    match url.scheme() {
        "https" => {}
        "http" if loopback => {}
        _ => {
            return Err(invalid(
                VAR,
                format!(
                    "{raw:?} must start with https:// (http only on this machine's own address)"
                ),
            ));
        }
    }
    if url.query().is_some() || url.fragment().is_some() || !url.username().is_empty() {
        return Err(invalid(
            VAR,
            format!("{raw:?} must be the issuer alone: no query, fragment or user"),
        ));
    }
    Ok(url)
}

fn parse_label(raw: &str) -> Result<String, ConfigError> {
    let chars = raw.chars().count();
    if chars > LABEL_MAX_CHARS || raw.chars().any(char::is_control) {
        return Err(invalid(
            "OIDC_LABEL",
            format!("{raw:?} must be a name of 1 to {LABEL_MAX_CHARS} characters, on one line"),
        ));
    }
    Ok(raw.to_owned())
}

fn parse_domains(raw: &str) -> Result<Vec<String>, ConfigError> {
    let mut domains = Vec::new();
    for part in raw.split(',').map(str::trim).filter(|part| !part.is_empty()) {
        let domain = part.to_ascii_lowercase();
        let label_ok = |label: &str| {
            !label.is_empty()
                && label.len() <= 63
                && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        };
        if !domain.contains('.') || domain.len() > 253 || !domain.split('.').all(label_ok) {
            return Err(invalid(
                "OIDC_ALLOWED_DOMAINS",
                format!("{part:?} is not a domain like school.org (separate several with commas)"),
            ));
        }
        domains.push(domain);
    }
    if domains.is_empty() {
        return Err(invalid(
            "OIDC_ALLOWED_DOMAINS",
            "names no domain; leave it unset to allow any",
        ));
    }
    Ok(domains)
}
