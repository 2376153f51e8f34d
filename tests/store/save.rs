//! Saving: the previous version is kept in `backups/` (and pruned to
//! BACKUPS_KEPT), a file changed on disk since it was loaded is never
//! overwritten, creating never clobbers, trash and restore round trip, and a
//! diary entry moved to another day moves its file.

use chrono::{DateTime, NaiveDate};
use starlog::domain::{DiaryEntry, Id, KpiReading, WorkspaceHeader};
use starlog::store::codec::encode;
use starlog::store::{BACKUPS_KEPT, Mode, SaveError, StoredRecord, Workspace};
use std::fs;
use std::path::{Path, PathBuf};

fn entry(n: u64) -> DiaryEntry {
    let now = DateTime::parse_from_rfc3339("2026-11-20T17:05:00+00:00").expect("valid");
    let day = NaiveDate::from_ymd_opt(2026, 11, 20).expect("valid");
    let mut e = DiaryEntry::new(Id::from_parts(1_790_000_000_000 + n, [7; 10]), day, now);
    e.text = format!("Entry {n}: a customer asked about a refund.");
    e
}

fn open(root: &Path) -> Workspace {
    Workspace::open(root, "learner", Mode::Write).expect("open")
}

fn backups_of(ws: &Workspace, group: &str, name: &str) -> Vec<PathBuf> {
    let dir = ws.dir().join("backups").join(group).join(name);
    let mut files: Vec<PathBuf> = match fs::read_dir(&dir) {
        Ok(entries) => entries.map(|e| e.expect("entry").path()).collect(),
        Err(_) => Vec::new(),
    };
    files.sort();
    files
}

#[test]
fn the_previous_version_is_kept_in_backups() {
    let root = tempfile::tempdir().expect("tempdir");
    let ws = open(root.path());
    let first = entry(1);
    ws.create(&first).expect("create");
    let path = ws.dir().join(first.rel_path());
    let first_bytes = fs::read(&path).expect("written");
    assert!(backups_of(&ws, "diary", first.id.as_str()).is_empty());

    let loaded = ws.load().expect("load");
    let state = loaded.files.get(&first.id).expect("state");
    let mut second = first.clone();
    second.text = "Entry 1, rewritten after talking to my team leader.".into();
    ws.save(&second, Some(state)).expect("save");

    assert_eq!(
        fs::read_to_string(&path).expect("saved"),
        encode(&second).expect("enc")
    );
    let kept = backups_of(&ws, "diary", first.id.as_str());
    assert_eq!(kept.len(), 1);
    assert_eq!(fs::read(&kept[0]).expect("backup"), first_bytes);
    assert!(kept[0].extension().is_some_and(|e| e == "ron"));
    // Backups are not records: the workspace still shows one entry, the new one.
    let loaded = ws.load().expect("load");
    assert_eq!(loaded.records.diary, vec![second]);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
}

#[test]
fn backups_are_pruned_to_the_newest_ones() {
    let root = tempfile::tempdir().expect("tempdir");
    let ws = open(root.path());
    let mut record = entry(2);
    let mut state = ws.create(&record).expect("create");
    let saves = BACKUPS_KEPT + 5;
    for version in 1..=saves {
        record.text = format!("version {version}");
        state = ws.save(&record, Some(&state)).expect("save");
    }
    let kept = backups_of(&ws, "diary", record.id.as_str());
    assert_eq!(kept.len(), BACKUPS_KEPT);
    // The oldest are dropped; the newest previous versions are kept, in order.
    let texts: Vec<String> = kept
        .iter()
        .map(|p| {
            let bytes = fs::read(p).expect("read");
            starlog::store::codec::decode::<DiaryEntry>(&bytes)
                .expect("a backup is a readable record")
                .record
                .text
        })
        .collect();
    let expected: Vec<String> = (saves - BACKUPS_KEPT..saves)
        .map(|v| {
            if v == 0 {
                entry(2).text
            } else {
                format!("version {v}")
            }
        })
        .collect();
    assert_eq!(texts, expected);
}

#[test]
fn the_header_is_backed_up_too() {
    let root = tempfile::tempdir().expect("tempdir");
    let ws = open(root.path());
    let (mut header, state, _) = ws.load_header().expect("header");
    let before = fs::read(ws.dir().join("workspace.ron")).expect("created by open");
    header.profile.name = "Sam Lee".into();
    ws.save_header(&header, state.as_ref()).expect("save");
    let kept = backups_of(&ws, "workspace", "header");
    assert_eq!(kept.len(), 1);
    assert_eq!(fs::read(&kept[0]).expect("backup"), before);
    let (reread, _, _) = ws.load_header().expect("header");
    assert_eq!(reread, header);
    assert_ne!(reread, WorkspaceHeader::default());
}

