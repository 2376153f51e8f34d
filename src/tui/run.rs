//! The event loop: draw, block on input, drain what is queued, update.
//!
//! Little runs while the learner is idle: the loop blocks on one channel
//! that carries both the terminal's events (from a reader thread that reads
//! only when the loop asks, so an $EDITOR run from the app gets every key)
//! and the wake-ups of background jobs (see `jobs.rs`: the load, its count,
//! the search, the export, the tidy, the viewer), so what a job posts is
//! shown the moment it posts it. Beyond that the loop wakes only for timers
//! of its own: a draft when due, the load cache's refresh, and once a
//! second a look for records added from the shell (a `stat` per record
//! folder, see `tui::arrivals`). A
//! dedicated signal thread writes the draft on SIGTERM, SIGHUP and SIGINT,
//! because crossterm's reader may spin forever on a closed terminal and the
//! loop cannot be relied on to notice.

use super::jobs::{Kind, Post, Waker};
use super::{App, Exit};
use crate::domain::{CriteriaSet, Draft, Records};
use crate::store::arrivals::FolderStamps;
use crate::store::{LoadProgress, Loaded, Mode, OpenError, Workspace};
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long after the last keystroke a draft is written, unless config.ron
/// says otherwise (`draft_autosave_seconds`).
pub const DRAFT_DELAY: Duration = Duration::from_secs(2);

/// How long after the last change of the records the load cache is brought
/// up to date: longer than the cache's window for files changed just before
/// a listing (3 s), so the files just saved are cached too.
const CACHE_REFRESH_AFTER: Duration = Duration::from_millis(3500);

/// How often a running load posts its count (only when it moved on).
const LOAD_COUNT_EVERY: Duration = Duration::from_millis(100);

/// Runs $EDITOR on some text: the text, the folder for its temp file.
pub type EditText<'a> = dyn FnMut(&str, Option<&std::path::Path>) -> Result<String, String> + 'a;

/// The draft the signal thread writes if the process is told to stop.
pub type SharedDraft = Arc<Mutex<Option<(PathBuf, Draft)>>>;

/// The profile's first criteria set and the further ones.
type CriteriaSets = (Option<CriteriaSet>, Vec<CriteriaSet>);
/// A load with its criteria sets, twice: once for the app, once for the
/// figures worked out from the records in the background.
type WithCriteria = (Loaded, CriteriaSets, CriteriaSets);
/// A load whose records the load thread still reads.
type SharedLoad = (Loaded, Arc<Records>, CriteriaSets);

/// A message from the terminal, or a background job's wake-up.
pub enum Wake {
    Terminal(std::io::Result<Event>),
    Job,
}

/// The background load's bookkeeping, kept in the app so that what the
/// load posts can find it.
#[derive(Debug, Default)]
pub struct LoadRun {
    /// The number of the last load started.
    number: u64,
    /// (load, revision of the records) for which the figures being worked
    /// out will fit.
    worked_out_for: Option<(u64, u64)>,
    /// The records' revision the load cache was last brought up to date
    /// with.
    cache_rev: Option<u64>,
    /// A load started as the app opened, for its first load to take over.
    preload: Option<Preload>,
    /// The progress of a load that waits for the first frame to be out.
    before_first_frame: Option<Arc<LoadProgress>>,
}

impl LoadRun {
    /// The app's first frame is out: a load started before it goes on with
    /// all its threads.
    fn first_frame_out(&mut self) {
        if let Some(progress) = self.before_first_frame.take() {
            progress.first_frame_out();
        }
    }
}

/// A load started as the app opens (see [`preload`]).
#[derive(Debug)]
pub struct Preload {
    /// The record folders as they were just before the load started: the
    /// look for records added from the shell starts from them.
    stamps: Option<FolderStamps>,
    progress: Arc<LoadProgress>,
    loaded: Receiver<Result<WithCriteria, OpenError>>,
}

/// Starts reading every record of `ws` in the background at once, while
/// the app reads its first page and draws its first frame: until that
/// frame is out the load lists the folders on one thread only (see
/// [`LoadProgress::before_first_frame`]), so the frame is not held up.
/// The app's first load takes it over ([`App::take_over`]).
pub fn preload(ws: &Workspace) -> Option<Preload> {
    let dir = ws.dir();
    let root = dir.parent()?.to_path_buf();
    let name = dir.file_name()?.to_string_lossy().into_owned();
    // Taken before the load starts, as `run_loop` does for its own.
    let stamps = ws.folder_stamps();
    let progress = Arc::new(LoadProgress::before_first_frame());
    let counter = Arc::clone(&progress);
    let (send, loaded) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("starlog-preload".into())
        .spawn(move || {
            let result = Workspace::open(&root, &name, Mode::ReadOnly)
                .and_then(|ws| load_with_criteria(&ws, &counter));
            let _ = send.send(result);
        })
        .ok()?;
    Some(Preload {
        stamps: Some(stamps),
        progress,
        loaded,
    })
}

