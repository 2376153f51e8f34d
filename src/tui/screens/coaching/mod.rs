//! The coaching log (`C`): a team leader's coaching sessions with their
//! coachees, newest first, each marked with what is due (a follow-up past
//! its day with no later session with that coachee, an impact not yet
//! evaluated), and the selected session in full beside or under the list.
//! `n` records a session, `e` or Enter edits it, `i` adds its impact at
//! Kirkpatrick's levels with the coachee's view (the same record, later),
//! `d` moves it to the trash and `u` brings it back; `PgDn`/`PgUp` scroll
//! a session longer than its pane. A search hit on a session lands here,
//! selected.

pub mod view;

use crate::domain::coaching::{self, Due};
use crate::domain::{CoachingSession, Id};
use crate::tui::forms::Form;
use crate::tui::forms::coaching::{CoachingForm, ImpactForm};
use crate::tui::screens::{Lettered, Screens};
use crate::tui::{Action, App};

/// The coaching log's state while it is open.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CoachingState {
    pub selected: usize,
    /// How far the selected session's pane is scrolled (another selection
    /// starts at the top).
    pub scroll: u16,
    /// What is due in the log today, worked out in update (`refresh`)
    /// for the records' revision and the day it names, not in the view.
    pub due: Vec<Due>,
    pub due_for: Option<(u64, chrono::NaiveDate)>,
}

/// What is due for one session today, in a few words, and whether it is
/// late (a follow-up missed) rather than only waiting (an impact).
pub fn due_mark(s: &CoachingSession, due: &[Due]) -> Option<(&'static str, bool)> {
    let mut late = false;
    let mut impact = false;
    for d in due {
        match d {
            Due::FollowUp { session, .. } if session == &s.id => late = true,
            Due::Impact { session } if session == &s.id => impact = true,
            _ => {}
        }
    }
    match (late, impact) {
        (true, true) => Some(("follow-up missed, impact due", true)),
        (true, false) => Some(("follow-up missed", true)),
        (false, true) => Some(("impact due", false)),
        (false, false) => None,
    }
}

impl App {
    /// `C`: opens the coaching log.
    pub(in crate::tui) fn open_coaching(&mut self) {
        self.show_lettered(Lettered::Coaching);
        self.clamp_coaching();
        if !self.model.complete {
            self.set_status("Still loading: more may appear in a moment");
        }
    }

    /// Opens the coaching log with the session `id` selected.
    pub(in crate::tui) fn select_coaching(&mut self, id: &Id) {
        self.open_coaching();
        if let Some(pos) = self.model.records.coaching.iter().position(|s| &s.id == id) {
            let view = &mut self.screens.coaching;
            if view.selected != pos {
                view.scroll = 0;
            }
            view.selected = pos;
        }
    }

    fn clamp_coaching(&mut self) {
        let len = self.model.records.coaching.len();
        let view = &mut self.screens.coaching;
        view.selected = view.selected.min(len.saturating_sub(1));
    }

    /// The selected session, if the log is open and has one.
    pub fn selected_coaching(&self) -> Option<&CoachingSession> {
        if !self.screens.is_open(Lettered::Coaching) {
            return None;
        }
        self.model
            .records
            .coaching
            .get(self.screens.coaching.selected)
    }

    /// Scrolls the selected session's pane by `rows` (a page is its
    /// height less a row), never past where the last frame's text ended.
    pub(in crate::tui) fn scroll_session(&mut self, rows: i32) {
        let (bottom, _) = self.mouse_map.pane.unwrap_or((u16::MAX, 0));
        let view = &mut self.screens.coaching;
        let now = i32::from(view.scroll.min(bottom));
        let next = (now + rows).clamp(0, i32::from(bottom));
        view.scroll = u16::try_from(next).unwrap_or(bottom);
    }

    /// A page of the session pane as the last frame drew it.
    fn session_page(&self) -> i32 {
        let (_, rows) = self.mouse_map.pane.unwrap_or((0, 11));
        i32::from(rows.saturating_sub(1).max(1))
    }

