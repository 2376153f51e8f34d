//! Nothing the store writes, empties, moves or deletes ever goes through a
//! link out of the workspace (a workspace kept in git or a synced folder can
//! carry one). Each test links to files outside a temporary workspace and
//! checks they are byte for byte as they were.

use chrono::{DateTime, NaiveDate};
use starlog::domain::{DiaryEntry, Id};
use starlog::store::{LockError, Mode, OpenError, SaveError, StoredRecord, Workspace};
use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

const NAME: &str = "learner";

fn entry(n: u64) -> DiaryEntry {
    let now = DateTime::parse_from_rfc3339("2026-11-20T17:05:00+00:00").expect("valid");
    let day = NaiveDate::from_ymd_opt(2026, 11, 20).expect("valid");
    let mut e = DiaryEntry::new(Id::from_parts(1_790_000_000_000 + n, [7; 10]), day, now);
    e.text = format!("Entry {n}: a customer asked about a refund.");
    e
}

/// Every file under `dir` with its bytes (and the names of links).
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in fs::read_dir(dir).expect("read outside folder") {
        let path = entry.expect("entry").path();
        let meta = fs::symlink_metadata(&path).expect("meta");
        if meta.is_dir() {
            out.extend(snapshot(&path));
        } else {
            out.insert(path.clone(), fs::read(&path).unwrap_or_default());
        }
    }
    out
}

/// A folder outside the workspace holding `n` files of the learner's own.
fn outside_folder(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("outside");
    for i in 0..n {
        fs::write(
            dir.path().join(format!("20260101T0000{i:02}.000000Z.ron")),
            format!("my own file {i}\n"),
        )
        .expect("write outside");
    }
    dir
}

#[test]
fn a_lock_file_linked_elsewhere_is_neither_written_nor_emptied() {
    let root = tempfile::tempdir().expect("root");
    let outside = tempfile::tempdir().expect("outside");
    let victim = outside.path().join("victim.txt");
    fs::write(&victim, "the learner's own notes\n").expect("victim");
    let ws_dir = root.path().join(NAME);
    fs::create_dir(&ws_dir).expect("ws");
    symlink(&victim, ws_dir.join(".lock")).expect("link");

    let result = Workspace::open(root.path(), NAME, Mode::Write);
    match result {
        Err(OpenError::Lock(e @ LockError::NotOurs { .. })) => {
            let message = e.to_string();
            assert!(message.contains("link"), "{message}");
            assert!(message.contains("Move it out"), "{message}");
        }
        Err(other) => panic!("expected a refusal of the link, got {other}"),
        Ok(ws) => {
            drop(ws);
            panic!("the app opened through a linked lock file");
        }
    }
    assert_eq!(
        fs::read(&victim).expect("victim"),
        b"the learner's own notes\n"
    );
}

#[test]
fn a_dangling_lock_link_creates_nothing_outside() {
    let root = tempfile::tempdir().expect("root");
    let outside = tempfile::tempdir().expect("outside");
    let ws_dir = root.path().join(NAME);
    fs::create_dir(&ws_dir).expect("ws");
    symlink(outside.path().join("new.txt"), ws_dir.join(".lock")).expect("link");
    assert!(Workspace::open(root.path(), NAME, Mode::Write).is_err());
    assert!(snapshot(outside.path()).is_empty());
}

#[test]
fn a_lock_file_that_is_a_second_name_of_another_file_is_left_alone() {
    let root = tempfile::tempdir().expect("root");
    let ws_dir = root.path().join(NAME);
    fs::create_dir(&ws_dir).expect("ws");
    // A hard link has to be on the same disk: put the "outside" file beside
    // the workspace, outside its folder.
    let victim = root.path().join("victim.txt");
    fs::write(&victim, "pid=1\nhost=h\nstarted=s\n").expect("victim");
    fs::hard_link(&victim, ws_dir.join(".lock")).expect("hard link");
    assert!(matches!(
        Workspace::open(root.path(), NAME, Mode::Write),
        Err(OpenError::Lock(LockError::NotOurs { .. }))
    ));
    assert_eq!(
        fs::read(&victim).expect("victim"),
        b"pid=1\nhost=h\nstarted=s\n"
    );
}

