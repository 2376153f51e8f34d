//! The search palette (`/` anywhere): its state, its keys, the background
//! search, and jumping to the chosen record on its own screen.
//!
//! The index is built from the records in memory and kept until they change
//! (a save, a deletion, an undo, a reload). In a small workspace each key
//! searches at once; from [`BACKGROUND_FROM`] records the search runs on a
//! worker thread: the key only sends the query, the loop keeps drawing, the
//! exact finds arrive first and the fuzzy ones after, and a query overtaken
//! by the next key is abandoned.

pub mod view;

use crate::domain::{FeedbackFilter, Id};
use crate::search::{Hit, Index, Kind, Query, Session, Text};
use crate::tui::jobs::{self, Jobs};
use crate::tui::{Action, App, Screen};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::Sender;

/// From this many records, searching moves off the UI thread.
pub const BACKGROUND_FROM: usize = 5_000;

/// The search's part of the app beside its palette (a layer, see
/// `layers.rs`): the index.
#[derive(Debug, Default)]
pub struct SearchState {
    /// Built from the records at the revision beside it; built again when
    /// the records' revision has moved on (nobody needs to say so).
    index: Option<(u64, Arc<Index>)>,
}

impl SearchState {
    /// The index, if it was built from the records at revision `rev`.
    fn index_at(&self, rev: u64) -> Option<Arc<Index>> {
        match &self.index {
            Some((built, index)) if *built == rev => Some(Arc::clone(index)),
            _ => None,
        }
    }

    /// An index built elsewhere (the background load) from the records at
    /// revision `rev`.
    pub fn set_index(&mut self, index: Index, rev: u64) {
        self.index = Some((rev, Arc::new(index)));
    }
}

/// The open palette.
#[derive(Debug)]
pub struct Palette {
    /// What has been typed.
    pub input: String,
    /// Why the input cannot be searched, shown under it.
    pub error: Option<String>,
    /// The query the hits belong to (for marking what matched).
    pub query: Query,
    /// Ranked results so far.
    pub hits: Vec<Hit>,
    pub selected: usize,
    /// A background search for the latest input has not finished yet.
    pub searching: bool,
    pub index: Arc<Index>,
    runner: Runner,
}

#[derive(Debug)]
enum Runner {
    /// Small workspace: search on the UI thread.
    Here(Session),
    /// Large workspace: a worker thread and the newest query's number.
    Worker(Worker),
}

/// A search job for one open palette: it takes queries and posts hits.
#[derive(Debug)]
struct Worker {
    /// Tells this worker's hits from those of an earlier palette's.
    id: u64,
    requests: Sender<(u64, Query)>,
    latest: Arc<AtomicU64>,
}

/// Numbers the workers, so hits posted by one whose palette has closed are
/// never taken for the open palette's.
static WORKERS: AtomicU64 = AtomicU64::new(0);

impl Worker {
    fn start(index: Arc<Index>, jobs: &Jobs<App>) -> Option<Worker> {
        let (requests, inbox) = std::sync::mpsc::channel::<(u64, Query)>();
        let latest = Arc::new(AtomicU64::new(0));
        let newest = Arc::clone(&latest);
        let id = WORKERS.fetch_add(1, Ordering::Relaxed);
        jobs.start(jobs::Kind::Search, move |post| {
            // The records' text folded once while the palette is open (the
            // index does not keep a copy): a keystroke then reads one dense
            // buffer. Let go of when the palette closes.
            let mut session = Session::with_text(Arc::new(Text::of_index(&index)));
            // Ends when the palette closes (the sender is dropped).
            while let Ok(mut request) = inbox.recv() {
                // Only the newest of the queries waiting matters.
                while let Ok(newer) = inbox.try_recv() {
                    request = newer;
                }
                let (number, query) = request;
                let stop = || newest.load(Ordering::Relaxed) != number;
                let mut partial = |hits: &[Hit]| {
                    let hits = hits.to_vec();
                    post.post(move |app| take_hits(app, id, number, hits, false));
                };
                if let Some(hits) = session.search(&index, &query, &stop, &mut partial) {
                    post.post(move |app| take_hits(app, id, number, hits, true));
                }
            }
        })
        .ok()?;
        Some(Worker {
            id,
            requests,
            latest,
        })
    }
}

