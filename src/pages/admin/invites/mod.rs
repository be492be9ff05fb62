//! `/modules/staff/invites`: every invitation with its status and delivery, filtered by the
//! status chips, role and an email search, sorted by Sent or Expires, paged by keyset ("Load
//! more"), with the row actions and "Invite User". Live: a cheap change check every few
//! seconds reloads the rows only when something changed (see `ChangeStamp`).

mod actions;
mod bulk;
mod bulk_job;
mod invite_dialog;
mod row_menu;
mod table;

use std::time::Duration;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::components::resource::{Loaded, load};
use crate::components::task::Tasks;

use crate::api::error_sentence;
use crate::api::invitations::{InvitesView, invitation_changes, invitation_overview};
use crate::components::{
    debounce::Debounce,
    later::later,
    toast::{ToastRegion, Toasts},
    words::{relative, say, t},
};
use crate::domain::{
    Cursor, ExportFilter, InvitationStatus, InvitationSummary, ListQuery, Message, Role, Sentence,
    SortKey, StatusCounts, Timestamp, status_chip,
};
use actions::{RowAction, RowActions};
use bulk::BulkDialog;
use bulk_job::BulkBanner;
use invite_dialog::InviteDialog;
use table::{InvitesTable, Latest};

const LIVE_EVERY: Duration = Duration::from_secs(3);
const SEARCH_DEBOUNCE: Duration = Duration::from_millis(300);

