//! Bulk invite: paste a list or upload a CSV of `email,role`, see a verdict for every row,
//! then hand the rows to the server in one request. The server works through them as a job
//! (each row through the same service call as one invite) whether this tab stays open or
//! not; the dialog follows its progress (`bulk_job`).

use leptos::{html, prelude::*};

use crate::api::bulk::start_bulk_invite;
use crate::api::error_sentence;
use crate::api::invitations::check_invite_emails;
use crate::components::words::{say, t, use_words};
use crate::components::{modal::Modal, task::Tasks};
use crate::domain::{
    BulkRowInput, BulkVerdict, EmailAvailability, Language, Message, Role, parse_bulk,
};

use super::bulk_job::{BulkJobProgress, rows_table};

#[derive(Debug, Clone, PartialEq, Eq)]
enum RowState {
    Ready { email: String, role: Role, language: Option<Language> },
    Skipped(String),
}

/// Whether the app ships `language` (the server checks again).
fn shipped(language: &Language) -> bool {
    use_words().languages.iter().any(|(tag, _)| tag == language.as_str())
}

/// A language by its own name; none is the school's.
pub fn language_name(language: Option<&Language>) -> String {
    match language {
        None => t("bulk-school-language"),
        Some(language) => use_words()
            .languages
            .iter()
            .find(|(tag, _)| tag == language.as_str())
            .map_or_else(|| language.to_string(), |(_, name)| name.clone()),
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Row {
    line: usize,
    raw: String,
    state: RowState,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Edit,
    Checking,
    Preview,
    Starting,
}

/// Open while `open`; following the server's job `follow` once there is one (set here when
/// the rows are handed over, or by the Invites page's banner).
#[component]
pub fn BulkDialog(
    open: RwSignal<bool>,
    follow: RwSignal<Option<i64>>,
    on_done: Callback<()>,
) -> impl IntoView {
    let tasks = Tasks::of_this_view();
    let text = RwSignal::new(String::new());
    let rows = RwSignal::new(Vec::<Row>::new());
    let stage = RwSignal::new(Stage::Edit);
    let problem = RwSignal::new(None::<String>);
    let file_input = NodeRef::<html::Input>::new();

    Effect::new(move |_| {
        if open.get() && follow.get_untracked().is_none() {
            text.set(String::new());
            rows.set(Vec::new());
            stage.set(Stage::Edit);
            problem.set(None);
        }
    });
    // Closing never stops a job: it runs on the server.
    let close = Callback::new(move |_| {
        open.set(false);
        if follow.get_untracked().is_some() {
            follow.set(None);
            on_done.run(());
        }
    });
    // The chosen CSV file's text replaces the pasted list (the browser reads it).
    let read_file = move |_| {
        #[cfg(feature = "hydrate")]
        {
            let Some(file) =
                file_input.get().and_then(|input| input.files()).and_then(|files| files.get(0))
            else {
                return;
            };
            tasks.spawn(async move {
                match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                    Ok(content) => text.set(content.as_string().unwrap_or_default()),
                    Err(_) => problem.set(Some(t("bulk-file-unreadable"))),
                }
            });
        }
    };
    let preview = move |_| {
        problem.set(None);
        let parsed = match parse_bulk(&text.get_untracked()) {
            Ok(parsed) if parsed.is_empty() => {
                problem.set(Some(t("bulk-empty")));
                return;
            }
            Ok(parsed) => parsed,
            Err(message) => {
                problem.set(Some(say(&message)));
                return;
            }
        };
        stage.set(Stage::Checking);
        let to_check: Vec<String> = parsed
            .iter()
            .filter_map(|row| match &row.verdict {
                BulkVerdict::Valid { email, .. } => Some(email.clone()),
                _ => None,
            })
            .collect();
        tasks.spawn(async move {
            let answers = match check_invite_emails(to_check).await {
                Ok(answers) => answers,
                Err(e) => {
                    problem.set(Some(error_sentence(&e)));
                    stage.set(Stage::Edit);
                    return;
                }
            };
            let mut answers = answers.into_iter();
            let checked = parsed
                .into_iter()
                .map(|row| {
                    let state = match row.verdict {
                        BulkVerdict::Valid { language: Some(language), .. }
                            if !shipped(&language) =>
                        {
                            answers.next();
                            RowState::Skipped(say(&Message::new("invite-language-unknown")))
                        }
                        BulkVerdict::Valid { email, role, language } => match answers.next() {
                            Some(EmailAvailability::Available) => {
                                RowState::Ready { email, role, language }
                            }
                            Some(EmailAvailability::UserExists) => {
                                RowState::Skipped(t("bulk-row-user-exists"))
                            }
                            Some(EmailAvailability::AlreadyInvited) => {
                                RowState::Skipped(t("bulk-row-already-invited"))
                            }
                            Some(EmailAvailability::Invalid(message)) => {
                                RowState::Skipped(say(&message))
                            }
                            None => RowState::Skipped(t("bulk-row-unchecked")),
                        },
                        BulkVerdict::Duplicate { first_line } => {
                            let duplicate =
                                Message::new("bulk-row-duplicate").number("line", first_line);
                            RowState::Skipped(say(&duplicate))
                        }
                        BulkVerdict::Invalid(message) => RowState::Skipped(say(&message)),
                    };
                    Row { line: row.line, raw: row.raw, state }
                })
                .collect();
            rows.set(checked);
            stage.set(Stage::Preview);
        });
    };
    let count = move |pick: fn(&RowState) -> bool| {
        rows.with(|r| r.iter().filter(|r| pick(&r.state)).count())
    };
    let ready = move || count(|s| matches!(s, RowState::Ready { .. }));
    let send = move |_| {
        let ready: Vec<BulkRowInput> = rows.with_untracked(|rows| {
            rows.iter()
                .filter_map(|row| match &row.state {
                    RowState::Ready { email, role, language } => Some(BulkRowInput {
                        line: row.line,
                        email: email.clone(),
                        role: *role,
                        language: language.clone(),
                    }),
                    RowState::Skipped(_) => None,
                })
                .collect()
        });
        stage.set(Stage::Starting);
        tasks.spawn(async move {
            match start_bulk_invite(ready).await {
                Ok(job) => follow.set(Some(job.id)),
                Err(e) => {
                    problem.set(Some(error_sentence(&e)));
                    stage.set(Stage::Preview);
                }
            }
        });
    };
    view! {
        <Modal open id="bulk" class="wide" title=Signal::derive(|| t("bulk-title")) on_close=close>
            {move || problem.get().map(|message| view! { <p class="alert" role="alert">{message}</p> })}
            <Show when=move || follow.get().is_none() && matches!(stage.get(), Stage::Edit | Stage::Checking)>
                <div class="form">
                    <div class="field">
                        <label for="bulk-text">{t("bulk-addresses")}</label>
                        <p class="field-hint" id="bulk-hint">{t("bulk-addresses-hint")}</p>
                        <textarea id="bulk-text" rows="8" aria-describedby="bulk-hint" spellcheck="false"
                            prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                    </div>
                    <div class="field">
                        <label for="bulk-file">{t("bulk-upload")}</label>
                        <input id="bulk-file" type="file" accept=".csv,text/csv,text/plain" node_ref=file_input on:change=read_file/>
                    </div>
                    <div class="modal-actions">
                        <button type="button" class="button secondary" on:click=move |_| close.run(())>{t("page-cancel")}</button>
                        <button type="button" class="button" disabled=move || stage.get() == Stage::Checking on:click=preview>
                            {move || t(if stage.get() == Stage::Checking { "bulk-checking" } else { "bulk-preview" })}
                        </button>
                    </div>
                </div>
            </Show>
            <Show when=move || follow.get().is_none() && matches!(stage.get(), Stage::Preview | Stage::Starting)>
                <p class="bulk-summary" role="status">
                    {move || say(&Message::new("bulk-summary")
                        .number("ready", ready())
                        .number("skipped", count(|s| matches!(s, RowState::Skipped(_)))))}
                </p>
                {move || rows_table(t("bulk-column-row"), rows.get().into_iter().map(|row| {
                    let (class, result) = match row.state {
                        RowState::Ready { role, language, .. } => {
                            let language = language_name(language.as_ref());
                            let ready = Message::new("bulk-row-ready")
                                .text("role", say(&role.message()))
                                .text("language", language);
                            ("ok", say(&ready))
                        }
                        RowState::Skipped(reason) => ("taken", format!("✗ {reason}")),
                    };
                    (row.line, row.raw, class, result)
                }))}
                <div class="modal-actions">
                    <button type="button" class="button secondary" on:click=move |_| stage.set(Stage::Edit)>{t("bulk-back")}</button>
                    <button type="button" class="button" disabled=move || ready() == 0 || stage.get() == Stage::Starting on:click=send>
                        {move || say(&Message::new("bulk-send").number("count", ready()))}
                    </button>
                </div>
            </Show>
            {move || follow.get().map(|id| view! {
                <BulkJobProgress id on_finished=on_done/>
                <div class="modal-actions">
                    <button type="button" class="button" on:click=move |_| close.run(())>{t("bulk-done")}</button>
                </div>
            })}
        </Modal>
    }
}
