//! The light pages' script: a small WASM that enhances the server-rendered pages every
//! member of staff sees (the invite pages, sign-in, getting back in, the account) instead of
//! hydrating the whole app, which only the Super-Admin's dashboard does (docs/page-weight.md).
//! The server's HTML is complete and works without it; this adds what needs a script.
//!
//! On the invite pages:
//! - each field checked when the person leaves it, by the same `domain` parsers as the server;
//! - the username checked while it is typed, with free variants to pick;
//! - what was typed (or autofilled) before it arrived, checked as if just typed;
//! - the password's strength hint and show/hide;
//! - the form sent without a page load, so a mistake keeps the password typed;
//! - a passkey instead of the password, where the browser can make one;
//! - "link opened" recorded, which only a real browser does;
//! - what was typed, shown again when the link stopped working before it arrived.
//!
//! On the pages after setup (`ceremony`): signing in with a passkey (from a prompt or the
//! username's autofill), adding one to the account, and making one from a sign-in link.
//!
//! On every one: the theme switch, and the plain forms sent without a page load, so a
//! refusal keeps what was typed (`forms`).
//!
//! `<body data-hydrated="true">` says it has run, as the hydrated app's pages say.

mod api;
mod ceremony;
mod dom;
mod fields;
mod forms;
mod not_saved;
mod passkey;
mod password;
mod setup;
mod theme;
mod username;
mod words;

use wasm_bindgen::prelude::wasm_bindgen;

/// Runs once the module is instantiated (`init()` in the page's module script).
#[wasm_bindgen(start)]
pub fn start() {
    let Some(document) = dom::document() else { return };
    theme::enhance();
    setup::enhance();
    not_saved::fill();
    ceremony::enhance();
    forms::enhance();
    if let Some(body) = document.body() {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}
