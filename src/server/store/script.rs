//! A change's statements as one script: run in order inside its transaction, sharing one
//! numbered parameter list. SQLite gets them as one multi-statement query, so the whole change
//! costs one hand-off to the writer connection's thread instead of one per statement: those
//! hand-offs are what a write transaction's time on SQLite's one writer is made of
//! (docs/performance.md). Postgres takes one statement per prepared query, so it gets them one
//! after another, each renumbered to the parameters it uses.
//!
//! What makes that safe is checked as each statement is added, not assumed: its placeholders
//! are read as the databases read them (never inside a string literal, a quoted name or a
//! comment), each stands for a parameter already added, and a statement returns rows only
//! when added with `push_rows`. `run` reads the rows of its last statement, so it refuses a
//! script where any other statement returns rows (SQLite would mix them in; Postgres would
//! drop them).

use sqlx::{
    Arguments, Encode, FromRow, Postgres, Sqlite, Type, error::BoxDynError, postgres::PgArguments,
    postgres::PgRow, sqlite::SqliteArguments, sqlite::SqliteRow,
};

use super::{Db, StoreError, Tx};

/// Adds one value to a Postgres statement's parameters.
type PgParam<'q> = Box<dyn Fn(&mut PgArguments) -> Result<(), BoxDynError> + Send + 'q>;

/// One statement, as written (with the script's numbers) and as Postgres takes it.
struct Statement {
    written: String,
    scanned: Scanned,
}

pub(crate) struct Script<'q> {
    statements: Vec<Statement>,
    args: Db<SqliteArguments<'q>, Vec<PgParam<'q>>>,
    count: usize,
}

impl<'q> Script<'q> {
    /// An empty script for the database `tx` runs on.
    pub(crate) fn for_tx(tx: &Tx) -> Self {
        let args = match tx {
            Db::Sqlite(_) => Db::Sqlite(SqliteArguments::default()),
            Db::Postgres(_) => Db::Postgres(Vec::new()),
        };
        Self { statements: Vec::new(), args, count: 0 }
    }

    /// An empty script for SQLite, run with `into_sqlite` (the group commit's).
    pub(crate) fn for_sqlite() -> Self {
        Self { statements: Vec::new(), args: Db::Sqlite(SqliteArguments::default()), count: 0 }
    }

    /// Adds a value to the parameter list; its placeholder (`$n`) for the statements.
    pub(crate) fn param<T>(&mut self, value: T) -> Result<String, StoreError>
    where
        T: 'q
            + Clone
            + Send
            + Sync
            + Encode<'q, Sqlite>
            + Type<Sqlite>
            + Encode<'q, Postgres>
            + Type<Postgres>,
    {
        match &mut self.args {
            Db::Sqlite(args) => {
                args.add(value).map_err(|e| StoreError::from(sqlx::Error::Encode(e)))?
            }
            Db::Postgres(params) => params.push(Box::new(move |args| args.add(value.clone()))),
        }
        self.count += 1;
        Ok(format!("${}", self.count))
    }

    /// Appends a statement that returns no rows.
    pub(crate) fn push(&mut self, statement: impl Into<String>) -> Result<(), StoreError> {
        self.add(statement.into(), false)
    }

    /// Appends a statement whose rows the caller reads: `run`'s last, or one of the group
    /// commit's (`into_sqlite`, whose rows come in the order of their statements).
    pub(crate) fn push_rows(&mut self, statement: impl Into<String>) -> Result<(), StoreError> {
        self.add(statement.into(), true)
    }

    fn add(&mut self, written: String, rows: bool) -> Result<(), StoreError> {
        let scanned = scan(&written).map_err(|why| malformed(&why, &written))?;
        if scanned.returns_rows != rows {
            let why = if rows { "it returns no rows" } else { "it returns rows (use push_rows)" };
            return Err(malformed(why, &written).into());
        }
        if let Some(n) = scanned.used.iter().find(|&&n| n == 0 || n > self.count) {
            return Err(malformed(&format!("${n} is no parameter added so far"), &written).into());
        }
        self.statements.push(Statement { written, scanned });
        Ok(())
    }

    /// Runs the statements in `tx`; the rows of the last one, the only one that may return
    /// rows.
    pub(crate) async fn run<T>(self, tx: &mut Tx) -> Result<Vec<T>, sqlx::Error>
    where
        T: Send + Unpin + for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow>,
    {
        let Some((last, rest)) = self.statements.split_last() else {
            return Ok(Vec::new());
        };
        if let Some(early) = rest.iter().find(|s| s.scanned.returns_rows) {
            return Err(malformed("only the last statement may return rows", &early.written));
        }
        match (tx.conn(), self.args) {
            (Db::Sqlite(c), Db::Sqlite(args)) => {
                let sql = joined(&self.statements);
                sqlx::query_as_with(&sql, args).fetch_all(c).await
            }
            (Db::Postgres(c), Db::Postgres(params)) => {
                for statement in rest {
                    let args = postgres_args(&statement.scanned, &params)?;
                    sqlx::query_with(&statement.scanned.sql, args).execute(&mut *c).await?;
                }
                let args = postgres_args(&last.scanned, &params)?;
                sqlx::query_as_with(&last.scanned.sql, args).fetch_all(c).await
            }
            _ => Err(sqlx::Error::Protocol("a script ran on the other database".into())),
        }
    }

