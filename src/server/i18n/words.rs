//! Every page's words, written once per language when the process starts: a page's words
//! depend only on its language and the settings, so no request formats them again.

use super::{DASHBOARD, Tr};
use crate::domain::{PasswordPolicy, Words, invite_page};

pub struct PageWords {
    /// By language, in the catalogue's order: the invite pages' (no dashboard messages)
    /// and the hydrated app's.
    invite: Vec<(&'static str, Words)>,
    app: Vec<(&'static str, Words)>,
}

impl PageWords {
    pub fn new(policy: &PasswordPolicy) -> Self {
        let numbered = invite_page::numbered(policy);
        let each = |without: &[&str]| -> Vec<(&'static str, Words)> {
            Tr::all().map(|tr| (tr.tag(), tr.words(&numbered, without))).collect()
        };
        PageWords { invite: each(DASHBOARD), app: each(&[]) }
    }

    /// The words of an invite page in `tr`'s language.
    pub fn invite(&self, tr: Tr) -> Words {
        pick(&self.invite, tr)
    }

    /// The words of the hydrated app's pages in `tr`'s language.
    pub fn app(&self, tr: Tr) -> Words {
        pick(&self.app, tr)
    }
}

fn pick(all: &[(&'static str, Words)], tr: Tr) -> Words {
    all.iter().find(|(tag, _)| *tag == tr.tag()).map(|(_, words)| words.clone()).unwrap_or_default()
}