#[test]
fn a_file_changed_on_disk_since_loading_is_not_overwritten() {
    let root = tempfile::tempdir().expect("tempdir");
    let ws = open(root.path());
    let original = entry(3);
    ws.create(&original).expect("create");
    let loaded = ws.load().expect("load");
    let state = loaded.files.get(&original.id).expect("state").clone();

    // Another program (a sync, an editor) changes the file.
    let path = ws.dir().join(original.rel_path());
    let mut theirs = original.clone();
    theirs.text = "Edited on my phone".into();
    let their_bytes = encode(&theirs).expect("enc").into_bytes();
    fs::write(&path, &their_bytes).expect("write");

    let mut mine = original.clone();
    mine.text = "Edited in the app".into();
    match ws.save(&mine, Some(&state)) {
        Err(SaveError::ChangedOnDisk(p)) => assert_eq!(p, path),
        other => panic!("expected ChangedOnDisk, got {other:?}"),
    }
    assert_eq!(fs::read(&path).expect("still there"), their_bytes);
    assert!(backups_of(&ws, "diary", original.id.as_str()).is_empty());

    // After a reload the learner can save over the other version knowingly.
    let loaded = ws.load().expect("reload");
    assert_eq!(loaded.records.diary, vec![theirs]);
    let state = loaded.files.get(&original.id).expect("state");
    ws.save(&mine, Some(state)).expect("save after reload");
    assert_eq!(
        fs::read_to_string(&path).expect("saved"),
        encode(&mine).expect("enc")
    );
}

#[test]
fn a_record_deleted_by_hand_is_written_back_on_save() {
    let root = tempfile::tempdir().expect("tempdir");
    let ws = open(root.path());
    let record = entry(4);
    let state = ws.create(&record).expect("create");
    let path = ws.dir().join(record.rel_path());
    fs::remove_file(&path).expect("rm");
    ws.save(&record, Some(&state)).expect("save brings it back");
    assert_eq!(
        fs::read_to_string(&path).expect("back"),
        encode(&record).expect("enc")
    );
}

#[test]
fn create_never_clobbers() {
    let root = tempfile::tempdir().expect("tempdir");
    let ws = open(root.path());
    let first = entry(5);
    ws.create(&first).expect("create");
    let path = ws.dir().join(first.rel_path());
    let mut other = first.clone();
    other.text = "A different entry with the same id and day".into();
    match ws.create(&other) {
        Err(SaveError::AlreadyExists(p)) => assert_eq!(p, path),
        other => panic!("expected AlreadyExists, got {other:?}"),
    }
    match ws.save(&other, None) {
        Err(SaveError::AlreadyExists(p)) => assert_eq!(p, path),
        other => panic!("expected AlreadyExists, got {other:?}"),
    }
    assert_eq!(
        fs::read_to_string(&path).expect("there"),
        encode(&first).expect("enc")
    );
    // A capture command (no lock) cannot clobber either.
    let capture = Workspace::open(root.path(), "learner", Mode::Capture).expect("capture");
    assert!(matches!(
        capture.create(&other),
        Err(SaveError::AlreadyExists(_))
    ));
    assert_eq!(
        fs::read_to_string(&path).expect("there"),
        encode(&first).expect("enc")
    );
}

#[test]
fn trash_and_restore_round_trip() {
    let root = tempfile::tempdir().expect("tempdir");
    let ws = open(root.path());
    let record = entry(6);
    ws.create(&record).expect("create");
    let rel = record.rel_path();
    let bytes = fs::read(ws.dir().join(&rel)).expect("written");

    let trashed = ws.trash(&rel).expect("trash");
    assert_eq!(trashed, Path::new("trash").join(&rel));
    assert!(!ws.dir().join(&rel).exists());
    assert_eq!(fs::read(ws.dir().join(&trashed)).expect("in trash"), bytes);
    let loaded = ws.load().expect("load");
    assert!(
        loaded.records.diary.is_empty(),
        "a trashed entry is not shown"
    );
    assert!(loaded.problems.is_empty());

    ws.restore(&trashed, &rel).expect("restore");
    assert_eq!(fs::read(ws.dir().join(&rel)).expect("back"), bytes);
    assert!(!ws.dir().join(&trashed).exists());
    assert_eq!(ws.load().expect("load").records.diary, vec![record.clone()]);

    // Trashing the same file twice keeps both copies.
    let first = ws.trash(&rel).expect("trash again");
    ws.create(&record).expect("recreate");
    let second = ws.trash(&rel).expect("trash a third time");
    assert_ne!(first, second);
    assert!(
        second
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.ends_with("~2.ron")),
        "{second:?}"
    );
    assert!(ws.dir().join(&first).exists() && ws.dir().join(&second).exists());

    // Restoring over a record that is there again is refused.
    ws.create(&record).expect("recreate");
    match ws.restore(&first, &rel) {
        Err(SaveError::AlreadyExists(p)) => assert_eq!(p, ws.dir().join(&rel)),
        other => panic!("expected AlreadyExists, got {other:?}"),
    }
    assert!(ws.dir().join(&first).exists(), "the trashed copy is kept");
}

