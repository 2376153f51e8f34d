//! End-to-end tests: the real `starlog` binary in a pseudo-terminal.
//!
//! They check what only the whole program can show: keys reach the form, a
//! saved entry lands on disk and in `list`, drafts survive signals and
//! Ctrl-C, and the workspace lock keeps a second app out.

use crate::common;

use common::{CTRL_C, CTRL_S, ENTER, Pty, TAB, TIMEOUT};
use starlog::domain::DiaryEntry;

#[test]
fn star_form_saves_all_five_fields_and_the_entry_shows_everywhere() {
    let root = common::temp_root();
    let situation = "Zephyr caller angry about late parcel\nsecond line mentions refund";
    let task = "Calm the customer quickly";
    let action = "Listened apologised tracked parcel";
    let result = "Customer thanked me warmly";
    let reflection = "Next time check tracking first";

    let mut app = Pty::spawn(root.path(), &["star"]);
    app.expect("New STAR entry");
    app.expect("Situation (2/9)");
    // Focus starts on Situation; Tab walks Task, Action, Result, Reflection.
    app.send(&situation.replace('\n', ENTER));
    for text in [task, action, result, reflection] {
        app.send(TAB);
        app.send(text);
    }
    app.expect("Reflection (6/9)");
    let words: usize = [situation, task, action, result, reflection]
        .iter()
        .map(|t| t.split_whitespace().count())
        .sum();
    app.expect(&format!("{words} words"));
    app.send(CTRL_S);
    assert_eq!(
        app.wait_exit(TIMEOUT),
        0,
        "Ctrl-S in `starlog star` exits 0"
    );

    let files = common::diary_files(root.path());
    assert_eq!(files.len(), 1, "exactly one diary file: {files:?}");
    let file = &files[0];
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    let year = file
        .parent()
        .unwrap()
        .file_name()
        .unwrap()
        .to_string_lossy();
    assert!(
        name.starts_with(&format!("{year}-")) && name.ends_with(".ron"),
        "diary/YYYY/YYYY-MM-DD-<id>.ron, got {}",
        file.display()
    );
    let text = common::read(file);
    for field in [situation, task, action, result, reflection] {
        for word in field.split_whitespace() {
            assert!(
                text.contains(word),
                "{word:?} missing from the file:\n{text}"
            );
        }
    }
    let entry = common::decode::<DiaryEntry>(file);
    assert_eq!(entry.situation, situation);
    assert_eq!(entry.task, task);
    assert_eq!(entry.action, action);
    assert_eq!(entry.result, result);
    assert_eq!(entry.reflection, reflection);
    assert!(entry.text.is_empty(), "a STAR entry has no free text");
    assert!(name.starts_with(&entry.date.format("%Y-%m-%d-").to_string()));
    assert!(name.contains(&entry.id.to_string()));
    assert!(common::draft_files(root.path()).is_empty(), "no draft left");

    let list = common::run(root.path(), &["list"]);
    let stdout = String::from_utf8_lossy(&list.stdout);
    assert!(list.status.success(), "list failed: {list:?}");
    assert!(
        stdout.contains(&format!(
            "{}  Zephyr caller angry about late parcel",
            entry.date
        )),
        "list shows the date and the first line:\n{stdout}"
    );
    assert!(
        !stdout.contains("second line"),
        "only the first line:\n{stdout}"
    );

    let mut app = Pty::spawn(root.path(), &[]);
    app.expect("Zephyr caller angry about late parcel");
    app.send("q");
    assert_eq!(app.wait_exit(TIMEOUT), 0, "q quits with 0");
}

#[test]
fn esc_on_an_untouched_star_form_exits_without_writing() {
    let root = common::temp_root();
    let mut app = Pty::spawn(root.path(), &["star"]);
    app.expect("New STAR entry");
    app.send_esc();
    assert_eq!(app.wait_exit(TIMEOUT), 0);
    assert!(common::diary_files(root.path()).is_empty());
    assert!(common::draft_files(root.path()).is_empty());
}

