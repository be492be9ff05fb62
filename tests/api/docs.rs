//! The README and docs/ name files of this repository; each must exist, so a move or a rename
//! can't leave a reader looking for a file that is gone.

use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const TOP: [&str; 10] = [
    "src/",
    "crates/",
    "tests/",
    "bench/",
    "deploy/",
    "docs/",
    "migrations/",
    "end2end/",
    "scripts/",
    "fuzz/",
];

/// What the benchmarks write (ignored by git): there only after a run.
const GENERATED: [&str; 1] = ["bench/results/"];

/// The paths a Markdown text names in backticks or links, e.g. `src/server/store/mod.rs`.
fn named_paths(text: &str) -> Vec<String> {
    let mut paths = Vec::new();
    for piece in text.split(['`', '(', ')', ' ', '\n', ',', ';']) {
        let piece = piece.trim_end_matches(['.', ':']);
        if TOP.iter().any(|top| piece.starts_with(top))
            && !piece.contains(['*', '<', '{', '$', '…'])
            && !GENERATED.iter().any(|out| piece.starts_with(out))
        {
            paths.push(piece.to_owned());
        }
    }
    paths
}

#[test]
fn every_file_the_docs_name_exists() {
    let mut documents = vec![Path::new(ROOT).join("README.md")];
    for entry in std::fs::read_dir(Path::new(ROOT).join("docs")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            documents.push(path);
        }
    }
    let mut missing = Vec::new();
    for document in &documents {
        let text = std::fs::read_to_string(document).unwrap();
        for path in named_paths(&text) {
            if !Path::new(ROOT).join(&path).exists() {
                missing.push(format!("{}: {path}", document.display()));
            }
        }
    }
    assert!(missing.is_empty(), "named but missing:\n{}", missing.join("\n"));
}
