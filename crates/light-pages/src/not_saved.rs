//! When the link stopped working before the form's details arrived, the page that says so
//! also shows what the person typed, so nothing is silently lost. The server keeps nothing
//! for a dead link, so the script keeps the draft (never the password) in this tab's
//! session storage for the one page load that follows.

use domain::SetupDraft;
use web_sys::{Element, Storage};

use crate::dom::{append, by_id, element, path, window};
use crate::words::t;

fn storage() -> Option<Storage> {
    window()?.session_storage().ok().flatten()
}

fn key() -> Option<String> {
    Some(format!("not-saved:{}", path()?))
}

/// Keeps what was sent, for the page that follows.
pub fn keep(draft: &SetupDraft) {
    if let (Some(storage), Some(key), Ok(json)) = (storage(), key(), serde_json::to_string(draft)) {
        let _ = storage.set_item(&key, &json);
    }
}

/// On the "account not created" notice (`#not-saved`), shows the kept draft, once.
pub fn fill() {
    let (Some(storage), Some(key)) = (storage(), key()) else { return };
    let kept = storage.get_item(&key).ok().flatten();
    let _ = storage.remove_item(&key);
    let Some(notice) = by_id::<Element>(domain::invite_page::NOT_SAVED) else { return };
    // The server already showed a draft it kept itself.
    if notice.query_selector("dl").ok().flatten().is_some() {
        return;
    }
    let Some(draft) = kept.and_then(|json| serde_json::from_str::<SetupDraft>(&json).ok()) else {
        return;
    };
    let rows = [
        (t("field-email"), draft.email.unwrap_or_default()),
        (t("field-full-name"), draft.full_name),
        (t("field-phone"), draft.phone),
        (t("field-username"), draft.username),
    ];
    let Some(list) = element("dl", Some("details"), None) else { return };
    for (label, value) in rows.iter().filter(|(_, value)| !value.trim().is_empty()) {
        if let (Some(term), Some(detail)) =
            (element("dt", None, Some(label)), element("dd", None, Some(value)))
        {
            append(&list, &[&term, &detail]);
        }
    }
    if let (Ok(Some(intro)), Some(title)) =
        (notice.query_selector("p"), element("strong", None, Some(&t("not-saved-title"))))
    {
        intro.set_text_content(None);
        let _ = intro.append_child(&title);
        let _ = intro.append_with_str_1(&format!(" {}", t("not-saved-with-details")));
    }
    append(&notice, &[&list]);
}
