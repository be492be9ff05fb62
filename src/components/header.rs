//! The top bar: product name, who is signed in (with Sign out), and the theme switch.

use leptos::prelude::*;

use super::theme_toggle::ThemeToggle;
use crate::api::auth::{SignIn, SignOut, current_user};
use crate::domain::Role;

#[component]
pub fn Header() -> impl IntoView {
    let sign_in = expect_context::<ServerAction<SignIn>>();
    let sign_out = expect_context::<ServerAction<SignOut>>();
    // Asked again whenever someone signs in or out on this page, and on every navigation:
    // the setup form signs its new account in and moves on to the account page, and a
    // redirect after any server call may have changed who is signed in.
    let location = leptos_router::hooks::use_location();
    let user = Resource::new(
        move || (sign_in.version().get(), sign_out.version().get(), location.pathname.get()),
        |_| current_user(),
    );
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <header class="topbar">
            <a class="brand" href="/">
                <span class="brand-mark" aria-hidden="true">"SO"</span>
                <span class="brand-name">"Staff onboarding"</span>
            </a>
            <div class="topbar-end">
                <Transition fallback=|| ()>
                    {move || user.get().map(|user| match user {
                        Ok(Some(user)) => view! {
                            {user.school.map(|school| view! { <span class="school">{school}</span> })}
                            {(user.role == Role::SuperAdmin).then(|| view! {
                                <nav class="topbar-nav" aria-label="Admin">
                                    <a class="link-button" href="/modules/staff/invites">"Invites"</a>
                                    {user.dev_mailbox.then(|| view! {
                                        <a class="link-button" href="/dev/mailbox">"Dev mailbox"</a>
                                    })}
                                </nav>
                            })}
                            <span class="who">
                                <a href="/account">{user.full_name}</a>
                                <span class="who-role">{user.role.label()}</span>
                            </span>
                            <ActionForm action=sign_out attr:class="inline-form">
                                <button class="link-button" type="submit">"Sign out"</button>
                            </ActionForm>
                        }.into_any(),
                        _ => view! { <a class="link-button" href="/login">"Sign in"</a> }.into_any(),
                    })}
                </Transition>
                <ThemeToggle/>
            </div>
        </header>
    }
}
