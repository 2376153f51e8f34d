//! One app at a time per workspace: a second writer is told who holds the
//! lock (pid and host); the lock is free again when the holder is dropped or
//! its process dies; capture commands and read-only opens work meanwhile.

use chrono::{DateTime, NaiveDate};
use starlog::domain::{DiaryEntry, Id};
use starlog::store::{LockError, Mode, OpenError, Workspace};
use std::fs;
use std::path::Path;

const NAME: &str = "learner";

fn open(root: &Path, mode: Mode) -> Result<Workspace, OpenError> {
    Workspace::open(root, NAME, mode)
}

fn held_by(result: Result<Workspace, OpenError>) -> starlog::store::LockHolder {
    match result {
        Err(OpenError::Lock(LockError::Held(holder))) => holder,
        Err(other) => panic!("expected the lock to be held, got {other}"),
        Ok(_) => panic!("a second writer opened the workspace"),
    }
}

fn this_host() -> String {
    gethostname::gethostname().to_string_lossy().into_owned()
}

fn entry(n: u64) -> DiaryEntry {
    let now = DateTime::parse_from_rfc3339("2026-11-21T08:30:00Z").expect("valid");
    let day = NaiveDate::from_ymd_opt(2026, 11, 21).expect("valid");
    let mut e = DiaryEntry::new(Id::from_parts(1_790_000_000_000 + n, [5; 10]), day, now);
    e.text = format!("quick note {n}");
    e
}

#[test]
fn a_second_writer_is_refused_and_told_who_holds_the_lock() {
    let root = tempfile::tempdir().expect("tempdir");
    let first = open(root.path(), Mode::Write).expect("first writer");
    let lock_path = root.path().join(NAME).join(".lock");
    assert_eq!(first.lock().expect("held").path(), lock_path);
    let text = fs::read_to_string(&lock_path).expect("lock file");
    assert!(
        text.starts_with(&format!(
            "pid={}\nhost={}\nstarted=",
            std::process::id(),
            this_host()
        )),
        "{text}"
    );

    let err = open(root.path(), Mode::Write).expect_err("refused");
    let message = err.to_string();
    assert!(
        message.contains(&format!(
            "process {} on {}",
            std::process::id(),
            this_host()
        )),
        "{message}"
    );
    assert!(message.contains("open this one read-only"), "{message}");
    let holder = held_by(open(root.path(), Mode::Write));
    assert_eq!(holder.pid, Some(std::process::id()));
    assert_eq!(holder.host, this_host());
    assert!(!holder.started.is_empty());

    // Capture commands and read-only opens work beside the app.
    let capture = open(root.path(), Mode::Capture).expect("capture opens");
    capture.create(&entry(1)).expect("capture creates");
    let read_only = open(root.path(), Mode::ReadOnly).expect("read-only opens");
    assert_eq!(
        read_only.load().expect("loads").records.diary,
        vec![entry(1)]
    );
    // ...and the app picks up what the capture command wrote.
    assert_eq!(first.load().expect("loads").records.diary, vec![entry(1)]);

    // Free once the holder is dropped; the file stays, emptied.
    drop(first);
    assert!(lock_path.exists(), "the lock file is never deleted");
    assert_eq!(fs::read_to_string(&lock_path).expect("lock file"), "");
    let second = open(root.path(), Mode::Write).expect("free after drop");
    assert!(second.lock().is_some());
}

const CHILD_ENV: &str = "STARLOG_LOCK_CHILD";

/// Takes the lock and waits to be killed. Only runs as the child.
#[test]
#[ignore = "helper: run as a child process by the lock is free once its holder dies"]
fn lock_child_holder() {
    let Some(root) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let root = std::path::PathBuf::from(root);
    let _ws = open(&root, Mode::Write).expect("child takes the lock");
    fs::write(root.join("ready"), b"").expect("ready marker");
    loop {
        std::thread::sleep(std::time::Duration::from_secs(1));
    }
}

#[cfg(unix)]
#[test]
fn the_lock_is_free_once_its_holder_process_dies() {
    use std::process::Stdio;
    use std::time::{Duration, Instant};

    let root = tempfile::tempdir().expect("tempdir");
    let mut child = crate::common::rerun_self(module_path!(), "lock_child_holder")
        .env(CHILD_ENV, root.path())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn holder");
    let deadline = Instant::now() + Duration::from_secs(20);
    while !root.path().join("ready").exists() {
        if let Some(status) = child.try_wait().expect("wait") {
            panic!("the holder exited early: {status}");
        }
        assert!(Instant::now() < deadline, "the holder never took the lock");
        std::thread::sleep(Duration::from_millis(5));
    }

    let holder = held_by(open(root.path(), Mode::Write));
    assert_eq!(holder.pid, Some(child.id()));
    assert_eq!(holder.host, this_host());
    open(root.path(), Mode::Capture)
        .expect("capture opens")
        .create(&entry(2))
        .expect("capture creates while held");
    open(root.path(), Mode::ReadOnly).expect("read-only opens");

    child.kill().expect("SIGKILL");
    child.wait().expect("reap");
    // The dead holder's details are still in the file, but the OS lock is gone.
    let stale = fs::read_to_string(root.path().join(NAME).join(".lock")).expect("lock file");
    assert!(stale.contains(&format!("pid={}", child.id())), "{stale}");
    let ws = open(root.path(), Mode::Write).expect("free after the holder died");
    let now = fs::read_to_string(root.path().join(NAME).join(".lock")).expect("lock file");
    assert!(
        now.starts_with(&format!("pid={}\n", std::process::id())),
        "{now}"
    );
    assert_eq!(ws.load().expect("loads").records.diary, vec![entry(2)]);
}
