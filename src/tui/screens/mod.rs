//! One folder per screen: its state and update in `mod.rs`, its drawing in
//! `view.rs`. Every screen is a unit behind one [`Screen`] trait: what it
//! lists, where its selection is kept, what its own keys do, what it works
//! out from the records and how it draws. There are the five numbered
//! screens (1 Diary ... 5 Progress) and the lettered ones, opened by their
//! letter over them ([`Lettered`]: `T` the Trash, `V` the Conflicts view,
//! `E` the Evidence view, `C` the coaching log). `App` reaches a screen only through [`of`] and
//! [`Lettered::screen`], the places that name them all, and its state is
//! held in [`Screens`].

pub mod coaching;
pub mod conflicts;
pub mod diary;
pub mod evidence;
pub mod feedback;
pub mod plan;
pub mod progress;
pub mod reviews;
pub mod team;
pub mod trash;

use crate::domain::Id;
use crate::tui::theme::Styles;
use crate::tui::widgets::Canvas;
use crate::tui::{Action, App, Context, action};
use ratatui::layout::Rect;

/// A screen, numbered or lettered. Its state lives in [`Screens`]; its
/// methods take the whole app, whose records they read.
pub trait Screen: Sync {
    /// How many rows its list has.
    fn len(&self, app: &App) -> usize;
    /// The records it lists, in the order shown (empty when its rows are
    /// not records, as on Progress).
    fn ids(&self, app: &App) -> Vec<Id>;
    /// The selected row.
    fn selected(&self, screens: &Screens) -> usize;
    /// Where the selected row is kept, to move it.
    fn selection<'a>(&self, screens: &'a mut Screens) -> &'a mut usize;
    /// The selected record's id.
    fn selected_id(&self, app: &App) -> Option<Id> {
        self.ids(app).get(self.selected(&app.screens)).cloned()
    }
    /// Where the record `id` is in its list.
    fn position_of(&self, app: &App, id: &Id) -> Option<usize> {
        self.ids(app).iter().position(|x| x == id)
    }
    /// A key of its own (everything the app does not do the same on every
    /// screen: open, new, edit, delete and the screen's own commands).
    fn update(&self, app: &mut App, action: Action);
    /// Works out again what it shows from the records, when they (or the
    /// day, or what else it depends on) changed since. Never done in `view`.
    fn refresh(&self, _app: &mut App) {}
    /// After its selection moved to another row (a pane scrolled for the
    /// row before starts at the top again).
    fn selection_moved(&self, _screens: &mut Screens) {}
    /// The records its reader lists for the selected row (an objective's
    /// golden thread, a KPI's readings...), which `↑`/`↓` pick from.
    fn reader_links(&self, _app: &App) -> Vec<Id> {
        Vec::new()
    }
    /// Draws it in `area`.
    fn view(&self, app: &App, frame: &mut Canvas, area: Rect, st: &Styles);
}

/// The screen behind a tab.
pub fn of(screen: action::Screen) -> &'static dyn Screen {
    match screen {
        action::Screen::Diary => &diary::DiaryScreen,
        action::Screen::Plan => &plan::PlanScreen,
        action::Screen::Feedback => &feedback::FeedbackScreen,
        action::Screen::Reviews => &reviews::ReviewsScreen,
        action::Screen::Progress => &progress::ProgressScreen,
    }
}

/// A screen opened by its letter over the numbered ones. While one is open
/// it takes the keys the layers leave (in its own key context), fills the
/// body, has its own place in the tab bar, and Esc goes back to the
/// numbered screen beneath it. At most one is open at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lettered {
    Trash,
    Conflicts,
    Evidence,
    Coaching,
}

/// What names a lettered screen: its letter and name (for the tab bar), its
/// heading in help, the action that opens it (its letter in the key table)
/// and how, its key context and the screen itself.
pub struct Registration {
    pub letter: char,
    pub name: &'static str,
    pub help: &'static str,
    pub opens_with: Action,
    /// Opens it: reads what it shows and calls [`App::show_lettered`].
    pub open: fn(&mut App),
    pub context: Context,
    pub screen: &'static dyn Screen,
}

impl Lettered {
    /// Every lettered screen, in the order help lists them.
    pub const ALL: [Lettered; 4] = [
        Lettered::Trash,
        Lettered::Conflicts,
        Lettered::Evidence,
        Lettered::Coaching,
    ];

