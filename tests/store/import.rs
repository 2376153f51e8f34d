//! Imports from jrnl and tui-journal, through the real store: what a learner
//! switching tools would see in their diary afterwards.

use starlog::import::{self, ImportError, Source};
use starlog::store::{Mode, StoredRecord, Workspace};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn now() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339("2026-11-22T10:00:00+00:00").unwrap()
}

fn workspace() -> (tempfile::TempDir, Workspace) {
    let root = tempfile::tempdir().unwrap();
    let ws = Workspace::open(root.path(), "learner", Mode::Write).unwrap();
    (root, ws)
}

#[test]
fn jrnl_entries_keep_dates_titles_bodies_and_tags() {
    let (_root, ws) = workspace();
    let report = import::import_file(&ws, Source::Jrnl, &fixture("jrnl.txt"), now()).unwrap();
    assert_eq!(report.added.len(), 3);
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    let (diary, problems) = ws.load_diary();
    assert!(problems.is_empty(), "{problems:?}");
    let lines: Vec<String> = diary.iter().map(starlog::commands::list_line).collect();
    assert_eq!(
        lines,
        vec![
            "2026-01-12  Shadowed Priya on the escalations desk. @shadowing @learning  #shadowing  #learning",
            "2026-01-06  Quiet day, read the returns policy again.  #starred",
            "2026-01-05  Angry caller about a late refund. @complaint  #complaint  #HEAT",
        ]
    );
    let angry = &diary[2];
    assert_eq!(
        angry.created.format("%Y-%m-%d %H:%M").to_string(),
        "2026-01-05 09:15"
    );
    assert!(angry.text.contains("\n\nI let him finish"));
    assert!(angry.text.ends_with("He thanked me at the end."));
}

#[test]
fn importing_twice_adds_nothing_even_after_a_delete() {
    let (_root, ws) = workspace();
    let source = fixture("jrnl.txt");
    let before = std::fs::read(&source).unwrap();
    let first = import::import_file(&ws, Source::Jrnl, &source, now()).unwrap();
    let second = import::import_file(&ws, Source::Jrnl, &source, now()).unwrap();
    assert_eq!(second.added.len(), 0);
    assert_eq!(second.already.len(), 3);
    assert!(second.already[0].to_string().contains("already imported"));
    // A learner who deleted an imported entry does not get it back.
    ws.trash(&first.added[0].rel_path()).unwrap();
    let third = import::import_file(&ws, Source::Jrnl, &source, now()).unwrap();
    assert_eq!(third.added.len(), 0);
    assert_eq!(ws.load_diary().0.len(), 2);
    assert_eq!(
        std::fs::read(&source).unwrap(),
        before,
        "the source is untouched"
    );
}

#[test]
fn tui_journal_export_and_storage_file_meet_once() {
    let (_root, ws) = workspace();
    let export = fixture("tui-journal-export.json");
    let report = import::import_file(&ws, Source::TuiJournal, &export, now()).unwrap();
    assert_eq!(report.added.len(), 2);
    let (diary, _) = ws.load_diary();
    let chat = diary
        .iter()
        .find(|e| e.headline() == "First week on live chat")
        .unwrap();
    assert_eq!(chat.date.to_string(), "2026-02-02");
    assert_eq!(chat.tags, vec!["chat", "feedback"]);
    assert_eq!(
        chat.created.with_timezone(&chrono::Utc).to_rfc3339(),
        "2026-02-02T12:30:00+00:00"
    );
    assert!(chat.text.contains("## What went well"));
    // The storage file of the same journal holds one entry already imported.
    let store = fixture("tui-journal-entries.json");
    let report = import::import_file(&ws, Source::TuiJournal, &store, now()).unwrap();
    assert_eq!(report.added.len(), 1);
    assert_eq!(report.added[0].headline(), "Team huddle");
    assert_eq!(report.already.len(), 1);
    assert_eq!(ws.load_diary().0.len(), 3);
}

#[test]
fn malformed_sources_import_nothing_and_say_why() {
    let (root, ws) = workspace();
    let dir = root.path();
    let binary = dir.join("binary.txt");
    std::fs::write(&binary, [0xff, 0xfe, 0x41]).unwrap();
    let err = import::import_file(&ws, Source::Jrnl, &binary, now()).unwrap_err();
    assert!(matches!(err, ImportError::NotText { .. }));
    let broken = dir.join("broken.json");
    std::fs::write(&broken, "{\"version\": 100, \"entries\": [ {\"date\": ").unwrap();
    let err = import::import_file(&ws, Source::TuiJournal, &broken, now()).unwrap_err();
    assert!(err.to_string().contains("line 1, column"), "{err}");
    assert!(err.to_string().ends_with("nothing was imported"), "{err}");
    let missing = import::import_file(&ws, Source::Jrnl, &dir.join("nope.txt"), now());
    assert!(matches!(missing, Err(ImportError::Read { .. })));
    assert!(ws.load_diary().0.is_empty());
    // A jrnl file with one bad entry imports the rest.
    let mixed = dir.join("mixed.txt");
    std::fs::write(
        &mixed,
        "[2026-02-30 10:00] Not a day\n\n[2026-03-01 10:00] Fine @ok\n",
    )
    .unwrap();
    let report = import::import_file(&ws, Source::Jrnl, &mixed, now()).unwrap();
    assert_eq!(report.added.len(), 1);
    assert_eq!(report.skipped.len(), 1);
    assert_eq!(
        report.skipped[0].to_string(),
        "line 1: [2026-02-30 10:00] is not a real date and time"
    );
}

#[test]
fn a_read_only_workspace_refuses_the_import() {
    let (root, ws) = workspace();
    drop(ws);
    let ro = Workspace::open(root.path(), "learner", Mode::ReadOnly).unwrap();
    let err = import::import_file(&ro, Source::Jrnl, &fixture("jrnl.txt"), now()).unwrap_err();
    assert!(matches!(err, ImportError::Save(_)));
}
