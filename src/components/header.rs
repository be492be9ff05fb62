//! The top bar: product name, who is signed in (with Sign out), and the theme switch.

use leptos::prelude::*;

use super::resource::load;
use super::theme_toggle::ThemeToggle;
use super::words::{say, t};
use crate::api::auth::{SignOut, current_user};
use crate::domain::Role;
use leptos::server_fn::ServerFn;

#[component]
pub fn Header() -> impl IntoView {
    // Asked again on every navigation: a redirect after any server call may have changed who
    // is signed in.
    let location = leptos_router::hooks::use_location();
    let user = load(move || location.pathname.get(), |_| current_user());
    view! {
        <a class="skip-link" href="#main">{t("skip-to-content")}</a>
        <header class="topbar">
            <Brand/>
            <div class="topbar-end">
                <Transition fallback=|| ()>
                    {move || user.get().map(|user| match user {
                        Ok(Some(user)) => view! {
                            {user.school.map(|school| view! { <span class="school">{school}</span> })}
                            {(user.role == Role::SuperAdmin).then(|| view! {
                                <nav class="topbar-nav" aria-label=t("page-nav-admin")>
                                    <a class="link-button" href="/modules/staff/invites">{t("page-nav-invites")}</a>
                                    {user.dev_mailbox.then(|| view! {
                                        <a class="link-button" href="/dev/mailbox">{t("page-nav-dev-mailbox")}</a>
                                    })}
                                </nav>
                            })}
                            <span class="who">
                                <a href="/account">{user.full_name}</a>
                                <span class="who-role">{say(&user.role.message())}</span>
                            </span>
                            <SignOutForm form_class="inline-form" button_class="link-button"/>
                        }.into_any(),
                        _ => view! { <a class="link-button" href="/login">{t("page-sign-in")}</a> }.into_any(),
                    })}
                </Transition>
                <ThemeToggle/>
            </div>
        </header>
    }
}

/// "Sign out": a plain form, which the server answers by ending the session and sending the
/// browser to the sign-in page, a page load either way. No script is needed for it, so none
/// is shipped: an `ActionForm` here put its form-reading code in every dashboard page's WASM.
#[component]
pub fn SignOutForm(
    #[prop(optional)] form_class: Option<&'static str>,
    button_class: &'static str,
) -> impl IntoView {
    view! {
        <form method="post" action=SignOut::PATH class=form_class>
            <button class=button_class type="submit">{t("page-sign-out")}</button>
        </form>
    }
}

/// The product's mark and name, linking home.
#[component]
fn Brand() -> impl IntoView {
    view! {
        <a class="brand" href="/">
            <span class="brand-mark" aria-hidden="true">"SO"</span>
            <span class="brand-name">{t("app-title")}</span>
        </a>
    }
}

/// The top bar of the invite pages, in the page's language (their words come with the
/// link's answer, after the app's own header would have rendered): the invitee has no
/// account yet, so no one to show as signed in.
#[component]
pub fn InviteHeader() -> impl IntoView {
    view! {
        <a class="skip-link" href="#main">{t("skip-to-content")}</a>
        <header class="topbar">
            <Brand/>
            <div class="topbar-end">
                <ThemeToggle/>
            </div>
        </header>
    }
}
