//! What the screens show that is worked out from the records: the SMART
//! check of each objective, the feedback the filter lets through and its
//! triangulation, the Progress figures. Worked out in update (the end of
//! `App::update`, and by the loop before each frame) when the records'
//! revision, the day or what else they depend on changed, and only for the
//! screen showing; the view reads them and works nothing out, so drawing the
//! same state twice does no work.

use crate::domain::smart::{self, SmartCheck};
use crate::domain::{FeedbackFilter, Triangulation};
use crate::domain::{Id, Objective};
use crate::tui::App;
use crate::tui::screens::progress::{self, ProgressData};
use chrono::NaiveDate;
use std::collections::HashMap;

/// The SMART check of each objective, by its id.
#[derive(Debug, Default)]
pub struct SmartChecks(HashMap<Id, SmartCheck>);

impl SmartChecks {
    /// The check of `o` as last worked out.
    pub fn of(&self, o: &Objective) -> Option<&SmartCheck> {
        self.0.get(&o.id)
    }
}

/// What a part was worked out from; it is worked out again when this changes.
#[derive(Debug, Clone, PartialEq)]
struct Stamp<K: PartialEq> {
    rev: u64,
    today: NaiveDate,
    more: K,
}

/// The derived data, each part with what it was worked out from.
#[derive(Debug, Default)]
pub struct Derived {
    /// (With how the advice names days.)
    smart_for: Option<Stamp<crate::domain::dates::Days>>,
    /// The SMART check of each objective.
    pub smart: SmartChecks,
    feedback_for: Option<Stamp<(FeedbackFilter, u32)>>,
    /// Places in `records.feedback` that the filter lets through, in order.
    pub visible_feedback: Vec<usize>,
    /// Feedback over the current review period, by source and valence.
    pub triangulation: Option<Triangulation>,
    /// (With the criteria set and how the advice names days.)
    progress_for: Option<Stamp<(String, crate::domain::dates::Days)>>,
    /// The Progress screen's figures.
    pub progress: ProgressData,
    /// How many times a part was worked out (tests and benchmarks read it:
    /// drawing never adds to it).
    pub worked_out: u64,
}

impl Derived {
    /// Takes figures worked out elsewhere (the background load) for the
    /// records at `rev`.
    pub(super) fn take_progress(&mut self, data: ProgressData, rev: u64) {
        self.progress_for = data.today.map(|today| Stamp {
            rev,
            today,
            more: (data.criteria_id.clone(), data.days.clone()),
        });
        self.progress = data;
    }
}

impl App {
    /// Works out again what the current screen shows from the records, if
    /// they (or the day, the filter, the criteria set) changed since.
    /// Cheap when nothing changed: called after every update and before
    /// every frame.
    pub fn refresh_derived(&mut self) {
        self.current_screen().refresh(self);
    }

    fn stamp<K: PartialEq>(&self, more: K) -> Stamp<K> {
        Stamp {
            rev: self.model.records.rev(),
            today: self.today,
            more,
        }
    }

    pub(in crate::tui) fn refresh_smart(&mut self) {
        let stamp = self.stamp(self.config.days());
        if self.derived.smart_for.as_ref() == Some(&stamp) {
            return;
        }
        let days = &stamp.more;
        self.derived.smart = SmartChecks(
            self.model
                .records
                .objectives
                .iter()
                .map(|o| (o.id.clone(), smart::check(o, self.today, days)))
                .collect(),
        );
        self.derived.smart_for = Some(stamp);
        self.derived.worked_out += 1;
    }

    pub(in crate::tui) fn refresh_feedback(&mut self) {
        let stamp = self.stamp((
            self.screens.feedback.filter.clone(),
            self.model.header.settings.review_interval_days,
        ));
        if self.derived.feedback_for.as_ref() == Some(&stamp) {
            return;
        }
        self.derived.visible_feedback = self.visible_feedback();
        self.derived.triangulation = Some(self.triangulation());
        self.derived.feedback_for = Some(stamp);
        self.derived.worked_out += 1;
    }

    pub(in crate::tui) fn refresh_progress(&mut self) {
        let set_id = self
            .criteria
            .as_ref()
            .map(|c| c.id.clone())
            .unwrap_or_default();
        let stamp = self.stamp((set_id, self.config.days()));
        if self.derived.progress_for.as_ref() == Some(&stamp) {
            return;
        }
        let mut data = progress::work_out(
            &self.model.header,
            &self.model.records,
            self.criteria.as_ref(),
            &self.more_criteria,
            self.today,
            &stamp.more.1,
        );
        data.rev = self.model.records.rev();
        data.criteria_id = stamp.more.0.clone();
        self.derived.progress = data;
        self.derived.progress_for = Some(stamp);
        self.derived.worked_out += 1;
    }