#[test]
fn a_lock_file_holding_something_else_is_never_emptied() {
    let root = tempfile::tempdir().expect("root");
    let ws_dir = root.path().join(NAME);
    fs::create_dir(&ws_dir).expect("ws");
    fs::write(ws_dir.join(".lock"), "my shopping list\n").expect("foreign");
    assert!(Workspace::open(root.path(), NAME, Mode::Write).is_err());
    assert_eq!(
        fs::read(ws_dir.join(".lock")).expect("kept"),
        b"my shopping list\n"
    );
}

#[test]
fn a_real_lock_file_is_still_taken_and_cleared() {
    let root = tempfile::tempdir().expect("root");
    let ws = Workspace::open(root.path(), NAME, Mode::Write).expect("first");
    drop(ws);
    // The lock a crashed or earlier starlog left (its own text) is reused.
    let ws = Workspace::open(root.path(), NAME, Mode::Write).expect("again");
    let text = fs::read_to_string(ws.dir().join(".lock")).expect("lock");
    assert!(text.starts_with("pid="), "{text}");
}

#[test]
fn pruning_backups_never_deletes_through_a_linked_backup_folder() {
    let root = tempfile::tempdir().expect("root");
    let outside = outside_folder(25);
    let before = snapshot(outside.path());
    let ws = Workspace::open(root.path(), NAME, Mode::Write).expect("open");
    let mut record = entry(1);
    let state = ws.create(&record).expect("create");
    let record_path = ws.dir().join(record.rel_path());
    let on_disk = fs::read(&record_path).expect("record");
    let backups = ws.dir().join("backups").join("diary");
    fs::create_dir_all(&backups).expect("backups");
    symlink(outside.path(), backups.join(record.id.as_str())).expect("link");

    record.text = "Rewritten after my review.".into();
    let err = ws.save(&record, Some(&state)).expect_err("refused");
    assert!(matches!(err, SaveError::Io { .. }), "{err}");
    let message = err.to_string();
    assert!(message.contains("is a link"), "{message}");
    assert!(!message.contains("os error"), "{message}");

    assert_eq!(
        snapshot(outside.path()),
        before,
        "files outside were touched"
    );
    // The record on disk is as it was: nothing half done.
    assert_eq!(fs::read(&record_path).expect("record"), on_disk);
}

#[test]
fn a_linked_backups_folder_higher_up_is_refused_too() {
    let root = tempfile::tempdir().expect("root");
    let outside = outside_folder(3);
    let before = snapshot(outside.path());
    let ws = Workspace::open(root.path(), NAME, Mode::Write).expect("open");
    let mut record = entry(2);
    let state = ws.create(&record).expect("create");
    symlink(outside.path(), ws.dir().join("backups")).expect("link");
    record.text = "changed".into();
    assert!(ws.save(&record, Some(&state)).is_err());
    assert_eq!(snapshot(outside.path()), before);
}

#[test]
fn a_new_record_is_never_written_into_a_linked_folder() {
    let root = tempfile::tempdir().expect("root");
    let outside = outside_folder(2);
    let before = snapshot(outside.path());
    let ws = Workspace::open(root.path(), NAME, Mode::Write).expect("open");
    let record = entry(3);
    let year = ws.dir().join(record.rel_path());
    let year = year.parent().expect("year folder");
    fs::create_dir_all(year.parent().expect("diary")).expect("diary");
    symlink(outside.path(), year).expect("link");
    let err = ws.create(&record).expect_err("refused");
    assert!(err.to_string().contains("is a link"), "{err}");
    assert_eq!(snapshot(outside.path()), before);
}

#[test]
fn the_trash_is_never_a_link_elsewhere() {
    let root = tempfile::tempdir().expect("root");
    let outside = outside_folder(2);
    let before = snapshot(outside.path());
    let ws = Workspace::open(root.path(), NAME, Mode::Write).expect("open");
    let record = entry(4);
    ws.create(&record).expect("create");
    symlink(outside.path(), ws.dir().join("trash")).expect("link");
    assert!(ws.trash(&record.rel_path()).is_err());
    assert!(ws.dir().join(record.rel_path()).is_file(), "record kept");
    assert_eq!(snapshot(outside.path()), before);
}
