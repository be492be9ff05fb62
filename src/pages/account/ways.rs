//! "Ways to sign in" on the account page: the person's passkeys (each with a name they can
//! change, when it was added and last used; add another, remove one) and their password (set
//! one, or change it). The last way of signing in can't be removed: its button says so, and
//! the server refuses it anyway.

use leptos::prelude::*;

use crate::api::account::{
    AddPasskeyFinish, RemovePasskey, RenamePasskey, SetPassword, my_sign_in_ways,
};
use crate::api::error_sentence;
use crate::api::school::UnlinkSchoolAccount;
use crate::components::words::{say, t};
use crate::domain::{Message, PasskeyView, SchoolWay, SignInWays, school_notice};

#[component]
pub fn SignInWaysSection() -> impl IntoView {
    let rename = ServerAction::<RenamePasskey>::new();
    let remove = ServerAction::<RemovePasskey>::new();
    let added = ServerAction::<AddPasskeyFinish>::new();
    let password = ServerAction::<SetPassword>::new();
    let unlink = ServerAction::<UnlinkSchoolAccount>::new();
    let ways = Resource::new(
        move || {
            (
                rename.version().get(),
                remove.version().get(),
                added.version().get(),
                password.version().get(),
                unlink.version().get(),
            )
        },
        |_| my_sign_in_ways(),
    );
    // The outcome of the latest change to the passkeys, in words.
    let passkey_said = move || {
        let failed = |value: Option<Result<(), ServerFnError>>| {
            value.and_then(Result::err).map(|e| error_sentence(&e))
        };
        let added = added.value().get().map(|r| {
            r.map(|view| say(&Message::new("account-passkey-added").text("name", view.name)))
        });
        match added {
            Some(Err(e)) => Some(Err(error_sentence(&e))),
            Some(Ok(sentence)) if remove.value().get().is_none() => Some(Ok(sentence)),
            _ => failed(remove.value().get()).or_else(|| failed(rename.value().get())).map(Err),
        }
    };
    view! {
        <section class="sign-in-ways" aria-labelledby="ways-heading">
            <h2 id="ways-heading">{t("account-ways-title")}</h2>
            {move || passkey_said().map(|said| match said {
                Ok(sentence) => view! { <p class="notice" role="status">{sentence}</p> }.into_any(),
                Err(sentence) => view! { <p class="alert" role="alert">{sentence}</p> }.into_any(),
            })}
            <Suspense fallback=|| view! { <p>{t("page-loading")}</p> }>
                {move || ways.get().map(|ways| match ways {
                    Ok(ways) => view! {
                        <Passkeys ways=ways.clone() rename remove added/>
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
    added: ServerAction<AddPasskeyFinish>,
) -> impl IntoView {
    let last = ways.one_left();
    let offered = ways.passkeys_offered;
    let rows = ways
        .passkeys
        .into_iter()
        .map(|passkey| view! { <PasskeyRow passkey last rename remove/> })
        .collect_view();
    view! {
        <h3>{t("account-passkeys-title")}</h3>
        <p class="hint">{t("account-passkeys-hint")}</p>
        <ul class="passkey-list">{rows}</ul>
        {offered.then(|| view! { <AddPasskey added/> })}
    }
}

#[component]
fn PasskeyRow(
    passkey: PasskeyView,
    last: bool,
    rename: ServerAction<RenamePasskey>,
    remove: ServerAction<RemovePasskey>,
) -> impl IntoView {
    let (editing, set_editing) = signal(false);
    let id = passkey.id;
    let used = match &passkey.last_used_at {
        Some(at) => say(&Message::new("account-passkey-last-used").text("when", &at.text)),
        None => t("account-passkey-never-used"),
    };
    let added =
        say(&Message::new("account-passkey-added-on").text("when", &passkey.created_at.text));
    let name = passkey.name.clone();
    let typed = StoredValue::new(passkey.name.clone());
    view! {
        <li class="passkey">
            <Show
                when=move || editing.get()
                fallback={
                    let name = name.clone();
                    move || view! { <strong class="account-passkey-name">{name.clone()}</strong> }
                }
            >
                <ActionForm action=rename attr:class="rename-form">
                    <input type="hidden" name="id" value=id.to_string()/>
                    <label for=format!("passkey-name-{id}")>{t("account-passkey-name")}</label>
                    <input id=format!("passkey-name-{id}") name="name" type="text" maxlength="60"
                        required value=typed.get_value()/>
                    <button class="button" type="submit">{t("page-save")}</button>
                    <button class="link-button" type="button" on:click=move |_| set_editing.set(false)>
                        {t("page-cancel")}
                    </button>
                </ActionForm>
            </Show>
            <p class="hint">{added} " · " {used}</p>
            <div class="passkey-actions">
                <button class="link-button" type="button" on:click=move |_| set_editing.set(true)>
                    {t("account-passkey-rename")}
                </button>
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

/// "Add a passkey", where this browser can make one.
#[component]
fn AddPasskey(added: ServerAction<AddPasskeyFinish>) -> impl IntoView {
    let (can, set_can) = signal(false);
    let (problem, set_problem) = signal(None::<String>);
    let (waiting, set_waiting) = signal(false);
    let tasks = crate::components::task::Tasks::of_this_view();
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        tasks.spawn(async move { set_can.set(passkey_browser::can_create().await) });
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = set_can;
    let start = move |_| {
        set_problem.set(None);
        set_waiting.set(true);
        #[cfg(feature = "hydrate")]
        tasks.spawn(async move {
            use crate::api::account::add_passkey_begin;
            let made = match add_passkey_begin().await {
                Ok(options) => passkey_browser::create(&options)
                    .await
                    .map_err(|f| say(&domain::Sentence::message(&f))),
                Err(e) => Err(error_sentence(&e)),
            };
            match made {
                Ok(credential) => {
                    added.dispatch(AddPasskeyFinish { credential });
                }
                Err(sentence) => set_problem.set(Some(sentence)),
            }
            set_waiting.set(false);
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = (added, set_waiting, tasks);
    };
    view! {
        <Show when=move || can.get()>
            <Show when=move || problem.get().is_some()>
                <p class="alert" role="alert">{move || problem.get()}</p>
            </Show>
            <button class="button secondary" type="button" on:click=start
                disabled=move || waiting.get() || added.pending().get()>
                {move || t(if waiting.get() { "setup-waiting-for-passkey" } else { "account-passkey-add" })}
            </button>
        </Show>
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
    let said = move || {
        action.value().get().map(|result| match result {
            Ok(sentence) => view! { <p class="notice" role="status">{sentence}</p> }.into_any(),
            Err(e) => view! { <p class="alert" role="alert">{error_sentence(&e)}</p> }.into_any(),
        })
    };
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
        {said}
        <details class="password-form">
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
                <button class="button" type="submit" disabled=move || action.pending().get()>
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
    let said = move || {
        unlink.value().get().map(|result| match result {
            Ok(sentence) => view! { <p class="notice" role="status">{sentence}</p> }.into_any(),
            Err(e) => view! { <p class="alert" role="alert">{error_sentence(&e)}</p> }.into_any(),
        })
    };
    let label = school.label.clone();
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
        {said}
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
