//! A sentence for a person, as the catalogue's identifier and its arguments. The domain
//! says *what* to tell someone; the words are chosen where the language is known: by the
//! server's catalogue (`locales/*.ftl`), or, in the light pages' script, from the sentences
//! the server wrote into the page in its language.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One argument of a message: a number (which chooses plural forms) or a text. Tagged on
/// the wire (`{"Number":12}`): untagged, its decoding would add a tenth to the invite
/// pages' script.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Arg {
    Number(i64),
    Text(String),
}

/// A catalogue identifier with its named arguments, in the order given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub id: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<(String, Arg)>,
}

impl Message {
    pub fn new(id: &str) -> Self {
        Message { id: id.to_owned(), args: Vec::new() }
    }

    /// With a number argument (`{ $name }` in the catalogue; it also selects plural forms).
    /// Naming an argument again replaces it.
    pub fn number(self, name: &str, value: impl TryInto<i64>) -> Self {
        self.with(name, Arg::Number(value.try_into().unwrap_or(i64::MAX)))
    }

    /// With a text argument, such as a name or an address. Naming an argument again
    /// replaces it.
    pub fn text(self, name: &str, value: impl Into<String>) -> Self {
        self.with(name, Arg::Text(value.into()))
    }

    fn with(mut self, name: &str, value: Arg) -> Self {
        self.args.retain(|(n, _)| n != name);
        self.args.push((name.to_owned(), value));
        self
    }

    /// `sentence` (this message in some language, its arguments left open as `{name}`)
    /// with this message's arguments filled in.
    pub fn filled(&self, sentence: &str) -> String {
        self.args.iter().fold(sentence.to_owned(), |text, (name, value)| {
            let value = match value {
                Arg::Number(n) => n.to_string(),
                Arg::Text(text) => text.clone(),
            };
            text.replace(&format!("{{{name}}}"), &value)
        })
    }

    /// The argument called `name`.
    pub fn arg(&self, name: &str) -> Option<&Arg> {
        self.args.iter().find(|(n, _)| n == name).map(|(_, value)| value)
    }
}

/// Something that can be said to a person: an error, a refusal, a status.
pub trait Sentence {
    fn message(&self) -> Message;
}

impl Sentence for Message {
    fn message(&self) -> Message {
        self.clone()
    }
}

/// The words of one page in its language, written by the server: every sentence the page
/// (and its script) may show, by identifier, with text arguments left open as `{name}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Words {
    /// For `<html lang>`.
    pub lang: String,
    /// `ltr` or `rtl`, for `<html dir>`.
    pub dir: String,
    pub texts: BTreeMap<String, String>,
    /// Every shipped language as (tag, its own name for itself), for the language switch.
    #[serde(default)]
    pub languages: Vec<(String, String)>,
    /// The messages whose words depend on a number the page knows only as it runs ("Send 3
    /// invitations"), by identifier.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub counted: BTreeMap<String, Counted>,
}

/// A message's forms by plural category: one sentence per CLDR plural category (`one`,
/// `few`, `other`…) of the language they are written in, arguments left open, the number's
/// too.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counted {
    /// The language of the forms, whose plural rules choose among them: the page's, or
    /// English for the words of the dashboard, which speaks only English for now.
    pub lang: String,
    /// The argument whose number chooses the form.
    pub count: String,
    pub forms: BTreeMap<String, String>,
}

impl Words {
    /// The sentence `id`; the identifier itself when the page wasn't given it (the
    /// catalogue tests keep that from happening).
    pub fn t(&self, id: &str) -> String {
        self.texts.get(id).cloned().unwrap_or_else(|| id.to_owned())
    }

    /// `message` in these words, its arguments filled in.
    pub fn say(&self, message: &Message) -> String {
        message.filled(&self.t(&message.id))
    }

    /// `message` in these words, its arguments filled in; when it is one of the `counted`,
    /// in the form for its number: `category` gives a number's CLDR plural category in a
    /// language (the browser's `Intl.PluralRules` knows it, as does the server). `other`
    /// when the language has no such form.
    pub fn say_counting(
        &self,
        message: &Message,
        category: impl Fn(&str, i64) -> String,
    ) -> String {
        let Some(counted) = self.counted.get(&message.id) else { return self.say(message) };
        let n = match message.arg(&counted.count) {
            Some(Arg::Number(n)) => *n,
            _ => return self.say(message),
        };
        let forms = &counted.forms;
        match forms.get(&category(&counted.lang, n)).or_else(|| forms.get("other")) {
            Some(sentence) => message.filled(sentence),
            None => message.id.clone(),
        }
    }
}

/// Display for errors that are said through the catalogue: their identifier, for logs and
/// for serde's error chain. People never read it; pages and emails translate `message()`.
#[macro_export]
macro_rules! displayed_by_identifier {
    ($($error:ty),* $(,)?) => {$(
        impl std::fmt::Display for $error {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&$crate::message::Sentence::message(self).id)
            }
        }
        impl std::error::Error for $error {}
    )*};
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_keep_their_names_and_kinds() {
        let m = Message::new("password-too-short").number("min", 12usize).text("who", "Sam");
        assert_eq!(m.arg("min"), Some(&Arg::Number(12)));
        assert_eq!(m.arg("who"), Some(&Arg::Text("Sam".into())));
        assert_eq!(m.arg("nope"), None);
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(serde_json::from_str::<Message>(&json).unwrap(), m);
    }

    #[test]
    fn naming_an_argument_again_replaces_it() {
        let m = Message::new("password-progress").text("count", "").text("count", "5");
        assert_eq!(m.args, [("count".to_owned(), Arg::Text("5".into()))]);
    }

    #[test]
    fn open_placeholders_are_filled() {
        let sam = Message::new("username-available").text("name", "sam").number("n", 3);
        assert_eq!(sam.filled("{name} is available."), "sam is available.");
        assert_eq!(sam.filled("متاح: {name}"), "متاح: sam");
        assert_eq!(sam.filled("{n} of {n}"), "3 of 3");
        assert_eq!(sam.filled("no placeholder"), "no placeholder");
    }
}
