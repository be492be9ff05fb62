//! A tap that comes before the dashboard's code counts. The dashboard's pages are rendered by
//! the server, and a page's own code arrives a moment later (on a slow link, a second or two):
//! until then its buttons show but do nothing. A small script in the page, run before
//! anything else, keeps the last button tapped in that time; when the page's code has taken
//! over, `replay` taps it again, so "Invite User" tapped early opens its dialog. A page
//! hydrates in steps (`components::later`), so a button may already answer while the rest of
//! the page is not yet hydrated: until the whole page is, the tap is kept from the page's
//! code, and only the replay reaches it, once.
//!
//! Only the page's own `type="button"` buttons, in `<main>`, are kept: a link or a form's
//! button already works without the page's code, and the header's (the theme switch) work
//! as soon as the app's first module has arrived, before the page's own: tapping any of
//! them again would act twice.

/// The property of `window` that holds the button tapped early.
const KEPT: &str = "earlyTap";

/// The page's inline script (the shell gives it the request's nonce). The body carries
/// `data-hydrated` once a page's code has arrived (`app::page_hydrated`); from then on, taps
/// are the page's own. (No `<`, `>` or `&`: the text is HTML-escaped like any other.)
pub fn script() -> String {
    format!(
        "addEventListener('click', function (event) {{ \
         if (document.body.hasAttribute('data-hydrated')) return; \
         var button = event.target.closest ? event.target.closest('#main button[type=button]') : null; \
         if (button) {{ window.{KEPT} = button; event.stopPropagation(); }} }}, true);"
    )
}

/// Taps again the button kept by `script`, if any and still on the page, once the views the
/// page is making now have taken over (a `Transition`'s rows come a moment after the rest).
/// Runs in the browser only: called once the whole page has hydrated (`app::page_hydrated`).
pub fn replay() {
    #[cfg(feature = "hydrate")]
    {
        use leptos::prelude::{set_timeout, window};
        use wasm_bindgen::{JsCast, JsValue};

        let window = window();
        let key = JsValue::from_str(KEPT);
        let kept = js_sys::Reflect::get(&window, &key).unwrap_or(JsValue::UNDEFINED);
        let _ = js_sys::Reflect::delete_property(&window, &key);
        let Ok(button) = kept.dyn_into::<web_sys::HtmlElement>() else { return };
        set_timeout(
            move || {
                if button.is_connected() {
                    button.click();
                }
            },
            std::time::Duration::ZERO,
        );
    }
}
