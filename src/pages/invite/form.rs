//! The setup form: a real `<form method="post">` that works before and without the WASM,
//! with the GOV.UK pattern for errors (a summary at the top linked to the fields, and each
//! message beside its field). Once hydrated, each field is checked by the same parsers as
//! the server when the person leaves it; the server stays the authority.

use leptos::prelude::*;

use crate::components::task::Tasks;

use super::problem::{LinkProblem, link_sentence};
use super::username::UsernameField;
use crate::api::setup::{AcceptInvitation, invitation_opened};
use crate::domain::{
    Email, FormField, LinkState, LocalTime, Password, PasswordContext, PasswordPolicy, PersonName,
    PhoneNumber, RefusedSetup, Role, SetupDraft, SetupError, Strength,
};

/// The messages beside each field: the last refusal from the server, overridden field by
/// field by the browser's own check once the person has changed that field.
#[derive(Clone, Copy)]
pub struct Errors {
    server: Memo<Option<SetupError>>,
    local: RwSignal<Vec<(FormField, Option<String>)>>,
}

impl Errors {
    /// `None` clears the field's message, also the server's (it is out of date).
    pub fn set_local(self, field: FormField, message: Option<String>) {
        self.local.update(|local| {
            local.retain(|(f, _)| *f != field);
            local.push((field, message));
        });
    }

    fn get(self, field: FormField) -> Option<String> {
        if let Some((_, message)) =
            self.local.with(|l| l.iter().find(|(f, _)| *f == field).cloned())
        {
            return message;
        }
        match self.server.get()? {
            SetupError::Fields(errors) => {
                errors.into_iter().find(|e| e.field == field).map(|e| e.message)
            }
            problem @ SetupError::UsernameTaken { .. } if field == FormField::Username => {
                Some(problem.to_string())
            }
            _ => None,
        }
    }

    pub fn signal(self, field: FormField) -> Signal<Option<String>> {
        Signal::derive(move || self.get(field))
    }

    /// Checks a field with the domain parser when the person leaves it.
    fn check_on_blur(
        self,
        field: FormField,
        check: impl Fn(&str) -> Option<String> + 'static,
    ) -> impl Fn(leptos::ev::FocusEvent) + 'static {
        move |ev| {
            let value = event_target_value(&ev);
            self.set_local(field, check(&value));
        }
    }
}

