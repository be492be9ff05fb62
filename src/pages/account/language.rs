//! The account's language: the language its pages and emails (a sign-in link's) are
//! written in. Saved, the page loads again, in it.

use leptos::prelude::*;

use crate::api::account::SetMyLanguage;
use crate::components::words::{t, use_words};
use crate::domain::{Language, staff_pages::done};
use crate::pages::light::{done_said, refusal};

#[component]
pub fn LanguageSetting(current: Option<Language>) -> impl IntoView {
    let save = ServerAction::<SetMyLanguage>::new();
    let current = current.map(|language| language.to_string()).unwrap_or_default();
    view! {
        <h2>{t("language-switch")}</h2>
        {done_said(done::LANGUAGE_SAVED)}
        {refusal(save)}
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
            <button class="button secondary" type="submit">
                {t("account-language-save")}
            </button>
        </ActionForm>
    }
}
