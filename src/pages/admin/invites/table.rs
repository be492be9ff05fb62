//! The Invites table: a real `<table>`, one row per invitation, with its actions.

use leptos::prelude::*;

use super::actions::{RowAction, RowActions};
use super::expires_label;
use crate::domain::{Delivery, InvitationStatus, InvitationSummary, Timestamp};

#[component]
pub fn InvitesTable(
    rows: Signal<Vec<InvitationSummary>>,
    now: Timestamp,
    /// The row just created, marked until the next reload.
    highlight: RwSignal<Option<i64>>,
    reload: RwSignal<u64>,
) -> impl IntoView {
    let acting = RwSignal::new(None::<RowAction>);
    view! {
        <Show
            when=move || !rows.with(Vec::is_empty)
            fallback=|| view! { <p class="empty">"No invitations match."</p> }
        >
            <div class="table-wrap">
                <table class="data-table">
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
                        <For each=move || rows.get() key=|row| (row.id, row.status, row.resend_count, row.email.clone(), row.delivery.clone(), row.link_opened_at, row.new_link_requested_at) let(item)>
                            <Row item now highlight acting/>
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
    acting: RwSignal<Option<RowAction>>,
) -> impl IntoView {
    let status = item.status;
    let activity = link_activity(&item, now);
    let id = item.id;
    let resend_blocked = resend_blocked_reason(&item);
    let resend_title = resend_blocked
        .clone()
        .unwrap_or_else(|| "Send a new link; earlier links stop working".to_owned());
    let open = matches!(status, InvitationStatus::Pending | InvitationStatus::Expired);
    let (delivery, delivery_title) = delivery_label(item.delivery.as_ref());
    let for_actions = item.clone();
    let resending =
        move || acting.with(|a| matches!(a, Some(RowAction::Resend(row)) if row.id == id));
    let for_revoke = item.clone();
    let for_correct = item.clone();
    let for_history = item.clone();
    view! {
        <tr class:row-new=move || highlight.get() == Some(id)>
            <td class="cell-email">{item.email.clone()}</td>
            <td>{item.role.label()}</td>
            <td>
                <span class=format!("badge badge-{}", status_class(status))>{status.label()}</span>
                {activity}
            </td>
            <td>{item.invited_by.clone()}</td>
            <td><time title=item.sent_at.format_utc()>{item.sent_at.relative_to(now)}</time></td>
            <td><time title=item.expires_at.format_utc()>{expires_label(item.expires_at, status, now)}</time></td>
            <td>{format!("{} of {}", item.resend_count, item.max_resends)}</td>
            <td><span title=delivery_title>{delivery}</span></td>
            <td><div class="row-actions">
                <button type="button" class="button small secondary"
                    disabled=move || resend_blocked.is_some() || resending() title=resend_title
                    aria-label={
                        let email = item.email.clone();
                        move || {
                            let verb = if resending() { "Resending…" } else { "Resend" };
                            format!("{verb} to {email}")
                        }
                    }
                    on:click=move |_| acting.set(Some(RowAction::Resend(for_actions.clone())))>
                    {move || if resending() { "Resending…" } else { "Resend" }}
                </button>
                <Show when=move || open>
                    <button type="button" class="button small secondary"
                        aria-label=format!("Revoke the invitation of {}", for_revoke.email)
                        on:click={
                            let item = for_revoke.clone();
                            move |_| acting.set(Some(RowAction::Revoke(item.clone())))
                        }>
                        "Revoke"
                    </button>
                </Show>
                <Show when=move || status == InvitationStatus::Pending>
                    <button type="button" class="button small secondary"
                        aria-label=format!("Correct email {}", for_correct.email)
                        on:click={
                            let item = for_correct.clone();
                            move |_| acting.set(Some(RowAction::CorrectEmail(item.clone())))
                        }>
                        "Correct email"
                    </button>
                </Show>
                <button type="button" class="button small secondary"
                    aria-label=format!("History of {}", for_history.email)
                    on:click={
                        let item = for_history.clone();
                        move |_| acting.set(Some(RowAction::History(item.clone())))
                    }>
                    "History"
                </button>
            </div></td>
        </tr>
    }
}

/// Why Resend can't be used on this row, or `None` when it can.
fn resend_blocked_reason(item: &InvitationSummary) -> Option<String> {
    match item.status {
        InvitationStatus::Accepted => Some("Accepted invitations can't be resent".into()),
        InvitationStatus::Revoked => Some("Revoked invitations can't be resent".into()),
        _ if item.resend_count >= item.max_resends => Some(format!(
            "Resent {} of {} times, the limit. Revoke it and invite again if needed.",
            item.resend_count, item.max_resends
        )),
        _ => None,
    }
}

/// What the invitee did with the current link: asked for a new one (Expired), or opened it
/// (Pending).
fn link_activity(item: &InvitationSummary, now: Timestamp) -> Option<impl IntoView + use<>> {
    let (label, at) = match (item.status, item.new_link_requested_at, item.link_opened_at) {
        (InvitationStatus::Expired, Some(at), _) => ("Asked for a new link", at),
        (InvitationStatus::Pending, _, Some(at)) => ("Opened", at),
        _ => return None,
    };
    Some(view! {
        <span class="flag" title=at.format_utc()>{label}" "{at.relative_to(now)}</span>
    })
}

pub fn status_class(status: InvitationStatus) -> &'static str {
    match status {
        InvitationStatus::Pending => "pending",
        InvitationStatus::Accepted => "accepted",
        InvitationStatus::Expired => "expired",
        InvitationStatus::Revoked => "revoked",
    }
}

/// The delivery state in a word, and the detail for the hover text.
fn delivery_label(delivery: Option<&Delivery>) -> (String, String) {
    match delivery {
        None => ("—".into(), "No email for this invitation".into()),
        Some(Delivery::Queued) => ("Queued".into(), "Waiting to be sent".into()),
        Some(Delivery::Sent { at }) => {
            ("Sent".into(), format!("Accepted by the mail server {}", at.format_utc()))
        }
        Some(Delivery::Retrying { attempt, next_at, error }) => (
            "Retrying".into(),
            format!("Attempt {attempt} failed: {error}. Next try {}", next_at.format_utc()),
        ),
        Some(Delivery::Failed { reason }) => ("Failed".into(), reason.clone()),
    }
}
