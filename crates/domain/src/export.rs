//! The Invites list as a CSV file: its address carries the page's filter (without its
//! paging), written by the browser into the "Download CSV" link and read back by the server.

use serde::{Deserialize, Serialize};

use super::{InvitationStatus, ListQuery, Role, SortKey};

/// Where the export is served; under `/modules`, so only Super-Admins reach it.
pub const EXPORT_PATH: &str = "/modules/staff/invites.csv";

/// The filter of an export: the status chip, the role, the search text and the sort.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ExportFilter {
    pub status: Option<InvitationStatus>,
    pub role: Option<Role>,
    /// Part of an email address.
    pub q: Option<String>,
    pub sort: SortKey,
}

impl ExportFilter {
    /// What the Invites page shows for `query`.
    pub fn of(query: &ListQuery) -> Self {
        Self {
            status: query.status,
            role: query.role,
            q: query.email_contains.clone().filter(|q| !q.trim().is_empty()),
            sort: query.sort,
        }
    }

    /// One page of the listing this filter selects, after `after`.
    pub fn page(&self, after: Option<super::Cursor>) -> ListQuery {
        ListQuery {
            status: self.status,
            role: self.role,
            email_contains: self.q.clone(),
            sort: self.sort,
            after,
            limit: Some(ListQuery::MAX_LIMIT),
        }
    }

    /// The download's address: `/modules/staff/invites.csv?status=pending&q=…&sort=sent_desc`.
    pub fn href(&self) -> String {
        let mut params = Vec::new();
        if let Some(status) = self.status {
            params.push(format!("status={}", status_param(status)));
        }
        if let Some(role) = self.role {
            params.push(format!("role={}", role.as_str()));
        }
        if let Some(q) = &self.q {
            params.push(format!("q={}", percent_encoded(q)));
        }
        params.push(format!("sort={}", sort_param(self.sort)));
        format!("{EXPORT_PATH}?{}", params.join("&"))
    }
}

/// The serde names, so the server's query parser reads back what `href` wrote.
fn status_param(status: InvitationStatus) -> &'static str {
    match status {
        InvitationStatus::Pending => "pending",
        InvitationStatus::Accepted => "accepted",
        InvitationStatus::Expired => "expired",
        InvitationStatus::Revoked => "revoked",
    }
}

fn sort_param(sort: SortKey) -> &'static str {
    match sort {
        SortKey::SentDesc => "sent_desc",
        SortKey::SentAsc => "sent_asc",
        SortKey::ExpiresDesc => "expires_desc",
        SortKey::ExpiresAsc => "expires_asc",
    }
}

/// Every byte but the URL-unreserved ones as `%XX`, so any text survives the query string.
fn percent_encoded(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_link_carries_the_filter_and_escapes_the_search() {
        let filter = ExportFilter {
            status: Some(InvitationStatus::Pending),
            role: Some(Role::AdminStaff),
            q: Some("a&b=c d+é".into()),
            sort: SortKey::ExpiresAsc,
        };
        assert_eq!(
            filter.href(),
            "/modules/staff/invites.csv?status=pending&role=admin_staff&q=a%26b%3Dc%20d%2B%C3%A9&sort=expires_asc"
        );
        assert_eq!(ExportFilter::default().href(), "/modules/staff/invites.csv?sort=sent_desc");
    }

    #[test]
    fn the_params_are_the_serde_names() {
        for status in [
            InvitationStatus::Pending,
            InvitationStatus::Accepted,
            InvitationStatus::Expired,
            InvitationStatus::Revoked,
        ] {
            let json = serde_json::to_string(&status).unwrap();
            assert_eq!(json, format!("\"{}\"", status_param(status)));
        }
        for sort in [SortKey::SentDesc, SortKey::SentAsc, SortKey::ExpiresDesc, SortKey::ExpiresAsc]
        {
            assert_eq!(serde_json::to_string(&sort).unwrap(), format!("\"{}\"", sort_param(sort)));
        }
    }

    #[test]
    fn a_blank_search_is_no_search() {
        let query = ListQuery { email_contains: Some("  ".into()), ..ListQuery::default() };
        assert_eq!(ExportFilter::of(&query).q, None);
    }
}
