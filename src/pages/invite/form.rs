//! The setup form: a real `<form method="post">` that works without JavaScript, with the
//! GOV.UK pattern for errors (a summary at the top linked to the fields, and each message
//! beside its field). The server renders it whole, with the values and errors of a refused
//! plain submit; the invite pages' own small WASM (`crates/light-pages`) then checks each
//! field with the same domain parsers as the server, checks the username while it is typed,
//! and sends the form without losing the password on a mistake. The ids and names that script
//! finds come from `domain::invite_page` and `FormField`, which it uses too.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use super::username::UsernameField;
use crate::api::school::{AcceptWithSchoolAccount, SchoolOffer};
use crate::api::setup::AcceptInvitation;
use crate::components::words::{say, t};
use crate::domain::{
    FormField, LocalTime, Message, PasswordPolicy, RefusedSetup, Sentence, SetupDraft, SetupError,
    invite_page,
};

/// The message beside `field` after a refused submit.
fn field_error(problem: Option<&SetupError>, field: FormField) -> Option<String> {
    match problem? {
        SetupError::Fields(errors) => {
            errors.iter().find(|e| e.field == field).map(|e| say(&e.message))
        }
        problem @ SetupError::UsernameTaken { .. } if field == FormField::Username => {
            Some(say(&problem.message()))
        }
        _ => None,
    }
}

#[component]
#[allow(clippy::too_many_arguments)]
pub fn SetupForm(
    token: String,
    email: String,
    choose_email: bool,
    /// Who invited them, as what (`LinkView::lead`).
    lead: String,
    expires_at: LocalTime,
    school: Option<String>,
    /// The rule the server applies to the password, stated here and checked by the script.
    password_policy: PasswordPolicy,
    /// The last submit, when it was refused without JavaScript: its values and errors.
    refused: Option<RefusedSetup>,
    /// Whether this site offers passkeys: the script then offers one where the browser can
    /// make it, and the password stays one tap away.
    passkeys: bool,
    /// The school's own accounts, where this site offers them.
    school_accounts: Option<SchoolOffer>,
) -> impl IntoView {
    let (mut draft, problem) = match refused {
        Some(refused) => (refused.draft, Some(refused.error)),
        None => (SetupDraft::default(), None),
    };
    let verified = school_accounts.as_ref().and_then(|offer| offer.verified.clone());
    let action =
        if verified.is_some() { AcceptWithSchoolAccount::url() } else { AcceptInvitation::url() };
    let token_for_way = token.clone();
    if let Some(name) = verified.as_ref().and_then(|v| v.name.clone())
        && draft.full_name.is_empty()
    {
        draft.full_name = name;
    }
    let error = |field| field_error(problem.as_ref(), field);
    let (email_error, name_error, phone_error) =
        (error(FormField::Email), error(FormField::FullName), error(FormField::Phone));
    let (username_error, password_error) = (error(FormField::Username), error(FormField::Password));
    let suggestions = match &problem {
        Some(SetupError::UsernameTaken { suggestions }) => suggestions.clone(),
        _ => Vec::new(),
    };
    let email_field = if choose_email {
        view! {
            <Field field=FormField::Email label=t("field-email") error=email_error.clone()
                hint=t("setup-email-choose")>
                <input id=FormField::Email.input_id() name=FormField::Email.name() type="email"
                    autocomplete="email" required autocapitalize="none" spellcheck="false"
                    value=draft.email.clone().unwrap_or_default()
                    aria-invalid=email_error.is_some().to_string()
                    aria-describedby=described_by(FormField::Email, &[])/>
            </Field>
        }
        .into_any()
    } else {
        view! {
            <div class="field">
                <label for=FormField::Email.input_id()>{t("field-email")}</label>
                <p class="field-hint" id=FormField::Email.hint_id()>{t("setup-email-fixed")}</p>
                <input id=FormField::Email.input_id() type="email" value=email readonly
                    aria-describedby=FormField::Email.hint_id()/>
            </div>
        }
        .into_any()
    };
    view! {
        <section class="setup">
            {school.map(|school| view! { <p class="eyebrow">{school}</p> })}
            <h1>{t("setup-title")}</h1>
            <p class="lead">{lead}</p>
            <p class="muted">
                {say(&Message::new("setup-link-until").text("when", expires_at.text))}
            </p>
            <ProblemSummary problem=problem.clone()/>
            {school_accounts.clone().filter(|offer| offer.verified.is_none()).map(|offer| view! {
                <SchoolStart offer token=token.clone()/>
            })}
            <form id=invite_page::SETUP_FORM class="form" method="post"
                action=action
                novalidate>
                <input type="hidden" name=invite_page::TOKEN_FIELD value=token/>
                {email_field}
                <Field field=FormField::FullName label=t("field-full-name") error=name_error.clone()>
                    <input id=FormField::FullName.input_id() name=FormField::FullName.name()
                        type="text" autocomplete="name" required maxlength="100"
                        value=draft.full_name
                        aria-invalid=name_error.is_some().to_string()
                        aria-describedby=FormField::FullName.error_id()/>
                </Field>
                <Field field=FormField::Phone label=t("field-phone") error=phone_error.clone()
                    hint=t("setup-phone-hint")>
                    <input id=FormField::Phone.input_id() name=FormField::Phone.name() type="tel"
                        autocomplete="tel" required inputmode="tel"
                        value=draft.phone
                        aria-invalid=phone_error.is_some().to_string()
                        aria-describedby=described_by(FormField::Phone, &[])/>
                </Field>
                <UsernameField value=draft.username error=username_error suggestions/>
                {match (verified, school_accounts) {
                    (Some(verified), Some(offer)) => view! {
                        <SchoolWay label=offer.label email=verified.email token=token_for_way/>
                    }
                    .into_any(),
                    _ => view! { <OwnWays passkeys password_error password_policy/> }.into_any(),
                }}
            </form>
        </section>
    }
}

