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
    // Lazy: a page whose code is in a split-off chunk loads it before hydrating.
    leptos::mount::hydrate_lazy(app::App);
}
