//! The landing page: what this site is, for someone who arrives without a link.

use leptos::prelude::*;

use crate::components::words::t;

#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <section class="hero">
            <h1>{t("app-title")}</h1>
            <p class="lead">{t("page-home-lead")}</p>
        </section>
        <section class="cards">
            <article class="card">
                <h2>{t("page-home-invited-title")}</h2>
                <p>{t("page-home-invited")}</p>
            </article>
            <article class="card">
                <h2>{t("page-home-link-title")}</h2>
                <p>{t("page-home-link")}</p>
            </article>
        </section>
    }
}
