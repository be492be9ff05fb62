//! One row's actions behind a "Manage" button, after the WAI-ARIA menu button pattern:
//! Enter, Space or ↓ opens it on the first item and ↑ on the last; ↑ ↓ Home End move; Escape
//! closes it and returns to the button; Tab or a click elsewhere closes it. An item that
//! can't be used now stays in the menu, marked unavailable, with the reason beside it.

use leptos::{ev, html, prelude::*};

use super::actions::RowAction;
use crate::components::words::{say, t};
use crate::domain::{InvitationStatus, InvitationSummary, Message};

/// One entry of the menu.
struct MenuItem {
    label: String,
    action: RowAction,
    /// Why it can't be used now, shown under its label.
    unavailable: Option<String>,
}

/// The items of a row, in the order they appear.
fn items_of(item: &InvitationSummary) -> Vec<MenuItem> {
    let open = matches!(item.status, InvitationStatus::Pending | InvitationStatus::Expired);
    let mut items = vec![MenuItem {
        label: t("invite-resend"),
        action: RowAction::Resend(item.clone()),
        unavailable: resend_blocked_reason(item),
    }];
    if open {
        items.push(MenuItem {
            label: t("invite-revoke"),
            action: RowAction::Revoke(item.clone()),
            unavailable: None,
        });
    }
    if item.status == InvitationStatus::Pending {
        items.push(MenuItem {
            label: t("invite-correct"),
            action: RowAction::CorrectEmail(item.clone()),
            unavailable: None,
        });
    }
    items.push(MenuItem {
        label: t("invite-history"),
        action: RowAction::History(item.clone()),
        unavailable: None,
    });
    items
}

/// Why Resend can't be used on this row, or `None` when it can.
fn resend_blocked_reason(item: &InvitationSummary) -> Option<String> {
    match item.status {
        InvitationStatus::Accepted => Some(t("invite-accepted-no-resend")),
        InvitationStatus::Revoked => Some(t("invite-revoked-no-resend")),
        _ if item.resend_count >= item.max_resends => {
            Some(say(&Message::new("invite-resend-limit-reached")
                .number("count", item.resend_count)
                .number("max", item.max_resends)))
        }
        _ => None,
    }
}

