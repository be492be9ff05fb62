//! The username field. The invite pages' script checks it while it is typed: first with the
//! same parser as the server, then (debounced) with the server, which offers free variants
//! when the name is taken. Without JavaScript it is a plain field and the submit checks;
//! variants from a refused submit are shown as names to type (the script makes them buttons).

use leptos::prelude::*;

use super::form::described_by;
use crate::components::words::t;
use crate::domain::{FormField, invite_page};

const USERNAME: FormField = FormField::Username;

#[component]
pub fn UsernameField(
    value: String,
    error: Option<String>,
    /// Free variants from a refused submit.
    suggestions: Vec<String>,
) -> impl IntoView {
    let status = (!suggestions.is_empty()).then(|| {
        view! {
            <p class="taken">
                <span aria-hidden="true">"✗ "</span>
                {t("username-taken-free")}
            </p>
            <ul class="suggestions">
                {suggestions.into_iter().map(|name| view! { <li><code>{name}</code></li> }).collect_view()}
            </ul>
        }
    });
    let invalid = error.is_some();
    view! {
        <div class="field" class:field-invalid=invalid>
            <label for=USERNAME.input_id()>{t("field-username")}</label>
            <p class="field-hint" id=USERNAME.hint_id()>{t("setup-username-hint")}</p>
            <p class="field-error" id=USERNAME.error_id()>{error}</p>
            <input id=USERNAME.input_id() name=USERNAME.name() type="text" autocomplete="username"
                required autocapitalize="none" spellcheck="false" maxlength="32" value=value
                aria-invalid=invalid.to_string()
                aria-describedby=described_by(USERNAME, &[invite_page::USERNAME_STATUS])/>
            <div class="field-status" id=invite_page::USERNAME_STATUS aria-live="polite">{status}</div>
        </div>
    }
}
