//! The setup page's language, as `invitation_link` chooses it for a request, and the words
//! of the page that depend on the link: who invited, as what, and until when.

use leptos::prelude::use_context;

use crate::domain::LinkState;

/// Who invited the person, as what; nothing for a link that doesn't work.
pub(super) fn invited(link: &LinkState) -> crate::domain::Message {
    use crate::domain::Message;
    match link {
        LinkState::Valid { inviter_name: Some(name), role, .. } => Message::new("setup-invited-by")
            .text("inviter", name.as_str())
            .text("role", role.as_str()),
        LinkState::Valid { role, .. } => Message::new("setup-invited").text("role", role.as_str()),
        _ => Message::new("link-invalid"),
    }
}

/// The link's times worded in the page's language.
pub(super) fn in_language(
    link: LinkState,
    zone: &crate::server::school::SchoolZone,
    tr: crate::server::i18n::Tr,
) -> LinkState {
    match link {
        LinkState::Valid { email, role, inviter_name, expires_at, choose_email } => {
            let expires_at = zone.local_in(expires_at.at, tr);
            LinkState::Valid { email, role, inviter_name, expires_at, choose_email }
        }
        LinkState::Expired { expired_at } => {
            LinkState::Expired { expired_at: zone.local_in(expired_at.at, tr) }
        }
        other => other,
    }
}

/// The language of `token`'s setup page for this request, as `invitation_link` chose it:
/// the language an account made from it keeps.
pub(in crate::api) async fn page_language(
    state: &crate::server::state::AppState,
    token: &str,
) -> crate::server::i18n::Tr {
    let language = state.invitations.inspect_in_language(token).await.ok().and_then(|(_, l)| l);
    language_for(language.as_ref(), state)
}

/// The setup page's language for this request, its invitation's being `language`.
pub(super) fn language_for(
    language: Option<&crate::domain::Language>,
    state: &crate::server::state::AppState,
) -> crate::server::i18n::Tr {
    use crate::server::i18n::{Tr, choice};
    let parts = use_context::<axum::http::request::Parts>();
    choice::for_request(parts.as_ref(), language.and_then(Tr::find), state.settings.school_language)
}
