//! Light/dark switch. The page follows the system setting until the person picks one; the
//! pick is kept in localStorage. On the server it renders as "light", and the browser
//! corrects it right after hydration.

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

#[component]
pub fn ThemeToggle() -> impl IntoView {
    let theme = RwSignal::new(Theme::Light);

    // After hydration: adopt the stored choice, else the system's.
    Effect::new(move |_| {
        let initial = browser::stored_theme().unwrap_or_else(browser::system_theme);
        theme.set(initial);
    });

    let toggle = move |_| {
        let next = theme.get_untracked().other();
        theme.set(next);
        browser::apply(next, true);
    };

    // Keep <html data-theme> in step with the signal (a no-op on the server).
    Effect::new(move |_| browser::apply(theme.get(), false));

    view! {
        <button
            type="button"
            class="theme-toggle"
            aria-pressed=move || (theme.get() == Theme::Dark).to_string()
            on:click=toggle
        >
            <span aria-hidden="true">{move || if theme.get() == Theme::Dark { "☾" } else { "☀" }}</span>
            <span class="theme-label">{format!(" {}", super::words::t("theme-dark"))}</span>
        </button>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::Theme;
    use leptos::prelude::{document, window};

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

    pub fn apply(theme: Theme, remember: bool) {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-theme", name(theme));
        }
        if remember && let Some(storage) = window().local_storage().ok().flatten() {
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

    pub fn apply(_theme: Theme, _remember: bool) {}
}
