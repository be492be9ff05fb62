//! The dashboard's reads of `invitations`: a filtered, ordered page of rows (keyset paging),
//! the counts per role and stored state, and the change fingerprint of live updates.

use std::collections::HashMap;

use super::{
    Db, Expiry, InvitationFilter, InvitationRecord, OrderBy, StateCounts, Store, StoreError,
    error::{corrupt, stored_role},
    invitations::{COLUMNS, InvitationRow},
    on,
};
use crate::domain::{ChangeStamp, Role, Timestamp};

/// A value bound to a listing's statement.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Arg {
    Int(i64),
    Text(String),
}

impl Store {
    /// Up to `filter.limit` invitations matching the filter, in its order, after its cursor.
    pub async fn list_invitations(
        &self,
        filter: &InvitationFilter,
    ) -> Result<Vec<InvitationRecord>, StoreError> {
        let search = self.search_plan(filter.email_contains.as_deref()).await?;
        let (sql, args) = listing_sql(filter, search);
        let rows: Vec<InvitationRow> = on!(self.read(), |c| {
            let mut query = sqlx::query_as(&sql);
            for arg in &args {
                query = match arg {
                    Arg::Int(value) => query.bind(*value),
                    Arg::Text(value) => query.bind(value.as_str()),
                };
            }
            query.fetch_all(c).await
        })?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    /// How this store looks up a search text. On SQLite the trigram table answers a rare
    /// text in a few milliseconds, but a text most addresses hold (the school's domain) would
    /// give it a million rows to sort; so when more than `COMMON` addresses hold the text, the
    /// listing scans in page order instead, where matches are dense and a page fills within
    /// the first few thousand rows. Postgres's planner makes that choice itself.
    async fn search_plan(&self, text: Option<&str>) -> Result<Search, StoreError> {
        const COMMON: i64 = 5_000;
        let Some(text) = text.filter(|t| t.chars().count() >= TRIGRAM) else {
            return Ok(Search::Like);
        };
        let Db::Sqlite(_) = &self.db else { return Ok(Search::Like) };
        let sql = "SELECT COUNT(*) FROM (SELECT 1 FROM invitation_emails \
                   WHERE invitation_emails MATCH $1 LIMIT $2)";
        let phrase = phrase_of(text);
        let (holding,): (i64,) = on!(self.read(), |c| sqlx::query_as(sql)
            .bind(phrase.as_str())
            .bind(COMMON + 1)
            .fetch_one(c)
            .await)?;
        Ok(if holding > COMMON { Search::Like } else { Search::SqliteTrigrams })
    }

    /// How many invitations of each role are in each stored state, how many open ones run
    /// out after `at`, and how many of those by `soon`. The stored states come from the maintained `invitation_counts`
    /// (migration 0005), a few dozen rows however many invitations there are; the running
    /// ones from the (state, expires_at) index, only the recent invitations.
    pub async fn count_invitations(
        &self,
        at: Timestamp,
        soon: Timestamp,
    ) -> Result<HashMap<Role, StateCounts>, StoreError> {
        let sql = "SELECT role, state, CAST(SUM(n) AS BIGINT) FROM invitation_counts \
                   GROUP BY role, state \
                   UNION ALL \
                   SELECT role, 'running', COUNT(*) FROM invitations \
                   WHERE state = 'open' AND expires_at > $1 GROUP BY role \
                   UNION ALL \
                   SELECT role, 'soon', COUNT(*) FROM invitations \
                   WHERE state = 'open' AND expires_at > $1 AND expires_at <= $2 GROUP BY role";
        let rows: Vec<(String, String, i64)> =
            on!(self.read(), |c| sqlx::query_as(sql).bind(at.0).bind(soon.0).fetch_all(c).await)?;
        let mut counts = HashMap::<Role, StateCounts>::new();
        for (role, state, n) in rows {
            let entry = counts.entry(stored_role(&role)?).or_default();
            let n = u64::try_from(n).unwrap_or(0);
            match state.as_str() {
                "open" => entry.open += n,
                "accepted" => entry.accepted += n,
                "revoked" => entry.revoked += n,
                "running" => entry.open_running += n,
                "soon" => entry.open_soon += n,
                other => return Err(corrupt("invitation state", other)),
            }
        }
        Ok(counts)
    }

    /// The Invites page's change fingerprint as of `now` (see `ChangeStamp`): its next
    /// moment is the next expiry, or the next moment a link comes within `window` of its
    /// expiry ("Expiring soon"), whichever is first. Every part is answered from an index:
    /// the events' primary key, and (state, expires_at).
    pub async fn change_stamp(
        &self,
        now: Timestamp,
        window: std::time::Duration,
    ) -> Result<ChangeStamp, StoreError> {
        let sql = "SELECT (SELECT MAX(id) FROM invitation_events), \
                          (SELECT MIN(expires_at) FROM invitations \
                            WHERE state = 'open' AND expires_at > $1), \
                          (SELECT MIN(expires_at) FROM invitations \
                            WHERE state = 'open' AND expires_at > $2)";
        let (last_event, next_expiry, next_soon): (Option<i64>, Option<i64>, Option<i64>) =
            on!(self.read(), |c| sqlx::query_as(sql)
                .bind(now.0)
                .bind(now.plus(window).0)
                .fetch_one(c)
                .await)?;
        let next_soon = next_soon.map(|at| Timestamp(at).minus(window));
        Ok(ChangeStamp {
            last_event: last_event.unwrap_or(0),
            next_expiry: next_expiry.map(Timestamp).into_iter().chain(next_soon).min(),
        })
    }
}

/// How a search by part of an address is looked up (see `Store::search_plan`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Search {
    /// `LIKE '%…%'`: on Postgres the pg_trgm GIN index answers it when that pays; on SQLite
    /// it scans in page order (text under 3 characters, or held by many addresses).
    Like,
    /// SQLite: a phrase query on the FTS5 trigram table (migration 0008), which matches any
    /// address holding the text.
    SqliteTrigrams,
}