    /// Works out again what is due in the log, if the records or the day
    /// changed since.
    fn refresh_coaching_due(&mut self) {
        let stamp = (self.model.records.rev(), self.today);
        if self.screens.coaching.due_for == Some(stamp) {
            return;
        }
        self.screens.coaching.due = coaching::due(&self.model.records.coaching, self.today);
        self.screens.coaching.due_for = Some(stamp);
    }

    /// Keys in the coaching log (moving and Esc are the same on every
    /// lettered screen: see `screens::App::update_current`).
    fn coaching_action(&mut self, action: Action) {
        let selected = self.selected_coaching().cloned();
        match action {
            Action::New if self.writable() => {
                let form = CoachingForm::blank(self);
                self.layers.form = Some(Form::Coaching(Box::new(form)));
            }
            Action::Open | Action::Edit => match selected {
                Some(s) if self.editable(&s.id, "coaching session") => {
                    self.layers.form =
                        Some(Form::Coaching(Box::new(CoachingForm::editing(s, self))));
                }
                Some(_) => {}
                None => self.set_status("No sessions yet: n records one"),
            },
            Action::EvaluateImpact => match selected {
                Some(s) if self.editable(&s.id, "coaching session") => {
                    self.layers.form =
                        Some(Form::CoachingImpact(Box::new(ImpactForm::new(s, self))));
                }
                Some(_) => {}
                None => self.set_status("No sessions yet: n records one"),
            },
            Action::Delete => match selected {
                Some(s) => self.trash_record(&s.id),
                None => self.set_status("Nothing to delete"),
            },
            Action::Undo => self.undo_delete(),
            // The selected session, when it is longer than its pane.
            Action::PageDown => self.scroll_session(self.session_page()),
            Action::PageUp => self.scroll_session(-self.session_page()),
            _ => {}
        }
    }
}

/// The coaching log, behind the [`Screen`](crate::tui::screens::Screen) trait.
pub struct CoachingScreen;

impl crate::tui::screens::Screen for CoachingScreen {
    fn len(&self, app: &App) -> usize {
        app.model.records.coaching.len()
    }
    fn ids(&self, app: &App) -> Vec<Id> {
        app.model
            .records
            .coaching
            .iter()
            .map(|s| s.id.clone())
            .collect()
    }
    fn selected(&self, screens: &Screens) -> usize {
        screens.coaching.selected
    }
    fn selection<'a>(&self, screens: &'a mut Screens) -> &'a mut usize {
        &mut screens.coaching.selected
    }
    fn selection_moved(&self, screens: &mut Screens) {
        screens.coaching.scroll = 0;
    }
    fn refresh(&self, app: &mut App) {
        app.refresh_coaching_due();
    }
    fn update(&self, app: &mut App, action: Action) {
        app.coaching_action(action)
    }
    fn view(
        &self,
        app: &App,
        frame: &mut crate::tui::widgets::Canvas,
        area: ratatui::layout::Rect,
        st: &crate::tui::theme::Styles,
    ) {
        view::draw(app, frame, area, st);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Loaded;

    /// What is due is worked out in update, when the records or the day
    /// changed, and the view only reads it.
    #[test]
    fn what_is_due_is_worked_out_in_update_when_the_log_or_the_day_changes() {
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-23T09:30:00+00:00").expect("now");
        let (_, header, records) = crate::demo::team(now.date_naive()).remove(0);
        let loaded = Loaded {
            header,
            records,
            ..Loaded::default()
        };
        let mut app = App::from_loaded(loaded, now);
        app.update(Action::ShowCoaching);
        let due = app.screens.coaching.due.clone();
        assert_eq!(due, coaching::due(&app.model.records.coaching, app.today));
        assert!(!due.is_empty(), "the demo coach has something due");
        // A later day: Ana's session, held last week, is due its impact.
        app.today += chrono::Duration::days(60);
        app.update(Action::Down);
        assert!(app.screens.coaching.due.len() > due.len());
        // The log emptied: nothing due after the next key, not before.
        app.model.records.change().coaching.clear();
        assert!(!app.screens.coaching.due.is_empty());
        app.update(Action::Up);
        assert!(app.screens.coaching.due.is_empty());
    }
}
