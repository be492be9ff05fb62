//! The page's words: the sentences the server wrote into the page in its language
//! (`domain::Words`, as JSON in `#page-words`). This script has no catalogue of its own, and
//! reads them with the browser's own JSON parser: decoding them in Rust would add a tenth
//! to its size.

use domain::{Message, invite_page};
use js_sys::{JSON, Reflect};
use wasm_bindgen::JsValue;

thread_local! {
    /// The `texts` object of the page's words, by identifier.
    static TEXTS: JsValue = read().unwrap_or(JsValue::UNDEFINED);
}

fn read() -> Option<JsValue> {
    let text = crate::dom::document()?.get_element_by_id(invite_page::WORDS)?.text_content()?;
    Reflect::get(&JSON::parse(&text).ok()?, &"texts".into()).ok()
}

/// The sentence `id`; the identifier itself when the page wasn't given it (the catalogue
/// tests keep that from happening).
pub fn t(id: &str) -> String {
    TEXTS
        .with(|texts| Reflect::get(texts, &id.into()).ok().and_then(|text| text.as_string()))
        .unwrap_or_else(|| id.to_owned())
}

/// `message`, its arguments filled in.
pub fn say(message: &Message) -> String {
    message.filled(&t(&message.id))
}
