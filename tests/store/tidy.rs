//! Temp files left by a crash are removed when the app tidies the workspace;
//! a fresh one (a capture command writing right now) is left alone.

use starlog::store::{Mode, Workspace};
use std::fs;
use std::time::{Duration, SystemTime};

#[test]
fn stale_temp_files_are_removed_and_fresh_ones_kept() {
    let root = tempfile::tempdir().expect("temp dir");
    let ws = Workspace::open(root.path(), "learner", Mode::Write).expect("open");
    let year = ws.dir().join("diary").join("2026");
    fs::create_dir_all(&year).expect("mkdir");
    let stale = year.join(".starlog-abc123.tmp");
    let fresh = year.join(".starlog-def456.tmp");
    let not_ours = year.join("notes.tmp");
    for path in [&stale, &fresh, &not_ours] {
        fs::write(path, "half a record").expect("write");
    }
    let old = SystemTime::now() - Duration::from_secs(600);
    fs::File::options()
        .write(true)
        .open(&stale)
        .and_then(|f| f.set_modified(old))
        .expect("age the stale file");
    fs::File::options()
        .write(true)
        .open(&not_ours)
        .and_then(|f| f.set_modified(old))
        .expect("age the other file");

    let report = ws.tidy().expect("tidy");
    assert_eq!(report.temps_removed, 1);
    assert!(!stale.exists(), "a crash's temp file is removed");
    assert!(fresh.exists(), "a temp file being written now is kept");
    assert!(
        not_ours.exists(),
        "files that are not ours are never touched"
    );
}

#[test]
fn read_only_and_capture_never_tidy() {
    let root = tempfile::tempdir().expect("temp dir");
    let ws = Workspace::open(root.path(), "learner", Mode::Capture).expect("open");
    let stale = ws.dir().join(".starlog-old.tmp");
    fs::write(&stale, "x").expect("write");
    fs::File::options()
        .write(true)
        .open(&stale)
        .and_then(|f| f.set_modified(SystemTime::now() - Duration::from_secs(600)))
        .expect("age");
    assert_eq!(ws.tidy().expect("tidy").temps_removed, 0);
    let ro = Workspace::open(root.path(), "learner", Mode::ReadOnly).expect("open");
    assert_eq!(ro.tidy().expect("tidy").temps_removed, 0);
    assert!(stale.exists());
}

#[cfg(unix)]
#[test]
fn tidy_makes_every_file_and_folder_private() {
    use std::os::unix::fs::PermissionsExt;
    let root = tempfile::tempdir().expect("temp dir");
    let ws = Workspace::open(root.path(), "learner", Mode::Write).expect("open");
    let dir = ws.dir().join("feedback");
    fs::create_dir_all(&dir).expect("mkdir");
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).expect("chmod dir");
    let file = dir.join("x.ron");
    fs::write(&file, "x").expect("write");
    fs::set_permissions(&file, fs::Permissions::from_mode(0o644)).expect("chmod file");
    let report = ws.tidy().expect("tidy");
    assert_eq!(report.made_private, 2);
    let mode = |p: &std::path::Path| fs::metadata(p).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&file), 0o600);
}
