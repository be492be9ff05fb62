//! The page for any path the app does not know, answered with status 404.

use leptos::prelude::*;

use crate::components::words::t;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }

    view! {
        <section class="message-page">
            <h1>{t("page-not-found-title")}</h1>
            <p>{t("page-not-found")}</p>
            <p><a class="button" href="/">{t("page-not-found-home")}</a></p>
        </section>
    }
}
