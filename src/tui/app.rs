//! The TUI's state and its changes: `App` holds everything on screen, `update`
//! carries out an `Action`, and the view (`view.rs`) renders from `&App`
//! only. The event loop lives in `run.rs`.

/// What the app's unit tests share.
#[cfg(test)]
pub(crate) mod testkit {
    use super::App;
    use crate::store::Loaded;
    use chrono::DateTime;

    /// The demo learner's app, opened on 23 November 2026 at 09:30 UTC.
    pub fn demo_app() -> App {
        let now = DateTime::parse_from_rfc3339("2026-11-23T09:30:00+00:00").expect("valid");
        let (header, records) = crate::demo::story(now.date_naive());
        App::from_loaded(
            Loaded {
                header,
                records,
                ..Loaded::default()
            },
            now,
        )
    }
}

use super::jobs::{Jobs, Kind};
use super::layers::{self, Layer};
use super::screens::{self, progress};
use super::{action, forms, keymap, mouse, search};
pub use action::{Action, Screen};
pub use forms::{Form, FormState};
pub use keymap::Context;
pub use layers::{Confirm, Layers};

use crate::domain::words::count;
use crate::domain::{
    AnyRecord, CriteriaSet, DiaryEntry, Draft, Id, LearnerProfile, Records, StarPrompts,
};
use crate::store::{FileMap, FileState, Loaded, SaveError, Severity, Workspace};
use chrono::{DateTime, FixedOffset, NaiveDate};
use forms::profile::ProfileForm;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::sync::Arc;

/// How many diary entries the first frame reads before the background load.
pub const FIRST_PAGE: usize = 100;

/// A message in the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusMessage {
    pub text: String,
    pub error: bool,
}

/// After a form closes, keys typed without a pause this long are taken as
/// the end of the typing, not as commands for the list behind it.
pub const TYPING_PAUSE: std::time::Duration = std::time::Duration::from_millis(500);

/// Where a background load stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Loading {
    pub done: usize,
    pub total: usize,
}

/// Why the app stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// `q`, or a quick capture that was saved or closed untouched.
    Done,
    /// Ctrl-C: a draft was kept.
    Interrupted,
}

/// Colours on or off (`NO_COLOR`), and for which background (config.ron).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    /// Colours chosen for a light terminal background.
    pub light: bool,
}

/// Everything the screen shows.
#[derive(Debug)]
pub struct App {
    /// The header, the records with their revision, the files, the problems.
    pub model: super::model::Model,
    /// The workspace and its lock, undo, and this session's changes.
    pub session: super::session::Session,
    pub loading: Option<Loading>,
    pub screen: Screen,
    /// Each screen's own state: its selection, and the Plan's chooser, the
    /// Feedback filter, the Reviews compare view, the Progress views, and
    /// which lettered screen (Trash, Conflicts, Evidence, coaching log) is
    /// open.
    pub screens: crate::tui::screens::Screens,
    /// What lies over the screen: the chooser, a question, the search
    /// palette, a form, help, the reader (see `layers.rs`).
    pub layers: Layers,
    /// Set when a form closes: until a pause in typing, plain keys are not
    /// commands (they were meant for the form).
    pub typing_guard: Option<std::time::Instant>,
    /// What the draft kept on Ctrl-C holds ("STAR entry “The customer…”"),
    /// for the line the shell shows after the app ends.
    pub kept_draft: Option<String>,
    pub status: Option<StatusMessage>,
    /// `starlog star`: leave after the entry is saved or the form is closed.
    pub quick_capture: bool,
    pub exit: Option<Exit>,
    /// Set when a reload from disk is wanted (the loop starts it).
    pub reload_requested: bool,
    /// Set when the form changed since the last draft write.
    pub draft_due: bool,
    pub today: NaiveDate,
    pub now: DateTime<FixedOffset>,
    pub theme: Theme,
    /// The learner's settings (config.ron).
    pub config: crate::config::Config,
    /// The key table in force (the default with config.ron's changes).
    pub keymap: keymap::Keymap,
    /// The search palette (`/`) and its index.
    pub search: search::SearchState,
    /// Text for $EDITOR, waiting for the loop (which owns the terminal).
    pub editor_request: Option<String>,
    /// Where the last frame put tabs and lists, for mouse clicks: what
    /// `ui::view` returned, kept by the loop (the view itself writes nothing).
    pub mouse_map: mouse::MouseMap,
    /// How far the preview beside a list is scrolled with the mouse wheel,
    /// for the record selected then (another selection starts at the top).
    pub preview_scroll: Option<(Screen, usize, u16)>,
    pub criteria: Option<CriteriaSet>,
    /// The profile's further criteria sets, checked alongside the first.
    pub more_criteria: Vec<CriteriaSet>,
    pub prompts: StarPrompts,
    /// What the screens show worked out from the records (see `derived.rs`):
    /// kept fresh by update, read by the view.
    pub derived: crate::tui::derived::Derived,
    /// Background work (load, search, export, tidy...) and what it posts.
    pub(crate) jobs: Jobs<App>,
    /// The background load's bookkeeping (see `run.rs`).
    pub(super) load_run: super::run::LoadRun,
}