#[component]
pub fn InvitesPage() -> impl IntoView {
    let tasks = Tasks::of_this_view();
    let toasts = Toasts::provide();
    // The chip shown first is the one the address names (`?status=expired`, from the expired
    // invitations' digest), else "All".
    let chip = use_query_map().with_untracked(|query| {
        let (status, expiring_soon) = status_chip(query.get_str("status").unwrap_or_default());
        Chip { status, expiring_soon }
    });
    let chip = RwSignal::new(chip);
    let role = RwSignal::new(None::<Role>);
    let search = RwSignal::new(String::new());
    let sort = RwSignal::new(SortKey::SentDesc);
    // Bumped to reload the rows: after an action, or when the live check sees a change.
    let reload = RwSignal::new(0u64);
    let query = Memo::new(move |_| ListQuery {
        status: chip.get().status,
        expiring_soon: chip.get().expiring_soon,
        role: role.get(),
        email_contains: Some(search.get()).filter(|s| !s.trim().is_empty()),
        sort: sort.get(),
        after: None,
        limit: None,
    });
    let overview = load(move || (query.get(), reload.get()), |(q, _)| invitation_overview(q));
    // Rows from "Load more", appended below the first page until the query changes, and where
    // the page after them starts (`None` until "Load more" is used).
    let more = RwSignal::new(Vec::<InvitationSummary>::new());
    let more_next = RwSignal::new(None::<Option<Cursor>>);
    let loading_more = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(Ok(_)) = overview.get() {
            more.set(Vec::new());
            more_next.set(None);
        }
    });
    live_updates(overview, reload);
    // Above the table, so that a reload leaves them be: the open menu, the action under way
    // and the rows' latest values, which the rows still shown follow in place.
    let open_menu = RwSignal::new(None::<i64>);
    let acting = RwSignal::new(None::<RowAction>);
    let latest = RwSignal::new(Latest::default());
    Effect::new(move |_| {
        if let Some(Ok(view)) = overview.get() {
            let mut rows = view.page.items;
            rows.extend(more.get());
            let nobody_invited = view.counts.all == 0;
            let next = more_next.get().unwrap_or(view.page.next);
            latest.set(Latest { rows, now: Some(view.now), nobody_invited, next });
        }
    });
    let load_more = move |_| {
        let Some(after) = latest.with_untracked(|l| l.next) else { return };
        loading_more.set(true);
        let mut page_query = query.get_untracked();
        page_query.after = Some(after);
        tasks.spawn(async move {
            match invitation_overview(page_query).await {
                Ok(view) => {
                    more.update(|rows| rows.extend(view.page.items));
                    more_next.set(Some(view.page.next));
                }
                Err(e) => {
                    let why = error_sentence(&e);
                    toasts.error(say(&Message::new("invite-load-more-failed").text("why", why)))
                }
            }
            loading_more.set(false);
        });
    };

    let inviting = RwSignal::new(false);
    let bulk = RwSignal::new(false);
    // The server's bulk job the dialog follows, and a nudge for the banner to look again.
    let bulk_job = RwSignal::new(None::<i64>);
    let bulk_changed = RwSignal::new(0u64);
    let view_job = Callback::new(move |id: i64| {
        bulk_job.set(Some(id));
        bulk.set(true);
    });
    let highlight = RwSignal::new(None::<i64>);
    let invited = Callback::new(move |id: i64| {
        highlight.set(Some(id));
        // The new row is at the top of the default order.
        sort.set(SortKey::SentDesc);
        chip.set(Chip::default());
        reload.update(|n| *n += 1);
    });
    let search_debounce = Debounce::new(SEARCH_DEBOUNCE);

    view! {
        <div class="admin">
            <SideMenu current="invites"/>
            <section class="admin-main">
                <div class="admin-head">
                    <h1>{t("admin-invites")}</h1>
                    <div class="admin-head-actions">
                        <button type="button" class="button secondary" on:click=move |_| bulk.set(true)>
                            {t("bulk-title")}
                        </button>
                        <button type="button" class="button" on:click=move |_| inviting.set(true)>
                            {t("invite-user")}
                        </button>
                    </div>
                </div>
                <BulkBanner view_job refresh=bulk_changed/>
                // Each later step's view is erased (`into_any`): nested whole, the page's view
                // type is too deep for the compiler where components are not erased (the tests).
                {later(view! {
                    <Transition fallback=|| view! { <p>{t("invite-loading")}</p> }>
                        {move || overview.get().map(|result| match result {
                            Ok(view) => view! { <StatusChips counts=view.counts chip/> }.into_any(),
                            Err(e) => view! { <p class="alert" role="alert">{error_sentence(&e)}</p> }.into_any(),
                        })}
                    </Transition>
                    <div class="filters">
                        <div class="field">
                            <label for="filter-search">{t("invite-search")}</label>
                            <input id="filter-search" type="search" autocomplete="off"
                                on:input=move |ev| {
                                    let typed = event_target_value(&ev);
                                    search_debounce.run(move || search.set(typed));
                                }/>
                        </div>
                        <div class="field">
                            <label for="filter-role">{t("invite-role")}</label>
                            <select id="filter-role" on:change=move |ev| {
                                role.set(Role::parse_invitable(&event_target_value(&ev)).ok())
                            }>
                                <option value="">{t("invite-all-roles")}</option>
                                <option value="Teacher">{say(&Role::Teacher.message())}</option>
                                <option value="Admin Staff">{say(&Role::AdminStaff.message())}</option>
                            </select>
                        </div>
                        <div class="field">
                            <label for="filter-sort">{t("invite-sort")}</label>
                            <select id="filter-sort" on:change=move |ev| {
                                sort.set(match event_target_value(&ev).as_str() {
                                    "sent-asc" => SortKey::SentAsc,
                                    "expires-asc" => SortKey::ExpiresAsc,
                                    "expires-desc" => SortKey::ExpiresDesc,
                                    _ => SortKey::SentDesc,
                                })
                            }>
                                <option value="sent-desc" selected=move || sort.get() == SortKey::SentDesc>{t("invite-sort-sent-desc")}</option>
                                <option value="sent-asc" selected=move || sort.get() == SortKey::SentAsc>{t("invite-sort-sent-asc")}</option>
                                <option value="expires-asc" selected=move || sort.get() == SortKey::ExpiresAsc>{t("invite-sort-expires-asc")}</option>
                                <option value="expires-desc" selected=move || sort.get() == SortKey::ExpiresDesc>{t("invite-sort-expires-desc")}</option>
                            </select>
                        </div>
                        // A plain download (not a route of the app): what the filters show, as CSV.
                        <a class="button secondary download" download rel="external"
                            href=move || ExportFilter::of(&query.get()).href()>
                            {t("invite-download")}
                        </a>
                    </div>
                }.into_any())}
                {later(view! {
                    <Transition fallback=|| ()>
                        {move || {
                            // The table is made once, from the first rows read, and then follows
                            // `latest`: a reload changes rows and words in it, never the table
                            // itself (see `table`). Until rows have been read, the read is
                            // tracked, so that this waits for them, on the server too.
                            let read = untrack(|| overview.get());
                            if !matches!(read, Some(Ok(_))) {
                                overview.track();
                            }
                            read.and_then(Result::ok).map(|view: InvitesView| {
                            let now = view.now;
                            let (first, first_nobody) = (view.page.items, view.counts.all == 0);
                            let first_next = view.page.next;
                            let rows = Signal::derive(latest_else(latest, first, |l| l.rows.clone()));
                            let nobody_invited =
                                Signal::derive(latest_else(latest, first_nobody, |l| l.nobody_invited));
                            let more_to_load =
                                latest_else(latest, first_next.is_some(), |l| l.next.is_some());
                            view! {
                                <InvitesTable
                                    rows
                                    now
                                    latest
                                    highlight
                                    nobody_invited
                                    on_invite=Callback::new(move |_| inviting.set(true))
                                    open_menu
                                    acting
                                />
                                <Show when=more_to_load>
                                    <p class="load-more">
                                        <button type="button" class="button secondary" disabled=move || loading_more.get()
                                            on:click=load_more>
                                            {move || t(if loading_more.get() { "page-loading" } else { "admin-load-more" })}
                                        </button>
                                    </p>
                                </Show>
                            }
                            })
                        }}
                    </Transition>
                }.into_any())}
            </section>
            // Made in their step, not only hydrated there: a closure in a view runs as it is
            // rendered. It reads nothing tracked (a component's body runs untracked), so it
            // runs once.
            {later(view! {
                {move || view! {
                    <RowActions acting reload/>
                    <InviteDialog open=inviting on_invited=invited/>
                    <BulkDialog open=bulk follow=bulk_job on_done=Callback::new(move |_| {
                        reload.update(|n| *n += 1);
                        bulk_changed.update(|n| *n += 1);
                    })/>
                    <ToastRegion toasts/>
                }}
            }.into_any())}
        </div>
    }
}

