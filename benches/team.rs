//! The caseload (`starlog team`, the Team screen) over a generated root of
//! 200 learners with 1,000 records each (`starlog::cohort`: the demo story
//! under 200 names, varied, topped up with STAR entries; about 200,000
//! files, 800 MB of disk, a minute or two to write).
//!
//! `cargo bench --bench team` writes the root to a temp folder
//! (`STARLOG_BENCH_DIR` to choose where; `TEAM_LEARNERS` and
//! `TEAM_RECORDS` to change its size) and keeps the caseload's own caches
//! in a temp folder too (`XDG_CACHE_HOME`), then measures, with the page
//! cache warm (the files were just written), reading every learner and
//! working out their lines:
//! - `first_look`: nothing cached (every file parsed, the caches written),
//!   as after `git clone`;
//! - `new_day`: the caseload's load caches valid, but a new day, so every
//!   line is worked out again;
//! - `warm`: nothing changed since the last look today;
//! - `cli_json_warm`: the release binary, `starlog team --root R --json >
//!   /dev/null`, process start to exit, warm.
//!
//! Target: 200 x 1,000 in under 2 s warm.

use divan::Bencher;
use starlog::store::team::TeamProgress;
use std::path::PathBuf;
use std::sync::Mutex;

fn main() {
    let cache = tempfile::tempdir().expect("cache folder");
    // SAFETY: set before any thread starts; the caseload's caches go to a
    // folder of this run, not the user's.
    unsafe { std::env::set_var("XDG_CACHE_HOME", cache.path()) };
    divan::main();
    if let Ok(mut root) = ROOT.lock() {
        root.take();
    }
    drop(cache);
}

static ROOT: Mutex<Option<tempfile::TempDir>> = Mutex::new(None);
static DAY: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

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

fn read_all(root: &std::path::Path, today: chrono::NaiveDate) -> usize {
    let progress = TeamProgress::default();
    let members = starlog::caseload::read(root, today, &progress).expect("caseload read");
    assert_eq!(
        progress.read.load(std::sync::atomic::Ordering::Relaxed),
        members.len()
    );
    members.len()
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn first_look(bencher: Bencher) {
    let root = root();
    let home = starlog::caseload::cache_home(&root).expect("a cache folder");
    bencher
        .with_inputs(|| {
            let _ = std::fs::remove_dir_all(&home);
        })
        .bench_values(|()| read_all(&root, today()));
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn new_day(bencher: Bencher) {
    let root = root();
    read_all(&root, today());
    bencher
        .with_inputs(|| {
            let n = DAY.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            today() + chrono::Days::new(1 + n)
        })
        .bench_values(|day| read_all(&root, day));
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn warm(bencher: Bencher) {
    let root = root();
    read_all(&root, today());
    bencher.bench(|| read_all(&root, today()));
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn cli_json_warm(bencher: Bencher) {
    let root = root();
    read_all(&root, today());
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
