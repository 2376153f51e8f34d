//! Reading a caseload (`store::team`): which folders are learners, and the
//! caseload's own load cache, kept outside the learners' folders and used
//! on the next read.

use starlog::store::team::{self, LinesCache, TeamProgress};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 29).expect("a real day")
}

/// Every file under `dir` changed an hour ago: old enough to be cached.
fn age(dir: &Path) {
    let hour_ago = SystemTime::now() - Duration::from_secs(3600);
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).expect("list").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                fs::File::options()
                    .write(true)
                    .open(&path)
                    .and_then(|f| f.set_modified(hour_ago))
                    .expect("age a file");
            }
        }
    }
}

#[test]
fn learners_are_folders_with_a_header_skipping_hidden_ones_and_workspace_parts() {
    let root = tempfile::tempdir().expect("root");
    starlog::cohort::write_root(root.path(), 2, 40, today()).expect("cohort");
    let nested = root.path().join("north").join("sam");
    starlog::cohort::write_workspace(
        &nested,
        &starlog::cohort::learner(3, 40, today()).0,
        &starlog::cohort::learner(3, 40, today()).1,
    )
    .expect("nested");
    for hidden in [".git/x", "learner-000/backups/y", "a/b/c/too-deep"] {
        let dir = root.path().join(hidden);
        fs::create_dir_all(&dir).expect("folder");
        fs::write(dir.join("workspace.ron"), "(format: 1)").expect("header");
    }
    let found = team::find_workspaces(root.path()).expect("listed");
    assert_eq!(
        found,
        ["learner-000", "learner-001", "north/sam"]
            .iter()
            .map(PathBuf::from)
            .collect::<Vec<_>>()
    );
    // A root that is itself a workspace is its own caseload of one.
    assert_eq!(
        team::find_workspaces(&root.path().join("learner-001")).expect("listed"),
        vec![PathBuf::new()]
    );
}

#[test]
fn the_caseloads_own_load_cache_serves_the_next_read_and_follows_changes() {
    let root = tempfile::tempdir().expect("root");
    let cache = tempfile::tempdir().expect("cache");
    starlog::cohort::write_root(root.path(), 1, 120, today()).expect("cohort");
    age(root.path());
    let rel = Path::new("learner-000");
    let home = cache.path();
    let load = || {
        let ws = team::open_read_only(root.path(), rel).expect("open");
        team::load_read_only(ws, Some(&team::cache_of(home, rel))).expect("load")
    };
    let first = load();
    assert_eq!(first.cache.reused, 0);
    assert_eq!(first.records.len(), 120);
    let kept = team::cache_of(home, rel).join(".cache").join("records.bin");
    assert!(
        kept.is_file(),
        "the caseload's cache is kept in {}",
        kept.display()
    );
    let second = load();
    // Every record, feedback included, comes from the cache.
    assert_eq!(second.cache.reused, 120, "{:?}", second.cache);
    assert_eq!(second.cache.parsed, 0);
    assert!(
        second.cache.ignored.is_none() && !second.cache.stale,
        "{:?}",
        second.cache
    );
    assert_eq!(second.records, first.records);
    assert!(!root.path().join("learner-000").join(".cache").exists());

    // A new entry is read from its file, the rest still from the cache.
    let (code, _, err) = {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_starlog"))
            .args(["--dir"])
            .arg(root.path())
            .args([
                "--workspace",
                "learner-000",
                "add",
                "Took a call about a refund",
            ])
            .env("STARLOG_CONFIG", cache.path().join("none.ron"))
            .output()
            .expect("run");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    assert_eq!(code, Some(0), "{err}");
    let third = load();
    assert_eq!(third.records.diary.len(), first.records.diary.len() + 1);
    assert_eq!(third.cache.reused, 120);
    assert_eq!(third.cache.parsed, 1, "only the new entry is read");
}

#[test]
fn a_line_is_kept_while_the_files_stay_the_same() {
    let root = tempfile::tempdir().expect("root");
    let cache = tempfile::tempdir().expect("cache");
    starlog::cohort::write_root(root.path(), 2, 60, today()).expect("cohort");
    age(root.path());
    let folders = team::find_workspaces(root.path()).expect("listed");
    let loads = std::sync::atomic::AtomicUsize::new(0);
    let read = |context: &str| -> Vec<Option<String>> {
        team::read_each(
            root.path(),
            &folders,
            Some(LinesCache {
                home: cache.path(),
                context,
            }),
            &TeamProgress::default(),
            |rel, loaded| {
                loads.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                format!(
                    "{}: {}",
                    rel.display(),
                    loaded.expect("loads").records.len()
                )
            },
        )
    };
    let first = read("monday");
    assert_eq!(loads.load(std::sync::atomic::Ordering::Relaxed), 2);
    assert_eq!(read("monday"), first, "the same lines, kept");
    assert_eq!(
        loads.load(std::sync::atomic::Ordering::Relaxed),
        2,
        "no load"
    );
    read("tuesday");
    assert_eq!(
        loads.load(std::sync::atomic::Ordering::Relaxed),
        4,
        "a new day reads again"
    );
}
