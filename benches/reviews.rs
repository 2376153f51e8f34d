//! Reviews screen benchmarks: key press to finished frame on the timeline,
//! which counts every record between reviews, with the demo's reviews over
//! large generated journals.
//!
//! Run: `cargo bench --bench reviews`.

use chrono::{DateTime, FixedOffset};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use starlog::store::Loaded;
use starlog::tui::{Action, App, Screen};

fn main() {
    divan::main();
}

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-23T09:30:00+00:00").expect("valid time")
}

/// The demo story (three reviews) plus `n` generated diary entries.
fn app(n: usize) -> App {
    let today = now().date_naive();
    let (header, mut records) = starlog::demo::story(today);
    records
        .diary
        .extend(starlog::demo::generated_entries(n, 7, today));
    records.sort();
    let loaded = Loaded {
        header,
        records,
        ..Loaded::default()
    };
    let mut app = App::from_loaded(loaded, now());
    app.update(Action::ShowScreen(Screen::Reviews));
    app
}

/// One key (next review) and a full frame of the timeline at 200x50.
#[divan::bench(args = [10_000, 100_000])]
fn timeline_key_to_frame(bencher: divan::Bencher, n: usize) {
    let mut app = app(n);
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
    let mut down = true;
    bencher.bench_local(|| {
        let code = if down {
            KeyCode::Char('j')
        } else {
            KeyCode::Char('k')
        };
        down = !down;
        app.handle_key(&KeyEvent::new(code, KeyModifiers::NONE));
        terminal
            .draw(|f| {
                starlog::tui::view(&app, f);
            })
            .expect("draw");
        divan::black_box(terminal.backend().buffer().area);
    });
}

/// The compare view (`c`) of the newest review at 200x50.
#[divan::bench(args = [10_000, 100_000])]
fn compare_frame(bencher: divan::Bencher, n: usize) {
    let mut app = app(n);
    app.update(Action::Compare);
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
    bencher.bench_local(|| {
        terminal
            .draw(|f| {
                starlog::tui::view(&app, f);
            })
            .expect("draw");
        divan::black_box(terminal.backend().buffer().area);
    });
}
