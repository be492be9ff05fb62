//! The HTML shell, the router and the page layout shared by every page.

use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::{
    Lazy, LazyRoute, SsrMode,
    components::{FlatRoutes, Route, Router},
    lazy_route, path,
};

use crate::components::{header::Header, later::later, theme_toggle::THEME_BEFORE_PAINT};
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
                <script nonce=leptos::nonce::use_nonce()>{THEME_BEFORE_PAINT}</script>
                {page_scripts(options)}
                <MetaTags/>
            </head>
            <body>
                <App/>
                {script_words(words)}
            </body>
        </html>
    }
}

/// Which kind of page the request is for: the invite pages and every page a member of staff
/// sees are light (rendered by the server, enhanced by `crates/light-pages`); only the
/// Super-Admin's dashboard (`/modules/…`, `/dev/…`) hydrates the app. See docs/page-weight.md.
#[derive(Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(feature = "ssr"), allow(dead_code))] // the browser only hydrates the dashboard
enum PageKind {
    /// `/invite/…`: light, and in the language its link's answer says (`pages::invite`).
    Invite,
    Light,
    Dashboard,
}

impl PageKind {
    #[cfg(feature = "ssr")]
    fn of(path: &str) -> PageKind {
        if path.starts_with("/invite/") {
            PageKind::Invite
        } else if DASHBOARD_PREFIXES.iter().any(|prefix| path.starts_with(prefix)) {
            PageKind::Dashboard
        } else {
            PageKind::Light
        }
    }

    /// The kind of the page being rendered; only the server renders the shell.
    fn current() -> PageKind {
        #[cfg(feature = "ssr")]
        return use_context::<axum::http::request::Parts>()
            .map_or(PageKind::Dashboard, |parts| PageKind::of(parts.uri.path()));
        #[cfg(not(feature = "ssr"))]
        PageKind::Dashboard
    }
}

/// The paths of the Super-Admin's dashboard: the pages that hydrate.
const DASHBOARD_PREFIXES: [&str; 2] = ["/modules/", "/dev/"];

/// A light page gets the light pages' small WASM, which enhances the server's HTML; a page of
/// the dashboard hydrates the whole app. Either is fetched once the page has loaded, not
/// before: on a slow link it would otherwise share the bandwidth with the HTML and CSS that
/// paint the page, which the server has rendered whole. (No `<`, `>` or `&` in the scripts:
/// the text is HTML-escaped like any other.)
fn page_scripts(options: LeptosOptions) -> impl IntoView {
    if PageKind::current() == PageKind::Dashboard {
        let early_tap = crate::components::early_tap::script();
        let start = dashboard_start(&options);
        return view! {
            <script nonce=leptos::nonce::use_nonce()>{early_tap}</script>
            <script nonce=leptos::nonce::use_nonce()>{start}</script>
        }
        .into_any();
    }
    let start =
        after_load(&format!("{LIGHT_PAGES}/page.js"), &format!("{LIGHT_PAGES}/page_bg.wasm"), "");
    view! { <script nonce=leptos::nonce::use_nonce()>{start}</script> }.into_any()
}

/// A script that, once the page has loaded, imports the module `js`, starts it with its WASM
/// `wasm`, and then runs `then` (JavaScript, with the module as `module`).
fn after_load(js: &str, wasm: &str, then: &str) -> String {
    format!(
        "addEventListener('load', function () {{ import('{js}').then(function (module) {{ \
         module.default({{ module_or_path: '{wasm}' }}).then(function () {{ {then} }}); }}); }});"
    )
}

/// What Leptos's `HydrationScripts` does, after the page's `load` event rather than at once,
/// and without its preload hints (and, with no split manifest in the context, without those
/// of the page's lazily loaded chunk): each would start a download of the app's WASM, high in
/// priority, beside the HTML and CSS. The page's chunk is fetched by the app as it hydrates
/// the page (`crate::hydrate`). A button tapped meanwhile counts (`early_tap`).
fn dashboard_start(options: &LeptosOptions) -> String {
    let (pkg, name) = (&options.site_pkg_dir, &options.output_name);
    // The WASM's name, as wasm-bindgen writes it: `_bg` unless the build named the output.
    let wasm = match option_env!("LEPTOS_OUTPUT_NAME") {
        Some(_) => name.to_string(),
        None => format!("{name}_bg"),
    };
    after_load(&format!("/{pkg}/{name}.js"), &format!("/{pkg}/{wasm}.wasm"), "module.hydrate();")
}

/// The words the server renders the page with, in the request's language
/// (`guard::request_language`: the person's pick, their account's, their browser's, the
/// school's); the Super-Admin's dashboard speaks English for now (`i18n::DASHBOARD`). The
/// invite pages choose their own language and set their own `<html lang dir>` (`pages::invite`).
fn app_words() -> Option<crate::domain::Words> {
    #[cfg(feature = "ssr")]
    {
        if PageKind::current() == PageKind::Invite {
            return None;
        }
        let tr = crate::api::guard::request_language();
        use_context::<crate::server::state::AppState>().map(|state| state.page_words.app(tr))
    }
    #[cfg(not(feature = "ssr"))]
    None
}

