//! Store benchmarks on generated workspaces of 1k, 10k and 100k diary entries.
//!
//! `cargo bench --bench store` runs the 1k and 10k cases. The 100k full load
//! needs about 150 MB of disk and a minute to set up: run it with
//! `STARLOG_BENCH_100K=1 cargo bench --bench store` (or `-- --include-ignored`).
//! Workspaces go to a temp folder (`STARLOG_BENCH_DIR` to choose where) and
//! are removed at the end. The page cache is warm: the files were just
//! written. `benches/cli.sh` measures the binary end to end, and cold.
//!
//! Targets: save one record < 10 ms; full load of 10k < 150 ms, of 100k < 1.5 s.

use chrono::{DateTime, FixedOffset, NaiveDate};
use divan::Bencher;
use starlog::demo::{self, generated_entries};
use starlog::domain::{DiaryEntry, Id};
use starlog::store::{Mode, StoredRecord, Workspace, codec, fsio};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Mutex;

fn main() {
    let mut divan = divan::Divan::from_args();
    if std::env::var_os("STARLOG_BENCH_100K").is_some() {
        divan = divan.run_ignored();
    }
    divan.main();
    // Statics are never dropped: remove the generated workspaces by hand.
    if let Ok(mut fixtures) = FIXTURES.lock() {
        fixtures.clear();
    }
}

/// Generated workspaces by number of diary entries, made once per run.
static FIXTURES: Mutex<BTreeMap<usize, tempfile::TempDir>> = Mutex::new(BTreeMap::new());

const WORKSPACE: &str = "bench";

fn last_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).expect("a real day")
}

/// The root of a workspace holding the demo story plus `n` generated entries.
fn workspace_root(n: usize) -> PathBuf {
    let mut fixtures = FIXTURES.lock().expect("fixtures lock");
    if let Some(dir) = fixtures.get(&n) {
        return dir.path().to_path_buf();
    }
    let dir = match std::env::var_os("STARLOG_BENCH_DIR") {
        Some(base) => tempfile::tempdir_in(base),
        None => tempfile::tempdir(),
    }
    .expect("temp folder");
    let started = std::time::Instant::now();
    let ws = Workspace::open(dir.path(), WORKSPACE, Mode::Write).expect("workspace opens");
    let (_, state, _) = ws.load_header().expect("header");
    let now: DateTime<FixedOffset> =
        DateTime::parse_from_rfc3339("2026-11-21T09:00:00+00:00").expect("moment");
    // The story through the real API (about 90 files, fsynced)...
    demo::write_demo(&ws, state.as_ref(), 0, now).expect("demo written");
    // ...and the bulk written directly, without fsync, or setting up 100k
    // entries would take minutes.
    for entry in generated_entries(n, 42, last_day()) {
        let path = ws.dir().join(entry.rel_path());
        if let Some(parent) = path.parent() {
            fsio::create_private_dir(parent).expect("diary folder");
        }
        let text = codec::encode(&entry).expect("encodes");
        std::fs::write(&path, text).expect("entry written");
    }
    drop(ws);
    eprintln!(
        "[setup] {n} generated entries in {} ({:.1} s)",
        dir.path().display(),
        started.elapsed().as_secs_f64()
    );
    let root = dir.path().to_path_buf();
    fixtures.insert(n, dir);
    root
}

fn open(n: usize, mode: Mode) -> Workspace {
    Workspace::open(&workspace_root(n), WORKSPACE, mode).expect("workspace opens")
}

fn new_entry(now: DateTime<FixedOffset>) -> DiaryEntry {
    let mut entry = DiaryEntry::new(Id::generate(), now.date_naive(), now);
    entry.text = "Customer rang back to say the corrected bill had arrived; logged it against my FCR objective.".into();
    entry.tags = vec!["billing".into(), "FCR".into()];
    entry
}

/// Saving one new diary entry (`Workspace::create`: temp file, fsync,
/// rename, folder fsync) in a workspace of 10k entries. Target: < 10 ms.
#[divan::bench(sample_count = 200)]
fn create_one_at_10k(bencher: Bencher) {
    let ws = open(10_000, Mode::Capture);
    let now = starlog::commands::now();
    bencher
        .with_inputs(|| new_entry(now))
        .bench_local_refs(|entry| ws.create(entry).expect("saved"));
}

/// Encoding one entry to pretty RON (part of every save).
#[divan::bench(sample_count = 200)]
fn encode_one_entry(bencher: Bencher) {
    let entry = new_entry(starlog::commands::now());
    bencher.bench(|| codec::encode(divan::black_box(&entry)).expect("encodes"));
}

/// A full load (every record, parsed, in parallel). Target: 10k < 150 ms.
#[divan::bench(args = [1_000, 10_000], sample_count = 20, sample_size = 1)]
fn load(bencher: Bencher, n: usize) {
    let ws = open(n, Mode::ReadOnly);
    bencher.bench_local(|| {
        let loaded = ws.load().expect("loads");
        assert!(loaded.records.diary.len() >= n);
        loaded
    });
}

/// A full load of 100k entries. Target: < 1.5 s. Ignored unless
/// `STARLOG_BENCH_100K` is set or `--include-ignored` is given.
#[divan::bench(ignore, sample_count = 5, sample_size = 1)]
fn load_100k(bencher: Bencher) {
    let ws = open(100_000, Mode::ReadOnly);
    bencher.bench_local(|| {
        let loaded = ws.load().expect("loads");
        assert!(loaded.records.diary.len() >= 100_000);
        loaded
    });
}

/// Listing every diary file name and sorting them newest first.
#[divan::bench(args = [1_000, 10_000], sample_count = 50)]
fn diary_paths_newest_first(bencher: Bencher, n: usize) {
    let ws = open(n, Mode::ReadOnly);
    bencher.bench_local(|| ws.diary_paths_newest_first());
}

/// The newest 10 entries (what `starlog list --last 10` reads) at 10k: only
/// the newest year folders are listed.
#[divan::bench(sample_count = 100)]
fn newest_diary_10_at_10k(bencher: Bencher) {
    let ws = open(10_000, Mode::ReadOnly);
    bencher.bench_local(|| {
        let (entries, _) = ws.newest_diary(10);
        assert_eq!(entries.len(), 10);
        entries
    });
}
