//! Property tests for every domain parser: no input panics, and whatever parses obeys the
//! type's promises (and parses again to itself).

use proptest::prelude::*;
use staff_onboarding::domain::{
    Email, InvitationStatus, Lifecycle, Password, PasswordContext, PasswordPolicy, PersonName,
    PhoneNumber, Role, Timestamp, Username,
};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn email_parse_never_panics_and_is_idempotent(raw in any::<String>()) {
        if let Ok(email) = Email::parse(&raw) {
            prop_assert_eq!(Email::parse(email.as_str()), Ok(email.clone()));
            prop_assert!(!email.as_str().chars().any(char::is_whitespace));
            prop_assert!(email.as_str().len() <= 254);
            prop_assert_eq!(email.as_str().matches('@').count(), 1);
            prop_assert_eq!(email.key(), email.as_str().to_lowercase());
        }
    }

    #[test]
    fn plausible_emails_parse_and_keys_ignore_case(
        local in "[a-zA-Z0-9][a-zA-Z0-9_+-]{0,20}",
        domain in "[a-z0-9]{1,12}",
        tld in "[a-z]{2,6}",
        pad in " {0,3}",
    ) {
        let raw = format!("{pad}{local}@{domain}.{tld}{pad}");
        let email = Email::parse(&raw).unwrap();
        prop_assert_eq!(email.as_str(), raw.trim());
        prop_assert_eq!(Email::parse(&raw.to_uppercase()).unwrap().key(), email.key());
    }

    #[test]
    fn username_parse_keeps_its_promises(raw in any::<String>()) {
        if let Ok(name) = Username::parse(&raw) {
            let len = name.as_str().chars().count();
            prop_assert!((3..=32).contains(&len));
            prop_assert!(name.as_str().starts_with(|c: char| c.is_ascii_alphabetic()));
            prop_assert!(name.as_str().chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c)));
            prop_assert_eq!(Username::parse(name.as_str()), Ok(name.clone()));
        }
    }

    #[test]
    fn well_formed_usernames_parse(raw in "[a-zA-Z][a-zA-Z0-9._-]{2,31}") {
        match Username::parse(&raw) {
            Ok(name) => prop_assert_eq!(name.key(), raw.to_ascii_lowercase()),
            Err(e) => prop_assert_eq!(e, staff_onboarding::domain::UsernameError::Reserved),
        }
    }

    #[test]
    fn person_names_are_trimmed_without_control_characters(raw in any::<String>()) {
        if let Ok(name) = PersonName::parse(&raw) {
            prop_assert_eq!(name.as_str(), name.as_str().trim());
            prop_assert!(!name.as_str().is_empty());
            prop_assert!(name.as_str().chars().count() <= 100);
            prop_assert!(!name.as_str().chars().any(char::is_control));
        }
    }

    #[test]
    fn phone_numbers_come_out_in_e164(raw in any::<String>()) {
        if let Ok(phone) = PhoneNumber::parse(&raw) {
            let digits = &phone.as_str()[1..];
            prop_assert!(phone.as_str().starts_with('+'));
            prop_assert!((8..=15).contains(&digits.len()));
            prop_assert!(digits.chars().all(|c| c.is_ascii_digit()));
            prop_assert!(!digits.starts_with('0'));
            prop_assert_eq!(PhoneNumber::parse(phone.as_str()), Ok(phone.clone()));
        }
    }

    #[test]
    fn formatted_international_numbers_normalise(cc in "[1-9][0-9]{0,2}", rest in "[0-9]{7,10}", sep in "[ .-]") {
        let digits = format!("{cc}{rest}");
        prop_assume!(digits.len() <= 15);
        let (a, b) = rest.split_at(3);
        let raw = format!("+{cc}{sep}{a}{sep}{b}");
        let phone = PhoneNumber::parse(&raw).unwrap();
        prop_assert_eq!(phone.as_str(), format!("+{digits}"));
    }

    #[test]
    fn passwords_never_contain_the_username(raw in any::<String>(), username in "[a-z]{3,8}") {
        let context = PasswordContext { username: Some(&username), email_local_part: None };
        if let Ok(password) = Password::parse(&raw, &PasswordPolicy::default(), &context) {
            prop_assert!(password.expose().chars().count() >= 12);
            prop_assert!(password.expose().chars().count() <= 256);
            prop_assert!(!password.expose().to_lowercase().contains(&username));
        }
    }

    #[test]
    fn roles_round_trip(raw in any::<String>()) {
        if let Ok(role) = Role::parse(&raw) {
            prop_assert_eq!(Role::parse(role.as_str()), Ok(role));
            prop_assert_eq!(Role::parse(role.label()), Ok(role));
        }
    }

    #[test]
    fn an_open_invitation_is_pending_exactly_until_it_expires(expires in any::<i64>(), now in any::<i64>()) {
        let status = InvitationStatus::derive(Lifecycle::Open, Timestamp(expires), Timestamp(now));
        let expected = if now < expires { InvitationStatus::Pending } else { InvitationStatus::Expired };
        prop_assert_eq!(status, expected);
    }
}

