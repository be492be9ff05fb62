//! The HTML shell, the router and the page layout shared by every page.

use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::{
    Lazy, LazyRoute, SsrMode,
    components::{Route, Router, Routes},
    lazy_route, path,
};

use crate::components::header::Header;
use crate::components::words::{APP_WORDS, WordsScript};
use crate::pages::{
    account::AccountPage,
    admin::invites::InvitesPage,
    admin::staff::StaffPage,
    dev_mailbox::{DevMailPage, DevMailboxPage},
    home::HomePage,
    invite::InvitePage,
    login::LoginPage,
    not_found::NotFound,
    recovery::{ForgotPage, SignInLinkPage},
};

/// The document around the app; rendered on the server only. Its inline scripts carry the
/// request's nonce, which the Content-Security-Policy names (`security::headers`).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let words = app_words();
    let (lang, dir) = match &words {
        Some(words) => (Some(words.lang.clone()), Some(words.dir.clone())),
        None => (None, None),
    };
    if let Some(words) = &words {
        crate::components::words::provide_words(words.clone());
    }
    view! {
        <!DOCTYPE html>
        <html lang=lang dir=dir>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light dark"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <AutoReload options=options.clone()/>
                {page_scripts(options)}
                <MetaTags/>
            </head>
            <body>
                <App/>
                {words.map(|words| view! { <WordsScript words id=APP_WORDS/> })}
            </body>
        </html>
    }
}

/// Whether this is an invite page (`/invite/…`): only the server renders one.
fn on_invite_page() -> bool {
    #[cfg(feature = "ssr")]
    return use_context::<axum::http::request::Parts>()
        .is_some_and(|parts| parts.uri.path().starts_with("/invite/"));
    #[cfg(not(feature = "ssr"))]
    false
}

/// The invite pages (`/invite/…`, opened on phones from an email) load only their own small
/// WASM (`crates/invite-page`), which enhances the server's HTML; every other page hydrates
/// the full app. See docs/page-weight.md.
fn page_scripts(options: LeptosOptions) -> impl IntoView {
    if !on_invite_page() {
        return view! { <HydrationScripts options/> }.into_any();
    }
    // Fetched once the page has loaded, not before: on a slow phone link the script would
    // otherwise share the bandwidth with the HTML and CSS that paint the form, which works
    // without it anyway. (No `<`, `>` or `&`: the text is HTML-escaped like any other.)
    let start = format!(
        "addEventListener('load', function () {{ import('{INVITE_PAGE}/page.js').then(\
         function (script) {{ script.default({{ module_or_path: '{INVITE_PAGE}/page_bg.wasm' }}); }}); }});"
    );
    view! { <script nonce=leptos::nonce::use_nonce()>{start}</script> }.into_any()
}

/// The words of the pages that hydrate, in the request's language (`guard::request_language`:
/// the person's pick, their account's, their browser's, the school's); the Super-Admin's
/// dashboard speaks English for now (`i18n::DASHBOARD`). The invite pages (which never
/// hydrate) choose their own language and set their own `<html lang dir>` (`pages::invite`).
fn app_words() -> Option<crate::domain::Words> {
    #[cfg(feature = "ssr")]
    {
        if on_invite_page() {
            return None;
        }
        let tr = crate::api::guard::request_language();
        use_context::<crate::server::state::AppState>().map(|state| state.page_words.app(tr))
    }
    #[cfg(not(feature = "ssr"))]
    None
}

/// Where the invite pages' script and WASM are served from: `public/invite-page/`, built by
/// `scripts/build-invite-page.sh` and copied into the site by cargo-leptos.
pub const INVITE_PAGE: &str = "/invite-page";

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    #[cfg(feature = "hydrate")]
    if let Some(words) = crate::components::words::words_from_page() {
        crate::components::words::provide_words(words);
    }
    mark_hydrated();
    // One sign-in and one sign-out action for the whole app, so the header notices both.
    provide_context(ServerAction::<crate::api::auth::SignIn>::new());
    provide_context(ServerAction::<crate::api::auth::SignOut>::new());

    view! {
        <Stylesheet id="leptos" href="/pkg/staff-onboarding.css"/>
        <Title text=crate::components::words::t("app-title")/>
        <Router>
            // The invite pages render their own header and `<main>`, in their language
            // (`pages::invite`), once their link's answer says which.
            {if on_invite_page() {
                routes().into_any()
            } else {
                let english = dashboard_in_english();
                view! {
                    <Header/>
                    <main id="main" class="page" lang=move || english().then_some("en")
                        dir=move || english().then_some("ltr")>{routes()}</main>
                }
                .into_any()
            }}
        </Router>
    }
}

