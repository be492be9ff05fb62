//! What every server function needs from the request: the app state, the client's address,
//! the session, and the one access check (`require`).

use axum::http::StatusCode;
use leptos::prelude::*;
use leptos_axum::ResponseOptions;
use tower_sessions::Session;

use crate::domain::{Message, Sentence};
use crate::server::{
    auth::{Access, CurrentUser, client_ip::ClientIp, guard},
    i18n::Tr,
    state::AppState,
};

/// Ends a server function with `status` and a sentence for the person.
pub fn fail(status: StatusCode, message: impl std::fmt::Display) -> ServerFnError {
    // A browser's own form post from one of our pages (no JavaScript) goes back to that
    // page, the refusal in the address, which the page shows: the redirect's status must
    // stand (post/redirect/get). Any other client gets the status.
    if let Some(response) = use_context::<ResponseOptions>()
        && !returns_to_its_page()
    {
        response.set_status(status);
    }
    ServerFnError::new(message.to_string())
}

/// Whether a refusal goes back to the page the form was on: a browser's own form post that
/// says which page (its Referer; `security::referrer_policy` sends it to this site only).
fn returns_to_its_page() -> bool {
    is_plain_form_post()
        && use_context::<axum::http::request::Parts>()
            .is_some_and(|parts| parts.headers.contains_key(axum::http::header::REFERER))
}

/// Sends a plain form's refusal back to `page`, for a page whose address holds a secret and so
/// sends no Referer (`security::referrer_policy`), with Leptos's error fields, as a form's
/// refusal goes back to its Referer. A call from a script is untouched.
pub fn refused_back_to<S: leptos::server_fn::ServerFn>(
    page: &str,
    error: ServerFnError,
) -> ServerFnError {
    use leptos::server_fn::error::ServerFnUrlError;
    // Any base does: only the path and query are kept.
    let absolute = format!("http://site{page}");
    if is_plain_form_post()
        && let Ok(url) = ServerFnUrlError::new(S::PATH, error.clone()).to_url(&absolute)
    {
        let _ = redirect_or_refuse(&format!("{}?{}", url.path(), url.query().unwrap_or_default()));
    }
    error
}

/// Ends a server function with `status` and `why`, said in the language of the request
/// (the person's pick, their browser's, else the school's: `i18n::choice`).
pub fn refuse(status: StatusCode, why: &impl Sentence) -> ServerFnError {
    fail(status, request_language().say(&why.message()))
}

/// `refuse` in a given language: the Super-Admin's dashboard speaks English for now
/// (`i18n::DASHBOARD`).
pub fn refuse_in(tr: Tr, status: StatusCode, why: &impl Sentence) -> ServerFnError {
    fail(status, tr.say(&why.message()))
}

/// The language to answer this request in, and of the pages that hydrate: the person's pick
/// (`?lang=` or its cookie) > the signed-in account's language > the browser's > the
/// school's (`i18n::choice`).
pub fn request_language() -> Tr {
    let school =
        use_context::<AppState>().map_or_else(Tr::english, |state| state.settings.school_language);
    let parts = use_context::<axum::http::request::Parts>();
    let own = parts
        .as_ref()
        .and_then(|parts| parts.extensions.get::<guard::Identity>())
        .and_then(|guard::Identity(user)| user.as_ref()?.language.as_ref())
        .and_then(Tr::find);
    crate::server::i18n::choice::for_request(parts.as_ref(), own, school)
}

/// Logs an unexpected failure once, here at the edge, and tells the person only that it
/// failed. A failing database (down, full, read-only) is a 503 with a sentence saying so.
pub fn unexpected(error: impl Into<anyhow::Error>) -> ServerFnError {
    let error = error.into();
    if let Some(outage) = outage(&error) {
        tracing::warn!(error = %format!("{error:#}"), "the database is failing");
        return refuse(StatusCode::SERVICE_UNAVAILABLE, &outage);
    }
    tracing::error!(error = %format!("{error:#}"), "server function failed");
    refuse(StatusCode::INTERNAL_SERVER_ERROR, &Message::new("unexpected"))
}

