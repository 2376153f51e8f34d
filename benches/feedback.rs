//! Feedback inbox benchmarks: key press to finished frame on the Feedback
//! screen (the filter and the triangulation panel are worked out every frame),
//! and the triangulation count alone, with 100 to 10,000 feedback items.
//!
//! Run: `cargo bench --bench feedback`.

use chrono::{DateTime, Days, FixedOffset, NaiveDate};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use starlog::domain::{
    Feedback, FeedbackMethod, FeedbackSource, Id, Records, ReviewPeriod, Triangulation, Valence,
    WorkspaceHeader,
};
use starlog::store::Loaded;
use starlog::tui::{Action, App, Screen};

fn main() {
    divan::main();
}

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-23T09:30:00+00:00").expect("valid time")
}

const TEXTS: [&str; 5] = [
    "Put on hold three times and still had to ring back about my direct debit.",
    "Your notes are much tighter with the templates; I can pick up your cases.",
    "Sorted my bill in one call. First time ever!",
    "Your follow-up emails are too long and don't say what happens next.",
    "You soften a refusal until it sounds like a maybe.",
];

/// `n` feedback items, one every day going back from today, newest first.
fn feedback(n: usize) -> Vec<Feedback> {
    let today: NaiveDate = now().date_naive();
    (0..n)
        .map(|i| {
            let mut f = Feedback::new(
                Id::from_parts(1_700_000_000_000 + i as u64, [(i % 251) as u8; 10]),
                today - Days::new(i as u64 % 1500),
                now(),
                FeedbackSource::ALL[i % FeedbackSource::ALL.len()],
                FeedbackMethod::ALL[i % FeedbackMethod::ALL.len()],
                Valence::ALL[i % 3],
                format!("{} (#{i})", TEXTS[i % TEXTS.len()]),
            );
            f.tags = vec![["hold", "billing", "email"][i % 3].to_string()];
            f
        })
        .collect()
}

fn app(n: usize) -> App {
    let mut records = Records {
        feedback: feedback(n),
        ..Records::default()
    };
    records.sort();
    let loaded = Loaded {
        header: WorkspaceHeader {
            onboarded: true,
            ..WorkspaceHeader::default()
        },
        records,
        ..Loaded::default()
    };
    let mut app = App::from_loaded(loaded, now());
    app.update(Action::ShowScreen(Screen::Feedback));
    app
}

/// `j` on the Feedback screen, then the whole 120x40 frame drawn.
#[divan::bench(args = [100, 1_000, 10_000])]
fn key_to_frame(bencher: divan::Bencher, n: usize) {
    let mut app = app(n);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let down = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
    bencher.bench_local(|| {
        app.handle_key(&down);
        terminal
            .draw(|f| {
                starlog::tui::view(&app, f);
            })
            .expect("draw");
    });
}

/// Triangulation over a 90-day period with no review yet.
#[divan::bench(args = [100, 1_000, 10_000])]
fn triangulation(bencher: divan::Bencher, n: usize) {
    let items = feedback(n);
    let period = ReviewPeriod::current(&[], 90, now().date_naive());
    bencher.bench_local(|| Triangulation::count(divan::black_box(&items), period));
}
