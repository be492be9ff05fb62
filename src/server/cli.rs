//! The command line: `serve` (the default) and `migrate`. Configuration comes from the
//! environment; a bad setting ends the process with exit code 2 and a one-line message.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use super::{
    auth::sessions::SessionBackend,
    config::{ConfigError, Settings},
    services::NewSuperAdmin,
    startup,
    state::AppState,
    store::{self, Actor},
    telemetry,
};

#[derive(Debug, Parser)]
#[command(name = "staff-onboarding", version, about = "Invite school staff by email and let them set up their own accounts.", after_help = super::config::vars::help())]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the web server (the default). Applies pending migrations first.
    #[command(after_help = super::config::vars::help())]
    Serve,
    /// Apply pending database migrations, then exit.
    #[command(after_help = super::config::vars::help())]
    Migrate,
    /// Create a Super-Admin account. The password comes from STAFF_ONBOARDING_PASSWORD, or
    /// from a hidden prompt when that is unset.
    #[command(after_help = super::config::vars::help())]
    CreateSuperAdmin {
        #[arg(long)]
        email: String,
        #[arg(long)]
        username: String,
        /// Full name, e.g. "Alex Head".
        #[arg(long)]
        name: String,
        /// Contact phone number with its country code, e.g. "+44 7700 900123".
        #[arg(long)]
        phone: Option<String>,
    },
    /// Invite someone by email from the command line; a running server sends the email.
    #[command(after_help = super::config::vars::help())]
    Invite {
        /// The invitee's email address.
        #[arg(long)]
        email: String,
        /// Teacher or "Admin Staff".
        #[arg(long, default_value = "Teacher")]
        role: String,
        /// The language of the email and the setup page: en, es, fr or ar (default: the
        /// school's, SCHOOL_LANGUAGE).
        #[arg(long)]
        language: Option<String>,
    },
    /// Copy the SQLite database to a new file while the server runs (a consistent snapshot,
    /// `VACUUM INTO`). Keep the copy apart from the key file (`<database>.key`, or
    /// `SECRET_KEY`): the queued emails' links in the copy open only with it. For Postgres,
    /// use pg_dump.
    #[command(after_help = super::config::vars::help())]
    Backup {
        /// The new file to write, e.g. /var/backups/staff-onboarding-2026-12-06.db.
        path: std::path::PathBuf,
    },
    /// Fill an empty database with made-up invitations and accounts, for benchmarks (release
    /// builds only). The newest `--pending` are Pending; of the rest 70% are Accepted (with
    /// their accounts), 10% Revoked and 20% Expired, spread over `--years`.
    #[command(after_help = super::config::vars::help())]
    Seed {
        /// How many invitations to write.
        #[arg(long, default_value_t = 1_000_000)]
        invitations: u64,
        /// How many of the newest are still Pending (a start-of-term bulk invite).
        #[arg(long, default_value_t = 5_000)]
        pending: u64,
        /// How many years the older invitations are spread over.
        #[arg(long, default_value_t = 3)]
        years: u32,
    },
}

