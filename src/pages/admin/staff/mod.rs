//! `/modules/staff/members`: every account, newest first, with "Load more"; each row says
//! whether it can sign in, who last changed that and when, and offers Deactivate or
//! Reactivate behind a confirmation that names the person, and "Send a sign-in link" (by
//! email, for someone who lost their way in).

mod status;

use leptos::prelude::*;

use crate::api::error_sentence;
use crate::api::staff::staff_members;
use crate::components::resource::load;
use crate::components::task::Tasks;
use crate::components::toast::{ToastRegion, Toasts};
use crate::components::words::{say, t};
use crate::domain::{AccountStatus, Message, Sentence, StaffMember};

use super::invites::SideMenu;
use status::StatusDialog;

#[component]
pub fn StaffPage() -> impl IntoView {
    let tasks = Tasks::of_this_view();
    let toasts = Toasts::provide();
    let first = load(|| (), |_| staff_members(None));
    // Every row shown: the first page, then "Load more"'s, each replaced in place when its
    // status changes.
    let rows = RwSignal::new(Vec::<StaffMember>::new());
    let next = RwSignal::new(None);
    let loading = RwSignal::new(false);
    let failed = RwSignal::new(None::<String>);
    let changing = RwSignal::new(None::<StaffMember>);
    Effect::new(move |_| {
        if let Some(Ok(page)) = first.get() {
            rows.set(page.items);
            next.set(page.next);
        }
    });
    let load_more = move |_| {
        let Some(after) = next.get_untracked() else { return };
        loading.set(true);
        tasks.spawn(async move {
            match staff_members(Some(after)).await {
                Ok(page) => {
                    rows.update(|rows| rows.extend(page.items));
                    next.set(page.next);
                }
                Err(e) => failed.set(Some(error_sentence(&e))),
            }
            loading.set(false);
        });
    };
    // "Send a sign-in link": the answer (where it went, or why not) as a toast.
    let send_link = Callback::new(move |member: StaffMember| {
        tasks.spawn(async move {
            match crate::api::recovery::send_sign_in_link(member.id).await {
                Ok(sentence) => toasts.success(sentence),
                Err(e) => toasts.error(error_sentence(&e)),
            }
        });
    });
    let on_changed = Callback::new(move |member: StaffMember| {
        rows.update(|rows| {
            if let Some(row) = rows.iter_mut().find(|row| row.id == member.id) {
                *row = member;
            }
        });
    });
    view! {
        <div class="admin">
            <SideMenu current="staff"/>
            <section class="admin-main">
                <div class="admin-head"><h1>{t("admin-staff")}</h1></div>
                <Suspense fallback=|| view! { <p>{t("staff-loading")}</p> }>
                    {move || first.get().map(|result| match result {
                        Ok(page) if page.items.is_empty() => view! {
                            <p class="empty">{t("staff-none")}</p>
                        }.into_any(),
                        // Until the effect copies the first page into `rows`, render it.
                        Ok(page) => view! {
                            <StaffTable rows first=page.items changing send_link/>
                        }
                        .into_any(),
                        Err(e) => view! { <p class="alert" role="alert">{error_sentence(&e)}</p> }.into_any(),
                    })}
                </Suspense>
                {move || failed.get().map(|e| view! { <p class="alert" role="alert">{e}</p> })}
                <Show when=move || next.get().is_some()>
                    <p class="load-more">
                        <button type="button" class="button secondary" disabled=move || loading.get() on:click=load_more>
                            {move || t(if loading.get() { "page-loading" } else { "admin-load-more" })}
                        </button>
                    </p>
                </Show>
            </section>
        </div>
        <StatusDialog changing on_changed/>
        <ToastRegion toasts/>
    }
}

#[component]
fn StaffTable(
    rows: RwSignal<Vec<StaffMember>>,
    first: Vec<StaffMember>,
    changing: RwSignal<Option<StaffMember>>,
    send_link: Callback<StaffMember>,
) -> impl IntoView {
    let shown = move || {
        let rows = rows.get();
        if rows.is_empty() { first.clone() } else { rows }
    };
    view! {
        <div class="table-wrap">
            <table class="data-table staff-table">
                <caption class="visually-hidden">{t("staff-table")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t("staff-column-name")}</th>
                        <th scope="col">{t("staff-column-username")}</th>
                        <th scope="col">{t("staff-column-role")}</th>
                        <th scope="col">{t("staff-column-contact")}</th>
                        <th scope="col">{t("staff-column-joined")}</th>
                        <th scope="col">{t("staff-column-status")}</th>
                        <th scope="col"><span class="visually-hidden">{t("staff-column-actions")}</span></th>
                    </tr>
                </thead>
                <tbody>
                    <For each=shown key=|m| (m.id, m.status) let:member>
                        {staff_row(member, changing, send_link)}
                    </For>
                </tbody>
            </table>
        </div>
    }
}

fn staff_row(
    member: StaffMember,
    changing: RwSignal<Option<StaffMember>>,
    send_link: Callback<StaffMember>,
) -> impl IntoView {
    let deactivated = member.status == AccountStatus::Deactivated;
    let change = member.last_change.as_ref().map(|c| say(&c.message()));
    let link_sent = member.sign_in_link_sent.as_ref().map(|sent| say(&sent.message()));
    let (action, label) = match deactivated {
        true => ("staff-reactivate", "staff-reactivate-person"),
        false => ("staff-deactivate", "staff-deactivate-person"),
    };
    let label = say(&Message::new(label).text("name", &member.full_name));
    let chosen = member.clone();
    let linked = member.clone();
    let link_label = say(&Message::new("staff-send-link-to").text("name", &member.full_name));
    view! {
        <tr class:deactivated=deactivated>
            <td class="cell-email">
                {member.full_name}
                {member.you.then(|| view! { " " <span class="status-change-inline">{t("staff-you")}</span> })}
            </td>
            <td>{member.username}</td>
            <td class="cell-role">{say(&member.role.message())}</td>
            <td>
                <a href=format!("mailto:{}", member.email)>{member.email.clone()}</a>
                {member.phone.map(|phone| view! { <br/><a href=format!("tel:{phone}")>{phone.clone()}</a> })}
            </td>
            <td><time>{member.joined_at.text}</time></td>
            <td>
                <span class="badge" class:badge-revoked=deactivated class:badge-accepted=!deactivated>
                    {say(&member.status.message())}
                </span>
                {change.map(|text| view! { <span class="status-change">{text}</span> })}
                {link_sent.map(|text| view! { <span class="status-change">{text}</span> })}
            </td>
            <td class="cell-actions">
                <button type="button" class="button secondary small" aria-label=label
                    on:click=move |_| changing.set(Some(chosen.clone()))>
                    {t(action)}
                </button>
                {(!deactivated).then(|| view! {
                    <button type="button" class="button secondary small" aria-label=link_label
                        on:click=move |_| send_link.run(linked.clone())>
                        {t("staff-send-link")}
                    </button>
                })}
            </td>
        </tr>
    }
}