impl App {
    /// Lets the app's first load take over `preload` rather than start
    /// reading from the beginning.
    pub fn take_over(&mut self, preload: Preload) {
        self.load_run.preload = Some(preload);
    }
}

/// Starts reading every record of the workspace at `dir` in the background.
/// The load posts its count as it goes, the records the moment they are
/// read, then what is worked out from them.
fn start_load(app: &mut App, dir: PathBuf) {
    let Some(root) = dir.parent().map(Path::to_path_buf) else {
        return;
    };
    let Some(name) = dir.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return;
    };
    let today = app.today;
    let days = app.config.days();
    // Only the app that holds the lock keeps the load cache up to date.
    let write_cache = app
        .session
        .ws
        .as_ref()
        .is_some_and(|ws| ws.mode() == Mode::Write);
    app.load_run.number += 1;
    let load = app.load_run.number;
    let preload = app.load_run.preload.take();
    let counter = match &preload {
        Some(preload) => {
            app.load_run.before_first_frame = Some(Arc::clone(&preload.progress));
            Arc::clone(&preload.progress)
        }
        None => Arc::new(LoadProgress::default()),
    };
    let started = app.jobs.start(Kind::Load, move |post| {
        let (refresh, shared) = std::thread::scope(|scope| {
            // Dropped when the reading is done, which ends the count at once.
            let (reading, done) = std::sync::mpsc::channel::<()>();
            let (counter, post) = (&*counter, &post);
            scope.spawn(move || post_counts(counter, &done, post, load));
            // The load started as the app opened, or (should its thread
            // have failed, or for a later load) one started here.
            let result = preload
                .and_then(|preload| preload.loaded.recv().ok())
                .unwrap_or_else(|| {
                    Workspace::open(&root, &name, Mode::ReadOnly)
                        .and_then(|ws| load_with_criteria(&ws, counter))
                })
                .map(|(mut loaded, criteria, copy)| {
                    let records = Arc::new(std::mem::take(&mut loaded.records));
                    ((loaded, records, criteria), copy)
                });
            drop(reading);
            // The cache is derived and rebuilt at will: it is refreshed
            // after the app has its records, from the old cache and the
            // files this load read (kept encoded, so no copy of the records
            // is needed), and a failure only costs the next open some
            // parsing. The listing is dropped here, not on the UI thread.
            let (refresh, shared, result) = match result {
                Ok(((mut loaded, records, criteria), copy)) => {
                    let listing = std::mem::take(&mut loaded.listing);
                    let fresh = std::mem::take(&mut loaded.fresh);
                    (
                        (write_cache && loaded.cache.stale).then_some((listing, fresh)),
                        Some((Arc::clone(&records), copy, loaded.header.clone())),
                        Ok((loaded, records, criteria)),
                    )
                }
                Err(e) => (None, None, Err(e)),
            };
            // The whole list shows now, without waiting for the count's
            // thread to end (a count it posts after this changes nothing);
            // what is worked out from every record (at 100k records the
            // search index and the readiness rules take a while) follows,
            // side by side.
            let result = Box::new(result);
            post.post(move |app| load_arrived(app, load, *result));
            (refresh, shared)
        });
        if let Some((records, (criteria, more), header)) = shared {
            let worked_out = std::thread::scope(|scope| {
                let index = scope.spawn(|| crate::search::Index::build(&records, today));
                let figures = super::screens::progress::work_out(
                    &header,
                    &records,
                    criteria.as_ref(),
                    &more,
                    today,
                    &days,
                );
                let index = index
                    .join()
                    .unwrap_or_else(|_| crate::search::Index::build(&records, today));
                (index, figures)
            });
            // Let go of the records before the app hears of it, so a save
            // then changes them in place.
            drop(records);
            let worked_out = Box::new(worked_out);
            post.post(move |app| load_worked_out(app, load, *worked_out));
        }
        if let Some((listing, fresh)) = refresh {
            let _ = crate::store::refresh_cache_from(&dir, &listing, &fresh);
        }
    });
    if started.is_ok() {
        app.loading = Some(super::Loading { done: 0, total: 0 });
    }
}