/// Characters that change how text around them looks without being seen: bidi controls,
/// zero-width characters, the BOM; and those no font shows the same way for everyone:
/// unassigned and private-use code points.
fn invisible_or_unassigned() -> impl Strategy<Value = char> {
    prop_oneof![
        prop::sample::select(vec![
            '\u{202E}',
            '\u{202D}',
            '\u{202A}',
            '\u{2066}',
            '\u{2069}',
            '\u{200B}',
            '\u{200C}',
            '\u{200D}',
            '\u{200E}',
            '\u{200F}',
            '\u{2060}',
            '\u{FEFF}',
            '\u{00AD}',
            '\u{061C}',
            '\u{180E}',
            '\u{E0001}',
            '\u{E0041}',
            '\u{FFF9}',
        ]),
        (0xE000u32..=0xF8FF).prop_filter_map("private use", char::from_u32),
        (0xF0000u32..=0xFFFFD).prop_filter_map("private use", char::from_u32),
        // Never assigned: noncharacters, and planes 4 to 13.
        (0x40000u32..=0xDFFFF).prop_filter_map("unassigned", char::from_u32),
        prop::sample::select(vec!['\u{FDD0}', '\u{FFFE}', '\u{FFFF}', '\u{0378}', '\u{1FFFE}']),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    /// "Robin\u{202E}…" looked like another person in the Staff list, the history and emails.
    #[test]
    fn names_refuse_invisible_and_unassigned_characters(
        before in "[A-Za-zÀ-ÿ ]{0,20}",
        hidden in invisible_or_unassigned(),
        after in "[A-Za-zÀ-ÿ ]{0,20}",
    ) {
        let raw = format!("Robin{before}{hidden}{after}");
        prop_assert!(PersonName::parse(&raw).is_err(), "{:?} was accepted", raw);
        let username = format!("robin{hidden}");
        prop_assert!(Username::parse(&username).is_err());
    }

    /// Whatever parses is in NFC and holds only visible, assigned characters (besides plain
    /// spaces), and parses again to itself.
    #[test]
    fn names_that_parse_are_visible_and_composed(raw in any::<String>()) {
        if let Ok(name) = PersonName::parse(&raw) {
            use unicode_properties::{GeneralCategory as G, UnicodeGeneralCategory};
            let hidden = |c: char| matches!(
                c.general_category(),
                G::Control | G::Format | G::PrivateUse | G::Unassigned | G::Surrogate
            );
            prop_assert!(!name.as_str().chars().any(hidden), "{:?}", name);
            prop_assert!(unicode_normalization::is_nfc(name.as_str()));
            prop_assert_eq!(PersonName::parse(name.as_str()), Ok(name.clone()));
        }
    }

    /// A name typed decomposed (as some keyboards send it) is stored composed: one person,
    /// one spelling.
    #[test]
    fn names_are_stored_composed(first in "[A-Za-z]{1,10}") {
        let decomposed = format!("{first}e\u{301} Ze\u{308}");
        let composed = format!("{first}\u{e9} Z\u{eb}");
        let parsed = PersonName::parse(&decomposed).unwrap();
        prop_assert_eq!(parsed.as_str(), composed.as_str());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Whatever is typed, a refusal that carries a number is one the page's words carry
    /// already written, with the same number: the browser never has to choose a plural form.
    #[test]
    fn every_refusal_with_a_number_is_among_the_pages_words(
        raw in prop_oneof![any::<String>(), "[a-z0-9 .+@-]{0,300}", "\\+[0-9 ]{0,40}"],
        min_length in 8usize..=64,
    ) {
        use staff_onboarding::domain::{invite_page, PasskeyName, Sentence};
        let policy = PasswordPolicy { min_length };
        let known = invite_page::numbered(&policy);
        let mut said = Vec::new();
        said.extend(Email::parse(&raw).err().map(|e| e.message()));
        said.extend(PersonName::parse(&raw).err().map(|e| e.message()));
        said.extend(PhoneNumber::parse(&raw).err().map(|e| e.message()));
        said.extend(Username::parse(&raw).err().map(|e| e.message()));
        said.extend(PasskeyName::parse(&raw).err().map(|e| e.message()));
        let context = PasswordContext::default();
        said.extend(Password::parse(&raw, &policy, &context).err().map(|e| e.message()));
        for message in said.iter().filter(|m| !m.args.is_empty()) {
            prop_assert!(known.contains(message), "{:?} is not among the page's words", message);
        }
    }
}
