//! The few DOM helpers the page needs, over web-sys. Nothing here panics: a missing element
//! means there is nothing to enhance.

use wasm_bindgen::{JsCast, closure::Closure};
use web_sys::{Document, Element, Event, HtmlButtonElement, Window};

pub fn window() -> Option<Window> {
    web_sys::window()
}

pub fn document() -> Option<Document> {
    window()?.document()
}

/// The element with `id`, as the type the page renders it as.
pub fn by_id<T: JsCast>(id: &str) -> Option<T> {
    document()?.get_element_by_id(id)?.dyn_into().ok()
}

/// A new `<tag class=…>` holding `text`.
pub fn element(tag: &str, class: Option<&str>, text: Option<&str>) -> Option<Element> {
    let element = document()?.create_element(tag).ok()?;
    if let Some(class) = class {
        element.set_class_name(class);
    }
    if let Some(text) = text {
        element.set_text_content(Some(text));
    }
    Some(element)
}

/// Appends `children` to `parent`, in order.
pub fn append(parent: &Element, children: &[&Element]) {
    for child in children {
        let _ = parent.append_child(child);
    }
}

/// Calls `handler` on each `event` at `target`, for the page's lifetime.
pub fn on(target: &web_sys::EventTarget, event: &str, handler: impl FnMut(Event) + 'static) {
    let closure = Closure::<dyn FnMut(Event)>::new(handler);
    let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    // The element lives as long as the page, and so must its handler.
    closure.forget();
}

/// Runs `then` after `ms` milliseconds; the id cancels it (`cancel_timer`).
pub fn after(ms: i32, then: impl FnOnce() + 'static) -> Option<i32> {
    let closure = Closure::once_into_js(then);
    window()?
        .set_timeout_with_callback_and_timeout_and_arguments_0(closure.unchecked_ref(), ms)
        .ok()
}

pub fn cancel_timer(id: i32) {
    if let Some(window) = window() {
        window.clear_timeout_with_handle(id);
    }
}

/// The form's submit button.
pub fn submit_button(form: &Element) -> Option<HtmlButtonElement> {
    form.query_selector("button[type=submit]").ok().flatten()?.dyn_into().ok()
}

/// The page's path, e.g. `/invite/AbC…`.
pub fn path() -> Option<String> {
    window()?.location().pathname().ok()
}

pub fn go_to(url: &str) {
    if let Some(window) = window() {
        let _ = window.location().assign(url);
    }
}
