//! A Super-Admin's daily email of the invitations they sent that expired: on or off, as two
//! choices (a form always sends one, with or without the page's script).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::{
    account::{SetMyExpiryDigest, my_expiry_digest},
    error_sentence,
};
use crate::components::words::t;
use crate::pages::light::refusal;

#[component]
pub fn DigestSetting() -> impl IntoView {
    let current = Resource::new(|| (), |_| my_expiry_digest());
    let save = ServerAction::<SetMyExpiryDigest>::new();
    // Saved, the server sends the page back here saying which (`?digest=on`).
    let saved = move || {
        use_query_map().read().get("digest").map(|which| {
            let said = if which == "on" { "account-digest-on" } else { "account-digest-off" };
            view! { <p class="notice" role="status">{t(said)}</p> }
        })
    };
    let said = move || (saved(), refusal(save));
    view! {
        <h2>{t("account-digest-title")}</h2>
        {said}
        <Suspense fallback=|| ()>
            {move || current.get().map(|on| match on {
                Ok(on) => view! {
                    <ActionForm action=save attr:class="form">
                        <fieldset class="choices" aria-describedby="account-digest-hint">
                            <legend class="visually-hidden">{t("account-digest-title")}</legend>
                            <div class="field-check">
                                <input id="account-digest-on" type="radio" name="on" value="true" checked=on/>
                                <label for="account-digest-on">{t("account-digest-label")}</label>
                            </div>
                            <div class="field-check">
                                <input id="account-digest-off" type="radio" name="on" value="false" checked=!on/>
                                <label for="account-digest-off">{t("account-digest-none")}</label>
                            </div>
                        </fieldset>
                        <p class="field-hint" id="account-digest-hint">{t("account-digest-hint")}</p>
                        <button class="button secondary" type="submit">
                            {t("account-digest-save")}
                        </button>
                    </ActionForm>
                }.into_any(),
                Err(e) => view! { <p class="alert" role="alert">{error_sentence(&e)}</p> }.into_any(),
            })}
        </Suspense>
    }
}
