//! The README's data-safety promises for the app, each as a learner would
//! notice it broken: drafts kept on every stop signal with the right exit
//! status, the 2 s draft autosave, the read-only prompt and `--read-only`,
//! `d` / `u`, Esc asking before throwing typing away, and an edit made while
//! the rest of a big diary is still loading. (Map: docs/TESTING.md.)

use crate::common::{self, CTRL_D, CTRL_S, ENTER, Pty, TIMEOUT};
use std::path::Path;
use std::time::{Duration, Instant};

/// A config that puts the draft autosave ten minutes away, so only the
/// signal handler can have written a draft the test finds.
#[cfg(unix)]
fn long_autosave(root: &Path) {
    std::fs::write(root.join("config.ron"), "(draft_autosave_seconds: 600.0)\n")
        .expect("write config.ron");
}

/// Types into a new STAR form, stops the app with `signal`, and checks the
/// exit status and that the draft holds the words. (SIGHUP, and the draft
/// offered back, are in `app.rs`.)
#[cfg(unix)]
fn a_signal_keeps_the_draft(signal: &str, status: u32) {
    let root = common::temp_root();
    long_autosave(root.path());
    let words = "Numbat refund chased twice";
    let mut app = Pty::spawn(root.path(), &["star"]);
    app.expect("New STAR entry");
    app.send(words);
    app.expect("4 words");
    app.signal(signal);
    assert_eq!(app.wait_exit(TIMEOUT), status, "SIG{signal} exits {status}");
    let drafts = common::draft_files(root.path());
    assert_eq!(drafts.len(), 1, "SIG{signal}: one draft: {drafts:?}");
    let draft = common::read(&drafts[0]);
    assert!(
        draft.contains(words),
        "SIG{signal}: the draft holds the words:\n{draft}"
    );
    assert!(common::diary_files(root.path()).is_empty());
}

#[cfg(unix)]
#[test]
fn sigterm_exits_143_and_keeps_the_draft() {
    a_signal_keeps_the_draft("TERM", 143);
}

#[cfg(unix)]
#[test]
fn sigint_as_a_signal_exits_130_and_keeps_the_draft() {
    a_signal_keeps_the_draft("INT", 130);
}

#[test]
fn a_draft_is_written_two_seconds_after_typing_stops() {
    let root = common::temp_root();
    let words = "Echidna billing mix-up sorted";
    let mut app = Pty::spawn(root.path(), &["star"]);
    app.expect("New STAR entry");
    let typed = Instant::now();
    app.send(words);
    app.expect("4 words");
    let drafts = loop {
        let drafts = common::draft_files(root.path());
        if !drafts.is_empty() {
            break drafts;
        }
        assert!(typed.elapsed() < TIMEOUT, "no draft within {TIMEOUT:?}");
        std::thread::sleep(Duration::from_millis(20));
    };
    let after = typed.elapsed();
    assert!(
        after >= Duration::from_millis(1900),
        "the draft waits for typing to stop for 2 s, not {after:?}"
    );
    assert!(common::read(&drafts[0]).contains(words));
    assert_eq!(app.poll_exit(), None, "the app keeps running");
    // Saving the entry forgets the draft.
    app.send(CTRL_S);
    assert_eq!(app.wait_exit(TIMEOUT), 0);
    assert_eq!(common::diary_files(root.path()).len(), 1);
    assert!(common::draft_files(root.path()).is_empty());
}

#[test]
fn esc_asks_before_throwing_typing_away() {
    let root = common::temp_root();
    let words = "Wallaby parcel traced";
    let mut app = Pty::spawn(root.path(), &["star"]);
    app.expect("New STAR entry");
    app.send(words);
    app.expect("3 words");
    app.send_esc();
    app.expect("Close the form and throw away what you typed?");
    // Neither y nor Enter answers: they go back to the form as typing.
    app.send("y");
    app.wait_until("the question closes", TIMEOUT, |s| {
        !s.contains("throw away what you typed")
    });
    assert!(
        app.screen().contains(&format!("{words}y")),
        "{}",
        app.screen()
    );
    assert_eq!(app.poll_exit(), None, "y keeps editing");
    app.send_esc();
    app.expect("Close the form and throw away what you typed?");
    app.send(CTRL_D);
    assert_eq!(app.wait_exit(TIMEOUT), 0);
    assert!(common::diary_files(root.path()).is_empty());
    assert!(
        common::draft_files(root.path()).is_empty(),
        "discarded means no draft offered back"
    );
    let trashed = common::ron_files(&common::workspace(root.path()).join("trash/drafts"));
    assert_eq!(trashed.len(), 1, "kept in the trash for 30 days");
    assert!(common::read(&trashed[0]).contains(words));
}