/// Whether a store failure somewhere in `error`'s chain is the database failing.
pub fn outage(error: &anyhow::Error) -> Option<crate::server::store::Outage> {
    use crate::server::store::{Outage, StoreError};
    error.chain().find_map(|cause| {
        if let Some(store) = cause.downcast_ref::<StoreError>() {
            return store.outage();
        }
        if let Some(sessions) = cause.downcast_ref::<tower_sessions::session::Error>() {
            return matches!(sessions, tower_sessions::session::Error::Store(_))
                .then_some(Outage::Unreachable);
        }
        None
    })
}

pub fn app_state() -> Result<AppState, ServerFnError> {
    use_context::<AppState>()
        .ok_or_else(|| unexpected(anyhow::anyhow!("AppState missing from the context")))
}

pub async fn session() -> Result<Session, ServerFnError> {
    leptos_axum::extract::<Session>().await.map_err(unexpected)
}

/// Why a redirect was not sent: the target can't be a header value, or would be read as a
/// place on another site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{}", crate::server::i18n::english(self))]
pub struct BadRedirect;

impl Sentence for BadRedirect {
    fn message(&self) -> Message {
        Message::new("page-redirect-refused")
    }
}

/// Sends the browser on to `path`, the one way server functions redirect.
/// `leptos_axum::redirect` panics on a value that can't be a header (a newline, say), which
/// ends the connection with no answer; this refuses such a value with a 400 and a sentence.
pub fn redirect(path: &str) -> Result<(), ServerFnError> {
    redirect_or_refuse(path).map_err(|refused| refuse(StatusCode::BAD_REQUEST, &refused))
}

/// Sends the browser back to `page` saying `notice` there (`staff_pages::done`): how a
/// change made with a plain form ends (post/redirect/get), so the page that loads says what
/// happened, with or without its script.
pub fn done(page: &str, notice: &'static str) -> Result<(), ServerFnError> {
    redirect(&crate::domain::staff_pages::done::address(page, notice))
}

/// `redirect` for server functions with their own error type: the status is set to 400 here,
/// and the caller turns the refusal into its error. The value is checked last, as the
/// browser will read it: resolved against `PUBLIC_URL`, it must stay on this site's origin
/// (the JavaScript client follows the same header).
pub fn redirect_or_refuse(path: &str) -> Result<(), BadRedirect> {
    use crate::server::auth::redirects::location_on_site;
    let on_site = use_context::<AppState>()
        .is_some_and(|state| location_on_site(path, &state.settings.public_url));
    if !on_site {
        tracing::warn!("refused a redirect that would leave the site or can't be a header");
        if let Some(response) = use_context::<ResponseOptions>() {
            response.set_status(StatusCode::BAD_REQUEST);
        }
        return Err(BadRedirect);
    }
    #[allow(clippy::disallowed_methods)] // checked above
    leptos_axum::redirect(path);
    Ok(())
}

/// Whether the request is a browser's own form post (no JavaScript): it wants a page back,
/// so errors go back to the form with a redirect rather than as a status and JSON.
pub fn is_plain_form_post() -> bool {
    use_context::<axum::http::request::Parts>()
        .and_then(|parts| {
            parts.headers.get(axum::http::header::ACCEPT)?.to_str().ok().map(str::to_owned)
        })
        .is_some_and(|accept| accept.contains("text/html"))
}

/// The client's address (see `client_ip::resolve`), the key of per-address limits.
pub fn client_ip() -> ClientIp {
    use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<ClientIp>().copied())
        .unwrap_or(ClientIp(std::net::Ipv6Addr::UNSPECIFIED.into()))
}

/// The signed-in account, or `None`.
pub async fn current_user() -> Result<Option<CurrentUser>, ServerFnError> {
    let axum::Extension(guard::Identity(user)) =
        leptos_axum::extract::<axum::Extension<guard::Identity>>().await.map_err(unexpected)?;
    Ok(user)
}

/// The access check every protected server function starts with: 401 for nobody, 403 for
/// the wrong role.
pub async fn require(access: Access) -> Result<(AppState, CurrentUser), ServerFnError> {
    let state = app_state()?;
    let user = current_user().await?;
    match guard::check(user.as_ref(), access) {
        Ok(user) => Ok((state, user.clone())),
        Err(denied) => Err(refuse(denied.status(), &denied)),
    }
}
