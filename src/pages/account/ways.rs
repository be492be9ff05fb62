//! "Ways to sign in" on the account page: the person's passkeys (each with a name they can
//! change, when it was added and last used; add another, remove one) and their password (set
//! one, or change it). The last way of signing in can't be removed: its button says so, and
//! the server refuses it anyway. Each change is a plain form that comes back saying what it
//! did (`?done=…`); adding a passkey is the page's script's (`PasskeyBlock`).

use leptos::prelude::*;

use crate::api::account::{RemovePasskey, RenamePasskey, SetPassword, my_sign_in_ways};
use crate::api::error_sentence;
use crate::api::school::UnlinkSchoolAccount;
use crate::components::words::{say, t};
use crate::domain::staff_pages::{Ceremony, done};
use crate::domain::{Message, PasskeyView, SchoolWay, SignInWays, school_notice};
use crate::pages::light::{PasskeyBlock, done_notice, done_said, refusal};

#[component]
pub fn SignInWaysSection() -> impl IntoView {
    let rename = ServerAction::<RenamePasskey>::new();
    let remove = ServerAction::<RemovePasskey>::new();
    let password = ServerAction::<SetPassword>::new();
    let unlink = ServerAction::<UnlinkSchoolAccount>::new();
    let ways = OnceResource::new(my_sign_in_ways());
    view! {
        <section class="sign-in-ways" aria-labelledby="ways-heading">
            <h2 id="ways-heading">{t("account-ways-title")}</h2>
            {refusal(remove)}
            {refusal(rename)}
            <Suspense fallback=|| view! { <p>{t("page-loading")}</p> }>
                {move || ways.get().map(|ways| match ways {
                    Ok(ways) => view! {
                        <Passkeys ways=ways.clone() rename remove/>
                        <Password has_password=ways.has_password
                            school_only=school_only(&ways) action=password/>
                        {ways.school.clone().map(|school| view! {
                            <SchoolAccount school last=ways.one_left() unlink/>
                        })}
                    }
                    .into_any(),
                    Err(e) => view! { <p class="alert" role="alert">{error_sentence(&e)}</p> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Passkeys(
    ways: SignInWays,
    rename: ServerAction<RenamePasskey>,
    remove: ServerAction<RemovePasskey>,
) -> impl IntoView {
    let last = ways.one_left();
    let offered = ways.passkeys_offered;
    // Just added: the newest one.
    let newest = ways.passkeys.iter().max_by_key(|passkey| passkey.id).map(|p| p.name.clone());
    let rows = ways
        .passkeys
        .into_iter()
        .map(|passkey| view! { <PasskeyRow passkey last rename remove/> })
        .collect_view();
    view! {
        <h3>{t("account-passkeys-title")}</h3>
        {newest.and_then(|name| done_notice(Message::new(done::PASSKEY_ADDED).text("name", name)))}
        {done_said(done::PASSKEY_RENAMED)}
        {done_said(done::PASSKEY_REMOVED)}
        <p class="hint">{t("account-passkeys-hint")}</p>
        <ul class="passkey-list">{rows}</ul>
        {offered.then(|| view! { <PasskeyBlock ceremony=Ceremony::Add label=t("account-passkey-add")/> })}
    }
}

#[component]
fn PasskeyRow(
    passkey: PasskeyView,
    last: bool,
    rename: ServerAction<RenamePasskey>,
    remove: ServerAction<RemovePasskey>,
) -> impl IntoView {
    let id = passkey.id;
    let used = match &passkey.last_used_at {
        Some(at) => say(&Message::new("account-passkey-last-used").text("when", &at.text)),
        None => t("account-passkey-never-used"),
    };
    let added =
        say(&Message::new("account-passkey-added-on").text("when", &passkey.created_at.text));
    view! {
        <li class="passkey">
            <strong class="account-passkey-name">{passkey.name.clone()}</strong>
            <p class="hint">{added} " · " {used}</p>
            <div class="passkey-actions">
                // Renaming opens in place, without a script.
                <details class="rename">
                    <summary class="link-button">{t("account-passkey-rename")}</summary>
                    <ActionForm action=rename attr:class="rename-form">
                        <input type="hidden" name="id" value=id.to_string()/>
                        <label for=format!("passkey-name-{id}")>{t("account-passkey-name")}</label>
                        <input id=format!("passkey-name-{id}") name="name" type="text" maxlength="60"
                            required value=passkey.name/>
                        <button class="button" type="submit">{t("page-save")}</button>
                    </ActionForm>
                </details>
                <ActionForm action=remove attr:class="inline-form">
                    <input type="hidden" name="id" value=id.to_string()/>
                    <button class="link-button" type="submit" disabled=last
                        title=last.then(|| t("account-passkey-only-way"))>
                        {t("account-passkey-remove")}
                    </button>
                </ActionForm>
            </div>
        </li>
    }
}

/// The school's provider, when its account is this account's way in and no passkey is.
fn school_only(ways: &SignInWays) -> Option<String> {
    let school = ways.school.as_ref().filter(|school| school.linked.is_some())?;
    ways.passkeys.is_empty().then(|| school.label.clone())
}

#[component]
fn Password(
    has_password: bool,
    /// Without a password: the provider whose account signs the person in, if no passkey does.
    school_only: Option<String>,
    action: ServerAction<SetPassword>,
) -> impl IntoView {
    let (heading, button) = match has_password {
        true => (t("account-password-change-title"), t("account-password-change")),
        false => (t("account-password-set-title"), t("account-password-set")),
    };
    view! {
        <h3>{t("account-password-title")}</h3>
        <p class="hint">
            {match (has_password, school_only) {
                (true, _) => t("account-password-has"),
                (false, Some(provider)) => {
                    say(&Message::new("account-password-none-school").text("provider", provider))
                }
                (false, None) => t("account-password-none"),
            }}
        </p>
        {done_said(done::PASSWORD_SAVED)}
        {refusal(action)}
        // Open again after a refusal, so the person sees why beside the fields.
        <details class="password-form" open=action.value().get_untracked().is_some_and(|r| r.is_err())>
            <summary>{heading}</summary>
            <ActionForm action attr:class="form">
                {if has_password {
                    view! {
                        <div class="field">
                            <label for="current-password">{t("account-password-current")}</label>
                            <input id="current-password" name="current" type="password"
                                autocomplete="current-password" required/>
                        </div>
                    }
                    .into_any()
                } else {
                    view! { <input type="hidden" name="current" value=""/> }.into_any()
                }}
                <div class="field">
                    <label for="new-password">{t("account-password-new")}</label>
                    <input id="new-password" name="new_password" type="password"
                        autocomplete="new-password" required/>
                </div>
                <button class="button" type="submit">
                    {button}
                </button>
            </ActionForm>
        </details>
    }
}

/// The school's own account (OpenID Connect): link it, or unlink it unless it is the last
/// way in. Linking is a trip to the provider, as a plain form.
#[component]
fn SchoolAccount(
    school: SchoolWay,
    last: bool,
    unlink: ServerAction<UnlinkSchoolAccount>,
) -> impl IntoView {
    // What came of the latest trip to the provider (`?school=`), until something else is done.
    let notice = move || {
        let id = leptos_router::hooks::use_query_map()
            .read()
            .get("school")
            .and_then(|raw| school_notice::find(&raw))?;
        unlink.value().get().is_none().then_some(id)
    };
    let label = school.label.clone();
    let unlinked = done_notice(Message::new(done::SCHOOL_UNLINKED).text("provider", &label));
    let state = match &school.linked {
        Some(email) => say(&Message::new("account-school-linked")
            .text("provider", &label)
            .text("email", email)),
        None => say(&Message::new("account-school-none").text("provider", &label)),
    };
    view! {
        <h3>{t("account-school-title")}</h3>
        {move || notice().map(|id| match school_notice::is_good_news(id) {
            true => view! { <p class="notice" role="status">{t(id)}</p> }.into_any(),
            false => view! { <p class="alert" role="alert">{t(id)}</p> }.into_any(),
        })}
        {unlinked}
        {refusal(unlink)}
        <p class="hint">{state}</p>
        {(last && school.linked.is_some()).then(|| view! {
            <p class="hint">{t("account-school-only-way")}</p>
        })}
        {match school.linked {
            Some(_) => view! {
                <ActionForm action=unlink attr:class="inline-form">
                    <button class="link-button" type="submit" disabled=last>
                        {t("account-school-unlink")}
                    </button>
                </ActionForm>
            }
            .into_any(),
            None => view! {
                <form method="post" action=crate::domain::invite_page::SCHOOL_START>
                    <input type="hidden" name="purpose" value="link"/>
                    <button class="button secondary" type="submit">
                        {say(&Message::new("account-school-link").text("provider", &label))}
                    </button>
                </form>
            }
            .into_any(),
        }}
    }
}
