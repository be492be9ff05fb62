//! `/account`: the signed-in person's own details, and their ways of signing in (`ways`).

mod language;
mod ways;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::{
    auth::{SignOut, SignOutElsewhere, current_user},
    error_sentence,
};

#[component]
pub fn AccountPage() -> impl IntoView {
    let user = Resource::new(|| (), |_| current_user());
    let sign_out = expect_context::<ServerAction<SignOut>>();
    let welcome = move || use_query_map().read().get("welcome").is_some();
    let recovered = move || use_query_map().read().get("recovered").is_some();
    let elsewhere = ServerAction::<SignOutElsewhere>::new();
    let elsewhere_said = move || {
        elsewhere.value().get().map(|result| match result {
            Ok(sentence) => view! { <p class="notice" role="status">{sentence}</p> }.into_any(),
            Err(e) => view! { <p class="alert" role="alert">{error_sentence(&e)}</p> }.into_any(),
        })
    };
    view! {
        <section class="auth-card">
            <Show when=welcome>
                <p class="notice" role="status">"Your account is ready, and you're signed in."</p>
            </Show>
            <Show when=recovered>
                <p class="notice" role="status">
                    "You're back in, and signed out on every other device."
                </p>
            </Show>
            <h1>"Your account"</h1>
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || user.get().map(|user| match user {
                    Ok(Some(user)) => view! {
                        <dl class="details">
                            <dt>"Name"</dt><dd>{user.full_name}</dd>
                            <dt>"Username"</dt><dd>{user.username}</dd>
                            <dt>"Email"</dt><dd>{user.email}</dd>
                            <dt>"Phone"</dt><dd>{user.phone.unwrap_or_else(|| "Not given".to_owned())}</dd>
                            <dt>"Role"</dt><dd>{user.role.label()}</dd>
                        </dl>
                        <language::LanguageSetting current=user.language/>
                    }.into_any(),
                    _ => view! { <p>"You're not signed in. " <a href="/login">"Sign in"</a></p> }.into_any(),
                })}
            </Suspense>
            <ActionForm action=sign_out>
                <button class="button secondary" type="submit">"Sign out"</button>
            </ActionForm>
            <ways::SignInWaysSection/>
            <h2>"Other devices"</h2>
            <p class="hint">"Signed in on a phone or computer you no longer use? End every other session of your account at once."</p>
            {elsewhere_said}
            <ActionForm action=elsewhere>
                <button class="button secondary" type="submit" disabled=move || elsewhere.pending().get()>
                    "Sign out everywhere else"
                </button>
            </ActionForm>
        </section>
    }
}
