//! `/dev/mailbox`: every message the app "sent" while no `SMTP_URL` is set, newest first,
//! and each one as its recipient would see it, in the app's layout with a way back to Invites.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::{
    dev_mailbox::{MailView, dev_mail, dev_mailbox},
    error_sentence,
};

const WIPED: &str = "This message's body was removed when its invitation stopped being Pending \
     (accepted, revoked or expired), so no working link stays in the database.";

#[component]
fn BackToInvites() -> impl IntoView {
    view! { <p class="back-links"><a href="/modules/staff/invites">"← Invites"</a></p> }
}

#[component]
pub fn DevMailboxPage() -> impl IntoView {
    let mailbox = Resource::new(|| (), |_| dev_mailbox());
    view! {
        <Title text="Dev mailbox · Staff onboarding"/>
        <section class="mailbox">
            <BackToInvites/>
            <h1>"Dev mailbox"</h1>
            <p class="lead">"No SMTP server is configured (" <code>"SMTP_URL"</code>
                "), so email lands here instead of being sent."</p>
            <Suspense fallback=|| view! { <p>"Loading the mailbox…"</p> }>
                {move || mailbox.get().map(|result| match result {
                    Ok(mailbox) if mailbox.mails.is_empty() => view! {
                        <p>"No messages yet. Invitations appear here as soon as they are sent."</p>
                    }.into_any(),
                    Ok(mailbox) => view! {
                        <table class="mail-table">
                            <thead><tr>
                                <th scope="col">"Subject"</th>
                                <th scope="col">"To"</th>
                                <th scope="col">"Sent"</th>
                            </tr></thead>
                            <tbody>
                                {mailbox.mails.into_iter().map(|m| view! {
                                    <tr>
                                        <td><a href=format!("/dev/mailbox/{}", m.id)>{m.subject}</a></td>
                                        <td>{m.recipient}</td>
                                        <td><time title=m.sent.text>{m.sent.at.relative_to(mailbox.now)}</time></td>
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
    let mail = Resource::new(id, |id| async move {
        match id {
            Some(id) => dev_mail(id).await,
            None => Ok(None),
        }
    });
    view! {
        <section class="mailbox">
            <p class="back-links">
                <a href="/dev/mailbox">"← All messages"</a>
                <a href="/modules/staff/invites">"Invites"</a>
            </p>
            <Suspense fallback=|| view! { <p>"Loading the message…"</p> }>
                {move || mail.get().map(|result| match result {
                    Ok(Some(mail)) => view! { <Message mail/> }.into_any(),
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
        <Title text="Message not found · Staff onboarding"/>
        <h1>"Message not found"</h1>
        <p>"There is no message with this number. It may be older than the mailbox keeps."</p>
    }
}

#[component]
fn Message(mail: MailView) -> impl IntoView {
    let line = mail.line;
    let body = match mail.text {
        Some(text) => view! {
            <h2>"HTML part"</h2>
            <iframe class="mail-frame" sandbox="allow-popups allow-popups-to-escape-sandbox"
                title="The email as HTML" src=format!("/dev/mailbox/{}/html", line.id)></iframe>
            <h2>"Text part"</h2>
            <pre class="mail-text">{linkified(&text)}</pre>
        }
        .into_any(),
        None => view! { <p class="notice">{WIPED}</p> }.into_any(),
    };
    view! {
        <Title text=format!("{} · Staff onboarding", line.subject)/>
        <h1>{line.subject}</h1>
        <dl class="mail-meta">
            <dt>"To"</dt><dd>{line.recipient}</dd>
            <dt>"Sent"</dt><dd>{line.sent.text}</dd>
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
