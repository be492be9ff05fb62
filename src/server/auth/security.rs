//! Request hygiene for every response: refuse cross-site state changes (CSRF), and send the
//! security headers.

use axum::{
    extract::{Request, State},
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use url::Url;

use crate::domain::Message;
use crate::server::i18n::{Tr, choice};

/// The site's own origin, from `PUBLIC_URL`.
#[derive(Debug, Clone)]
pub struct SiteOrigin {
    origin: String,
    https: bool,
    loopback_port: Option<u16>,
    /// Another origin this site's forms may lead to: the school's provider's sign-in page,
    /// which a "Continue with…" form's answer redirects to (`form-action` holds redirects).
    form_target: Option<String>,
}

impl SiteOrigin {
    pub fn new(public_url: &Url) -> Self {
        let origin = public_url.origin().ascii_serialization();
        let loopback = matches!(public_url.host_str(), Some("127.0.0.1" | "localhost" | "[::1]"));
        Self {
            origin,
            https: public_url.scheme() == "https",
            loopback_port: loopback.then(|| public_url.port_or_known_default()).flatten(),
            form_target: None,
        }
    }

    /// The same site, whose forms may also lead to `origin` (an ASCII serialised origin).
    pub fn with_form_target(mut self, origin: String) -> Self {
        self.form_target = Some(origin);
        self
    }

    /// Whether an `Origin` header names this site. On a developer's machine, 127.0.0.1,
    /// localhost and [::1] on the same port are one site.
    pub fn allows(&self, origin: &str) -> bool {
        if origin == self.origin {
            return true;
        }
        let Some(port) = self.loopback_port else { return false };
        Url::parse(origin).is_ok_and(|url| {
            matches!(url.host_str(), Some("127.0.0.1" | "localhost" | "[::1]"))
                && url.port_or_known_default() == Some(port)
        })
    }
}

/// Whether a state-changing request comes from our own pages. Browsers send `Origin` on
/// every POST and `Sec-Fetch-Site` on every request; a client that sends neither is not a
/// browser carrying someone's cookies, so there is nothing to forge. Under our
/// `Referrer-Policy: no-referrer` (the pages whose address holds a secret) a browser's form
/// post says `Origin: null`; then the browser-controlled `Sec-Fetch-Site` decides.
pub fn same_origin(headers: &HeaderMap, site: &SiteOrigin) -> bool {
    let origin = headers.get(header::ORIGIN).map(|v| v.to_str().unwrap_or("null"));
    if let Some(origin) = origin.filter(|o| *o != "null") {
        return site.allows(origin);
    }
    match headers.get("sec-fetch-site").map(HeaderValue::to_str) {
        Some(Ok("same-origin" | "none")) => true,
        Some(_) => false,
        // No Origin and no Sec-Fetch-Site: not a browser. An opaque origin with nothing else
        // (a sandboxed frame, say): refused.
        None => origin.is_none(),
    }
}

/// Middleware: 403 for a cross-site POST, PUT, PATCH or DELETE.
pub async fn csrf(State(site): State<SiteOrigin>, request: Request, next: Next) -> Response {
    let safe = matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if safe || same_origin(request.headers(), &site) {
        return next.run(request).await;
    }
    tracing::warn!(path = %request.uri().path(), "refused a cross-site request");
    (
        StatusCode::FORBIDDEN,
        "This request came from another site and was refused. Go back to the page and try again.",
    )
        .into_response()
}

/// How long a request's body may take to arrive, whatever its size: a client that opens an
/// upload and then trickles (or sends nothing) holds its memory no longer than this.
pub const BODY_READ_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(20);

/// How large a body `limit_for` allows for a request to a path, from whom: `true` when a
/// signed-in Super-Admin asks.
pub type BodyLimit = fn(&str, bool) -> usize;

/// Middleware: reads the body (at most `limit_for` its path and asker bytes, within
/// `BODY_READ_TIMEOUT`) before any page or server function sees it, so an oversized body gets
/// 413 whether or not it announced its length, and a slow one 408. It runs after the guard
/// has decided who is asking (`guard::Identity`): only a signed-in Super-Admin may send the
/// bulk invite's large bodies; anyone else is held to the small limit before a byte more is
/// read.
pub async fn limit_body(
    State(limit_for): State<BodyLimit>,
    request: Request,
    next: Next,
) -> Response {
    let super_admin = request
        .extensions()
        .get::<super::guard::Identity>()
        .and_then(|identity| identity.0.as_ref())
        .is_some_and(|user| user.role == crate::domain::Role::SuperAdmin);
    let limit = limit_for(request.uri().path(), super_admin);
    let too_large =
        || (StatusCode::PAYLOAD_TOO_LARGE, "That request is too large.").into_response();
    let announced = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if announced.is_some_and(|n| n > limit) {
        return too_large();
    }
    let (parts, body) = request.into_parts();
    match tokio::time::timeout(BODY_READ_TIMEOUT, axum::body::to_bytes(body, limit)).await {
        Ok(Ok(bytes)) => next.run(Request::from_parts(parts, axum::body::Body::from(bytes))).await,
        Ok(Err(_)) => too_large(),
        Err(_) => (
            StatusCode::REQUEST_TIMEOUT,
            "That request took too long to arrive. Check your connection and try again.",
        )
            .into_response(),
    }
}

/// Middleware: a server function whose arguments could not be read (broken JSON or form
/// bodies, missing fields, invalid UTF-8) answers 500 with server_fn's raw message. The
/// caller sent a malformed request, so it gets 400 and a sentence, in the same encoding.
pub async fn malformed_requests(
    State(school): State<Tr>,
    request: Request,
    next: Next,
) -> Response {
    const MALFORMED: [&str; 3] = ["Args|", "MissingArg|", "Deserialization|"];
    let api = request.uri().path().starts_with("/api/");
    let tr = choice::for_headers(request.uri().query(), request.headers(), None, school);
    let response = next.run(request).await;
    if !api || response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, tr.t("unexpected")).into_response();
    };
    let text = String::from_utf8_lossy(&bytes);
    let rewritten = if let Some(detail) = MALFORMED.iter().find_map(|p| text.strip_prefix(p)) {
        // The server-function error encoding: `Variant|message`.
        let sentence = tr.say(&Message::new("request-unreadable").text("detail", detail));
        Some(format!("ServerError|{sentence}"))
    } else if text.starts_with(r#"{"Malformed""#) {
        Some(text.into_owned()) // a typed error that already says so (the setup form's)
    } else {
        None
    };
    let Some(body) = rewritten else {
        return Response::from_parts(parts, axum::body::Body::from(bytes));
    };
    parts.status = StatusCode::BAD_REQUEST;
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, axum::body::Body::from(body))
}

