//! A page's words: the sentences the server wrote for it in its language (`domain::Words`),
//! given to its components as context, to its script as JSON, and the switch that picks
//! another language.

use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::{Message, Words};

/// The words of the page being rendered (none yet: identifiers, which the catalogue tests
/// keep from being shown). On the server, each request's (its context); in the browser, the
/// page's, read once (`words_from_page`): they stay the same for the page's life, and work
/// after an `.await` too, where a task has no reactive owner to find a context from.
pub fn use_words() -> Arc<Words> {
    #[cfg(feature = "hydrate")]
    if let Some(words) = BROWSER_WORDS.with(|words| words.borrow().clone()) {
        return words;
    }
    use_context::<Arc<Words>>().unwrap_or_default()
}

/// The words a page is rendered with, for its components (see `use_words`).
pub fn provide_words(words: Words) {
    let words = Arc::new(words);
    #[cfg(feature = "hydrate")]
    BROWSER_WORDS.with(|page| *page.borrow_mut() = Some(words.clone()));
    provide_context(words);
}

#[cfg(feature = "hydrate")]
thread_local! {
    static BROWSER_WORDS: std::cell::RefCell<Option<Arc<Words>>> =
        const { std::cell::RefCell::new(None) };
}

/// `id` in the page's language.
pub fn t(id: &str) -> String {
    use_words().t(id)
}

/// `message` in the page's language (a counted one in the form for its number).
pub fn say(message: &Message) -> String {
    use_words().say_counting(message, plural_category)
}

/// How far `at` is from `now`, in the page's words: "in 5 hours", "2 days ago".
pub fn relative(at: crate::domain::Timestamp, now: crate::domain::Timestamp) -> String {
    let words = use_words();
    at.relative(now, |message| words.say_counting(message, plural_category))
}

/// The CLDR plural category of `n` in `lang`: the browser's own rules (`Intl.PluralRules`),
/// which cost the app no data.
#[cfg(feature = "hydrate")]
fn plural_category(lang: &str, n: i64) -> String {
    let locales = js_sys::Array::of1(&lang.into());
    js_sys::Intl::PluralRules::new(&locales, &js_sys::Object::new()).select(n as f64).into()
}

/// The same on the server, from CLDR's rules as Fluent has them.
#[cfg(feature = "ssr")]
fn plural_category(lang: &str, n: i64) -> String {
    crate::server::i18n::plural_category(lang, n).to_owned()
}

#[cfg(not(any(feature = "hydrate", feature = "ssr")))]
fn plural_category(_: &str, _: i64) -> String {
    "other".to_owned()
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
    let languages = words.languages.clone();
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
                {languages.into_iter().map(|(tag, name)| {
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
        counted: field("counted")
            .and_then(|counted| counted.dyn_into::<Object>().ok())
            .map(|counted| {
                Object::entries(&counted)
                    .iter()
                    .filter_map(|entry| {
                        let entry: Array = entry.dyn_into().ok()?;
                        let counted = entry.get(1);
                        let text =
                            |name: &str| Reflect::get(&counted, &name.into()).ok()?.as_string();
                        let (lang, count) = (text("lang")?, text("count")?);
                        let forms: Object =
                            Reflect::get(&counted, &"forms".into()).ok()?.dyn_into().ok()?;
                        let forms = Object::entries(&forms).iter().filter_map(pair).collect();
                        Some((entry.get(0).as_string()?, domain::Counted { lang, count, forms }))
                    })
                    .collect()
            })
            .unwrap_or_default(),
    })
}
