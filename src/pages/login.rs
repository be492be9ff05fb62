//! `/login`: "Username or email", "Password", "Sign in", and a passkey where this site and
//! browser offer one: in the username field's autofill (conditional mediation) and behind
//! "Sign in with a passkey". A light page: the password form posts to the server function
//! and the server redirects (a refusal comes back in the address, `ServerAction` reads it);
//! the page's script (`crates/light-pages`) adds the passkey.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::light::{PasskeyBlock, refusal};
use crate::api::auth::SignIn;
use crate::components::words::{LanguageSwitch, say, t};
use crate::domain::staff_pages::{Ceremony, NEXT_FIELD};

#[component]
pub fn LoginPage() -> impl IntoView {
    // Made inside the router, which hands it a refusal that came back in the address.
    let sign_in = ServerAction::<SignIn>::new();
    let next = move || use_query_map().read().get("next").unwrap_or_default();

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
            {refusal(sign_in)}
            <ActionForm action=sign_in attr:class="form">
                <input type="hidden" name=NEXT_FIELD value=next/>
                <div class="field">
                    <label for="login">{t("sign-in-login")}</label>
                    <input id="login" name="login" type="text" autocomplete="username webauthn"
                        required autocapitalize="none" spellcheck="false"/>
                </div>
                <div class="field">
                    <label for="password">{t("field-password")}</label>
                    <input id="password" name="password" type="password" autocomplete="current-password" required/>
                </div>
                <button class="button" type="submit">
                    {t("page-sign-in")}
                </button>
            </ActionForm>
            <PasskeySignIn/>
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
                    <input type="hidden" name=NEXT_FIELD value=next/>
                    <button class="button secondary" type="submit">
                        {say(&crate::domain::Message::new("sign-in-school").text("provider", &label))}
                    </button>
                </form>
            })}
        </Suspense>
    }
}

/// "Sign in with a passkey", where this site offers passkeys: shown by the page's script once
/// it finds that this browser can use one, which also offers them in the username's autofill.
#[component]
fn PasskeySignIn() -> impl IntoView {
    let offered = OnceResource::new(crate::api::passkeys::passkeys_offered());
    view! {
        <Suspense fallback=|| ()>
            {move || matches!(offered.get(), Some(Ok(true))).then(|| view! {
                <PasskeyBlock ceremony=Ceremony::SignIn label=t("sign-in-passkey")>
                    <p class="divider"><span>{t("page-or")}</span></p>
                </PasskeyBlock>
            })}
        </Suspense>
    }
}
