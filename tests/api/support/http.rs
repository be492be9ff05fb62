//! The HTTP application in-process: its router over a test database, accounts to sign in
//! with, requests as a browser sends them, and invitations with their links.

use std::net::SocketAddr;

use axum::{
    Router,
    body::Body,
    extract::connect_info::MockConnectInfo,
    http::{HeaderMap, Request, header},
    response::Response,
};
use http_body_util::BodyExt;
use staff_onboarding::{
    domain::{Email, PasswordPolicy, PersonName, Role, Username},
    server::{
        auth::limits::RateConfig,
        config::Settings,
        passwords,
        startup::router,
        state::AppState,
        store::{Actor, NewUser},
    },
};
use tower::ServiceExt;

use crate::support::db::TestDb;

pub const PASSWORD: &str = "violet tram orbit kettle";
pub const ORIGIN: &str = "http://127.0.0.1:3000";

/// The form body of a sign-in with the test password.
pub fn credentials(login: &str) -> String {
    format!("login={login}&password={}", PASSWORD.replace(' ', "+"))
}

pub struct App {
    pub router: Router,
    pub state: AppState,
    _serial: tokio::sync::MutexGuard<'static, ()>,
}

pub async fn app(db: &TestDb, vars: &[(&str, &str)]) -> App {
    app_on_clock(db, vars, std::sync::Arc::new(staff_onboarding::server::clock::SystemClock)).await
}

/// `app`, its time told by `clock`.
pub async fn app_on_clock(
    db: &TestDb,
    vars: &[(&str, &str)],
    clock: std::sync::Arc<dyn staff_onboarding::server::clock::Clock>,
) -> App {
    let serial = crate::support::db::one_router_at_a_time().await;
    let url = db.url_string();
    let vars: Vec<(String, String)> =
        vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    let postgres = url.starts_with("postgres");
    let settings = Settings::from_lookup(|name| match name {
        "DATABASE_URL" => Some(url.clone()),
        // Postgres has no key file beside it; SQLite makes one beside the test database.
        "SECRET_KEY" if postgres => {
            Some("7e57000000000000000000000000000000000000000000000000000000007e57".into())
        }
        "LEPTOS_SITE_ROOT" => Some(std::env::temp_dir().display().to_string()),
        _ => vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()),
    })
    .unwrap();
    let state = AppState::with_clock(settings, db.store().await, clock).unwrap();
    state.sessions.migrate().await.expect("the session table");
    App { router: peered(&state), state, _serial: serial }
}

/// The router, with every request coming from PEER unless it says otherwise.
fn peered(state: &AppState) -> Router {
    router(state.clone()).layer(MockConnectInfo(PEER))
}

/// Where test requests come from, unless one carries its own `ConnectInfo`.
pub const PEER: SocketAddr =
    SocketAddr::new(std::net::IpAddr::V4(std::net::Ipv4Addr::new(10, 0, 0, 7)), 5555);

impl App {
    /// The same app under other rates.
    pub fn with_rates(mut self, rates: RateConfig) -> Self {
        self.state = self.state.with_rates(rates);
        self.router = peered(&self.state);
        self
    }

    /// The same app with its school accounts' provider (`OIDC_*` in its settings) read.
    pub async fn with_school(mut self) -> Self {
        self.state = self.state.with_school_sign_in().await.expect("the provider's discovery");
        self.router = peered(&self.state);
        self
    }

    /// An account `{username}@school.org` named "Test Person", password PASSWORD.
    pub async fn user(&self, username: &str, role: Role) {
        self.user_named(username, role, "Test Person").await;
    }

    pub async fn user_named(&self, username: &str, role: Role, full_name: &str) {
        let password = staff_onboarding::domain::Password::parse(
            PASSWORD,
            &PasswordPolicy::default(),
            &Default::default(),
        )
        .unwrap();
        let user = NewUser {
            email: Email::parse(&format!("{username}@school.org")).unwrap(),
            username: Username::parse(username).unwrap(),
            full_name: PersonName::parse(full_name).unwrap(),
            phone: None,
            role,
            password_hash: passwords::hash(&password).await.unwrap(),
        };
        self.state.store.insert_user(user, staff_onboarding::domain::Timestamp(0)).await.unwrap();
    }

