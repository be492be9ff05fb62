//! `/login`: "Username or email", "Password", "Sign in", and a passkey where this site and
//! browser offer one: in the username field's autofill (conditional mediation) and behind
//! "Sign in with a passkey". The password form works before the WASM arrives: it posts to the
//! server function and the server redirects.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::auth::SignIn;
use crate::api::error_sentence;
use crate::api::passkeys::PasskeySignInFinish;
use crate::components::words::{LanguageSwitch, say, t};

#[component]
pub fn LoginPage() -> impl IntoView {
    let sign_in = expect_context::<ServerAction<SignIn>>();
    let with_passkey = ServerAction::<PasskeySignInFinish>::new();
    let next = move || use_query_map().read().get("next").unwrap_or_default();
    let error = move || {
        let failed = |value: Option<Result<(), ServerFnError>>| {
            value.and_then(Result::err).map(|e| error_sentence(&e))
        };
        failed(with_passkey.value().get()).or_else(|| failed(sign_in.value().get()))
    };

    // What came of a trip to the school's provider: only the notices the page knows.
    let school_notice = move || {
        use_query_map()
            .read()
            .get("school")
            .and_then(|raw| crate::domain::school_notice::find(&raw))
    };
    view! {
        <LanguageSwitch/>
        <section class="auth-card">
            <h1>{t("sign-in-title")}</h1>
            {move || school_notice().map(|id| view! { <div class="alert" role="alert">{t(id)}</div> })}
            <Show when=move || error().is_some()>
                <div class="alert" role="alert">{error}</div>
            </Show>
            <ActionForm action=sign_in attr:class="form">
                <input type="hidden" name="next" value=next/>
                <div class="field">
                    <label for="login">{t("sign-in-login")}</label>
                    <input id="login" name="login" type="text" autocomplete="username webauthn"
                        required autocapitalize="none" spellcheck="false"/>
                </div>
                <div class="field">
                    <label for="password">{t("field-password")}</label>
                    <input id="password" name="password" type="password" autocomplete="current-password" required/>
                </div>
                <button class="button" type="submit" disabled=move || sign_in.pending().get()>
                    {move || t(if sign_in.pending().get() { "sign-in-pending" } else { "page-sign-in" })}
                </button>
            </ActionForm>
            <PasskeySignIn finish=with_passkey next=Signal::derive(next)/>
            <SchoolSignIn next=Signal::derive(next)/>
            <p class="hint"><a href="/login/forgot">{t("sign-in-forgot")}</a></p>
            <p class="hint">{t("sign-in-new-staff")}</p>
        </section>
    }
}

/// "Sign in with Google", where this site offers the school's accounts: a plain form, so it
/// works before the page's script arrives.
#[component]
fn SchoolSignIn(next: Signal<String>) -> impl IntoView {
    let offered = OnceResource::new(crate::api::school::school_sign_in_offered());
    view! {
        <Suspense fallback=|| ()>
            {move || offered.get().and_then(Result::ok).flatten().map(|label| view! {
                <form class="school-sign-in" method="post" action=crate::domain::invite_page::SCHOOL_START>
                    <p class="divider"><span>{t("page-or")}</span></p>
                    <input type="hidden" name="purpose" value="sign_in"/>
                    <input type="hidden" name="next" value=next/>
                    <button class="button secondary" type="submit">
                        {say(&crate::domain::Message::new("sign-in-school").text("provider", &label))}
                    </button>
                </form>
            })}
        </Suspense>
    }
}

/// "Sign in with a passkey", shown once the page knows that this site offers passkeys and
/// this browser can use them; and the username field's passkey autofill, where offered.
#[component]
#[cfg_attr(not(feature = "hydrate"), allow(unused_variables))]
fn PasskeySignIn(finish: ServerAction<PasskeySignInFinish>, next: Signal<String>) -> impl IntoView {
    let (ready, set_ready) = signal(false);
    let (problem, set_problem) = signal(None::<String>);
    let (waiting, set_waiting) = signal(false);
    let tasks = crate::components::task::Tasks::of_this_view();
    #[cfg(feature = "hydrate")]
    let autofill = StoredValue::new_local(client::Autofill::default());
    #[cfg(feature = "hydrate")]
    {
        // The autofill's wait ends with the page (a password sign-in moves on, say).
        on_cleanup(move || {
            autofill.try_with_value(client::Autofill::stop);
        });
        Effect::new(move |_| {
            tasks.spawn(async move {
                if !passkey_browser::can_sign_in()
                    || !matches!(crate::api::passkeys::passkeys_offered().await, Ok(true))
                {
                    return;
                }
                set_ready.set(true);
                if passkey_browser::offers_autofill().await {
                    let signal = autofill.with_value(client::Autofill::restart);
                    if let Ok(credential) = client::ceremony(true, signal.as_ref()).await {
                        let next = Some(next.get_untracked()).filter(|n| !n.is_empty());
                        finish.dispatch(PasskeySignInFinish { credential, next });
                    }
                }
            });
        });
    }
    let start = move |_| {
        set_problem.set(None);
        set_waiting.set(true);
        #[cfg(feature = "hydrate")]
        {
            // The autofill's wait would hold the browser's one WebAuthn request.
            autofill.with_value(client::Autofill::stop);
            tasks.spawn(async move {
                match client::ceremony(false, None).await {
                    Ok(credential) => {
                        let next = Some(next.get_untracked()).filter(|n| !n.is_empty());
                        finish.dispatch(PasskeySignInFinish { credential, next });
                    }
                    Err(sentence) => set_problem.set(Some(sentence)),
                }
                set_waiting.set(false);
            });
        }
    };
    view! {
        <Show when=move || ready.get()>
            <div class="passkey-sign-in">
                <p class="divider"><span>{t("page-or")}</span></p>
                <Show when=move || problem.get().is_some()>
                    <p class="alert" role="alert">{move || problem.get()}</p>
                </Show>
                <button class="button secondary" type="button" on:click=start
                    disabled=move || waiting.get() || finish.pending().get()>
                    {move || t(if waiting.get() { "setup-waiting-for-passkey" } else { "sign-in-passkey" })}
                </button>
            </div>
        </Show>
    }
}

/// The browser's side: the ceremony around `navigator.credentials.get`, and the autofill's
/// wait, which a button press stops.
#[cfg(feature = "hydrate")]
mod client {
    use std::{cell::RefCell, rc::Rc};

    use web_sys::{AbortController, AbortSignal};

    use crate::api::{error_sentence, passkeys::passkey_sign_in_begin};

    /// Begins a sign-in on the server, then asks the browser for a passkey: by a prompt, or
    /// (`autofill`) by waiting for the person to pick one in the username's suggestions.
    pub async fn ceremony(autofill: bool, abort: Option<&AbortSignal>) -> Result<String, String> {
        let options = passkey_sign_in_begin().await.map_err(|e| error_sentence(&e))?;
        passkey_browser::get(&options, autofill, abort)
            .await
            .map_err(|f| crate::components::words::say(&domain::Sentence::message(&f)))
    }

    /// The autofill's wait in progress, if any.
    #[derive(Clone, Default)]
    pub struct Autofill(Rc<RefCell<Option<AbortController>>>);

    impl Autofill {
        /// Stops any wait, and returns the signal of a new one.
        pub fn restart(&self) -> Option<AbortSignal> {
            self.stop();
            let controller = AbortController::new().ok()?;
            let signal = controller.signal();
            *self.0.borrow_mut() = Some(controller);
            Some(signal)
        }

        pub fn stop(&self) {
            if let Some(controller) = self.0.borrow_mut().take() {
                controller.abort();
            }
        }
    }
}