    /// The script as SQLite runs it: one multi-statement query and its parameters.
    pub(crate) fn into_sqlite(self) -> Result<(String, SqliteArguments<'q>), StoreError> {
        match self.args {
            Db::Sqlite(args) => Ok((joined(&self.statements), args)),
            Db::Postgres(_) => {
                Err(sqlx::Error::Protocol("a script ran on the other database".into()).into())
            }
        }
    }

    /// Runs statements that return no rows.
    pub(crate) async fn execute(self, tx: &mut Tx) -> Result<(), sqlx::Error> {
        self.run::<(i64,)>(tx).await.map(|_| ())
    }
}

fn malformed(why: &str, statement: &str) -> sqlx::Error {
    sqlx::Error::Protocol(format!("a malformed script statement ({why}): {statement}"))
}

fn joined(statements: &[Statement]) -> String {
    let written: Vec<&str> = statements.iter().map(|s| s.written.as_str()).collect();
    written.join(";\n")
}

/// The values a renumbered statement's placeholders stand for, in its order.
fn postgres_args(scanned: &Scanned, params: &[PgParam<'_>]) -> Result<PgArguments, sqlx::Error> {
    let mut args = PgArguments::default();
    for &n in &scanned.used {
        let add = n
            .checked_sub(1)
            .and_then(|i| params.get(i))
            .ok_or_else(|| sqlx::Error::Protocol(format!("no parameter ${n} in the script")))?;
        add(&mut args).map_err(sqlx::Error::Encode)?;
    }
    Ok(args)
}

/// A statement as the databases read it.
#[derive(Debug, PartialEq, Eq)]
struct Scanned {
    /// Its placeholders renumbered `$1`, `$2`… in order of first use.
    sql: String,
    /// The script's numbers they stood for, in that order.
    used: Vec<usize>,
    /// It is a query (`SELECT`, `VALUES`, `WITH`…) or has a `RETURNING` clause.
    returns_rows: bool,
}

/// Reads `statement` outside its string literals, quoted names and comments; refuses what a
/// script can't carry: an unclosed literal or comment, a `$` that is no `$n` (Postgres's
/// dollar quoting) and SQLite's `?` placeholders.
fn scan(statement: &str) -> Result<Scanned, String> {
    let mut sql = String::with_capacity(statement.len());
    let mut used: Vec<usize> = Vec::new();
    let mut first_word: Option<&str> = None;
    let mut returning = false;
    let mut rest = statement;
    while let Some(c) = rest.chars().next() {
        let taken = match c {
            '\'' | '"' => quoted(rest, c).ok_or("an unclosed quote")?,
            '-' if rest.starts_with("--") => rest.find('\n').unwrap_or(rest.len()),
            '/' if rest.starts_with("/*") => rest[2..].find("*/").ok_or("an unclosed comment")? + 4,
            '?' => return Err("a `?` placeholder (the script's are `$n`)".into()),
            '$' => {
                let digits = rest[1..].bytes().take_while(u8::is_ascii_digit).count();
                let n: usize = rest[1..1 + digits]
                    .parse()
                    .map_err(|_| "a `$` that is no `$n` placeholder".to_owned())?;
                let position = used.iter().position(|&u| u == n).unwrap_or_else(|| {
                    used.push(n);
                    used.len() - 1
                });
                sql.push_str(&format!("${}", position + 1));
                rest = &rest[1 + digits..];
                continue;
            }
            c if c.is_alphabetic() || c == '_' => {
                let len =
                    rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len());
                let word = &rest[..len];
                first_word.get_or_insert(word);
                returning |= word.eq_ignore_ascii_case("returning");
                len
            }
            c => c.len_utf8(),
        };
        sql.push_str(&rest[..taken]);
        rest = &rest[taken..];
    }
    let query = ["select", "values", "with", "pragma", "explain", "show", "table"];
    let returns_rows = returning
        || first_word.is_some_and(|word| query.iter().any(|q| word.eq_ignore_ascii_case(q)));
    Ok(Scanned { sql, used, returns_rows })
}

/// The length of the quoted text `rest` starts with (quote `q`, doubled inside), closing
/// quote included; `None` when it is never closed.
fn quoted(rest: &str, q: char) -> Option<usize> {
    let mut at = 1;
    loop {
        at += rest[at..].find(q)? + 1;
        if !rest[at..].starts_with(q) {
            return Some(at);
        }
        at += 1;
    }
}

#[cfg(test)]
mod tests;
