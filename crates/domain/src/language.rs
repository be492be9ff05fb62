//! A language tag (BCP 47, such as `en`, `es`, `fr` or `ar`), as the invitation, the
//! account and the pages carry it. Which languages are shipped is the server's catalogue's
//! business (`server::i18n`); this only keeps the tag in its one spelling.

use serde::{Deserialize, Serialize};

/// A well-formed language tag in lower case: a primary language of 2–3 letters, optionally
/// followed by subtags of 1–8 letters or digits (`pt-br`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Language(String);

impl Language {
    pub fn parse(raw: &str) -> Option<Language> {
        let tag = raw.trim().replace('_', "-").to_ascii_lowercase();
        let mut parts = tag.split('-');
        let primary = parts.next()?;
        let primary_ok =
            (2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_lowercase());
        let rest_ok = parts.all(|part| {
            (1..=8).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_alphanumeric())
        });
        (primary_ok && rest_ok).then_some(Language(tag))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The primary language alone: `pt` for `pt-br`.
    pub fn primary(&self) -> &str {
        self.0.split('-').next().unwrap_or(&self.0)
    }
}

impl std::fmt::Display for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::Language;

    #[test]
    fn tags_are_kept_in_one_spelling() {
        assert_eq!(Language::parse("ES").unwrap().as_str(), "es");
        assert_eq!(Language::parse(" pt_BR ").unwrap().as_str(), "pt-br");
        assert_eq!(Language::parse("pt-BR").unwrap().primary(), "pt");
        for bad in ["", "e", "english", "e1", "en-", "en--us", "en-toolongsubtag", "ár", "*"] {
            assert_eq!(Language::parse(bad), None, "{bad:?}");
        }
    }
}