impl App {
    /// An app showing `loaded`, with no workspace behind it (tests, read-only).
    pub fn from_loaded(loaded: Loaded, now: DateTime<FixedOffset>) -> App {
        let (criteria, more_criteria) = chosen_sets(None, &loaded.header.profile);
        let diary_total = loaded.records.diary.len();
        App {
            model: super::model::Model {
                header: loaded.header,
                header_state: loaded.header_state,
                records: super::model::Revised::new(Arc::new(loaded.records)),
                files: loaded.files,
                problems: loaded.problems,
                complete: true,
                diary_total,
            },
            session: super::session::Session::default(),
            loading: None,
            screen: Screen::Diary,
            screens: crate::tui::screens::Screens::default(),
            layers: Layers::default(),
            typing_guard: None,
            kept_draft: None,
            status: None,
            quick_capture: false,
            exit: None,
            reload_requested: false,
            draft_due: false,
            today: now.date_naive(),
            now,
            theme: Theme {
                color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
                light: false,
            },
            config: crate::config::Config::default(),
            keymap: keymap::Keymap::default(),
            search: search::SearchState::default(),
            editor_request: None,
            mouse_map: mouse::MouseMap::default(),
            preview_scroll: None,
            criteria,
            more_criteria,
            prompts: crate::assets::star_prompts(),
            jobs: Jobs::default(),
            load_run: super::run::LoadRun::default(),
            derived: crate::tui::derived::Derived::default(),
        }
    }

    /// Opens the app on `ws`, reading only what the first screen needs; the
    /// rest arrives through `apply_loaded` from a background load.
    pub fn open(ws: Workspace, now: DateTime<FixedOffset>) -> Result<App, crate::store::OpenError> {
        let (header, header_state, mut problems) = ws.load_header()?;
        let (diary, mut diary_problems) = ws.newest_diary(FIRST_PAGE);
        // The total is known once the background load has listed everything.
        let diary_total = diary.len();
        problems.append(&mut diary_problems);
        let (drafts, mut draft_problems) = ws.drafts();
        let ws_undo = ws.undo_stack();
        problems.append(&mut draft_problems);
        let loaded = Loaded {
            header,
            header_state,
            records: Records {
                diary,
                ..Records::default()
            },
            files: FileMap::default(),
            problems,
            ..Loaded::default()
        };
        let mut app = App::from_loaded(loaded, now);
        app.model.complete = false;
        app.model.diary_total = diary_total;
        let read_only = ws.is_read_only();
        if read_only {
            app.session.read_only_reason = Some("read-only: changes cannot be saved".into());
        }
        app.session.ws = Some(ws);
        // Restoring or discarding a draft would write into the workspace,
        // which a read-only open (a team leader's look, say) never does.
        app.session.pending_drafts = if read_only { Vec::new() } else { drafts };
        app.session.undo = ws_undo;
        app.offer_next_draft();
        Ok(app)
    }

    /// While the app shows only the first page of a longer diary (the rest
    /// still loading), the day of its oldest entry: what happened before it
    /// is not known yet. `None` once every entry is in, or when the first
    /// page held them all.
    pub fn diary_known_from(&self) -> Option<NaiveDate> {
        if self.model.complete || self.model.records.diary.len() < FIRST_PAGE {
            return None;
        }
        self.model.records.diary.last().map(|entry| entry.date)
    }

    /// Makes the changes background jobs have posted since the last turn
    /// (the event loop calls this each time it wakes).
    pub fn take_posted(&mut self) {
        for update in self.jobs.take() {
            update(self);
        }
    }

    /// Waits up to `timeout` for `kind`'s job to end, making what it posts
    /// on the way: for tests, which have no event loop.
    #[cfg(test)]
    pub(crate) fn settle(&mut self, kind: Kind, timeout: std::time::Duration) {
        let until = std::time::Instant::now() + timeout;
        while self.jobs.running(kind) && std::time::Instant::now() < until {
            for update in self.jobs.wait(std::time::Duration::from_millis(20)) {
                update(self);
            }
        }
        self.take_posted();
    }

    /// Takes in what tidying the folder did (see `Workspace::tidy`, run in
    /// the background after the first frame); only a problem is worth a message.
    pub fn tidied(&mut self, result: std::io::Result<crate::store::Tidied>) {
        match result {
            Ok(report) if report.made_private > 0 => self.add_to_status(
                format!(
                    "{} readable by other users; made private",
                    count(report.made_private, "file was", "files were")
                ),
                false,
            ),
            Ok(_) => {}
            Err(e) => self.set_error(format!("Could not tidy the workspace folder: {e}")),
        }
    }

    /// Shows the first-run greeting when the workspace is new.
    pub fn greet_if_new(&mut self) {
        if !self.model.header.onboarded
            && self.model.diary_total == 0
            && self.layers.form.is_none()
            && self.layers.confirm.is_none()
            && self.session.read_only_reason.is_none()
            && !self.quick_capture
        {
            let sets = self.all_criteria_sets();
            self.layers.form = Some(Form::Profile(Box::new(ProfileForm::new(
                &self.model.header.profile,
                &sets,
                true,
            ))));
        }
    }

    /// Takes in a full load from the background.
    pub fn apply_loaded(&mut self, mut loaded: Loaded) {
        let records = Arc::new(std::mem::take(&mut loaded.records));
        self.take_load(loaded, records, None, None);
    }