/// Loads `ws` counting on `counter`, with the criteria sets its profile
/// chooses: read beside the records (from the profile as the load starts,
/// and again should the header have changed by the time it ends), so the
/// list shows without waiting for them after the records are in.
fn load_with_criteria(ws: &Workspace, counter: &LoadProgress) -> Result<WithCriteria, OpenError> {
    let profile = ws.load_header().ok().map(|(header, _, _)| header.profile);
    // Each set copied too, while the records load: the copy was taken
    // after, between the last record in and the list posted (0.5-0.9 ms).
    let twice = |profile: &_| {
        let sets = super::chosen_sets(Some(ws), profile);
        let copy = sets.clone();
        (sets, copy)
    };
    std::thread::scope(|scope| {
        let sets = profile
            .as_ref()
            .map(|profile| scope.spawn(|| twice(profile)));
        let loaded = ws.load_counting(counter)?;
        let early = sets
            .and_then(|sets| sets.join().ok())
            .filter(|_| profile.as_ref() == Some(&loaded.header.profile));
        let (criteria, copy) = early.unwrap_or_else(|| twice(&loaded.header.profile));
        Ok((loaded, criteria, copy))
    })
}

/// Posts load `load`'s count whenever it moved on, until `done` says the
/// reading ended (at once, not at the next count).
fn post_counts(counter: &LoadProgress, done: &Receiver<()>, post: &Post<App>, load: u64) {
    let mut last = (usize::MAX, usize::MAX);
    while let Err(RecvTimeoutError::Timeout) = done.recv_timeout(LOAD_COUNT_EVERY) {
        let now = (
            counter.done.load(Ordering::Relaxed),
            counter.total.load(Ordering::Relaxed),
        );
        if now != last {
            last = now;
            post.post(move |app| {
                if app.load_run.number == load
                    && let Some(loading) = &mut app.loading
                {
                    (loading.done, loading.total) = now;
                }
            });
        }
    }
}

/// Takes in every record of load `load` (or says why it could not be read).
fn load_arrived(app: &mut App, load: u64, result: Result<SharedLoad, OpenError>) {
    match result {
        Ok((loaded, records, criteria)) => {
            let exact = app.apply_shared_load(loaded, records, criteria);
            app.load_run.worked_out_for = exact.then_some((load, app.model.records.rev()));
            app.greet_if_new();
            // The load refreshes the cache from what it read.
            app.load_run.cache_rev = Some(app.model.records.rev());
        }
        Err(e) => {
            app.loading = None;
            app.set_error(format!("Could not read the workspace: {e}"));
        }
    }
}

/// Takes in the search index and the Progress figures of load `load`'s
/// records, if the records in memory are still those.
fn load_worked_out(
    app: &mut App,
    load: u64,
    (index, figures): (crate::search::Index, super::screens::progress::ProgressData),
) {
    if app.load_run.worked_out_for == Some((load, app.model.records.rev())) {
        app.progress_worked_out(figures);
        app.search_index_loaded(index);
    } else {
        // From records changed since: both are worked out again when
        // needed. Freed off the UI thread.
        let _ = app.jobs.start(Kind::Free, move |_| drop((index, figures)));
    }
    app.load_run.worked_out_for = None;
}

/// Notes a change of the records (a save, a deletion, a record added from
/// the shell) so the load cache is refreshed a while after the last one,
/// and refreshes it when that time (`due`) has come. Only the app holding
/// the lock keeps the cache; the load refreshes it itself.
fn keep_cache(app: &mut App, due: &mut Option<Instant>) {
    let Some(ws) = app
        .session
        .ws
        .as_ref()
        .filter(|ws| ws.mode() == Mode::Write)
    else {
        return;
    };
    if !app.model.complete || app.loading.is_some() {
        return;
    }
    match app.load_run.cache_rev {
        Some(rev) if rev == app.model.records.rev() => {}
        _ => {
            app.load_run.cache_rev = Some(app.model.records.rev());
            *due = Some(Instant::now() + CACHE_REFRESH_AFTER);
        }
    }
    if due.is_none_or(|due| Instant::now() < due) {
        return;
    }
    if app.jobs.running(Kind::Cache) {
        // One at a time: look again in a second.
        *due = Some(Instant::now() + Duration::from_secs(1));
        return;
    }
    *due = None;
    let dir = ws.dir().to_path_buf();
    let _ = app.jobs.start(Kind::Cache, move |_| {
        if let (Some(root), Some(name)) = (dir.parent(), dir.file_name()) {
            let name = name.to_string_lossy();
            if let Ok(ws) = Workspace::open(root, &name, Mode::ReadOnly) {
                let _ = ws.refresh_cache();
            }
        }
    });
}

