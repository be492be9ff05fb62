//! The account's language: the language its emails are written in (a sign-in link's), and
//! which its pages will speak as they are translated.

use leptos::prelude::*;

use crate::api::{account::SetMyLanguage, error_sentence};
use crate::components::words::use_words;
use crate::domain::Language;

#[component]
pub fn LanguageSetting(current: Option<Language>) -> impl IntoView {
    let save = ServerAction::<SetMyLanguage>::new();
    let current = current.map(|language| language.to_string()).unwrap_or_default();
    let said = move || {
        save.value().get().map(|result| match result {
            Ok(()) => view! { <p class="notice" role="status">"Saved."</p> }.into_any(),
            Err(e) => view! { <p class="alert" role="alert">{error_sentence(&e)}</p> }.into_any(),
        })
    };
    view! {
        <h2>"Language"</h2>
        {said}
        <ActionForm action=save attr:class="form">
            <div class="field">
                <label for="account-language">"Language of your emails"</label>
                <p class="field-hint" id="account-language-hint">
                    "Sign-in links come in it. It was set to the language of the page where you \
                     set up your account."
                </p>
                <select id="account-language" name="language" aria-describedby="account-language-hint">
                    <option value="" selected=current.is_empty()>"School default"</option>
                    {use_words().languages.into_iter().map(|(tag, name)| {
                        let selected = tag == current;
                        view! { <option value=tag.clone() lang=tag selected=selected>{name}</option> }
                    }).collect_view()}
                </select>
            </div>
            <button class="button secondary" type="submit" disabled=move || save.pending().get()>
                "Save language"
            </button>
        </ActionForm>
    }
}
