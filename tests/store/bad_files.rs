//! Every kind of bad file gets its documented message, is left byte-for-byte
//! as it was (after loading, and after the app tries to save over it), and
//! the rest of the workspace still loads around it.

use chrono::{DateTime, NaiveDate};
use starlog::domain::{DiaryEntry, Id};
use starlog::store::codec::encode;
use starlog::store::{
    FileState, Loaded, Mode, OpenError, SaveError, Severity, StoredRecord, Workspace,
};
use std::fs;
use std::path::{Path, PathBuf};

const NAME: &str = "learner";

/// A workspace holding the format-1 fixtures: one good record of every type.
fn workspace_with_fixtures() -> tempfile::TempDir {
    let root = tempfile::tempdir().expect("tempdir");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/format-1");
    crate::common::copy_dir(&fixtures, &root.path().join(NAME));
    root
}

/// The entry the bad files are made from (a second diary entry).
fn entry() -> DiaryEntry {
    let now = DateTime::parse_from_rfc3339("2026-11-20T17:05:00Z").expect("valid");
    let day = NaiveDate::from_ymd_opt(2026, 11, 20).expect("valid");
    let mut e = DiaryEntry::new(
        Id::parse("01M7E2WQ3ZB8S1C6KD0N4TFG5H").expect("id"),
        day,
        now,
    );
    e.situation = "Caller wanted to close her late father's account.".into();
    e.task = "Close it gently and get the final reading.".into();
    e.action = "I slowed down, offered the bereavement line,\nand took the reading myself.".into();
    e.result = "Account closed on the call; she thanked me.".into();
    e.reflection = "Check the bereavement script before these calls.".into();
    e.tags = vec!["bereavement".into()];
    e
}

/// The text the app would write for `entry()`, line by line (1-based).
fn good_text() -> String {
    encode(&entry()).expect("encodes")
}

fn line_of(text: &str, starts_with: &str) -> usize {
    1 + text
        .lines()
        .position(|l| l.trim_start().starts_with(starts_with))
        .unwrap_or_else(|| panic!("no line starts with {starts_with}"))
}

struct Case {
    ws: Workspace,
    _root: tempfile::TempDir,
    rel: PathBuf,
    bad: Vec<u8>,
    /// The state the app had before the file went bad under it.
    stale: FileState,
}

impl Case {
    /// The app creates `entry()`, then the file is replaced by `bad` (a hand
    /// edit, a crash, a sync from a newer starlog).
    fn new(bad: Vec<u8>) -> Case {
        let root = workspace_with_fixtures();
        let ws = Workspace::open(root.path(), NAME, Mode::Write).expect("open");
        let stale = ws.create(&entry()).expect("create");
        let rel = entry().rel_path();
        fs::write(ws.dir().join(&rel), &bad).expect("write bad file");
        Case {
            ws,
            _root: root,
            rel,
            bad,
            stale,
        }
    }

    fn path(&self) -> PathBuf {
        self.ws.dir().join(&self.rel)
    }

    fn assert_untouched(&self, when: &str) {
        assert_eq!(
            fs::read(self.path()).expect("still there"),
            self.bad,
            "the bad file changed {when}"
        );
    }

    /// Loads; the bad file's problem is returned, every fixture record loaded.
    fn load(&self) -> (Loaded, starlog::store::Problem) {
        let loaded = self.ws.load().expect("the workspace loads");
        self.assert_untouched("after load");
        let mine: Vec<_> = loaded
            .problems
            .iter()
            .filter(|p| p.path == self.path())
            .cloned()
            .collect();
        assert_eq!(
            mine.len(),
            1,
            "one problem for the file: {:?}",
            loaded.problems
        );
        let others: Vec<_> = loaded
            .problems
            .iter()
            .filter(|p| p.path != self.path())
            .collect();
        assert!(others.is_empty(), "no other file has a problem: {others:?}");
        let r = &loaded.records;
        // The seven fixture records load around the bad file.
        assert_eq!(loaded.header.profile.name, "Priya Shah");
        assert!(
            r.diary
                .iter()
                .any(|e| e.id.as_str() == "01M493TMFRC409YFPXFGDVMPFR")
        );
        assert_eq!(
            [
                r.needs.len(),
                r.objectives.len(),
                r.activities.len(),
                r.feedback.len(),
                r.kpis.len(),
                r.reviews.len()
            ],
            [1; 6]
        );
        (loaded, mine[0].clone())
    }