    /// The one registration of each lettered screen.
    pub fn registration(self) -> Registration {
        match self {
            Lettered::Trash => Registration {
                letter: 'T',
                name: "Trash",
                help: "In the trash (T)",
                opens_with: Action::ShowTrash,
                open: App::open_trash,
                context: Context::Trash,
                screen: &trash::TrashScreen,
            },
            Lettered::Conflicts => Registration {
                letter: 'V',
                name: "Conflicts",
                help: "Choosing between two versions (V)",
                opens_with: Action::ShowConflicts,
                open: App::open_conflicts,
                context: Context::Conflicts,
                screen: &conflicts::ConflictsScreen,
            },
            Lettered::Evidence => Registration {
                letter: 'E',
                name: "Evidence",
                help: "In the evidence (E)",
                opens_with: Action::ShowEvidence,
                open: App::open_evidence,
                context: Context::Evidence,
                screen: &evidence::EvidenceScreen,
            },
            Lettered::Coaching => Registration {
                letter: 'C',
                name: "Coaching",
                help: "In the coaching log (C)",
                opens_with: Action::ShowCoaching,
                open: App::open_coaching,
                context: Context::Coaching,
                screen: &coaching::CoachingScreen,
            },
        }
    }

    /// The lettered screen `action` opens, if it opens one.
    pub fn opened_by(action: &Action) -> Option<Lettered> {
        Lettered::ALL
            .into_iter()
            .find(|l| &l.registration().opens_with == action)
    }

    /// The screen itself.
    pub fn screen(self) -> &'static dyn Screen {
        self.registration().screen
    }

    /// The key table's context while it shows.
    pub fn context(self) -> Context {
        self.registration().context
    }

    /// Its own place in the tab bar: " T Trash ".
    pub fn tab(self) -> String {
        let r = self.registration();
        format!(" {} {} ", r.letter, r.name)
    }
}

/// Each screen's own state, kept while another screen shows.
#[derive(Debug, Default)]
pub struct Screens {
    pub diary: diary::DiaryState,
    pub plan: plan::PlanState,
    pub feedback: feedback::FeedbackView,
    pub reviews: reviews::ReviewsState,
    pub progress: progress::ProgressState,
    /// The lettered screen open over the numbered one, if any.
    pub lettered: Option<Lettered>,
    pub trash: trash::TrashState,
    pub conflicts: conflicts::ConflictsState,
    pub evidence: evidence::EvidenceState,
    pub coaching: coaching::CoachingState,
}

impl Screens {
    /// Whether `which` is open.
    pub fn is_open(&self, which: Lettered) -> bool {
        self.lettered == Some(which)
    }
}

impl App {
    /// Opens the lettered screen `which` (closing any other; it shows over
    /// the numbered screen, to which Esc goes back).
    /// Its state starts afresh unless it was open already.
    pub(in crate::tui) fn show_lettered(&mut self, which: Lettered) {
        if self.screens.lettered != Some(which) {
            self.close_lettered();
        }
        self.screens.lettered = Some(which);
    }

