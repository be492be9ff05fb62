//! Bulk invite: paste a list or upload a CSV of `email,role`, see a verdict for every row,
//! send with a progress bar (each row through the same server call as one invite), then a
//! summary of what happened to each row.

use leptos::{html, prelude::*};

use crate::api::error_sentence;
use crate::api::invitations::{check_invite_emails, create_invitation};
use crate::components::{modal::Modal, task::Tasks, toast::Toasts};
use crate::domain::{BulkVerdict, EmailAvailability, Role, parse_bulk};

#[derive(Debug, Clone, PartialEq, Eq)]
enum RowState {
    Ready { email: String, role: Role },
    Skipped(String),
    Sent,
    Failed(String),
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
    Sending,
    Done,
}

#[component]
pub fn BulkDialog(open: RwSignal<bool>, on_done: Callback<()>) -> impl IntoView {
    let tasks = Tasks::of_this_view();
    let toasts = expect_context::<Toasts>();
    let text = RwSignal::new(String::new());
    let rows = RwSignal::new(Vec::<Row>::new());
    let stage = RwSignal::new(Stage::Edit);
    let problem = RwSignal::new(None::<String>);
    let sent = RwSignal::new(0usize);
    let file_input = NodeRef::<html::Input>::new();

    Effect::new(move |_| {
        if open.get() {
            text.set(String::new());
            rows.set(Vec::new());
            stage.set(Stage::Edit);
            problem.set(None);
        }
    });
    let close = Callback::new(move |_| {
        if stage.get_untracked() == Stage::Sending {
            return; // finish first: the rows are being sent
        }
        let finished = stage.get_untracked() == Stage::Done;
        open.set(false);
        if finished {
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
                    Err(_) => problem
                        .set(Some("That file couldn't be read. Is it a CSV text file?".into())),
                }
            });
        }
    };
    let preview = move |_| {
        problem.set(None);
        let parsed = match parse_bulk(&text.get_untracked()) {
            Ok(parsed) if parsed.is_empty() => {
                problem.set(Some("Paste at least one line: email,role".into()));
                return;
            }
            Ok(parsed) => parsed,
            Err(message) => {
                problem.set(Some(message));
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
                        BulkVerdict::Valid { email, role } => match answers.next() {
                            Some(EmailAvailability::Available) => RowState::Ready { email, role },
                            Some(EmailAvailability::UserExists) => {
                                RowState::Skipped("Already a user".into())
                            }
                            Some(EmailAvailability::AlreadyInvited) => {
                                RowState::Skipped("Already invited: resend instead".into())
                            }
                            Some(EmailAvailability::Invalid(message)) => RowState::Skipped(message),
                            None => RowState::Skipped("Not checked".into()),
                        },
                        BulkVerdict::Duplicate { first_line } => {
                            RowState::Skipped(format!("Duplicate of line {first_line}"))
                        }
                        BulkVerdict::Invalid(message) => RowState::Skipped(message),
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
        stage.set(Stage::Sending);
        sent.set(0);
        tasks.spawn(async move {
            let work: Vec<(usize, String, Role)> = rows.with_untracked(|rows| {
                rows.iter()
                    .enumerate()
                    .filter_map(|(i, row)| match &row.state {
                        RowState::Ready { email, role } => Some((i, email.clone(), *role)),
                        _ => None,
                    })
                    .collect()
            });
            for (index, email, role) in work {
                let outcome = create_invitation(email, role.label().to_owned()).await;
                let state = match outcome {
                    Ok(_) => RowState::Sent,
                    Err(e) => RowState::Failed(error_sentence(&e)),
                };
                rows.update(|rows| rows[index].state = state);
                sent.update(|n| *n += 1);
            }
            let invited = count(|s| matches!(s, RowState::Sent));
            toasts.success(format!("{invited} invitations sent."));
            stage.set(Stage::Done);
        });
    };
    view! {
        <Modal open id="bulk" class="wide" title=Signal::derive(|| "Bulk invite".to_owned()) on_close=close>
            {move || problem.get().map(|message| view! { <p class="alert" role="alert">{message}</p> })}
            <Show when=move || matches!(stage.get(), Stage::Edit | Stage::Checking)>
                <div class="form">
                    <div class="field">
                        <label for="bulk-text">"Addresses, one per line: email,role"</label>
                        <p class="field-hint" id="bulk-hint">"For example: sam@school.org,Teacher. The role is Teacher or Admin Staff."</p>
                        <textarea id="bulk-text" rows="8" aria-describedby="bulk-hint" spellcheck="false"
                            prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                    </div>
                    <div class="field">
                        <label for="bulk-file">"Or upload a CSV file"</label>
                        <input id="bulk-file" type="file" accept=".csv,text/csv,text/plain" node_ref=file_input on:change=read_file/>
                    </div>
                    <div class="modal-actions">
                        <button type="button" class="button secondary" on:click=move |_| close.run(())>"Cancel"</button>
                        <button type="button" class="button" disabled=move || stage.get() == Stage::Checking on:click=preview>
                            {move || if stage.get() == Stage::Checking { "Checking…" } else { "Preview" }}
                        </button>
                    </div>
                </div>
            </Show>
            <Show when=move || matches!(stage.get(), Stage::Preview | Stage::Sending | Stage::Done)>
                <p class="bulk-summary" role="status">
                    {move || match stage.get() {
                        Stage::Done => format!(
                            "Done: {} invited, {} skipped, {} failed.",
                            count(|s| matches!(s, RowState::Sent)),
                            count(|s| matches!(s, RowState::Skipped(_))),
                            count(|s| matches!(s, RowState::Failed(_))),
                        ),
                        Stage::Sending => format!("Sending {} of {}…", sent.get(), sent.get() + ready()),
                        _ => format!(
                            "{} will be invited, {} skipped.",
                            ready(),
                            count(|s| matches!(s, RowState::Skipped(_)))
                        ),
                    }}
                </p>
                <Show when=move || matches!(stage.get(), Stage::Sending | Stage::Done)>
                    <progress class="bulk-progress" aria-label="Invitations sent"
                        max=move || (sent.get() + ready()).max(1).to_string()
                        value=move || sent.get().to_string()></progress>
                </Show>
                <div class="table-wrap bulk-rows">
                    <table class="data-table">
                        <caption class="visually-hidden">"Bulk invite rows"</caption>
                        <thead><tr><th scope="col">"Line"</th><th scope="col">"Row"</th><th scope="col">"Result"</th></tr></thead>
                        <tbody>
                            {move || rows.get().into_iter().map(|row| {
                                let (class, text) = match row.state {
                                    RowState::Ready { role, .. } => ("ok", format!("✓ Will be invited as {}", role.label())),
                                    RowState::Skipped(reason) => ("taken", format!("✗ {reason}")),
                                    RowState::Sent => ("ok", "✓ Invited".to_owned()),
                                    RowState::Failed(reason) => ("taken", format!("✗ Failed: {reason}")),
                                };
                                view! {
                                    <tr>
                                        <td>{row.line}</td>
                                        <td class="cell-email">{row.raw}</td>
                                        <td class=class>{text}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <div class="modal-actions">
                    <Show when=move || stage.get() == Stage::Preview>
                        <button type="button" class="button secondary" on:click=move |_| stage.set(Stage::Edit)>"Back"</button>
                        <button type="button" class="button" disabled=move || ready() == 0 on:click=send>
                            {move || format!("Send {} invitations", ready())}
                        </button>
                    </Show>
                    <Show when=move || stage.get() == Stage::Done>
                        <button type="button" class="button" on:click=move |_| close.run(())>"Done"</button>
                    </Show>
                </div>
            </Show>
        </Modal>
    }
}
