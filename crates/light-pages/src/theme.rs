//! The header's light/dark switch, as the app's `ThemeToggle` does it: the stored choice,
//! else the system's; a press flips it and remembers it.

use web_sys::{Element, HtmlElement};

use crate::dom::{document, on, window};

const STORAGE_KEY: &str = "theme";

pub fn enhance() {
    let Some(button) = document()
        .and_then(|d| d.query_selector(".theme-toggle").ok().flatten())
        .and_then(|b| wasm_bindgen::JsCast::dyn_into::<HtmlElement>(b).ok())
    else {
        return;
    };
    let stored = window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
    let dark = match stored.as_deref() {
        Some("dark") => true,
        Some("light") => false,
        _ => window()
            .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
            .is_some_and(|query| query.matches()),
    };
    apply(&button, dark);
    let target = button.clone();
    on(&target, "click", move |_| {
        let dark = button.get_attribute("aria-pressed").as_deref() != Some("true");
        apply(&button, dark);
        if let Some(storage) = window().and_then(|w| w.local_storage().ok().flatten()) {
            let _ = storage.set_item(STORAGE_KEY, if dark { "dark" } else { "light" });
        }
    });
}

fn apply(button: &Element, dark: bool) {
    if let Some(root) = document().and_then(|d| d.document_element()) {
        let _ = root.set_attribute("data-theme", if dark { "dark" } else { "light" });
    }
    let _ = button.set_attribute("aria-pressed", if dark { "true" } else { "false" });
    if let Ok(Some(icon)) = button.query_selector("span[aria-hidden]") {
        icon.set_text_content(Some(if dark { "☾" } else { "☀" }));
    }
}
