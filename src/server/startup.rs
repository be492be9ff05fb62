//! Builds the HTTP application and runs it until SIGTERM or Ctrl-C.

use axum::{
    Router,
    body::Body,
    http::{HeaderName, Request},
    middleware,
    routing::get,
};
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list};
use tower::ServiceBuilder;
use tower_http::{
    compression::CompressionLayer,
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    trace::TraceLayer,
};

use std::{sync::Arc, time::Duration};

use super::{
    auth::{client_ip, guard, security, sessions},
    config::ConfigError,
    export, health,
    mail::{
        self, MailTransport,
        dev_mailbox::DevMailbox,
        sender::{OutboxConfig, OutboxSender},
        smtp::SmtpMailer,
    },
    state::AppState,
    telemetry::loggable_path,
};
use crate::app::{App, shell};

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Request bodies beyond this get 413: no form or call of ours comes near it, but for the
/// bulk invite's two calls below.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// The bulk invite's calls carry up to `MAX_BULK_ROWS` (1,000) rows, each an address of up to
/// 254 characters with its line and role: about 330 KB at most, as JSON.
pub const MAX_BULK_BODY_BYTES: usize = 512 * 1024;

/// Sends at once, and connections kept open, to the SMTP relay.
const SMTP_CONNECTIONS: u32 = 32;

/// How large a request body to `path` may be, from a signed-in Super-Admin or anyone else.
fn body_limit(path: &str, super_admin: bool) -> usize {
    match path {
        "/api/start_bulk_invite" | "/api/check_invite_emails" if super_admin => MAX_BULK_BODY_BYTES,
        _ => MAX_BODY_BYTES,
    }
}

/// The whole application as a router, so tests can call it without a socket.
pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let options = state.leptos_options.clone();

    let mut app = Router::new()
        .route("/healthz", get(health::healthz))
        .merge(export::routes())
        .merge(crate::api::school::trips::routes());
    if state.settings.mail.smtp_url.is_none() {
        app = app.merge(mail::web::routes());
    }
    let context = {
        let state = state.clone();
        move || {
            provide_context(state.clone());
            provide_request_nonce();
        }
    };
    app.leptos_routes_with_context(&state, routes, context.clone(), move || shell(options.clone()))
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(context, shell))
        .layer(
            // Outermost first: a request passes these top to bottom.
            ServiceBuilder::new()
                .layer(middleware::from_fn_with_state(
                    state.settings.proxies.clone(),
                    client_ip::resolve,
                ))
                .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
                .layer(
                    TraceLayer::new_for_http()
                        .make_span_with(request_span)
                        .on_response(log_refusals),
                )
                .layer(PropagateRequestIdLayer::new(REQUEST_ID))
                .layer(CompressionLayer::new().br(true).gzip(true))
                .layer(middleware::from_fn_with_state(state.site.clone(), security::headers))
                .layer(middleware::from_fn_with_state(state.site.clone(), security::csrf))
                .layer(sessions::layer(&state.settings, state.sessions.clone()))
                .layer(middleware::from_fn_with_state(state.clone(), guard::page_guard))
                // After the guard: the limit depends on who is asking.
                .layer(middleware::from_fn_with_state(
                    body_limit as security::BodyLimit,
                    security::limit_body,
                ))
                .layer(middleware::from_fn_with_state(
                    state.settings.school_language,
                    security::malformed_requests,
                ))
                .layer(middleware::from_fn(crate::server::i18n::choice::remember_pick)),
        )
        .with_state(state)
}

/// Renders the page's inline scripts with the nonce `security::headers` gave this request
/// and names in its policy, in place of the one Leptos drew.
fn provide_request_nonce() {
    let nonce = use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<leptos::nonce::Nonce>().cloned());
    if let Some(nonce) = nonce {
        provide_context(nonce);
    }
}

fn request_span(request: &Request<Body>) -> tracing::Span {
    let id = request.headers().get(REQUEST_ID).and_then(|v| v.to_str().ok()).unwrap_or("-");
    let client = request.extensions().get::<client_ip::ClientIp>().map(|c| c.0);
    tracing::info_span!(
        "request",
        method = %request.method(),
        path = %loggable_path(request.uri().path()),
        client = %client.map_or_else(|| "-".to_owned(), |ip| ip.to_string()),
        request_id = %id,
    )
}

/// Logs each request a rate limit refused, inside its span (so with its client's address);
/// other answers are not logged one by one.
fn log_refusals<B>(response: &axum::http::Response<B>, _latency: Duration, _span: &tracing::Span) {
    if response.status() == axum::http::StatusCode::TOO_MANY_REQUESTS {
        tracing::info!("refused by a rate limit");
    }
}

