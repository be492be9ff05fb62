//! The page for a link that does not work: what happened and what to do next, and nothing
//! about whose link it was. After a submit that raced the link's end, it also says that no
//! account was created and shows what the person entered when it is known: kept by the
//! server after a refused plain submit, or (`#not-saved`) filled in by the invite pages'
//! script from the submit it sent, so nothing is silently lost.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

use crate::api::setup::RequestNewLink;
use crate::domain::{LinkState, SetupDraft, invite_page};

#[component]
pub fn LinkProblem(state: LinkState, token: String, sent: Option<SetupDraft>) -> impl IntoView {
    let title = match &state {
        LinkState::Invalid => "This link isn't valid",
        LinkState::Expired { .. } => "This link has expired",
        LinkState::AlreadyUsed => "This link has already been used",
        LinkState::Superseded => "There is a newer link",
        LinkState::Revoked => "This invitation was withdrawn",
        LinkState::Valid { .. } => "",
    };
    let next_step = match &state {
        LinkState::AlreadyUsed => {
            view! { <p><a class="button" href="/login">"Sign in"</a></p> }.into_any()
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
            <p>{link_sentence(&state)}</p>
            {next_step}
        </section>
    }
}

/// The sentence for a link's state, also used in the form's error summary.
pub fn link_sentence(state: &LinkState) -> String {
    match state {
        LinkState::Valid { .. } => String::new(),
        LinkState::Invalid => {
            "This link isn't valid. Check that you copied the whole link from the email.".into()
        }
        LinkState::Expired { expired_at } => format!(
            "This link expired on {}. You can ask for a new one: your school's administrator \
             will be told, and the new link will come by email.",
            expired_at.text
        ),
        LinkState::AlreadyUsed => {
            "This link has already been used to set up an account. Sign in instead.".into()
        }
        LinkState::Superseded => {
            "A newer invitation was sent to you. Use the link in the most recent email.".into()
        }
        LinkState::Revoked => {
            "This invitation was withdrawn. Contact your school administrator.".into()
        }
    }
}

/// After a submit that came too late: no account, and what they typed (when known), to use
/// again.
#[component]
fn NotSaved(sent: Option<SetupDraft>) -> impl IntoView {
    let rows = sent.map(|sent| {
        [
            ("Email", sent.email.unwrap_or_default()),
            ("Full name", sent.full_name),
            ("Phone number", sent.phone),
            ("Username", sent.username),
        ]
    });
    let intro = match rows {
        Some(_) => {
            " The link stopped working before your details arrived. Here is what you \
                    entered, so you can use it again:"
        }
        None => " The link stopped working before your details arrived.",
    };
    view! {
        <div id=invite_page::NOT_SAVED class="notice" role="alert">
            <p><strong>"Your account was not created."</strong>{intro}</p>
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
            <p class="notice" role="status">
                "Thank you. Your school's administrator has been told. When they send you a new \
                 invitation, use the link in that email."
            </p>
        }
        .into_any();
    }
    view! {
        <form id=invite_page::NEW_LINK_FORM class="inline-form" method="post"
            action=RequestNewLink::url()>
            <input type="hidden" name=invite_page::TOKEN_FIELD value=token/>
            <button class="button" type="submit">"Ask for a new link"</button>
        </form>
    }
    .into_any()
}