    /// Takes in a full load with what was worked out from it (the criteria
    /// sets and the Progress figures), so none of that runs on the UI thread.
    pub fn apply_loaded_with(&mut self, mut loaded: Loaded, derived: Option<progress::Derived>) {
        let records = Arc::new(std::mem::take(&mut loaded.records));
        match derived {
            Some(d) => self.take_load(loaded, records, Some(d.criteria), Some(d.progress)),
            None => self.take_load(loaded, records, None, None),
        };
    }

    /// Takes in a full load whose records the background still reads to
    /// work out the search index and the Progress figures (they follow
    /// through `search_index_loaded` and `progress_worked_out`), with the
    /// profile's criteria sets. Returns whether the records in memory are
    /// exactly the load's (no change of this session put back on top), so
    /// that what is worked out from them fits.
    pub fn apply_shared_load(
        &mut self,
        loaded: Loaded,
        records: Arc<Records>,
        criteria: (Option<CriteriaSet>, Vec<CriteriaSet>),
    ) -> bool {
        self.take_load(loaded, records, Some(criteria), None)
    }

    /// Takes in `loaded` (its records are `records`). Without the Progress
    /// figures but with the criteria sets, the figures are on their way and
    /// the Progress list is left as it is until they come.
    pub(super) fn take_load(
        &mut self,
        loaded: Loaded,
        records: Arc<Records>,
        criteria: Option<(Option<CriteriaSet>, Vec<CriteriaSet>)>,
        worked_out: Option<progress::ProgressData>,
    ) -> bool {
        let figures_to_come = criteria.is_some() && worked_out.is_none();
        let selected_ids: Vec<Option<Id>> =
            Screen::ALL.iter().map(|s| self.selected_id(*s)).collect();
        self.model.header = loaded.header;
        self.model.header_state = loaded.header_state;
        // (The revision goes up: the search index and the derived data
        // follow from that alone.)
        let old = self.model.records.replace(records);
        let old_files = std::mem::replace(&mut self.model.files, loaded.files);
        // Freeing a whole journal (on a reload) takes a while at 100k
        // records: not on the UI thread.
        if old.diary.len() > 1_000 {
            let _ = self.jobs.start(Kind::Free, move |_| drop((old, old_files)));
        }
        (self.criteria, self.more_criteria) = criteria
            .unwrap_or_else(|| chosen_sets(self.session.ws.as_ref(), &self.model.header.profile));
        if let Some(figures) = worked_out {
            self.progress_worked_out(figures);
        }
        // Keep draft problems found at start; replace the rest.
        self.model.problems = loaded.problems;
        self.model.complete = true;
        let rev = self.model.records.rev();
        self.merge_session_changes();
        let exact = rev == self.model.records.rev();
        self.model.diary_total = self.model.records.diary.len();
        self.loading = None;
        for (i, screen) in Screen::ALL.iter().enumerate() {
            if let Some(id) = &selected_ids[i]
                && let Some(pos) = self.position_of(*screen, id)
            {
                self.select(*screen, pos);
            }
            if !(figures_to_come && *screen == Screen::Progress) {
                self.clamp(*screen);
            }
        }
        let errors = self
            .model
            .problems
            .iter()
            .filter(|p| p.severity >= Severity::Warning)
            .count();
        if errors > 0 {
            self.add_to_status(
                format!(
                    "{}: see the list with ? (help)",
                    count(
                        errors,
                        "file could not be read or is protected",
                        "files could not be read or are protected"
                    )
                ),
                true,
            );
        }
        self.note_conflicts();
        exact
    }

    /// Re-applies this session's saves and deletions on top of a load that
    /// may have read the folder before they happened. A file changed on disk
    /// by someone else since our save wins: the disk is the truth.
    pub(super) fn merge_session_changes(&mut self) {
        let saved: Vec<(AnyRecord, FileState)> = self.session.saved.values().cloned().collect();
        for (record, state) in saved {
            match self.model.files.get(record.id()) {
                Some(on_disk) if on_disk.hash != state.hash => {}
                _ => {
                    self.model.files.insert(record.id().clone(), state);
                    self.model.records.change().upsert(record);
                }
            }
        }
        for id in self.session.trashed.clone() {
            if let Some(state) = self.model.files.get(&id)
                && self
                    .session
                    .ws
                    .as_ref()
                    .is_some_and(|ws| ws.is_gone(&state.rel_path))
            {
                self.model.files.remove(&id);
                self.model.records.change().remove(&id);
            }
        }
    }

    /// Adds a message to the one showing, so two things learned at start
    /// (files made private, files that could not be read) both show.
    pub fn add_to_status(&mut self, text: String, error: bool) {
        self.status = Some(match self.status.take() {
            // ("Reloading…" and the like are done once the load is in.)
            Some(old) if !old.text.ends_with('…') && old.text != text => StatusMessage {
                text: format!("{}; {text}", old.text),
                error: old.error || error,
            },
            _ => StatusMessage { text, error },
        });
    }

    pub fn set_status(&mut self, text: impl Into<String>) {
        self.status = Some(StatusMessage {
            text: text.into(),
            error: false,
        });
    }

    pub fn set_error(&mut self, text: impl Into<String>) {
        self.status = Some(StatusMessage {
            text: text.into(),
            error: true,
        });
    }

