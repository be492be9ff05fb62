//! The Invites table: a real `<table>`, one line per invitation, its actions in a menu.

use leptos::prelude::*;

use super::actions::{RowAction, RowActions};
use super::expires_label;
use super::row_menu::RowMenu;
use crate::components::words::{relative, say, t};
use crate::domain::{Delivery, InvitationStatus, InvitationSummary, Message, Sentence, Timestamp};

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
    let empty = move || match nobody_invited {
        true => view! {
            <div class="empty first-invite">
                <h2>{t("invite-none-yet")}</h2>
                <p>{t("invite-none-yet-hint")}</p>
                <button type="button" class="button" on:click=move |_| on_invite.run(())>
                    {t("invite-first")}
                </button>
            </div>
        }
        .into_any(),
        false => view! { <p class="empty">{t("invite-none-match")}</p> }.into_any(),
    };
    view! {
        <Show when=move || !rows.with(Vec::is_empty) fallback=empty>
            // Its menus are `fixed`: scrolling would leave them behind, so it closes them.
            <div class="table-wrap" on:scroll=move |_| open_menu.set(None)>
                <table class="data-table invites-table">
                    <caption class="visually-hidden">{t("invite-table")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t("invite-column-email")}</th>
                            <th scope="col">{t("invite-column-role")}</th>
                            <th scope="col">{t("invite-column-status")}</th>
                            <th scope="col">{t("invite-column-invited-by")}</th>
                            <th scope="col">{t("invite-column-sent")}</th>
                            <th scope="col">{t("invite-column-expires")}</th>
                            <th scope="col">{t("invite-column-resends")}</th>
                            <th scope="col">{t("invite-column-delivery")}</th>
                            <th scope="col"><span class="visually-hidden">{t("invite-column-actions")}</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || rows.get() key=|row| (row.id, row.status, row.resend_count, row.email.clone(), row.delivery.clone(), row.link_opened_at.clone(), row.new_link_requested_at.clone(), row.expiring_soon) let(item)>
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
            <td>{say(&item.role.message())}</td>
            <td>
                <span class=format!("badge badge-{}", status_class(status))>{say(&status.message())}</span>
                {activity}
            </td>
            <td class="cell-name" title=item.invited_by.clone()>{item.invited_by.clone()}</td>
            <td><time title=item.sent_at.text.clone()>{relative(item.sent_at.at, now)}</time></td>
            <td>{expires_cell(&item, now)}</td>
            <td>{say(&Message::new("invite-resends").number("count", item.resend_count).number("max", item.max_resends))}</td>
            <td>{delivery}</td>
            <td class="cell-actions"><RowMenu item open_menu acting/></td>
        </tr>
    }
}

/// When the link runs out; a Pending one about to, in words that stand out ("Expiring soon:
/// in 2 hours", in bold with a mark beside it), not by colour alone.
fn expires_cell(item: &InvitationSummary, now: Timestamp) -> impl IntoView + use<> {
    let at = item.expires_at.clone();
    let label = expires_label(at.at, item.status, now);
    match item.expiring_soon && item.status == InvitationStatus::Pending {
        true => {
            let soon = say(&Message::new("invite-expiring-soon").text("when", label));
            view! { <time class="expiring" title=at.text>{soon}</time> }.into_any()
        }
        false => view! { <time title=at.text>{label}</time> }.into_any(),
    }
}

/// What the invitee did with the current link: asked for a new one (Expired), or opened it
/// (Pending). A word in the row; when, in its tooltip.
fn link_activity(item: &InvitationSummary, now: Timestamp) -> Option<impl IntoView + use<>> {
    let (label, detail, at) = match (item.status, &item.new_link_requested_at, &item.link_opened_at)
    {
        (InvitationStatus::Expired, Some(at), _) => {
            ("invite-wants-new-link", "invite-asked-new-link", at)
        }
        (InvitationStatus::Pending, _, Some(at)) => ("invite-opened", "invite-opened-link", at),
        _ => return None,
    };
    let title = say(&Message::new(detail).text("when", relative(at.at, now)).text("at", &at.text));
    Some(view! { <span class="flag" title=title>{t(label)}</span> })
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
        None => ("", "", "—".to_owned(), t("invite-no-email")),
        Some(Delivery::Queued) => {
            ("", "", t("invite-delivery-queued"), t("invite-delivery-queued-hint"))
        }
        Some(Delivery::Sent { at }) => {
            let hint = Message::new("invite-delivery-sent-hint").text("at", &at.text);
            ("", "", t("invite-delivery-sent"), say(&hint))
        }
        Some(Delivery::Retrying { attempt, next_at, error }) => {
            let hint = Message::new("invite-delivery-retrying-hint")
                .number("attempt", *attempt)
                .text("error", error)
                .text("at", &next_at.text);
            ("delivery-retrying", "↻", t("invite-delivery-retrying"), say(&hint))
        }
        Some(Delivery::Failed { reason }) => {
            ("delivery-failed", "⚠", t("invite-delivery-failed"), reason.clone())
        }
    };
    view! {
        <span class=format!("delivery {class}") title=title>
            {(!icon.is_empty()).then(|| view! { <span class="delivery-icon" aria-hidden="true">{icon}</span> })}
            {label}
        </span>
    }
}
