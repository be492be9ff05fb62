//! The catalogues agree: the same messages, with the same arguments, in every language; and
//! every identifier the code names is in them.

use std::collections::BTreeSet;

use super::variables::variables;
use super::{SHIPPED, Tr};
use crate::domain::{Message, Role};

#[test]
fn every_language_has_every_message_with_the_same_arguments() {
    for (tag, source) in SHIPPED {
        if let Err((_, errors)) = fluent_syntax::parser::parse(*source) {
            panic!("locales/{tag}.ftl: {errors:?}");
        }
    }
    let english = variables(SHIPPED[0].1);
    assert!(english.len() > 100, "English is the full catalogue");
    // The dashboard speaks English for now: a language may lack its messages.
    let dashboard = |id: &&String| super::DASHBOARD.iter().any(|prefix| id.starts_with(prefix));
    for (tag, source) in SHIPPED {
        let theirs = variables(source);
        let missing: Vec<_> =
            english.keys().filter(|id| !theirs.contains_key(*id) && !dashboard(id)).collect();
        let extra: Vec<_> = theirs.keys().filter(|id| !english.contains_key(*id)).collect();
        assert!(missing.is_empty(), "{tag} lacks {missing:?}");
        assert!(extra.is_empty(), "{tag} has messages English lacks: {extra:?}");
        for (id, names) in english.iter().filter(|(id, _)| theirs.contains_key(*id)) {
            assert_eq!(&theirs[id], names, "{tag}: {id} takes other arguments than in English");
        }
    }
}

#[test]
fn each_language_loads_with_its_name_direction_and_dates() {
    let tags: Vec<_> = Tr::all().map(Tr::tag).collect();
    assert_eq!(tags, ["en", "es", "fr", "ar"]);
    for tr in Tr::all() {
        assert_ne!(tr.name(), tr.tag(), "{} names itself", tr.tag());
        assert_eq!(tr.dir(), if tr.tag() == "ar" { "rtl" } else { "ltr" });
    }
    assert_eq!(Tr::parse("es-MX").map(Tr::tag), Some("es"));
    assert_eq!(Tr::parse("de"), None);
}

/// Identifiers named in the code as literals: `Message::new("…")` and `.t("…")`.
fn identifiers_in_code() -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let roots =
        ["src", "crates/domain/src", "crates/light-pages/src", "crates/passkey-browser/src"];
    let mut stack: Vec<std::path::PathBuf> =
        roots.iter().map(|r| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(r)).collect();
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            stack.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for opener in ["Message::new(\"", "t(\""] {
            for (at, _) in text.match_indices(opener) {
                // `t("…")` alone, not the end of another name (`get("content-type")`).
                let before = text[..at].chars().next_back().unwrap_or(' ');
                if opener == "t(\"" && (before.is_alphanumeric() || before == '_') {
                    continue;
                }
                let rest = &text[at + opener.len()..];
                let id: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                    .collect();
                if rest[id.len()..].starts_with('"') && id.contains('-') {
                    found.insert(id);
                }
            }
        }
    }
    found
}

#[test]
fn every_identifier_the_code_names_is_in_the_catalogue() {
    let english = variables(SHIPPED[0].1);
    let named = identifiers_in_code();
    assert!(named.len() > 50, "the scan finds the code's messages: {named:?}");
    let unknown: Vec<_> = named.iter().filter(|id| !english.contains_key(*id)).collect();
    assert!(unknown.is_empty(), "not in locales/en.ftl: {unknown:?}");
    for role in [Role::Teacher, Role::AdminStaff, Role::SuperAdmin] {
        assert!(english.contains_key(&role.message().id), "{role:?}");
    }
}

#[test]
fn every_message_formats_in_every_language_without_an_error() {
    for (tag, source) in SHIPPED {
        let tr = Tr::parse(tag).unwrap();
        for (id, names) in variables(source) {
            let message = names.iter().fold(Message::new(&id), |m, name| match name.as_str() {
                "role" => m.text(name, "teacher"),
                "n" | "min" | "max" => m.number(name, 3),
                _ => m.text(name, "X"),
            });
            let text = tr.say(&message);
            assert!(!text.is_empty() && !text.contains(&id), "{tag}: {id} gave {text:?}");
        }
    }
}

