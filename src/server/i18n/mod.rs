//! Every sentence people read, in their language: the catalogues under `locales/` (Fluent,
//! with CLDR's plural rules), and who gets which language (`choice`). To ship another
//! language, add `locales/<tag>.ftl` with every message of `en.ftl` and one line to
//! `SHIPPED`; the tests then hold it to the same messages and arguments as English.

pub mod choice;
pub mod dates;
mod variables;
pub mod words;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use fluent_bundle::{FluentArgs, FluentResource, FluentValue, concurrent::FluentBundle};

use crate::domain::{Arg, Counted, Language, Message, Timestamp, Words};

/// The shipped languages, English (the source) first: one line each.
const SHIPPED: &[(&str, &str)] = &[
    ("en", include_str!("../../../locales/en.ftl")),
    ("es", include_str!("../../../locales/es.ftl")),
    ("fr", include_str!("../../../locales/fr.ftl")),
    ("ar", include_str!("../../../locales/ar.ftl")),
];

/// One shipped language: its tag, its catalogue, and its name and direction (both from the
/// catalogue itself, `language-name` and `language-direction`).
pub struct Shipped {
    tag: Language,
    bundle: FluentBundle<FluentResource>,
    rtl: bool,
    name: String,
    /// Each message's variables.
    variables: BTreeMap<String, BTreeSet<String>>,
    /// The messages that choose among variants.
    selective: BTreeSet<String>,
    /// The messages that choose by a number's plural form, with that number's variable.
    counted: BTreeMap<String, String>,
    /// The catalogue again, with every filled-in value marked (Unicode isolates), so that
    /// a page's forms of a counted message can be cut from it (`Tr::counted_forms`).
    marked: FluentBundle<FluentResource>,
    /// CLDR's cardinal plural rules for the language, as Fluent chooses forms with them.
    plurals: Option<intl_pluralrules::PluralRules>,
}

/// A language to speak in: a handle on one shipped catalogue, cheap to copy.
#[derive(Clone, Copy)]
pub struct Tr(&'static Shipped);

fn catalogue() -> &'static [Shipped] {
    static CATALOGUE: OnceLock<Vec<Shipped>> = OnceLock::new();
    CATALOGUE.get_or_init(|| SHIPPED.iter().map(|(tag, source)| load(tag, source)).collect())
}

/// Parses one catalogue. The files are part of the binary and checked by the tests, so a
/// broken one is a build that never passed them; it is logged, and its messages fall back
/// to English rather than stop the server.
fn load(tag: &str, source: &str) -> Shipped {
    let bundle = |log: bool| {
        let resource =
            FluentResource::try_new(source.to_owned()).unwrap_or_else(|(partial, errors)| {
                if log {
                    tracing::error!(language = tag, ?errors, "the catalogue has syntax errors");
                }
                partial
            });
        let id: unic_langid::LanguageIdentifier =
            tag.parse().unwrap_or_else(|_| unic_langid::LanguageIdentifier::default());
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        if let Err(errors) = bundle.add_resource(resource)
            && log
        {
            tracing::error!(language = tag, ?errors, "the catalogue repeats a message");
        }
        bundle
    };
    let mut marked = bundle(false);
    marked.set_use_isolating(true);
    let mut shipped = Shipped {
        tag: Language::parse(tag).unwrap_or_else(|| Language::parse("en").expect("en is a tag")),
        rtl: false,
        name: tag.to_owned(),
        variables: variables::variables(source),
        selective: variables::selective(source),
        counted: variables::counted(source),
        marked,
        plurals: tag.parse::<unic_langid::LanguageIdentifier>().ok().and_then(|id| {
            intl_pluralrules::PluralRules::create(id, intl_pluralrules::PluralRuleType::CARDINAL)
                .ok()
        }),
        bundle: bundle(true),
    };
    shipped.rtl = format_in(&shipped, "language-direction", None).as_deref() == Some("rtl");
    // Marks around filled-in names keep an English name or address from reordering the
    // words of a right-to-left sentence; left-to-right text needs none.
    shipped.bundle.set_use_isolating(shipped.rtl);
    shipped.name = format_in(&shipped, "language-name", None).unwrap_or_else(|| tag.to_owned());
    shipped
}

fn format_in(shipped: &Shipped, id: &str, args: Option<&FluentArgs>) -> Option<String> {
    format_with(&shipped.bundle, shipped, id, args)
}

