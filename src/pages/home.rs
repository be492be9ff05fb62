//! The landing page: what this site is, for someone who arrives without a link.

use leptos::prelude::*;

#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <section class="hero">
            <h1>"Staff onboarding"</h1>
            <p class="lead">
                "Your school's Super-Admin invites teachers and admin staff by email. "
                "Each invitation holds a one-time link that lets you set up your own account."
            </p>
        </section>
        <section class="cards">
            <article class="card">
                <h2>"Were you invited?"</h2>
                <p>
                    "Open the link in your invitation email. It works for 24 hours and only once, "
                    "so use the most recent email if you received more than one."
                </p>
            </article>
            <article class="card">
                <h2>"Link not working?"</h2>
                <p>"Ask your school's administrator to resend your invitation."</p>
            </article>
        </section>
    }
}