/// A page that knows a number only as it runs says a counted message with the form for
/// that number's plural category (`Words::say_counted`): for every number, in every
/// language, exactly what Fluent says with the whole catalogue.
#[test]
fn a_pages_counted_forms_say_what_fluent_says() {
    let mut checked = 0;
    for (tag, source) in SHIPPED {
        let tr = Tr::parse(tag).unwrap();
        let words = tr.words(&[], &[]);
        let (selectors, names) = (super::variables::counted(source), variables(source));
        for (id, counted) in &words.counted {
            assert_eq!(counted.lang, *tag);
            assert!(counted.forms.contains_key("other"), "{tag}: {id} has no `other` form");
            for n in (0..=300).chain([1000, 1001, 100_000, 1_000_000]) {
                // The counted number, and a name for every other argument.
                let message = names[id].iter().fold(Message::new(id), |m, name| {
                    if *name == selectors[id] { m.number(name, n) } else { m.text(name, "Sam") }
                });
                let category = |lang: &str, n| super::plural_category(lang, n).to_owned();
                assert_eq!(
                    words.say_counting(&message, category),
                    tr.say(&message),
                    "{tag}: {id}, {n}"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 1000, "the counted messages are checked: {checked}");
}

#[test]
fn arabic_chooses_among_its_plural_forms() {
    let ar = Tr::parse("ar").unwrap();
    let hours = |n: i64| ar.say(&Message::new("time-hours").number("n", n));
    assert_eq!(hours(1), "ساعة واحدة");
    assert_eq!(hours(2), "ساعتان");
    assert!(hours(5).ends_with("ساعات"), "few: {}", hours(5));
    assert!(hours(24).ends_with("ساعة"), "many: {}", hours(24));
    let en = Tr::english();
    assert_eq!(en.say(&Message::new("time-hours").number("n", 1)), "1 hour");
    assert_eq!(en.say(&Message::new("time-hours").number("n", 24)), "24 hours");
}

#[test]
fn arguments_left_open_are_filled_by_the_page() {
    let message = Message::new("username-available");
    let open = Tr::english().open(message, &["name"]);
    let words = Tr::english().words(&[], super::DASHBOARD);
    assert!(
        words.texts.contains_key("setup-title") && !words.texts.contains_key("invite-not-found")
    );
    assert!(!words.texts.contains_key("mail-hello"), "emails' words stay on the server");
    let sam = Message::new("username-available").text("name", "sam");
    assert_eq!(sam.filled(&open), "sam is available.");
    let arabic = Tr::parse("ar").unwrap().open(Message::new("username-available"), &["name"]);
    assert!(sam.filled(&arabic).contains("sam"));
}

#[test]
fn dates_are_written_as_each_language_writes_them() {
    use crate::server::school::SchoolZone;
    // 2026-11-24T21:30:00Z
    let at = crate::domain::Timestamp(1_795_555_800_000);
    let zone = SchoolZone::utc();
    let said = |tag| zone.wording_in(at, Tr::parse(tag).unwrap());
    assert_eq!(said("en"), "Tuesday, 24 November 2026 at 21:30 UTC");
    assert!(said("es").contains("martes") && said("es").contains("noviembre"), "{}", said("es"));
    assert!(said("fr").contains("mardi 24 novembre 2026"), "{}", said("fr"));
    assert!(said("ar").contains("نوفمبر") || said("ar").contains("تشرين"), "{}", said("ar"));
    // Each from the shipped data (`shipped_icu_data`), never the bare fallback form a
    // language whose date locale is missing from it would get.
    for tr in Tr::all() {
        let said = zone.wording_in(at, tr);
        assert!(!said.starts_with("2026-11-24"), "{}: no date data ({said})", tr.tag());
    }
}

/// The sentence for a bad local part lists the characters that are accepted, in every
/// language: each accepted one is in it, and one that is in none of its words is refused.
#[test]
fn the_local_part_sentence_lists_what_is_accepted() {
    use crate::domain::Email;
    for tr in Tr::all() {
        let sentence = tr.t("email-bad-local-part");
        for c in (' '..='~').filter(|c| !c.is_ascii_alphanumeric()) {
            let accepted = Email::parse(&format!("a{c}b@school.org")).is_ok();
            if accepted {
                assert!(
                    sentence.contains(&format!(" {c}")),
                    "{}: {c:?} is accepted but not listed",
                    tr.tag()
                );
            } else if !sentence.contains(c) {
                continue;
            }
        }
        for c in (' '..='~').filter(|c| !c.is_ascii_alphanumeric() && !sentence.contains(*c)) {
            assert!(Email::parse(&format!("a{c}b@school.org")).is_err(), "{}: {c:?}", tr.tag());
        }
    }
}

/// A message that chooses among variants can't be filled in by a page from its open
/// sentence: each is written whole for the page (its numbers are the page's limits), sent
/// as one sentence per plural form (it chooses by a number's plural category only), or only
/// ever said by the server. A new one must be one of those.
#[test]
fn every_message_that_chooses_is_written_whole_or_said_by_the_server() {
    use crate::domain::{PasswordPolicy, invite_page};
    // Said only through `Tr::say`, with every argument: the invite page's lead line
    // (`api::setup::invited`) and the Super-Admin's refusals (`api::guard::refuse_in`).
    const SAID_BY_THE_SERVER: &[&str] = &[
        "setup-invited",
        "setup-invited-by",
        "invite-resend-limit",
        "invite-cannot-resend",
        "invite-cannot-revoke",
        "invite-cannot-correct",
    ];
    let numbered: Vec<String> =
        invite_page::numbered(&PasswordPolicy::default()).into_iter().map(|m| m.id).collect();
    for (tag, source) in SHIPPED {
        let counted = super::variables::counted(source);
        for id in super::variables::selective(source) {
            let server_only = super::NOT_FOR_PAGES.iter().any(|prefix| id.starts_with(prefix));
            assert!(
                server_only
                    || numbered.contains(&id)
                    || SAID_BY_THE_SERVER.contains(&id.as_str())
                    || counted.contains_key(&id),
                "{tag}: {id} chooses among variants, but a page would fill it in open"
            );
        }
    }
}

/// The dashboard speaks English inside pages in other languages: its counted messages keep
/// English's plural rules there. (French puts 0 with 1: "Send 0 invitations" would otherwise
/// read "Send 1 invitation".)
#[test]
fn the_dashboards_counted_messages_follow_english_in_every_page() {
    let words = super::words::PageWords::new(&crate::domain::PasswordPolicy::default());
    for tr in Tr::all() {
        let app = words.app(tr);
        let send = |n: i64| {
            let message = Message::new("bulk-send").number("count", n);
            app.say_counting(&message, |lang, n| super::plural_category(lang, n).to_owned())
        };
        assert_eq!(send(0), "Send 0 invitations", "{}", tr.tag());
        assert_eq!(send(1), "Send 1 invitation", "{}", tr.tag());
        assert_eq!(send(2), "Send 2 invitations", "{}", tr.tag());
        // The invite pages' numbers are the server's (`invite_page::numbered`): they carry
        // no counted forms, nor their weight.
        assert!(words.light(tr).counted.is_empty(), "{}", tr.tag());
    }
}

#[test]
fn relative_times_read_naturally() {
    let now = crate::domain::Timestamp(1_000_000_000_000);
    let at = |seconds: i64| crate::domain::Timestamp(now.0 + seconds * 1000);
    let en = Tr::english();
    assert_eq!(en.relative(at(24 * 3600), now), "in 24 hours");
    assert_eq!(en.relative(at(5 * 3600), now), "in 5 hours");
    assert_eq!(en.relative(at(90), now), "in 1 minute");
    assert_eq!(en.relative(at(30), now), "in under a minute");
    assert_eq!(en.relative(at(-2 * 86_400), now), "2 days ago");
    assert_eq!(en.relative(at(-10), now), "just now");
    // A page writes them with its words as the server does: the dashboard's, in English.
    let words = super::words::PageWords::new(&crate::domain::PasswordPolicy::default());
    for tr in Tr::all() {
        let app = words.app(tr);
        for seconds in [-3 * 86_400, -7200, -3600, -90, -10, 30, 60, 3600, 5 * 3600, 86_400] {
            let page = at(seconds).relative(now, |m| {
                app.say_counting(m, |lang, n| super::plural_category(lang, n).to_owned())
            });
            assert_eq!(page, en.relative(at(seconds), now), "{}: {seconds}", tr.tag());
        }
        assert!(words.light(tr).texts.keys().all(|id| !id.starts_with("time-")));
    }
}
