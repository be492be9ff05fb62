//! Getting back in: `/login/forgot` asks for a sign-in link by email or username, and
//! `/sign-in/{token}` uses one to add a passkey or set a new password.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::error_sentence;
use crate::api::recovery::{
    LinkAccount, RecoverPasskeyFinish, RecoverWithPassword, RequestSignInLink, sign_in_link,
};
use crate::components::words::{LanguageSwitch, say, t};
use crate::domain::Message;

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
        <LanguageSwitch/>
        <section class="auth-card">
            <h1>{t("sign-in-forgot-title")}</h1>
            <p class="hint">{t("sign-in-forgot-hint")}</p>
            {said}
            <ActionForm action=ask attr:class="form">
                <div class="field">
                    <label for="login">{t("sign-in-forgot-login")}</label>
                    <input id="login" name="login" type="text" autocomplete="username" required
                        autocapitalize="none" spellcheck="false"/>
                </div>
                <button class="button" type="submit" disabled=move || ask.pending().get()>
                    {t("sign-in-forgot-send")}
                </button>
            </ActionForm>
            <p class="hint"><a href="/login">{t("sign-in-forgot-back")}</a></p>
        </section>
    }
}

#[component]
pub fn SignInLinkPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let link = Resource::new(token, sign_in_link);
    view! {
        <LanguageSwitch/>
        <section class="auth-card">
            <Suspense fallback=|| view! { <p>{t("link-checking")}</p> }>
                {move || link.get().map(|view| match view {
                    Ok(view) => match view.account {
                        Some(account) => view! {
                            <ChooseWayIn token=token() account passkeys=view.passkeys
                                rule=say(&view.password_policy.in_words())/>
                        }
                        .into_any(),
                        None => view! {
                            <h1>{t("recovery-dead-title")}</h1>
                            <p>{t("recovery-dead-why")}</p>
                            <p><a class="button" href="/login/forgot">{t("link-ask-new")}</a></p>
                        }
                        .into_any(),
                    },
                    Err(e) => view! {
                        <h1>{t("link-check-failed")}</h1>
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
                        Ok(options) => passkey_browser::create(&options)
                            .await
                            .map_err(|f| say(&domain::Sentence::message(&f))),
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
        <h1>{say(&Message::new("recovery-hello").text("name", account.full_name))}</h1>
        <p class="lead">
            {say(&Message::new("recovery-choose").text("username", account.username))}
        </p>
        <p class="muted">
            {say(&Message::new("recovery-until").text("when", account.expires_at.text))}
        </p>
        <Show when=move || failed().is_some()>
            <p class="alert" role="alert">{failed}</p>
        </Show>
        <Show when=move || can.get()>
            <div class="passkey-way">
                <h2>{t("account-passkey-add")}</h2>
                <p class="field-hint">{t("account-passkey-add-hint")}</p>
                <button class="button" type="button" on:click=start.clone()
                    disabled=move || waiting.get() || passkey.pending().get()>
                    {move || t(if waiting.get() { "setup-waiting-for-passkey" } else { "account-passkey-add" })}
                </button>
            </div>
            <p class="divider"><span>{t("page-or")}</span></p>
        </Show>
        <ActionForm action=password attr:class="form">
            <input type="hidden" name="token" value=token.clone()/>
            <div class="field">
                <label for="new-password">{t("account-password-new")}</label>
                <p class="field-hint" id="new-password-hint">{rule}</p>
                <input id="new-password" name="new_password" type="password"
                    autocomplete="new-password" required aria-describedby="new-password-hint"/>
            </div>
            <button class="button" type="submit" disabled=move || password.pending().get()>
                {t("recovery-set-password")}
            </button>
        </ActionForm>
    }
}