/// Whether this is a page of the Super-Admin's dashboard, which speaks English for now
/// (`i18n::DASHBOARD`), around a header in another language: its `<main>` then says so, with
/// `lang="en"` and `dir="ltr"`.
fn dashboard_in_english() -> impl Fn() -> bool + Copy {
    let english = crate::components::words::use_words().lang == "en";
    let location = leptos_router::hooks::use_location();
    move || {
        let path = location.pathname.get();
        !english && ["/modules/", "/dev/"].iter().any(|prefix| path.starts_with(prefix))
    }
}

/// Every page, by its path.
fn routes() -> impl IntoView {
    view! {
        <Routes fallback=NotFound>
            // Async: every page arrives complete, so it works before (and without)
            // the WASM, as phones on slow links and no-JS browsers need.
            // The invite pages never hydrate (see `page_scripts`); every other page's
            // code is a chunk loaded with its route.
            <Route path=path!("/invite/:token") view={Lazy::<InviteRoute>::new()} ssr=SsrMode::Async/>
            <Route path=path!("") view={Lazy::<HomeRoute>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/login") view={Lazy::<LoginRoute>::new()} ssr=SsrMode::Async/>
            <Route path=path!("/login/forgot") view={Lazy::<ForgotRoute>::new()} ssr=SsrMode::Async/>
            <Route
                path=path!("/sign-in/:token")
                view={Lazy::<SignInLinkRoute>::new()}
                ssr=SsrMode::Async
            />
            <Route
                path=path!("/account")
                view={Lazy::<AccountRoute>::new()}
                ssr=SsrMode::Async
            />
            <Route
                path=path!("/modules/staff/invites")
                view={Lazy::<InvitesRoute>::new()}
                ssr=SsrMode::Async
            />
            <Route
                path=path!("/modules/staff/members")
                view={Lazy::<StaffRoute>::new()}
                ssr=SsrMode::Async
            />
            <Route
                path=path!("/dev/mailbox")
                view={Lazy::<MailboxRoute>::new()}
                ssr=SsrMode::Async
            />
            <Route
                path=path!("/dev/mailbox/:id")
                view={Lazy::<MailRoute>::new()}
                ssr=SsrMode::Async
            />
        </Routes>
    }
}

// The lazily loaded pages: each route's view is split into its own WASM chunk
// (`cargo leptos build --split`); they load no route data of their own up front.
struct InviteRoute;
struct HomeRoute;
struct LoginRoute;
struct ForgotRoute;
struct SignInLinkRoute;
struct AccountRoute;
struct InvitesRoute;
struct StaffRoute;
struct MailboxRoute;
struct MailRoute;

#[lazy_route]
impl LazyRoute for InviteRoute {
    fn data() -> Self {
        InviteRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <InvitePage/> }.into_any()
    }
}

#[lazy_route]
impl LazyRoute for HomeRoute {
    fn data() -> Self {
        HomeRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <HomePage/> }.into_any()
    }
}

#[lazy_route]
impl LazyRoute for LoginRoute {
    fn data() -> Self {
        LoginRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <LoginPage/> }.into_any()
    }
}

#[lazy_route]
impl LazyRoute for ForgotRoute {
    fn data() -> Self {
        ForgotRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <ForgotPage/> }.into_any()
    }
}

#[lazy_route]
impl LazyRoute for SignInLinkRoute {
    fn data() -> Self {
        SignInLinkRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <SignInLinkPage/> }.into_any()
    }
}

#[lazy_route]
impl LazyRoute for AccountRoute {
    fn data() -> Self {
        AccountRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <AccountPage/> }.into_any()
    }
}

#[lazy_route]
impl LazyRoute for InvitesRoute {
    fn data() -> Self {
        InvitesRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <InvitesPage/> }.into_any()
    }
}

#[lazy_route]
impl LazyRoute for StaffRoute {
    fn data() -> Self {
        StaffRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <StaffPage/> }.into_any()
    }
}

#[lazy_route]
impl LazyRoute for MailboxRoute {
    fn data() -> Self {
        MailboxRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <DevMailboxPage/> }.into_any()
    }
}

#[lazy_route]
impl LazyRoute for MailRoute {
    fn data() -> Self {
        MailRoute
    }

    fn view(_this: Self) -> AnyView {
        view! { <DevMailPage/> }.into_any()
    }
}

/// Marks `<body data-hydrated>` once the WASM has taken over, so tests (and people debugging)
/// can tell a hydrated page from server HTML alone. Effects never run on the server.
fn mark_hydrated() {
    Effect::new(move |_| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}
