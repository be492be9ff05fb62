//! The page's words: the sentences the server wrote into the page in its language
//! (`domain::Words`, in `#page-words`). This script has no catalogue of its own.

use domain::{Message, Words, invite_page};

thread_local! {
    static WORDS: Words = read().unwrap_or_default();
}

fn read() -> Option<Words> {
    let text = crate::dom::document()?.get_element_by_id(invite_page::WORDS)?.text_content()?;
    serde_json::from_str(&text).ok()
}

/// The sentence `id`.
pub fn t(id: &str) -> String {
    WORDS.with(|words| words.t(id))
}

/// `message`, its arguments filled in.
pub fn say(message: &Message) -> String {
    WORDS.with(|words| words.say(message))
}