/// The shortest text a trigram index can look up.
const TRIGRAM: usize = 3;

/// The listing's statement and the values it binds, in order (`$1`, `$2`, …).
fn listing_sql(filter: &InvitationFilter, search: Search) -> (String, Vec<Arg>) {
    let mut sql = format!("SELECT {COLUMNS} FROM invitations WHERE ");
    let mut args = Vec::new();
    let mut bind = |sql: &mut String, arg: Arg| {
        args.push(arg);
        sql.push_str(&format!("${}", args.len()));
    };
    if filter.roles.is_empty() {
        sql.push_str("0 = 1");
    } else {
        sql.push_str("role IN (");
        for (i, role) in filter.roles.iter().enumerate() {
            if i > 0 {
                sql.push_str(", ");
            }
            bind(&mut sql, Arg::Text(role.as_str().to_owned()));
        }
        sql.push(')');
    }
    if let Some(lifecycle) = filter.lifecycle {
        sql.push_str(" AND state = ");
        bind(&mut sql, Arg::Text(lifecycle.as_str().to_owned()));
    }
    match filter.expiry {
        Some(Expiry::After(at)) => {
            sql.push_str(" AND expires_at > ");
            bind(&mut sql, Arg::Int(at.0));
        }
        Some(Expiry::NotAfter(at)) => {
            sql.push_str(" AND expires_at <= ");
            bind(&mut sql, Arg::Int(at.0));
        }
        Some(Expiry::Between(after, not_after)) => {
            sql.push_str(" AND expires_at > ");
            bind(&mut sql, Arg::Int(after.0));
            sql.push_str(" AND expires_at <= ");
            bind(&mut sql, Arg::Int(not_after.0));
        }
        None => {}
    }
    match filter.email_contains.as_deref() {
        Some(text) if search == Search::SqliteTrigrams && text.chars().count() >= TRIGRAM => {
            sql.push_str(
                " AND id IN (SELECT rowid FROM invitation_emails WHERE invitation_emails MATCH ",
            );
            bind(&mut sql, Arg::Text(phrase_of(text)));
            sql.push(')');
        }
        Some(text) => {
            sql.push_str(" AND email_key LIKE ");
            bind(&mut sql, Arg::Text(contains_pattern(text)));
            sql.push_str(" ESCAPE '\\'");
        }
        None => {}
    }
    let column = match filter.order.by {
        OrderBy::SentAt => "sent_at",
        OrderBy::ExpiresAt => "expires_at",
    };
    let (compare, direction) = match filter.order.descending {
        true => ("<", "DESC"),
        false => (">", "ASC"),
    };
    if let Some(after) = filter.after {
        sql.push_str(&format!(" AND ({column}, id) {compare} ("));
        bind(&mut sql, Arg::Int(after.value));
        sql.push_str(", ");
        bind(&mut sql, Arg::Int(after.id));
        sql.push(')');
    }
    sql.push_str(&format!(" ORDER BY {column} {direction}, id {direction} LIMIT "));
    bind(&mut sql, Arg::Int(i64::from(filter.limit)));
    (sql, args)
}

