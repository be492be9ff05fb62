//! The development mailbox's server functions (`/dev/mailbox`): what the app "sent" while no
//! `SMTP_URL` is set, for a Super-Admin to read. With SMTP configured there is no mailbox.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

use crate::domain::{LocalTime, Timestamp};

/// One line of the mailbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailLine {
    pub id: i64,
    pub subject: String,
    pub recipient: String,
    pub sent: LocalTime,
}

/// The mailbox, newest first, and the server's clock for "5 minutes ago".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mailbox {
    pub mails: Vec<MailLine>,
    pub now: Timestamp,
}

/// One message as its recipient would read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailView {
    pub line: MailLine,
    /// The text part; `None` once its invitation stopped being Pending and it was wiped.
    pub text: Option<String>,
}

#[server(prefix = "/api", endpoint = "dev_mailbox")]
pub async fn dev_mailbox() -> Result<Mailbox, ServerFnError> {
    use super::guard::{require, unexpected};
    use crate::server::auth::Access;

    let (state, _admin) = require(Access::SuperAdmin).await?;
    no_smtp(&state)?;
    let mails = state.store.list_dev_mail(200).await.map_err(unexpected)?;
    let mails = mails.into_iter().map(|m| line_of(m, &state.settings.school_zone)).collect();
    Ok(Mailbox { mails, now: state.clock.now() })
}

/// One message, or `None` when there is none with this id.
#[server(prefix = "/api", endpoint = "dev_mail", input = Json)]
pub async fn dev_mail(id: i64) -> Result<Option<MailView>, ServerFnError> {
    use super::guard::{require, unexpected};
    use crate::server::{auth::Access, mail::dev_mailbox::open};

    let (state, _admin) = require(Access::SuperAdmin).await?;
    no_smtp(&state)?;
    let Some(mail) = state.store.find_dev_mail(id).await.map_err(unexpected)? else {
        return Ok(None);
    };
    let opened = open(&state.sealer, &mail).map_err(unexpected)?;
    let line = line_of(mail, &state.settings.school_zone);
    Ok(Some(MailView { line, text: opened.map(|o| o.text) }))
}

/// A kept message's line in the mailbox, its time on the school's clocks.
#[cfg(feature = "ssr")]
fn line_of(
    mail: crate::server::store::DevMail,
    zone: &crate::server::school::SchoolZone,
) -> MailLine {
    MailLine {
        id: mail.id,
        subject: mail.subject,
        recipient: mail.recipient,
        sent: zone.local(mail.created_at),
    }
}

/// Refuses when email goes out by SMTP: then nothing is kept to show.
#[cfg(feature = "ssr")]
fn no_smtp(state: &crate::server::state::AppState) -> Result<(), ServerFnError> {
    match state.settings.mail.smtp_url {
        None => Ok(()),
        Some(_) => Err(super::guard::refuse_in(
            crate::server::i18n::Tr::english(),
            axum::http::StatusCode::NOT_FOUND,
            &crate::domain::Message::new("mailbox-none"),
        )),
    }
}
