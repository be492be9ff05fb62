//! The one access guard. Pages are guarded by path (`PROTECTED_PAGES`, checked by
//! `page_guard`), server functions by `crate::api::guard::require`; both ask `check`.

use axum::{
    extract::{Request, State},
    http::StatusCode,
    middleware::Next,
    response::{Html, IntoResponse, Response},
};
use tower_sessions::Session;

use super::{
    identity::CurrentUser,
    sessions::{SESSION_EPOCH, SIGNED_IN_AT, signed_in_session},
};
use crate::domain::Role;
use crate::server::{
    i18n::Tr,
    mail::web::escape,
    state::AppState,
    store::{Outage, Store, StoreError},
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Any signed-in account.
    SignedIn,
    /// Super-Admins only: the admin module.
    SuperAdmin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denied {
    Unauthenticated,
    Forbidden,
}

impl crate::domain::Sentence for Denied {
    fn message(&self) -> crate::domain::Message {
        crate::domain::Message::new(match self {
            Denied::Unauthenticated => "sign-in-needed",
            Denied::Forbidden => "page-super-admin-only",
        })
    }
}

crate::domain::displayed_by_identifier!(Denied);

impl Denied {
    pub fn status(self) -> StatusCode {
        match self {
            Denied::Unauthenticated => StatusCode::UNAUTHORIZED,
            Denied::Forbidden => StatusCode::FORBIDDEN,
        }
    }
}

/// The rule itself: the account let in, or why not.
pub fn check(user: Option<&CurrentUser>, access: Access) -> Result<&CurrentUser, Denied> {
    match (user, access) {
        (None, _) => Err(Denied::Unauthenticated),
        (Some(user), Access::SignedIn) => Ok(user),
        (Some(user), Access::SuperAdmin) if user.role == Role::SuperAdmin => Ok(user),
        (Some(_), Access::SuperAdmin) => Err(Denied::Forbidden),
    }
}

/// The account signed in on this session, if any: the session is younger than
/// `max_lifetime`, and the account still exists, is not deactivated, and its sessions have
/// not been ended since this one signed in (its epoch is the session's). A session that fails
/// this has ended, and is deleted. The session and its account come from one read; the
/// record's renewal time comes back with the account, for `keep_alive`.
pub async fn signed_in_user(
    session: &Session,
    store: &Store,
    now: crate::domain::Timestamp,
    max_lifetime: std::time::Duration,
) -> Result<Option<(CurrentUser, i64)>, StoreError> {
    let Some((record, user)) = signed_in_session(session, store).await? else {
        return Ok(None);
    };
    let value = |key: &str| record.data.get(key).and_then(serde_json::Value::as_i64);
    let lifetime = i64::try_from(max_lifetime.as_millis()).unwrap_or(i64::MAX);
    let within_lifetime = value(SIGNED_IN_AT).is_some_and(|at| now.0.saturating_sub(at) < lifetime);
    let epoch = value(SESSION_EPOCH).unwrap_or(0);
    if !within_lifetime || user.deactivated_at.is_some() || user.session_epoch != epoch {
        // Best effort: if the delete fails, the next request is refused the same way.
        let _ = session.flush().await;
        return Ok(None);
    }
    Ok(Some((user.into(), value(RENEWED_AT).unwrap_or(0))))
}

/// The signed-in account of this request (or none), set by `page_guard`.
#[derive(Debug, Clone)]
pub struct Identity(pub Option<CurrentUser>);

/// Every page that needs an account, by path prefix. Anything else is public: each page route
/// of the app must be under one of these or in `PUBLIC_PAGES` (tests/api/page_access.rs).
pub const PROTECTED_PAGES: &[(&str, Access)] = &[
    ("/modules", Access::SuperAdmin),
    ("/dev/mailbox", Access::SuperAdmin),
    ("/account", Access::SignedIn),
];

/// The page routes anyone may open, on purpose: the home page (which sends a visitor on to
/// sign in or to their pages), the sign-in page and its "forgot" page, and the invite and
/// sign-in link pages, which their link guards.
pub const PUBLIC_PAGES: &[&str] =
    &["/", "/login", "/login/forgot", "/invite/:token", "/sign-in/:token"];

pub fn page_access(path: &str) -> Option<Access> {
    PROTECTED_PAGES
        .iter()
        .find(|(prefix, _)| path == *prefix || path.starts_with(&format!("{prefix}/")))
        .map(|(_, access)| *access)
}

/// The session key holding when a signed-in session was last renewed (Unix seconds).
const RENEWED_AT: &str = "renewed_at";

/// Renews a signed-in session's idle expiry when it was last renewed (`renewed`) more than a
/// tenth of the idle timeout ago (at most 5 minutes): the session store only saves a session
/// that changed, so without this an active session would end `idle` after sign-in. One write
/// per interval, not per request.
async fn keep_alive(session: &Session, renewed: i64, idle: std::time::Duration) {
    let interval = (idle / 10).min(std::time::Duration::from_secs(300)).as_secs() as i64;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    if now - renewed >= interval {
        let _ = session.insert(RENEWED_AT, now).await;
    }
}

/// Middleware: refuses a protected page with 401 (and a way to sign in) or 403.
pub async fn page_guard(
    State(state): State<AppState>,
    session: Session,
    mut request: Request,
    next: Next,
) -> Response {
    // Who is asking, resolved once per request, before any page or server function runs:
    // they read `Identity` and never touch the session's lock themselves.
    let (now, lifetime) = (state.clock.now(), state.settings.session_max_lifetime);
    let signed_in = match signed_in_user(&session, state.store.as_ref(), now, lifetime).await {
        Ok(signed_in) => signed_in,
        Err(error) => {
            tracing::error!(%error, "could not load the signed-in account");
            let outage = error.outage().unwrap_or(Outage::Unreachable);
            let parts_language = crate::server::i18n::choice::for_headers(
                request.uri().query(),
                request.headers(),
                None,
                state.settings.school_language,
            );
            let sentence = parts_language.say(&crate::domain::Sentence::message(&outage));
            return (StatusCode::SERVICE_UNAVAILABLE, sentence).into_response();
        }
    };
    if let Some((_, renewed)) = &signed_in {
        keep_alive(&session, *renewed, state.settings.session_idle_timeout).await;
    }
    let user = signed_in.map(|(user, _)| user);
    request.extensions_mut().insert(Identity(user.clone()));
    let Some(access) = page_access(request.uri().path()) else { return next.run(request).await };
    match check(user.as_ref(), access) {
        Ok(_) => next.run(request).await,
        Err(denied) => {
            let own = user.as_ref().and_then(|user| user.language.as_ref()).and_then(Tr::find);
            let tr = crate::server::i18n::choice::for_headers(
                request.uri().query(),
                request.headers(),
                own,
                state.settings.school_language,
            );
            refusal_page(denied, request.uri().path_and_query().map_or("/", |p| p.as_str()), tr)
        }
    }
}

fn refusal_page(denied: Denied, wanted: &str, tr: Tr) -> Response {
    let t = |id: &str| escape(&tr.t(id));
    let (title, body) = match denied {
        Denied::Unauthenticated => {
            let target = format!(
                "/login?next={}",
                url::form_urlencoded::byte_serialize(wanted.as_bytes()).collect::<String>()
            );
            let target = escape(&target);
            (
                t("sign-in-to-continue"),
                format!(
                    "<meta http-equiv=\"refresh\" content=\"0; url={target}\">\
                     <h1>{}</h1><p>{}</p><p><a class=\"button\" href=\"{target}\">{}</a></p>",
                    t("sign-in-to-continue"),
                    t("page-needs-sign-in"),
                    t("page-sign-in"),
                ),
            )
        }
        Denied::Forbidden => (
            t("page-no-access-title"),
            format!(
                "<h1>{}</h1><p>{}</p><p><a class=\"button\" href=\"/account\">{}</a></p>",
                t("page-no-access-title"),
                t("page-no-access"),
                t("page-no-access-account"),
            ),
        ),
    };
    let (lang, dir) = (tr.tag(), tr.dir());
    let html = format!(
        "<!DOCTYPE html><html lang=\"{lang}\" dir=\"{dir}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title>\
         <link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">\
         <link rel=\"stylesheet\" href=\"/pkg/staff-onboarding.css\"></head>\
         <body><main class=\"page message-page\">{body}</main></body></html>"
    );
    (denied.status(), Html(html)).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn protected_prefixes_match_whole_segments() {
        assert_eq!(page_access("/modules/staff/invites"), Some(Access::SuperAdmin));
        assert_eq!(page_access("/modules"), Some(Access::SuperAdmin));
        assert_eq!(page_access("/dev/mailbox/3/html"), Some(Access::SuperAdmin));
        assert_eq!(page_access("/account"), Some(Access::SignedIn));
        assert_eq!(page_access("/modulesx"), None);
        assert_eq!(page_access("/login"), None);
        assert_eq!(page_access("/"), None);
    }
}
