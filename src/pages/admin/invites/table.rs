//! The Invites table: a real `<table>`, one line per invitation, its actions in a menu.
//!
//! Steady under live updates: a row stays the same row (its DOM, its open Manage menu, the
//! focus in it) for as long as what its menu offers is the same (its status, resends and
//! address); every other cell follows the latest rows (`Latest`) in place. So an invitee
//! opening their link, an email delivered or a link coming into "Expiring soon" changes a
//! word in a row, never closes the menu under the admin's pointer.

use leptos::prelude::*;

use super::actions::RowAction;
use super::expires_label;
use super::row_menu::RowMenu;
use crate::components::words::{relative, say, t};
use crate::domain::{
    Cursor, Delivery, InvitationStatus, InvitationSummary, Message, Sentence, Timestamp,
};

/// The rows the page read last, and when: each shown row's cells follow them. `None` until
/// the page has read any (on the server, and until the page is hydrated).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Latest {
    pub rows: Vec<InvitationSummary>,
    pub now: Option<Timestamp>,
    /// No invitation at all yet (not only none that match the filters).
    pub nobody_invited: bool,
    /// Where the next page starts, when more rows match than are shown ("Load more").
    pub next: Option<Cursor>,
}

#[component]
pub fn InvitesTable(
    rows: Signal<Vec<InvitationSummary>>,
    now: Timestamp,
    /// The latest rows, kept by the page across reloads.
    latest: RwSignal<Latest>,
    /// The row just created, marked until the next reload.
    highlight: RwSignal<Option<i64>>,
    /// No invitation at all yet (not only none that match the filters).
    nobody_invited: Signal<bool>,
    /// Opens the Invite User dialog.
    on_invite: Callback<()>,
    /// The row whose menu is open, and the action under way: the page's, so that a reload
    /// leaves both as they are.
    open_menu: RwSignal<Option<i64>>,
    acting: RwSignal<Option<RowAction>>,
) -> impl IntoView {
    let empty = move || match nobody_invited.get() {
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
                        // Keyed by what the row's menu offers; the other cells follow `latest`.
                        <For each=move || rows.get() key=|row| (row.id, row.status, row.resend_count, row.email.clone()) let(item)>
                            <Row item now latest highlight open_menu acting/>
                        </For>
                    </tbody>
                </table>
            </div>
        </Show>
    }
}

#[component]
fn Row(
    item: InvitationSummary,
    now: Timestamp,
    latest: RwSignal<Latest>,
    highlight: RwSignal<Option<i64>>,
    open_menu: RwSignal<Option<i64>>,
    acting: RwSignal<Option<RowAction>>,
) -> impl IntoView {
    let status = item.status;
    let id = item.id;
    // This row as last read (as first shown until the page has read any), and when.
    let live = {
        let first = item.clone();
        Memo::new(move |_| {
            latest
                .with(|l| l.rows.iter().find(|row| row.id == id).cloned())
                .unwrap_or_else(|| first.clone())
        })
    };
    let now = Memo::new(move |_| latest.with(|l| l.now).map_or(now, |read| read.max(now)));
    let sent = move || live.with(|row| row.sent_at.clone());
    view! {
        <tr class:row-new=move || highlight.get() == Some(id)>
            // One line: a long address ends in "…", whole in the tooltip and the History.
            <td class="cell-email" title=item.email.clone()>{item.email.clone()}</td>
            <td>{say(&item.role.message())}</td>
            <td>
                <span class=format!("badge badge-{}", status_class(status))>{say(&status.message())}</span>
                {move || link_activity(&live.get(), now.get())}
            </td>
            <td class="cell-name" title=item.invited_by.clone()>{item.invited_by.clone()}</td>
            <td><time title=move || sent().text>{move || relative(sent().at, now.get())}</time></td>
            <td>{move || expires_cell(&live.get(), now.get())}</td>
            <td>{say(&Message::new("invite-resends").number("count", item.resend_count).number("max", item.max_resends))}</td>
            <td>{move || delivery_cell(live.get().delivery.as_ref())}</td>
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
