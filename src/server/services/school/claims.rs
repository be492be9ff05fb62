//! Who an ID token's claims say the person is, by each provider's own rules: which claim
//! names them lastingly, and which says their address is theirs. Pure, so each rule is
//! tested without a provider; the token itself is checked before (`provider`).

use openidconnect::AdditionalClaims;
use serde::{Deserialize, Deserializer, Serialize};

use crate::server::config::ProviderKind;

/// The claims beyond the standard ones that Google and Microsoft add.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SchoolClaims {
    /// Google: the Workspace domain of the account (absent for a personal account).
    #[serde(default)]
    pub hd: Option<String>,
    /// Microsoft: the tenant (directory) and the person's object id in it.
    #[serde(default)]
    pub tid: Option<String>,
    #[serde(default)]
    pub oid: Option<String>,
    /// Microsoft: the `email` claim's domain is verified by the tenant ("email domain owner
    /// verified"); without it, Microsoft's `email` is whatever an admin typed.
    #[serde(default, deserialize_with = "lenient_bool")]
    pub xms_edov: Option<bool>,
}

impl AdditionalClaims for SchoolClaims {}

/// `true`, `"true"` or `1`: Microsoft's optional claims have come in each form.
fn lenient_bool<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<bool>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Loose {
        Bool(bool),
        Text(String),
        Number(i64),
    }
    Ok(Option::<Loose>::deserialize(deserializer)?.map(|loose| match loose {
        Loose::Bool(value) => value,
        Loose::Text(text) => matches!(text.as_str(), "true" | "1"),
        Loose::Number(n) => n == 1,
    }))
}

/// What a checked ID token says, before the provider's rules are applied.
#[derive(Debug, Clone, Default)]
pub struct Claimed {
    pub issuer: String,
    pub subject: String,
    pub email: Option<String>,
    pub email_verified: Option<bool>,
    pub name: Option<String>,
    pub extra: SchoolClaims,
}

/// A person the provider vouches for: found again by `(issuer, subject)`, never by email.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    pub issuer: String,
    pub subject: String,
    /// Verified by the provider, lowercase.
    pub email: String,
    pub name: Option<String>,
}

/// Why the claims don't make an identity this app accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClaimsRefusal {
    /// No address at all (the `email` scope refused, or an account without one).
    NoEmail,
    /// An address the provider doesn't say is the person's.
    Unverified { email: String },
    /// An address (or Google Workspace domain) outside `OIDC_ALLOWED_DOMAINS`.
    OtherDomain { email: String },
    /// A Microsoft token without its tenant and object ids.
    Incomplete,
}

