//! Every page's words, written once per language when the process starts: a page's words
//! depend only on its language and the settings, so no request formats them again.

use super::{AFTER_SETUP, DASHBOARD, RELATIVE_TIMES, Tr};
use crate::domain::{PasswordPolicy, Words, invite_page};

pub struct PageWords {
    /// By language, in the catalogue's order: the light pages' scripts' (none of the
    /// dashboard's or the later pages': the pages after setup render theirs on the server, and
    /// their script says only what the invite pages' says) and the hydrated app's (the
    /// dashboard's in English).
    light: Vec<(&'static str, Words)>,
    app: Vec<(&'static str, Words)>,
}

impl PageWords {
    pub fn new(policy: &PasswordPolicy) -> Self {
        let numbered = invite_page::numbered(policy);
        let dashboards: Vec<&str> = DASHBOARD.iter().chain(RELATIVE_TIMES).copied().collect();
        let invite_pages: Vec<&str> = dashboards.iter().chain(AFTER_SETUP).copied().collect();
        let light = Tr::all().map(|tr| (tr.tag(), tr.words(&numbered, &invite_pages))).collect();
        let mut dashboard = Tr::english().words(&numbered, &[]);
        let of_dashboard = |id: &String| dashboards.iter().any(|prefix| id.starts_with(prefix));
        dashboard.texts.retain(|id, _| of_dashboard(id));
        dashboard.counted.retain(|id, _| of_dashboard(id));
        let app = Tr::all()
            .map(|tr| {
                let mut words = tr.words(&numbered, &dashboards);
                words.texts.extend(dashboard.texts.clone());
                words.counted.extend(dashboard.counted.clone());
                (tr.tag(), words)
            })
            .collect();
        PageWords { light, app }
    }

    /// The words of a light page's script in `tr`'s language: an invite page's, or a sign-in,
    /// recovery or account page's.
    pub fn light(&self, tr: Tr) -> Words {
        pick(&self.light, tr)
    }

    /// The words the server renders every page but the invite pages with, and the hydrated
    /// dashboard's, in `tr`'s language.
    pub fn app(&self, tr: Tr) -> Words {
        pick(&self.app, tr)
    }
}

fn pick(all: &[(&'static str, Words)], tr: Tr) -> Words {
    all.iter().find(|(tag, _)| *tag == tr.tag()).map(|(_, words)| words.clone()).unwrap_or_default()
}