fn format_with(
    bundle: &FluentBundle<FluentResource>,
    shipped: &Shipped,
    id: &str,
    args: Option<&FluentArgs>,
) -> Option<String> {
    let pattern = bundle.get_message(id)?.value()?;
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args, &mut errors).into_owned();
    if !errors.is_empty() {
        tracing::error!(language = %shipped.tag, id, ?errors, "a message could not be formatted");
    }
    Some(text)
}

fn fluent_args(message: &Message) -> FluentArgs<'static> {
    let mut args = FluentArgs::new();
    for (name, value) in &message.args {
        let value = match value {
            Arg::Number(n) => FluentValue::from(*n),
            Arg::Text(text) => FluentValue::from(text.clone()),
        };
        args.set(name.clone(), value);
    }
    args
}

impl Tr {
    /// English, the source language and the last fallback.
    pub fn english() -> Tr {
        Tr(&catalogue()[0])
    }

    /// Every shipped language, English first.
    pub fn all() -> impl Iterator<Item = Tr> {
        catalogue().iter().map(Tr)
    }

    /// The shipped language for `tag`: the same tag, or the same primary language
    /// (`es-MX` is Spanish).
    pub fn find(tag: &Language) -> Option<Tr> {
        let all = catalogue();
        all.iter()
            .find(|s| s.tag == *tag)
            .or_else(|| all.iter().find(|s| s.tag.primary() == tag.primary()))
            .map(Tr)
    }

    /// `find` for text that may not even be a tag.
    pub fn parse(raw: &str) -> Option<Tr> {
        Language::parse(raw).as_ref().and_then(Tr::find)
    }

    pub fn language(self) -> &'static Language {
        &self.0.tag
    }

    /// For `<html lang>` and `Content-Language`.
    pub fn tag(self) -> &'static str {
        self.0.tag.as_str()
    }

    /// For `<html dir>`.
    pub fn dir(self) -> &'static str {
        if self.0.rtl { "rtl" } else { "ltr" }
    }

    /// The language's own name for itself, as the switch lists it.
    pub fn name(self) -> &'static str {
        &self.0.name
    }

    /// The words of `message` in this language. A message missing here is said in English,
    /// and one missing everywhere is logged and shown as its identifier (the tests make sure
    /// neither happens in a shipped build).
    pub fn say(self, message: &Message) -> String {
        let args = fluent_args(message);
        let args = (!message.args.is_empty()).then_some(&args);
        format_in(self.0, &message.id, args)
            .or_else(|| {
                tracing::error!(language = self.tag(), id = %message.id, "message missing");
                format_in(Tr::english().0, &message.id, args)
            })
            .unwrap_or_else(|| message.id.clone())
    }

    /// A message without arguments.
    pub fn t(self, id: &str) -> String {
        self.say(&Message::new(id))
    }

    /// A message with some arguments left open as `{name}`, for a page's script to fill
    /// (`Message::filled`).
    pub fn open(self, message: Message, open: &[&str]) -> String {
        let message =
            open.iter().fold(message, |message, name| message.text(name, format!("{{{name}}}")));
        self.say(&message)
    }
}

impl Tr {
    /// How far `at` is from `now`: "in 24 hours", "hace 5 minutos", "بعد 24 ساعة".
    pub fn relative(self, at: Timestamp, now: Timestamp) -> String {
        at.relative(now, |message| self.say(message))
    }
}

/// The CLDR plural category (`one`, `few`, `other`…) of `n` in the shipped language tagged
/// `lang`, by the rules Fluent chooses plural forms with (made once, with the catalogue);
/// `other` for any other tag.
pub fn plural_category(lang: &str, n: i64) -> &'static str {
    use intl_pluralrules::PluralCategory;
    let rules = catalogue().iter().find(|shipped| shipped.tag.as_str() == lang);
    let Some(rules) = rules.and_then(|shipped| shipped.plurals.as_ref()) else { return "other" };
    match rules.select(n) {
        Ok(PluralCategory::ZERO) => "zero",
        Ok(PluralCategory::ONE) => "one",
        Ok(PluralCategory::TWO) => "two",
        Ok(PluralCategory::FEW) => "few",
        Ok(PluralCategory::MANY) => "many",
        Ok(PluralCategory::OTHER) | Err(_) => "other",
    }
}