    /// The app saves its copy over the file it loaded earlier, and tries to
    /// create it anew: neither touches the bad file.
    fn attempt_saves(&self) {
        let mut edited = entry();
        edited.reflection.push_str(" Edited in the app.");
        match self.ws.save(&edited, Some(&self.stale)) {
            Err(SaveError::ChangedOnDisk(path)) => assert_eq!(path, self.path()),
            other => panic!("expected ChangedOnDisk, got {other:?}"),
        }
        self.assert_untouched("after a save over it");
        match self.ws.save(&edited, None) {
            Err(SaveError::AlreadyExists(path)) => assert_eq!(path, self.path()),
            other => panic!("expected AlreadyExists, got {other:?}"),
        }
        self.assert_untouched("after a create over it");
        assert!(
            !self.ws.dir().join("backups").exists(),
            "nothing was backed up, because nothing was replaced"
        );
    }

    /// Reopening in write mode (which tidies the folder) leaves it too.
    fn reopen(self) {
        let root = self._root;
        let bad = self.bad;
        let path = self.ws.dir().join(&self.rel);
        drop(self.ws);
        let ws = Workspace::open(root.path(), NAME, Mode::Write).expect("reopen");
        ws.load().expect("loads again");
        assert_eq!(fs::read(&path).expect("there"), bad, "changed by reopening");
    }
}

fn assert_error(problem: &starlog::store::Problem, message: &str) {
    assert_eq!(problem.severity, Severity::Error);
    assert_eq!(problem.message, message);
    // Shown as `path:line:col: reason` or `path: reason`.
    let shown = problem.to_string();
    assert!(
        shown.starts_with(&problem.path.display().to_string()),
        "{shown}"
    );
    assert!(shown.ends_with(message), "{shown}");
}

fn run_error_case(bad: Vec<u8>, message: &str) {
    let case = Case::new(bad);
    let (loaded, problem) = case.load();
    assert_error(&problem, message);
    assert_eq!(
        loaded.records.diary.len(),
        1,
        "only the good entry is shown"
    );
    case.attempt_saves();
    case.reopen();
}

#[test]
fn an_empty_file_is_reported_and_left_alone() {
    run_error_case(
        Vec::new(),
        "the file is empty (perhaps a save was interrupted); it was left as it is",
    );
    run_error_case(
        b"  \n\n".to_vec(),
        "the file is empty (perhaps a save was interrupted); it was left as it is",
    );
}

#[test]
fn a_truncated_file_is_reported_where_it_stops() {
    let text = good_text();
    let cut = text.find("Close it gently").expect("task text") + 5;
    let line = line_of(&text, "task:");
    run_error_case(
        text.as_bytes()[..cut].to_vec(),
        &format!("{line}:11: the file ends too early; it looks cut short (truncated)"),
    );
    // Cut between two fields, after a list.
    let cut = text.find("    objectives:").expect("objectives field");
    let shown = line_of(&text, "objectives:") - 1;
    run_error_case(
        text.as_bytes()[..cut].to_vec(),
        &format!("{shown}:7: the file ends too early; it looks cut short (truncated)"),
    );
}

#[test]
fn invalid_utf8_is_reported_with_line_and_column() {
    // Saved by an editor in Latin-1: `£` is the single byte 0xA3.
    let text = good_text().replace("gently", "gently for \u{0}£5");
    let line = line_of(&text, "task:");
    let col = 1 + text
        .lines()
        .nth(line - 1)
        .expect("line")
        .find('£')
        .expect("£");
    let bad = text.replace('£', "\u{1}").into_bytes();
    let bad: Vec<u8> = bad.iter().map(|&b| if b == 1 { 0xA3 } else { b }).collect();
    run_error_case(
        bad,
        &format!(
            "{line}:{col}: the file is not valid UTF-8 text (was it saved in another encoding?)"
        ),
    );
}

