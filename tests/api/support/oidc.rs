//! A real OpenID Connect provider for the tests (npm's oidc-provider, started from
//! `end2end/oidc/provider.mjs` on the loopback address), and a browser at it: a cookie jar
//! that follows the provider's own redirects, signs in on its form, and stops when the
//! provider sends the browser back to the app.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use serde_json::json;

/// Where the app under test lives (`PUBLIC_URL`'s default), so where the provider returns.
pub const APP: &str = "http://localhost:3000";
pub const REDIRECT_URI: &str = "http://localhost:3000/auth/school/return";

pub struct Provider {
    pub issuer: String,
    child: Child,
    http: reqwest::Client,
}

impl Drop for Provider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A client registered at the provider.
pub struct Registered {
    pub client_id: String,
    pub client_secret: String,
}

impl Provider {
    /// Starts a provider of its own on a free port. Needs `make setup-e2e` (its npm packages).
    pub fn start() -> Provider {
        let root = env!("CARGO_MANIFEST_DIR");
        let script = format!("{root}/end2end/oidc/provider.mjs");
        assert!(
            std::path::Path::new(&format!("{root}/end2end/node_modules/oidc-provider")).exists(),
            "the test OpenID Connect provider needs its npm packages: run `make setup-e2e`"
        );
        let mut child = Command::new("node")
            .arg(&script)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("node runs the test provider");
        let stdout = child.stdout.take().expect("the provider's output");
        let mut lines = BufReader::new(stdout).lines();
        let mut issuer = None;
        for line in lines.by_ref() {
            let line = line.expect("a line from the provider");
            if let Ok(said) = serde_json::from_str::<serde_json::Value>(&line)
                && let Some(found) = said["issuer"].as_str()
            {
                issuer = Some(found.to_owned());
                break;
            }
        }
        let issuer = issuer.expect("the provider says where it listens");
        // Whatever else it says is read (and dropped), so its writes never fail.
        std::thread::spawn(move || lines.for_each(drop));
        let http = reqwest::Client::builder().build().expect("an HTTP client");
        Provider { issuer, child, http }
    }

    /// Registers a client returning to the app (RFC 7591); a client named "short-lived" gets
    /// ID tokens valid for 60 s.
    pub async fn register(&self, name: &str) -> Registered {
        self.register_to(name, REDIRECT_URI).await
    }

    pub async fn register_to(&self, name: &str, redirect_uri: &str) -> Registered {
        let answer: serde_json::Value = self
            .http
            .post(format!("{}/reg", self.issuer))
            .json(&json!({ "redirect_uris": [redirect_uri], "client_name": name }))
            .send()
            .await
            .expect("registration")
            .json()
            .await
            .expect("a registration answer");
        Registered {
            client_id: answer["client_id"].as_str().expect("a client id").to_owned(),
            client_secret: answer["client_secret"].as_str().expect("a secret").to_owned(),
        }
    }

    /// Defines (or changes) the person `sub` at the provider.
    pub async fn person(&self, sub: &str, email: &str, verified: bool, name: &str) {
        let status = self
            .http
            .post(format!("{}/test/accounts", self.issuer))
            .json(&json!({ "sub": sub, "email": email, "email_verified": verified, "name": name }))
            .send()
            .await
            .expect("the provider takes a person")
            .status();
        assert_eq!(status.as_u16(), 204);
    }

    /// The app's settings for this provider and client.
    pub fn vars(&self, client: &Registered) -> Vec<(&'static str, String)> {
        vec![
            ("OIDC_ISSUER", self.issuer.clone()),
            ("OIDC_CLIENT_ID", client.client_id.clone()),
            ("OIDC_CLIENT_SECRET", client.client_secret.clone()),
            ("OIDC_LABEL", "Test School".to_owned()),
        ]
    }
}

/// A browser at the provider: its own cookies, no redirect followed on its own.
pub struct Browser {
    http: reqwest::Client,
}

impl Default for Browser {
    fn default() -> Self {
        Self::new()
    }
}

impl Browser {
    pub fn new() -> Browser {
        let http = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("an HTTP client");
        Browser { http }
    }

    /// Goes to the provider's `authorize` URL, signs in there as `sub` when asked, and
    /// returns where the provider sends the browser back to the app (the path and query).
    pub async fn sign_in_as(&self, authorize: &str, sub: &str) -> String {
        let mut at = authorize.to_owned();
        for _ in 0..10 {
            if let Some(back) = at.strip_prefix(APP) {
                return back.to_owned();
            }
            let response = if at.contains("/interaction/") {
                let form = [("prompt", "login"), ("login", sub), ("password", "any")];
                self.http.post(&at).form(&form).send().await.expect("the provider's form")
            } else {
                self.http.get(&at).send().await.expect("the provider")
            };
            let location = response
                .headers()
                .get(reqwest::header::LOCATION)
                .and_then(|l| l.to_str().ok())
                .unwrap_or_else(|| panic!("the provider answered {} at {at}", response.status()))
                .to_owned();
            at = if location.starts_with('/') {
                let base = url::Url::parse(&at).expect("a URL");
                base.join(&location).expect("a location").to_string()
            } else {
                location
            };
        }
        panic!("the provider never sent the browser back");
    }

    /// Goes through the provider as the app's own client would, for a raw ID token to check:
    /// the authorization request with `nonce` and PKCE, the sign-in as `sub`, the code's
    /// exchange.
    pub async fn id_token(
        &self,
        provider: &Provider,
        client: &Registered,
        sub: &str,
        nonce: &str,
    ) -> String {
        let verifier = "a-test-verifier-of-forty-three-characters-or-more";
        let challenge = {
            use base64::Engine;
            use sha2::Digest;
            base64::engine::general_purpose::URL_SAFE_NO_PAD
                .encode(sha2::Sha256::digest(verifier.as_bytes()))
        };
        let mut authorize = url::Url::parse(&format!("{}/auth", provider.issuer)).expect("a URL");
        authorize
            .query_pairs_mut()
            .append_pair("client_id", &client.client_id)
            .append_pair("response_type", "code")
            .append_pair("scope", "openid email profile")
            .append_pair("redirect_uri", REDIRECT_URI)
            .append_pair("state", "test-state")
            .append_pair("nonce", nonce)
            .append_pair("code_challenge", &challenge)
            .append_pair("code_challenge_method", "S256");
        let back = self.sign_in_as(authorize.as_str(), sub).await;
        let back = url::Url::parse(&format!("{APP}{back}")).expect("a URL");
        let code = back
            .query_pairs()
            .find(|(k, _)| k == "code")
            .map(|(_, v)| v.into_owned())
            .expect("a code");
        let answer: serde_json::Value = self
            .http
            .post(format!("{}/token", provider.issuer))
            .basic_auth(&client.client_id, Some(&client.client_secret))
            .form(&[
                ("grant_type", "authorization_code"),
                ("code", &code),
                ("redirect_uri", REDIRECT_URI),
                ("code_verifier", verifier),
            ])
            .send()
            .await
            .expect("the token endpoint")
            .json()
            .await
            .expect("a token answer");
        answer["id_token"].as_str().expect("an ID token").to_owned()
    }
}
