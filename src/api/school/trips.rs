//! The trip to the school's provider and back, as plain routes: a form post from a page
//! sends the browser to the provider, and the provider sends it back to `RETURN_PATH` with
//! a code and the trip's `state`. The session keeps the `state` in between, so only the
//! browser that left can come back. Every answer is a redirect to a page that says, in the
//! reader's language, what came of it.

use axum::{
    Extension, Router,
    extract::{Form, Query, State, rejection::FormRejection, rejection::QueryRejection},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use serde::Deserialize;
use tower_sessions::Session;

use crate::domain::Sentence;
use crate::server::{
    auth::{CurrentUser, client_ip::ClientIp, guard::Identity, redirects::landing, sessions},
    i18n::{Tr, choice},
    services::school::{Arrival, RETURN_PATH, SchoolRefusal, Start},
    state::AppState,
};

/// Where the pages' "Continue with…" forms post.
pub const START_PATH: &str = crate::domain::invite_page::SCHOOL_START;

/// The session key holding the `state` of this browser's trip in progress.
const TRIP_KEY: &str = "school_trip";

pub fn routes() -> Router<AppState> {
    Router::new().route(START_PATH, post(start)).route(RETURN_PATH, get(arrive))
}

/// A "Continue with…" form: what the trip is for.
#[derive(Deserialize)]
pub struct StartForm {
    /// `setup`, `sign_in` or `link`.
    purpose: String,
    /// Setup: the link's secret.
    #[serde(default)]
    token: Option<String>,
    /// Sign-in: where to go after.
    #[serde(default)]
    next: Option<String>,
    /// Setup: "Use another account" (the provider asks which).
    #[serde(default)]
    again: Option<String>,
}

/// What the provider sends back (RFC 6749 §4.1.2): a code and the state, or an error.
#[derive(Deserialize)]
pub struct Returned {
    #[serde(default)]
    state: Option<String>,
    #[serde(default)]
    code: Option<String>,
}

/// A page to go back to, with a notice the page words (`domain::school_notice`).
fn back_to(page: &str, notice: &str) -> Response {
    let joiner = if page.contains('?') { '&' } else { '?' };
    Redirect::to(&format!("{page}{joiner}school={notice}")).into_response()
}

/// The word for `refusal` on the sign-in and account pages, which have no room for
/// addresses: each of `school_notice::ALL`.
fn notice(refusal: &SchoolRefusal) -> &'static str {
    match refusal {
        SchoolRefusal::Stale => "school-stale",
        SchoolRefusal::Cancelled => "school-cancelled",
        SchoolRefusal::Unknown => "school-unknown",
        SchoolRefusal::Deactivated => "sign-in-deactivated",
        SchoolRefusal::Taken => "school-account-elsewhere",
        SchoolRefusal::Limited(_) => "school-limited",
        SchoolRefusal::Claims(_) | SchoolRefusal::Mismatch { .. } => "school-address-refused",
        SchoolRefusal::Store(_) => "school-failed",
        SchoolRefusal::Refused(_) | SchoolRefusal::Link(_) => "school-refused",
    }
}

/// A "Continue with…" form that wasn't sent whole: 400, in the reader's language.
fn refused_request(state: &AppState, headers: &HeaderMap, user: Option<&CurrentUser>) -> Response {
    let own = user.and_then(|user| user.language.as_ref()).and_then(Tr::find);
    let tr = choice::for_headers(None, headers, own, state.settings.school_language);
    (StatusCode::BAD_REQUEST, tr.t("school-form-unreadable")).into_response()
}

async fn start(
    State(state): State<AppState>,
    Extension(Identity(user)): Extension<Identity>,
    Extension(client): Extension<ClientIp>,
    session: Session,
    headers: HeaderMap,
    form: Result<Form<StartForm>, FormRejection>,
) -> Response {
    let Ok(Form(form)) = form else { return refused_request(&state, &headers, user.as_ref()) };
    let Some(school) = state.school.clone() else { return back_to("/login", "school-not-offered") };
    let (start, page) = match (form.purpose.as_str(), &form.token, &user) {
        ("setup", Some(token), _) => (
            Start::Setup { token, again: form.again.is_some() },
            crate::api::setup::setup_page(token),
        ),
        ("sign_in", _, _) => (Start::SignIn { next: form.next.as_deref() }, "/login".to_owned()),
        ("link", _, Some(user)) => (Start::Link { user_id: user.id }, "/account".to_owned()),
        ("link", _, None) => return Redirect::to("/login?next=%2Faccount").into_response(),
        _ => return refused_request(&state, &headers, user.as_ref()),
    };
    match school.depart(start, client).await {
        Ok(departure) => {
            if let Err(error) = session.insert(TRIP_KEY, &departure.state).await {
                tracing::error!(%error, "could not keep a school sign-in's state in the session");
                return back_to(&page, "school-failed");
            }
            Redirect::to(departure.url.as_str()).into_response()
        }
        Err(refusal) => {
            log(&refusal);
            match (&form.purpose[..], &form.token) {
                ("setup", Some(token)) => {
                    super::kept::keep_refusal(&session, token, refusal.message()).await;
                    Redirect::to(&page).into_response()
                }
                _ => back_to(&page, notice(&refusal)),
            }
        }
    }
}

async fn arrive(
    State(state): State<AppState>,
    Extension(client): Extension<ClientIp>,
    session: Session,
    returned: Result<Query<Returned>, QueryRejection>,
) -> Response {
    let Some(school) = state.school.clone() else { return back_to("/login", "school-not-offered") };
    let Ok(Query(returned)) = returned else { return back_to("/login", "school-stale") };
    let kept: Option<String> = session.remove(TRIP_KEY).await.ok().flatten();
    let Some(trip) = returned.state else { return back_to("/login", "school-stale") };
    let arrival = school.arrive(&trip, kept.as_deref(), returned.code.as_deref(), client).await;
    match arrival {
        Err(refusal) => {
            log(&refusal);
            back_to("/login", notice(&refusal))
        }
        Ok(Arrival::Setup { token, outcome }) => {
            match outcome {
                Ok(identity) => super::kept::keep_identity(&session, &token, identity).await,
                Err(refusal) => {
                    log(&refusal);
                    super::kept::keep_refusal(&session, &token, refusal.message()).await;
                }
            }
            Redirect::to(&crate::api::setup::setup_page(&token)).into_response()
        }
        Ok(Arrival::SignIn { next, outcome }) => match outcome {
            Ok(user) => {
                let target = landing(next.as_deref(), user.role, &state.settings.public_url);
                let began =
                    sessions::begin(&session, user.id, user.session_epoch, state.clock.now()).await;
                match began {
                    Ok(()) => Redirect::to(&target).into_response(),
                    Err(error) => {
                        tracing::error!(%error, "could not start a session after a school sign-in");
                        back_to("/login", "school-failed")
                    }
                }
            }
            Err(refusal) => {
                log(&refusal);
                back_to("/login", notice(&refusal))
            }
        },
        Ok(Arrival::Link { outcome }) => match outcome {
            Ok(_) => back_to("/account", "school-linked"),
            Err(refusal) => {
                log(&refusal);
                back_to("/account", notice(&refusal))
            }
        },
    }
}

fn log(refusal: &SchoolRefusal) {
    match refusal {
        SchoolRefusal::Store(error) => tracing::error!(%error, "a school sign-in failed"),
        other => tracing::info!(refusal = %other, "a school sign-in came to nothing"),
    }
}
