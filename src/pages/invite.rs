//! `/invite/{token}`: the invitee's setup page, and a clear page for every link that does
//! not work. Opening it changes nothing; only submitting the form uses the link.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::setup::{AcceptInvitation, invitation_link, invitation_opened};
use crate::domain::{FormField, LinkState, PasswordPolicy, Role, SetupError, Timestamp};

#[component]
pub fn InvitePage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let link = Resource::new(token, invitation_link);

    view! {
        <Suspense fallback=|| view! { <p>"Checking your link…"</p> }>
            {move || link.get().map(|result| match result {
                Ok(view) => match view.state {
                    LinkState::Valid { email, role, inviter_name, expires_at, choose_email } => {
                        view! {
                            <SetupForm
                                token=token()
                                email
                                choose_email
                                role
                                inviter=inviter_name
                                expires_at
                                school=view.school
                            />
                        }
                        .into_any()
                    }
                    other => view! { <LinkProblem state=other/> }.into_any(),
                },
                Err(error) => view! {
                    <section class="message-page">
                        <h1>"We couldn't check this link"</h1>
                        <p>{error_text(&error)}</p>
                    </section>
                }
                .into_any(),
            })}
        </Suspense>
    }
}

fn error_text(error: &ServerFnError) -> String {
    match error {
        ServerFnError::ServerError(message) => message.clone(),
        _ => "We couldn't reach the server. Check your connection and reload the page.".to_owned(),
    }
}

#[component]
fn SetupForm(
    token: String,
    email: String,
    choose_email: bool,
    role: Role,
    inviter: Option<String>,
    expires_at: Timestamp,
    school: String,
) -> impl IntoView {
    let accept = ServerAction::<AcceptInvitation>::new();
    let problem = move || accept.value().get().and_then(Result::err);
    let field_error = move |field: FormField| {
        problem().and_then(|problem| match problem {
            SetupError::Fields(errors) => {
                errors.into_iter().find(|e| e.field == field).map(|e| e.message)
            }
            SetupError::UsernameTaken if field == FormField::Username => Some(problem.to_string()),
            _ => None,
        })
    };
    let show_password = RwSignal::new(false);

    // Once the page runs in a real browser, tell the dashboard the link was opened.
    let opened_token = token.clone();
    Effect::new(move |_| {
        let token = opened_token.clone();
        leptos::task::spawn_local(async move {
            let _ = invitation_opened(token).await;
        });
    });

    view! {
        <section class="setup">
            <p class="eyebrow">{school}</p>
            <h1>"Set up your account"</h1>
            <p class="lead">
                {match inviter {
                    Some(name) => format!("{name} invited you to join as "),
                    None => "You've been invited to join as ".to_owned(),
                }}
                <strong>{role.label()}</strong>
                "."
            </p>
            <p class="muted">
                "This link works until " <time>{expires_at.format_utc()}</time> "."
            </p>
            <Show when=move || problem().is_some()>
                <ProblemSummary problem=Signal::derive(problem)/>
            </Show>
            <ActionForm action=accept attr:class="form" attr:novalidate=true>
                <input type="hidden" name="token" value=token.clone()/>
                {if choose_email {
                    view! {
                        <Field id="email" label="Email" error=Signal::derive(move || field_error(FormField::Email))
                            hint="You'll sign in with this address or your username">
                            <input id="email" name="email" type="email" autocomplete="email" required
                                autocapitalize="none" spellcheck="false"
                                aria-invalid=move || field_error(FormField::Email).is_some().to_string()
                                aria-describedby="email-hint email-error"/>
                        </Field>
                    }
                    .into_any()
                } else {
                    view! {
                        <div class="field">
                            <label for="email">"Email"</label>
                            <input id="email" type="email" value=email readonly aria-describedby="email-hint"/>
                            <p class="field-hint" id="email-hint">"Your invitation was sent here; it can't be changed."</p>
                        </div>
                    }
                    .into_any()
                }}
                <Field id="full_name" label="Full name" error=Signal::derive(move || field_error(FormField::FullName))>
                    <input id="full_name" name="full_name" type="text" autocomplete="name" required maxlength="100"
                        aria-invalid=move || field_error(FormField::FullName).is_some().to_string()
                        aria-describedby="full_name-error"/>
                </Field>
                <Field id="phone" label="Phone number" error=Signal::derive(move || field_error(FormField::Phone))
                    hint="With your country code, e.g. +44 7700 900123">
                    <input id="phone" name="phone" type="tel" autocomplete="tel" required inputmode="tel"
                        aria-invalid=move || field_error(FormField::Phone).is_some().to_string()
                        aria-describedby="phone-hint phone-error"/>
                </Field>
                <Field id="username" label="Username" error=Signal::derive(move || field_error(FormField::Username))
                    hint="3 to 32 characters: letters, digits, dots, underscores and hyphens, starting with a letter">
                    <input id="username" name="username" type="text" autocomplete="username" required
                        autocapitalize="none" spellcheck="false" maxlength="32"
                        aria-invalid=move || field_error(FormField::Username).is_some().to_string()
                        aria-describedby="username-hint username-error"/>
                </Field>
                <Field id="password" label="Password" error=Signal::derive(move || field_error(FormField::Password))
                    hint=password_rules()>
                    <div class="password-row">
                        <input id="password" name="password" autocomplete="new-password" required
                            type=move || if show_password.get() { "text" } else { "password" }
                            aria-invalid=move || field_error(FormField::Password).is_some().to_string()
                            aria-describedby="password-hint password-error"/>
                        <button type="button" class="button secondary toggle"
                            aria-controls="password" aria-pressed=move || show_password.get().to_string()
                            on:click=move |_| show_password.update(|shown| *shown = !*shown)>
                            {move || if show_password.get() { "Hide" } else { "Show" }}
                        </button>
                    </div>
                </Field>
                <button class="button" type="submit" disabled=move || accept.pending().get()>
                    {move || if accept.pending().get() { "Creating your account…" } else { "Create account" }}
                </button>
            </ActionForm>
        </section>
    }
}