/// The policy for what the app answers; `nonce` admits the page's own inline scripts.
pub fn content_security_policy(nonce: &str, form_target: Option<&str>) -> String {
    let form_target = form_target.map(|origin| format!(" {origin}")).unwrap_or_default();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'nonce-{nonce}'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
         object-src 'none'; base-uri 'self'; form-action 'self'{form_target}; \
         frame-ancestors 'none'"
    )
}

/// Invitation and sign-in links carry their secret in the path: their pages never send it on
/// as a Referer, not even to this site. Every other page sends its address to this site only
/// (never to another), so that a form posted without JavaScript comes back to its page with
/// its refusal (Leptos redirects a plain form's refusal to its Referer).
pub fn referrer_policy(path: &str) -> &'static str {
    if path.starts_with("/invite/") || path.starts_with("/sign-in/") {
        "no-referrer"
    } else {
        "same-origin"
    }
}

/// The built CSS, JS and WASM (`/pkg/…`, and the invite pages' `/light-pages/…`) and the
/// files of `public/`: the same for everyone, so caches may keep them. Everything else the
/// app answers may be personal.
fn is_static_asset(path: &str) -> bool {
    path.starts_with("/pkg/") || path.starts_with("/light-pages/") || path == "/favicon.svg"
}

/// Middleware: the security headers. Each request gets its own script nonce, in its
/// extensions: the app's pages render their inline scripts with it (`startup::router`
/// provides it to Leptos), and the Content-Security-Policy set here names it. The header
/// used to come from the page's own render (Leptos's `ResponseOptions`), and the Invites page
/// opened right after the first sign-up reached the browser without it in 5 of 95 runs; the
/// browser then refused the page's scripts. A response that set its own policy (an email preview) or frame policy
/// keeps it. Every page and server-function answer is `Cache-Control: no-store`: a shared
/// computer's back button, a proxy or a browser cache must never keep an account page, the
/// admin lists, a setup page with its link, or a message.
pub async fn headers(State(site): State<SiteOrigin>, mut request: Request, next: Next) -> Response {
    let asset = is_static_asset(request.uri().path());
    let referrer_policy = referrer_policy(request.uri().path());
    let nonce = leptos::nonce::Nonce::new();
    request.extensions_mut().insert(nonce.clone());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if !asset {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    headers.entry(header::CONTENT_SECURITY_POLICY).or_insert_with(|| {
        // A nonce is URL-safe base64: the policy stays ASCII.
        HeaderValue::from_str(&content_security_policy(&nonce, site.form_target.as_deref()))
            .or_else(|_| HeaderValue::from_str(&content_security_policy(&nonce, None)))
            .unwrap_or(HeaderValue::from_static("default-src 'none'"))
    });
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.entry(header::X_FRAME_OPTIONS).or_insert(HeaderValue::from_static("DENY"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static(referrer_policy));
    if site.https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=63072000; includeSubDomains"),
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The policy names the nonce the request carried to the page, whatever the page's own
    /// render did with its headers: here it sets none at all.
    #[tokio::test]
    async fn the_policy_names_the_nonce_the_page_was_given() {
        use axum::{Extension, Router, body::Body, middleware, routing::get};
        use leptos::nonce::Nonce;
        use tower::ServiceExt;

        async fn page(Extension(nonce): Extension<Nonce>) -> axum::response::Html<String> {
            axum::response::Html(format!("<script nonce=\"{nonce}\">hydrate()</script>"))
        }
        let site = SiteOrigin::new(&Url::parse("http://127.0.0.1:3000").unwrap());
        let app = Router::new()
            .route("/", get(page))
            .layer(middleware::from_fn_with_state(site, super::headers));
        let response = app.oneshot(Request::get("/").body(Body::empty()).unwrap()).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let policy =
            response.headers()[header::CONTENT_SECURITY_POLICY].to_str().unwrap().to_owned();
        let body = axum::body::to_bytes(response.into_body(), 10_000).await.unwrap();
        let html = String::from_utf8(body.to_vec()).unwrap();
        let nonce = html.split("nonce=\"").nth(1).unwrap().split('"').next().unwrap();
        assert!(nonce.len() >= 22, "128 bits: {nonce}");
        assert!(policy.contains(&format!("'nonce-{nonce}'")), "{policy}");
    }

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.insert(*k, HeaderValue::from_static(v));
        }
        map
    }

    #[test]
    fn only_our_origin_may_change_state() {
        let site = SiteOrigin::new(&"https://staff.school.org".parse().unwrap());
        assert!(same_origin(&headers(&[("origin", "https://staff.school.org")]), &site));
        assert!(!same_origin(&headers(&[("origin", "https://evil.example")]), &site));
        assert!(
            !same_origin(&headers(&[("origin", "http://staff.school.org")]), &site),
            "scheme counts"
        );
        assert!(!same_origin(&headers(&[("origin", "null")]), &site));
        assert!(same_origin(
            &headers(&[("origin", "null"), ("sec-fetch-site", "same-origin")]),
            &site
        ));
        assert!(!same_origin(
            &headers(&[("origin", "null"), ("sec-fetch-site", "cross-site")]),
            &site
        ));
        assert!(same_origin(&headers(&[("sec-fetch-site", "same-origin")]), &site));
        assert!(!same_origin(&headers(&[("sec-fetch-site", "cross-site")]), &site));
        assert!(!same_origin(&headers(&[("sec-fetch-site", "same-site")]), &site));
        assert!(same_origin(&headers(&[]), &site), "not a browser: no cookies to ride");
    }

    #[test]
    fn loopback_names_are_one_site_in_development() {
        let site = SiteOrigin::new(&"http://127.0.0.1:3000".parse().unwrap());
        assert!(site.allows("http://localhost:3000"));
        assert!(site.allows("http://127.0.0.1:3000"));
        assert!(!site.allows("http://localhost:3001"));
        assert!(!site.allows("http://evil.example:3000"));
    }
}