/// Tidies the workspace folder (it walks every file) off the UI thread.
fn start_tidy(app: &App) {
    let Some(job) = app.session.ws.as_ref().and_then(Workspace::tidy_job) else {
        return;
    };
    let _ = app.jobs.start(Kind::Tidy, move |post| {
        let result = job.run();
        post.post(move |app| app.tidied(result));
    });
}

/// Runs the app on `terminal` until it exits. Generic over the backend so
/// tests can drive it with `TestBackend` and scripted events; `waker` ends
/// a wait of `next_event` when a background job has posted something.
pub fn run_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    mut next_event: impl FnMut(Option<Duration>) -> std::io::Result<Option<Event>>,
    waker: Waker,
    shared_draft: &SharedDraft,
    edit_text: &mut EditText,
) -> std::io::Result<Exit>
where
    B::Error: Send + Sync + 'static,
{
    app.jobs.set_waker(waker);
    let dir = app.session.ws.as_ref().map(|w| w.dir().to_path_buf());
    // Taken before the load starts, so a record another process adds while
    // it runs is either in the load or found by the next look.
    // (A load started as the app opened took them before it started.)
    let preloaded = app
        .load_run
        .preload
        .as_mut()
        .and_then(|preload| preload.stamps.take());
    let mut arrivals = app.session.ws.as_ref().map(|ws| {
        let stamps = preloaded.unwrap_or_else(|| ws.folder_stamps());
        (stamps, Instant::now())
    });
    if let Some(dir) = &dir
        && !app.model.complete
    {
        start_load(app, dir.clone());
    }
    let mut draft_deadline: Option<Instant> = None;
    let mut cache_due: Option<Instant> = None;
    let mut tidied = false;
    loop {
        app.take_posted();
        if app.reload_requested {
            app.reload_requested = false;
            if app.loading.is_none()
                && let Some(dir) = &dir
            {
                start_load(app, dir.clone());
            }
        }
        // Whatever changed the records or the day since (a load, a record
        // from the shell, midnight), what the screen shows follows first.
        app.refresh_derived();
        let mut hits = None;
        terminal
            .draw(|frame| hits = Some(super::view(app, frame)))
            .map_err(std::io::Error::other)?;
        if let Some(hits) = hits {
            app.mouse_map = hits;
        }
        app.load_run.first_frame_out();
        if !tidied && app.loading.is_none() {
            // After the first frame and the load: it walks the whole
            // workspace, and on two cores would slow the load down.
            tidied = true;
            start_tidy(app);
        }
        if let Some(exit) = app.exit {
            return Ok(exit);
        }
        // Wait for input or a job's post; wake early only for a timer of
        // the loop's own: the draft, the cache, the look for arrivals.
        let timers = [
            draft_deadline,
            cache_due,
            arrivals
                .as_ref()
                .map(|(_, last)| *last + super::arrivals::ARRIVAL_CHECK),
        ];
        let timeout = timers
            .into_iter()
            .flatten()
            .min()
            .map(|at| at.saturating_duration_since(Instant::now()));
        let mut event = next_event(timeout)?;
        if event.is_none()
            && let Some(deadline) = draft_deadline
            && Instant::now() >= deadline
        {
            app.write_draft();
            draft_deadline = None;
        }
        if let Some((stamps, last)) = &mut arrivals
            && last.elapsed() >= super::arrivals::ARRIVAL_CHECK
        {
            *stamps = app.take_arrivals(stamps);
            *last = Instant::now();
        }
        // Handle this event and everything already queued before redrawing.
        while let Some(ev) = event.take() {
            app.now = crate::clock::now();
            app.today = app.now.date_naive();
            match ev {
                Event::Key(key) if key.kind != KeyEventKind::Release => app.handle_key(&key),
                Event::Paste(text) => app.handle_paste(&text),
                Event::Mouse(mouse) => app.handle_mouse(&mouse),
                Event::FocusGained => {
                    app.reload_requested = app.model.complete && app.layers.form.is_none()
                }
                _ => {}
            }
            if app.exit.is_some() {
                break;
            }
            if let Some(text) = app.editor_request.take() {
                let drafts = dir.as_ref().map(|d| crate::store::drafts::drafts_folder(d));
                let result = edit_text(&text, drafts.as_deref());
                // The editor drew over the screen: blank every cell we drew
                // so the next frame paints all of it. (Terminal::clear would
                // ask the terminal for the cursor position; not all answer.)
                terminal
                    .draw(|f| f.render_widget(ratatui::widgets::Clear, f.area()))
                    .map_err(std::io::Error::other)?;
                app.finish_editor(result);
                break;
            }
            event = next_event(Some(Duration::ZERO))?;
        }
        keep_cache(app, &mut cache_due);
        if app.draft_due {
            app.draft_due = false;
            draft_deadline = Some(Instant::now() + app.config.draft_autosave);
            if let Ok(mut shared) = shared_draft.lock() {
                *shared = match (&dir, app.current_draft()) {
                    (Some(dir), Some(draft)) => Some((dir.clone(), draft)),
                    _ => None,
                };
            }
        }
        if app.layers.form.is_none() {
            draft_deadline = None;
            if let Ok(mut shared) = shared_draft.lock() {
                *shared = None;
            }
        }
    }
}

