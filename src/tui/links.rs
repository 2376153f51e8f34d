//! The records a reader lists (an objective's golden thread, a criterion's
//! evidence, the records behind a readiness rule, a KPI's readings): `↑`/`↓`
//! pick one, Enter opens it on its own screen, and in a KPI's readings `e`
//! corrects and `d` deletes the picked reading.

use super::{Action, App, Form, Screen, screens};
use crate::domain::Id;
use crate::tui::forms::kpi::KpiForm;
use crate::tui::screens::progress::ProgressView;

impl App {
    /// The records the open reader lists, in the order it shows them.
    pub fn reader_links(&self) -> Vec<Id> {
        if self.layers.reader.is_none() {
            return Vec::new();
        }
        screens::of(self.screen).reader_links(self)
    }

    /// The picked record of the open reader, if it lists any.
    pub fn picked_link(&self) -> Option<Id> {
        let links = self.reader_links();
        links
            .get(self.layers.reader_pick.min(links.len().saturating_sub(1)))
            .cloned()
    }

    /// Keys in a reader that lists records. Returns false when the reader
    /// lists none, or the key means nothing to such a list (the reader
    /// then does what it always does).
    pub(super) fn reader_link_action(&mut self, action: &Action) -> bool {
        let len = self.reader_links().len();
        if len == 0 {
            return false;
        }
        let last = len - 1;
        let pick = self.layers.reader_pick.min(last);
        let in_readings =
            self.screen == Screen::Progress && self.screens.progress.view == ProgressView::Kpis;
        match action {
            Action::Down => self.pick_link((pick + 1).min(last)),
            Action::Up => self.pick_link(pick.saturating_sub(1)),
            Action::Top => {
                self.layers.reader_pick = 0;
                self.layers.reader = Some(0);
            }
            Action::Bottom => {
                self.layers.reader_pick = last;
                self.scroll_reader(i32::from(u16::MAX));
            }
            Action::Open if in_readings => {
                self.set_status("e corrects this reading, d deletes it");
            }
            Action::Open => self.open_picked(),
            Action::Edit if in_readings => self.edit_picked_reading(),
            Action::Delete if in_readings => {
                if let Some(id) = self.picked_link() {
                    self.trash_record(&id);
                    self.after_reading_deleted();
                }
            }
            _ => return false,
        }
        true
    }

    /// Picks the `n`th listed record and scrolls the text just enough to
    /// show it (where the last frame drew it); the text above the first
    /// record stays readable with PgUp/PgDn, which scroll as ever.
    fn pick_link(&mut self, n: usize) {
        self.layers.reader_pick = n;
        let (row, rows, height) = {
            let map = &self.mouse_map;
            match map.reader_links.get(n) {
                Some((row, rows)) => (*row, *rows, map.reader_rows),
                None => return,
            }
        };
        let Some(scroll) = self.layers.reader else {
            return;
        };
        if row < scroll {
            self.layers.reader = Some(row);
        } else if row.saturating_add(rows) > scroll.saturating_add(height) {
            let top = row.saturating_add(rows).saturating_sub(height).min(row);
            self.layers.reader = Some(top);
        }
    }

    /// Enter on a listed record: its own screen, with it selected and open.
    fn open_picked(&mut self) {
        let Some(id) = self.picked_link() else { return };
        let Some(record) = self.model.records.get(&id) else {
            self.set_status("That record is no longer here (T lists the trash)");
            return;
        };
        let before = (self.screen, self.selected(self.screen));
        self.select_record(&id);
        if (self.screen, self.selected(self.screen)) == before
            && !self.ids(self.screen).contains(&id)
        {
            self.set_status(format!(
                "This {} is not listed on any screen now (a filter may hide it)",
                record.label()
            ));
            return;
        }
        self.layers.reader = Some(0);
        self.layers.reader_pick = 0;
    }

    /// `e` on a picked KPI reading: the KPI form, correcting that reading.
    fn edit_picked_reading(&mut self) {
        let Some(reading) = self
            .picked_link()
            .and_then(|id| self.model.records.kpis.iter().find(|k| k.id == id).cloned())
        else {
            return;
        };
        if !self.editable(&reading.id, "KPI reading") {
            return;
        }
        self.layers.form = Some(Form::Kpi(Box::new(KpiForm::new(
            reading,
            true,
            &self.model.records,
        ))));
    }

