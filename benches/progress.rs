//! Progress and portfolio benchmarks on the demo learner's story with
//! generated diary entries: what the Progress screen works out after each
//! change of the records (coverage, the readiness rules with their
//! personal-data scan), drawing the screen once that is cached, and building
//! the whole portfolio in HTML.
//!
//! Run: `cargo bench --bench progress`.

use chrono::{DateTime, FixedOffset, NaiveDate};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use starlog::domain::{Records, WorkspaceHeader, coverage, readiness};
use starlog::export::{self, Format, PersonalData, Request};
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

fn journal(extra: usize) -> (WorkspaceHeader, Records) {
    let (header, mut records) = starlog::demo::story(today());
    records
        .diary
        .extend(starlog::demo::generated_entries(extra, 7, today()));
    records.sort();
    (header, records)
}

#[divan::bench(args = [1_000, 10_000])]
fn coverage_and_readiness(bencher: divan::Bencher, n: usize) {
    let (header, records) = journal(n);
    let set = starlog::assets::criteria_set("").expect("criteria set");
    bencher.bench(|| {
        let cov = coverage::coverage(&set, &records);
        let verdicts = readiness::check(&readiness::Portfolio {
            header: &header,
            records: &records,
            criteria: Some(&set),
            more_criteria: &[],
            today: today(),
            smart: &|o, t| readiness::smart_letters(o, t, &Default::default()),
        });
        (cov.criteria.len(), verdicts.len())
    });
}

#[divan::bench(args = [1_000, 10_000])]
fn progress_frame_when_cached(bencher: divan::Bencher, n: usize) {
    let (header, records) = journal(n);
    let mut app = App::from_loaded(
        Loaded {
            header,
            records,
            ..Loaded::default()
        },
        now(),
    );
    app.update(Action::ShowScreen(Screen::Progress));
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    terminal
        .draw(|f| {
            starlog::tui::view(&app, f);
        })
        .expect("first frame works the figures out");
    bencher.bench_local(|| {
        terminal
            .draw(|f| {
                starlog::tui::view(&app, f);
            })
            .expect("draw");
    });
}

#[divan::bench(args = [1_000, 10_000])]
fn export_html(bencher: divan::Bencher, n: usize) {
    let (header, records) = journal(n);
    let set = starlog::assets::criteria_set("").expect("criteria set");
    bencher.bench(|| {
        export::export(
            &Request {
                header: &header,
                records: &records,
                criteria: Some(&set),
                today: today(),
                smart: &|o, t| readiness::smart_letters(o, t, &Default::default()),
                format: Format::Html,
                personal_data: PersonalData::Redact,
                files: &Default::default(),
            },
            &mut |_, _| {},
        )
        .map(|e| e.text.len())
    });
}

#[divan::bench(args = [10_000])]
fn coverage_only(bencher: divan::Bencher, n: usize) {
    let (_, records) = journal(n);
    let set = starlog::assets::criteria_set("").expect("criteria set");
    bencher.bench(|| coverage::coverage(&set, &records).criteria.len());
}

#[divan::bench(args = [10_000])]
fn personal_data_scan(bencher: divan::Bencher, n: usize) {
    let (_, records) = journal(n);
    bencher.bench(|| starlog::domain::privacy::scan(&records).len());
}