/// Hits posted by worker `id` for its query `number`: shown if that is the
/// open palette's worker and its newest query (`done`: the fuzzy pass too).
fn take_hits(app: &mut App, id: u64, number: u64, hits: Vec<Hit>, done: bool) {
    let Some(palette) = &mut app.layers.palette else {
        return;
    };
    let Runner::Worker(worker) = &palette.runner else {
        return;
    };
    if worker.id != id || worker.latest.load(Ordering::Relaxed) != number {
        return; // an abandoned query's results
    }
    palette.hits = hits;
    palette.selected = 0;
    if done {
        palette.searching = false;
    }
}

impl Palette {
    fn new(index: Arc<Index>, jobs: &Jobs<App>) -> Palette {
        let runner = if index.len() >= BACKGROUND_FROM {
            match Worker::start(Arc::clone(&index), jobs) {
                Some(worker) => Runner::Worker(worker),
                None => Runner::Here(Session::new()),
            }
        } else {
            Runner::Here(Session::new())
        };
        Palette {
            input: String::new(),
            error: None,
            query: Query::default(),
            hits: Vec::new(),
            selected: 0,
            searching: false,
            index,
            runner,
        }
    }

    /// Searches for the input as it now stands.
    fn run(&mut self, today: chrono::NaiveDate) {
        let query = match Query::parse(&self.input, today) {
            Ok(query) => query,
            Err(e) => {
                // Keep the last results: the learner is mid-word.
                self.error = Some(e.message);
                return;
            }
        };
        self.error = None;
        self.query = query.clone();
        match &mut self.runner {
            Runner::Here(session) => {
                self.hits = session.search_all(&self.index, &query);
                self.selected = 0;
                self.searching = false;
            }
            Runner::Worker(worker) => {
                let number = worker.latest.fetch_add(1, Ordering::Relaxed) + 1;
                if worker.requests.send((number, query)).is_ok() {
                    self.searching = true;
                }
            }
        }
    }
}

/// The screen a kind of record lives on.
pub fn screen_of(kind: Kind) -> Screen {
    match kind {
        Kind::Diary => Screen::Diary,
        Kind::Need | Kind::Objective | Kind::Activity | Kind::Practice => Screen::Plan,
        Kind::Feedback => Screen::Feedback,
        Kind::Review => Screen::Reviews,
        // Evidence files and witness statements are shown in the portfolio;
        // coaching sessions in the coaching log beside it.
        Kind::Evidence | Kind::Witness | Kind::Coaching => Screen::Progress,
    }
}

impl App {
    /// `/`: opens the palette, building the index if the records changed.
    pub(in crate::tui) fn open_search(&mut self) {
        let rev = self.model.records.rev();
        let index = match self.search.index_at(rev) {
            Some(index) => index,
            None => {
                let index = Arc::new(Index::build(&self.model.records.shared(), self.today));
                self.search.index = Some((rev, Arc::clone(&index)));
                index
            }
        };
        let mut palette = Palette::new(index, &self.jobs);
        palette.run(self.today);
        self.layers.palette = Some(palette);
    }

    /// A key from the table while the palette is open.
    pub(in crate::tui) fn search_action(&mut self, action: Action) {
        let Some(palette) = &mut self.layers.palette else {
            return;
        };
        let last = palette.hits.len().saturating_sub(1);
        match action {
            Action::Back => self.layers.palette = None,
            Action::Quit => self.exit = Some(crate::tui::Exit::Done),
            Action::Up => palette.selected = palette.selected.saturating_sub(1),
            Action::Down => palette.selected = (palette.selected + 1).min(last),
            Action::PageUp => palette.selected = palette.selected.saturating_sub(10),
            Action::PageDown => palette.selected = (palette.selected + 10).min(last),
            Action::Open => self.open_search_hit(),
            _ => {}
        }
    }

    /// A typed character goes to the query before the key table is asked,
    /// so no key setting can turn a letter into a command here.
    pub(in crate::tui) fn search_types(&mut self, key: &KeyEvent) -> bool {
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match key.code {
            KeyCode::Char(c) if plain => {
                let today = self.today;
                if let Some(palette) = &mut self.layers.palette {
                    palette.input.push(c);
                    palette.run(today);
                }
                true
            }
            _ => false,
        }
    }