    /// Where the keyboard focus is.
    pub fn context(&self) -> Context {
        match self.layers.top() {
            Some(layer) => layer.context(&self.layers),
            None => match self.screens.lettered {
                Some(which) => which.context(),
                None => Context::Screen(self.screen),
            },
        }
    }

    /// The ids listed on a screen, in display order.
    pub fn ids(&self, screen: Screen) -> Vec<Id> {
        screens::of(screen).ids(self)
    }

    pub fn list_len(&self, screen: Screen) -> usize {
        screens::of(screen).len(self)
    }

    /// The selected row of `screen`'s list.
    pub fn selected(&self, screen: Screen) -> usize {
        screens::of(screen).selected(&self.screens)
    }

    /// Selects row `pos` of `screen`'s list (kept in range by the view and
    /// by [`App::clamp`]).
    pub fn select(&mut self, screen: Screen, pos: usize) {
        *screens::of(screen).selection(&mut self.screens) = pos;
    }

    pub(super) fn selected_id(&self, screen: Screen) -> Option<Id> {
        screens::of(screen).selected_id(self)
    }

    /// Where the record `id` is in `screen`'s list.
    pub(super) fn position_of(&self, screen: Screen, id: &Id) -> Option<usize> {
        screens::of(screen).position_of(self, id)
    }

    pub fn selected_entry(&self) -> Option<&DiaryEntry> {
        self.model.records.diary.get(self.selected(Screen::Diary))
    }

    pub(super) fn clamp(&mut self, screen: Screen) {
        // The records may just have changed: the list's length with them.
        self.refresh_derived();
        let len = self.list_len(screen);
        let selected = screens::of(screen).selection(&mut self.screens);
        *selected = (*selected).min(len.saturating_sub(1));
    }

    pub(super) fn move_selection(&mut self, delta: isize) {
        let len = self.list_len(self.screen) as isize;
        let selected = screens::of(self.screen).selection(&mut self.screens);
        let next = (*selected as isize + delta).clamp(0, (len - 1).max(0));
        *selected = next as usize;
    }

    /// Handles one key press: it goes down the open layers from the top
    /// (see `layers.rs`) until one takes it, and to the screen if none does.
    pub fn handle_key(&mut self, key: &KeyEvent) {
        // A message stays until the next key: it has been seen by then.
        self.status = None;
        if self.typed_after_close(key) {
            return;
        }
        let was_reading = self.layers.reader.is_some();
        let taken = self
            .layers
            .open()
            .into_iter()
            .any(|layer| self.layer_key(layer, key));
        if !taken && let Some(action) = self.keymap.resolve(self.context(), key) {
            self.update_current(action);
        }
        self.reader_opened(was_reading);
    }

    /// Offers `key` to `layer`; false when the layer lets it fall to the
    /// layer beneath.
    fn layer_key(&mut self, layer: Layer, key: &KeyEvent) -> bool {
        let ctx = layer.context(&self.layers);
        if ctx == Context::Discard {
            self.discard_question_key(key);
            return true;
        }
        if layer == Layer::Search && self.search_types(key) {
            return true;
        }
        match (self.keymap.resolve(ctx, key), layer) {
            (Some(action), _) => self.layer_action(layer, action),
            (None, Layer::Search) => self.search_input(key),
            // Any other key closes the chooser, as Esc does.
            (None, Layer::Chooser) => self.layers.chooser = false,
            // An answer the question does not know goes to a form beneath.
            (None, Layer::Confirm) => return false,
            (None, Layer::Form) => {
                if let Some(form) = &mut self.layers.form
                    && forms::give_key(form.state_mut(), &self.keymap, key)
                {
                    self.draft_due = true;
                }
                if self
                    .layers
                    .form
                    .as_mut()
                    .is_some_and(|f| f.state_mut().take_submit())
                {
                    self.save_form();
                }
            }
            (None, _) => {}
        }
        true
    }

    /// The discard question takes only a deliberate answer: Ctrl-D throws the
    /// text away (into the trash, where `u` finds it); Esc goes back to the
    /// form; any other key goes back too and is typed there, so text typed
    /// on after Esc lands where it was meant to.
    pub(super) fn discard_question_key(&mut self, key: &KeyEvent) {
        self.layers.confirm = None;
        match self.keymap.resolve(Context::Discard, key) {
            Some(Action::Discard) => self.discard_form(),
            Some(_) => self.set_status("Still editing: nothing was thrown away"),
            None => self.handle_key(key),
        }
    }

    /// True when `key` comes right after a form closed (or a draft was kept
    /// for later with `n`), before a pause in typing: it was meant for the
    /// form, so it must not act on the list (an `e` would edit, a `d`
    /// delete, a `q` quit).
    pub(super) fn typed_after_close(&mut self, key: &KeyEvent) -> bool {
        let Some(until) = self.typing_guard else {
            return false;
        };
        let now = std::time::Instant::now();
        let typing = matches!(
            key.code,
            KeyCode::Char(_) | KeyCode::Enter | KeyCode::Backspace
        ) && !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        if now > until || self.layers.form.is_some() || !typing {
            self.typing_guard = None;
            return false;
        }
        self.typing_guard = Some(now + TYPING_PAUSE);
        self.set_status("Keys typed straight after it closed were not used");
        true
    }