    /// The Progress screen's figures, worked out again first if the records
    /// (or the day, or the criteria set) changed since: for update, which
    /// may just have changed them. The view reads `derived.progress`.
    pub fn progress_data(&mut self) -> &ProgressData {
        self.refresh_progress();
        &self.derived.progress
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::testkit::demo_app;
    use crate::tui::{Action, Screen};
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    fn draw(app: &App) -> String {
        let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
        terminal
            .draw(|f| {
                crate::tui::view(app, f);
            })
            .expect("draw");
        let buffer = terminal.backend().buffer();
        buffer.content().iter().map(|c| c.symbol()).collect()
    }

    #[test]
    fn drawing_twice_works_nothing_out() {
        for screen in Screen::ALL {
            let mut app = demo_app();
            app.update(Action::ShowScreen(screen));
            let before = app.derived.worked_out;
            let first = draw(&app);
            let second = draw(&app);
            assert_eq!(first, second);
            assert_eq!(app.derived.worked_out, before, "{screen:?}");
            // Keys that change no record work nothing out either.
            app.update(Action::Down);
            app.update(Action::Up);
            assert_eq!(app.derived.worked_out, before, "{screen:?}");
        }
    }

    #[test]
    fn an_edit_updates_the_smart_checks_the_plan_shows() {
        let mut app = demo_app();
        app.update(Action::ShowScreen(Screen::Plan));
        let first = app.model.records.objectives[0].clone();
        assert_eq!(
            app.derived.smart.of(&first),
            Some(&smart::check(&first, app.today, &app.config.days()))
        );
        let before = app.derived.worked_out;
        // The objective loses its target date: Time-bound no longer passes.
        app.model.records.change().objectives[0].target_date = None;
        app.update(Action::Down);
        assert_eq!(app.derived.worked_out, before + 1);
        let now = smart::check(
            &app.model.records.objectives[0],
            app.today,
            &app.config.days(),
        );
        assert_ne!(now, smart::check(&first, app.today, &app.config.days()));
        assert_eq!(app.derived.smart.of(&first), Some(&now));
    }

    #[test]
    fn an_edit_or_the_filter_updates_the_visible_feedback_and_its_triangulation() {
        let mut app = demo_app();
        app.update(Action::ShowScreen(Screen::Feedback));
        let all = app.model.records.feedback.len();
        assert_eq!(app.derived.visible_feedback.len(), all);
        let counted = |app: &App| {
            app.derived
                .triangulation
                .as_ref()
                .map(|t| format!("{t:?}"))
                .unwrap_or_default()
        };
        let before = counted(&app);
        // Feedback of this review period goes: it is counted no more.
        let start = app.review_period().start;
        let recent = app
            .model
            .records
            .feedback
            .iter()
            .position(|f| f.date >= start)
            .expect("feedback in this period");
        app.model.records.change().feedback.remove(recent);
        app.update(Action::Down);
        assert_eq!(app.derived.visible_feedback.len(), all - 1);
        assert_eq!(counted(&app), format!("{:?}", app.triangulation()));
        assert_ne!(counted(&app), before);
        app.screens.feedback.filter =
            FeedbackFilter::parse("archived", app.today, app.review_period().start)
                .expect("a filter");
        app.update(Action::Down);
        assert_eq!(app.derived.visible_feedback, app.visible_feedback());
        assert!(app.derived.visible_feedback.len() < all - 1);
    }

    #[test]
    fn the_figures_are_worked_out_again_at_midnight() {
        let mut app = demo_app();
        app.update(Action::ShowScreen(Screen::Progress));
        let before = app.derived.worked_out;
        app.today = app.today.succ_opt().expect("a next day");
        app.refresh_derived();
        assert_eq!(app.derived.worked_out, before + 1);
        assert_eq!(app.derived.progress.today, Some(app.today));
    }

    /// A change made through the records' mutator alone (nothing else told)
    /// shows on the Plan's SMART checks and in the search.
    #[test]
    fn derived_data_and_the_search_notice_a_change_from_the_revision_alone() {
        let mut app = demo_app();
        app.update(Action::ShowScreen(Screen::Plan));
        let first = app.model.records.objectives[0].clone();
        assert!(app.derived.smart.of(&first).is_some());
        // Search once, so the index is built from the records as they are.
        app.update(Action::Search);
        app.update(Action::Back);

        let mut renamed = first.clone();
        renamed.id = Id::from_parts(7, [7; 10]);
        renamed.statement = "Zanzibar objective for the revision test".into();
        let rev = app.model.records.rev();
        app.model
            .records
            .change()
            .upsert(crate::domain::AnyRecord::Objective(renamed.clone()));
        assert!(app.model.records.rev() > rev);

        app.refresh_derived();
        assert!(
            app.derived.smart.of(&renamed).is_some(),
            "the SMART checks were worked out again"
        );
        app.update(Action::Search);
        for c in "zanzibar".chars() {
            app.handle_key(&ratatui::crossterm::event::KeyEvent::new(
                ratatui::crossterm::event::KeyCode::Char(c),
                ratatui::crossterm::event::KeyModifiers::NONE,
            ));
        }
        let palette = app.layers.palette.as_ref().expect("open");
        assert_eq!(palette.hits.len(), 1, "the index was built again");
    }
}
