//! Every row of the README's exit-status table that the shell commands can
//! produce, and the promise that unreadable record files are reported on
//! stderr without changing the exit status. (The app's 129/130/143 are in
//! `tests/e2e/safety.rs`; the map of claims to tests is docs/TESTING.md.)

use crate::common::{self, starlog};
use std::fs;
use std::path::Path;

/// A workspace `default` holding one entry dated `day`.
fn one_entry(root: &Path, text: &str, day: &str) {
    let (code, _, err) = starlog(root, &["add", text, "--date", day]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn an_unknown_flag_is_bad_usage_exit_2() {
    let root = common::temp_root();
    for args in [&["--frobnicate"][..], &["list", "--bogus"], &["add"]] {
        let (code, out, err) = starlog(root.path(), args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty(), "{args:?}: nothing on stdout: {out}");
        assert!(err.contains("Usage: starlog"), "{args:?}: {err}");
    }
    assert!(
        fs::read_dir(root.path()).expect("root").next().is_none(),
        "bad usage writes nothing"
    );
}

#[test]
fn empty_text_is_bad_usage_exit_2_and_writes_nothing() {
    let root = common::temp_root();
    let (code, _, err) = starlog(root.path(), &["add", "   "]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("the entry is empty: nothing was added"),
        "{err}"
    );
    assert!(common::diary_files(root.path()).is_empty());
}

#[test]
fn a_bad_workspace_ron_is_exit_3_and_left_untouched() {
    let root = common::temp_root();
    one_entry(root.path(), "Covered the phones at lunch", "2026-11-20");
    let header = common::workspace(root.path()).join("workspace.ron");
    let garbage = "(format: 1, profile: (name: [unclosed";
    fs::write(&header, garbage).expect("spoil the header");
    for args in [&["check"][..], &["export", "--format", "md"], &["plan"]] {
        let (code, _, err) = starlog(root.path(), args);
        assert_eq!(code, 3, "{args:?}: {err}");
        assert!(
            err.contains("workspace.ron") && err.contains("it was left untouched"),
            "{args:?}: {err}"
        );
    }
    assert_eq!(
        common::read(&header),
        garbage,
        "the header is not rewritten"
    );
}

#[test]
fn a_workspace_that_is_not_a_readable_folder_is_exit_3() {
    let root = common::temp_root();
    // A file where the workspace folder should be: unreadable as a folder
    // whoever runs the test (root reads any folder, whatever its mode).
    fs::write(root.path().join("default"), "not a folder").expect("file");
    for args in [&["list"][..], &["add", "Lunch cover"], &["check"]] {
        let (code, _, err) = starlog(root.path(), args);
        assert_eq!(code, 3, "{args:?}: {err}");
        assert!(err.contains("default"), "{args:?}: {err}");
    }
    assert_eq!(common::read(&root.path().join("default")), "not a folder");
}

#[cfg(unix)]
#[test]
fn a_folder_without_read_permission_is_exit_3() {
    use std::os::unix::fs::PermissionsExt;
    let root = common::temp_root();
    one_entry(root.path(), "Covered the phones at lunch", "2026-11-20");
    let dir = common::workspace(root.path());
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o000)).expect("chmod");
    let readable_anyway = fs::read_dir(&dir).is_ok();
    let (code, _, err) = starlog(root.path(), &["list"]);
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o700)).expect("chmod back");
    if readable_anyway {
        eprintln!("running as root: mode 000 does not stop reading; see the not-a-folder test");
        return;
    }
    assert_eq!(code, 3, "{err}");
}

#[test]
fn a_save_that_fails_is_exit_4_and_writes_nothing() {
    let root = common::temp_root();
    one_entry(root.path(), "Covered the phones at lunch", "2025-06-02");
    // A file where this year's diary folder must go: the save cannot happen.
    let year = common::workspace(root.path()).join("diary").join("2026");
    fs::write(&year, "in the way").expect("blocker");
    let (code, out, err) = starlog(root.path(), &["add", "Refund call went well"]);
    assert_eq!(code, 4, "{out}{err}");
    assert!(err.starts_with("starlog: "), "{err}");
    assert!(err.contains("2026"), "the message names where: {err}");
    assert_eq!(common::read(&year), "in the way");
    let (code, list, _) = starlog(root.path(), &["list"]);
    assert_eq!(code, 0);
    assert_eq!(list, "2025-06-02  Covered the phones at lunch\n");
}

