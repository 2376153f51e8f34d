//! One folder per screen: its state and update in `mod.rs`, its drawing in
//! `view.rs`. The five numbered screens are units behind one [`Screen`]
//! trait: what each lists, where its selection is kept, what its own keys do,
//! what it works out from the records and how it draws. `App` reaches a
//! screen only through [`of`], the one place that names them all.

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
use crate::tui::{Action, App, action};
use ratatui::layout::Rect;

/// A numbered screen (1 Diary ... 5 Progress). Its state lives in
/// [`Screens`]; its methods take the whole app, whose records they read.
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

/// Each screen's own state, kept while another screen shows.
#[derive(Debug, Default)]
pub struct Screens {
    pub diary: diary::DiaryState,
    pub plan: plan::PlanState,
    pub feedback: feedback::FeedbackView,
    pub reviews: reviews::ReviewsState,
    pub progress: progress::ProgressState,
}
