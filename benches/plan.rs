//! Plan benchmarks: drawing the Plan screen (every visible row runs the SMART
//! check, and the title counts the golden thread's gaps) and a key press in
//! the objective form (the live SMART check) on plans far larger than a
//! learner's, to show the per-frame work stays small.
//!
//! Run: `cargo bench --bench plan`.

use chrono::{DateTime, Days, FixedOffset, NaiveDate};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use starlog::domain::{Activity, ActivityKind, DevelopmentNeed, Id, Objective, Records};
use starlog::store::Loaded;
use starlog::tui::{Action, App, Screen};

fn main() {
    divan::main();
}

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-23T09:30:00+00:00").expect("valid time")
}

fn today() -> NaiveDate {
    now().date_naive()
}

/// A plan of `n` objectives, each with a need and three activities.
fn plan(n: usize) -> Records {
    let mut records = Records::default();
    for i in 0..n {
        let mut need = DevelopmentNeed::new(Id::generate(), today(), now());
        need.area = format!("Handling billing disputes, area {i}");
        let mut o = Objective::new(Id::generate(), now());
        o.statement = format!(
            "Raise my first contact resolution on billing calls from 68% to 75% by using the \
             exceptions guide, checked in the monthly FCR report ({i})"
        );
        o.measure.baseline = "68%".into();
        o.measure.target = "75%".into();
        o.support = "Coaching from my team leader".into();
        o.needs = vec![need.id.clone()];
        o.target_date = today().checked_add_days(Days::new(60));
        o.review_date = today().checked_add_days(Days::new(30));
        for k in 0..3 {
            let mut a = Activity::new(Id::generate(), today(), now(), vec![o.id.clone()]);
            a.kind = ActivityKind::ALL[k % ActivityKind::ALL.len()];
            a.title = format!("Activity {k} for objective {i}");
            a.hours = 1.5;
            records.activities.push(a);
        }
        records.needs.push(need);
        records.objectives.push(o);
    }
    records.sort();
    records
}

fn app(n: usize) -> App {
    let loaded = Loaded {
        records: plan(n),
        ..Loaded::default()
    };
    let mut app = App::from_loaded(loaded, now());
    app.update(Action::ShowScreen(Screen::Plan));
    app
}

#[divan::bench(args = [50, 500])]
fn plan_screen_frame(bencher: divan::Bencher, n: usize) {
    let app = app(n);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    bencher.bench_local(|| {
        terminal
            .draw(|f| {
                starlog::tui::view(&app, f);
            })
            .expect("draw");
    });
}

#[divan::bench(args = [50, 500])]
fn objective_form_key_to_frame(bencher: divan::Bencher, n: usize) {
    let mut app = app(n);
    app.update(Action::New);
    app.handle_key(&KeyEvent::new(KeyCode::Char('o'), KeyModifiers::NONE));
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    bencher.bench_local(|| {
        app.handle_key(&KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE));
        terminal
            .draw(|f| {
                starlog::tui::view(&app, f);
            })
            .expect("draw");
    });
}