#[test]
fn moving_a_diary_entry_to_another_day_moves_its_file() {
    let root = tempfile::tempdir().expect("tempdir");
    let ws = open(root.path());
    let record = entry(7);
    let state = ws.create(&record).expect("create");
    let old_rel = record.rel_path();
    let old_bytes = fs::read(ws.dir().join(&old_rel)).expect("written");

    let mut moved = record.clone();
    moved.date = NaiveDate::from_ymd_opt(2025, 12, 31).expect("valid");
    let new_state = ws.save(&moved, Some(&state)).expect("save");
    let new_rel = moved.rel_path();
    assert_eq!(
        new_rel,
        Path::new("diary/2025").join(format!("2025-12-31-{}.ron", moved.id))
    );
    assert_eq!(new_state.rel_path, new_rel);
    assert!(!ws.dir().join(&old_rel).exists(), "the old name is gone");
    assert_eq!(
        fs::read_to_string(ws.dir().join(&new_rel)).expect("new name"),
        encode(&moved).expect("enc")
    );
    let kept = backups_of(&ws, "diary", moved.id.as_str());
    assert_eq!(kept.len(), 1);
    assert_eq!(fs::read(&kept[0]).expect("backup"), old_bytes);

    let loaded = ws.load().expect("load");
    assert_eq!(loaded.records.diary, vec![moved.clone()]);
    assert_eq!(
        loaded.files.get(&moved.id).expect("state").rel_path,
        new_rel
    );

    // And back again, with the state the move returned.
    ws.save(&record, Some(&new_state)).expect("move back");
    assert!(ws.dir().join(&old_rel).exists());
    assert!(!ws.dir().join(&new_rel).exists());
}

#[test]
fn a_read_only_workspace_never_writes() {
    let root = tempfile::tempdir().expect("tempdir");
    let record = entry(8);
    let state = open(root.path()).create(&record).expect("create");
    let ws = Workspace::open(root.path(), "learner", Mode::ReadOnly).expect("open");
    let mut changed = record.clone();
    changed.text = "changed".into();
    assert!(matches!(
        ws.save(&changed, Some(&state)),
        Err(SaveError::ReadOnly)
    ));
    assert!(matches!(ws.create(&entry(9)), Err(SaveError::ReadOnly)));
    assert!(matches!(
        ws.trash(&record.rel_path()),
        Err(SaveError::ReadOnly)
    ));
    assert!(matches!(
        ws.save_header(&WorkspaceHeader::default(), None),
        Err(SaveError::ReadOnly)
    ));
    assert_eq!(ws.load().expect("reads").records.diary, vec![record]);
}

#[test]
fn a_read_only_workspace_never_writes_removes_or_discards_a_draft() {
    use starlog::domain::{Draft, DraftForm};
    let root = tempfile::tempdir().expect("tempdir");
    let draft = Draft {
        format: 1,
        id: Id::from_parts(1_790_000_000_500, [9; 10]),
        saved_at: DateTime::parse_from_rfc3339("2026-11-20T17:06:00+00:00").expect("valid"),
        editing: None,
        date_text: "20/11/2026".into(),
        entry: entry(10),
        form: DraftForm::default(),
        fields: Vec::new(),
    };
    open(root.path())
        .save_draft(&draft)
        .expect("the learner's draft is kept");
    let folder = root.path().join("learner");
    let path = folder.join("drafts").join(format!("{}.ron", draft.id));
    let kept = fs::read(&path).expect("the draft file");
    let ws = Workspace::open(root.path(), "learner", Mode::ReadOnly).expect("open");
    assert_eq!(ws.drafts().0, vec![draft.clone()], "read as it is");
    let mut changed = draft.clone();
    changed.date_text = "21/11/2026".into();
    assert!(ws.save_draft(&changed).is_err());
    assert!(ws.discard_draft(&draft).is_err());
    assert!(ws.remove_draft(&draft).is_err());
    assert_eq!(fs::read(&path).expect("still there"), kept);
    assert!(!folder.join("trash").exists(), "nothing discarded");
}

