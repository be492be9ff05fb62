//! Deactivate or Reactivate, confirmed first in a dialog that names the person and says what
//! will happen; the outcome comes back as a toast and the row changes in place.

use leptos::prelude::*;

use crate::api::error_sentence;
use crate::api::staff::{deactivate_account, reactivate_account};
use crate::components::words::{say, t};
use crate::components::{modal::Modal, task::Tasks, toast::Toasts};
use crate::domain::{AccountStatus, Message, Role, Sentence, StaffMember};

#[component]
pub fn StatusDialog(
    changing: RwSignal<Option<StaffMember>>,
    on_changed: Callback<StaffMember>,
) -> impl IntoView {
    let open = Signal::derive(move || changing.with(Option::is_some));
    let close = Callback::new(move |_| changing.set(None));
    let title = Signal::derive(move || {
        changing.with(|m| match m {
            Some(m) if m.status == AccountStatus::Active => {
                say(&Message::new("staff-deactivate-title").text("name", &m.full_name))
            }
            Some(m) => say(&Message::new("staff-reactivate-title").text("name", &m.full_name)),
            None => String::new(),
        })
    });
    view! {
        <Modal open on_close=close id="account-status" title>
            {move || changing.get().map(|member| view! { <Confirm member on_changed on_done=close/> })}
        </Modal>
    }
}

#[component]
fn Confirm(
    member: StaffMember,
    on_changed: Callback<StaffMember>,
    on_done: Callback<()>,
) -> impl IntoView {
    let tasks = Tasks::of_this_view();
    let toasts = expect_context::<Toasts>();
    let pending = RwSignal::new(false);
    let deactivating = member.status == AccountStatus::Active;
    let id = member.id;
    let confirm = move |_| {
        pending.set(true);
        tasks.spawn(async move {
            let outcome = if deactivating {
                deactivate_account(id).await
            } else {
                reactivate_account(id).await
            };
            match outcome {
                Ok(report) => {
                    toasts.success(say(&report.message()));
                    if report.own_account {
                        // Their session ended with the change.
                        let _ = leptos::prelude::window().location().assign("/login");
                    }
                    on_changed.run(report.member);
                }
                Err(e) => toasts.error(error_sentence(&e)),
            }
            pending.set(false);
            on_done.run(());
        });
    };
    let who = format!("{} ({})", member.full_name, member.username);
    let body = if deactivating {
        view! {
            <p>{say(&Message::new("staff-deactivate-warning").text("who", who))}</p>
            {(member.role == Role::SuperAdmin).then(|| view! {
                <p>{t("staff-deactivate-revokes")}</p>
            })}
            {member.you.then(|| view! { <p class="alert">{t("staff-deactivate-yourself")}</p> })}
        }
        .into_any()
    } else {
        view! { <p>{say(&Message::new("staff-reactivate-warning").text("who", who))}</p> }
            .into_any()
    };
    let (verb, working, class) = if deactivating {
        (t("staff-deactivate"), t("staff-deactivating"), "button danger")
    } else {
        (t("staff-reactivate"), t("staff-reactivating"), "button")
    };
    view! {
        {body}
        <div class="modal-actions">
            <button type="button" class="button secondary" on:click=move |_| on_done.run(())>{t("page-cancel")}</button>
            <button type="button" class=class disabled=move || pending.get() on:click=confirm>
                {move || if pending.get() { working.clone() } else { verb.clone() }}
            </button>
        </div>
    }
}
