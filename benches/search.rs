//! Search benchmarks: building the index and searching it per keystroke, on
//! the demo story plus 10k or 100k generated STAR entries (about 1.2 KB of
//! text each) held in memory, as the app holds them.
//!
//! `cargo bench --bench search` runs the 10k cases; the 100k cases are
//! ignored unless `STARLOG_BENCH_100K=1` is set (or `-- --include-ignored`).
//!
//! A keystroke is a query run through a `Session` that has already run the
//! query one letter shorter, as the palette does: only the last matches are
//! checked again. `first_letter` is the one keystroke that searches
//! everything. `typed` types a whole query letter by letter: divide by its
//! length for the mean per keystroke.
//!
//! Targets per keystroke: < 5 ms at 10k, < 30 ms at 100k.

use chrono::NaiveDate;
use divan::Bencher;
use starlog::domain::Records;
use starlog::search::{Index, Query, Session, Text};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

fn main() {
    let mut divan = divan::Divan::from_args();
    if std::env::var_os("STARLOG_BENCH_100K").is_some() {
        divan = divan.run_ignored();
    }
    divan.main();
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("a real day")
}

/// The demo story plus `n` generated diary entries.
fn records(n: usize) -> Records {
    let (_, mut records) = starlog::demo::story(today());
    records
        .diary
        .extend(starlog::demo::generated_entries(n, 42, today()));
    records.sort();
    records
}

/// An index, the records it reads (kept alive here), and their text folded.
type Indexed = (Arc<Index>, Arc<Text>, Arc<Records>);

/// Indexes by number of generated entries, and their text folded as the
/// palette folds it when it opens, built once per run.
fn index(n: usize) -> Indexed {
    static CACHE: Mutex<BTreeMap<usize, Indexed>> = Mutex::new(BTreeMap::new());
    let mut cache = CACHE.lock().expect("cache lock");
    cache
        .entry(n)
        .or_insert_with(|| {
            let records = Arc::new(records(n));
            let index = Index::build(&records, today());
            let text = Text::of_index(&index);
            (Arc::new(index), Arc::new(text), records)
        })
        .clone()
}

/// A session as the palette's (over many records it keeps the text folded).
fn session(text: &Arc<Text>) -> Session {
    Session::with_text(Arc::clone(text))
}

fn query(text: &str) -> Query {
    Query::parse(text, today()).expect("query parses")
}

/// Queries typed in the benches: a word in every entry's text, a tag, a
/// rarer word, two words, a fuzzy abbreviation, and a word in no record
/// (every title is still checked fuzzily).
const QUERIES: &[&str] = &[
    "customer",
    "#heat",
    "refund",
    "angry bill",
    "cmplnt",
    "zebra",
];

/// One more letter: the query minus its last letter has been searched.
fn keystroke(bencher: Bencher, n: usize, text: &str) {
    let (index, folded, _) = index(n);
    let shorter = &text[..text.len() - 1];
    bencher
        .with_inputs(|| {
            let mut session = session(&folded);
            session.search_all(&index, &query(shorter));
            (session, query(text))
        })
        .bench_local_refs(|(session, q)| session.search_all(&index, q));
}

/// A keystroke that narrows, at 10k entries. Target: < 5 ms.
#[divan::bench(args = QUERIES, sample_count = 30)]
fn keystroke_10k(bencher: Bencher, text: &str) {
    keystroke(bencher, 10_000, text);
}

/// A keystroke that narrows, at 100k entries. Target: < 30 ms.
#[divan::bench(ignore, args = QUERIES, sample_count = 10)]
fn keystroke_100k(bencher: Bencher, text: &str) {
    keystroke(bencher, 100_000, text);
}

/// The slowest keystrokes while typing at 100k (`refu`, `angr`): almost
/// every title holds the letters in order and goes through the matcher.
#[divan::bench(ignore, args = ["refu", "angr"], sample_count = 10)]
fn slow_keystroke_100k(bencher: Bencher, text: &str) {
    keystroke(bencher, 100_000, text);
}

/// The first letter typed: every record is checked.
fn first_letter(bencher: Bencher, n: usize) {
    let (index, folded, _) = index(n);
    let q = query("c");
    bencher.bench_local(|| session(&folded).search_all(&index, &q));
}

#[divan::bench(sample_count = 30)]
fn first_letter_10k(bencher: Bencher) {
    first_letter(bencher, 10_000);
}

#[divan::bench(ignore, sample_count = 10)]
fn first_letter_100k(bencher: Bencher) {
    first_letter(bencher, 100_000);
}

/// A whole query typed letter by letter, from an empty palette.
fn typed(bencher: Bencher, n: usize, text: &str) {
    let (index, folded, _) = index(n);
    let steps: Vec<Query> = (1..=text.len()).map(|i| query(&text[..i])).collect();
    bencher.bench_local(|| {
        let mut session = session(&folded);
        for q in &steps {
            divan::black_box(session.search_all(&index, q));
        }
    });
}

#[divan::bench(args = ["refund", "angry bill"], sample_count = 20)]
fn typed_10k(bencher: Bencher, text: &str) {
    typed(bencher, 10_000, text);
}

#[divan::bench(ignore, args = ["refund", "angry bill"], sample_count = 5)]
fn typed_100k(bencher: Bencher, text: &str) {
    typed(bencher, 100_000, text);
}

/// Building the index from records in memory (once per load or save).
#[divan::bench(args = [10_000], sample_count = 10)]
fn build(bencher: Bencher, n: usize) {
    let records = Arc::new(records(n));
    bencher.bench_local(|| Index::build(&records, today()));
}

#[divan::bench(ignore, sample_count = 3)]
fn build_100k(bencher: Bencher) {
    let records = Arc::new(records(100_000));
    bencher.bench_local(|| Index::build(&records, today()));
}

/// Folding the records' text once as a palette opens over many records (on
/// its search thread, before the first key arrives).
#[divan::bench(ignore, sample_count = 3)]
fn palette_text_100k(bencher: Bencher) {
    let (index, _, _) = index(100_000);
    bencher.bench_local(|| Text::of_index(&index));
}