/// The account's own ways in: a passkey (where the browser can make one) or a password.
#[component]
fn OwnWays(
    passkeys: bool,
    password_error: Option<String>,
    password_policy: PasswordPolicy,
) -> impl IntoView {
    view! {
                {passkeys.then(|| view! { <PasskeyWay/> })}
                <div id=invite_page::PASSWORD_WAY>
                    // Above the password: a message under the field, shown when it loses focus,
                    // must not move this link from under the finger tapping it.
                    {passkeys.then(|| view! {
                        <button type="button" id=invite_page::USE_PASSKEY class="link-button" hidden>
                            {t("setup-use-passkey")}
                        </button>
                    })}
                    <PasswordField error=password_error policy=password_policy/>
                    <button class="button" type="submit">{t("setup-create")}</button>
                </div>
    }
}

/// "Continue with Google": the trip to the school's provider, as a plain form (it works
/// without JavaScript). After a refused try, the provider is asked to offer another account.
#[component]
fn SchoolStart(offer: SchoolOffer, token: String) -> impl IntoView {
    let again = offer.refused.is_some();
    view! {
        <div class="school-way">
            {offer.refused.map(|refused| view! { <p class="alert" role="alert">{refused}</p> })}
            <form method="post" action=crate::domain::invite_page::SCHOOL_START>
                <input type="hidden" name="purpose" value="setup"/>
                <input type="hidden" name=invite_page::TOKEN_FIELD value=token/>
                {again.then(|| view! { <input type="hidden" name="again" value="1"/> })}
                <button class="button secondary" type="submit">
                    {say(&Message::new(if again { "setup-school-other" } else { "setup-school-continue" })
                        .text("provider", &offer.label))}
                </button>
            </form>
            <p class="divider"><span>{t("setup-school-or")}</span></p>
        </div>
    }
}

/// The school account the person came back with: the account will sign in with it. The
/// password and passkey are one link away.
#[component]
fn SchoolWay(label: String, email: String, token: String) -> impl IntoView {
    view! {
        <div class="school-verified">
            <p>{say(&Message::new("setup-school-verified").text("provider", &label).text("email", &email))}</p>
            <button class="button" type="submit">{t("setup-create")}</button>
            <p><a href=format!("/invite/{token}?way=own")>{t("setup-school-instead")}</a></p>
        </div>
    }
}

