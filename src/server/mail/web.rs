//! The HTML part of a dev mailbox message, mounted only when no `SMTP_URL` is set, for the
//! sandboxed frame of its page (`pages::dev_mailbox`, which lists and shows the messages).

use axum::{
    Router,
    extract::{Path, State},
    http::{StatusCode, header},
    response::{IntoResponse, Response},
    routing::get,
};

use super::dev_mailbox::{OpenedMail, open};
use crate::server::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/dev/mailbox/{id}/html", get(html_part))
}

const WIPED: &str = "<p>This message's body was removed when its invitation stopped being \
     Pending (accepted, revoked or expired), so no working link stays in the database.</p>";

/// The policy of an email's HTML part, shown in the sandboxed frame of its page: no script
/// at all, no fetches, inline styles as mail clients allow, and only this site may frame it.
const MAIL_FRAME_POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; \
     base-uri 'none'; form-action 'none'; frame-ancestors 'self'; \
     sandbox allow-popups allow-popups-to-escape-sandbox";

async fn html_part(State(state): State<AppState>, Path(id): Path<i64>) -> Response {
    let opened = match find(&state, id).await {
        Ok(opened) => opened,
        Err(response) => return response,
    };
    // Links open in a new tab, as they would from a mail client.
    let html =
        opened.map_or_else(|| WIPED.to_owned(), |opened| with_links_in_new_tabs(&opened.html));
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CONTENT_SECURITY_POLICY, MAIL_FRAME_POLICY),
            (header::X_FRAME_OPTIONS, "SAMEORIGIN"),
        ],
        html,
    )
        .into_response()
}

/// The email's HTML with a `<base target="_blank">`, so every link opens in a new tab.
fn with_links_in_new_tabs(html: &str) -> String {
    const BASE: &str = "<base target=\"_blank\">";
    match html.find("<head>") {
        Some(at) => format!("{}{BASE}{}", &html[..at + 6], &html[at + 6..]),
        None => format!("{BASE}{html}"),
    }
}

async fn find(state: &AppState, id: i64) -> Result<Option<OpenedMail>, Response> {
    match state.store.find_dev_mail(id).await {
        Ok(Some(mail)) => open(&state.sealer, &mail).map_err(unavailable),
        Ok(None) => Err((StatusCode::NOT_FOUND, "No message with this number.").into_response()),
        Err(e) => Err(unavailable(e)),
    }
}

fn unavailable(error: impl std::fmt::Display) -> Response {
    tracing::error!(%error, "dev mailbox unavailable");
    (StatusCode::SERVICE_UNAVAILABLE, "The mailbox could not be read. Try again shortly.")
        .into_response()
}

/// HTML-escapes text for element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}