/// The terminal's events and the jobs' wake-ups, through one channel.
///
/// A reader thread reads one terminal event each time the loop asks and
/// none otherwise, so while the loop runs $EDITOR (always right after an
/// event, with no read asked for) nothing else reads the terminal.
pub struct TerminalEvents {
    tx: Sender<Wake>,
    rx: Receiver<Wake>,
    ask: Sender<()>,
    /// A read was asked for and its event has not come yet.
    asked: bool,
}

impl TerminalEvents {
    pub fn start() -> std::io::Result<TerminalEvents> {
        let (tx, rx) = std::sync::mpsc::channel();
        let (ask, asks) = std::sync::mpsc::channel::<()>();
        let events = tx.clone();
        std::thread::Builder::new()
            .name("starlog-keys".into())
            .spawn(move || {
                for () in asks {
                    if events.send(Wake::Terminal(event::read())).is_err() {
                        break;
                    }
                }
            })?;
        Ok(TerminalEvents {
            tx,
            rx,
            ask,
            asked: false,
        })
    }

    pub fn waker(&self) -> Waker {
        let tx = self.tx.clone();
        Waker::new(move || {
            let _ = tx.send(Wake::Job);
        })
    }

    /// The next terminal event, waiting at most `timeout` (forever if None);
    /// None when the wait ended without one (a job's news, or the timeout).
    pub fn next(&mut self, timeout: Option<Duration>) -> std::io::Result<Option<Event>> {
        if timeout == Some(Duration::ZERO) && !self.asked {
            // Taking what is already queued: the reader is idle, read here.
            return crossterm_event(timeout);
        }
        if !self.asked {
            self.ask
                .send(())
                .map_err(|_| std::io::Error::other("the terminal reader stopped"))?;
            self.asked = true;
        }
        let wake = match timeout {
            None => self.rx.recv().ok(),
            Some(t) => match self.rx.recv_timeout(t) {
                Ok(wake) => Some(wake),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => {
                    return Err(std::io::Error::other("the terminal reader stopped"));
                }
            },
        };
        match wake {
            Some(Wake::Terminal(event)) => {
                self.asked = false;
                event.map(Some)
            }
            Some(Wake::Job) | None => Ok(None),
        }
    }
}

/// Reads the next terminal event, waiting at most `timeout` (forever if None).
pub fn crossterm_event(timeout: Option<Duration>) -> std::io::Result<Option<Event>> {
    match timeout {
        None => event::read().map(Some),
        Some(t) => {
            if event::poll(t)? {
                event::read().map(Some)
            } else {
                Ok(None)
            }
        }
    }
}

/// Starts the thread that keeps the draft when the process is told to stop
/// (terminal closed, `kill`, Ctrl-C delivered as a signal).
#[cfg(unix)]
pub fn spawn_signal_thread(shared: SharedDraft) -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    use signal_hook::iterator::Signals;
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    std::thread::Builder::new()
        .name("starlog-signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                if let Ok(guard) = shared.lock()
                    && let Some((dir, draft)) = guard.as_ref()
                {
                    let _ = crate::store::drafts::write_draft_to(dir, draft);
                }
                // Hold standard output so the loop cannot draw after this,
                // then put the terminal back (after SIGHUP too: the terminal
                // may still be there; if it is gone, the writes just fail).
                let _stdout = std::io::stdout().lock();
                restore_terminal();
                if signal != SIGHUP
                    && let Ok(guard) = shared.lock()
                    && let Some((_, draft)) = guard.as_ref()
                {
                    eprintln!(
                        "{}",
                        super::kept_draft_line(&super::draft_description(draft))
                    );
                }
                std::process::exit(128 + signal);
            }
        })?;
    Ok(())
}