#[test]
fn other_record_kinds_live_in_their_own_folders() {
    let root = tempfile::tempdir().expect("tempdir");
    let ws = open(root.path());
    let kpi = KpiReading {
        format: 1,
        id: Id::from_parts(1_790_000_000_000, [3; 10]),
        metric: "CSAT".into(),
        date: NaiveDate::from_ymd_opt(2026, 11, 30).expect("valid"),
        created: DateTime::parse_from_rfc3339("2026-11-30T09:00:00Z").expect("valid"),
        value: 91.5,
        target: Some(90.0),
        unit: String::new(),
        note: "November".into(),
        objective: None,
        better: None,
    };
    let state = ws.create(&kpi).expect("create");
    assert_eq!(
        state.rel_path,
        Path::new("kpis").join(format!("{}.ron", kpi.id))
    );
    let mut changed = kpi.clone();
    changed.value = 92.0;
    ws.save(&changed, Some(&state)).expect("save");
    assert_eq!(backups_of(&ws, "kpis", kpi.id.as_str()).len(), 1);
}

#[test]
fn of_two_files_with_one_id_the_one_changed_last_is_shown() {
    // A crash between writing a moved entry's new file and removing the old
    // one leaves both. Whichever day is later on disk, the learner sees the
    // text they changed last, and the other file is reported as a copy.
    // Each pair has the same two file names with the newer text swapped, so
    // whatever order the folder lists them in, one case of each pair would
    // show the older text if the first file read won.
    for (old_day, newer_day) in [(20, 21), (21, 20), (20, 19), (19, 20)] {
        let root = tempfile::tempdir().expect("tempdir");
        let ws = open(root.path());
        let mut old = entry(1);
        old.date = NaiveDate::from_ymd_opt(2026, 11, old_day).expect("valid");
        ws.create(&old).expect("create");
        let mut moved = old.clone();
        moved.date = NaiveDate::from_ymd_opt(2026, 11, newer_day).expect("valid");
        moved.text = "The version written last".into();
        moved.updated = old.updated + chrono::Duration::minutes(5);
        ws.create(&moved).expect("create the moved copy");

        let loaded = ws.load().expect("load");
        assert_eq!(loaded.records.diary.len(), 1, "one entry per id");
        assert_eq!(loaded.records.diary[0].text, "The version written last");
        assert_eq!(
            loaded.files[&old.id].rel_path,
            moved.rel_path(),
            "saving edits the newer file"
        );
        assert_eq!(loaded.problems.len(), 1, "{:?}", loaded.problems);
        assert_eq!(loaded.problems[0].path, ws.dir().join(old.rel_path()));
        assert!(loaded.problems[0].message.starts_with("has the same id as"));
    }
}

#[test]
fn reading_a_workspace_that_is_not_there_names_the_ones_that_are() {
    let root = tempfile::tempdir().expect("tempdir");
    drop(open(root.path()));
    let err = Workspace::open(root.path(), "lerner", Mode::ReadOnly).expect_err("no such");
    assert_eq!(
        err.to_string(),
        format!(
            "there is no workspace `lerner` in {} (workspaces there: learner); check --workspace",
            root.path().display()
        )
    );
    assert!(
        !root.path().join("lerner").exists(),
        "read-only never creates a workspace"
    );
}

#[test]
fn moving_onto_a_copy_left_by_a_crashed_move_replaces_the_copy() {
    // A crash mid-move left the entry under day 20 and day 21. Moving the
    // shown one onto the other day must not fail forever on "already
    // exists": the copy is backed up and replaced, and one file remains.
    let root = tempfile::tempdir().expect("tempdir");
    let ws = open(root.path());
    let first = entry(1);
    ws.create(&first).expect("create");
    let mut copy = first.clone();
    copy.date = NaiveDate::from_ymd_opt(2026, 11, 21).expect("valid");
    copy.text = "The copy left behind".into();
    ws.create(&copy).expect("the copy");

    let loaded = ws.load().expect("load");
    let shown = loaded.records.diary[0].clone();
    let state = loaded.files[&shown.id].clone();
    let other_day = if shown.date == first.date {
        copy.date
    } else {
        first.date
    };
    let mut moved = shown.clone();
    moved.date = other_day;
    moved.text = "Moved again".into();
    ws.save(&moved, Some(&state))
        .expect("the move goes through");

    let loaded = ws.load().expect("load");
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(loaded.records.diary, vec![moved.clone()]);
    assert!(!ws.dir().join(shown.rel_path()).exists());
    let texts: Vec<String> = backups_of(&ws, "diary", first.id.as_str())
        .iter()
        .map(|p| fs::read_to_string(p).expect("backup"))
        .collect();
    assert_eq!(texts.len(), 2, "both earlier files are kept in backups");
    assert!(texts.iter().any(|t| t.contains("The copy left behind")));
    assert!(texts.iter().any(|t| t.contains("Entry 1: a customer")));
}