    /// Handles pasted text (bracketed paste): it goes down the open layers
    /// to the first that takes text (the search palette or a form); a
    /// question stops it, and the other layers let it by.
    pub fn handle_paste(&mut self, text: &str) {
        for layer in self.layers.open() {
            match layer {
                Layer::Confirm => return,
                Layer::Search => return self.search_paste(text),
                Layer::Form => {
                    if let Some(form) = &mut self.layers.form
                        && form.state_mut().paste(text)
                    {
                        self.draft_due = true;
                    }
                    return;
                }
                _ => {}
            }
        }
    }

    /// Carries out one action.
    pub fn update(&mut self, action: Action) {
        let was_reading = self.layers.reader.is_some();
        match self.layers.top() {
            Some(layer) => self.layer_action(layer, action),
            None => self.update_current(action),
        }
        self.reader_opened(was_reading);
    }

    /// A reader just opened starts on the first record it lists.
    fn reader_opened(&mut self, was_reading: bool) {
        if !was_reading && self.layers.reader.is_some() {
            self.layers.reader_pick = 0;
        }
        self.refresh_derived();
    }

    /// Carries out `action` on `layer`.
    fn layer_action(&mut self, layer: Layer, action: Action) {
        match layer {
            Layer::Confirm => self.update_confirm(action),
            Layer::Search => self.search_action(action),
            Layer::Chooser => self.plan_chooser_action(action),
            Layer::Form => self.update_form(action),
            Layer::Help => match action {
                Action::Back => self.layers.help = None,
                Action::Down => self.layers.help = self.layers.help.map(|s| s.saturating_add(1)),
                Action::Up => self.layers.help = self.layers.help.map(|s| s.saturating_sub(1)),
                _ => {}
            },
            Layer::Reader if self.reader_link_action(&action) => {}
            Layer::Reader => match action {
                Action::Back => self.layers.reader = None,
                Action::Down => self.scroll_reader(1),
                Action::Up => self.scroll_reader(-1),
                Action::PageDown => self.scroll_reader(10),
                Action::PageUp => self.scroll_reader(-10),
                Action::Top => self.layers.reader = Some(0),
                // The bottom of the text, as help says (not the list's end).
                Action::Bottom => self.scroll_reader(i32::from(u16::MAX)),
                // Enter opens a record the reader lists; there is none here.
                Action::Open => {}
                Action::Compare => {
                    if self.screen == Screen::Reviews {
                        self.reviews_action(Action::Compare)
                    }
                }
                // Not a reader's key: the reader closes and the screen
                // beneath carries it out.
                other => {
                    self.layers.reader = None;
                    self.update_screen(other);
                }
            },
        }
    }

    pub(super) fn update_screen(&mut self, action: Action) {
        match action {
            Action::Quit => self.exit = Some(Exit::Done),
            Action::Interrupt => self.exit = Some(Exit::Interrupted),
            Action::ShowScreen(s) => self.screen = s,
            Action::NextScreen => self.screen = self.screen.next(),
            Action::PreviousScreen => self.screen = self.screen.previous(),
            Action::Up => self.move_selection(-1),
            Action::Down => self.move_selection(1),
            Action::PageUp => self.move_selection(-10),
            Action::PageDown => self.move_selection(10),
            Action::Top => self.select(self.screen, 0),
            Action::Bottom => self.move_selection(isize::MAX / 2),
            Action::Undo => self.undo_delete(),
            Action::SignOff => self.sign_off_selected(),
            Action::Refresh => {
                self.reload_requested = true;
                self.set_status("Reloading from disk…");
            }
            Action::EditProfile => {
                let sets = self.all_criteria_sets();
                self.layers.form = Some(Form::Profile(Box::new(ProfileForm::new(
                    &self.model.header.profile,
                    &sets,
                    false,
                ))));
            }
            Action::Help => self.layers.help = Some(0),
            Action::Search => self.open_search(),
            // Everything else means something different on each screen.
            // A lettered screen's letter (T, V, E, C) opens it.
            other => match screens::Lettered::opened_by(&other) {
                Some(which) => (which.registration().open)(self),
                None => screens::of(self.screen).update(self, other),
            },
        }
    }

    /// Scrolls the reader, never past where the last frame's text ended.
    pub(super) fn scroll_reader(&mut self, rows: i32) {
        let bottom = self.mouse_map.reader_bottom.unwrap_or(u16::MAX);
        if let Some(scroll) = self.layers.reader {
            let next = (i32::from(scroll.min(bottom)) + rows).clamp(0, i32::from(bottom));
            self.layers.reader = Some(u16::try_from(next).unwrap_or(bottom));
        }
    }

    /// Opens the selected record full-screen.
    pub(super) fn open_reader(&mut self) {
        if self.list_len(self.screen) > 0 {
            self.layers.reader = Some(0);
        }
    }

    pub(super) fn writable(&mut self) -> bool {
        if let Some(reason) = &self.session.read_only_reason {
            let text = format!("Cannot change anything: {reason}");
            self.set_error(text);
            return false;
        }
        true
    }

    /// Whether the record can be changed here; says why not in the status line.
    pub(super) fn editable(&mut self, id: &Id, what: &str) -> bool {
        if !self.writable() {
            return false;
        }
        if !self.model.complete {
            self.set_status("Still loading; try again in a moment");
            return false;
        }
        if let Some(reason) = self.model.files.get(id).and_then(|f| f.protected.clone()) {
            self.set_error(format!("This {what} cannot be changed here: {reason}"));
            return false;
        }
        true
    }