/// Exit status for a configuration error, as for a usage error.
const EXIT_CONFIG: u8 = 2;

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let settings = match Settings::from_env() {
        Ok(settings) => settings,
        Err(e) => {
            eprintln!("staff-onboarding: {e}");
            return ExitCode::from(EXIT_CONFIG);
        }
    };
    let _log_writer = telemetry::init(settings.log_format);

    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("staff-onboarding: could not start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let outcome = runtime.block_on(async move {
        match cli.command.unwrap_or(Command::Serve) {
            Command::Serve => serve(settings).await,
            Command::Migrate => migrate(settings).await,
            Command::Invite { email, role, language } => {
                invite(settings, &email, &role, language.as_deref()).await
            }
            Command::Backup { path } => backup(settings, &path).await,
            Command::Seed { invitations, pending, years } => {
                seed_database(settings, invitations, pending, years).await
            }
            Command::CreateSuperAdmin { email, username, name, phone } => {
                create_super_admin(settings, &email, &username, &name, phone.as_deref()).await
            }
        }
    });
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.downcast_ref::<ConfigError>().is_some() => {
            eprintln!("staff-onboarding: {e}");
            ExitCode::from(EXIT_CONFIG)
        }
        Err(e) => {
            tracing::error!("{e:#}");
            eprintln!("staff-onboarding: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn open_migrated(settings: &Settings) -> anyhow::Result<std::sync::Arc<store::Store>> {
    use anyhow::Context;
    let store = store::connect(&settings.database_url).await.with_context(|| {
        format!(
            "could not open the {} database (DATABASE_URL)",
            settings.database_url.backend_name()
        )
    })?;
    store.migrate().await.context("could not migrate the database")?;
    SessionBackend::on(&store).migrate().await.context("could not create the session table")?;
    Ok(store)
}

async fn serve(settings: Settings) -> anyhow::Result<()> {
    settings.check_before_serving()?;
    let store = open_migrated(&settings).await?;
    startup::serve(AppState::new(settings, store)?.with_school_sign_in().await?).await
}

async fn migrate(settings: Settings) -> anyhow::Result<()> {
    let store = open_migrated(&settings).await?;
    let applied = store.applied_migrations().await?;
    tracing::info!("database is up to date: {} migrations applied", applied.len());
    println!("{} database is up to date ({} migrations applied)", store.backend(), applied.len());
    store.close().await;
    Ok(())
}

async fn backup(settings: Settings, to: &std::path::Path) -> anyhow::Result<()> {
    use anyhow::Context;
    // Opened as it is: a backup changes nothing, not even the schema.
    let store = store::connect(&settings.database_url)
        .await
        .context("could not open the database (DATABASE_URL)")?;
    let outcome = store.backup_into(to).await;
    store.close().await;
    let bytes = outcome?;
    let key = match &settings.secret_key {
        crate::server::config::SecretKey::File(path) => format!("the key file {}", path.display()),
        _ => "SECRET_KEY".to_owned(),
    };
    println!(
        "Backed up the database to {} ({} KB). Store it apart from {key}: restoring needs \
         both, and the copy alone holds no working link.",
        to.display(),
        bytes.div_ceil(1024)
    );
    Ok(())
}

async fn invite(
    settings: Settings,
    email: &str,
    role: &str,
    language: Option<&str>,
) -> anyhow::Result<()> {
    let store = open_migrated(&settings).await?;
    let state = AppState::new(settings, store.clone())?;
    let outcome = state.invitations.invite_in(&Actor::system(), email, role, language).await;
    store.close().await;
    match outcome {
        Ok(invitation) => {
            println!(
                "Invited {} as {} (invitation {}); the running server emails the link.",
                invitation.email,
                invitation.role.label(),
                invitation.id
            );
            Ok(())
        }
        Err(e) => anyhow::bail!("{}", crate::server::i18n::english(&e)),
    }
}

async fn seed_database(
    settings: Settings,
    invitations: u64,
    pending: u64,
    years: u32,
) -> anyhow::Result<()> {
    use crate::server::{clock::Clock, passwords};
    anyhow::ensure!(
        !cfg!(debug_assertions),
        "seed is for benchmarks and needs a release build (cargo build --release --features ssr)"
    );
    anyhow::ensure!(invitations > 0, "--invitations must be at least 1");
    let store = open_migrated(&settings).await?;
    let invitations_stored: u64 = store
        .count_invitations(crate::domain::Timestamp(0), crate::domain::Timestamp(0))
        .await?
        .values()
        .map(|c| c.open + c.accepted + c.revoked)
        .sum();
    let staff = store.count_users_with_role(crate::domain::Role::Teacher).await?
        + store.count_users_with_role(crate::domain::Role::AdminStaff).await?;
    if invitations_stored > 0 || staff > 0 {
        store.close().await;
        anyhow::bail!(
            "seed fills an empty database, and this one already has {invitations_stored} \
             invitations and {staff} staff accounts; point DATABASE_URL at a new one"
        );
    }
    let plan = crate::server::seed::SeedPlan {
        invitations,
        pending,
        now: crate::server::clock::SystemClock.now(),
        ttl_ms: i64::try_from(settings.invite_ttl.as_millis()).unwrap_or(i64::MAX),
        span_ms: i64::from(years.max(1)) * 365 * 86_400_000,
        password_hash: passwords::hash_of_random_secret().await?,
    };
    let started = std::time::Instant::now();
    let outcome = crate::server::seed::write(&store, &plan).await;
    store.close().await;
    let written = outcome?;
    println!(
        "Seeded {written} invitations into the {} database in {:.1} s",
        store.backend(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Where `create-super-admin` reads the password from when it must not prompt.
const PASSWORD_VAR: &str = "STAFF_ONBOARDING_PASSWORD";

fn read_password() -> anyhow::Result<String> {
    if let Ok(password) = std::env::var(PASSWORD_VAR) {
        return Ok(password);
    }
    let first = rpassword::prompt_password("Password (at least 12 characters): ").map_err(|e| {
        anyhow::anyhow!("could not read the password ({e}); set {PASSWORD_VAR} instead")
    })?;
    let second = rpassword::prompt_password("The same password again: ").map_err(|e| {
        anyhow::anyhow!("could not read the password ({e}); set {PASSWORD_VAR} instead")
    })?;
    anyhow::ensure!(first == second, "the two passwords differ; nothing was created");
    Ok(first)
}

async fn create_super_admin(
    settings: Settings,
    email: &str,
    username: &str,
    name: &str,
    phone: Option<&str>,
) -> anyhow::Result<()> {
    let password = read_password()?;
    let store = open_migrated(&settings).await?;
    let state = AppState::new(settings, store.clone())?;
    let new = NewSuperAdmin { email, username, full_name: name, phone, password: &password };
    let outcome = state.accounts.create_super_admin(new).await;
    // A Super-Admin exists now: the printed first-admin link is withdrawn at once.
    let withdrawn = match &outcome {
        Ok(_) => state.invitations.bootstrap().await.map(|_| ()),
        Err(_) => Ok(()),
    };
    store.close().await;
    let user = outcome.map_err(|e| anyhow::anyhow!("{e}; nothing was created"))?;
    withdrawn
        .map_err(|e| anyhow::anyhow!("created, but the first-admin link is still open: {e}"))?;
    println!(
        "Created Super-Admin {} <{}>; sign in at {}login",
        user.username, user.email, state.settings.public_url
    );
    Ok(())
}
