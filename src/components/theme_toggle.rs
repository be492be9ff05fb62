//! Light/dark switch. The page follows the system setting until the person picks one; the
//! pick is kept in localStorage, and the shell applies it before the page paints
//! (`THEME_BEFORE_PAINT`). The server renders the switch as "light"; the browser writes the
//! theme in force into it as soon as it has hydrated, whenever that is (a part of a page may
//! hydrate a step after the app starts, `components::later`), and again on each change. Those
//! writes are the code's own, not the view's: a reactive attribute hydrated after the theme
//! was read would keep the server's "light".

use leptos::html::Button;
use leptos::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Theme {
    Light,
    Dark,
}

impl Theme {
    fn other(self) -> Theme {
        match self {
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::Light,
        }
    }
}

/// Run in `<head>` before the first paint: the stored pick, if any, so that a page doesn't
/// flash the system's theme until its script arrives (after the page's `load` event). No
/// `<`, `>` or `&`: the shell HTML-escapes it like any other text.
pub const THEME_BEFORE_PAINT: &str = "try { var theme = localStorage.getItem('theme'); \
    if (theme === 'dark' || theme === 'light') document.documentElement.dataset.theme = theme; \
    } catch (error) {}";

#[component]
pub fn ThemeToggle() -> impl IntoView {
    // The stored choice, else the system's (on the server: light).
    let theme = RwSignal::new(browser::stored_theme().unwrap_or_else(browser::system_theme));
    let button = NodeRef::<Button>::new();

    let toggle = move |_| {
        let next = theme.get_untracked().other();
        theme.set(next);
        browser::remember(next);
    };

    // Once the button has hydrated, and on each change: `<html data-theme>` and the button.
    Effect::new(move |_| browser::show(theme.get(), button));

    view! {
        <button node_ref=button type="button" class="theme-toggle" aria-pressed="false" on:click=toggle>
            <span aria-hidden="true">"☀"</span>
            <span class="theme-label">{format!(" {}", super::words::t("theme-dark"))}</span>
        </button>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::Theme;
    use leptos::html::Button;
    use leptos::prelude::{Get, NodeRef, document, window};

    const STORAGE_KEY: &str = "theme";

    fn name(theme: Theme) -> &'static str {
        match theme {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn stored_theme() -> Option<Theme> {
        let storage = window().local_storage().ok().flatten()?;
        match storage.get_item(STORAGE_KEY).ok().flatten()?.as_str() {
            "dark" => Some(Theme::Dark),
            "light" => Some(Theme::Light),
            _ => None,
        }
    }

    pub fn system_theme() -> Theme {
        let prefers_dark = window()
            .match_media("(prefers-color-scheme: dark)")
            .ok()
            .flatten()
            .is_some_and(|query| query.matches());
        if prefers_dark { Theme::Dark } else { Theme::Light }
    }

    /// `<html data-theme>`, and the switch once it has hydrated.
    pub fn show(theme: Theme, button: NodeRef<Button>) {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-theme", name(theme));
        }
        let Some(button) = button.get() else { return };
        let pressed = if theme == Theme::Dark { "true" } else { "false" };
        let _ = button.set_attribute("aria-pressed", pressed);
        if let Ok(Some(icon)) = button.query_selector("span[aria-hidden]") {
            icon.set_text_content(Some(if theme == Theme::Dark { "☾" } else { "☀" }));
        }
    }

    pub fn remember(theme: Theme) {
        if let Some(storage) = window().local_storage().ok().flatten() {
            let _ = storage.set_item(STORAGE_KEY, name(theme));
        }
    }
}

#[cfg(not(feature = "hydrate"))]
mod browser {
    use super::Theme;

    pub fn stored_theme() -> Option<Theme> {
        None
    }

    pub fn system_theme() -> Theme {
        Theme::Light
    }

    pub fn show(_theme: Theme, _button: leptos::prelude::NodeRef<leptos::html::Button>) {}

    pub fn remember(_theme: Theme) {}
}
