//! The account page's ways of signing in, on both databases: passkeys added (bound to the
//! account), renamed and removed, a password set or changed, and never the last way removed.

use staff_onboarding::{
    domain::Role,
    server::{auth::CurrentUser, i18n::Tr, services::WaysError},
};

use crate::passkeys::{ORIGIN, Passkeys, passkeys, sign_in_refused};
use crate::support::authenticator::SoftAuthenticator;
use crate::support::db::{TestDb, for_each_backend};

for_each_backend!(
    a_second_passkey_is_added_renamed_and_the_first_removed,
    the_last_way_of_signing_in_cant_be_removed,
    an_add_ceremony_is_bound_to_its_account,
    a_passkey_already_on_an_account_cant_be_added_again,
    a_password_is_set_then_changed_with_the_current_one,
);

async fn me(p: &Passkeys, user_id: i64) -> CurrentUser {
    p.h.store.find_user(user_id).await.unwrap().unwrap().into()
}

async fn add(p: &Passkeys, user: &CurrentUser, device: &mut SoftAuthenticator) -> i64 {
    let begun = p.ways.begin_add(user, Some("Mozilla/5.0 (Macintosh)")).await.unwrap();
    let answer = device.create(&begun.options);
    p.ways.finish_add(user, &begun.secret, &answer).await.unwrap().id
}

async fn a_second_passkey_is_added_renamed_and_the_first_removed(db: &TestDb) {
    let p = passkeys(db).await;
    let mut phone = SoftAuthenticator::new(ORIGIN);
    let account = p.set_up(&mut phone, "sam@school.org", "sam.r").await;
    let sam = me(&p, account.user_id).await;
    let mut laptop = SoftAuthenticator::new(ORIGIN);
    let begun = p.ways.begin_add(&sam, Some("Mozilla/5.0 (Macintosh)")).await.unwrap();
    let options: serde_json::Value = serde_json::from_str(&begun.options).unwrap();
    let excluded = options["excludeCredentials"].as_array().unwrap();
    assert_eq!(excluded.len(), 1, "the phone's passkey is named, so no second is made on it");
    let view =
        p.ways.finish_add(&sam, &begun.secret, &laptop.create(&begun.options)).await.unwrap();
    assert_eq!(view.name, "Mac");
    // The laptop's passkey names the same account.
    assert_eq!(laptop.passkeys[0].user_handle, phone.passkeys[0].user_handle);
    assert_eq!(p.sign_in_with(&mut laptop, 0).await.unwrap().user.id, sam.id);

    p.ways.rename(&sam, view.id, "  Work laptop ").await.unwrap();
    assert!(matches!(p.ways.rename(&sam, view.id, "\u{202e}x").await, Err(WaysError::Name(_))));
    let ways = p.ways.ways(&sam, Tr::english()).await.unwrap();
    assert_eq!(
        ways.passkeys.iter().map(|k| k.name.as_str()).collect::<Vec<_>>(),
        ["iPhone", "Work laptop"]
    );
    assert!(ways.passkeys[1].last_used_at.is_some() && ways.passkeys[0].last_used_at.is_none());

    let first = ways.passkeys[0].id;
    p.ways.remove(&sam, first).await.unwrap();
    sign_in_refused(p.sign_in_with(&mut phone, 0).await);
    p.sign_in_with(&mut laptop, 0).await.unwrap();
}

async fn the_last_way_of_signing_in_cant_be_removed(db: &TestDb) {
    let p = passkeys(db).await;
    let mut phone = SoftAuthenticator::new(ORIGIN);
    let account = p.set_up(&mut phone, "sam@school.org", "sam.r").await;
    let sam = me(&p, account.user_id).await;
    let only = p.ways.ways(&sam, Tr::english()).await.unwrap();
    assert!(only.one_left());
    let id = only.passkeys[0].id;
    assert!(matches!(p.ways.remove(&sam, id).await, Err(WaysError::LastWayIn)));
    assert_eq!(
        p.ways.ways(&sam, Tr::english()).await.unwrap().passkeys.len(),
        1,
        "nothing was removed"
    );
    // With a password too, the passkey can go.
    p.ways.set_password(&sam, "", "violet tram orbit kettle").await.unwrap();
    p.ways.remove(&sam, id).await.unwrap();
    // Someone else's passkey is not theirs to remove.
    let mut kims = SoftAuthenticator::new(ORIGIN);
    let kim = p.set_up(&mut kims, "kim@school.org", "kim.l").await;
    let kims_key = p.h.store.passkeys_of(kim.user_id).await.unwrap()[0].id;
    assert!(matches!(p.ways.remove(&sam, kims_key).await, Err(WaysError::NotFound)));
    assert!(matches!(p.ways.rename(&sam, kims_key, "Mine").await, Err(WaysError::NotFound)));
}