#[cfg(not(unix))]
pub fn spawn_signal_thread(_shared: SharedDraft) -> std::io::Result<()> {
    // Windows: Ctrl-C arrives as a key in raw mode and is handled by the loop.
    Ok(())
}

/// Puts the terminal back as the shell had it: mouse, paste and focus
/// reports off, the cursor shown, the main screen, raw mode off. Harmless
/// when done twice; every exit path (quit, error, panic, signal) runs it.
pub fn restore_terminal() {
    PUT_BACK.fetch_add(1, Ordering::SeqCst);
    disable_extras();
    let _ = ratatui::crossterm::execute!(std::io::stdout(), ratatui::crossterm::cursor::Show);
    ratatui::restore();
}

/// Turns on what the app asks of the terminal beyond raw mode.
fn enable_extras() {
    let _ = ratatui::crossterm::execute!(
        std::io::stdout(),
        ratatui::crossterm::event::EnableBracketedPaste,
        ratatui::crossterm::event::EnableFocusChange,
        ratatui::crossterm::event::EnableMouseCapture
    );
}

fn disable_extras() {
    let _ = ratatui::crossterm::execute!(
        std::io::stdout(),
        ratatui::crossterm::event::DisableMouseCapture,
        ratatui::crossterm::event::DisableBracketedPaste,
        ratatui::crossterm::event::DisableFocusChange
    );
}

/// Leaves the app's screen for the learner's editor and comes back: the
/// terminal is the shell's while the editor runs.
fn edit_outside(text: &str, drafts: Option<&std::path::Path>) -> Result<String, String> {
    let Some(command) =
        super::editor::editor_command(std::env::var_os("VISUAL"), std::env::var_os("EDITOR"))
    else {
        return Err("Set VISUAL or EDITOR to your editor (e.g. export EDITOR=nano)".into());
    };
    let temp = std::env::temp_dir();
    let dir = drafts.unwrap_or(&temp);
    disable_extras();
    ratatui::restore();
    let result = super::editor::edit_in(dir, text, &command);
    let back = ratatui::crossterm::terminal::enable_raw_mode().and_then(|()| {
        ratatui::crossterm::execute!(
            std::io::stdout(),
            ratatui::crossterm::terminal::EnterAlternateScreen
        )
    });
    enable_extras();
    match back {
        Ok(()) => result,
        Err(e) => Err(format!("Could not return to the app's screen: {e}")),
    }
}

/// How many times the terminal has been put back ([`restore_terminal`]).
static PUT_BACK: AtomicU64 = AtomicU64::new(0);

/// Where the app's frames go: each is gathered whole and sent to the
/// terminal in one write when ratatui flushes it (through std's line
/// buffer a frame, which has no newline, went out in 1 KiB pieces, and a
/// terminal could show it half drawn between two of them). Once the
/// terminal has been put back since the writer was made (a draw cut short
/// by an error or a panic), what it still holds is dropped, not written
/// onto the shell's screen.
struct FrameWriter<W> {
    out: W,
    frame: Vec<u8>,
    put_back: &'static AtomicU64,
    opened: u64,
}

impl<W: std::io::Write> FrameWriter<W> {
    fn new(out: W, put_back: &'static AtomicU64) -> FrameWriter<W> {
        FrameWriter {
            out,
            frame: Vec::new(),
            put_back,
            opened: put_back.load(Ordering::SeqCst),
        }
    }
}

impl<W: std::io::Write> std::io::Write for FrameWriter<W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.frame.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let sent = if self.put_back.load(Ordering::SeqCst) == self.opened {
            self.out
                .write_all(&self.frame)
                .and_then(|()| self.out.flush())
        } else {
            Ok(())
        };
        self.frame.clear();
        sent
    }
}

/// The app's backend on `out` (see [`FrameWriter`]).
fn frame_backend<W: std::io::Write>(
    out: W,
    put_back: &'static AtomicU64,
) -> ratatui::backend::CrosstermBackend<FrameWriter<W>> {
    ratatui::backend::CrosstermBackend::new(FrameWriter::new(out, put_back))
}