#[component]
pub fn RowMenu(
    item: InvitationSummary,
    /// The row whose menu is open: at most one on the page.
    open_menu: RwSignal<Option<i64>>,
    acting: RwSignal<Option<RowAction>>,
) -> impl IntoView {
    let id = item.id;
    let button_id = format!("manage-{id}");
    let menu_id = format!("manage-menu-{id}");
    let items = items_of(&item);
    let refs: Vec<NodeRef<html::Button>> = items.iter().map(|_| NodeRef::new()).collect();
    let count = items.len();
    let button = NodeRef::<html::Button>::new();
    let menu = NodeRef::<html::Div>::new();
    let wrapper = NodeRef::<html::Div>::new();
    let is_open = Memo::new(move |_| open_menu.get() == Some(id));
    let working =
        move || acting.with(|a| matches!(a, Some(RowAction::Resend(row)) if row.id == id));

    let focus_item = {
        let refs = refs.clone();
        move |index: usize| {
            if let Some(element) = refs.get(index).and_then(NodeRef::get) {
                let _ = element.focus();
            }
        }
    };
    let open_at = {
        let focus_item = focus_item.clone();
        move |index: usize| {
            open_menu.set(Some(id));
            if let (Some(button), Some(menu)) = (button.get(), menu.get()) {
                place_below(&button, &menu);
            }
            focus_item(index);
        }
    };
    // Also reached from focus events, which a browser may fire as the row is being removed
    // (its email was corrected, say): then this row's references are gone, and nothing is to
    // be done.
    let close = move |refocus: bool| {
        if open_menu.try_get_untracked() == Some(Some(id)) {
            open_menu.set(None);
        }
        if refocus && let Some(button) = button.try_get_untracked().flatten() {
            let _ = button.focus();
        }
    };
    let on_button_key = {
        let open_at = open_at.clone();
        move |ev: ev::KeyboardEvent| match ev.key().as_str() {
            "ArrowDown" => {
                ev.prevent_default();
                open_at(0);
            }
            "ArrowUp" => {
                ev.prevent_default();
                open_at(count - 1);
            }
            _ => {}
        }
    };
    let toggle = {
        let open_at = open_at.clone();
        move |_| if is_open.get_untracked() { close(false) } else { open_at(0) }
    };
    let on_menu_key = {
        let refs = refs.clone();
        move |ev: ev::KeyboardEvent| {
            let active = document().active_element();
            let current = refs.iter().position(|r| {
                r.get().is_some_and(|el| {
                    let el: &leptos::web_sys::Element = &el;
                    active.as_ref() == Some(el)
                })
            });
            let next = match ev.key().as_str() {
                "ArrowDown" => current.map_or(0, |i| (i + 1) % count),
                "ArrowUp" => current.map_or(count - 1, |i| (i + count - 1) % count),
                "Home" => 0,
                "End" => count - 1,
                "Escape" => {
                    ev.prevent_default();
                    close(true);
                    return;
                }
                "Tab" => {
                    close(false);
                    return;
                }
                _ => return,
            };
            ev.prevent_default();
            focus_item(next);
        }
    };
    // Focus leaving the button and its menu (a click elsewhere, Shift+Tab) closes it.
    let on_focus_out = move |ev: ev::FocusEvent| {
        use leptos::wasm_bindgen::JsCast;
        let inside = ev.related_target().is_some_and(|target| {
            let wrapper = wrapper.try_get_untracked().flatten();
            wrapper.is_some_and(|w| w.contains(target.dyn_ref::<leptos::web_sys::Node>()))
        });
        if !inside {
            close(false);
        }
    };

    let entries = items
        .into_iter()
        .zip(refs)
        .enumerate()
        .map(|(index, (entry, node))| {
            let note_id = format!("manage-{id}-note-{index}");
            let disabled = entry.unavailable.is_some();
            let note = entry.unavailable.clone();
            let described_by = disabled.then(|| note_id.clone());
            let is_resend = matches!(entry.action, RowAction::Resend(_));
            let action = entry.action;
            let choose = move |_| {
                if disabled || (is_resend && working()) {
                    return;
                }
                // Back on the button first, so a dialog the action opens returns focus there.
                close(true);
                acting.set(Some(action.clone()));
            };
            view! {
                <button type="button" role="menuitem" tabindex="-1" node_ref=node
                    aria-disabled=move || (disabled || (is_resend && working())).then_some("true")
                    aria-describedby=described_by
                    on:click=choose>
                    <span>{move || if is_resend && working() { t("invite-resending") } else { entry.label.clone() }}</span>
                    {note.map(|why| view! { <span class="menu-note" id=note_id>{why}</span> })}
                </button>
            }
            // Erased, which keeps the view's type within the compiler's recursion limit.
            .into_any()
        })
        .collect_view();

    view! {
        <div class="row-menu" node_ref=wrapper on:focusout=on_focus_out>
            <button type="button" class="button small secondary menu-button" id=button_id.clone()
                node_ref=button aria-haspopup="menu" aria-controls=menu_id.clone()
                aria-expanded=move || is_open.get().to_string()
                aria-label=say(&Message::new("invite-manage-row").text("email", &item.email))
                on:click=toggle on:keydown=on_button_key>
                {move || t(if working() { "invite-working" } else { "invite-manage" })}
                <span class="menu-caret" aria-hidden="true">"▾"</span>
            </button>
            <div class="menu" role="menu" id=menu_id aria-labelledby=button_id node_ref=menu
                hidden=move || !is_open.get()
                // Keeps focus (and the menu) where it is while an item is clicked.
                on:mousedown=|ev| ev.prevent_default()
                on:keydown=on_menu_key>
                {entries}
            </div>
        </div>
    }
}

/// Puts the menu under its button, right-aligned to it, or above it when the window has no
/// room below. `position: fixed`, so the table's scrolling box can't clip it.
#[cfg(feature = "hydrate")]
fn place_below(
    button: &leptos::web_sys::HtmlButtonElement,
    menu: &leptos::web_sys::HtmlDivElement,
) {
    const GAP: f64 = 4.0;
    let rect = button.get_bounding_client_rect();
    // The viewport without its scroll bars, which is what `fixed` positions against.
    let Some(root) = document().document_element() else { return };
    let (viewport, width) = (f64::from(root.client_height()), f64::from(root.client_width()));
    // Measured while shown (it is shown in the same turn, before the browser paints).
    let _ = menu.remove_attribute("hidden");
    let height = f64::from(menu.offset_height());
    let top = if rect.bottom() + GAP + height > viewport && rect.top() - GAP - height >= 0.0 {
        rect.top() - GAP - height
    } else {
        rect.bottom() + GAP
    };
    let style = leptos::web_sys::HtmlElement::style(menu);
    let _ = style.set_property("top", &format!("{top}px"));
    let _ = style.set_property("right", &format!("{}px", (width - rect.right()).max(0.0)));
}

#[cfg(not(feature = "hydrate"))]
fn place_below(_: &leptos::web_sys::HtmlButtonElement, _: &leptos::web_sys::HtmlDivElement) {}
