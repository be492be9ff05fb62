//! `/login`: "Username or email", "Password", "Sign in". Works before the WASM arrives: the
//! form posts to the server function and the server redirects.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::auth::SignIn;
use crate::api::error_sentence;

#[component]
pub fn LoginPage() -> impl IntoView {
    let sign_in = expect_context::<ServerAction<SignIn>>();
    let next = move || use_query_map().read().get("next").unwrap_or_default();
    let error = move || sign_in.value().get().and_then(Result::err).map(|e| error_sentence(&e));

    view! {
        <section class="auth-card">
            <h1>"Sign in"</h1>
            <Show when=move || error().is_some()>
                <div class="alert" role="alert">{error}</div>
            </Show>
            <ActionForm action=sign_in attr:class="form">
                <input type="hidden" name="next" value=next/>
                <div class="field">
                    <label for="login">"Username or email"</label>
                    <input id="login" name="login" type="text" autocomplete="username" required
                        autocapitalize="none" spellcheck="false"/>
                </div>
                <div class="field">
                    <label for="password">"Password"</label>
                    <input id="password" name="password" type="password" autocomplete="current-password" required/>
                </div>
                <button class="button" type="submit" disabled=move || sign_in.pending().get()>
                    {move || if sign_in.pending().get() { "Signing in…" } else { "Sign in" }}
                </button>
            </ActionForm>
            <p class="hint">"New staff: use the link in your invitation email to set up your account first."</p>
        </section>
    }
}
