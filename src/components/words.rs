//! A page's words: the sentences the server wrote for it in its language (`domain::Words`),
//! given to its components as context, to its script as JSON, and the switch that picks
//! another language.

use leptos::prelude::*;

use crate::domain::{Message, Words};

/// The words of the page being rendered (none yet: identifiers, which the catalogue tests
/// keep from being shown).
pub fn use_words() -> Words {
    use_context::<Words>().unwrap_or_default()
}

/// `id` in the page's language.
pub fn t(id: &str) -> String {
    use_words().t(id)
}

/// `message` in the page's language.
pub fn say(message: &Message) -> String {
    use_words().say(message)
}

/// The words as JSON inside `<script type="application/json">`, for a script to read. `<`,
/// `>` and `&` are written as JSON escapes, so no text can end the element early.
#[component]
pub fn WordsScript(words: Words, id: &'static str) -> impl IntoView {
    let json = serde_json_escaped(&words);
    view! { <script type="application/json" id=id inner_html=json></script> }
}

#[cfg(feature = "ssr")]
fn serde_json_escaped(words: &Words) -> String {
    serde_json::to_string(words)
        .unwrap_or_else(|_| "{}".to_owned())
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(not(feature = "ssr"))]
fn serde_json_escaped(_: &Words) -> String {
    String::new()
}

/// Links to the page in each shipped language, each named in its own language. A plain
/// link (`?lang=`, the page's other query parameters kept) that loads the page anew, with
/// or without JavaScript; the server remembers the pick in a cookie.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let words = use_words();
    let current = words.lang.clone();
    let label = words.t("language-switch");
    let search = leptos_router::hooks::use_location().search.get_untracked();
    let kept: String = search
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| !pair.is_empty() && !pair.starts_with("lang="))
        .map(|pair| format!("{pair}&"))
        .collect();
    view! {
        <nav class="language-switch" aria-label=label>
            <ul>
                {words.languages.into_iter().map(|(tag, name)| {
                    let here = tag == current;
                    view! {
                        <li>
                            <a href=format!("?{kept}lang={tag}") rel="external" hreflang=tag.clone()
                                lang=tag.clone()
                                aria-current=here.then_some("true")>{name}</a>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </nav>
    }
}

/// The element carrying the hydrated app's words (see `app::shell`).
pub const APP_WORDS: &str = "app-words";

/// The hydrated app's words, read back from the page the server rendered, so the browser
/// says exactly what the server did. Read with the browser's own JSON parser: decoding them
/// with serde would add its code for them to the app's WASM.
#[cfg(feature = "hydrate")]
pub fn words_from_page() -> Option<Words> {
    use js_sys::{Array, JSON, Object, Reflect};
    use wasm_bindgen::JsCast;

    let text = document().get_element_by_id(APP_WORDS)?.text_content()?;
    let parsed = JSON::parse(&text).ok()?;
    let field = |name: &str| Reflect::get(&parsed, &name.into()).ok();
    let pair = |value: wasm_bindgen::JsValue| {
        let pair: Array = value.dyn_into().ok()?;
        Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
    };
    let texts: Object = field("texts")?.dyn_into().ok()?;
    Some(Words {
        lang: field("lang")?.as_string()?,
        dir: field("dir")?.as_string()?,
        texts: Object::entries(&texts).iter().filter_map(pair).collect(),
        languages: Array::from(&field("languages")?).iter().filter_map(pair).collect(),
    })
}
