//! The username field with its availability check while typing: the browser first runs the
//! same parser as the server, then (debounced) asks the server, which offers free variants
//! when the name is taken. Without JavaScript it is a plain field and the submit checks.

use std::time::Duration;

use leptos::{html, prelude::*};

use super::form::Errors;
use crate::api::setup::check_username;
use crate::components::{debounce::Debounce, task::Tasks};
use crate::domain::{FormField, Username, UsernameCheck};

const DEBOUNCE: Duration = Duration::from_millis(350);

#[derive(Debug, Clone, PartialEq, Eq)]
enum Availability {
    Unknown,
    Checking,
    Free(String),
    Taken(Vec<String>),
}

#[component]
pub fn UsernameField(
    token: String,
    value: String,
    /// The username as typed, for the password rules (a password can't contain it).
    typed: RwSignal<String>,
    errors: Errors,
    /// Free variants from a refused submit, offered until the person types.
    suggestions: Vec<String>,
) -> impl IntoView {
    let tasks = Tasks::of_this_view();
    let input = NodeRef::<html::Input>::new();
    let availability = RwSignal::new(if suggestions.is_empty() {
        Availability::Unknown
    } else {
        Availability::Taken(suggestions)
    });
    // Only the newest answer counts: an older request may return after a newer one.
    let asked = StoredValue::new(0u64);
    let debounce = Debounce::new(DEBOUNCE);

    let check = move |name: String| {
        let ticket = asked.get_value() + 1;
        asked.set_value(ticket);
        availability.set(Availability::Checking);
        let token = token.clone();
        tasks.spawn(async move {
            let answer = check_username(token, name.clone()).await;
            if asked.get_value() != ticket {
                return;
            }
            availability.set(match answer {
                Ok(UsernameCheck::Available) => Availability::Free(name),
                Ok(UsernameCheck::Taken { suggestions }) => Availability::Taken(suggestions),
                Ok(UsernameCheck::Invalid(message)) => {
                    errors.set_local(FormField::Username, Some(message));
                    Availability::Unknown
                }
                // A failed check is not a verdict: the submit checks again.
                Err(_) => Availability::Unknown,
            });
        });
    };
    let on_input = move |_| {
        let raw = input.get().map(|el| el.value()).unwrap_or_default();
        typed.set(raw.clone());
        debounce.cancel();
        asked.set_value(asked.get_value() + 1);
        match Username::parse(&raw) {
            Ok(username) => {
                errors.set_local(FormField::Username, None);
                let check = check.clone();
                let name = username.to_string();
                debounce.run(move || check(name));
                availability.set(Availability::Checking);
            }
            // Say what is wrong when they leave the field, not at every keystroke.
            Err(_) => availability.set(Availability::Unknown),
        }
    };
    let on_blur = move |_| {
        let raw = input.get().map(|el| el.value()).unwrap_or_default();
        if let Err(error) = Username::parse(&raw) {
            errors.set_local(FormField::Username, Some(error.to_string()));
        }
    };
    let choose = move |name: String| {
        if let Some(el) = input.get() {
            el.set_value(&name);
            let _ = el.focus();
        }
        typed.set(name.clone());
        errors.set_local(FormField::Username, None);
        asked.set_value(asked.get_value() + 1);
        availability.set(Availability::Free(name));
    };
    let error = errors.signal(FormField::Username);
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));

    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for="username">"Username"</label>
            <p class="field-hint" id="username-hint">
                "3 to 32 characters: letters, digits, dots, underscores and hyphens, starting \
                 with a letter"
            </p>
            <p class="field-error" id="username-error">{move || error.get()}</p>
            <input id="username" name="username" type="text" autocomplete="username" required
                autocapitalize="none" spellcheck="false" maxlength="32" value=value node_ref=input
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby="username-hint username-error username-status"
                on:input=on_input on:blur=on_blur/>
            <div class="field-status" id="username-status" aria-live="polite">
                {move || match availability.get() {
                    Availability::Unknown => ().into_any(),
                    Availability::Checking => {
                        view! { <p class="muted">"Checking…"</p> }.into_any()
                    }
                    Availability::Free(name) => view! {
                        <p class="ok"><span aria-hidden="true">"✓ "</span>{name}" is available."</p>
                    }
                    .into_any(),
                    Availability::Taken(suggestions) => {
                        view! {
                            <p class="taken">
                                <span aria-hidden="true">"✗ "</span>
                                "That username is taken."
                                {(!suggestions.is_empty()).then_some(" These are free:")}
                            </p>
                            <ul class="suggestions">
                                {suggestions.into_iter().map(|name| {
                                    // A button fills the field in; before the page runs (or
                                    // without JavaScript) the name is shown to type.
                                    let label = name.clone();
                                    view! {
                                        <li>
                                            <Show when=move || hydrated.get() fallback=move || view! { <code>{label.clone()}</code> }>
                                                <button type="button" class="button secondary"
                                                    on:click={
                                                        let name = name.clone();
                                                        move |_| choose(name.clone())
                                                    }>
                                                    {name.clone()}
                                                </button>
                                            </Show>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }
                        .into_any()
                    }
                }}
            </div>
        </div>
    }
}