async fn an_add_ceremony_is_bound_to_its_account(db: &TestDb) {
    let p = passkeys(db).await;
    let sam = me(&p, p.h.add_user("sam@school.org", "sam.r").await.id).await;
    let kim = me(&p, p.h.add_user("kim@school.org", "kim.l").await.id).await;
    let mut device = SoftAuthenticator::new(ORIGIN);
    let begun = p.ways.begin_add(&sam, None).await.unwrap();
    let answer = device.create(&begun.options);
    // Finished as another account: refused, and the ceremony is spent.
    assert!(matches!(
        p.ways.finish_add(&kim, &begun.secret, &answer).await,
        Err(WaysError::Ceremony(_))
    ));
    assert!(matches!(
        p.ways.finish_add(&sam, &begun.secret, &answer).await,
        Err(WaysError::Ceremony(_))
    ));
    assert!(p.h.store.passkeys_of(kim.id).await.unwrap().is_empty());
    assert!(p.h.store.passkeys_of(sam.id).await.unwrap().is_empty());
    // An account that had only a password gets its first passkey, and can use it.
    add(&p, &sam, &mut device).await;
    assert_eq!(p.sign_in_with(&mut device, 1).await.unwrap().user.id, sam.id);
    assert_eq!(sam.role, Role::Teacher);
}

async fn a_passkey_already_on_an_account_cant_be_added_again(db: &TestDb) {
    let p = passkeys(db).await;
    let mut phone = SoftAuthenticator::new(ORIGIN);
    let account = p.set_up(&mut phone, "sam@school.org", "sam.r").await;
    let kim = me(&p, p.h.add_user("kim@school.org", "kim.l").await.id).await;
    // Kim's browser registers a passkey with the credential id of Sam's.
    let begun = p.ways.begin_add(&kim, None).await.unwrap();
    let mut again = SoftAuthenticator::new(ORIGIN);
    again.reuse_id = Some(phone.passkeys[0].id.clone());
    let answer = again.create(&begun.options);
    let taken = p.ways.finish_add(&kim, &begun.secret, &answer).await;
    assert!(matches!(taken, Err(WaysError::PasskeyTaken)), "{taken:?}");
    assert_eq!(p.h.store.passkeys_of(account.user_id).await.unwrap().len(), 1);
    assert!(p.h.store.passkeys_of(kim.id).await.unwrap().is_empty());
}

async fn a_password_is_set_then_changed_with_the_current_one(db: &TestDb) {
    let p = passkeys(db).await;
    let mut phone = SoftAuthenticator::new(ORIGIN);
    let account = p.set_up(&mut phone, "sam@school.org", "sam.r").await;
    let sam = me(&p, account.user_id).await;
    let short = p.ways.set_password(&sam, "", "short").await;
    assert!(matches!(short, Err(WaysError::Password(_))), "{short:?}");
    let before = sam.session_epoch;
    let epoch = p.ways.set_password(&sam, "", "violet tram orbit kettle").await.unwrap();
    assert!(epoch > before, "every other session ends");
    assert!(p.ways.ways(&sam, Tr::english()).await.unwrap().has_password);
    let wrong = p.ways.set_password(&sam, "not it", "amber fox quiet lantern").await;
    assert!(matches!(wrong, Err(WaysError::WrongPassword)), "{wrong:?}");
    p.ways.set_password(&sam, "violet tram orbit kettle", "amber fox quiet lantern").await.unwrap();
}
