//! The top bar: product name and the theme switch.

use leptos::prelude::*;

use super::theme_toggle::ThemeToggle;

#[component]
pub fn Header() -> impl IntoView {
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <header class="topbar">
            <a class="brand" href="/">
                <span class="brand-mark" aria-hidden="true">"SO"</span>
                <span class="brand-name">"Staff onboarding"</span>
            </a>
            <ThemeToggle/>
        </header>
    }
}
