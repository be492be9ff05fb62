//! Bulk invite: a pasted list or a CSV of `email,role`, read into rows the admin previews
//! before sending. Each valid row then goes through the same service call as one invite.

use serde::{Deserialize, Serialize};

use super::{Email, LocalTime, Role};
use crate::message::{Message, Sentence};

/// At most this many rows per bulk invite, so one paste cannot flood the outbox by mistake.
pub const MAX_BULK_ROWS: usize = 1000;

/// What the browser can tell about a row by itself; the server adds "already a user" and
/// "already invited".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum BulkVerdict {
    Valid {
        email: String,
        role: Role,
        /// The optional third column; `None`: the school's language.
        language: Option<crate::Language>,
    },
    /// The same address appears on an earlier line.
    Duplicate {
        first_line: usize,
    },
    Invalid(Message),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkRow {
    /// 1-based line in what was pasted or uploaded.
    pub line: usize,
    /// The line as written, for the preview.
    pub raw: String,
    pub verdict: BulkVerdict,
}

/// Reads `email,role[,language]` lines (comma, semicolon or tab; quotes allowed; an
/// `email,role` header and blank lines skipped). A line without a role is refused rather
/// than guessed; the language is a tag (`es`), and left out means the school's.
pub fn parse_bulk(text: &str) -> Result<Vec<BulkRow>, Message> {
    let mut rows: Vec<BulkRow> = Vec::new();
    let mut seen: Vec<(String, usize)> = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let trimmed = raw.trim().trim_start_matches('\u{feff}');
        if trimmed.is_empty() {
            continue;
        }
        let cells: Vec<String> = trimmed
            .split([',', ';', '\t'])
            .map(|cell| cell.trim().trim_matches('"').trim().to_owned())
            .collect();
        if rows.is_empty()
            && seen.is_empty()
            && cells.first().is_some_and(|c| c.eq_ignore_ascii_case("email"))
        {
            continue;
        }
        if rows.len() == MAX_BULK_ROWS {
            return Err(Message::new("bulk-too-many").number("max", MAX_BULK_ROWS));
        }
        let verdict = match (cells.first().map(String::as_str), cells.get(1).map(String::as_str)) {
            (Some(email), role) => match (Email::parse(email), role.filter(|r| !r.is_empty())) {
                (Err(e), _) => BulkVerdict::Invalid(e.message()),
                (Ok(_), None) => BulkVerdict::Invalid(Message::new("bulk-role-missing")),
                (Ok(email), Some(role)) => {
                    let language = cells.get(2).map(|c| c.trim()).filter(|c| !c.is_empty());
                    match (Role::parse_invitable(role), language.map(crate::Language::parse)) {
                        (Err(e), _) => BulkVerdict::Invalid(e.message()),
                        (Ok(_), Some(None)) => {
                            BulkVerdict::Invalid(Message::new("invite-language-unknown"))
                        }
                        (Ok(role), language) => {
                            match seen.iter().find(|(key, _)| *key == email.key()) {
                                Some((_, first_line)) => {
                                    BulkVerdict::Duplicate { first_line: *first_line }
                                }
                                None => {
                                    seen.push((email.key(), line));
                                    let email = email.as_str().to_owned();
                                    BulkVerdict::Valid { email, role, language: language.flatten() }
                                }
                            }
                        }
                    }
                }
            },
            (None, _) => continue,
        };
        rows.push(BulkRow { line, raw: trimmed.to_owned(), verdict });
    }
    Ok(rows)
}

/// A checked row handed to the server for a bulk job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkRowInput {
    pub line: usize,
    pub email: String,
    pub role: Role,
    /// The invitation's language; `None`: the school's.
    #[serde(default)]
    pub language: Option<crate::Language>,
}

/// What became of a bulk job's row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum BulkRowResult {
    Waiting,
    Invited,
    /// Not invited, and why.
    Refused(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkJobRow {
    pub line: usize,
    pub email: String,
    pub role: Role,
    pub result: BulkRowResult,
}

/// A bulk job as any Super-Admin sees it: who started it and when, how far it got, and (when
/// asked for) its rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkJobView {
    pub id: i64,
    pub by: String,
    pub started_at: LocalTime,
    pub finished_at: Option<LocalTime>,
    pub total: u32,
    pub invited: u32,
    pub refused: u32,
    pub rows: Vec<BulkJobRow>,
}

impl BulkJobView {
    pub fn done(&self) -> u32 {
        self.invited + self.refused
    }

    /// "120 of 300 done: 118 invited so far" while it runs; "Finished: 300 invited, 5 not
    /// invited" once finished.
    pub fn progress(&self) -> Message {
        match &self.finished_at {
            None => Message::new("bulk-progress-running")
                .number("done", self.done())
                .number("total", self.total)
                .number("invited", self.invited),
            Some(_) => Message::new("bulk-progress-finished")
                .number("invited", self.invited)
                .number("refused", self.refused),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rows_with_a_verdict_each() {
        let text = "email,role\n\
                    sam@school.org, Teacher\n\
                    \n\
                    \"kim@school.org\";Admin Staff\n\
                    not-an-email,Teacher\n\
                    SAM@school.org,Teacher\n\
                    lee@school.org\n\
                    pat@school.org\tSuper-Admin\n";
        let rows = parse_bulk(text).unwrap();
        let verdicts: Vec<_> = rows.iter().map(|r| (r.line, r.verdict.clone())).collect();
        assert_eq!(
            verdicts[..2],
            [
                (
                    2,
                    BulkVerdict::Valid {
                        email: "sam@school.org".into(),
                        role: Role::Teacher,
                        language: None
                    }
                ),
                (
                    4,
                    BulkVerdict::Valid {
                        email: "kim@school.org".into(),
                        role: Role::AdminStaff,
                        language: None
                    }
                ),
            ]
        );
        assert!(matches!(verdicts[2], (5, BulkVerdict::Invalid(_))), "{verdicts:?}");
        assert_eq!(verdicts[3], (6, BulkVerdict::Duplicate { first_line: 2 }), "ignoring case");
        assert!(
            matches!(&verdicts[4], (7, BulkVerdict::Invalid(m)) if m.id == "bulk-role-missing")
        );
        assert!(matches!(verdicts[5], (8, BulkVerdict::Invalid(_))), "not invitable");
        assert_eq!(rows.len(), 6);
    }

    #[test]
    fn a_third_column_names_the_invitations_language() {
        let rows = parse_bulk(
            "sam@school.org,Teacher,es\nkim@school.org,Teacher,\nlee@school.org,Teacher,Spanish!\n",
        )
        .unwrap();
        let language = |i: usize| match &rows[i].verdict {
            BulkVerdict::Valid { language, .. } => language.as_ref().map(|l| l.as_str().to_owned()),
            other => panic!("{other:?}"),
        };
        assert_eq!(language(0).as_deref(), Some("es"));
        assert_eq!(language(1), None, "empty: the school's");
        assert_eq!(rows[2].verdict, BulkVerdict::Invalid(Message::new("invite-language-unknown")));
    }

    #[test]
    fn refuses_more_than_the_limit() {
        let text: String =
            (0..=MAX_BULK_ROWS).map(|i| format!("p{i}@school.org,Teacher\n")).collect();
        let refused = parse_bulk(&text).unwrap_err();
        assert_eq!(refused, Message::new("bulk-too-many").number("max", 1000));
        let text: String =
            (0..MAX_BULK_ROWS).map(|i| format!("p{i}@school.org,Teacher\n")).collect();
        assert_eq!(parse_bulk(&text).unwrap().len(), MAX_BULK_ROWS);
    }
}
