//! `/dev/mailbox`: every message the app "sent" while no `SMTP_URL` is set, newest first,
//! and each one as its recipient would see it, in the app's layout with a way back to Invites.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::{
    dev_mailbox::{MailView, dev_mail, dev_mailbox},
    error_sentence,
};
use crate::components::resource::load;
use crate::components::words::{relative, say, t};
use crate::domain::Message;

#[component]
fn BackToInvites() -> impl IntoView {
    view! { <p class="back-links"><a href="/modules/staff/invites">{t("mailbox-back")}</a></p> }
}

/// A page's title, after the product's name: `id` takes it as `{ $app }`.
fn page_title(message: Message) -> String {
    say(&message.text("app", t("app-title")))
}

#[component]
pub fn DevMailboxPage() -> impl IntoView {
    let mailbox = load(|| (), |_| dev_mailbox());
    view! {
        <Title text=page_title(Message::new("mailbox-page-title"))/>
        <section class="mailbox">
            <BackToInvites/>
            <h1>{t("mailbox-title")}</h1>
            <p class="lead">{t("mailbox-lead")}</p>
            <Suspense fallback=|| view! { <p>{t("mailbox-loading")}</p> }>
                {move || mailbox.get().map(|result| match result {
                    Ok(mailbox) if mailbox.mails.is_empty() => view! {
                        <p>{t("mailbox-empty")}</p>
                    }.into_any(),
                    Ok(mailbox) => view! {
                        <table class="mail-table">
                            <thead><tr>
                                <th scope="col">{t("mailbox-subject")}</th>
                                <th scope="col">{t("mailbox-to")}</th>
                                <th scope="col">{t("mailbox-sent")}</th>
                            </tr></thead>
                            <tbody>
                                {mailbox.mails.into_iter().map(|m| view! {
                                    <tr>
                                        <td><a href=format!("/dev/mailbox/{}", m.id)>{m.subject}</a></td>
                                        <td>{m.recipient}</td>
                                        <td><time title=m.sent.text>{relative(m.sent.at, mailbox.now)}</time></td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                    Err(e) => view! { <p class="alert" role="alert">{error_sentence(&e)}</p> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
pub fn DevMailPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|id| id.parse::<i64>().ok());
    let mail = load(id, |id| async move {
        match id {
            Some(id) => dev_mail(id).await,
            None => Ok(None),
        }
    });
    view! {
        <section class="mailbox">
            <p class="back-links">
                <a href="/dev/mailbox">{t("mailbox-all")}</a>
                <a href="/modules/staff/invites">{t("admin-invites")}</a>
            </p>
            <Suspense fallback=|| view! { <p>{t("mailbox-loading-message")}</p> }>
                {move || mail.get().map(|result| match result {
                    Ok(Some(mail)) => view! { <MailMessage mail/> }.into_any(),
                    Ok(None) => view! { <MessageNotFound/> }.into_any(),
                    Err(e) => view! { <p class="alert" role="alert">{error_sentence(&e)}</p> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn MessageNotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text=page_title(Message::new("mailbox-not-found-page-title"))/>
        <h1>{t("mailbox-not-found-title")}</h1>
        <p>{t("mailbox-not-found")}</p>
    }
}

#[component]
fn MailMessage(mail: MailView) -> impl IntoView {
    let line = mail.line;
    let body = match mail.text {
        Some(text) => view! {
            <h2>{t("mailbox-html")}</h2>
            <iframe class="mail-frame" sandbox="allow-popups allow-popups-to-escape-sandbox"
                title=t("mailbox-html-frame") src=format!("/dev/mailbox/{}/html", line.id)></iframe>
            <h2>{t("mailbox-text")}</h2>
            <pre class="mail-text">{linkified(&text)}</pre>
        }
        .into_any(),
        None => view! { <p class="notice">{t("mailbox-wiped")}</p> }.into_any(),
    };
    view! {
        <Title text=page_title(Message::new("mailbox-message-page-title").text("subject", &line.subject))/>
        <h1>{line.subject}</h1>
        <dl class="mail-meta">
            <dt>{t("mailbox-to")}</dt><dd>{line.recipient}</dd>
            <dt>{t("mailbox-sent")}</dt><dd>{line.sent.text}</dd>
        </dl>
        {body}
    }
}

/// The text part with each line that is a link made clickable, as a mail client would. The
/// links load their page afresh (`rel="external"`), as from a mail client: an invite page
/// runs its own script, not this app's.
fn linkified(text: &str) -> impl IntoView + use<> {
    text.split('\n')
        .map(|line| {
            let trimmed = line.trim();
            let view = if trimmed.starts_with("https://") || trimmed.starts_with("http://") {
                view! { <a href=trimmed.to_owned() rel="external">{trimmed.to_owned()}</a> }
                    .into_any()
            } else {
                line.to_owned().into_any()
            };
            view! { {view}"\n" }
        })
        .collect_view()
}
