//! App benchmarks: start to the first frame showing the newest entries, the
//! first key after it, the moment the full load arrives, and key press to
//! finished frame, on generated journals.
//!
//! Run: `cargo bench --bench app`. The 100k workspace takes a minute to
//! generate the first time in a run.

use chrono::{DateTime, FixedOffset, NaiveDate};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use starlog::domain::Records;
use starlog::store::{Loaded, Mode, Workspace, codec};
use starlog::tui::App;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

fn main() {
    divan::main();
}

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-23T09:30:00+00:00").expect("valid time")
}

fn today() -> NaiveDate {
    now().date_naive()
}

/// Generated workspaces, kept for the whole run: (tempdir, root path).
fn workspace(n: usize) -> PathBuf {
    static CACHE: OnceLock<Mutex<HashMap<usize, (tempfile::TempDir, PathBuf)>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    let mut cache = cache.lock().expect("cache lock");
    cache
        .entry(n)
        .or_insert_with(|| {
            let dir = tempfile::tempdir().expect("temp dir");
            let root = dir.path().to_path_buf();
            let ws = Workspace::open(&root, "bench", Mode::Capture).expect("open");
            for entry in starlog::demo::generated_entries(n, 7, today()) {
                // Plain writes: generating the fixture need not be durable.
                let path = ws
                    .dir()
                    .join(starlog::store::StoredRecord::rel_path(&entry));
                std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
                std::fs::write(&path, codec::encode(&entry).expect("encode")).expect("write");
            }
            (dir, root)
        })
        .1
        .clone()
}

/// Open the workspace (lock and all), read what the first screen needs and
/// draw it at 120x40. The background load is not part of this.
#[divan::bench(args = [10_000, 100_000], sample_count = 20)]
fn first_frame(bencher: divan::Bencher, n: usize) {
    let root = workspace(n);
    bencher.bench_local(|| {
        let ws = Workspace::open(&root, "bench", Mode::Write).expect("open");
        let app = App::open(ws, now()).expect("app");
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        terminal
            .draw(|f| {
                starlog::tui::view(&app, f);
            })
            .expect("draw");
        divan::black_box(terminal.backend().buffer().area);
    });
}

/// One key (move down) and a full frame at 200x50 with every record in memory.
#[divan::bench(args = [10_000, 100_000])]
fn key_to_frame(bencher: divan::Bencher, n: usize) {
    let mut records = Records {
        diary: starlog::demo::generated_entries(n, 7, today()),
        ..Records::default()
    };
    records.sort();
    let loaded = Loaded {
        records,
        ..Loaded::default()
    };
    let mut app = App::from_loaded(loaded, now());
    app.update(starlog::tui::Action::Bottom);
    app.update(starlog::tui::Action::Top);
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
    let mut down = true;
    bencher.bench_local(|| {
        // Alternate down and up so the selection stays near the top.
        let code = if down { KeyCode::Down } else { KeyCode::Up };
        down = !down;
        app.handle_key(&KeyEvent::new(code, KeyModifiers::NONE));
        terminal
            .draw(|f| {
                starlog::tui::view(&app, f);
            })
            .expect("draw");
    });
}

/// The once-a-second look for records added from the shell, when nothing
/// was added (the idle case): a `stat` per record folder.
#[divan::bench(args = [10_000, 100_000])]
fn arrivals_check_finding_nothing(bencher: divan::Bencher, n: usize) {
    let root = workspace(n);
    let ws = Workspace::open(&root, "bench", Mode::ReadOnly).expect("open");
    let stamps = ws.folder_stamps();
    bencher.bench_local(|| {
        let (found, next) = ws.arrivals(&stamps, |_| true);
        divan::black_box((found, next));
    });
}

/// The first key after the first frame at 120x40, as the learner meets it:
/// the workspace opened (lock and all), the newest entries read and drawn,
/// then one key (move down) to its finished frame. The full load, the
/// tidy and the cache run on their own threads and are not part of it.
/// Target < 16 ms at 100k.
#[divan::bench(args = [10_000, 100_000], sample_count = 20, sample_size = 1)]
fn first_key_after_first_frame(bencher: divan::Bencher, n: usize) {
    let root = workspace(n);
    bencher
        .with_inputs(|| {
            let ws = Workspace::open(&root, "bench", Mode::Write).expect("open");
            let app = App::open(ws, now()).expect("app");
            let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
            terminal
                .draw(|f| {
                    starlog::tui::view(&app, f);
                })
                .expect("draw");
            (app, terminal)
        })
        .bench_local_values(|(mut app, mut terminal)| {
            app.handle_key(&KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
            terminal
                .draw(|f| {
                    starlog::tui::view(&app, f);
                })
                .expect("draw");
            // Returned: closing the app (and its lock) is not timed.
            (app, terminal)
        });
}

/// The moment the background load arrives: the UI thread takes every
/// record in (shared with the load, which goes on to work out the search
/// index and the Progress figures) and draws the whole list at 120x40. A key
/// pressed just then waits at most this long. Target < 16 ms at 100k.
#[divan::bench(args = [10_000, 100_000], sample_count = 10, sample_size = 1)]
fn load_arrives(bencher: divan::Bencher, n: usize) {
    let (header, mut records) = starlog::demo::story(today());
    records
        .diary
        .extend(starlog::demo::generated_entries(n, 7, today()));
    records.sort();
    let records = std::sync::Arc::new(records);
    let criteria = (starlog::assets::criteria_set(""), Vec::new());
    bencher
        .with_inputs(|| {
            let app = App::from_loaded(
                Loaded {
                    header: header.clone(),
                    ..Loaded::default()
                },
                now(),
            );
            let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
            terminal
                .draw(|f| {
                    starlog::tui::view(&app, f);
                })
                .expect("draw");
            let loaded = Loaded {
                header: header.clone(),
                ..Loaded::default()
            };
            (app, terminal, loaded)
        })
        .bench_local_values(|(mut app, mut terminal, loaded)| {
            app.apply_shared_load(loaded, std::sync::Arc::clone(&records), criteria.clone());
            terminal
                .draw(|f| {
                    starlog::tui::view(&app, f);
                })
                .expect("draw");
            (app, terminal)
        });
}
