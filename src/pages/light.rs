//! What the light pages after setup share (sign-in, getting back in, the account): the
//! passkey block their script (`crates/light-pages`) enhances, and the notice a plain form's
//! change comes back with (`?done=…`). Every other part of these pages is a plain form.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::error_sentence;
use crate::components::words::{say, t};
use crate::domain::Message;
use crate::domain::staff_pages::{self, Ceremony, done};

/// The paths the script calls are these server functions' own: checked here, when the app
/// compiles, so a renamed endpoint can't leave the script calling the old one.
const _: () = {
    use crate::api::account::{AddPasskeyBegin, AddPasskeyFinish};
    use crate::api::passkeys::{PasskeySignInBegin, PasskeySignInFinish};
    use crate::api::recovery::{RecoverPasskeyBegin, RecoverPasskeyFinish};
    use crate::pages::invite::same;
    use leptos::server_fn::ServerFn;
    use staff_pages as p;
    assert!(same(<PasskeySignInBegin as ServerFn>::PATH, p::PASSKEY_SIGN_IN_BEGIN));
    assert!(same(<PasskeySignInFinish as ServerFn>::PATH, p::PASSKEY_SIGN_IN_FINISH));
    assert!(same(<AddPasskeyBegin as ServerFn>::PATH, p::ADD_PASSKEY_BEGIN));
    assert!(same(<AddPasskeyFinish as ServerFn>::PATH, p::ADD_PASSKEY_FINISH));
    assert!(same(<RecoverPasskeyBegin as ServerFn>::PATH, p::RECOVER_PASSKEY_BEGIN));
    assert!(same(<RecoverPasskeyFinish as ServerFn>::PATH, p::RECOVER_PASSKEY_FINISH));
};

/// A passkey ceremony's block: rendered hidden, and shown by the page's script once it finds
/// that this browser can do the ceremony. `children` come before its button; `or_after` puts
/// "or" after it, before the page's other way.
#[component]
pub fn PasskeyBlock(
    ceremony: Ceremony,
    label: String,
    /// A sign-in link's secret, for `Ceremony::Recover`.
    #[prop(optional)]
    token: Option<String>,
    #[prop(optional)] primary: bool,
    #[prop(optional)] or_after: bool,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    // The recovery page's (its main way) is boxed like the setup form's; a second way
    // beside a form (sign-in, the account's list) is not.
    let (class, button) = match primary {
        true => ("passkey-way", "button"),
        false => ("passkey-sign-in", "button secondary"),
    };
    view! {
        <div id=staff_pages::PASSKEY_BLOCK hidden=true data-ceremony=ceremony.name()
            data-token=token>
            <div class=class>
                {children.map(|children| children())}
                <p id=staff_pages::PASSKEY_PROBLEM class="alert" role="alert" hidden=true></p>
                <button id=staff_pages::PASSKEY_BUTTON class=button type="button">{label}</button>
            </div>
            {or_after.then(|| view! { <p class="divider"><span>{t("page-or")}</span></p> })}
        </div>
    }
}

/// What a plain form's `action` was refused with, as the page says it: the refusal came back
/// in the page's address, which `ServerAction` reads when the page renders.
pub fn refusal<S>(action: ServerAction<S>) -> Option<impl IntoView + use<S>>
where
    S: leptos::server_fn::ServerFn<Error = ServerFnError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    let error = action.value().get_untracked()?.err()?;
    Some(view! { <p class="alert" role="alert">{error_sentence(&error)}</p> })
}

/// Whether the page was sent back here saying `id` (`done::address`), and nothing refused
/// since (a refusal comes back to the same address, with its own fields added).
pub fn is_done(id: &'static str) -> bool {
    let query = use_query_map().read_untracked();
    query.get("__err").is_none() && query.get("done").and_then(|raw| done::find(&raw)) == Some(id)
}

/// The notice `message` says, if the page was sent back here saying its id.
pub fn done_notice(message: Message) -> Option<impl IntoView> {
    let id = done::find(&message.id)?;
    is_done(id).then(|| view! { <p class="notice" role="status">{say(&message)}</p> })
}

/// `done_notice` for a notice without arguments.
pub fn done_said(id: &'static str) -> Option<impl IntoView> {
    done_notice(Message::new(id))
}