    /// Writes a record (a new one, or a change to one read from disk, guarded
    /// against changes made on disk since) and shows it in memory. The error
    /// is a sentence for the form to show; the form keeps the typed text.
    pub fn save_record(&mut self, record: AnyRecord, editing: bool) -> Result<FileState, String> {
        if let Some(reason) = &self.session.read_only_reason {
            return Err(format!("NOT SAVED: {reason}"));
        }
        let known = if editing {
            match self.model.files.get(record.id()) {
                Some(state) => Some(state),
                None if !self.model.complete => {
                    return Err("NOT SAVED: still loading; Ctrl-S again in a moment".into());
                }
                None => None,
            }
        } else {
            None
        };
        let result = match &self.session.ws {
            Some(ws) => ws.save_any(&record, known),
            None => Err(SaveError::ReadOnly),
        };
        match result {
            Ok(state) => {
                let id = record.id().clone();
                let is_new_diary =
                    matches!(record, AnyRecord::Diary(_)) && self.model.records.get(&id).is_none();
                self.session
                    .saved
                    .insert(id.clone(), (record.clone(), state.clone()));
                self.session.trashed.retain(|t| t != &id);
                self.model.files.insert(id, state.clone());
                self.model.records.change().upsert(record);
                if is_new_diary {
                    self.model.diary_total += 1;
                }
                Ok(state)
            }
            Err(e) => Err(format!("NOT SAVED: {e}. Ctrl-S to retry")),
        }
    }

    /// Shows the screen that lists this record, with it selected.
    pub fn select_record(&mut self, id: &Id) {
        if self.model.records.coaching.iter().any(|s| &s.id == id) {
            self.select_coaching(id);
            return;
        }
        for screen in Screen::ALL {
            if let Some(pos) = self.ids(screen).iter().position(|x| x == id) {
                self.screen = screen;
                self.select(screen, pos);
                return;
            }
        }
    }

    pub(super) fn update_form(&mut self, action: Action) {
        match action {
            Action::Save => self.save_form(),
            Action::NextField | Action::PreviousField => {
                let step = if action == Action::NextField { 1 } else { -1 };
                if let Some(form) = &mut self.layers.form {
                    form.state_mut().next_field(step);
                }
            }
            Action::Back => match &self.layers.form {
                Some(Form::Profile(f)) if f.spec.first_run => {
                    // Skipping the greeting is remembered, so it does not nag.
                    self.model.header.onboarded = true;
                    self.save_header();
                    self.layers.form = None;
                    self.set_status("Profile skipped: press p any time to fill it in");
                }
                Some(f) if f.state().dirty() => self.layers.confirm = Some(Confirm::DiscardChanges),
                _ => self.close_form(),
            },
            Action::Interrupt => {
                self.write_draft();
                self.kept_draft = self.current_draft().map(|d| draft_description(&d));
                self.exit = Some(Exit::Interrupted);
            }
            Action::OpenEditor => self.request_editor(),
            _ => {}
        }
    }

    /// The form's text is saved or given up: its draft is no longer needed.
    pub(super) fn forget_draft(&mut self, form: &dyn FormState) {
        if let (Some(ws), Some(draft)) = (&self.session.ws, form.to_draft(self.now)) {
            let _ = ws.remove_draft(&draft);
        }
        self.draft_due = false;
    }

    pub(super) fn close_form(&mut self) {
        if let Some(form) = self.layers.form.take() {
            self.forget_draft(form.state());
        } else {
            self.draft_due = false;
        }
        self.form_closed();
    }

    /// After any form closes: keys typed on are not commands until a pause,
    /// `starlog star` ends, and the next draft is offered.
    pub(crate) fn form_closed(&mut self) {
        self.typing_guard = Some(std::time::Instant::now() + TYPING_PAUSE);
        if self.quick_capture {
            self.exit = Some(Exit::Done);
        }
        self.offer_next_draft();
    }

    /// Ctrl-D on the discard question: the form closes and its text goes to
    /// `trash/drafts/` (kept 30 days), from where `u` brings it back.
    pub(super) fn discard_form(&mut self) {
        let Some(form) = self.layers.form.take() else {
            return;
        };
        self.draft_due = false;
        let draft = form.state().to_draft(self.now);
        let kept = match (&self.session.ws, &draft) {
            (Some(ws), Some(draft)) => match ws.discard_draft(draft) {
                Ok(()) => true,
                Err(e) => {
                    // Keep the form: the text must not be lost.
                    self.layers.form = Some(form);
                    self.set_error(format!("Could not put the text in the trash: {e}"));
                    return;
                }
            },
            _ => false,
        };
        self.session.discarded_draft = if kept { draft } else { None };
        self.form_closed();
        if self.status.is_none() || self.layers.confirm.is_none() {
            self.set_status(if kept {
                "Discarded: kept in trash/drafts/ for 30 days; u brings it back"
            } else {
                "Changes discarded"
            });
        }
    }