/// A passkey instead of a password: hidden until the script finds that this browser can make
/// one (without it, or without an authenticator, the password form is all there is).
#[component]
fn PasskeyWay() -> impl IntoView {
    view! {
        <div id=invite_page::PASSKEY_WAY class="passkey-way" hidden>
            <h2>{t("setup-passkey-title")}</h2>
            <p class="field-hint">{t("setup-passkey-hint")}</p>
            <button type="button" id=invite_page::PASSKEY_CREATE class="button">
                {t("setup-passkey-create")}
            </button>
            <button type="button" id=invite_page::USE_PASSWORD class="link-button">
                {t("setup-use-password")}
            </button>
        </div>
    }
}

/// The password, with the rules in plain words, a show/hide toggle and a strength hint
/// (both shown by the script; hidden without it).
#[component]
fn PasswordField(error: Option<String>, policy: PasswordPolicy) -> impl IntoView {
    view! {
        <Field field=FormField::Password label=t("field-password") error=error.clone()
            hint=say(&policy.in_words())>
            <div class="password-row">
                <input id=FormField::Password.input_id() name=FormField::Password.name()
                    type="password" autocomplete="new-password" required
                    data-min-length=policy.min_length.to_string()
                    aria-invalid=error.is_some().to_string()
                    aria-describedby=described_by(FormField::Password, &[invite_page::PASSWORD_STRENGTH])/>
                <button type="button" id=invite_page::PASSWORD_TOGGLE class="button secondary toggle"
                    hidden aria-controls=FormField::Password.input_id() aria-pressed="false">
                    {t("password-show")}
                </button>
            </div>
            <p class="strength" id=invite_page::PASSWORD_STRENGTH aria-live="polite"></p>
        </Field>
    }
}

#[component]
pub fn Field(
    field: FormField,
    label: String,
    error: Option<String>,
    #[prop(optional, into)] hint: Option<String>,
    children: Children,
) -> impl IntoView {
    let invalid = error.is_some();
    view! {
        <div class="field" class:field-invalid=invalid>
            <label for=field.input_id()>{label}</label>
            {hint.map(|hint| view! { <p class="field-hint" id=field.hint_id()>{hint}</p> })}
            <p class="field-error" id=field.error_id()>{error}</p>
            {children()}
        </div>
    }
}

/// The ids that describe `field`'s input: its hint, its message, then `more`.
pub fn described_by(field: FormField, more: &[&str]) -> String {
    [field.hint_id(), field.error_id()].iter().chain(more).copied().collect::<Vec<_>>().join(" ")
}

/// The list at the top, each problem linked to its field (as GOV.UK forms do). Always
/// rendered, hidden while there is no problem, so the script can fill it in.
#[component]
fn ProblemSummary(problem: Option<SetupError>) -> impl IntoView {
    let hidden = problem.is_none();
    let content = problem.map(|problem| match problem {
        SetupError::Fields(errors) => view! {
            <ul>
                {errors.into_iter().map(|e| view! {
                    <li><a href=format!("#{}", e.field.input_id())>{say(&e.message)}</a></li>
                }).collect_view()}
            </ul>
        }
        .into_any(),
        SetupError::UsernameTaken { .. } => view! {
            <ul><li>
                <a href=format!("#{}", FormField::Username.input_id())>{say(&problem.message())}</a>
            </li></ul>
        }
        .into_any(),
        SetupError::Link(state) => {
            view! { <p>{say(&super::problem::link_sentence(&state))}</p> }.into_any()
        }
        other => view! { <p>{say(&other.message())}</p> }.into_any(),
    });
    view! {
        <div id=invite_page::ERROR_SUMMARY class="error-summary" role="alert" tabindex="-1" hidden=hidden>
            <h2>{t("problem-title")}</h2>
            <div id=invite_page::ERROR_SUMMARY_LIST>{content}</div>
        </div>
    }
}
