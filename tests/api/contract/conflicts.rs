//! Violations of the schema's rules are told apart by the rule's name, per backend: each
//! unique index a person's input can run into has its conflict (`CONFLICT_RULES`), and every
//! other one is listed here as never the person's doing, so a new unique index fails this
//! test until it is put in one list or the other; every rule a trigger raises must have its
//! conflict, or be the admin's (`ACTOR_RULE`, which refuses as a deactivated account's write).
//! A violation with no conflict is an unexpected error, never a sentence about
//! something else: a link's secret used twice once read "A user with this email already
//! exists" (the group commit's unit test holds that).

use staff_onboarding::server::store::{ACTOR_RULE, CONFLICT_RULES, Pool};

use crate::support::db::{TestDb, for_each_backend};

for_each_backend!(
    every_unique_index_has_its_rule_or_is_never_from_input,
    every_rule_a_trigger_raises_has_its_conflict,
);

/// Unique indexes no input of a person can violate: primary keys, a link's random secret,
/// bookkeeping tables. SQLite's by table and columns, Postgres's by name.
const NEVER_FROM_INPUT_SQLITE: &[&str] = &[
    "invitation_tokens.token_hash",
    "invitation_counts.role, invitation_counts.state, invitation_counts.slot",
    "rate_limits.bucket, rate_limits.subject",
    "sign_in_devices.id",
    // A random UUID each, and a ceremony's random secret's hash.
    "users.webauthn_handle",
    "passkey_ceremonies.id",
    "school_sign_in_trips.id",
    "sign_in_links.token_hash",
    // tower-sessions' random session ids (its table is in the migrations since 0019).
    "tower_sessions.id",
    "bulk_job_rows.job_id, bulk_job_rows.line",
    "_sqlx_migrations.version",
    // The email search's FTS5 tables, which SQLite keeps itself.
    "invitation_emails_idx.segid, invitation_emails_idx.term",
    "invitation_emails_config.k",
];
const NEVER_FROM_INPUT_POSTGRES: &[&str] = &[
    "invitation_tokens_token_hash_key",
    "invitation_counts_pkey",
    "rate_limits_pkey",
    "sign_in_devices_pkey",
    "users_webauthn_handle",
    "passkey_ceremonies_pkey",
    "passkeys_pkey",
    "school_sign_in_trips_pkey",
    "school_accounts_pkey",
    "sign_in_links_token_hash",
    "sign_in_links_pkey",
    "bulk_job_rows_pkey",
    "users_pkey",
    "invitations_pkey",
    "invitation_tokens_pkey",
    "invitation_events_pkey",
    "outbox_pkey",
    "dev_mailbox_pkey",
    "account_events_pkey",
    "bulk_jobs_pkey",
    "_sqlx_migrations_pkey",
];

async fn every_unique_index_has_its_rule_or_is_never_from_input(db: &TestDb) {
    let store = db.open().await;
    store.migrate().await.unwrap();
    let unknown: Vec<String> = match store.pool() {
        Pool::Sqlite(pool) => {
            let tables: Vec<(String,)> =
                sqlx::query_as("SELECT name FROM sqlite_master WHERE type = 'table'")
                    .fetch_all(&pool)
                    .await
                    .unwrap();
            let mut found = Vec::new();
            for (table,) in tables {
                let sql = format!("SELECT name, \"unique\" FROM pragma_index_list('{table}')");
                let indexes: Vec<(String, i64)> =
                    sqlx::query_as(&sql).fetch_all(&pool).await.unwrap();
                for (index, unique) in indexes {
                    if unique == 0 {
                        continue;
                    }
                    let sql =
                        format!("SELECT name FROM pragma_index_info('{index}') ORDER BY seqno");
                    let columns: Vec<(String,)> =
                        sqlx::query_as(&sql).fetch_all(&pool).await.unwrap();
                    let columns: Vec<String> =
                        columns.into_iter().map(|(c,)| format!("{table}.{c}")).collect();
                    found.push(columns.join(", "));
                }
            }
            found
                .into_iter()
                .filter(|name| !CONFLICT_RULES.iter().any(|(_, columns, _)| columns == name))
                .filter(|name| !NEVER_FROM_INPUT_SQLITE.contains(&name.as_str()))
                .collect()
        }
        Pool::Postgres(pool) => {
            let sql = "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' \
                       AND indexdef LIKE 'CREATE UNIQUE INDEX%'";
            let found: Vec<(String,)> = sqlx::query_as(sql).fetch_all(&pool).await.unwrap();
            found
                .into_iter()
                .map(|(name,)| name)
                .filter(|name| !CONFLICT_RULES.iter().any(|(index, _, _)| index == name))
                .filter(|name| !NEVER_FROM_INPUT_POSTGRES.contains(&name.as_str()))
                .collect()
        }
    };
    assert!(unknown.is_empty(), "unique indexes with no rule and not listed: {unknown:?}");
}

/// The names between `open` and the next `'` in `text`.
fn quoted_after<'t>(text: &'t str, open: &str) -> Vec<&'t str> {
    text.match_indices(open)
        .filter_map(|(at, _)| {
            let rest = &text[at + open.len()..];
            rest.find('\'').map(|end| &rest[..end])
        })
        .collect()
}

async fn every_rule_a_trigger_raises_has_its_conflict(db: &TestDb) {
    let store = db.open().await;
    store.migrate().await.unwrap();
    let raised: Vec<String> = match store.pool() {
        Pool::Sqlite(pool) => {
            let sql = "SELECT sql FROM sqlite_master WHERE type = 'trigger'";
            let triggers: Vec<(String,)> = sqlx::query_as(sql).fetch_all(&pool).await.unwrap();
            let texts = triggers.iter().map(|(sql,)| sql.as_str());
            texts.flat_map(|sql| quoted_after(sql, "RAISE(ABORT, '")).map(str::to_owned).collect()
        }
        Pool::Postgres(pool) => {
            let sql = "SELECT p.prosrc FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace \
                       WHERE n.nspname = 'public' AND p.prolang = \
                       (SELECT oid FROM pg_language WHERE lanname = 'plpgsql')";
            let bodies: Vec<(String,)> = sqlx::query_as(sql).fetch_all(&pool).await.unwrap();
            let texts = bodies.iter().map(|(body,)| body.as_str());
            texts.flat_map(|body| quoted_after(body, "CONSTRAINT = '")).map(str::to_owned).collect()
        }
    };
    assert!(!raised.is_empty(), "the schema raises at least the account rule");
    for name in &raised {
        let known = CONFLICT_RULES.iter().any(|(pg, sqlite, _)| pg == name || sqlite == name);
        let known = known || name == ACTOR_RULE;
        assert!(known, "the rule {name} a trigger raises has no conflict in CONFLICT_RULES");
    }
}