    pub(super) fn update_confirm(&mut self, action: Action) {
        let Some(confirm) = self.layers.confirm.take() else {
            return;
        };
        match (confirm, action) {
            (Confirm::DiscardChanges, Action::Discard) => self.discard_form(),
            (Confirm::DiscardChanges, _) => {}
            (Confirm::RestoreDraft(draft), Action::Discard) => {
                self.layers.confirm = Some(Confirm::DiscardDraft(draft));
            }
            (Confirm::DiscardDraft(draft), Action::Discard) => {
                match self.session.ws.as_ref().map(|ws| ws.discard_draft(&draft)) {
                    Some(Err(e)) => self.set_error(format!("Could not discard the draft: {e}")),
                    _ => {
                        self.set_status(
                            "Draft discarded: kept in trash/drafts/ for 30 days; u brings it back",
                        );
                        self.session.discarded_draft = Some(*draft);
                    }
                }
                self.offer_next_draft();
                if self.quick_capture && self.layers.confirm.is_none() && self.layers.form.is_none()
                {
                    self.new_entry();
                }
            }
            (Confirm::DiscardDraft(draft), _) => {
                self.layers.confirm = Some(Confirm::RestoreDraft(draft));
            }
            (Confirm::RestoreDraft(draft), Action::Yes) => {
                match Form::from_draft(&draft, self) {
                    Some(form) => {
                        self.layers.form = Some(form);
                        self.set_status("Draft restored: Ctrl-S saves it");
                    }
                    None => {
                        // Kept on disk; a newer starlog may know this form.
                        self.set_error("This draft is from a form this version cannot open");
                        self.offer_next_draft();
                    }
                }
            }
            (Confirm::RestoreDraft(draft), Action::No) => {
                // Keep it on disk: it is offered again next time. `n` may be
                // the first letter of typing that did not see the question:
                // the rest must not act on the list.
                self.typing_guard = Some(std::time::Instant::now() + TYPING_PAUSE);
                self.set_status(format!(
                    "Draft kept for later ({})",
                    self.config.days().moment(&draft.saved_at)
                ));
                self.offer_next_draft();
                if self.quick_capture && self.layers.confirm.is_none() && self.layers.form.is_none()
                {
                    self.new_entry();
                }
            }
            (Confirm::OverwriteExport(mut choice), Action::Yes) => {
                choice.overwrite = true;
                self.layers.form = None;
                self.start_export(choice);
            }
            (Confirm::DeleteLinked { id, .. }, Action::Yes) => self.answer_delete_linked(id, true),
            (Confirm::DeleteLinked { id, .. }, Action::No) => self.answer_delete_linked(id, false),
            (Confirm::OverwriteExport(_), Action::No) => {
                // Back to the form, at the file name, to choose another.
                if let Some(Form::Export(form)) = &mut self.layers.form {
                    form.fields.focus_on("file");
                }
                self.set_status("Not replaced: choose another file name");
            }
            (confirm, _) => self.layers.confirm = Some(confirm),
        }
    }

    /// `u` after a discard: the draft comes out of the trash and its form
    /// opens again.
    pub(super) fn bring_back_draft(&mut self, draft: Draft) {
        if let Some(ws) = &self.session.ws
            && let Err(e) = ws.restore_discarded_draft(&draft)
        {
            self.set_error(format!("Could not bring the draft back: {e}"));
            self.session.discarded_draft = Some(draft);
            return;
        }
        match Form::from_draft(&draft, self) {
            Some(form) => {
                self.layers.form = Some(form);
                self.set_status("Brought back: Ctrl-S saves it");
            }
            None => self.set_status("The draft is back; it is offered at the next start"),
        }
    }

    pub(super) fn offer_next_draft(&mut self) {
        if self.layers.confirm.is_none()
            && self.layers.form.is_none()
            && !self.session.pending_drafts.is_empty()
        {
            let draft = self.session.pending_drafts.remove(0);
            self.layers.confirm = Some(Confirm::RestoreDraft(Box::new(draft)));
        }
    }

    /// Writes the open form's draft now (debounced by the loop, and on Ctrl-C).
    pub fn write_draft(&mut self) {
        self.draft_due = false;
        let (Some(form), Some(ws)) = (&self.layers.form, &self.session.ws) else {
            return;
        };
        if !form.state().dirty() {
            return;
        }
        let Some(draft) = form.state().to_draft(self.now) else {
            return;
        };
        if let Err(e) = ws.save_draft(&draft) {
            self.set_error(format!("Could not keep a draft: {e}"));
        }
    }

    /// The current draft, for the signal thread.
    pub fn current_draft(&self) -> Option<Draft> {
        self.layers
            .form
            .as_ref()
            .filter(|f| f.state().dirty())
            .and_then(|f| f.state().to_draft(self.now))
    }

    pub(super) fn save_form(&mut self) {
        let was_open = self.layers.form.is_some();
        match self.layers.form.take() {
            Some(form) if form.engine().is_some() => self.submit_form(form),
            Some(form) => self.submit_form(form),
            None => {}
        }
        // A new objective started from feedback gets the feedback linked to it.
        self.link_pending_feedback();
        if was_open && self.layers.form.is_none() {
            self.typing_guard = Some(std::time::Instant::now() + TYPING_PAUSE);
        }
    }

