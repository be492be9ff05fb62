//! Deactivate or Reactivate, confirmed first in a dialog that names the person and says what
//! will happen; the outcome comes back as a toast and the row changes in place.

use leptos::prelude::*;

use crate::api::error_sentence;
use crate::api::staff::{deactivate_account, reactivate_account};
use crate::components::{modal::Modal, task::Tasks, toast::Toasts};
use crate::domain::{AccountStatus, Role, StaffMember};

#[component]
pub fn StatusDialog(
    changing: RwSignal<Option<StaffMember>>,
    on_changed: Callback<StaffMember>,
) -> impl IntoView {
    let open = Signal::derive(move || changing.with(Option::is_some));
    let close = Callback::new(move |_| changing.set(None));
    let title = Signal::derive(move || {
        changing.with(|m| match m {
            Some(m) if m.status == AccountStatus::Active => format!("Deactivate {}?", m.full_name),
            Some(m) => format!("Reactivate {}?", m.full_name),
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
                    toasts.success(report.sentence());
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
    let who =
        view! { <strong>{member.full_name.clone()}</strong> " (" {member.username.clone()} ")" };
    let body = if deactivating {
        view! {
            <p>{who} " will be signed out everywhere at once and won't be able to sign in until a Super-Admin reactivates the account."</p>
            {(member.role == Role::SuperAdmin).then(|| view! {
                <p>"Every pending invitation they sent will be revoked: its link will say the invitation was withdrawn. Reactivating doesn't bring those back."</p>
            })}
            {member.you.then(|| view! { <p class="alert">"This is your own account: you will be signed out too."</p> })}
        }
        .into_any()
    } else {
        view! { <p>{who} " will be able to sign in again with their own password."</p> }.into_any()
    };
    let (verb, working, class) = if deactivating {
        ("Deactivate", "Deactivating…", "button danger")
    } else {
        ("Reactivate", "Reactivating…", "button")
    };
    view! {
        {body}
        <div class="modal-actions">
            <button type="button" class="button secondary" on:click=move |_| on_done.run(())>"Cancel"</button>
            <button type="button" class=class disabled=move || pending.get() on:click=confirm>
                {move || if pending.get() { working } else { verb }}
            </button>
        </div>
    }
}