    /// After a reading left: keep the pick in the list, or leave the reader
    /// when the metric has no readings left.
    pub(super) fn after_reading_deleted(&mut self) {
        let len = self.reader_links().len();
        if len == 0 {
            self.layers.reader = None;
            self.layers.reader_pick = 0;
        } else {
            self.layers.reader_pick = self.layers.reader_pick.min(len - 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::testkit::demo_app;

    #[test]
    fn enter_on_the_golden_thread_opens_the_linked_activity_on_its_screen() {
        let mut app = demo_app();
        app.update(Action::ShowScreen(Screen::Plan));
        app.update(Action::Open);
        let links = app.reader_links();
        let activity = app
            .model
            .records
            .activities
            .iter()
            .find(|a| links.contains(&a.id))
            .map(|a| a.id.clone())
            .expect("the first objective has activities");
        let at = links.iter().position(|l| l == &activity).expect("listed");
        for _ in 0..at {
            app.update(Action::Down);
        }
        app.update(Action::Open);
        assert_eq!(app.screen, Screen::Plan);
        assert_eq!(app.ids(Screen::Plan)[app.selected(Screen::Plan)], activity);
        assert_eq!(app.layers.reader, Some(0), "opened to read");
    }

    #[test]
    fn an_activity_lists_the_feedback_it_drew_and_enter_opens_it() {
        let mut app = demo_app();
        let about = app
            .model
            .records
            .feedback
            .iter()
            .find_map(|f| Some((f.id.clone(), f.activity.clone()?)))
            .expect("the demo has feedback about an activity");
        app.update(Action::ShowScreen(Screen::Plan));
        let row = app
            .ids(Screen::Plan)
            .iter()
            .position(|id| id == &about.1)
            .expect("the activity is on the Plan");
        for _ in 0..row {
            app.update(Action::Down);
        }
        app.update(Action::Open);
        let links = app.reader_links();
        let at = links.iter().position(|l| l == &about.0).expect("listed");
        for _ in 0..at {
            app.update(Action::Down);
        }
        app.update(Action::Open);
        assert_eq!(app.screen, Screen::Feedback);
        assert_eq!(
            app.ids(Screen::Feedback)[app.selected(Screen::Feedback)],
            about.0
        );
    }

    #[test]
    fn enter_on_a_criterions_evidence_opens_that_record() {
        let mut app = demo_app();
        app.update(Action::ShowScreen(Screen::Progress));
        app.update(Action::NextView);
        let with_evidence = (0..app.list_len(Screen::Progress))
            .find(|i| {
                app.derived
                    .progress
                    .coverage
                    .as_ref()
                    .is_some_and(|c| !c.criteria[*i].evidence.is_empty())
            })
            .expect("some criterion has evidence");
        for _ in 0..with_evidence {
            app.update(Action::Down);
        }
        app.update(Action::Open);
        let id = app.picked_link().expect("a record is picked");
        app.update(Action::Open);
        assert_ne!(app.screen, Screen::Progress, "went to the record's screen");
        assert_eq!(app.ids(app.screen)[app.selected(app.screen)], id);
    }

    #[test]
    fn enter_on_a_readiness_record_opens_it() {
        let mut app = demo_app();
        app.update(Action::ShowScreen(Screen::Progress));
        app.update(Action::PreviousView);
        let with_records = (0..app.list_len(Screen::Progress))
            .find(|i| {
                app.derived.progress.verdicts[*i]
                    .records
                    .iter()
                    .any(|r| app.model.records.diary.iter().any(|e| e.id == r.id))
            })
            .expect("a rule names a diary entry");
        for _ in 0..with_records {
            app.update(Action::Down);
        }
        app.update(Action::Open);
        while !app
            .picked_link()
            .is_some_and(|id| app.model.records.diary.iter().any(|e| e.id == id))
        {
            app.update(Action::Down);
        }
        let id = app.picked_link().expect("picked");
        app.update(Action::Open);
        assert_eq!(app.screen, Screen::Diary);
        assert_eq!(app.selected_entry().map(|e| e.id.clone()), Some(id));
    }

    #[test]
    fn e_corrects_the_picked_reading_not_only_the_latest() {
        let mut app = demo_app();
        app.update(Action::ShowScreen(Screen::Progress));
        app.update(Action::Open);
        let links = app.reader_links();
        assert!(links.len() > 2);
        app.update(Action::Down);
        app.update(Action::Down);
        app.update(Action::Edit);
        let Some(Form::Kpi(form)) = &app.layers.form else {
            panic!("the KPI form is open: {:?}", app.status);
        };
        assert!(form.spec.editing);
        let reading = app
            .model
            .records
            .kpis
            .iter()
            .find(|k| k.id == links[2])
            .expect("the third newest");
        assert_eq!(form.fields.text("date"), reading.date.to_string());
    }
}
