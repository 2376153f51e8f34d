//! The export goldens: a realistic learner (`tests/fixtures/learners/
//! priya-shah/`, see its README) exported by the real binary on the pinned
//! today, through the real store, SMART check and readiness rules. After a
//! deliberate change to the export, `UPDATE_GOLDEN=1 cargo test --test cli
//! goldens` rewrites `tests/golden/`; read the diff by eye before committing.

use crate::common::{self, starlog};
use starlog::domain::{Feedback, FeedbackState};
use std::path::{Path, PathBuf};

const LEARNER: &str = "priya-shah";

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/learners")
        .join(LEARNER)
}

/// A copy of the learner in a fresh root (the fixture itself is never opened
/// for writing).
fn learner() -> tempfile::TempDir {
    let root = common::temp_root();
    common::copy_dir(&fixture(), &root.path().join(LEARNER));
    root
}

/// Compares `text` with `tests/golden/<name>`, or rewrites it with UPDATE_GOLDEN=1.
fn golden(name: &str, text: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, text).expect("write golden");
        return;
    }
    let want = common::read(&path);
    if want != text {
        let line = want
            .lines()
            .zip(text.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(want.lines().count().min(text.lines().count()));
        panic!(
            "{name} differs from the golden file at line {}:\n  want: {:?}\n  got:  {:?}\n(UPDATE_GOLDEN=1 rewrites it; read the diff first)",
            line + 1,
            want.lines().nth(line),
            text.lines().nth(line)
        );
    }
}

fn export(format: &str) -> String {
    let root = learner();
    let (code, out, err) = starlog(
        root.path(),
        &["--workspace", LEARNER, "export", "--format", format],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.is_empty(),
        "the learner's files all read cleanly: {err}"
    );
    out
}

#[test]
fn markdown_export_matches_the_golden_file() {
    golden("portfolio.md", &export("md"));
}

#[test]
fn html_export_matches_the_golden_file() {
    golden("portfolio.html", &export("html"));
}

#[test]
fn a_ready_portfolio_checks_with_exit_0() {
    let root = learner();
    let (code, out, err) = starlog(root.path(), &["--workspace", LEARNER, "check"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.starts_with("Portfolio readiness: 22 of 22 checks pass"),
        "{out}"
    );
    assert!(!out.contains("NOT YET"), "{out}");
}

#[test]
fn the_learner_is_realistic_distinct_words_and_feedback_acted_on_after_reflection() {
    let dir = fixture();
    let mut texts: Vec<String> = Vec::new();
    for path in common::ron_files(&dir.join("feedback")) {
        let f: Feedback = common::decode(&path);
        if f.state == FeedbackState::Actioned {
            assert!(
                !f.reflection.trim().is_empty() && !f.action.trim().is_empty(),
                "{}: actioned without a reflection and an action",
                path.display()
            );
        }
        texts.push(f.text);
    }
    for path in common::ron_files(&dir.join("diary")) {
        let e: starlog::domain::DiaryEntry = common::decode(&path);
        texts.push(format!("{}{}", e.text, e.situation));
    }
    for path in common::ron_files(&dir.join("activities")) {
        let a: starlog::domain::Activity = common::decode(&path);
        texts.push(a.title);
    }
    let count = texts.len();
    texts.sort();
    texts.dedup();
    assert_eq!(texts.len(), count, "every record has its own words");
}