#[component]
#[allow(clippy::too_many_arguments)]
pub fn SetupForm(
    token: String,
    email: String,
    choose_email: bool,
    role: Role,
    inviter: Option<String>,
    expires_at: LocalTime,
    school: String,
    /// The rule the server applies to the password, stated and checked here too.
    password_policy: PasswordPolicy,
    /// The last submit, when it was refused without JavaScript: its values and errors.
    refused: Option<RefusedSetup>,
) -> impl IntoView {
    let tasks = Tasks::of_this_view();
    let accept = ServerAction::<AcceptInvitation>::new();
    let (draft, first_error) = match refused {
        Some(refused) => (refused.draft, Some(refused.error)),
        None => (SetupDraft::default(), None),
    };
    let problem = Memo::new(move |_| match accept.value().get() {
        Some(result) => result.err(),
        None => first_error.clone(),
    });
    let errors = Errors { server: problem, local: RwSignal::new(Vec::new()) };
    // A new answer from the server replaces the browser's own checks.
    Effect::new(move |_| {
        accept.version().track();
        errors.local.set(Vec::new());
    });
    // What was sent last, to show again if the link stopped working meanwhile.
    let sent = RwSignal::new(draft.clone());
    Effect::new(move |_| {
        if let Some(input) = accept.input().get() {
            sent.set(SetupDraft {
                email: input.email,
                full_name: input.full_name,
                phone: input.phone,
                username: input.username,
            });
        }
    });
    let link_gone = move || match problem.get() {
        Some(SetupError::Link(state)) => Some(state),
        _ => None,
    };
    let username_suggestions = match problem.get_untracked() {
        Some(SetupError::UsernameTaken { suggestions }) => suggestions,
        _ => Vec::new(),
    };
    let typed_username = RwSignal::new(draft.username.clone());
    let typed_email = RwSignal::new(draft.email.clone().unwrap_or_else(|| email.clone()));

    // Once the page runs in a real browser, tell the dashboard the link was opened.
    let opened_token = token.clone();
    Effect::new(move |_| {
        let token = opened_token.clone();
        tasks.spawn(async move {
            let _ = invitation_opened(token).await;
        });
    });

    // The form is the child of a `Show`, which may render it more than once.
    let problem_token = token.clone();
    let (token, email, school, inviter, draft, username_suggestions) = (
        StoredValue::new(token),
        StoredValue::new(email),
        StoredValue::new(school),
        StoredValue::new(inviter),
        StoredValue::new(draft),
        StoredValue::new(username_suggestions),
    );
    view! {
        <Show
            when=move || link_gone().is_none()
            fallback=move || view! {
                <LinkProblem
                    state=link_gone().unwrap_or(LinkState::Invalid)
                    token=problem_token.clone()
                    sent=Some(sent.get_untracked())
                />
            }
        >
        <section class="setup">
            <p class="eyebrow">{school.get_value()}</p>
            <h1>"Set up your account"</h1>
            <p class="lead">
                {match inviter.get_value() {
                    Some(name) => format!("{name} invited you to join as "),
                    None => "You've been invited to join as ".to_owned(),
                }}
                <strong>{role.label()}</strong>
                "."
            </p>
            <p class="muted">
                "This link works until " <time>{expires_at.text.clone()}</time> "."
            </p>
            <Show when=move || problem.get().is_some()>
                <ProblemSummary problem=problem.into()/>
            </Show>
            <ActionForm action=accept attr:class="form" attr:novalidate=true>
                <input type="hidden" name="token" value=token.get_value()/>
                {if choose_email {
                    view! {
                        <Field id="email" label="Email" error=errors.signal(FormField::Email)
                            hint="You'll sign in with this address or your username">
                            <input id="email" name="email" type="email" autocomplete="email" required
                                autocapitalize="none" spellcheck="false"
                                value=draft.with_value(|d| d.email.clone().unwrap_or_default())
                                aria-invalid=move || errors.get(FormField::Email).is_some().to_string()
                                aria-describedby="email-hint email-error"
                                on:input=move |ev| typed_email.set(event_target_value(&ev))
                                on:blur=errors.check_on_blur(FormField::Email, |v| Email::parse(v).err().map(|e| e.to_string()))/>
                        </Field>
                    }
                    .into_any()
                } else {
                    view! {
                        <div class="field">
                            <label for="email">"Email"</label>
                            <p class="field-hint" id="email-hint">"Your invitation was sent here; it can't be changed."</p>
                            <input id="email" type="email" value=email.get_value() readonly aria-describedby="email-hint"/>
                        </div>
                    }
                    .into_any()
                }}
                <Field id="full_name" label="Full name" error=errors.signal(FormField::FullName)>
                    <input id="full_name" name="full_name" type="text" autocomplete="name" required maxlength="100"
                        value=draft.with_value(|d| d.full_name.clone())
                        aria-invalid=move || errors.get(FormField::FullName).is_some().to_string()
                        aria-describedby="full_name-error"
                        on:blur=errors.check_on_blur(FormField::FullName, |v| PersonName::parse(v).err().map(|e| e.to_string()))/>
                </Field>
                <Field id="phone" label="Phone number" error=errors.signal(FormField::Phone)
                    hint="With your country code, e.g. +44 7700 900123">
                    <input id="phone" name="phone" type="tel" autocomplete="tel" required inputmode="tel"
                        value=draft.with_value(|d| d.phone.clone())
                        aria-invalid=move || errors.get(FormField::Phone).is_some().to_string()
                        aria-describedby="phone-hint phone-error"
                        on:blur=errors.check_on_blur(FormField::Phone, |v| PhoneNumber::parse(v).err().map(|e| e.to_string()))/>
                </Field>
                <UsernameField
                    token=token.get_value()
                    value=draft.with_value(|d| d.username.clone())
                    typed=typed_username
                    errors
                    suggestions=username_suggestions.get_value()
                />
                <PasswordField errors username=typed_username email=typed_email policy=password_policy/>
                <button class="button" type="submit" disabled=move || accept.pending().get()>
                    {move || if accept.pending().get() { "Creating your account…" } else { "Create account" }}
                </button>
            </ActionForm>
        </section>
        </Show>
    }
}

