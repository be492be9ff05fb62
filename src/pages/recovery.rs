//! Getting back in: `/login/forgot` asks for a sign-in link by email or username, and
//! `/sign-in/{token}` uses one to add a passkey or set a new password.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::light::{PasskeyBlock, done_said, refusal};
use crate::api::error_sentence;
use crate::api::recovery::{LinkAccount, RecoverWithPassword, RequestSignInLink, sign_in_link};
use crate::components::words::{LanguageSwitch, say, t};
use crate::domain::Message;
use crate::domain::staff_pages::{Ceremony, done};

#[component]
pub fn ForgotPage() -> impl IntoView {
    let ask = ServerAction::<RequestSignInLink>::new();
    view! {
        <LanguageSwitch/>
        <section class="auth-card">
            <h1>{t("sign-in-forgot-title")}</h1>
            <p class="hint">{t("sign-in-forgot-hint")}</p>
            {done_said(done::LINK_ASKED)}
            {refusal(ask)}
            <ActionForm action=ask attr:class="form">
                <div class="field">
                    <label for="login">{t("sign-in-forgot-login")}</label>
                    <input id="login" name="login" type="text" autocomplete="username" required
                        autocapitalize="none" spellcheck="false"/>
                </div>
                <button class="button" type="submit">
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

/// A passkey (where this browser can make one: the page's script shows its block) or a new
/// password.
#[component]
fn ChooseWayIn(token: String, account: LinkAccount, passkeys: bool, rule: String) -> impl IntoView {
    let password = ServerAction::<RecoverWithPassword>::new();
    view! {
        <h1>{say(&Message::new("recovery-hello").text("name", account.full_name))}</h1>
        <p class="lead">
            {say(&Message::new("recovery-choose").text("username", account.username))}
        </p>
        <p class="muted">
            {say(&Message::new("recovery-until").text("when", account.expires_at.text))}
        </p>
        {refusal(password)}
        {passkeys.then(|| view! {
            <PasskeyBlock ceremony=Ceremony::Recover label=t("account-passkey-add")
                token=token.clone() primary=true or_after=true>
                <h2>{t("account-passkey-add")}</h2>
                <p class="field-hint">{t("account-passkey-add-hint")}</p>
            </PasskeyBlock>
        })}
        <ActionForm action=password attr:class="form">
            <input type="hidden" name="token" value=token.clone()/>
            <div class="field">
                <label for="new-password">{t("account-password-new")}</label>
                <p class="field-hint" id="new-password-hint">{rule}</p>
                <input id="new-password" name="new_password" type="password"
                    autocomplete="new-password" required aria-describedby="new-password-hint"/>
            </div>
            <button class="button" type="submit">{t("recovery-set-password")}</button>
        </ActionForm>
    }
}