/// The issue's case, as a hurried learner types it: `n`, "The customer
/// said", Esc, and on without looking " they were happy". The whole
/// sentence is still in the new entry's form, and no record file changed
/// (before, the `y` discarded, the `e` of "were" edited the newest entry and
/// the rest of the sentence went into it).
#[test]
fn esc_then_typing_on_keeps_the_text_and_changes_no_other_entry() {
    let root = common::temp_root();
    common::demo(root.path());
    let workspace = root.path().join("demo");
    let records = |dir: &Path| {
        snapshot_of(dir)
            .into_iter()
            .filter(|(p, _)| {
                !p.starts_with(dir.join("drafts")) && !p.starts_with(dir.join("trash"))
            })
            .collect::<Vec<_>>()
    };
    let before = records(&workspace);
    assert!(before.len() > 20, "the demo's records");
    let mut app = Pty::spawn(root.path(), &["--workspace", "demo"]);
    app.expect("Entries");
    app.send("n");
    app.expect("New STAR entry");
    app.send("The customer said");
    app.expect("3 words");
    app.send_esc();
    app.send(" they were happy");
    app.expect("The customer said they were happy");
    app.expect("New STAR entry");
    assert!(
        !app.screen().contains("Edit diary entry"),
        "no saved entry was opened: {}",
        app.screen()
    );
    // Kept as a draft too, whatever happens next.
    app.send(common::CTRL_C);
    // The shell says so.
    app.expect("your unsaved STAR entry “The customer said they were happy” was kept");
    app.wait_exit(TIMEOUT);
    let drafts = common::ron_files(&workspace.join("drafts"));
    assert_eq!(drafts.len(), 1, "{drafts:?}");
    assert!(common::read(&drafts[0]).contains("The customer said they were happy"));
    assert_eq!(records(&workspace), before, "no record file changed");

    // Offered back by form and first words, with keep and discard.
    let mut app = Pty::spawn(root.path(), &["--workspace", "demo"]);
    app.expect("A STAR entry from");
    app.expect("“The customer said they were happy”");
    app.expect("n keep it for later");
    app.expect("Ctrl-D discard it (asks first)");
    app.send("y");
    app.expect("New STAR entry");
    app.expect("The customer said they were happy");
    app.send(common::CTRL_C);
    app.wait_exit(TIMEOUT);
}

/// Every file under the workspace with its bytes, to prove nothing changed.
fn snapshot_of(dir: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    common::ron_files(dir)
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).expect("read");
            (p, bytes)
        })
        .collect()
}

#[test]
fn a_second_app_is_asked_open_read_only_and_then_refuses_to_edit() {
    let root = common::temp_root();
    common::demo(root.path());
    let demo = root.path().join("demo");
    let mut first = Pty::spawn(root.path(), &["--workspace", "demo"]);
    first.expect("Entries (");

    // No: exit 3, nothing opened.
    let mut second = Pty::spawn(root.path(), &["--workspace", "demo"]);
    second.expect("Open it read-only? [y/N]");
    assert!(
        second
            .screen()
            .contains(&format!("process {}", first.pid()))
    );
    second.send(ENTER);
    assert_eq!(second.wait_exit(TIMEOUT), 3);

    // Yes: the app opens read-only and refuses every change.
    let before = snapshot_of(&demo);
    let mut second = Pty::spawn(root.path(), &["--workspace", "demo"]);
    second.expect("Open it read-only? [y/N]");
    second.send("y");
    second.send(ENTER);
    second.expect("Entries (");
    for key in ["n", "e", "d"] {
        second.send(key);
        second.expect("Cannot change anything");
        // `u` (nothing to undo) clears the status, so each key is seen refused.
        second.send("u");
        second.expect("Nothing to undo");
    }
    second.send("q");
    assert_eq!(second.wait_exit(TIMEOUT), 0);
    assert_eq!(snapshot_of(&demo), before, "nothing was written");

    first.send("q");
    assert_eq!(first.wait_exit(TIMEOUT), 0);
}

