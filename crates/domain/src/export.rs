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
    /// The "Expiring soon" chip: Pending links about to run out.
    pub expiring_soon: bool,
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
            expiring_soon: query.expiring_soon,
            role: query.role,
            q: query.email_contains.clone().filter(|q| !q.trim().is_empty()),
            sort: query.sort,
        }
    }

    /// One page of the listing this filter selects, after `after`.
    pub fn page(&self, after: Option<super::Cursor>) -> ListQuery {
        ListQuery {
            status: self.status,
            expiring_soon: self.expiring_soon,
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
        if self.expiring_soon {
            params.push("expiring_soon=true".to_owned());
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

/// The Invites page's status chip as its address carries it (`?status=expired`, as the
/// expired invitations' digest links to it): the chip's status, and whether it is
/// "Expiring soon". Anything else is the "All" chip.
pub fn status_chip(param: &str) -> (Option<InvitationStatus>, bool) {
    if param == "expiring_soon" {
        return (None, true);
    }
    (InvitationStatus::ALL.into_iter().find(|status| status_param(*status) == param), false)
}

/// The serde names, so the server's query parser reads back what `href` wrote.
pub fn status_param(status: InvitationStatus) -> &'static str {
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
            expiring_soon: false,
            role: Some(Role::AdminStaff),
            q: Some("a&b=c d+é".into()),
            sort: SortKey::ExpiresAsc,
        };
        assert_eq!(
            filter.href(),
            "/modules/staff/invites.csv?status=pending&role=admin_staff&q=a%26b%3Dc%20d%2B%C3%A9&sort=expires_asc"
        );
        assert_eq!(ExportFilter::default().href(), "/modules/staff/invites.csv?sort=sent_desc");
        let soon = ExportFilter { expiring_soon: true, ..Default::default() };
        assert_eq!(soon.href(), "/modules/staff/invites.csv?expiring_soon=true&sort=sent_desc");
        assert!(soon.page(None).expiring_soon);
    }

    #[test]
    fn the_pages_address_names_its_chip() {
        assert_eq!(status_chip("expired"), (Some(InvitationStatus::Expired), false));
        assert_eq!(status_chip("pending"), (Some(InvitationStatus::Pending), false));
        assert_eq!(status_chip("expiring_soon"), (None, true));
        assert_eq!(status_chip("Expired"), (None, false));
        assert_eq!(status_chip(""), (None, false));
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