    /// The one submit path of engine forms: validate and save (the spec's
    /// `submit`), then forget the draft and say so; or keep the form open
    /// with the message at its field, and a draft keeping the text safe.
    pub(super) fn submit_form(&mut self, mut form: Form) {
        let Some(engine) = form.engine_mut() else {
            self.layers.form = Some(form);
            return;
        };
        match engine.submit(self) {
            Ok(message) => {
                self.forget_draft(form.state());
                if !message.is_empty() {
                    self.set_status(message);
                }
                self.offer_next_draft();
            }
            Err(error) => {
                let saving_failed = error.field.is_none();
                if let Some(engine) = form.engine_mut() {
                    engine.refuse(error);
                }
                self.layers.form = Some(form);
                if saving_failed {
                    self.write_draft();
                }
            }
        }
    }

    /// Every criteria set the learner can choose: built in, and from the
    /// `criteria` folders of the data root and the config folder.
    pub(super) fn all_criteria_sets(&self) -> Vec<CriteriaSet> {
        let folders = self
            .session
            .ws
            .as_ref()
            .and_then(|ws| ws.dir().parent())
            .map(crate::config::criteria_folders)
            .unwrap_or_default();
        crate::store::criteria::all_sets(&folders)
            .0
            .into_iter()
            .map(|f| f.set)
            .collect()
    }

    pub(super) fn apply_profile(&mut self, profile: LearnerProfile) {
        self.model.header.profile = profile;
        self.model.header.onboarded = true;
        (self.criteria, self.more_criteria) =
            chosen_sets(self.session.ws.as_ref(), &self.model.header.profile);
    }

    pub(super) fn save_header(&mut self) -> bool {
        let Some(ws) = &self.session.ws else {
            return false;
        };
        match ws.save_header(&self.model.header, self.model.header_state.as_ref()) {
            Ok(state) => {
                self.model.header_state = Some(state);
                true
            }
            Err(e) => {
                self.set_error(format!("Profile NOT SAVED: {e}"));
                false
            }
        }
    }
}

/// What a draft is, for the restore question and the line after Ctrl-C:
/// its form and first words, e.g. `STAR entry “The customer said…”`.
pub fn draft_description(draft: &Draft) -> String {
    let words = draft.headline();
    let form = forms::form_name(draft);
    if words.trim().is_empty() {
        form.to_string()
    } else {
        // Cut at a word's end, so a date or a word is never cut in two.
        format!("{form} “{}”", forms::view::fit_words(words.trim(), 40))
    }
}

/// The line the shell shows after Ctrl-C kept a draft.
pub fn kept_draft_line(what: &str) -> String {
    format!(
        "starlog: your unsaved {what} was kept as a draft; starlog offers it back the next time it starts."
    )
}

/// A short title for any record (status messages, search results), its
/// day (a review's) shown as `days` says.
pub fn record_title(record: &AnyRecord, days: &crate::config::Days) -> String {
    match record {
        AnyRecord::Diary(r) => r.headline().to_string(),
        AnyRecord::Need(r) => r.area.clone(),
        AnyRecord::Objective(r) => r.statement.clone(),
        AnyRecord::Activity(r) => r.title.clone(),
        AnyRecord::Feedback(r) => r.text.lines().next().unwrap_or("").to_string(),
        AnyRecord::Kpi(r) => format!("{} {}", r.metric, r.value),
        AnyRecord::Review(r) => format!("review of {}", days.day(r.held.date_naive())),
        AnyRecord::Evidence(r) => r.title.clone(),
        AnyRecord::Witness(r) => r.headline(),
        AnyRecord::SignOff(r) => format!("sign-off by {}", r.who()),
        AnyRecord::Practice(r) => r.headline(),
        AnyRecord::Coaching(r) => r.headline(),
    }
}

/// Cuts `text` to `max` characters, adding "…" when cut.
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

/// The criteria sets `profile` chooses, looked for beside `ws` (built-in
/// ones only when there is no workspace behind the app).
pub(crate) fn chosen_sets(
    ws: Option<&crate::store::Workspace>,
    profile: &LearnerProfile,
) -> (Option<CriteriaSet>, Vec<CriteriaSet>) {
    let folders = ws
        .and_then(|ws| ws.dir().parent())
        .map(crate::config::criteria_folders)
        .unwrap_or_default();
    let (sets, _) = crate::store::criteria::all_sets(&folders);
    let (first, more, _) = crate::store::criteria::chosen(&sets, profile);
    (first, more)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use crate::store::Mode;

    #[test]
    fn files_made_private_and_files_not_read_both_show_at_start() {
        use std::os::unix::fs::PermissionsExt;
        let root = tempfile::tempdir().expect("root");
        let ws = Workspace::open(root.path(), "learner", Mode::Write).expect("open");
        let year = ws.dir().join("diary/2026");
        std::fs::create_dir_all(&year).expect("year");
        let open_file = year.join("2026-11-20-readable.ron");
        std::fs::write(&open_file, "not a record").expect("write");
        std::fs::set_permissions(&open_file, std::fs::Permissions::from_mode(0o644))
            .expect("chmod");
        let now = DateTime::parse_from_rfc3339("2026-11-23T09:30:00+00:00").expect("valid");
        let job = ws.tidy_job().expect("open for writing");
        let mut app = App::open(ws, now).expect("app");
        app.tidied(job.run());
        let loaded = app.session.ws.as_ref().expect("ws").load().expect("load");
        app.apply_loaded(loaded);
        let status = app.status.as_ref().expect("a message");
        assert!(status.error);
        assert!(status.text.contains("made private"), "{}", status.text);
        assert!(status.text.contains("could not be read"), "{}", status.text);
    }
}
