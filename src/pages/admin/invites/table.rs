//! The Invites table: a real `<table>`, one line per invitation, its actions in a menu.

use leptos::prelude::*;

use super::actions::{RowAction, RowActions};
use super::expires_label;
use super::row_menu::RowMenu;
use crate::domain::{Delivery, InvitationStatus, InvitationSummary, Timestamp};

#[component]
pub fn InvitesTable(
    rows: Signal<Vec<InvitationSummary>>,
    now: Timestamp,
    /// The row just created, marked until the next reload.
    highlight: RwSignal<Option<i64>>,
    reload: RwSignal<u64>,
    /// No invitation at all yet (not only none that match the filters).
    nobody_invited: bool,
    /// Opens the Invite User dialog.
    on_invite: Callback<()>,
) -> impl IntoView {
    let acting = RwSignal::new(None::<RowAction>);
    let open_menu = RwSignal::new(None::<i64>);
    let empty = move || {
        match nobody_invited {
        true => view! {
            <div class="empty first-invite">
                <h2>"No one has been invited yet"</h2>
                <p>"Invite a teacher or a member of the admin staff: they get an email with a one-time link to set up their own account."</p>
                <button type="button" class="button" on:click=move |_| on_invite.run(())>
                    "Invite your first member of staff"
                </button>
            </div>
        }
        .into_any(),
        false => view! { <p class="empty">"No invitations match these filters."</p> }.into_any(),
    }
    };
    view! {
        <Show when=move || !rows.with(Vec::is_empty) fallback=empty>
            // Its menus are `fixed`: scrolling would leave them behind, so it closes them.
            <div class="table-wrap" on:scroll=move |_| open_menu.set(None)>
                <table class="data-table invites-table">
                    <caption class="visually-hidden">"Invitations"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Email"</th>
                            <th scope="col">"Role"</th>
                            <th scope="col">"Status"</th>
                            <th scope="col">"Invited by"</th>
                            <th scope="col">"Sent"</th>
                            <th scope="col">"Expires"</th>
                            <th scope="col">"Resends"</th>
                            <th scope="col">"Delivery"</th>
                            <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || rows.get() key=|row| (row.id, row.status, row.resend_count, row.email.clone(), row.delivery.clone(), row.link_opened_at.clone(), row.new_link_requested_at.clone()) let(item)>
                            <Row item now highlight open_menu acting/>
                        </For>
                    </tbody>
                </table>
            </div>
            <RowActions acting reload/>
        </Show>
    }
}

#[component]
fn Row(
    item: InvitationSummary,
    now: Timestamp,
    highlight: RwSignal<Option<i64>>,
    open_menu: RwSignal<Option<i64>>,
    acting: RwSignal<Option<RowAction>>,
) -> impl IntoView {
    let status = item.status;
    let activity = link_activity(&item, now);
    let id = item.id;
    let delivery = delivery_cell(item.delivery.as_ref());
    view! {
        <tr class:row-new=move || highlight.get() == Some(id)>
            // One line: a long address ends in "…", whole in the tooltip and the History.
            <td class="cell-email" title=item.email.clone()>{item.email.clone()}</td>
            <td>{item.role.label()}</td>
            <td>
                <span class=format!("badge badge-{}", status_class(status))>{status.label()}</span>
                {activity}
            </td>
            <td class="cell-name" title=item.invited_by.clone()>{item.invited_by.clone()}</td>
            <td><time title=item.sent_at.text.clone()>{item.sent_at.at.relative_to(now)}</time></td>
            <td><time title=item.expires_at.text.clone()>{expires_label(item.expires_at.at, status, now)}</time></td>
            <td>{format!("{} of {}", item.resend_count, item.max_resends)}</td>
            <td>{delivery}</td>
            <td class="cell-actions"><RowMenu item open_menu acting/></td>
        </tr>
    }
}

/// What the invitee did with the current link: asked for a new one (Expired), or opened it
/// (Pending). A word in the row; when, in its tooltip.
fn link_activity(item: &InvitationSummary, now: Timestamp) -> Option<impl IntoView + use<>> {
    let (label, detail, at) = match (item.status, &item.new_link_requested_at, &item.link_opened_at)
    {
        (InvitationStatus::Expired, Some(at), _) => {
            ("Wants a new link", "Asked for a new link", at)
        }
        (InvitationStatus::Pending, _, Some(at)) => ("Opened", "Opened the link", at),
        _ => return None,
    };
    let title = format!("{detail} {}, {}", at.at.relative_to(now), at.text);
    Some(view! { <span class="flag" title=title>{label}</span> })
}

pub fn status_class(status: InvitationStatus) -> &'static str {
    match status {
        InvitationStatus::Pending => "pending",
        InvitationStatus::Accepted => "accepted",
        InvitationStatus::Expired => "expired",
        InvitationStatus::Revoked => "revoked",
    }
}

/// The delivery state in a word, with the detail in its tooltip. Trouble is marked by an
/// icon and its word as well as colour.
fn delivery_cell(delivery: Option<&Delivery>) -> impl IntoView + use<> {
    let (class, icon, label, title) = match delivery {
        None => ("", "", "—", "No email for this invitation".to_owned()),
        Some(Delivery::Queued) => ("", "", "Queued", "Waiting to be sent".to_owned()),
        Some(Delivery::Sent { at }) => {
            ("", "", "Sent", format!("Accepted by the mail server {}", at.text))
        }
        Some(Delivery::Retrying { attempt, next_at, error }) => (
            "delivery-retrying",
            "↻",
            "Retrying",
            format!("Attempt {attempt} failed: {error}. Next try {}", next_at.text),
        ),
        Some(Delivery::Failed { reason }) => ("delivery-failed", "⚠", "Failed", reason.clone()),
    };
    view! {
        <span class=format!("delivery {class}") title=title>
            {(!icon.is_empty()).then(|| view! { <span class="delivery-icon" aria-hidden="true">{icon}</span> })}
            {label}
        </span>
    }
}
