//! On Unix the journal is private: folders 0700, files 0600, and a record
//! made readable by others is made private again when the app opens it.
#![cfg(unix)]

use chrono::{DateTime, NaiveDate};
use starlog::domain::{DiaryEntry, Id, KpiReading};
use starlog::store::{Mode, Severity, StoredRecord, Workspace};
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

fn mode(path: &Path) -> u32 {
    fs::metadata(path).expect("metadata").permissions().mode() & 0o777
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("entry").path();
        out.push(path.clone());
        if path.is_dir() {
            walk(&path, out);
        }
    }
}

fn entry() -> DiaryEntry {
    let now = DateTime::parse_from_rfc3339("2026-11-21T08:30:00Z").expect("valid");
    let day = NaiveDate::from_ymd_opt(2026, 11, 21).expect("valid");
    let mut e = DiaryEntry::new(Id::from_parts(1_790_000_000_000, [5; 10]), day, now);
    e.text = "Mrs Patel, account 4471: refund agreed".into();
    e
}

#[test]
fn folders_are_0700_and_files_0600_after_create() {
    let base = tempfile::tempdir().expect("tempdir");
    let root = base.path().join("data").join("starlog");
    let ws = Workspace::open(&root, "learner", Mode::Write).expect("open");
    let state = ws.create(&entry()).expect("create");
    let kpi = KpiReading {
        format: 1,
        id: Id::from_parts(1_790_000_000_001, [5; 10]),
        metric: "FCR".into(),
        date: NaiveDate::from_ymd_opt(2026, 11, 30).expect("valid"),
        created: DateTime::parse_from_rfc3339("2026-11-30T09:00:00Z").expect("valid"),
        value: 71.0,
        target: None,
        unit: String::new(),
        note: String::new(),
        objective: None,
        better: None,
    };
    ws.create(&kpi).expect("create kpi");
    let mut edited = entry();
    edited.text.push_str(" (confirmed by email)");
    ws.save(&edited, Some(&state))
        .expect("save: makes a backup");
    ws.trash(&kpi.rel_path()).expect("trash");

    // Every folder starlog made, from the root down, is private.
    assert_eq!(mode(&base.path().join("data")), 0o700);
    assert_eq!(mode(&root), 0o700);
    let mut paths = Vec::new();
    walk(&root, &mut paths);
    assert!(paths.iter().any(|p| p.ends_with("backups/diary")));
    assert!(paths.iter().any(|p| p.ends_with("trash/kpis")));
    assert!(paths.iter().any(|p| p.ends_with(".lock")));
    assert!(paths.iter().any(|p| p.ends_with("workspace.ron")));
    for path in &paths {
        let want = if path.is_dir() { 0o700 } else { 0o600 };
        assert_eq!(mode(path), want, "{}", path.display());
    }
}

#[test]
fn a_record_made_readable_by_others_is_made_private_with_a_notice() {
    let root = tempfile::tempdir().expect("tempdir");
    let rel = entry().rel_path();
    let path = root.path().join("learner").join(&rel);
    Workspace::open(root.path(), "learner", Mode::Write)
        .expect("open")
        .create(&entry())
        .expect("create");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).expect("chmod");
    fs::set_permissions(
        root.path().join("learner"),
        fs::Permissions::from_mode(0o755),
    )
    .expect("chmod");

    // Read-only and capture opens change nothing.
    for m in [Mode::ReadOnly, Mode::Capture] {
        let ws = Workspace::open(root.path(), "learner", m).expect("open");
        let loaded = ws.load().expect("load");
        assert!(loaded.problems.is_empty(), "{m:?}: {:?}", loaded.problems);
        assert_eq!(mode(&path), 0o644, "{m:?}");
    }

    let ws = Workspace::open(root.path(), "learner", Mode::Write).expect("open");
    assert_eq!(
        mode(&root.path().join("learner")),
        0o700,
        "the workspace folder"
    );
    let loaded = ws.load().expect("load");
    assert_eq!(loaded.records.diary, vec![entry()], "still read");
    assert_eq!(mode(&path), 0o600);
    assert_eq!(loaded.problems.len(), 1, "{:?}", loaded.problems);
    let notice = &loaded.problems[0];
    assert_eq!(notice.path, path);
    assert_eq!(notice.severity, Severity::Notice);
    assert_eq!(
        notice.message,
        "was readable by other users; made private (0600)"
    );

    // Once fixed, the next load is quiet.
    assert!(ws.load().expect("load").problems.is_empty());
}
