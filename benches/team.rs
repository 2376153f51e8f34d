//! The caseload (`starlog team`, the Team screen) over a generated root of
//! 200 learners with 1,000 records each (`starlog::cohort`: the demo story
//! under 200 names, varied, topped up with STAR entries; about 200,000
//! files, 800 MB of disk, a minute or two to write).
//!
//! `cargo bench --bench team` writes the root to a temp folder
//! (`STARLOG_BENCH_DIR` to choose where; `TEAM_LEARNERS` and
//! `TEAM_RECORDS` to change its size), then measures, with the page cache
//! warm (the files were just written):
//! - `clones_without_caches`: reading every learner and working out their
//!   lines, as after `git clone` (no learner has a load cache; the caseload
//!   never writes one);
//! - `synced_with_caches`: the same when each learner's own app has left a
//!   valid load cache in their folder (a synced folder that carries it);
//! - `cli_json_end_to_end`: the release binary, `starlog team --root R
//!   --json > /dev/null`, process start to exit.
//!
//! Target: 200 x 1,000 in under 2 s warm.

use divan::Bencher;
use starlog::store::team::TeamProgress;
use std::path::PathBuf;
use std::sync::Mutex;

fn main() {
    divan::main();
    if let Ok(mut root) = ROOT.lock() {
        root.take();
    }
}

static ROOT: Mutex<Option<tempfile::TempDir>> = Mutex::new(None);
static CACHED: Mutex<bool> = Mutex::new(false);

fn size(var: &str, default: usize) -> usize {
    std::env::var(var)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 29).expect("a real day")
}

/// The generated root, written once per run.
fn root() -> PathBuf {
    let mut root = ROOT.lock().expect("root lock");
    if let Some(dir) = root.as_ref() {
        return dir.path().to_path_buf();
    }
    let dir = match std::env::var_os("STARLOG_BENCH_DIR") {
        Some(base) => tempfile::tempdir_in(base),
        None => tempfile::tempdir(),
    }
    .expect("temp folder");
    let (learners, records) = (size("TEAM_LEARNERS", 200), size("TEAM_RECORDS", 1000));
    let started = std::time::Instant::now();
    starlog::cohort::write_root(dir.path(), learners, records, today()).expect("cohort written");
    eprintln!(
        "[setup] {learners} learners of {records} records in {} ({:.1} s)",
        dir.path().display(),
        started.elapsed().as_secs_f64()
    );
    let path = dir.path().to_path_buf();
    *root = Some(dir);
    path
}

fn read_all(root: &std::path::Path) -> usize {
    let progress = TeamProgress::default();
    let members = starlog::caseload::read(root, today(), &progress).expect("caseload read");
    assert_eq!(
        progress.read.load(std::sync::atomic::Ordering::Relaxed),
        members.len()
    );
    members.len()
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn clones_without_caches(bencher: Bencher) {
    let root = root();
    bencher.bench(|| read_all(&root));
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn synced_with_caches(bencher: Bencher) {
    let root = root();
    let mut cached = CACHED.lock().expect("cached lock");
    if !*cached {
        // What each learner's own app leaves behind.
        for rel in starlog::store::team::find_workspaces(&root).expect("list") {
            let dir = root.join(&rel);
            let ws = starlog::store::Workspace::open(
                dir.parent().expect("parent"),
                &rel.to_string_lossy(),
                starlog::store::Mode::ReadOnly,
            )
            .expect("open");
            let loaded = ws.load().expect("load");
            starlog::store::write_cache(&dir, &loaded).expect("cache");
        }
        *cached = true;
    }
    drop(cached);
    bencher.bench(|| read_all(&root));
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn cli_json_end_to_end(bencher: Bencher) {
    let root = root();
    bencher.bench(|| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_starlog"))
            .args(["team", "--json", "--root"])
            .arg(&root)
            .env("STARLOG_TODAY", "2026-11-29")
            .stdout(std::process::Stdio::null())
            .status()
            .expect("run starlog");
        assert!(out.success());
    });
}