#[cfg(unix)]
#[test]
fn draft_survives_sighup_and_is_offered_back() {
    let root = common::temp_root();
    let words = "Quokka refund escalation story";

    // The autosave ten minutes away: only the signal thread can keep this draft.
    std::fs::write(
        root.path().join("config.ron"),
        "(draft_autosave_seconds: 600.0)\n",
    )
    .expect("config");
    let mut app = Pty::spawn(root.path(), &["star"]);
    app.expect("New STAR entry");
    app.send(words);
    app.expect("4 words");
    app.signal("HUP");
    assert_eq!(app.wait_exit(TIMEOUT), 128 + 1, "SIGHUP exits 129");

    let drafts = common::draft_files(root.path());
    assert_eq!(drafts.len(), 1, "one draft: {drafts:?}");
    let draft = common::read(&drafts[0]);
    assert!(draft.contains(words), "the draft holds the words:\n{draft}");
    assert!(common::diary_files(root.path()).is_empty());

    let mut app = Pty::spawn(root.path(), &[]);
    app.expect("Unsaved draft");
    app.expect(words);
    app.send("y");
    app.expect("New STAR entry");
    app.expect("Draft restored");
    assert!(app.screen().contains(words), "{}", app.screen());
    app.send(CTRL_S);
    app.expect("Entry saved");
    app.pause_after_form();
    app.expect(words);
    app.send("q");
    assert_eq!(app.wait_exit(TIMEOUT), 0);

    let files = common::diary_files(root.path());
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(common::decode::<DiaryEntry>(&files[0]).situation, words);
    let left = common::drafts_folder_entries(root.path());
    assert!(left.is_empty(), "the drafts folder is empty: {left:?}");
}

#[test]
fn ctrl_c_in_the_form_keeps_a_draft() {
    let root = common::temp_root();
    let words = "Wombat billing complaint handled";
    let mut app = Pty::spawn(root.path(), &["star"]);
    app.expect("New STAR entry");
    app.send(words);
    app.expect("4 words");
    app.send(CTRL_C);
    assert_eq!(app.wait_exit(TIMEOUT), 130, "Ctrl-C exits 130");
    let drafts = common::draft_files(root.path());
    assert_eq!(drafts.len(), 1, "one draft: {drafts:?}");
    let draft = common::read(&drafts[0]);
    assert!(draft.contains(words), "the draft holds the words:\n{draft}");
    assert!(common::diary_files(root.path()).is_empty());
}

#[test]
fn add_beside_the_open_app_appears_after_reload() {
    let root = common::temp_root();
    let mut app = Pty::spawn(root.path(), &[]);
    app.expect("Welcome to starlog");
    app.send_esc();
    app.expect("Profile skipped");

    let added = common::run(root.path(), &["add", "Platypus", "phone", "call", "note"]);
    assert!(
        added.status.success(),
        "add beside the app: {}",
        String::from_utf8_lossy(&added.stderr)
    );
    assert_eq!(common::diary_files(root.path()).len(), 1);
    assert_eq!(app.poll_exit(), None, "the app keeps running");
    assert!(!app.screen().contains("Platypus phone call note"));

    app.send("r");
    app.expect("Platypus phone call note");
    app.send("q");
    assert_eq!(app.wait_exit(TIMEOUT), 0);
}

#[test]
fn a_second_app_without_a_terminal_is_refused_and_names_the_holder() {
    let root = common::temp_root();
    let mut app = Pty::spawn(root.path(), &[]);
    app.expect("Welcome to starlog");

    let second = common::run(root.path(), &[]);
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert_eq!(second.status.code(), Some(3), "stderr: {stderr}");
    assert!(
        stderr.contains(&format!("process {}", app.pid())),
        "stderr names the holder:\n{stderr}"
    );

    assert_eq!(app.poll_exit(), None, "the first app keeps running");
    app.send_esc();
    app.expect("Profile skipped");
    app.send("q");
    assert_eq!(app.wait_exit(TIMEOUT), 0);
}