impl Tr {
    /// The forms of the counted message `id` for a page (`Words::counted`): one sentence
    /// per plural category of this language, cut from what Fluent writes for the first
    /// number in that category, with that number and the text arguments left open. In
    /// right-to-left languages the open arguments keep the marks around them that Fluent
    /// puts around every filled-in value.
    fn counted_forms(self, id: &str, count: &str, names: &[&str]) -> BTreeMap<String, String> {
        let mut forms = BTreeMap::new();
        for n in 0..=1000_i64 {
            let category = plural_category(self.tag(), n);
            if forms.contains_key(category) {
                continue;
            }
            let mut args = FluentArgs::new();
            args.set(count.to_owned(), n);
            for name in names.iter().filter(|name| **name != count) {
                args.set((*name).to_owned(), format!("{{{name}}}"));
            }
            let Some(marked) = format_with(&self.0.marked, self.0, id, Some(&args)) else {
                continue;
            };
            let open = marked
                .replace(&format!("\u{2068}{n}\u{2069}"), &format!("\u{2068}{{{count}}}\u{2069}"));
            let open = if self.0.rtl { open } else { open.replace(['\u{2068}', '\u{2069}'], "") };
            forms.insert(category.to_owned(), open);
        }
        forms
    }
}

/// `why` in English: for the pages that speak only English so far (sign-in, account,
/// recovery), whose refusals are still sentences made on the server.
pub fn english(why: &(impl crate::domain::Sentence + ?Sized)) -> String {
    Tr::english().say(&why.message())
}

/// Messages that only emails and the server's own wording use: pages are never sent them.
const NOT_FOR_PAGES: &[&str] = &["mail-", "dates-"];

/// Relative times ("in 5 hours"), which only the dashboard shows on a page: in English with
/// it (`words::PageWords`), and not sent to the invite pages.
pub const RELATIVE_TIMES: &[&str] = &["time-"];

/// The messages of the Super-Admin's dashboard, which the invitee's pages never show. The
/// dashboard speaks English for now: its pages get these in English whatever the language.
pub const DASHBOARD: &[&str] = &["invite-", "bulk-", "actor-", "staff-", "admin-", "mailbox-"];

/// The messages of the pages after setup (signing in, getting back in, the account), which
/// the invite pages never show: left out of theirs, which a phone loads first.
pub const AFTER_SETUP: &[&str] = &["page-", "sign-in-", "recovery-", "account-", "school-"];

impl Tr {
    /// The words of a page in this language: every message a page may show, its text
    /// arguments left open for the page to fill; `numbered` are the messages whose numbers
    /// the page can't supply (limits such as the password's length), written with them.
    /// A message that chooses among variants in this language is sent only written whole
    /// (in `numbered`): with its arguments open, it would always choose the default.
    /// Messages whose identifier starts with one of `without` are left out.
    pub fn words(self, numbered: &[Message], without: &[&str]) -> Words {
        let left_out =
            |id: &str| NOT_FOR_PAGES.iter().chain(without).any(|prefix| id.starts_with(prefix));
        let mut texts: BTreeMap<String, String> = self
            .0
            .variables
            .iter()
            .filter(|(id, _)| !left_out(id) && !self.0.selective.contains(*id))
            .map(|(id, names)| {
                let names: Vec<&str> = names.iter().map(String::as_str).collect();
                (id.clone(), self.open(Message::new(id), &names))
            })
            .collect();
        let counted = self
            .0
            .counted
            .iter()
            .filter(|(id, _)| !left_out(id) && !numbered.iter().any(|m| &&m.id == id))
            .map(|(id, count)| {
                let names: Vec<&str> = self
                    .0
                    .variables
                    .get(id)
                    .map(|names| names.iter().map(String::as_str).collect())
                    .unwrap_or_default();
                let forms = self.counted_forms(id, count, &names);
                let (lang, count) = (self.tag().to_owned(), count.clone());
                (id.clone(), Counted { lang, count, forms })
            })
            .collect();
        for message in numbered.iter().filter(|m| !left_out(&m.id)) {
            let open: Vec<&str> = message
                .args
                .iter()
                .filter(|(_, value)| matches!(value, Arg::Text(_)))
                .map(|(name, _)| name.as_str())
                .collect();
            let mut numbers = message.clone();
            numbers.args.retain(|(_, value)| matches!(value, Arg::Number(_)));
            texts.insert(message.id.clone(), self.open(numbers, &open));
        }
        let languages = Tr::all().map(|tr| (tr.tag().to_owned(), tr.name().to_owned())).collect();
        Words { lang: self.tag().to_owned(), dir: self.dir().to_owned(), texts, languages, counted }
    }
}

impl std::fmt::Debug for Tr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Tr({})", self.tag())
    }
}

impl PartialEq for Tr {
    fn eq(&self, other: &Tr) -> bool {
        self.tag() == other.tag()
    }
}

impl Eq for Tr {}

#[cfg(test)]
mod tests;