#[test]
fn a_hand_edit_with_a_syntax_error_is_reported_with_line_and_column() {
    // The comma after the task was deleted by hand.
    let text = good_text();
    let task_line = line_of(&text, "task:");
    let bad = text.replacen("the final reading.\",", "the final reading.\"", 1);
    run_error_case(
        bad.into_bytes(),
        &format!("{}:5: expected a comma between fields", task_line + 1),
    );
    // A colon typed as `=`.
    let bad = text.replacen("result: ", "result = ", 1);
    run_error_case(
        bad.into_bytes(),
        &format!("{}:11: Expected colon", line_of(&text, "result:")),
    );
}

#[test]
fn an_impossible_date_is_explained() {
    let text = good_text().replace("date: \"2026-11-20\"", "date: \"2026-02-30\"");
    let line = line_of(&text, "date:");
    run_error_case(
        text.into_bytes(),
        &format!("{line}:12: `2026-02-30` is not a real date: that month has no day 30"),
    );
}

#[test]
fn a_file_from_a_newer_starlog_is_refused_and_never_rewritten() {
    let text = good_text()
        .replacen("format: 1,", "format: 2,", 1)
        .replacen("    tags:", "    mood: Calm,\n    tags:", 1);
    run_error_case(
        text.into_bytes(),
        "made by a newer version of starlog (format 2; this version reads up to 1); update starlog to open it. It will not be changed",
    );
}

#[test]
fn a_newer_workspace_header_stops_the_load_and_is_never_rewritten() {
    let root = workspace_with_fixtures();
    let header = root.path().join(NAME).join("workspace.ron");
    let newer = fs::read_to_string(&header)
        .expect("header")
        .replacen("format: 1,", "format: 2,", 1)
        .into_bytes();
    fs::write(&header, &newer).expect("write");
    // Every mode refuses it at open, the capture commands' too, so nothing
    // of today's format is ever added beside it.
    for mode in [Mode::Write, Mode::Capture, Mode::ReadOnly] {
        match Workspace::open(root.path(), NAME, mode) {
            Err(OpenError::BadHeader { path, message }) => {
                assert_eq!(path, header);
                assert!(
                    message.starts_with("made by a newer version of starlog"),
                    "{message}"
                );
            }
            Err(other) => panic!("expected BadHeader, got {other}"),
            Ok(_) => panic!("{mode:?} opened a workspace with a newer header"),
        }
    }
    assert_eq!(fs::read(&header).expect("there"), newer);
}

#[test]
fn an_unknown_field_is_kept_reported_and_protected_from_saving() {
    // `reflection` misspelled by hand: the text must not be lost on save.
    let text = good_text().replacen("    reflection:", "    reflecton:", 1);
    let case = Case::new(text.into_bytes());
    let (loaded, problem) = case.load();
    assert_eq!(problem.severity, Severity::Warning);
    assert!(
        problem
            .message
            .starts_with("it has fields this version of starlog does not know (reflecton)"),
        "{}",
        problem.message
    );
    let loaded_entry = loaded
        .records
        .diary
        .iter()
        .find(|e| e.id == entry().id)
        .expect("the entry is loaded");
    assert_eq!(loaded_entry.reflection, "", "the unknown field is not read");
    assert_eq!(loaded_entry.situation, entry().situation);
    let state = loaded.files.get(&entry().id).expect("file state");
    assert!(state.protected.is_some());

    let mut edited = loaded_entry.clone();
    edited.result.push_str(" Edited.");
    match case.ws.save(&edited, Some(state)) {
        Err(SaveError::Protected { path, reason }) => {
            assert_eq!(path, case.path());
            assert!(reason.contains("reflecton"), "{reason}");
        }
        other => panic!("expected Protected, got {other:?}"),
    }
    case.assert_untouched("after a refused save");
    case.attempt_saves();
    case.reopen();
}