    /// The screen the keys the layers leave go to: the lettered one open,
    /// else the numbered one showing.
    pub(in crate::tui) fn current_screen(&self) -> &'static dyn Screen {
        match self.screens.lettered {
            Some(which) => which.screen(),
            None => of(self.screen),
        }
    }

    /// Carries out an action the layers left: on the lettered screen open
    /// (moving its selection, closing it, or its own keys), else on the
    /// numbered screen.
    pub(in crate::tui) fn update_current(&mut self, action: Action) {
        let Some(which) = self.screens.lettered else {
            self.update_screen(action);
            return;
        };
        let screen = which.screen();
        let last = screen.len(self).saturating_sub(1);
        let before = screen.selected(&self.screens);
        let selected = screen.selection(&mut self.screens);
        match action {
            Action::Back => self.close_lettered(),
            Action::Down => *selected = (*selected + 1).min(last),
            Action::Up => *selected = selected.saturating_sub(1),
            Action::Top => *selected = 0,
            Action::Bottom => *selected = last,
            Action::Help => self.layers.help = Some(0),
            other => screen.update(self, other),
        }
        // A deletion or an undo may have changed its list.
        if self.screens.lettered == Some(which) {
            let len = screen.len(self);
            let selected = screen.selection(&mut self.screens);
            *selected = (*selected).min(len.saturating_sub(1));
            if *selected != before {
                screen.selection_moved(&mut self.screens);
            }
        }
    }

    /// Esc on a lettered screen: back to the numbered screen beneath (what
    /// the lettered one held is let go: it is read afresh when opened).
    pub(in crate::tui) fn close_lettered(&mut self) {
        self.screens.lettered = None;
        self.screens.trash = trash::TrashState::default();
        self.screens.conflicts = conflicts::ConflictsState::default();
        self.screens.evidence = evidence::EvidenceState::default();
        self.screens.coaching = coaching::CoachingState::default();
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use crate::store::{Mode, Workspace};
    use crate::tui::Screen as Tab;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn key(app: &mut App, code: KeyCode) {
        app.handle_key(&KeyEvent::new(code, KeyModifiers::NONE));
    }

    /// The demo learner's workspace, with a diary entry and a feedback item
    /// in the trash.
    fn demo() -> (tempfile::TempDir, App) {
        let root = tempfile::tempdir().expect("root");
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-23T09:30:00+00:00").expect("now");
        let ws = Workspace::open(root.path(), "learner", Mode::Write).expect("open");
        let (_, state, _) = ws.load_header().expect("header");
        crate::demo::write_demo(&ws, state.as_ref(), 0, now).expect("demo");
        let mut app = App::open(ws, now).expect("app");
        let loaded = app.session.ws.as_ref().expect("ws").load().expect("load");
        app.apply_loaded(loaded);
        let entry = app.model.records.diary[0].id.clone();
        let feedback = app.model.records.feedback[0].id.clone();
        app.trash_now(&entry);
        app.trash_now(&feedback);
        (root, app)
    }

    /// Each lettered screen opens by its letter over the numbered one, takes
    /// the keys in its own context, moves its selection through the one
    /// trait, and Esc goes back to the numbered screen beneath.
    #[test]
    fn each_lettered_screen_opens_by_its_letter_and_esc_goes_back() {
        let (_root, mut app) = demo();
        app.update(Action::ShowScreen(Tab::Plan));
        for which in Lettered::ALL {
            let r = which.registration();
            key(&mut app, KeyCode::Char(r.letter));
            assert_eq!(app.screens.lettered, Some(which), "{}", r.name);
            assert_eq!(app.context(), r.context);
            let screen = which.screen();
            assert_eq!(screen.selected(&app.screens), 0);
            if screen.len(&app) > 1 {
                key(&mut app, KeyCode::Char('j'));
                assert_eq!(screen.selected(&app.screens), 1, "{}: j moves", r.name);
                key(&mut app, KeyCode::Char('G'));
                assert_eq!(screen.selected(&app.screens), screen.len(&app) - 1);
                key(&mut app, KeyCode::Char('g'));
                assert_eq!(screen.selected(&app.screens), 0);
            }
            key(&mut app, KeyCode::Esc);
            assert_eq!(app.screens.lettered, None, "{}: Esc closes it", r.name);
            assert_eq!(app.context(), Context::Screen(Tab::Plan));
        }
    }

    /// One lettered screen at a time: opening the coaching log (a search
    /// hit on a session) closes the Evidence view, which opens afresh.
    #[test]
    fn one_lettered_screen_is_open_at_a_time() {
        let (_root, mut app) = demo();
        let mut s = crate::domain::CoachingSession::new(Id::generate(), app.today, app.now);
        s.coachee = "Ana Costa".into();
        app.model
            .records
            .change()
            .upsert(crate::domain::AnyRecord::Coaching(s.clone()));
        key(&mut app, KeyCode::Char('E'));
        key(&mut app, KeyCode::Char('j'));
        app.jump_to(crate::search::Kind::Coaching, &s.id);
        assert_eq!(app.screens.lettered, Some(Lettered::Coaching));
        assert_eq!(app.selected_evidence(), None);
        assert_eq!(app.selected_coaching().map(|c| &c.id), Some(&s.id));
        // The Evidence view opens afresh, on its first row.
        key(&mut app, KeyCode::Esc);
        key(&mut app, KeyCode::Char('E'));
        assert_eq!(app.screens.evidence.selected, 0);
    }
}
