//! The account's language: the language its pages and emails (a sign-in link's) are
//! written in. Saved, the page loads again in it.

use leptos::prelude::*;

use crate::api::{account::SetMyLanguage, error_sentence};
use crate::components::words::{t, use_words};
use crate::domain::Language;

#[component]
pub fn LanguageSetting(current: Option<Language>) -> impl IntoView {
    let save = ServerAction::<SetMyLanguage>::new();
    let current = current.map(|language| language.to_string()).unwrap_or_default();
    // The page's words are the old language's: it loads again, in the new one.
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if matches!(save.value().get(), Some(Ok(()))) {
            let _ = window().location().reload();
        }
    });
    let said = move || {
        save.value().get().map(|result| match result {
            Ok(()) => view! { <p class="notice" role="status">{t("account-language-saved")}</p> }
                .into_any(),
            Err(e) => view! { <p class="alert" role="alert">{error_sentence(&e)}</p> }.into_any(),
        })
    };
    view! {
        <h2>{t("language-switch")}</h2>
        {said}
        <ActionForm action=save attr:class="form">
            <div class="field">
                <label class="visually-hidden" for="account-language">{t("language-switch")}</label>
                <p class="field-hint" id="account-language-hint">{t("account-language-hint")}</p>
                <select id="account-language" name="language" aria-describedby="account-language-hint">
                    <option value="" selected=current.is_empty()>{t("account-language-default")}</option>
                    {use_words().languages.clone().into_iter().map(|(tag, name)| {
                        let selected = tag == current;
                        view! { <option value=tag.clone() lang=tag selected=selected>{name}</option> }
                    }).collect_view()}
                </select>
            </div>
            <button class="button secondary" type="submit" disabled=move || save.pending().get()>
                {t("account-language-save")}
            </button>
        </ActionForm>
    }
}
