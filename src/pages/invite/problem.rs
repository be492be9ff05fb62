//! The page for a link that does not work: what happened and what to do next, and nothing
//! about whose link it was. After a submit that raced the link's end, it also says that no
//! account was created and shows what the person entered when it is known: kept by the
//! server after a refused plain submit, or (`#not-saved`) filled in by the invite pages'
//! script from the submit it sent, so nothing is silently lost.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

use crate::api::setup::RequestNewLink;
use crate::components::words::{say, t};
use crate::domain::{LinkState, Message, SetupDraft, invite_page};

#[component]
pub fn LinkProblem(state: LinkState, token: String, sent: Option<SetupDraft>) -> impl IntoView {
    let title = t(match &state {
        LinkState::Invalid => "link-invalid-title",
        LinkState::Expired { .. } => "link-expired-title",
        LinkState::AlreadyUsed => "link-used-title",
        LinkState::Superseded => "link-superseded-title",
        LinkState::Revoked | LinkState::Valid { .. } => "link-revoked-title",
    });
    let next_step = match &state {
        LinkState::AlreadyUsed => {
            view! { <p><a class="button" href="/login">{t("link-sign-in")}</a></p> }.into_any()
        }
        LinkState::Expired { .. } => view! { <AskForNewLink token/> }.into_any(),
        _ => ().into_any(),
    };
    // A refused post without JavaScript comes back with `?not_created=1` and no values: an
    // anonymous post for a dead link keeps nothing on the server.
    let not_created = use_query_map().read_untracked().get("not_created").is_some();
    let not_saved = (sent.is_some() || not_created).then(|| view! { <NotSaved sent/> });
    view! {
        <section class="message-page">
            <h1>{title}</h1>
            {not_saved}
            <p>{say(&link_sentence(&state))}</p>
            {next_step}
        </section>
    }
}

/// The sentence for a link's state, also used in the form's error summary.
pub fn link_sentence(state: &LinkState) -> Message {
    match state {
        LinkState::Valid { .. } | LinkState::Invalid => Message::new("link-invalid"),
        LinkState::Expired { expired_at } => {
            Message::new("link-expired").text("when", expired_at.text.clone())
        }
        LinkState::AlreadyUsed => Message::new("link-used"),
        LinkState::Superseded => Message::new("link-superseded"),
        LinkState::Revoked => Message::new("link-revoked"),
    }
}

/// After a submit that came too late: no account, and what they typed (when known), to use
/// again.
#[component]
fn NotSaved(sent: Option<SetupDraft>) -> impl IntoView {
    let rows = sent.map(|sent| {
        [
            (t("field-email"), sent.email.unwrap_or_default()),
            (t("field-full-name"), sent.full_name),
            (t("field-phone"), sent.phone),
            (t("field-username"), sent.username),
        ]
    });
    let intro =
        format!(" {}", t(if rows.is_some() { "not-saved-with-details" } else { "not-saved" }));
    view! {
        <div id=invite_page::NOT_SAVED class="notice" role="alert">
            <p><strong>{t("not-saved-title")}</strong>{intro}</p>
            {rows.map(|rows| view! {
                <dl class="details">
                    {rows
                        .into_iter()
                        .filter(|(_, value)| !value.trim().is_empty())
                        .map(|(label, value)| view! { <dt>{label}</dt><dd>{value}</dd> })
                        .collect_view()}
                </dl>
            })}
        </div>
    }
}

/// A plain form: the server answers the same whatever happens, and sends the browser back
/// here with `?asked=1`.
#[component]
fn AskForNewLink(token: String) -> impl IntoView {
    let asked = use_query_map().read_untracked().get("asked").is_some();
    if asked {
        return view! {
            <p class="notice" role="status">{t("link-new-asked")}</p>
        }
        .into_any();
    }
    view! {
        <form id=invite_page::NEW_LINK_FORM class="inline-form" method="post"
            action=RequestNewLink::url()>
            <input type="hidden" name=invite_page::TOKEN_FIELD value=token/>
            <button class="button" type="submit">{t("link-ask-new")}</button>
        </form>
    }
    .into_any()
}
