//! A record with two versions (a sync's conflict copy, or one id in two
//! files) through the store: found by name, each choice leaves one version
//! in place and the other in the trash (or both as records), and the one
//! undo step of each choice puts every record file back byte for byte.
//! The same with real git repositories is in `cli::sync`.

use chrono::DateTime;
use starlog::domain::{AnyRecord, DiaryEntry, Id};
use starlog::store::conflicts::{Choice, Origin};
use starlog::store::{Mode, Workspace, codec, rel_path_of};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

fn entry(situation: &str, day: &str) -> DiaryEntry {
    let now = DateTime::parse_from_rfc3339("2026-11-23T09:30:00+00:00").expect("now");
    let day = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").expect("day");
    let mut e = DiaryEntry::new(Id::from_parts(1_700_000_000_000, [7; 10]), day, now);
    e.situation = situation.into();
    e
}

/// Every file of the workspace outside the trash, with its bytes.
fn record_files(ws: &Workspace) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![ws.dir().to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).expect("list").flatten() {
            let p = e.path();
            let rel = p.strip_prefix(ws.dir()).expect("inside").to_path_buf();
            if rel.starts_with("trash") || rel.starts_with("backups") || rel.starts_with(".cache") {
                continue;
            }
            if p.is_dir() {
                stack.push(p);
            } else if rel.starts_with("diary") {
                out.insert(rel, fs::read(&p).expect("read"));
            }
        }
    }
    out
}

/// A workspace with an entry and, beside it, the other side's version as
/// a sync writes it.
fn with_copy(root: &Path) -> (Workspace, PathBuf, PathBuf) {
    let ws = Workspace::open(root, "learner", Mode::Write).expect("open");
    let mine = entry("The caller was upset (mine)", "2026-11-20");
    ws.create(&mine).expect("create");
    let rel = rel_path_of(&AnyRecord::Diary(mine.clone()));
    let theirs = entry("The caller was upset (theirs)", "2026-11-20");
    let copy = rel.with_file_name(format!(
        "{}.conflict-copy-20261130-024700.txt",
        rel.file_stem().expect("stem").to_string_lossy()
    ));
    fs::write(
        ws.dir().join(&copy),
        codec::encode(&theirs).expect("encode"),
    )
    .expect("copy");
    (ws, rel, copy)
}

#[test]
fn each_choice_keeps_one_version_in_place_and_its_undo_puts_every_file_back() {
    for choice in [Choice::KeepMine, Choice::TakeTheirs, Choice::KeepBoth] {
        let root = tempfile::tempdir().expect("root");
        let (ws, rel, copy) = with_copy(root.path());
        let before = record_files(&ws);
        let (found, problems) = ws.conflicts();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(found.len(), 1, "{found:?}");
        let c = &found[0];
        assert_eq!(c.origin, Origin::SyncCopy);
        assert_eq!(
            c.mine.as_ref().map(|m| m.rel_path.clone()),
            Some(rel.clone())
        );
        assert_eq!(c.theirs.rel_path, copy);

        let resolved = ws.resolve(c, choice).expect("resolved");
        let loaded = ws.load().expect("load");
        let words: Vec<&str> = loaded
            .records
            .diary
            .iter()
            .map(|e| e.situation.as_str())
            .collect();
        match choice {
            Choice::KeepMine => assert_eq!(words, ["The caller was upset (mine)"]),
            Choice::TakeTheirs => assert_eq!(words, ["The caller was upset (theirs)"]),
            Choice::KeepBoth => {
                assert_eq!(words.len(), 2, "{words:?}");
                let ids: Vec<&Id> = loaded.records.diary.iter().map(|e| &e.id).collect();
                assert_ne!(ids[0], ids[1], "the other is a record of its own");
            }
        }
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        assert!(ws.conflicts().0.is_empty(), "{choice:?} settles it");
        assert!(!ws.dir().join(&copy).exists());
        // The version dropped is in the trash, listed by the Trash view.
        let (trashed, _) = ws.trashed();
        assert_eq!(trashed.len(), 1, "{choice:?}: {trashed:?}");
        assert_eq!(
            trashed[0].deletion, resolved.deletion,
            "the Trash view restores it as u would"
        );
        // One undo step, also after the workspace is opened again.
        drop(ws);
        let ws = Workspace::open(root.path(), "learner", Mode::Write).expect("reopen");
        let stack = ws.undo_stack();
        assert_eq!(
            stack.last(),
            Some(&resolved.deletion),
            "{choice:?}: {stack:?}"
        );
        ws.undo(&resolved.deletion).expect("undo");
        assert_eq!(
            record_files(&ws),
            before,
            "{choice:?}: undo puts every file back"
        );
        assert_eq!(
            ws.conflicts().0.len(),
            1,
            "and the choice is there to make again"
        );
    }
}