    /// The background load's index: kept unless this session's own saves
    /// were laid over the load (then it is built again on the next `/`).
    /// An open palette searches the full workspace at once.
    pub fn search_index_loaded(&mut self, index: Index) {
        if !self.session.saved.is_empty() || !self.session.trashed.is_empty() {
            return;
        }
        self.search.set_index(index, self.model.records.rev());
        if let Some(input) = self.layers.palette.as_ref().map(|p| p.input.clone()) {
            self.open_search();
            if let Some(palette) = &mut self.layers.palette {
                palette.input = input;
                palette.run(self.today);
            }
        }
    }

    /// A key the table does not claim: editing the query.
    pub(in crate::tui) fn search_input(&mut self, key: &KeyEvent) {
        let today = self.today;
        let Some(palette) = &mut self.layers.palette else {
            return;
        };
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let changed = match key.code {
            KeyCode::Char('u') if ctrl => {
                palette.input.clear();
                true
            }
            KeyCode::Char('w') if ctrl => {
                let kept = palette.input.trim_end().len();
                let cut = palette.input[..kept]
                    .rfind(char::is_whitespace)
                    .map_or(0, |i| i + 1);
                palette.input.truncate(cut);
                true
            }
            KeyCode::Backspace => palette.input.pop().is_some(),
            _ => false,
        };
        if changed {
            palette.run(today);
        }
    }

    /// Pasted text goes into the query (on one line).
    pub fn search_paste(&mut self, text: &str) {
        let today = self.today;
        if let Some(palette) = &mut self.layers.palette {
            palette
                .input
                .push_str(&text.replace(['\n', '\r', '\t'], " "));
            palette.run(today);
        }
    }

    /// Enter: closes the palette and selects the record on its screen.
    fn open_search_hit(&mut self) {
        let Some(palette) = &self.layers.palette else {
            return;
        };
        let Some((kind, id, _)) = palette
            .hits
            .get(palette.selected)
            .and_then(|h| palette.index.record(h))
        else {
            return;
        };
        self.layers.palette = None;
        self.jump_to(kind, &id);
    }