/// Serves until a shutdown signal, letting in-flight requests finish.
pub async fn serve(state: AppState) -> anyhow::Result<()> {
    use anyhow::Context;

    let addr = state.settings.site_addr();
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("could not listen on {addr} (LEPTOS_SITE_ADDR)"))?;
    tracing::info!(
        "serving on http://{addr} with {} (public URL {})",
        state.store.backend(),
        state.settings.public_url
    );
    announce_first_admin_link(&state).await?;
    let store = state.store.clone();
    let sender = Arc::new(OutboxSender::new(
        store.clone(),
        transport(&state)?,
        state.clock.clone(),
        OutboxConfig { lease: state.settings.outbox_lease, ..OutboxConfig::default() },
        state.settings.school(),
        state.sealer.clone(),
        state.outbox_wake.clone(),
    ));
    let (stop_sender, stopped) = tokio::sync::watch::channel(false);
    let sender_task = tokio::spawn(sender.run(stopped.clone()));
    let bulk_task = tokio::spawn(state.bulk.clone().run(stopped.clone()));
    let digests_task = tokio::spawn(state.digests.clone().run(stopped));
    let housekeeping = tokio::spawn(housekeeping(state.clone()));

    let app = router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app).with_graceful_shutdown(shutdown_signal()).await?;
    housekeeping.abort();

    // Requests are done; let the sender finish (or release) what it has in flight.
    // A bulk job stopped between rows resumes when its lease runs out, here or elsewhere.
    let _ = stop_sender.send(true);
    let _ = sender_task.await;
    let _ = bulk_task.await;
    let _ = digests_task.await;
    store.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// With no Super-Admin yet, prints the link that creates the first one (to the log and the
/// console), so a newcomer goes from `make run` straight to their admin account.
async fn announce_first_admin_link(state: &AppState) -> anyhow::Result<()> {
    if let Some(link) = state.invitations.bootstrap().await? {
        let life = crate::domain::time::duration_in_words(state.settings.invite_ttl);
        tracing::warn!(
            "no Super-Admin yet: create the first one at {link} (works once, for {life})"
        );
        println!(
            "\n  No Super-Admin exists yet. Open this link to create the first one\n  (it works once, for {life}):\n\n    {link}\n"
        );
    }
    Ok(())
}

/// Deletes expired sessions, forgets idle rate-limit keys and old sign-in devices, and wipes
/// the dev mailbox's messages of expired invitations, every minute or so.
async fn housekeeping(state: AppState) {
    let sessions =
        tokio::spawn(state.sessions.clone().delete_expired_every(Duration::from_secs(600)));
    let dev_mailbox = state.settings.mail.smtp_url.is_none();
    loop {
        tokio::time::sleep(Duration::from_secs(60)).await;
        if let Err(error) = state.limits.forget_idle().await {
            tracing::warn!(%error, "could not delete spent rate-limit rows");
        }
        if let Err(error) = state.sign_in.sweep_devices().await {
            tracing::warn!(%error, "could not forget old sign-in devices");
        }
        let now = state.clock.now();
        let links_before = now.minus(crate::server::services::recovery::SIGN_IN_LINK_LIFETIME);
        if dev_mailbox
            && let Err(error) = state.store.wipe_expired_dev_mail(now, links_before).await
        {
            tracing::warn!(%error, "could not wipe the dev mailbox's expired messages");
        }
        if sessions.is_finished() {
            break;
        }
    }
}

/// SMTP when `SMTP_URL` is set, else the development mailbox.
pub fn transport(state: &AppState) -> Result<Arc<dyn MailTransport>, ConfigError> {
    let mail = &state.settings.mail;
    Ok(match &mail.smtp_url {
        Some(url) => Arc::new(
            // As many sends at once as the sender's rounds had before they grew to 128: a
            // relay sees no more connections than it did, and mail drains as fast.
            SmtpMailer::from_url(url, mail.from.clone(), SMTP_CONNECTIONS)
                .map_err(|problem| ConfigError { var: "SMTP_URL", problem })?,
        ),
        None => {
            tracing::info!("no SMTP_URL: email goes to the dev mailbox at /dev/mailbox");
            Arc::new(DevMailbox::new(
                state.store.clone(),
                state.clock.clone(),
                state.sealer.clone(),
            ))
        }
    })
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();

    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutdown signal received; finishing in-flight requests");
}
