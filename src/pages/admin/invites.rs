//! `/modules/staff/invites`: every invitation with its status and delivery, and the counts
//! per status.

use leptos::prelude::*;

use crate::api::invitations::invitation_overview;
use crate::domain::{Delivery, InvitationStatus, InvitationSummary, ListQuery, Timestamp};

#[component]
pub fn InvitesPage() -> impl IntoView {
    let overview = Resource::new(|| (), |_| invitation_overview(ListQuery::default()));
    view! {
        <div class="admin">
            <nav class="side-menu" aria-label="Modules">
                <p class="side-heading">"Modules"</p>
                <p class="side-group">"Teachers/Admin Staff"</p>
                <ul>
                    <li><a href="/modules/staff/invites" aria-current="page">"Invites"</a></li>
                </ul>
            </nav>
            <section class="admin-main">
                <h1>"Invites"</h1>
                <Suspense fallback=|| view! { <p>"Loading invitations…"</p> }>
                    {move || overview.get().map(|result| match result {
                        Ok(view) => {
                            let counts = view.counts;
                            view! {
                                <ul class="chips" aria-label="Invitations by status">
                                    <li>"All " <strong>{counts.all}</strong></li>
                                    <li>"Pending " <strong>{counts.pending}</strong></li>
                                    <li>"Accepted " <strong>{counts.accepted}</strong></li>
                                    <li>"Expired " <strong>{counts.expired}</strong></li>
                                    <li>"Revoked " <strong>{counts.revoked}</strong></li>
                                </ul>
                                <InvitesTable items=view.page.items now=view.now/>
                            }.into_any()
                        }
                        Err(e) => view! { <p class="alert" role="alert">{e.to_string()}</p> }.into_any(),
                    })}
                </Suspense>
            </section>
        </div>
    }
}

#[component]
fn InvitesTable(items: Vec<InvitationSummary>, now: Timestamp) -> impl IntoView {
    if items.is_empty() {
        return view! { <p class="empty">"No invitations yet."</p> }.into_any();
    }
    view! {
        <table class="data-table">
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
                </tr>
            </thead>
            <tbody>
                {items.into_iter().map(|item| {
                    let status = item.status;
                    let activity = link_activity(&item, now);
                    view! {
                        <tr>
                            <td>{item.email}</td>
                            <td>{item.role.label()}</td>
                            <td>
                                <span class=format!("badge badge-{}", status_class(status))>{status.label()}</span>
                                {activity}
                            </td>
                            <td>{item.invited_by}</td>
                            <td><time title=item.sent_at.format_utc()>{item.sent_at.relative_to(now)}</time></td>
                            <td><time title=item.expires_at.format_utc()>{expires_label(item.expires_at, status, now)}</time></td>
                            <td>{format!("{} of {}", item.resend_count, item.max_resends)}</td>
                            <td>{delivery_label(item.delivery.as_ref())}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
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

fn status_class(status: InvitationStatus) -> &'static str {
    match status {
        InvitationStatus::Pending => "pending",
        InvitationStatus::Accepted => "accepted",
        InvitationStatus::Expired => "expired",
        InvitationStatus::Revoked => "revoked",
    }
}

fn expires_label(expires_at: Timestamp, status: InvitationStatus, now: Timestamp) -> String {
    match status {
        InvitationStatus::Pending => expires_at.relative_to(now),
        InvitationStatus::Expired => format!("expired {}", expires_at.relative_to(now)),
        InvitationStatus::Accepted | InvitationStatus::Revoked => "—".to_owned(),
    }
}

fn delivery_label(delivery: Option<&Delivery>) -> String {
    match delivery {
        None => "—".to_owned(),
        Some(Delivery::Queued) => "Queued".to_owned(),
        Some(Delivery::Sent { .. }) => "Sent".to_owned(),
        Some(Delivery::Retrying { attempt, .. }) => format!("Retrying (attempt {attempt})"),
        Some(Delivery::Failed { reason }) => format!("Failed: {reason}"),
    }
}