    pub async fn send(&self, request: Request<Body>) -> Response {
        self.router.clone().oneshot(request).await.unwrap()
    }

    pub async fn get(&self, path: &str, cookie: Option<&str>) -> Response {
        let mut request = Request::get(path);
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        self.send(request.body(Body::empty()).unwrap()).await
    }

    pub async fn post_form(
        &self,
        path: &str,
        body: &str,
        cookie: Option<&str>,
        origin: Option<&str>,
    ) -> Response {
        // As a browser posts a form before the WASM has loaded.
        let mut request = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "text/html");
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        if let Some(origin) = origin {
            request = request.header(header::ORIGIN, origin);
        }
        self.send(request.body(Body::from(body.to_owned())).unwrap()).await
    }

    pub async fn post_json(&self, path: &str, body: &str, cookie: Option<&str>) -> Response {
        let mut request = Request::post(path)
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::ORIGIN, ORIGIN);
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        self.send(request.body(Body::from(body.to_owned())).unwrap()).await
    }

    /// Calls a server function as the hydrated page does (no `Accept: text/html`).
    pub async fn call(&self, path: &str, cookie: Option<&str>) -> Response {
        let mut request = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ORIGIN, ORIGIN);
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        self.send(request.body(Body::empty()).unwrap()).await
    }

    /// Posts a form as the hydrated page's server-function client does.
    pub async fn call_form(&self, path: &str, body: &str) -> Response {
        let request = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ORIGIN, ORIGIN)
            .body(Body::from(body.to_owned()))
            .unwrap();
        self.send(request).await
    }

    /// Signs in and returns the session cookie (`so_session=…`).
    pub async fn sign_in(&self, login: &str) -> String {
        let response =
            self.post_form("/api/sign_in", &credentials(login), None, Some(ORIGIN)).await;
        assert!(
            response.status().is_redirection() || response.status().is_success(),
            "sign-in: {}",
            response.status()
        );
        session_cookie(response.headers()).expect("a session cookie")
    }
}

/// Whether a Set-Cookie line sets the session cookie (`__Host-` prefixed on https).
fn is_session_cookie(line: &str) -> bool {
    line.starts_with("so_session=") || line.starts_with("__Host-so_session=")
}

pub fn session_cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| is_session_cookie(v))
        .map(|v| v.split(';').next().unwrap().to_owned())
}

pub fn set_cookie_line(headers: &HeaderMap) -> String {
    headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| is_session_cookie(v))
        .unwrap()
        .to_owned()
}

/// A page's HTML without its scripts: what it shows, and not the words it carries for its
/// script (`<script type="application/json" id="app-words">`), which hold every sentence the
/// page might show.
pub fn shown(html: &str) -> String {
    let mut html = html.to_owned();
    while let Some(start) = html.find("<script") {
        let end = html[start..].find("</script>").map_or(html.len(), |e| start + e + 9);
        html.replace_range(start..end, "");
    }
    html
}

pub async fn text(response: Response) -> String {
    String::from_utf8(response.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap()
}

/// Invites `email` as a Teacher; the invitation's id and the token of its emailed link.
pub async fn invite(app: &App, email: &str) -> (i64, String) {
    let invitation =
        app.state.invitations.invite(&Actor::system(), email, "Teacher").await.unwrap();
    let payload =
        app.state.store.outbox_for(invitation.id).await.unwrap().pop().unwrap().payload.unwrap();
    let link = app.state.invitations.link_in(&payload).unwrap();
    let token = link.rsplit_once("/invite/").unwrap().1.to_owned();
    (invitation.id, token)
}

/// The setup form as the page posts it, for `username`.
pub fn form(token: &str, username: &str) -> String {
    format!(
        "token={token}&full_name=Sam+Rivera&phone=%2B44+7700+900123&username={username}&password=violet+tram+orbit+kettle"
    )
}