#[cfg(unix)]
#[test]
fn a_save_into_a_read_only_folder_is_exit_4() {
    use std::os::unix::fs::PermissionsExt;
    let root = common::temp_root();
    one_entry(root.path(), "Covered the phones at lunch", "2026-11-20");
    let year = common::workspace(root.path()).join("diary").join("2026");
    fs::set_permissions(&year, fs::Permissions::from_mode(0o500)).expect("chmod");
    let writable_anyway = fs::write(year.join("probe"), "").is_ok();
    let _ = fs::remove_file(year.join("probe"));
    let (code, _, err) = starlog(root.path(), &["add", "Refund call went well"]);
    fs::set_permissions(&year, fs::Permissions::from_mode(0o700)).expect("chmod back");
    if writable_anyway {
        eprintln!("running as root: mode 500 does not stop writing; see the blocked-folder test");
        return;
    }
    assert_eq!(code, 4, "{err}");
    assert!(err.contains("read-only"), "{err}");
}

#[test]
fn unreadable_record_files_go_to_stderr_and_leave_the_status_alone() {
    let root = common::temp_root();
    one_entry(root.path(), "Covered the phones at lunch", "2026-11-20");
    let bad = common::workspace(root.path())
        .join("diary")
        .join("2026")
        .join("2026-11-01-01M493TMFRC409YFPXFGDVMPFR.ron");
    fs::write(&bad, "(format: 1, text: \"cut off mid").expect("a truncated file");

    let (code, out, err) = starlog(root.path(), &["list"]);
    assert_eq!(code, 0, "list still succeeds: {err}");
    assert_eq!(out, "2026-11-20  Covered the phones at lunch\n");
    assert!(
        err.contains("skipped: ") && err.contains("2026-11-01-01M493TMFRC409YFPXFGDVMPFR.ron"),
        "{err}"
    );

    // A search that finds nothing still says so with 1, not a file error.
    let (code, _, err) = starlog(root.path(), &["search", "zeppelin"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("skipped: "), "{err}");
    let (code, out, _) = starlog(root.path(), &["search", "phones"]);
    assert_eq!(code, 0);
    assert!(out.contains("Covered the phones at lunch"), "{out}");

    assert_eq!(
        common::read(&bad),
        "(format: 1, text: \"cut off mid",
        "the unreadable file is left as it was"
    );
}

#[test]
fn list_last_and_since_pick_the_newest_entries() {
    let root = common::temp_root();
    for (text, day) in [
        ("Shadowed Priya on escalations", "2026-11-02"),
        ("First solo complaint call", "2026-11-10"),
        ("Team huddle on refunds", "2026-11-18"),
        ("Coached by Gareth on holds", "2026-11-27"),
    ] {
        one_entry(root.path(), text, day);
    }
    let (code, out, err) = starlog(root.path(), &["list", "--last", "2"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "2026-11-27  Coached by Gareth on holds\n2026-11-18  Team huddle on refunds\n"
    );
    let (code, out, _) = starlog(root.path(), &["list", "--since", "2026-11-10"]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "2026-11-27  Coached by Gareth on holds\n\
         2026-11-18  Team huddle on refunds\n\
         2026-11-10  First solo complaint call\n"
    );
    // Relative days count back from the pinned today (2026-11-29).
    let (_, out, _) = starlog(root.path(), &["list", "--since=-2w", "--last", "1"]);
    assert_eq!(out, "2026-11-27  Coached by Gareth on holds\n");
    let (code, _, err) = starlog(root.path(), &["list", "--since", "31/02/2026"]);
    assert_eq!(code, 2, "an impossible date is bad usage: {err}");
}

/// The app needs a terminal; run from a script or with its output in a
/// file it says so in words (not the system's "os error 6"), exits 1, and
/// leaves the workspace as it was.
#[test]
fn the_app_without_a_terminal_says_so_in_words() {
    let root = common::temp_root();
    one_entry(root.path(), "Covered the phones at lunch", "2026-11-20");
    let before = common::diary_files(root.path());
    let (code, out, err) = starlog(root.path(), &[]);
    assert_eq!(code, 1, "{err}");
    assert!(out.is_empty(), "nothing drawn on a pipe: {out:?}");
    assert!(
        err.contains("the app needs a terminal window, but its input or output is not one"),
        "{err}"
    );
    assert!(!err.contains("os error"), "{err}");
    assert_eq!(common::diary_files(root.path()), before);
}
