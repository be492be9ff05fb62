//! Bulk invite's CSV and paste reader, on any text: no panic, never more rows than allowed,
//! and every row points at a real line.
#![no_main]

use libfuzzer_sys::fuzz_target;
use staff_onboarding::domain::{MAX_BULK_ROWS, parse_bulk};

fuzz_target!(|text: &str| {
    if let Ok(rows) = parse_bulk(text) {
        assert!(rows.len() <= MAX_BULK_ROWS);
        let lines = text.lines().count().max(1);
        for row in &rows {
            assert!(row.line >= 1 && row.line <= lines, "line {} of {lines}", row.line);
        }
    }
});
