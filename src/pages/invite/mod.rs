//! `/invite/{token}`: the invitee's setup page, and a clear page for every link that does
//! not work. Opening it changes nothing; only submitting the form uses the link.

mod form;
mod problem;
mod username;

use leptos::prelude::*;
use leptos_meta::{Html, Title};
use leptos_router::hooks::use_params_map;

use crate::api::error_sentence;
use crate::api::setup::invitation_link;
use crate::components::header::InviteHeader;
use crate::components::words::{LanguageSwitch, WordsScript};
use crate::domain::{LinkState, invite_page};

use form::SetupForm;
use problem::LinkProblem;

/// Whether two strings are equal, when the app compiles.
pub(crate) const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The paths the invite pages' script calls are these server functions' own: checked here,
/// when the app compiles, so a renamed endpoint can't leave the script calling the old one.
const _: () = {
    use crate::api::passkeys::{PasskeySetupBegin, PasskeySetupFinish};
    use crate::api::setup::{AcceptInvitation, CheckUsername, InvitationOpened};
    use crate::domain::invite_page;
    use leptos::server_fn::ServerFn;
    assert!(same(<InvitationOpened as ServerFn>::PATH, invite_page::INVITATION_OPENED));
    assert!(same(<AcceptInvitation as ServerFn>::PATH, invite_page::ACCEPT_INVITATION));
    assert!(same(<CheckUsername as ServerFn>::PATH, invite_page::CHECK_USERNAME));
    assert!(same(<PasskeySetupBegin as ServerFn>::PATH, invite_page::PASSKEY_SETUP_BEGIN));
    assert!(same(<PasskeySetupFinish as ServerFn>::PATH, invite_page::PASSKEY_SETUP_FINISH));
};

#[component]
pub fn InvitePage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let link = Resource::new(token, invitation_link);
    // "Set a password or passkey instead" of the school account this browser came back with.
    let own_way =
        move || leptos_router::hooks::use_query_map().read().get("way").as_deref() == Some("own");

    view! {
        <Suspense fallback=|| ()>
            {move || link.get().map(|result| match result {
                Ok(view) => {
                    let words = view.words.clone();
                    crate::components::words::provide_words(words.clone());
                    let title = words.t(match view.state {
                        LinkState::Valid { .. } => "setup-title",
                        LinkState::Invalid => "link-invalid-title",
                        LinkState::Expired { .. } => "link-expired-title",
                        LinkState::AlreadyUsed => "link-used-title",
                        LinkState::Superseded => "link-superseded-title",
                        LinkState::Revoked => "link-revoked-title",
                    });
                    let page = match view.state {
                    LinkState::Valid { email, expires_at, choose_email, .. } => {
                        view! {
                            <SetupForm
                                token=token()
                                email
                                choose_email
                                lead=view.lead.clone()
                                expires_at
                                school=view.school
                                password_policy=view.password_policy
                                refused=view.refused
                                passkeys=view.passkeys
                                school_accounts=view.school_accounts.map(|mut offer| {
                                    if own_way() {
                                        offer.verified = None;
                                    }
                                    offer
                                })
                            />
                        }
                        .into_any()
                    }
                    other => view! {
                        <LinkProblem
                            state=other
                            token=token()
                            sent=view.refused.map(|refused| refused.draft)
                        />
                    }
                    .into_any(),
                    };
                    view! {
                        <Html {..} lang=words.lang.clone() dir=words.dir.clone()/>
                        <Title text=format!("{title} – {}", words.t("app-title"))/>
                        <InviteHeader/>
                        <main id="main" class="page">
                            <LanguageSwitch/>
                            {page}
                        </main>
                        <WordsScript words id=invite_page::WORDS/>
                    }
                    .into_any()
                }
                // The server could not answer (too many requests, the database down): its
                // sentence is in the language the request asked for.
                Err(error) => view! {
                    <main id="main" class="page">
                        <section class="message-page">
                            <p>{error_sentence(&error)}</p>
                        </section>
                    </main>
                }
                .into_any(),
            })}
        </Suspense>
    }
}
