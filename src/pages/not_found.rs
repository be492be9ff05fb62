//! The page for any path the app does not know, answered with status 404.

use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }

    view! {
        <section class="message-page">
            <h1>"Page not found"</h1>
            <p>"There is nothing at this address. Check the link, or go back to the start."</p>
            <p><a class="button" href="/">"Go to the start page"</a></p>
        </section>
    }
}
