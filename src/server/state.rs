//! The state every handler and server fn can reach.

use std::sync::Arc;

use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use tokio::sync::Notify;

use super::{
    auth::{
        limits::{RateConfig, RateLimits},
        security::SiteOrigin,
        sessions::SessionBackend,
    },
    clock::{Clock, SystemClock},
    config::{ConfigError, Settings},
    i18n::words::PageWords,
    secrets::Sealer,
    services::{
        AccountPasskeys, AccountService, BulkInvites, ExpiryDigests, InvitationService,
        InvitePolicy, PasskeySetup, Recovery, RelyingParty, SchoolSignIn, SignInService,
        school::Provider,
    },
    store::Store,
};

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub settings: Arc<Settings>,
    pub store: Arc<Store>,
    /// The session store, on the same database.
    pub sessions: SessionBackend,
    pub invitations: Arc<InvitationService>,
    pub accounts: Arc<AccountService>,
    /// Bulk invites as server-side jobs; its worker runs beside the outbox sender.
    pub bulk: Arc<BulkInvites>,
    pub sign_in: Arc<SignInService>,
    /// The relying party of passkeys, and setting an account up with one.
    pub passkeys: Arc<RelyingParty>,
    pub passkey_setup: Arc<PasskeySetup>,
    /// The account page's passkeys and password.
    pub sign_in_ways: Arc<AccountPasskeys>,
    /// Sign-in links, to get back in.
    pub recovery: Arc<Recovery>,
    /// The expired invitations' daily digest to the admins who sent them; it runs beside the
    /// outbox sender.
    pub digests: Arc<ExpiryDigests>,
    pub limits: Arc<RateLimits>,
    /// This site's origin, for the CSRF check.
    pub site: SiteOrigin,
    pub clock: Arc<dyn Clock>,
    /// Seals what must not be readable at rest (queued links, the dev mailbox's bodies).
    pub sealer: Sealer,
    /// Notified when a message is queued, so the outbox sender sends it at once.
    pub outbox_wake: Arc<Notify>,
    /// Every page's words, in each language (`i18n::words`).
    pub page_words: Arc<PageWords>,
    /// Signing in with the school's own accounts (`OIDC_*`); `None`: not offered.
    pub school: Option<Arc<SchoolSignIn>>,
}

impl AppState {
    /// The state of a process on `store`. Fails only when the sealing key can't be had
    /// (`SECRET_KEY`, or its key file).
    pub fn new(settings: Settings, store: Arc<Store>) -> Result<Self, ConfigError> {
        Self::with_clock(settings, store, Arc::new(SystemClock))
    }

    pub fn with_clock(
        settings: Settings,
        store: Arc<Store>,
        clock: Arc<dyn Clock>,
    ) -> Result<Self, ConfigError> {
        let sealer = Sealer::load(&settings.secret_key)?;
        let policy = InvitePolicy {
            ttl: settings.invite_ttl,
            max_resends: settings.max_resends,
            reminder_before: settings.reminder_before,
            public_url: settings.public_url.clone(),
            password: settings.password_policy,
            zone: settings.school_zone.clone(),
        };
        let outbox_wake = Arc::new(Notify::new());
        let invitations = Arc::new(
            InvitationService::new(store.clone(), clock.clone(), policy, sealer.clone())
                .with_outbox_wake(outbox_wake.clone()),
        );
        let accounts = Arc::new(AccountService::new(
            store.clone(),
            clock.clone(),
            settings.password_policy,
            settings.school_zone.clone(),
        ));
        let bulk = Arc::new(BulkInvites::new(
            store.clone(),
            invitations.clone(),
            clock.clone(),
            settings.school_zone.clone(),
        ));
        let school = settings.mail.school_label().unwrap_or_else(|| "Staff onboarding".into());
        let passkeys = Arc::new(RelyingParty::new(
            &settings.public_url,
            &school,
            store.clone(),
            clock.clone(),
        ));
        let passkey_setup = Arc::new(PasskeySetup::new(passkeys.clone(), invitations.clone()));
        let sign_in_ways = Arc::new(AccountPasskeys::new(
            passkeys.clone(),
            store.clone(),
            clock.clone(),
            settings.school_zone.clone(),
            settings.password_policy,
        ));
        let (limits, sign_in) = limited(RateConfig::default(), &store, &clock, &sealer, &passkeys);
        let recovery =
            recovery(&settings, &store, &clock, &limits, &passkeys, &sealer, &outbox_wake);
        let page_words = Arc::new(PageWords::new(&settings.password_policy));
        let digests = Arc::new(ExpiryDigests::new(
            store.clone(),
            clock.clone(),
            settings.school_zone.clone(),
            settings.digest_at,
            settings.public_url.clone(),
            outbox_wake.clone(),
        ));
        Ok(Self {
            sessions: SessionBackend::on(&store),
            leptos_options: settings.leptos.clone(),
            site: SiteOrigin::new(&settings.public_url),
            settings: Arc::new(settings),
            store,
            invitations,
            accounts,
            bulk,
            sign_in,
            passkeys,
            passkey_setup,
            sign_in_ways,
            recovery,
            digests,
            limits,
            clock,
            sealer,
            outbox_wake,
            page_words,
            school: None,
        })
    }

    /// The same state with the school's accounts to sign in with, when `OIDC_*` are set:
    /// their provider's discovery document and keys are read now.
    pub async fn with_school_sign_in(mut self) -> Result<Self, ConfigError> {
        let Some(settings) = self.settings.school_sign_in.clone() else { return Ok(self) };
        let provider =
            Provider::discover(&settings, &self.settings.public_url, self.clock.clone()).await?;
        self.site = self.site.clone().with_form_target(provider.authorization_origin());
        self.school = Some(Arc::new(SchoolSignIn::new(
            provider,
            self.store.clone(),
            self.clock.clone(),
            self.sealer.clone(),
            self.invitations.clone(),
            self.limits.clone(),
        )));
        Ok(self)
    }

    /// The same state under other rates (tests of the limits use small ones).
    pub fn with_rates(mut self, rates: RateConfig) -> Self {
        (self.limits, self.sign_in) =
            limited(rates, &self.store, &self.clock, &self.sealer, &self.passkeys);
        self.recovery = recovery(
            &self.settings,
            &self.store,
            &self.clock,
            &self.limits,
            &self.passkeys,
            &self.sealer,
            &self.outbox_wake,
        );
        self
    }
}

/// The limits at `rates`, and the sign-in service under them.
fn limited(
    rates: RateConfig,
    store: &Arc<Store>,
    clock: &Arc<dyn Clock>,
    sealer: &Sealer,
    passkeys: &Arc<RelyingParty>,
) -> (Arc<RateLimits>, Arc<SignInService>) {
    let limits = Arc::new(RateLimits::new(rates, store.clone(), clock.clone()));
    let sign_in = SignInService::new(store.clone(), clock.clone(), limits.clone(), sealer.clone())
        .with_passkeys(passkeys.clone());
    (limits, Arc::new(sign_in))
}

/// Sign-in links under `limits`.
fn recovery(
    settings: &Settings,
    store: &Arc<Store>,
    clock: &Arc<dyn Clock>,
    limits: &Arc<RateLimits>,
    passkeys: &Arc<RelyingParty>,
    sealer: &Sealer,
    outbox_wake: &Arc<Notify>,
) -> Arc<Recovery> {
    Arc::new(Recovery::new(
        store.clone(),
        clock.clone(),
        limits.clone(),
        passkeys.clone(),
        sealer.clone(),
        settings.public_url.clone(),
        settings.password_policy,
        outbox_wake.clone(),
    ))
}
