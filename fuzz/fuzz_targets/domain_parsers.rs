//! Every domain parser, on any text: no panic, and what one accepts is stable (parsing its
//! own normalised form gives the same value back).
#![no_main]

use libfuzzer_sys::fuzz_target;
use staff_onboarding::domain::{
    Email, Password, PasswordContext, PasswordPolicy, PersonName, PhoneNumber, Role, Strength,
    Username,
};

fuzz_target!(|raw: &str| {
    if let Ok(email) = Email::parse(raw) {
        let again = Email::parse(email.as_str()).expect("a parsed email parses again");
        assert_eq!(again.key(), email.key());
        assert!(!email.as_str().chars().any(char::is_control));
    }
    if let Ok(username) = Username::parse(raw) {
        let again = Username::parse(username.as_str()).expect("a parsed username parses again");
        assert_eq!(again.key(), username.key());
    }
    if let Ok(name) = PersonName::parse(raw) {
        assert_eq!(PersonName::parse(name.as_str()).map(|n| n.as_str().to_owned()), Ok(name.as_str().to_owned()));
    }
    if let Ok(phone) = PhoneNumber::parse(raw) {
        let again = PhoneNumber::parse(phone.as_str()).expect("an E.164 number parses again");
        assert_eq!(again.as_str(), phone.as_str());
        assert!(phone.as_str().starts_with('+'));
    }
    let _ = Role::parse(raw);
    let _ = Role::parse_invitable(raw);
    let context = PasswordContext { username: Some("sam.rivera"), email_local_part: Some("sam") };
    let _ = Password::parse(raw, &PasswordPolicy::default(), &context);
    let _ = Strength::estimate(raw);
});
