//! A bulk invite running on the server, followed from the browser: the dialog's progress
//! view (polled every second until it finishes), and the Invites page's banner that shows any
//! Super-Admin a running or just-finished job, tab closed and reopened or not.

use std::time::Duration;

use leptos::prelude::*;

use crate::api::bulk::{bulk_invite_job, current_bulk_invite};
use crate::api::error_sentence;
use crate::components::resource::load;
use crate::components::task::Tasks;
use crate::components::words::{say, t};
use crate::domain::{BulkJobView, BulkRowResult, Message};

const FOLLOW_EVERY: Duration = Duration::from_secs(1);
const BANNER_EVERY: Duration = Duration::from_secs(3);

/// Calls `tick` every `period` while this view lives (in the browser; nothing on the server).
fn every(period: Duration, tick: impl Fn() + Clone + 'static) {
    Effect::new(move |_| {
        let handle = set_interval_with_handle(tick.clone(), period);
        on_cleanup(move || {
            if let Ok(handle) = handle {
                handle.clear();
            }
        });
    });
}

/// The job's progress and every row's outcome, kept current until it finishes.
#[component]
pub fn BulkJobProgress(id: i64, on_finished: Callback<()>) -> impl IntoView {
    let tasks = Tasks::of_this_view();
    let job = RwSignal::new(None::<BulkJobView>);
    let failed = RwSignal::new(None::<String>);
    let fetch = move || {
        if job.with_untracked(|j| j.as_ref().is_some_and(|j| j.finished_at.is_some())) {
            return;
        }
        tasks.spawn(async move {
            match bulk_invite_job(id).await {
                Ok(latest) => {
                    let finished = latest.finished_at.is_some();
                    job.set(Some(latest));
                    failed.set(None);
                    if finished {
                        on_finished.run(());
                    }
                }
                Err(e) => failed.set(Some(error_sentence(&e))),
            }
        });
    };
    fetch();
    every(FOLLOW_EVERY, fetch);
    view! {
        {move || failed.get().map(|message| view! { <p class="alert" role="alert">{message}</p> })}
        {move || match job.get() {
            None => view! { <p>{t("bulk-loading")}</p> }.into_any(),
            Some(job) => view! { <JobView job/> }.into_any(),
        }}
    }
}

#[component]
fn JobView(job: BulkJobView) -> impl IntoView {
    let running = job.finished_at.is_none();
    view! {
        <p class="bulk-summary" role="status">{say(&job.progress())}"."</p>
        <progress class="bulk-progress" aria-label=t("bulk-rows-done")
            max=job.total.max(1).to_string() value=job.done().to_string()></progress>
        {running.then(|| view! {
            <p class="field-hint">{t("bulk-runs-on-server")}</p>
        })}
        {rows_table(t("field-email"), job.rows.into_iter().map(|row| {
            let (class, result) = match row.result {
                BulkRowResult::Waiting => ("", t("bulk-row-waiting")),
                BulkRowResult::Invited => {
                    let role = say(&row.role.message());
                    ("ok", say(&Message::new("bulk-row-invited").text("role", role)))
                }
                BulkRowResult::Refused(why) => ("taken", format!("✗ {why}")),
            };
            (row.line, row.email, class, result)
        }))}
    }
}

/// A bulk invite's rows: line, `what` (the row as written, or its address), and the result
/// with its class ("ok" or "taken").
pub fn rows_table(
    what: String,
    rows: impl Iterator<Item = (usize, String, &'static str, String)>,
) -> impl IntoView {
    view! {
        // Focusable, so its scrolling works from the keyboard too.
        <div class="table-wrap bulk-rows" tabindex="0" role="region" aria-label=t("bulk-rows")>
            <table class="data-table">
                <caption class="visually-hidden">{t("bulk-rows")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t("bulk-column-line")}</th>
                        <th scope="col">{what}</th>
                        <th scope="col">{t("bulk-column-result")}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.map(|(line, row, class, result)| view! {
                        <tr>
                            <td>{line}</td>
                            <td class="cell-email">{row}</td>
                            <td class=class>{result}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// "Last bulk invite: Finished: 12 invited, 0 not invited. Started by Robin Principal on …",
/// with a way to watch it or see its results. The server renders it with the page, so the
/// table doesn't move down when it appears; the browser then keeps it current.
#[component]
pub fn BulkBanner(view_job: Callback<i64>, refresh: RwSignal<u64>) -> impl IntoView {
    let tasks = Tasks::of_this_view();
    let rendered = load(|| (), |_| current_bulk_invite());
    // The browser's latest answer, once it has one.
    let polled = RwSignal::new(None::<Option<BulkJobView>>);
    let fetch = move || {
        tasks.spawn(async move {
            if let Ok(job) = current_bulk_invite().await {
                polled.set(Some(job));
            }
        });
    };
    Effect::new(move |_| {
        refresh.track();
        fetch();
    });
    every(BANNER_EVERY, fetch);
    let current = move || match polled.get() {
        Some(job) => job,
        None => rendered.get().and_then(Result::ok).flatten(),
    };
    let banner = move || {
        current().map(|job| {
            let id = job.id;
            let running = job.finished_at.is_none();
            let (what, button) = if running {
                (t("bulk-running"), t("bulk-view-progress"))
            } else {
                (t("bulk-last"), t("bulk-view-results"))
            };
            let started = Message::new("bulk-started")
                .text("by", job.by.clone())
                .text("when", job.started_at.text.clone())
                .text("progress", say(&job.progress()));
            // One line, the outcome first: what doesn't fit ends in "…", and is in the tooltip.
            let (started, whole) = (say(&started), format!("{what}: {}", say(&started)));
            view! {
                <div class="bulk-banner" role="status">
                    <p title=whole>
                        <strong>{what}":"</strong>" "{started}
                    </p>
                    <button type="button" class="button secondary small" on:click=move |_| view_job.run(id)>
                        {button}
                    </button>
                </div>
            }
        })
    };
    view! { <Transition fallback=|| ()>{banner}</Transition> }
}
