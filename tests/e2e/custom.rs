//! End-to-end tests of "make it yours": Ctrl-E opens the focused field in
//! $EDITOR and brings the text back, settings from config.ron take effect
//! (or fall back with a message), the mouse clicks tabs, and a paste
//! arrives as one edit in any form.
#![cfg(unix)]

use crate::common;

use common::{CTRL_S, Pty, TIMEOUT};
use starlog::domain::DiaryEntry;
use std::path::Path;

const CTRL_E: &str = "\x05";

/// A tiny "editor": appends a line to the file it is given.
fn editor_script(dir: &Path, body: &str) -> String {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join("fake-editor.sh");
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path.display().to_string()
}

#[test]
fn ctrl_e_edits_the_field_in_the_editor_and_brings_the_text_back() {
    let root = common::temp_root();
    let editor = editor_script(root.path(), "printf 'Added in the editor\\n' >> \"$1\"");
    let mut app = Pty::spawn_with_env(
        root.path(),
        &["star"],
        &[("EDITOR", &editor), ("VISUAL", "")],
    );
    app.expect("Situation (2/9)");
    app.send("Typed in the form");
    app.send(CTRL_E);
    app.expect("Added in the editor");
    app.expect("Text brought back from the editor");
    app.send(CTRL_S);
    assert_eq!(app.wait_exit(TIMEOUT), 0);
    let files = common::diary_files(root.path());
    assert_eq!(files.len(), 1);
    let entry = common::decode::<DiaryEntry>(&files[0]);
    assert_eq!(entry.situation, "Typed in the form\nAdded in the editor");
    // The temp file the editor worked on is gone.
    let drafts = common::workspace(root.path()).join("drafts");
    let left: Vec<_> = std::fs::read_dir(&drafts)
        .map(|d| d.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(
        left.iter()
            .all(|n| !n.to_string_lossy().starts_with("starlog-edit-")),
        "{left:?}"
    );
}

#[test]
fn a_failing_editor_leaves_the_text_as_it_was() {
    let root = common::temp_root();
    let editor = editor_script(root.path(), "printf 'junk\\n' > \"$1\"; exit 3");
    let mut app = Pty::spawn_with_env(root.path(), &["star"], &[("VISUAL", &editor)]);
    app.expect("Situation (2/9)");
    app.send("Kept as typed");
    app.send(CTRL_E);
    app.expect("exited with status 3; the text is unchanged");
    app.send(CTRL_S);
    assert_eq!(app.wait_exit(TIMEOUT), 0);
    let entry = common::decode::<DiaryEntry>(&common::diary_files(root.path())[0]);
    assert_eq!(entry.situation, "Kept as typed");
}

#[test]
fn key_overrides_from_config_work_and_show_in_help() {
    let root = common::temp_root();
    let config = root.path().join("config.ron");
    std::fs::write(
        &config,
        "(keys: {\"quit\": [\"Z\"]}, default_workspace: \"sam\")",
    )
    .unwrap();
    let config = config.display().to_string();
    let mut app = Pty::spawn_with_env(root.path(), &[], &[("STARLOG_CONFIG", &config)]);
    // default_workspace: the profile greeting of a new workspace called sam.
    app.expect("Welcome");
    app.send_esc();
    app.expect("Profile skipped");
    app.send("?");
    app.expect("Help");
    let screen = app.screen();
    let rows: Vec<&str> = screen
        .lines()
        .flat_map(|l| l.split('│'))
        .map(str::trim)
        .collect();
    assert!(
        rows.iter()
            .any(|r| r.starts_with("Z ") && r.ends_with(" quit")),
        "{screen}"
    );
    assert!(
        !rows
            .iter()
            .any(|r| r.starts_with("q ") && r.ends_with(" quit")),
        "{screen}"
    );
    app.send_esc();
    app.expect("Z quit");
    app.send("q");
    // q no longer quits: the app is still running well after it.
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert_eq!(app.poll_exit(), None, "q does not quit once quit is Z");
    app.expect("Z quit");
    app.send("Z");
    assert_eq!(app.wait_exit(TIMEOUT), 0, "Z quits");
    assert!(root.path().join("sam").join("workspace.ron").exists());
}

#[test]
fn a_broken_config_names_its_line_and_the_app_still_opens() {
    let root = common::temp_root();
    let config = root.path().join("config.ron");
    std::fs::write(&config, "(\n  theme: \"light\",\n  week_start: sunday,\n)").unwrap();
    let config = config.display().to_string();
    let mut app = Pty::spawn_with_env(root.path(), &["star"], &[("STARLOG_CONFIG", &config)]);
    app.expect("line 3");
    app.expect("Situation (2/9)");
    app.send_esc();
    assert_eq!(app.wait_exit(TIMEOUT), 0);
}

#[test]
fn clicking_a_tab_with_the_mouse_shows_that_screen() {
    let root = common::temp_root();
    let status = common::run(root.path(), &["demo"]);
    assert!(status.status.success());
    let mut app = Pty::spawn(root.path(), &["--workspace", "demo"]);
    app.expect("Entries (");
    // SGR mouse report: left button down at column 12, row 1 (1-based): "2 Plan".
    app.send("\x1b[<0;12;1M\x1b[<0;12;1m");
    app.expect("Objectives");
    app.send("q");
    assert_eq!(app.wait_exit(TIMEOUT), 0);
}

#[test]
fn a_paste_into_the_profile_form_is_one_edit_on_one_line() {
    let root = common::temp_root();
    let mut app = Pty::spawn(root.path(), &[]);
    app.expect("Welcome");
    app.send("\x1b[200~Priya\nShah\x1b[201~");
    app.expect("Priya Shah");
    app.send(CTRL_S);
    app.expect("Profile saved");
    app.pause_after_form();
    app.send("q");
    assert_eq!(app.wait_exit(TIMEOUT), 0);
    let header =
        std::fs::read_to_string(common::workspace(root.path()).join("workspace.ron")).unwrap();
    assert!(header.contains("name: \"Priya Shah\""), "{header}");
}
