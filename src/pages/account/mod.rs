//! `/account`: the signed-in person's own details, and their ways of signing in (`ways`).

mod digest;
mod language;
mod ways;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::light::{done_said, refusal};
use crate::api::auth::{SignOutElsewhere, current_user};
use crate::components::header::SignOutForm;
use crate::components::words::{say, t};
use crate::domain::staff_pages::done;

#[component]
pub fn AccountPage() -> impl IntoView {
    let user = Resource::new(|| (), |_| current_user());
    let welcome = move || use_query_map().read().get("welcome").is_some();
    let recovered = move || use_query_map().read().get("recovered").is_some();
    let elsewhere = ServerAction::<SignOutElsewhere>::new();
    view! {
        <section class="auth-card">
            <Show when=welcome>
                <p class="notice" role="status">{t("account-welcome")}</p>
            </Show>
            <Show when=recovered>
                <p class="notice" role="status">{t("account-recovered")}</p>
            </Show>
            <h1>{t("account-title")}</h1>
            <Suspense fallback=|| view! { <p>{t("page-loading")}</p> }>
                {move || user.get().map(|user| match user {
                    Ok(Some(user)) => view! {
                        <dl class="details">
                            <dt>{t("account-name")}</dt><dd>{user.full_name}</dd>
                            // Written left to right whatever the page's direction: a
                            // phone number's "+" stays in front.
                            <dt>{t("field-username")}</dt><dd><span dir="ltr">{user.username}</span></dd>
                            <dt>{t("field-email")}</dt><dd><span dir="ltr">{user.email}</span></dd>
                            <dt>{t("field-phone")}</dt>
                            <dd>{match user.phone {
                                Some(phone) => view! { <span dir="ltr">{phone}</span> }.into_any(),
                                None => t("account-phone-none").into_any(),
                            }}</dd>
                            <dt>{t("account-role")}</dt><dd>{say(&user.role.message())}</dd>
                        </dl>
                        <language::LanguageSetting current=user.language/>
                        {(user.role == crate::domain::Role::SuperAdmin).then(|| view! { <digest::DigestSetting/> })}
                    }.into_any(),
                    _ => view! {
                        <p>{t("account-signed-out")} " " <a href="/login">{t("page-sign-in")}</a></p>
                    }.into_any(),
                })}
            </Suspense>
            <SignOutForm button_class="button secondary"/>
            <ways::SignInWaysSection/>
            <h2>{t("account-devices-title")}</h2>
            <p class="hint">{t("account-devices-hint")}</p>
            {done_said(done::SIGNED_OUT_ELSEWHERE)}
            {refusal(elsewhere)}
            <ActionForm action=elsewhere>
                <button class="button secondary" type="submit">
                    {t("account-sign-out-elsewhere")}
                </button>
            </ActionForm>
        </section>
    }
}