/// The words written into the page for its script: the hydrated dashboard's are those the
/// page was rendered with; a light page's script says only a few (its passkey prompts and
/// refusals, `PageWords::light`); the invite pages write their own, with their link's answer.
fn script_words(rendered: Option<crate::domain::Words>) -> Option<AnyView> {
    use crate::components::words::{APP_WORDS, WordsScript};
    let (words, id) = match PageKind::current() {
        PageKind::Invite => return None,
        PageKind::Dashboard => (rendered?, APP_WORDS),
        PageKind::Light => (light_script_words()?, crate::domain::invite_page::WORDS),
    };
    Some(view! { <WordsScript words id/> }.into_any())
}

fn light_script_words() -> Option<crate::domain::Words> {
    #[cfg(feature = "ssr")]
    {
        let state = use_context::<crate::server::state::AppState>()?;
        Some(state.page_words.light(crate::api::guard::request_language()))
    }
    #[cfg(not(feature = "ssr"))]
    None
}

/// Where the light pages' script and WASM are served from: `public/light-pages/`, built by
/// `tools/build-site` and copied into the site with the other assets.
pub const LIGHT_PAGES: &str = "/light-pages";

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    #[cfg(feature = "hydrate")]
    if let Some(words) = crate::components::words::words_from_page() {
        crate::components::words::provide_words(words);
    }

    view! {
        <Stylesheet id="leptos" href="/pkg/staff-onboarding.css"/>
        <Title text=crate::components::words::t("app-title")/>
        <Router>
            // The invite pages render their own header and `<main>`, in their language
            // (`pages::invite`), once their link's answer says which.
            {if PageKind::current() == PageKind::Invite {
                routes().into_any()
            } else {
                let english = dashboard_in_english();
                view! {
                    <Header/>
                    <main id="main" class="page" lang=move || english().then_some("en")
                        dir=move || english().then_some("ltr")>{later(routes())}</main>
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
        !english && DASHBOARD_PREFIXES.iter().any(|prefix| path.starts_with(prefix))
    }
}

/// Every page, by its path. Flat (no route nests another): the flat router hydrates a page
/// asynchronously, so the page can hydrate in steps (`components::later`), and is smaller.
fn routes() -> impl IntoView {
    view! {
        <FlatRoutes fallback=|| light(NotFound)>
            // Async: every page arrives complete, so it works before (and without)
            // the WASM, as phones on slow links and no-JS browsers need.
            <Route path=path!("/invite/:token") view=|| light(InvitePage) ssr=SsrMode::Async/>
            <Route path=path!("") view=|| light(HomePage) ssr=SsrMode::Async/>
            <Route path=path!("/login") view=|| light(LoginPage) ssr=SsrMode::Async/>
            <Route path=path!("/login/forgot") view=|| light(ForgotPage) ssr=SsrMode::Async/>
            <Route path=path!("/sign-in/:token") view=|| light(SignInLinkPage) ssr=SsrMode::Async/>
            <Route path=path!("/account") view=|| light(AccountPage) ssr=SsrMode::Async/>
            // The dashboard: each page's code is a chunk loaded with its route.
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
        </FlatRoutes>
    }
}

/// A light page (`PageKind::Light`): only the server renders it. Reached from inside the
/// dashboard (a link, or a server call's redirect after signing out, say), the browser loads
/// it from the server, so none of these pages' code is in the dashboard's WASM.
fn light<V: IntoView + 'static>(page: impl FnOnce() -> V) -> AnyView {
    #[cfg(feature = "ssr")]
    return page().into_any();
    #[cfg(not(feature = "ssr"))]
    {
        let _ = page;
        // The router knows the new address before the address bar does; once it has put it
        // there, that history entry becomes the page loaded from the server.
        let url = leptos_router::hooks::use_url().get_untracked();
        let mut address = url.path().to_owned();
        if !url.search().is_empty() {
            address = format!("{address}?{}", url.search());
        }
        set_timeout(move || drop(window().location().replace(&address)), Default::default());
        ().into_any()
    }
}

// The dashboard's lazily loaded pages: each route's view is split into its own WASM chunk
// (`tools/build-site`, as `cargo leptos build --split`); they load no route data of their own
// up front.
struct InvitesRoute;
struct StaffRoute;
struct MailboxRoute;
struct MailRoute;

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

/// Marks `<body data-hydrated>` once the WASM has taken over the whole page, so tests (and
/// people debugging) can tell a hydrated page from server HTML alone: called when the page's
/// hydration has ended, its own lazily loaded chunk and the parts that hydrate later
/// (`components::later`) included. (The light pages' script makes the same mark.) A button
/// tapped before then is tapped again now (`early_tap`).
#[cfg(feature = "hydrate")]
pub fn page_hydrated() {
    if let Some(body) = document().body() {
        let _ = body.set_attribute("data-hydrated", "true");
    }
    crate::components::early_tap::replay();
}
