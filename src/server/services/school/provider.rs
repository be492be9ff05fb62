//! The OpenID Connect provider, through openidconnect 4: its discovery document and keys
//! (read at start-up), the authorization URL with PKCE, `state` and `nonce`, the code's
//! exchange, and the ID token's checks (signature, issuer, audience, expiry, nonce).

use std::sync::Arc;

use openidconnect::core::{
    CoreAuthDisplay, CoreAuthPrompt, CoreAuthenticationFlow, CoreErrorResponseType,
    CoreGenderClaim, CoreJsonWebKey, CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm,
    CoreProviderMetadata, CoreRevocableToken, CoreRevocationErrorResponse,
    CoreTokenIntrospectionResponse, CoreTokenType,
};
use openidconnect::{
    AuthorizationCode, Client, ClientId, ClientSecret, CsrfToken, EmptyExtraTokenFields,
    EndpointMaybeSet, EndpointNotSet, EndpointSet, IdToken, IdTokenFields, IssuerUrl,
    JsonWebKeySet, Nonce, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope,
    StandardErrorResponse, StandardTokenResponse, reqwest,
};
use url::Url;

use super::claims::{Claimed, SchoolClaims};
use crate::domain::Timestamp;
use crate::server::{
    clock::Clock,
    config::{ConfigError, ProviderKind, SchoolSignInSettings},
};

type SchoolIdTokenFields = IdTokenFields<
    SchoolClaims,
    EmptyExtraTokenFields,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJwsSigningAlgorithm,
>;
type SchoolTokenResponse = StandardTokenResponse<SchoolIdTokenFields, CoreTokenType>;
type SchoolIdToken = IdToken<
    SchoolClaims,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJwsSigningAlgorithm,
>;
type SchoolClient = Client<
    SchoolClaims,
    CoreAuthDisplay,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJsonWebKey,
    CoreAuthPrompt,
    StandardErrorResponse<CoreErrorResponseType>,
    SchoolTokenResponse,
    CoreTokenIntrospectionResponse,
    CoreRevocableToken,
    CoreRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// Where the provider sends the browser back: one path for every purpose.
pub const RETURN_PATH: &str = "/auth/school/return";

/// Microsoft's issuer for work accounts of any tenant: its discovery document names the
/// issuer of each tenant's tokens by this template.
const MICROSOFT_TENANT_TEMPLATE: &str = "{tenantid}";

/// A trip to the provider, begun: where to send the browser, and what only the server keeps.
pub struct Authorization {
    pub url: Url,
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
}

/// Why the provider's answer made no identity. Each is logged; the person gets one sentence.
#[derive(Debug, thiserror::Error)]
pub enum ProviderError {
    /// The token endpoint refused the code (used, expired, another client's, wrong PKCE).
    #[error("the provider refused the code: {0}")]
    Exchange(String),
    #[error("the provider's answer has no ID token")]
    NoIdToken,
    /// The ID token failed a check: signature, issuer, audience, expiry or nonce.
    #[error("the ID token was refused: {0}")]
    IdToken(String),
}

pub struct Provider {
    client: SchoolClient,
    http: reqwest::Client,
    settings: SchoolSignInSettings,
    /// Microsoft's multi-tenant issuer template (`…/{tenantid}/v2.0`); `None` for any other.
    tenant_issuer: Option<String>,
    clock: Arc<dyn Clock>,
}

impl Provider {
    /// Reads the provider's discovery document and keys: start-up stops with a sentence
    /// naming `OIDC_ISSUER` when they can't be had.
    pub async fn discover(
        settings: &SchoolSignInSettings,
        public_url: &Url,
        clock: Arc<dyn Clock>,
    ) -> Result<Self, ConfigError> {
        let problem = |what: String| ConfigError { var: "OIDC_ISSUER", problem: what };
        let http = reqwest::ClientBuilder::new()
            // Following redirects would let a provider's answer point this server anywhere.
            .redirect(reqwest::redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(10))
            .build()
            .map_err(|e| problem(format!("no HTTP client: {e}")))?;
        let issuer = IssuerUrl::new(settings.issuer.as_str().trim_end_matches('/').to_owned())
            .map_err(|e| problem(e.to_string()))?;
        let unreadable = |e: &dyn std::fmt::Display| {
            problem(format!(
                "could not read the provider's discovery document at {}/.well-known/openid-configuration: {e}",
                issuer.as_str()
            ))
        };
        let (metadata, tenant_issuer) = if settings.kind == ProviderKind::Microsoft {
            microsoft_metadata(&issuer, &http).await.map_err(|e| unreadable(&e))?
        } else {
            let metadata = CoreProviderMetadata::discover_async(issuer.clone(), &http)
                .await
                .map_err(|e| unreadable(&error_chain(&e)))?;
            (metadata, None)
        };
        let redirect = public_url
            .join(RETURN_PATH.trim_start_matches('/'))
            .map_err(|e| ConfigError { var: "PUBLIC_URL", problem: e.to_string() })?;
        let client = SchoolClient::from_provider_metadata(
            metadata,
            ClientId::new(settings.client_id.clone()),
            Some(ClientSecret::new(settings.client_secret.0.clone())),
        )
        .set_redirect_uri(RedirectUrl::from_url(redirect));
        if client.token_uri().is_none() {
            return Err(problem(
                "the provider's discovery document names no token endpoint".into(),
            ));
        }
        Ok(Self { client, http, settings: settings.clone(), tenant_issuer, clock })
    }