#[test]
fn read_only_flag_opens_without_the_lock_and_refuses_to_edit() {
    let root = common::temp_root();
    common::demo(root.path());
    let demo = root.path().join("demo");
    let before = snapshot_of(&demo);
    let mut app = Pty::spawn(root.path(), &["--workspace", "demo", "--read-only"]);
    app.expect("Entries (");
    // Beside it, a writer can still open the workspace: no lock was taken.
    let (code, _, err) = common::starlog(
        root.path(),
        &["--workspace", "demo", "add", "Beside a read-only app"],
    );
    assert_eq!(code, 0, "{err}");
    for key in ["n", "e", "d"] {
        app.send(key);
        app.expect("Cannot change anything: opened with --read-only");
        app.send("u");
        app.expect("Nothing to undo");
    }
    app.send("q");
    assert_eq!(app.wait_exit(TIMEOUT), 0);
    let after = snapshot_of(&demo);
    assert_eq!(
        after.len(),
        before.len() + 1,
        "only the shell's entry was added"
    );
    for file in &before {
        assert!(after.contains(file), "{} changed", file.0.display());
    }

    // The quick STAR form needs to write: refused up front.
    let out = common::run(root.path(), &["--workspace", "demo", "--read-only", "star"]);
    let (code, _, err) = common::outcome(&out);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("drop --read-only"), "{err}");
}

#[test]
fn d_moves_an_entry_to_the_trash_and_u_brings_it_back() {
    let root = common::temp_root();
    for (text, day) in [
        ("Older call about a boiler", "2026-11-20"),
        ("Kiwi courier complaint resolved", "2026-11-28"),
    ] {
        let (code, _, err) = common::starlog(root.path(), &["add", text, "--date", day]);
        assert_eq!(code, 0, "{err}");
    }
    let files = common::diary_files(root.path());
    let newest = files
        .iter()
        .find(|p| p.to_string_lossy().contains("2026-11-28"))
        .expect("the newest entry's file")
        .clone();
    let bytes = std::fs::read(&newest).expect("read");

    let mut app = Pty::spawn(root.path(), &[]);
    app.expect("Kiwi courier complaint resolved");
    // Until the background load is in, changes are refused ("Still
    // loading"); then `u` (nothing to undo yet) clears the status to retry.
    let start = Instant::now();
    loop {
        app.send("d");
        app.wait_until("d is answered", TIMEOUT, |s| {
            s.contains("to the trash. u to undo") || s.contains("Still loading")
        });
        if app.screen().contains("to the trash. u to undo") {
            break;
        }
        assert!(start.elapsed() < TIMEOUT, "the load never finished");
        app.send("u");
        app.expect("Nothing to undo");
    }
    assert!(!newest.exists(), "the file left the diary");
    // The deleted record, and the undo log that lets `u` work after a restart.
    let trash: Vec<_> = common::ron_files(&common::workspace(root.path()).join("trash"))
        .into_iter()
        .filter(|p| !p.ends_with("trash/undo.ron"))
        .collect();
    assert_eq!(trash.len(), 1, "{trash:?}");
    assert_eq!(std::fs::read(&trash[0]).expect("read"), bytes, "kept whole");
    // The list row (the status line names the entry too).
    let row = "28 Nov 2026   Kiwi courier complaint resolved";
    app.wait_until("the entry leaves the list", TIMEOUT, |s| !s.contains(row));

    app.send("u");
    app.expect("from the trash");
    app.expect(row);
    assert_eq!(
        std::fs::read(&newest).expect("back"),
        bytes,
        "the same bytes"
    );
    app.send("q");
    assert_eq!(app.wait_exit(TIMEOUT), 0);
    let (_, list, _) = common::starlog(root.path(), &["list"]);
    assert_eq!(
        list,
        "2026-11-28  Kiwi courier complaint resolved\n2026-11-20  Older call about a boiler\n"
    );
}

/// More diary entries than the first screen reads (`FIRST_PAGE`).
const BIG: usize = starlog::tui::FIRST_PAGE + 150;

#[test]
fn an_entry_saved_while_a_big_diary_loads_is_kept() {
    let root = common::temp_root();
    common::big_diary(root.path(), "default", BIG);
    let mut app = Pty::spawn(root.path(), &[]);
    app.expect("Entries (");
    app.send("n");
    app.expect("New STAR entry");
    app.send("Saved during the load");
    app.send(CTRL_S);
    app.expect("Entry saved");
    app.wait_for(&format!("Entries ({})", BIG + 1), TIMEOUT);
    app.pause_after_form();
    app.send("q");
    assert_eq!(app.wait_exit(TIMEOUT), 0);
    assert_eq!(common::diary_files(root.path()).len(), BIG + 1);
}