/// Opens the real terminal and runs the app; the terminal is restored on
/// every exit path, a panic included.
pub fn run_terminal(app: &mut App) -> std::io::Result<Exit> {
    let shared: SharedDraft = Arc::new(Mutex::new(None));
    spawn_signal_thread(Arc::clone(&shared))?;
    // Ours leaves raw mode and the alternate screen, turns the mouse
    // reports off and shows the cursor, then the panic is reported.
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        report(info);
    }));
    // Nothing to undo when raw mode cannot be had (no terminal at all).
    ratatui::crossterm::terminal::enable_raw_mode()?;
    let opened = ratatui::crossterm::execute!(
        std::io::stdout(),
        ratatui::crossterm::terminal::EnterAlternateScreen
    )
    .and_then(|()| Terminal::new(frame_backend(std::io::stdout(), &PUT_BACK)));
    let mut terminal = match opened {
        Ok(terminal) => terminal,
        Err(e) => {
            restore_terminal();
            return Err(e);
        }
    };
    enable_extras();
    let mut events = match TerminalEvents::start() {
        Ok(events) => events,
        Err(e) => {
            restore_terminal();
            return Err(e);
        }
    };
    let waker = events.waker();
    let result = run_loop(
        &mut terminal,
        app,
        |timeout| events.next(timeout),
        waker,
        &shared,
        &mut edit_outside,
    );
    restore_terminal();
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    fn now() -> DateTime<chrono::FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-23T09:30:00+00:00").expect("valid")
    }

    /// A workspace of `n` generated diary entries, and its folder.
    fn journal(n: usize) -> (tempfile::TempDir, Workspace, PathBuf) {
        journal_of(crate::demo::generated_entries(n, 7, now().date_naive()))
    }

    /// A workspace holding `entries`, and its folder.
    fn journal_of(
        entries: impl IntoIterator<Item = crate::domain::DiaryEntry>,
    ) -> (tempfile::TempDir, Workspace, PathBuf) {
        let tmp = tempfile::tempdir().expect("tmp");
        let ws = Workspace::open(tmp.path(), "w", Mode::Write).expect("open");
        for entry in entries {
            ws.create(&entry).expect("write");
        }
        let dir = ws.dir().to_path_buf();
        (tmp, ws, dir)
    }

    /// Makes what the load posts as the loop would, each wait ended by a
    /// post's wake-up (a poll never comes round here), until it is in.
    fn wake_until_loaded(app: &mut App, woken: &Receiver<()>) {
        while app.loading.is_some() {
            woken
                .recv_timeout(Duration::from_secs(20))
                .expect("a post woke the loop");
            app.take_posted();
        }
    }

    fn wakes(app: &mut App) -> Receiver<()> {
        let (wakes, woken) = std::sync::mpsc::channel();
        app.jobs.set_waker(Waker::new(move || {
            let _ = wakes.send(());
        }));
        woken
    }

    /// Every write the terminal was sent, as it was sent.
    #[derive(Clone, Default)]
    struct Writes(Arc<Mutex<Vec<Vec<u8>>>>);

    impl std::io::Write for Writes {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().expect("writes").push(bytes.to_vec());
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// A frame reaches the terminal in one write, so the terminal never
    /// shows it half drawn: the first frame of a full diary at 80x24 is
    /// about 5 KB, which std's line buffer sent in 1 KiB pieces.
    #[test]
    fn each_frame_reaches_the_terminal_in_one_write() {
        let (_tmp, ws, _dir) = journal(40);
        let app = App::open(ws, now()).expect("app");
        let writes = Writes::default();
        static NEVER_PUT_BACK: AtomicU64 = AtomicU64::new(0);
        let backend = frame_backend(writes.clone(), &NEVER_PUT_BACK);
        let mut terminal = Terminal::with_options(
            backend,
            ratatui::TerminalOptions {
                viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, 80, 24)),
            },
        )
        .expect("terminal");
        terminal
            .draw(|frame| {
                super::super::view(&app, frame);
            })
            .expect("drawn");
        let sent = writes.0.lock().expect("writes").clone();
        assert_eq!(sent.len(), 1, "sent in {} writes", sent.len());
        let frame = String::from_utf8_lossy(&sent[0]);
        assert!(sent[0].len() > 2048, "a whole frame: {frame}");
        assert!(frame.contains("Entries"), "{frame}");
    }

    /// A frame cut short (an error or a panic in the middle of a draw) is
    /// not sent once the terminal has been put back: it would land on the
    /// shell's screen, colours and all. Until then a frame is sent whole.
    #[test]
    fn what_a_frame_holds_when_the_terminal_is_put_back_is_dropped() {
        use std::io::Write;
        static PUT_BACK_HERE: AtomicU64 = AtomicU64::new(0);
        let writes = Writes::default();
        let mut out = FrameWriter::new(writes.clone(), &PUT_BACK_HERE);
        out.write_all(b"\x1b[1;1Hwhole").expect("gathered");
        out.flush().expect("sent");
        out.write_all(b"\x1b[38;5;2mhalf a fra").expect("gathered");
        PUT_BACK_HERE.fetch_add(1, Ordering::SeqCst);
        out.flush().expect("dropped");
        drop(out);
        let sent = writes.0.lock().expect("writes").clone();
        assert_eq!(sent, vec![b"\x1b[1;1Hwhole".to_vec()]);
    }

    /// The whole load arrives by posts that wake the loop: each wait here
    /// ends because a post woke it, never because a poll came round, and
    /// the count and the full list are in the moment the last post is made.
    #[test]
    fn the_load_wakes_the_loop_with_its_count_and_its_records() {
        let n = super::super::FIRST_PAGE * 3;
        let (_tmp, ws, dir) = journal(n);
        let mut app = App::open(ws, now()).expect("app");
        assert_eq!(app.model.records.diary.len(), super::super::FIRST_PAGE);
        let woken = wakes(&mut app);
        start_load(&mut app, dir);
        assert!(app.loading.is_some(), "the count shows from the start");
        wake_until_loaded(&mut app, &woken);
        assert!(app.model.complete);
        assert_eq!(app.model.records.diary.len(), n, "every entry is in");
        assert_eq!(app.model.diary_total, n);
    }

    /// The diary screen's strip, row by row, drawn at `width` columns.
    fn strip(app: &App, width: u16) -> String {
        let mut terminal =
            Terminal::new(ratatui::backend::TestBackend::new(width, 30)).expect("terminal");
        terminal
            .draw(|frame| {
                super::super::view(app, frame);
            })
            .expect("draw");
        let buffer = terminal.backend().buffer();
        (0..width)
            .map(|x| buffer[(x, 2)].symbol().to_string())
            .collect()
    }

    /// While only the newest page is read, the strip neither marks the days
    /// before it as days without an entry nor ends the streak there: a
    /// learner with 150 days in a row must not see 100 and gaps. The whole
    /// load fills both in.
    #[test]
    fn the_strip_does_not_call_days_it_has_not_read_empty() {
        let today = now().date_naive();
        let (_tmp, ws, dir) = journal_of((0..150).map(|back| {
            let day = today - chrono::Days::new(back);
            crate::domain::DiaryEntry::new(crate::domain::Id::generate(), day, now())
        }));
        let mut app = App::open(ws, now()).expect("app");
        assert_eq!(app.model.records.diary.len(), super::super::FIRST_PAGE);
        // 200 columns: a strip of about 180 days, more than the page's 100.
        let first = strip(&app, 200);
        assert_eq!(first.matches('█').count(), 100, "{first}");
        assert!(first.contains('░'), "days not read yet: {first}");
        assert!(!first.contains('·'), "none shown as empty: {first}");
        assert!(first.contains("counting the streak…"), "{first}");
        assert!(!first.contains("100-day streak"), "{first}");
        let woken = wakes(&mut app);
        start_load(&mut app, dir);
        wake_until_loaded(&mut app, &woken);
        let loaded = strip(&app, 200);
        assert_eq!(loaded.matches('█').count(), 150, "{loaded}");
        assert!(!loaded.contains('░'), "{loaded}");
        assert!(loaded.contains("150-day streak"), "{loaded}");
    }

    /// The load started as the app opens (before its first page is read)
    /// is the one the app's first load finishes, and its records arrive.
    #[test]
    fn the_load_started_as_the_app_opens_is_taken_over_by_its_first_load() {
        let n = super::super::FIRST_PAGE * 3;
        let (_tmp, ws, dir) = journal(n);
        let preload = preload(&ws).expect("started");
        let mut app = App::open(ws, now()).expect("app");
        app.take_over(preload);
        let woken = wakes(&mut app);
        start_load(&mut app, dir);
        assert!(app.load_run.preload.is_none(), "taken over");
        app.load_run.first_frame_out();
        wake_until_loaded(&mut app, &woken);
        assert!(app.model.complete);
        assert_eq!(app.model.records.diary.len(), n, "every entry is in");
        assert_eq!(app.model.diary_total, n);
    }
}