/// The password, with the rules in plain words, a show/hide toggle (once the page runs) and
/// a strength hint while typing.
#[component]
fn PasswordField(
    errors: Errors,
    username: RwSignal<String>,
    email: RwSignal<String>,
    policy: PasswordPolicy,
) -> impl IntoView {
    let shown = RwSignal::new(false);
    let typed = RwSignal::new(String::new());
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let verdict = move |raw: &str| {
        let email = Email::parse(&email.get_untracked()).ok();
        let username = username.get_untracked();
        let context = PasswordContext {
            username: Some(username.trim()),
            email_local_part: email.as_ref().map(Email::local_part),
        };
        Password::parse(raw, &policy, &context).err().map(|e| e.to_string())
    };
    let error = errors.signal(FormField::Password);
    let hint = move || {
        let raw = typed.get();
        let length = raw.chars().count();
        let min = policy.min_length;
        if raw.is_empty() {
            return None;
        }
        if length < min {
            let missing = min - length;
            let plural = if missing == 1 { "" } else { "s" };
            return Some(("weak", format!("{missing} more character{plural} needed")));
        }
        let strength = Strength::estimate(&raw);
        let class = match strength {
            Strength::Weak | Strength::Fair => "fair",
            Strength::Good => "good",
            Strength::Strong => "strong",
        };
        Some((class, format!("Strength: {}", strength.label())))
    };
    view! {
        <Field id="password" label="Password" error hint=policy.in_words()>
            <div class="password-row">
                <input id="password" name="password" autocomplete="new-password" required
                    type=move || if shown.get() { "text" } else { "password" }
                    aria-invalid=move || error.get().is_some().to_string()
                    aria-describedby="password-hint password-error password-strength"
                    on:input=move |ev| typed.set(event_target_value(&ev))
                    on:blur=move |ev| errors.set_local(FormField::Password, verdict(&event_target_value(&ev)))/>
                <Show when=move || hydrated.get()>
                    <button type="button" class="button secondary toggle"
                        aria-controls="password" aria-pressed=move || shown.get().to_string()
                        on:click=move |_| shown.update(|shown| *shown = !*shown)>
                        {move || if shown.get() { "Hide" } else { "Show" }}
                    </button>
                </Show>
            </div>
            <p class="strength" id="password-strength" aria-live="polite">
                {move || hint().map(|(class, text)| view! {
                    <span class=format!("meter meter-{class}") aria-hidden="true"></span>
                    <span>{text}</span>
                })}
            </p>
        </Field>
    }
}

#[component]
fn Field(
    id: &'static str,
    label: &'static str,
    error: Signal<Option<String>>,
    #[prop(optional, into)] hint: Option<String>,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for=id>{label}</label>
            {hint.map(|hint| view! { <p class="field-hint" id=format!("{id}-hint")>{hint}</p> })}
            <p class="field-error" id=format!("{id}-error")>{move || error.get()}</p>
            {children()}
        </div>
    }
}

/// The list at the top, each problem linked to its field (as GOV.UK forms do).
#[component]
fn ProblemSummary(problem: Signal<Option<SetupError>>) -> impl IntoView {
    view! {
        <div class="error-summary" role="alert" tabindex="-1">
            <h2>"There is a problem"</h2>
            {move || problem.get().map(|problem| match problem {
                SetupError::Fields(errors) => view! {
                    <ul>
                        {errors.into_iter().map(|e| view! {
                            <li><a href=format!("#{}", e.field.input_id())>{e.message}</a></li>
                        }).collect_view()}
                    </ul>
                }.into_any(),
                SetupError::UsernameTaken { .. } => view! {
                    <ul><li><a href="#username">{problem.to_string()}</a></li></ul>
                }.into_any(),
                SetupError::Link(state) => view! { <p>{link_sentence(&state)}</p> }.into_any(),
                other => view! { <p>{other.to_string()}</p> }.into_any(),
            })}
        </div>
    }
}
