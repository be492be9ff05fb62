//! staff-onboarding: one crate compiled twice. The `ssr` build is the server; the `hydrate`
//! build is the WASM that makes the server-rendered pages interactive.

pub mod api;
pub mod app;
pub mod components;
pub use ::domain;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod server;

/// The browser's entry point: attach to the server-rendered HTML.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Async: a page whose code is in a split-off chunk loads it before hydrating, and parts
    // of a page may hydrate in tasks of their own (`components::later`). Once all of it has
    // hydrated, the page says so (`app::page_hydrated`).
    wasm_bindgen_futures::spawn_local(async {
        let Some(body) = leptos::prelude::document().body() else { return };
        let root = leptos::mount::hydrate_from_async(body, app::App).await;
        root.forget();
        app::page_hydrated();
    });
}
