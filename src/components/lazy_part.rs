//! A part of a page the person may never open (a dialog, say), whose code is a chunk of the
//! WASM of its own (`#[lazy]`): the page becomes interactive without it, the chunk follows
//! once the browser is idle, and the part is shown, then kept, from the first time it is
//! wanted. Wanted before its chunk has arrived, it shows as soon as the chunk is there.

use std::future::Future;

use leptos::prelude::*;

/// Shows what `part` makes from the first time `wanted` is true, and keeps it from then on
/// (its own `open` signal opens and closes it). `part` is a `#[lazy]` function's call.
pub fn when_first_wanted<Part, Made>(
    wanted: impl Fn() -> bool + Send + Sync + 'static,
    part: Part,
) -> impl IntoView
where
    Part: Fn() -> Made + Send + Sync + 'static,
    Made: Future<Output = AnyView> + Send + 'static,
{
    let ever = Memo::new(move |was: Option<&bool>| was.copied().unwrap_or(false) || wanted());
    view! { <Show when=move || ever.get()>{Suspend::new(part())}</Show> }
}

/// Runs `fetch` (`lazy_preload!` calls) once the page is interactive and the browser is idle,
/// so that a part is usually there before anyone wants it.
pub fn fetch_when_idle(fetch: fn()) {
    // An effect runs in the browser only, once the page has been hydrated.
    Effect::new(move |_| request_idle_callback(fetch));
}