#[test]
fn a_byte_order_mark_is_read_with_a_notice_and_dropped_on_the_next_save() {
    let mut bad = b"\xEF\xBB\xBF".to_vec();
    bad.extend_from_slice(good_text().as_bytes());
    let case = Case::new(bad.clone());
    let (loaded, problem) = case.load();
    assert_eq!(problem.severity, Severity::Notice);
    assert!(
        problem
            .message
            .starts_with("starts with a UTF-8 byte-order mark"),
        "{}",
        problem.message
    );
    let loaded_entry = loaded
        .records
        .diary
        .iter()
        .find(|e| e.id == entry().id)
        .expect("read normally");
    assert_eq!(loaded_entry, &entry());

    // A stale state still cannot overwrite it...
    match case.ws.save(&entry(), Some(&case.stale)) {
        Err(SaveError::ChangedOnDisk(_)) => {}
        other => panic!("expected ChangedOnDisk, got {other:?}"),
    }
    case.assert_untouched("after a stale save");
    // ...but the state from this load can: the BOM is left out, the old
    // version (with its BOM) is kept in backups.
    let state = loaded.files.get(&entry().id).expect("state");
    let mut edited = loaded_entry.clone();
    edited.result.push_str(" Edited.");
    case.ws.save(&edited, Some(state)).expect("saves");
    let now = fs::read(case.path()).expect("saved");
    assert_eq!(now, encode(&edited).expect("encodes").into_bytes());
    let backups: Vec<_> = fs::read_dir(
        case.ws
            .dir()
            .join("backups/diary")
            .join(entry().id.as_str()),
    )
    .expect("backup folder")
    .map(|e| fs::read(e.expect("entry").path()).expect("read"))
    .collect();
    assert_eq!(backups, vec![bad]);
}

#[test]
fn a_missing_field_is_named() {
    let text = good_text();
    let without: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("created:"))
        .map(|l| format!("{l}\n"))
        .collect();
    // Reported at the record's closing bracket, the last line.
    let last = without.lines().count();
    let case = Case::new(without.into_bytes());
    let (_, problem) = case.load();
    assert_error(
        &problem,
        &format!(
            "{last}:1: the field `created` is missing from this DiaryEntry (every DiaryEntry needs it; see docs/FORMAT.md)"
        ),
    );
    case.attempt_saves();
}

#[test]
fn a_record_in_the_wrong_folder_says_what_it_is() {
    let case = Case::new(
        fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/format-1/kpis/01M69BB6388BGR07XYBQY9PEPS.ron"),
        )
        .expect("fixture"),
    );
    let (_, problem) = case.load();
    assert_eq!(
        problem.message,
        "1:1: this is a `KpiReading` file, but a `DiaryEntry` belongs in this folder"
    );
    case.attempt_saves();
}

#[test]
fn unknown_fields_are_named_by_their_path_in_the_record() {
    let review = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/format-1/reviews/2026-11-12-01M77RXKG84F16204Z7VEQR6XT.ron"),
    )
    .expect("fixture")
    .replacen("            statement:", "            statment:", 1)
    .replacen("    summary:", "    mood: Calm,\n    summary:", 1)
    .replacen("                target:", "                tagret:", 1);
    let decoded = starlog::store::codec::decode::<starlog::domain::Review>(review.as_bytes());
    match decoded {
        Err(e) => assert_eq!(
            e.to_string(),
            "64:9: the field `statement` is missing from this Objective (every Objective needs it; see docs/FORMAT.md)"
        ),
        Ok(d) => panic!("{:?}", d.unknown_fields),
    }
    let review = review.replacen("statment:", "statement: \"\",\n            statment:", 1);
    let decoded =
        starlog::store::codec::decode::<starlog::domain::Review>(review.as_bytes()).expect("reads");
    assert_eq!(
        decoded.unknown_fields,
        vec!["mood", "plan.0.statment", "plan.0.measure.tagret"]
    );
}