/// The text as one FTS5 phrase: as it is, its quotes doubled, nothing an operator.
fn phrase_of(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// `%text%` for LIKE, with the wildcards in the person's text matched literally.
fn contains_pattern(text: &str) -> String {
    let mut pattern = String::with_capacity(text.len() + 2);
    pattern.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Cursor, Lifecycle};
    use crate::server::store::Order;

    #[test]
    fn every_value_is_bound_and_numbered_in_order() {
        let filter = InvitationFilter {
            roles: vec![Role::Teacher],
            lifecycle: Some(Lifecycle::Open),
            expiry: Some(Expiry::After(Timestamp(7))),
            email_contains: Some("o'brien%".into()),
            order: Order { by: OrderBy::ExpiresAt, descending: false },
            after: Some(Cursor { value: 9, id: 3 }),
            limit: 51,
        };
        let (sql, args) = listing_sql(&filter, Search::Like);
        assert!(!sql.contains("o'brien"), "{sql}");
        assert!(
            sql.contains("role IN ($1) AND state = $2 AND expires_at > $3 AND email_key LIKE $4"),
            "{sql}"
        );
        assert!(
            sql.ends_with("(expires_at, id) > ($5, $6) ORDER BY expires_at ASC, id ASC LIMIT $7"),
            "{sql}"
        );
        assert_eq!(
            args,
            vec![
                Arg::Text("teacher".into()),
                Arg::Text("open".into()),
                Arg::Int(7),
                Arg::Text("%o'brien\\%%".into()),
                Arg::Int(9),
                Arg::Int(3),
                Arg::Int(51)
            ]
        );
    }

    #[test]
    fn no_roles_match_nothing() {
        let filter = InvitationFilter {
            roles: vec![],
            lifecycle: None,
            expiry: None,
            email_contains: None,
            order: Order { by: OrderBy::SentAt, descending: true },
            after: None,
            limit: 5,
        };
        let (sql, args) = listing_sql(&filter, Search::SqliteTrigrams);
        assert!(sql.contains("WHERE 0 = 1 ORDER BY sent_at DESC, id DESC LIMIT $1"), "{sql}");
        assert_eq!(args, vec![Arg::Int(5)]);
    }

    #[test]
    fn sqlite_searches_its_trigram_table_with_one_literal_phrase() {
        let filter = |text: &str| InvitationFilter {
            roles: vec![Role::Teacher],
            lifecycle: None,
            expiry: None,
            email_contains: Some(text.into()),
            order: Order { by: OrderBy::SentAt, descending: true },
            after: None,
            limit: 5,
        };
        let (sql, args) = listing_sql(&filter("say \"hi\" OR x*"), Search::SqliteTrigrams);
        assert!(
            sql.contains(
                "AND id IN (SELECT rowid FROM invitation_emails WHERE invitation_emails MATCH $2)"
            ),
            "{sql}"
        );
        assert_eq!(args[1], Arg::Text("\"say \"\"hi\"\" OR x*\"".into()));
        // Two characters have no trigram: a scan, as on Postgres.
        let (sql, args) = listing_sql(&filter("ab"), Search::SqliteTrigrams);
        assert!(sql.contains("AND email_key LIKE $2 ESCAPE"), "{sql}");
        assert_eq!(args[1], Arg::Text("%ab%".into()));
    }
}