    /// Shows `id` selected on its screen; clears the feedback filter when it
    /// hides the record.
    pub fn jump_to(&mut self, kind: Kind, id: &Id) {
        if kind == Kind::Coaching {
            self.layers.reader = None;
            self.layers.help = None;
            self.select_coaching(id);
            return;
        }
        if matches!(kind, Kind::Evidence | Kind::Witness) {
            // Shown in the Evidence view, over the screen the search began
            // on: Esc goes back there.
            self.layers.reader = None;
            self.layers.help = None;
            self.open_evidence_at(id);
            return;
        }
        let screen = screen_of(kind);
        let mut position = self.ids(screen).iter().position(|x| x == id);
        if position.is_none() && screen == Screen::Feedback {
            self.screens.feedback.filter = FeedbackFilter::default();
            position = self.ids(screen).iter().position(|x| x == id);
            if position.is_some() {
                self.set_status("Cleared the feedback filter to show it");
            }
        }
        self.layers.reader = None;
        self.layers.help = None;
        self.close_lettered();
        self.screen = screen;
        match position {
            Some(pos) => self.select(screen, pos),
            None => self.set_error("That record is no longer here (deleted or reloaded?)"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Loaded;
    use chrono::DateTime;
    use std::time::{Duration, Instant};

    fn app(generated: usize) -> App {
        let now = DateTime::parse_from_rfc3339("2026-11-23T09:30:00+00:00").expect("moment");
        let (header, mut records) = crate::demo::story(now.date_naive());
        records.diary.extend(crate::demo::generated_entries(
            generated,
            3,
            now.date_naive(),
        ));
        records.sort();
        let loaded = Loaded {
            header,
            records,
            ..Loaded::default()
        };
        App::from_loaded(loaded, now)
    }

    fn key(app: &mut App, code: KeyCode) {
        app.handle_key(&KeyEvent::new(code, KeyModifiers::NONE));
    }

    fn typed(app: &mut App, text: &str) {
        for c in text.chars() {
            key(app, KeyCode::Char(c));
        }
    }

    #[test]
    fn a_large_workspace_searches_in_the_background_and_keys_never_wait() {
        let mut app = app(BACKGROUND_FROM);
        key(&mut app, KeyCode::Char('/'));
        assert_eq!(app.context(), crate::tui::Context::Search);
        typed(&mut app, "desai");
        // The key only sent the query: collect until the worker is done.
        let deadline = Instant::now() + Duration::from_secs(20);
        while app.layers.palette.as_ref().is_some_and(|p| p.searching) {
            assert!(Instant::now() < deadline, "the search never finished");
            for update in app.jobs.wait(Duration::from_millis(20)) {
                update(&mut app);
            }
        }
        let palette = app.layers.palette.as_ref().expect("open");
        // The name itself first (her feedback and her witness statement);
        // any fuzzy matches after it.
        assert_eq!(palette.hits[0].found, crate::search::Found::Title);
        assert_eq!(palette.hits[1].found, crate::search::Found::Title);
        assert!(
            palette.hits[2..]
                .iter()
                .all(|h| h.found == crate::search::Found::Fuzzy)
        );
        // The witness statement ranks first; the feedback is the next hit.
        key(&mut app, KeyCode::Down);
        key(&mut app, KeyCode::Enter);
        assert!(app.layers.palette.is_none());
        assert_eq!(app.screen, Screen::Feedback);
        let selected = app.selected_feedback().expect("a selection");
        assert_eq!(selected.who, "Anita Desai");
    }

    #[test]
    fn typing_editing_and_closing_the_palette() {
        let mut app = app(0);
        app.update(Action::ShowScreen(Screen::Reviews));
        key(&mut app, KeyCode::Char('/'));
        // Letters are the query, even those that are commands elsewhere.
        typed(&mut app, "q jn");
        assert_eq!(app.layers.palette.as_ref().expect("open").input, "q jn");
        assert!(app.exit.is_none());
        app.handle_key(&KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL));
        assert_eq!(app.layers.palette.as_ref().expect("open").input, "q ");
        key(&mut app, KeyCode::Backspace);
        app.handle_paste("plain\nEnglish");
        let palette = app.layers.palette.as_ref().expect("open");
        assert_eq!(palette.input, "qplain English");
        app.handle_key(&KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
        typed(&mut app, "type:review");
        let palette = app.layers.palette.as_ref().expect("open");
        assert!(palette.error.is_none());
        assert_eq!(palette.hits.len(), app.model.records.reviews.len());
        key(&mut app, KeyCode::Down);
        assert_eq!(app.layers.palette.as_ref().expect("open").selected, 1);
        key(&mut app, KeyCode::Esc);
        assert!(app.layers.palette.is_none());
        assert_eq!(app.screen, Screen::Reviews, "Esc goes back where it was");
    }

    #[test]
    fn jumping_to_hidden_feedback_clears_the_filter() {
        let mut app = app(0);
        let archived = app
            .model
            .records
            .feedback
            .iter()
            .find(|f| f.state == crate::domain::FeedbackState::Archived)
            .map(|f| f.id.clone())
            .expect("the demo archives some feedback");
        app.screens.feedback.filter.states = vec![crate::domain::FeedbackState::New];
        assert!(!app.ids(Screen::Feedback).contains(&archived));
        app.jump_to(Kind::Feedback, &archived);
        assert_eq!(app.screen, Screen::Feedback);
        assert_eq!(app.selected_feedback().map(|f| &f.id), Some(&archived));
        let status = app.status.as_ref().expect("says why");
        assert!(status.text.contains("Cleared the feedback filter"));
    }

    #[test]
    fn changed_records_are_indexed_again_on_the_next_search() {
        let mut app = app(0);
        key(&mut app, KeyCode::Char('/'));
        key(&mut app, KeyCode::Esc);
        let mut entry = app.model.records.diary[0].clone();
        entry.text = "Spoke to Mr Quixote".into();
        app.model
            .records
            .change()
            .upsert(crate::domain::AnyRecord::Diary(entry));
        key(&mut app, KeyCode::Char('/'));
        typed(&mut app, "quixote");
        assert_eq!(app.layers.palette.as_ref().expect("open").hits.len(), 1);
    }
}
