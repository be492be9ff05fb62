//! A change's statements as one script: run in order inside its transaction, sharing one
//! numbered parameter list. SQLite gets them as one multi-statement query, so the whole change
//! costs one hand-off to the writer connection's thread instead of one per statement: those
//! hand-offs are what a write transaction's time on SQLite's one writer is made of
//! (docs/performance.md). Postgres takes one statement per prepared query, so it gets them one after
//! another, each renumbered to the parameters it uses.

use sqlx::{
    Arguments, Encode, FromRow, Postgres, Sqlite, Type, error::BoxDynError, postgres::PgArguments,
    postgres::PgRow, sqlite::SqliteArguments, sqlite::SqliteRow,
};

use super::{Db, StoreError, Tx};

/// Adds one value to a Postgres statement's parameters.
type PgParam<'q> = Box<dyn Fn(&mut PgArguments) -> Result<(), BoxDynError> + Send + 'q>;

pub(crate) struct Script<'q> {
    statements: Vec<String>,
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

    /// Appends a statement; for `run`, only the last one may return rows.
    pub(crate) fn push(&mut self, statement: impl Into<String>) {
        self.statements.push(statement.into());
    }

    /// Runs the statements in `tx`; the rows of the last one.
    pub(crate) async fn run<T>(self, tx: &mut Tx) -> Result<Vec<T>, sqlx::Error>
    where
        T: Send + Unpin + for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow>,
    {
        match (tx.conn(), self.args) {
            (Db::Sqlite(c), Db::Sqlite(args)) => {
                let sql = self.statements.join(";\n");
                sqlx::query_as_with(&sql, args).fetch_all(c).await
            }
            (Db::Postgres(c), Db::Postgres(params)) => {
                let Some((last, rest)) = self.statements.split_last() else {
                    return Ok(Vec::new());
                };
                for statement in rest {
                    let (sql, args) = on_postgres(statement, &params)?;
                    sqlx::query_with(&sql, args).execute(&mut *c).await?;
                }
                let (sql, args) = on_postgres(last, &params)?;
                sqlx::query_as_with(&sql, args).fetch_all(c).await
            }
            _ => Err(sqlx::Error::Protocol("a script ran on the other database".into())),
        }
    }

    /// The script as SQLite runs it: one multi-statement query and its parameters.
    pub(crate) fn into_sqlite(self) -> Result<(String, SqliteArguments<'q>), StoreError> {
        match self.args {
            Db::Sqlite(args) => Ok((self.statements.join(";\n"), args)),
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

/// `statement` ready for Postgres, where a prepared statement takes exactly its own
/// parameters: renumbered, with the values its placeholders stand for.
fn on_postgres(
    statement: &str,
    params: &[PgParam<'_>],
) -> Result<(String, PgArguments), sqlx::Error> {
    let (sql, used) = renumber(statement);
    let mut args = PgArguments::default();
    for n in used {
        let add = n
            .checked_sub(1)
            .and_then(|i| params.get(i))
            .ok_or_else(|| sqlx::Error::Protocol(format!("no parameter ${n} in the script")))?;
        add(&mut args).map_err(sqlx::Error::Encode)?;
    }
    Ok((sql, args))
}

/// `statement` with its placeholders renumbered `$1`, `$2`… in order of first use, and the
/// script's numbers they stood for. (The store's SQL has no `$` inside a string literal.)
fn renumber(statement: &str) -> (String, Vec<usize>) {
    let mut sql = String::with_capacity(statement.len());
    let mut used: Vec<usize> = Vec::new();
    let mut rest = statement;
    while let Some(at) = rest.find('$') {
        sql.push_str(&rest[..at]);
        let digits = rest[at + 1..].bytes().take_while(u8::is_ascii_digit).count();
        let Ok(n) = rest[at + 1..at + 1 + digits].parse::<usize>() else {
            sql.push('$');
            rest = &rest[at + 1..];
            continue;
        };
        let position = used.iter().position(|&u| u == n).unwrap_or_else(|| {
            used.push(n);
            used.len() - 1
        });
        sql.push_str(&format!("${}", position + 1));
        rest = &rest[at + 1 + digits..];
    }
    sql.push_str(rest);
    (sql, used)
}

#[cfg(test)]
mod tests {
    use super::renumber;

    #[test]
    fn placeholders_are_renumbered_in_order_of_first_use() {
        assert_eq!(
            renumber("UPDATE t SET a = $7, b = $3 WHERE id = $7 AND c = $12"),
            ("UPDATE t SET a = $1, b = $2 WHERE id = $1 AND c = $3".to_owned(), vec![7, 3, 12])
        );
        assert_eq!(renumber("SELECT 1"), ("SELECT 1".to_owned(), vec![]));
        assert_eq!(renumber("SELECT '$'"), ("SELECT '$'".to_owned(), vec![]));
    }
}