    pub fn settings(&self) -> &SchoolSignInSettings {
        &self.settings
    }

    /// The provider's sign-in page's origin, which forms on this site may go on to.
    pub fn authorization_origin(&self) -> String {
        self.client.auth_uri().url().origin().ascii_serialization()
    }

    /// The URL that sends the browser to the provider, asking for the person's address and
    /// name. `again`: the person wants another account than the one they used.
    pub fn authorize(&self, again: bool, login_hint: Option<&str>) -> Authorization {
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = self
            .client
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .add_scope(Scope::new("email".into()))
            .add_scope(Scope::new("profile".into()))
            .set_pkce_challenge(challenge);
        if again {
            request = request.add_prompt(match self.settings.kind {
                ProviderKind::Google | ProviderKind::Microsoft => CoreAuthPrompt::SelectAccount,
                ProviderKind::Standard => CoreAuthPrompt::Login,
            });
        }
        if let Some(hint) = login_hint {
            request = request.add_extra_param("login_hint", hint.to_owned());
        }
        let (url, state, nonce) = request.url();
        Authorization {
            url,
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            pkce_verifier: verifier.secret().clone(),
        }
    }

    /// Exchanges the code (with the trip's PKCE verifier) and checks the ID token it brings
    /// against the trip's nonce.
    pub async fn exchange(
        &self,
        code: &str,
        pkce_verifier: &str,
        nonce: &str,
    ) -> Result<Claimed, ProviderError> {
        let response = self
            .client
            .exchange_code(AuthorizationCode::new(code.to_owned()))
            .map_err(|e| ProviderError::Exchange(e.to_string()))?
            .set_pkce_verifier(PkceCodeVerifier::new(pkce_verifier.to_owned()))
            .request_async(&self.http)
            .await
            .map_err(|e| ProviderError::Exchange(error_chain(&e)))?;
        let token =
            openidconnect::TokenResponse::id_token(&response).ok_or(ProviderError::NoIdToken)?;
        self.check(token, nonce)
    }

    /// Checks a raw ID token as `exchange` does (for tests of the checks themselves).
    pub fn check_raw(&self, id_token: &str, nonce: &str) -> Result<Claimed, ProviderError> {
        let token: SchoolIdToken = id_token
            .parse()
            .map_err(|e: serde_json::Error| ProviderError::IdToken(e.to_string()))?;
        self.check(&token, nonce)
    }

    fn check(&self, token: &SchoolIdToken, nonce: &str) -> Result<Claimed, ProviderError> {
        let now = self.clock.now();
        let mut verifier = self.client.id_token_verifier().set_time_fn(move || chrono_of(now));
        if self.tenant_issuer.is_some() {
            // Checked below, against the tenant the token names.
            verifier = verifier.require_issuer_match(false);
        }
        let claims = token
            .claims(&verifier, &Nonce::new(nonce.to_owned()))
            .map_err(|e| ProviderError::IdToken(e.to_string()))?;
        let extra = claims.additional_claims().clone();
        let issuer = claims.issuer().as_str().to_owned();
        if let Some(template) = &self.tenant_issuer {
            let tenant = extra.tid.as_deref().unwrap_or_default();
            if tenant.is_empty() || issuer != template.replace(MICROSOFT_TENANT_TEMPLATE, tenant) {
                return Err(ProviderError::IdToken(format!("issuer {issuer} is not the tenant's")));
            }
        }
        Ok(Claimed {
            issuer,
            subject: claims.subject().as_str().to_owned(),
            email: claims.email().map(|email| email.as_str().to_owned()),
            email_verified: claims.email_verified(),
            name: claims
                .name()
                .and_then(|name| name.get(None))
                .map(|name| name.as_str().to_owned()),
            extra,
        })
    }
}

/// Microsoft's discovery document, read as openidconnect reads any other, except for its
/// issuer: for a single tenant it must be the issuer configured, and for every work account
/// (`organizations`, `common`) it is the tenants' template, which each token's `tid` fills.
async fn microsoft_metadata(
    issuer: &IssuerUrl,
    http: &reqwest::Client,
) -> Result<(CoreProviderMetadata, Option<String>), String> {
    let url = format!("{}/.well-known/openid-configuration", issuer.as_str());
    let response = http.get(&url).send().await.map_err(|e| error_chain(&e))?;
    if !response.status().is_success() {
        return Err(format!("HTTP status {}", response.status()));
    }
    let body = response.bytes().await.map_err(|e| error_chain(&e))?;
    let metadata: CoreProviderMetadata =
        serde_json::from_slice(&body).map_err(|e| e.to_string())?;
    let named = metadata.issuer().as_str().to_owned();
    let tenant_issuer = if named == issuer.as_str() {
        None
    } else if named.contains(MICROSOFT_TENANT_TEMPLATE) {
        Some(named)
    } else {
        return Err(format!("it names another issuer, {named}"));
    };
    let jwks =
        JsonWebKeySet::fetch_async(metadata.jwks_uri(), http).await.map_err(|e| error_chain(&e))?;
    Ok((metadata.set_jwks(jwks), tenant_issuer))
}

fn chrono_of(now: Timestamp) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp_millis(now.0).unwrap_or_default()
}

/// An error with its causes, on one line.
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
