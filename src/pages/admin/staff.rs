//! `/modules/staff/members`: the active staff accounts, newest first, with "Load more".

use leptos::prelude::*;

use crate::components::task::Tasks;

use super::invites::SideMenu;
use crate::api::error_sentence;
use crate::api::invitations::staff_members;
use crate::domain::StaffMember;

#[component]
pub fn StaffPage() -> impl IntoView {
    let tasks = Tasks::of_this_view();
    let first = Resource::new(|| (), |_| staff_members(None));
    let more = RwSignal::new(Vec::<StaffMember>::new());
    let next = RwSignal::new(None);
    let loading = RwSignal::new(false);
    let failed = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if let Some(Ok(page)) = first.get() {
            next.set(page.next);
        }
    });
    let load_more = move |_| {
        let Some(after) = next.get_untracked() else { return };
        loading.set(true);
        tasks.spawn(async move {
            match staff_members(Some(after)).await {
                Ok(page) => {
                    more.update(|rows| rows.extend(page.items));
                    next.set(page.next);
                }
                Err(e) => failed.set(Some(error_sentence(&e))),
            }
            loading.set(false);
        });
    };
    view! {
        <div class="admin">
            <SideMenu current="staff"/>
            <section class="admin-main">
                <div class="admin-head"><h1>"Staff"</h1></div>
                <Suspense fallback=|| view! { <p>"Loading staff…"</p> }>
                    {move || first.get().map(|result| match result {
                        Ok(page) if page.items.is_empty() => view! {
                            <p class="empty">"No accounts yet. Invite someone from Invites."</p>
                        }.into_any(),
                        Ok(page) => {
                            let rows = page.items;
                            view! {
                                <div class="table-wrap">
                                    <table class="data-table">
                                        <caption class="visually-hidden">"Staff accounts"</caption>
                                        <thead>
                                            <tr>
                                                <th scope="col">"Name"</th>
                                                <th scope="col">"Username"</th>
                                                <th scope="col">"Role"</th>
                                                <th scope="col">"Contact"</th>
                                                <th scope="col">"Joined"</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {rows.into_iter().map(staff_row).collect_view()}
                                            {move || more.get().into_iter().map(staff_row).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                            }.into_any()
                        }
                        Err(e) => view! { <p class="alert" role="alert">{error_sentence(&e)}</p> }.into_any(),
                    })}
                </Suspense>
                {move || failed.get().map(|e| view! { <p class="alert" role="alert">{e}</p> })}
                <Show when=move || next.get().is_some()>
                    <p class="load-more">
                        <button type="button" class="button secondary" disabled=move || loading.get() on:click=load_more>
                            {move || if loading.get() { "Loading…" } else { "Load more" }}
                        </button>
                    </p>
                </Show>
            </section>
        </div>
    }
}

fn staff_row(member: StaffMember) -> impl IntoView {
    let joined = member.joined_at;
    view! {
        <tr>
            <td class="cell-email">{member.full_name}</td>
            <td>{member.username}</td>
            <td>{member.role.label()}</td>
            <td>
                <a href=format!("mailto:{}", member.email)>{member.email.clone()}</a>
                {member.phone.map(|phone| view! { <br/><a href=format!("tel:{phone}")>{phone.clone()}</a> })}
            </td>
            <td><time>{joined.text}</time></td>
        </tr>
    }
}