/// The identity the claims make under `kind`'s rules and the allowed domains.
pub fn identity(
    kind: ProviderKind,
    allowed_domains: &[String],
    claimed: Claimed,
) -> Result<Identity, ClaimsRefusal> {
    let email = claimed
        .email
        .as_deref()
        .map(|email| email.trim().to_lowercase())
        .filter(|email| email.contains('@'))
        .ok_or(ClaimsRefusal::NoEmail)?;
    let (subject, verified) = match kind {
        ProviderKind::Microsoft => {
            let (Some(tid), Some(oid)) = (&claimed.extra.tid, &claimed.extra.oid) else {
                return Err(ClaimsRefusal::Incomplete);
            };
            // The object id is the person in their tenant, the same for every app; `sub`
            // differs per app.
            (format!("{tid}:{oid}"), claimed.extra.xms_edov == Some(true))
        }
        ProviderKind::Google | ProviderKind::Standard => {
            (claimed.subject.clone(), claimed.email_verified == Some(true))
        }
    };
    if !verified {
        return Err(ClaimsRefusal::Unverified { email });
    }
    if !allowed_domains.is_empty() {
        let domain = email.rsplit_once('@').map(|(_, domain)| domain).unwrap_or_default();
        let allowed = |domain: &str| allowed_domains.iter().any(|d| d == domain);
        // Google: the account must be the school's Workspace account, not a personal one
        // that happens to have a school address.
        let workspace_ok = kind != ProviderKind::Google
            || claimed.extra.hd.as_deref().is_some_and(|hd| allowed(&hd.to_lowercase()));
        if !allowed(domain) || !workspace_ok {
            return Err(ClaimsRefusal::OtherDomain { email });
        }
    }
    let name = claimed.name.map(|name| name.trim().to_owned()).filter(|name| !name.is_empty());
    Ok(Identity { issuer: claimed.issuer, subject, email, name })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claimed(email: &str, verified: Option<bool>) -> Claimed {
        Claimed {
            issuer: "https://issuer.example".into(),
            subject: "sub-1".into(),
            email: Some(email.into()),
            email_verified: verified,
            name: Some(" Ada Lovelace ".into()),
            extra: SchoolClaims::default(),
        }
    }

    #[test]
    fn a_verified_address_makes_an_identity_keyed_by_subject() {
        let found = identity(ProviderKind::Standard, &[], claimed("Ada@School.org", Some(true)));
        let found = found.expect("verified");
        assert_eq!(found.subject, "sub-1");
        assert_eq!(found.email, "ada@school.org");
        assert_eq!(found.name.as_deref(), Some("Ada Lovelace"));
    }

    #[test]
    fn an_unverified_or_missing_verification_is_refused() {
        for verified in [Some(false), None] {
            let refused = identity(ProviderKind::Google, &[], claimed("a@school.org", verified));
            assert_eq!(refused, Err(ClaimsRefusal::Unverified { email: "a@school.org".into() }));
        }
        let mut none = claimed("a@school.org", Some(true));
        none.email = None;
        assert_eq!(identity(ProviderKind::Standard, &[], none), Err(ClaimsRefusal::NoEmail));
    }

    #[test]
    fn allowed_domains_hold_for_the_address_and_googles_workspace_domain() {
        let allowed = vec!["school.org".to_owned()];
        let other = identity(ProviderKind::Standard, &allowed, claimed("a@gmail.com", Some(true)));
        assert!(matches!(other, Err(ClaimsRefusal::OtherDomain { .. })));
        // A school address on a personal Google account (no hd) is not the school's account.
        let personal =
            identity(ProviderKind::Google, &allowed, claimed("a@school.org", Some(true)));
        assert!(matches!(personal, Err(ClaimsRefusal::OtherDomain { .. })));
        let mut workspace = claimed("a@school.org", Some(true));
        workspace.extra.hd = Some("School.org".into());
        assert!(identity(ProviderKind::Google, &allowed, workspace).is_ok());
    }

    #[test]
    fn microsoft_keys_on_tenant_and_object_and_needs_edov() {
        let mut token = claimed("a@school.org", Some(true));
        token.extra.tid = Some("tenant".into());
        token.extra.oid = Some("object".into());
        // email_verified is not Microsoft's word for it.
        assert!(matches!(
            identity(ProviderKind::Microsoft, &[], token.clone()),
            Err(ClaimsRefusal::Unverified { .. })
        ));
        token.extra.xms_edov = Some(true);
        let found = identity(ProviderKind::Microsoft, &[], token.clone()).expect("verified");
        assert_eq!(found.subject, "tenant:object");
        token.extra.oid = None;
        assert_eq!(identity(ProviderKind::Microsoft, &[], token), Err(ClaimsRefusal::Incomplete));
    }

    #[test]
    fn edov_comes_in_several_forms() {
        for raw in [r#"{"xms_edov": true}"#, r#"{"xms_edov": "true"}"#, r#"{"xms_edov": 1}"#] {
            let claims: SchoolClaims = serde_json::from_str(raw).expect("parses");
            assert_eq!(claims.xms_edov, Some(true), "{raw}");
        }
        let claims: SchoolClaims = serde_json::from_str(r#"{"xms_edov": false}"#).expect("parses");
        assert_eq!(claims.xms_edov, Some(false));
    }
}
