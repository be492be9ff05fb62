//! Getting back in: `/login/forgot` asks for a sign-in link by email or username, and
//! `/sign-in/{token}` uses one to add a passkey or set a new password.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::error_sentence;
use crate::api::recovery::{
    LinkAccount, RecoverPasskeyFinish, RecoverWithPassword, RequestSignInLink, sign_in_link,
};

#[component]
pub fn ForgotPage() -> impl IntoView {
    let ask = ServerAction::<RequestSignInLink>::new();
    let said = move || {
        ask.value().get().map(|result| match result {
            Ok(sentence) => view! { <p class="notice" role="status">{sentence}</p> }.into_any(),
            Err(e) => view! { <p class="alert" role="alert">{error_sentence(&e)}</p> }.into_any(),
        })
    };
    view! {
        <section class="auth-card">
            <h1>"Get back into your account"</h1>
            <p class="hint">
                "Lost your password, or the phone that held your passkey? We'll email you a \
                 link that signs you in once, so you can add a passkey or set a new password."
            </p>
            {said}
            <ActionForm action=ask attr:class="form">
                <div class="field">
                    <label for="login">"Email or username"</label>
                    <input id="login" name="login" type="text" autocomplete="username" required
                        autocapitalize="none" spellcheck="false"/>
                </div>
                <button class="button" type="submit" disabled=move || ask.pending().get()>
                    "Email me a sign-in link"
                </button>
            </ActionForm>
            <p class="hint"><a href="/login">"Back to sign in"</a></p>
        </section>
    }
}

#[component]
pub fn SignInLinkPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let link = Resource::new(token, sign_in_link);
    view! {
        <section class="auth-card">
            <Suspense fallback=|| view! { <p>"Checking your link…"</p> }>
                {move || link.get().map(|view| match view {
                    Ok(view) => match view.account {
                        Some(account) => view! {
                            <ChooseWayIn token=token() account passkeys=view.passkeys
                                rule=crate::components::words::say(&view.password_policy.in_words())/>
                        }
                        .into_any(),
                        None => view! {
                            <h1>"This sign-in link can no longer be used"</h1>
                            <p>
                                "A sign-in link works once, for an hour, and asking for a new \
                                 one replaces the earlier ones."
                            </p>
                            <p><a class="button" href="/login/forgot">"Ask for a new link"</a></p>
                        }
                        .into_any(),
                    },
                    Err(e) => view! {
                        <h1>"We couldn't check this link"</h1>
                        <p class="alert" role="alert">{error_sentence(&e)}</p>
                    }
                    .into_any(),
                })}
            </Suspense>
        </section>
    }
}

/// A passkey (where this browser can make one) or a new password.
#[component]
fn ChooseWayIn(token: String, account: LinkAccount, passkeys: bool, rule: String) -> impl IntoView {
    let password = ServerAction::<RecoverWithPassword>::new();
    let passkey = ServerAction::<RecoverPasskeyFinish>::new();
    let (can, set_can) = signal(false);
    let (problem, set_problem) = signal(None::<String>);
    let (waiting, set_waiting) = signal(false);
    let tasks = crate::components::task::Tasks::of_this_view();
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        tasks.spawn(async move { set_can.set(passkeys && passkey_browser::can_create().await) });
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (set_can, passkeys);
    let failed = move || {
        let failed = |value: Option<Result<(), ServerFnError>>| {
            value.and_then(Result::err).map(|e| error_sentence(&e))
        };
        problem
            .get()
            .or_else(|| failed(passkey.value().get()))
            .or_else(|| failed(password.value().get()))
    };
    let start = {
        let token = token.clone();
        move |_| {
            set_problem.set(None);
            set_waiting.set(true);
            #[cfg(feature = "hydrate")]
            {
                let token = token.clone();
                tasks.spawn(async move {
                    use crate::api::recovery::recover_passkey_begin;
                    let made = match recover_passkey_begin(token.clone()).await {
                        Ok(options) => passkey_browser::create(&options).await.map_err(|f| {
                            crate::components::words::say(&domain::Sentence::message(&f))
                        }),
                        Err(e) => Err(error_sentence(&e)),
                    };
                    match made {
                        Ok(credential) => {
                            passkey.dispatch(RecoverPasskeyFinish { token, credential });
                        }
                        Err(sentence) => set_problem.set(Some(sentence)),
                    }
                    set_waiting.set(false);
                });
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = (&token, passkey, set_waiting, tasks);
        }
    };
    view! {
        <h1>{format!("Hello, {}", account.full_name)}</h1>
        <p class="lead">
            "Choose how you'll sign in from now on, as " <strong>{account.username}</strong> ". "
            "This signs you out on every other device."
        </p>
        <p class="muted">"This link works until " <time>{account.expires_at.text}</time> "."</p>
        <Show when=move || failed().is_some()>
            <p class="alert" role="alert">{failed}</p>
        </Show>
        <Show when=move || can.get()>
            <div class="passkey-way">
                <h2>"Add a passkey"</h2>
                <p class="field-hint">"Sign in with your fingerprint, face or screen lock."</p>
                <button class="button" type="button" on:click=start.clone()
                    disabled=move || waiting.get() || passkey.pending().get()>
                    {move || if waiting.get() { "Waiting for your passkey…" } else { "Add a passkey" }}
                </button>
            </div>
            <p class="divider"><span>"or"</span></p>
        </Show>
        <ActionForm action=password attr:class="form">
            <input type="hidden" name="token" value=token.clone()/>
            <div class="field">
                <label for="new-password">"New password"</label>
                <p class="field-hint" id="new-password-hint">{rule}</p>
                <input id="new-password" name="new_password" type="password"
                    autocomplete="new-password" required aria-describedby="new-password-hint"/>
            </div>
            <button class="button" type="submit" disabled=move || password.pending().get()>
                "Set password and sign in"
            </button>
        </ActionForm>
    }
}
