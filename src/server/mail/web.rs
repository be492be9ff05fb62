//! The development mailbox pages at `/dev/mailbox`, mounted only when no `SMTP_URL` is set:
//! every message the app "sent", newest first, each shown as the recipient would see it
//! while its invitation is Pending (its body is wiped after that).

use axum::{
    Router,
    extract::{Path, State},
    http::{StatusCode, header},
    response::{Html, IntoResponse, Response},
    routing::get,
};

use super::dev_mailbox::{OpenedMail, open};
use crate::server::{state::AppState, store::DevMail};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/dev/mailbox", get(list))
        .route("/dev/mailbox/{id}", get(show))
        .route("/dev/mailbox/{id}/html", get(html_part))
}

async fn list(State(state): State<AppState>) -> Response {
    let mails = match state.store.list_dev_mail(200).await {
        Ok(mails) => mails,
        Err(e) => return unavailable(e),
    };
    let now = state.clock.now();
    let rows: String = mails
        .iter()
        .map(|m| {
            format!(
                "<tr><td><a href=\"/dev/mailbox/{id}\">{subject}</a></td><td>{to}</td>\
                 <td title=\"{exact}\">{ago}</td></tr>",
                id = m.id,
                subject = escape(&m.subject),
                to = escape(&m.recipient),
                exact = state.settings.school_zone.wording(m.created_at),
                ago = m.created_at.relative_to(now),
            )
        })
        .collect();
    let body = if mails.is_empty() {
        "<p>No messages yet. Invitations appear here as soon as they are sent.</p>".to_owned()
    } else {
        format!(
            "<table class=\"mail-table\"><thead><tr><th scope=\"col\">Subject</th>\
             <th scope=\"col\">To</th><th scope=\"col\">Sent</th></tr></thead><tbody>{rows}</tbody></table>"
        )
    };
    page(
        "Dev mailbox",
        &format!(
            "<h1>Dev mailbox</h1><p class=\"lead\">No SMTP server is configured (<code>SMTP_URL</code>), \
         so email lands here instead of being sent.</p>{body}"
        ),
    )
}

async fn show(State(state): State<AppState>, Path(id): Path<i64>) -> Response {
    let (mail, opened) = match find(&state, id).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let body = match opened {
        Some(opened) => format!(
            "<h2>HTML part</h2>\
             <iframe class=\"mail-frame\" sandbox=\"allow-popups allow-popups-to-escape-sandbox\" \
              title=\"The email as HTML\" src=\"/dev/mailbox/{id}/html\"></iframe>\
             <h2>Text part</h2><pre class=\"mail-text\">{text}</pre>",
            text = linkify(&escape(&opened.text)),
        ),
        None => WIPED.to_owned(),
    };
    page(
        &mail.subject,
        &format!(
            "<p><a href=\"/dev/mailbox\">← All messages</a></p>\
         <h1>{subject}</h1>\
         <dl class=\"mail-meta\"><dt>To</dt><dd>{to}</dd><dt>Sent</dt><dd>{at}</dd></dl>{body}",
            subject = escape(&mail.subject),
            to = escape(&mail.recipient),
            at = state.settings.school_zone.wording(mail.created_at),
        ),
    )
}

const WIPED: &str = "<p class=\"notice\">This message's body was removed when its invitation stopped \
     being Pending (accepted, revoked or expired), so no working link stays in the database.</p>";

/// The policy of an email's HTML part, shown in the sandboxed frame of its page: no script
/// at all, no fetches, inline styles as mail clients allow, and only this site may frame it.
const MAIL_FRAME_POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; \
     base-uri 'none'; form-action 'none'; frame-ancestors 'self'; \
     sandbox allow-popups allow-popups-to-escape-sandbox";

async fn html_part(State(state): State<AppState>, Path(id): Path<i64>) -> Response {
    let opened = match find(&state, id).await {
        Ok((_, opened)) => opened,
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

async fn find(state: &AppState, id: i64) -> Result<(DevMail, Option<OpenedMail>), Response> {
    match state.store.find_dev_mail(id).await {
        Ok(Some(mail)) => match open(&state.sealer, &mail) {
            Ok(opened) => Ok((mail, opened)),
            Err(e) => Err(unavailable(e)),
        },
        Ok(None) => Err((
            StatusCode::NOT_FOUND,
            page(
                "Message not found",
                "<h1>Message not found</h1><p><a href=\"/dev/mailbox\">Back to the mailbox</a></p>",
            ),
        )
            .into_response()),
        Err(e) => Err(unavailable(e)),
    }
}

fn unavailable(error: impl std::fmt::Display) -> Response {
    tracing::error!(%error, "dev mailbox unavailable");
    (StatusCode::SERVICE_UNAVAILABLE, "The mailbox could not be read. Try again shortly.")
        .into_response()
}

fn page(title: &str, main: &str) -> Response {
    Html(format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} · Staff onboarding</title>\
         <link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">\
         <link rel=\"stylesheet\" href=\"/pkg/staff-onboarding.css\"></head>\
         <body><main class=\"page\">{main}</main></body></html>",
        title = escape(title)
    ))
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

/// Makes the (already escaped) links in a text part clickable.
fn linkify(escaped: &str) -> String {
    escaped
        .split('\n')
        .map(|line| {
            let trimmed = line.trim();
            if trimmed.starts_with("http://") || trimmed.starts_with("https://") {
                format!("<a href=\"{trimmed}\">{trimmed}</a>")
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}
