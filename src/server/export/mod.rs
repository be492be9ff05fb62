//! `GET /modules/staff/invites.csv`: the Invites list under the page's filter, as a CSV
//! download, streamed a page at a time, so a million rows never sit in memory. Times are on
//! the school's clocks; every cell is safe to open in a spreadsheet (`csv`).

mod csv;

use axum::{
    Router,
    body::{Body, Bytes},
    extract::{Query, State, rejection::QueryRejection},
    http::{StatusCode, header},
    response::{IntoResponse, Response},
    routing::get,
};
use futures::stream::{self, Stream, StreamExt};

use crate::domain::{Cursor, Delivery, EXPORT_PATH, ExportFilter, InvitationSummary, Timestamp};
use crate::server::{school::SchoolZone, state::AppState};

const COLUMNS: [&str; 9] = [
    "email",
    "role",
    "status",
    "invited by",
    "sent",
    "expires",
    "resends",
    "delivery",
    "accepted at",
];

pub fn routes() -> Router<AppState> {
    Router::new().route(EXPORT_PATH, get(export))
}

async fn export(
    State(state): State<AppState>,
    filter: Result<Query<ExportFilter>, QueryRejection>,
) -> Response {
    let Ok(Query(filter)) = filter else {
        return (
            StatusCode::BAD_REQUEST,
            "That download link is not valid. Use Download CSV on the Invites page again.",
        )
            .into_response();
    };
    let today = state.settings.school_zone.date(state.clock.now());
    let file = format!("invitations-{today}.csv");
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{file}\"")),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        Body::from_stream(rows(state, filter)),
    )
        .into_response()
}

/// Where the stream is: before the header line, after some page, or done.
enum Step {
    Start,
    After(Cursor),
    Done,
}

/// The header line, then one chunk per page of the listing. A failure mid-way ends the
/// download with an error (the browser then reports it as failed), never a truncated file
/// that looks whole.
fn rows(
    state: AppState,
    filter: ExportFilter,
) -> impl Stream<Item = Result<Bytes, std::io::Error>> {
    stream::unfold(Step::Start, move |step| {
        let (state, filter) = (state.clone(), filter.clone());
        async move {
            let after = match step {
                Step::Done => return None,
                Step::Start => None,
                Step::After(cursor) => Some(cursor),
            };
            let page = match state.invitations.list(&filter.page(after)).await {
                Ok(page) => page,
                Err(error) => {
                    tracing::error!(%error, "CSV export stopped");
                    return Some((Err(std::io::Error::other("the export stopped")), Step::Done));
                }
            };
            let zone = &state.settings.school_zone;
            // A byte-order mark first: Excel reads the file as UTF-8 only with it.
            let mut chunk = if after.is_none() {
                format!("\u{feff}{}", csv::line(&COLUMNS))
            } else {
                String::new()
            };
            for row in &page.items {
                chunk.push_str(&csv::line(&cells(row, zone)));
            }
            let next = page.next.map_or(Step::Done, Step::After);
            Some((Ok(Bytes::from(chunk)), next))
        }
    })
    // Compression polls the body once more after its end, which `unfold` alone would not
    // survive.
    .fuse()
}

/// One invitation's cells, in the order of `COLUMNS`.
fn cells(row: &InvitationSummary, zone: &SchoolZone) -> [String; 9] {
    let time = |at: Timestamp| zone.sortable(at);
    let delivery = match &row.delivery {
        None => String::new(),
        Some(Delivery::Queued) => "Queued".to_owned(),
        Some(Delivery::Sent { .. }) => "Sent".to_owned(),
        Some(Delivery::Retrying { attempt, error, .. }) => {
            format!("Retrying (attempt {attempt} failed: {error})")
        }
        Some(Delivery::Failed { reason }) => format!("Failed: {reason}"),
    };
    [
        row.email.clone(),
        row.role.label().to_owned(),
        row.status.label().to_owned(),
        row.invited_by.clone(),
        time(row.sent_at.at),
        time(row.expires_at.at),
        format!("{} of {}", row.resend_count, row.max_resends),
        delivery,
        row.accepted_at.as_ref().map(|at| time(at.at)).unwrap_or_default(),
    ]
}