#[test]
fn a_copy_restored_from_the_trash_view_goes_back_as_a_copy() {
    let root = tempfile::tempdir().expect("root");
    let (ws, _, copy) = with_copy(root.path());
    let before = record_files(&ws);
    let (found, _) = ws.conflicts();
    ws.resolve(&found[0], Choice::KeepMine).expect("keep mine");
    let (trashed, _) = ws.trashed();
    assert_eq!(trashed[0].deletion.original_path(), copy);
    ws.restore(&trashed[0].deletion.trashed_path(), &copy)
        .expect("restore");
    assert_eq!(record_files(&ws), before);
}

#[test]
fn one_id_in_two_files_is_found_and_the_one_changed_later_is_yours() {
    let root = tempfile::tempdir().expect("root");
    let ws = Workspace::open(root.path(), "learner", Mode::Write).expect("open");
    let older = entry("Words changed here", "2026-11-20");
    let mut newer = entry("Moved to another day", "2025-12-30");
    newer.updated = DateTime::parse_from_rfc3339("2026-11-25T10:00:00+00:00").expect("t");
    // Two files hold one id (a merge of a move and an edit).
    let (a, b) = (
        AnyRecord::Diary(older.clone()),
        AnyRecord::Diary(newer.clone()),
    );
    for r in [&a, &b] {
        let path = ws.dir().join(rel_path_of(r));
        fs::create_dir_all(path.parent().expect("folder")).expect("folder");
        let AnyRecord::Diary(e) = r else {
            unreachable!()
        };
        fs::write(path, codec::encode(e).expect("encode")).expect("write");
    }
    let loaded = ws.load().expect("load");
    assert!(
        loaded
            .problems
            .iter()
            .any(|p| p.message.contains("same id"))
    );
    let (found, _) = ws.conflicts();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].origin, Origin::SameId);
    assert_eq!(
        found[0].mine.as_ref().map(|m| &m.record),
        Some(&b),
        "the one shown"
    );
    // Taking theirs leaves the older words, in their own day's file.
    let resolved = ws
        .resolve(&found[0], Choice::TakeTheirs)
        .expect("take theirs");
    assert_eq!(resolved.kept, [rel_path_of(&a)]);
    let loaded = ws.load().expect("load");
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(loaded.records.diary[0].situation, "Words changed here");
    ws.undo(&resolved.deletion).expect("undo");
    assert_eq!(ws.conflicts().0.len(), 1);
}

#[test]
fn a_version_changed_since_it_was_listed_is_not_resolved() {
    let root = tempfile::tempdir().expect("root");
    let (ws, _, copy) = with_copy(root.path());
    let (found, _) = ws.conflicts();
    let text = fs::read_to_string(ws.dir().join(&copy)).expect("copy");
    fs::write(
        ws.dir().join(&copy),
        text.replace("(theirs)", "(theirs, edited)"),
    )
    .expect("edit");
    let before = record_files(&ws);
    assert!(ws.resolve(&found[0], Choice::TakeTheirs).is_err());
    assert_eq!(record_files(&ws), before, "nothing changed");
}
