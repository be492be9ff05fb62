use proptest::prelude::*;

use super::{Scanned, Script, scan};

fn scanned(sql: &str, used: &[usize], returns_rows: bool) -> Result<Scanned, String> {
    Ok(Scanned { sql: sql.to_owned(), used: used.to_vec(), returns_rows })
}

#[test]
fn placeholders_are_renumbered_in_order_of_first_use() {
    assert_eq!(
        scan("UPDATE t SET a = $7, b = $3 WHERE id = $7 AND c = $12"),
        scanned("UPDATE t SET a = $1, b = $2 WHERE id = $1 AND c = $3", &[7, 3, 12], false)
    );
    assert_eq!(scan("SELECT 1"), scanned("SELECT 1", &[], true));
}

#[test]
fn literals_quoted_names_and_comments_are_left_as_they_are() {
    let statement = "UPDATE t SET a = 'it''s $9', \"odd $8 name\" = $2 -- $7 returning\n\
                     /* $6 ? */ WHERE b = '?'";
    assert_eq!(
        scan(statement),
        scanned(
            "UPDATE t SET a = 'it''s $9', \"odd $8 name\" = $1 -- $7 returning\n\
             /* $6 ? */ WHERE b = '?'",
            &[2],
            false
        )
    );
}

#[test]
fn what_a_script_cannot_carry_is_refused() {
    for statement in [
        "SELECT 'unclosed",
        "SELECT \"unclosed",
        "SELECT 1 /* unclosed",
        "SELECT 1 /*/ unclosed",
        "SELECT $$dollar quoted$$",
        "SELECT $tag$x$tag$",
        "SELECT ?",
        "SELECT ?1",
    ] {
        assert!(scan(statement).is_err(), "{statement}");
    }
}

#[test]
fn statements_that_return_rows_are_told_apart() {
    let rows = |sql: &str| scan(sql).map(|s| s.returns_rows);
    for query in [
        "SELECT 1",
        "  select id FROM t",
        "WITH x AS (SELECT 1) SELECT * FROM x",
        "VALUES (1)",
        "INSERT INTO t (a) VALUES ($1) RETURNING id",
        "UPDATE t SET a = 1 returning a",
    ] {
        assert_eq!(rows(query), Ok(true), "{query}");
    }
    for write in [
        "INSERT INTO t (a) VALUES ((SELECT id FROM u WHERE k = $1))",
        "UPDATE t SET a = (SELECT 1) WHERE b = 'RETURNING'",
        "SAVEPOINT invitation",
        "RELEASE invitation",
        "DELETE FROM t -- returning\n",
    ] {
        assert_eq!(rows(write), Ok(false), "{write}");
    }
}

#[test]
fn a_statement_is_checked_as_it_is_added() {
    let mut script = Script::for_sqlite();
    let one = script.param(1_i64).unwrap();
    assert!(script.push(format!("INSERT INTO t (a) VALUES ({one})")).is_ok());
    assert!(script.push(format!("SELECT {one}")).is_err(), "rows through push");
    assert!(script.push_rows("UPDATE t SET a = 2").is_err(), "no rows through push_rows");
    assert!(script.push("UPDATE t SET a = $2").is_err(), "a parameter not added yet");
    assert!(script.push("UPDATE t SET a = $0").is_err(), "no parameter is $0");
    assert!(script.push_rows(format!("SELECT a FROM t WHERE a = {one}")).is_ok());
}

/// A piece of a statement: plain SQL, a placeholder, or text in which nothing is one.
#[derive(Debug, Clone)]
enum Piece {
    Plain(String),
    Placeholder(usize),
    Literal(String),
    Name(String),
    LineComment(String),
    BlockComment(String),
}

fn piece() -> impl Strategy<Value = Piece> {
    // Text inside quotes and comments may hold anything, `$`, `?` and the quote itself (doubled).
    let inside = "[a-z $?1-9'\"*/-]{0,8}";
    prop_oneof![
        "[a-z_ ,()=<>.0-9]{1,8}".prop_map(Piece::Plain),
        (1..40usize).prop_map(Piece::Placeholder),
        inside.prop_map(|s| Piece::Literal(s.replace('\'', "''"))),
        inside.prop_map(|s| Piece::Name(s.replace('"', "\"\""))),
        "[a-z $?'\"]{0,8}".prop_map(Piece::LineComment),
        "[a-z $?1-9'\"*-]{0,8}".prop_map(Piece::BlockComment),
    ]
}

proptest! {
    /// Whatever literals, quoted names and comments hold, the scan renumbers exactly the
    /// placeholders outside them and leaves every other character as it was.
    #[test]
    fn only_placeholders_outside_quotes_and_comments_are_renumbered(
        pieces in prop::collection::vec(piece(), 0..24)
    ) {
        let (mut statement, mut expected, mut used) = (String::new(), String::new(), Vec::new());
        for piece in &pieces {
            let text = match piece {
                Piece::Plain(s) => s.clone(),
                Piece::Placeholder(n) => {
                    let position = used.iter().position(|u| u == n).unwrap_or_else(|| {
                        used.push(*n);
                        used.len() - 1
                    });
                    statement.push_str(&format!(" ${n} "));
                    expected.push_str(&format!(" ${} ", position + 1));
                    continue;
                }
                Piece::Literal(s) => format!("'{s}'"),
                Piece::Name(s) => format!("\"{s}\""),
                Piece::LineComment(s) => format!("--{s}\n"),
                Piece::BlockComment(s) => format!("/*{s}*/"),
            };
            statement.push_str(&text);
            expected.push_str(&text);
        }
        let scanned = scan(&statement).map_err(TestCaseError::fail)?;
        prop_assert_eq!(scanned.sql, expected);
        prop_assert_eq!(scanned.used, used);
    }
}