fn password_rules() -> &'static str {
    const _: () = assert!(PasswordPolicy::DEFAULT_MIN_LENGTH == 12);
    "At least 12 characters. Any characters work: a short sentence is easy to remember and hard to guess. It can't contain your username or email."
}

#[component]
fn Field(
    id: &'static str,
    label: &'static str,
    error: Signal<Option<String>>,
    #[prop(optional)] hint: Option<&'static str>,
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
                SetupError::UsernameTaken => view! {
                    <ul><li><a href="#username">{problem.to_string()}</a></li></ul>
                }.into_any(),
                SetupError::Link(state) => view! { <p>{link_sentence(&state)}</p> }.into_any(),
                other => view! { <p>{other.to_string()}</p> }.into_any(),
            })}
        </div>
    }
}

fn link_sentence(state: &LinkState) -> String {
    match state {
        LinkState::Valid { .. } => String::new(),
        LinkState::Invalid => {
            "This link isn't valid. Check that you copied the whole link from the email.".into()
        }
        LinkState::Expired { expired_at } => format!(
            "This link expired on {}. Ask your school's administrator to send you a new invitation.",
            expired_at.format_utc()
        ),
        LinkState::AlreadyUsed => {
            "This link has already been used to set up an account. Sign in instead.".into()
        }
        LinkState::Superseded => {
            "A newer invitation was sent to you. Use the link in the most recent email.".into()
        }
        LinkState::Revoked => {
            "This invitation was withdrawn. Contact your school administrator.".into()
        }
    }
}

/// The page for a link that does not work: what happened and what to do next, and nothing
/// about whose link it was.
#[component]
fn LinkProblem(state: LinkState) -> impl IntoView {
    let title = match &state {
        LinkState::Invalid => "This link isn't valid",
        LinkState::Expired { .. } => "This link has expired",
        LinkState::AlreadyUsed => "This link has already been used",
        LinkState::Superseded => "There is a newer link",
        LinkState::Revoked => "This invitation was withdrawn",
        LinkState::Valid { .. } => "",
    };
    let sign_in = matches!(state, LinkState::AlreadyUsed);
    view! {
        <section class="message-page">
            <h1>{title}</h1>
            <p>{link_sentence(&state)}</p>
            <Show when=move || sign_in>
                <p><a class="button" href="/login">"Sign in"</a></p>
            </Show>
        </section>
    }
}