/// A value of the rows shown: the latest read's once rows have been read since the table was
/// made, else the first page's.
fn latest_else<T: Clone + Send + Sync + 'static>(
    latest: RwSignal<Latest>,
    first: T,
    of: fn(&Latest) -> T,
) -> impl Fn() -> T + Clone + Send + Sync + 'static {
    move || match latest.with(|l| l.now.is_some()) {
        true => latest.with(of),
        false => first.clone(),
    }
}

/// Polls the change stamp and reloads the rows when it moved or an expiry passed.
fn live_updates(overview: Loaded<Result<InvitesView, ServerFnError>>, reload: RwSignal<u64>) {
    let tasks = Tasks::of_this_view();
    Effect::new(move |_| {
        let handle = set_interval_with_handle(
            move || {
                let Some(Ok(shown)) = overview.get_untracked() else { return };
                let poll = async move {
                    if let Ok((latest, now)) = invitation_changes().await
                        && shown.stamp.is_stale(&latest, now)
                    {
                        reload.update(|n| *n += 1);
                    }
                };
                tasks.spawn(poll);
            },
            LIVE_EVERY,
        );
        on_cleanup(move || {
            if let Ok(handle) = handle {
                handle.clear();
            }
        });
    });
}

/// A status chip: a status (none: "All"), or "Expiring soon".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Chip {
    status: Option<InvitationStatus>,
    expiring_soon: bool,
}

#[component]
fn StatusChips(counts: StatusCounts, chip: RwSignal<Chip>) -> impl IntoView {
    let status = |status: Option<InvitationStatus>| Chip { status, expiring_soon: false };
    let chips = [
        (status(None), t("invite-status-all"), counts.all),
        (
            status(Some(InvitationStatus::Pending)),
            say(&InvitationStatus::Pending.message()),
            counts.pending,
        ),
        (
            Chip { status: None, expiring_soon: true },
            t("invite-status-expiring-soon"),
            counts.expiring_soon,
        ),
        (
            status(Some(InvitationStatus::Accepted)),
            say(&InvitationStatus::Accepted.message()),
            counts.accepted,
        ),
        (
            status(Some(InvitationStatus::Expired)),
            say(&InvitationStatus::Expired.message()),
            counts.expired,
        ),
        (
            status(Some(InvitationStatus::Revoked)),
            say(&InvitationStatus::Revoked.message()),
            counts.revoked,
        ),
    ];
    view! {
        <div class="chips" role="group" aria-label=t("invite-status-filter")>
            {chips.into_iter().map(|(value, label, count)| view! {
                <button type="button" class="chip" aria-pressed=move || (chip.get() == value).to_string()
                    on:click=move |_| chip.set(value)>
                    {label}" "<strong>{count}</strong>
                </button>
            }).collect_view()}
        </div>
    }
}

/// Modules > Teachers/Admin Staff > Invites | Staff.
#[component]
pub fn SideMenu(current: &'static str) -> impl IntoView {
    let link = move |href: &'static str, key: &'static str, label: String| {
        view! {
            <li><a href=href aria-current=(current == key).then_some("page")>{label}</a></li>
        }
    };
    view! {
        <nav class="side-menu" aria-label=t("admin-modules")>
            <p class="side-heading">{t("admin-modules")}</p>
            <p class="side-group">{t("admin-staff-module")}</p>
            <ul>
                {link("/modules/staff/invites", "invites", t("admin-invites"))}
                {link("/modules/staff/members", "staff", t("admin-staff"))}
            </ul>
        </nav>
    }
}

/// When an expiry shows relative to now: "in 5 hours", "expired 2 days ago".
pub fn expires_label(expires_at: Timestamp, status: InvitationStatus, now: Timestamp) -> String {
    match status {
        InvitationStatus::Pending => relative(expires_at, now),
        InvitationStatus::Expired => {
            say(&Message::new("invite-expired-ago").text("when", relative(expires_at, now)))
        }
        InvitationStatus::Accepted | InvitationStatus::Revoked => "—".to_owned(),
    }
}
