//! What the sign-in and account pages say after a trip to the school's provider (OpenID
//! Connect), named in their address (`?school=…`) by one of these catalogue ids. A page
//! shows only these: an address can't make a page say anything else.

/// Every notice, each an id in every catalogue.
pub const ALL: &[&str] = &[
    "school-stale",
    "school-cancelled",
    "school-refused",
    "school-failed",
    "school-unknown",
    "school-limited",
    "school-address-refused",
    "school-account-elsewhere",
    "school-not-offered",
    "school-linked",
    "sign-in-deactivated",
];

/// The notice `raw` names, if it is one.
pub fn find(raw: &str) -> Option<&'static str> {
    ALL.iter().copied().find(|id| *id == raw)
}

/// Whether the notice reports a success rather than a refusal.
pub fn is_good_news(id: &str) -> bool {
    id == "school-linked"
}
