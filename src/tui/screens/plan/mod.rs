//! What keys do on the Plan screen: one list of objectives, then needs, then
//! activities, then practice records grouped by kind; `n` asks which to add;
//! `e`, `d` and Enter work on whichever is selected.

pub mod view;

use crate::domain::{Activity, AnyRecord, DevelopmentNeed, Id, Objective};
use crate::tui::forms::FieldError;
use crate::tui::forms::activity::ActivityForm;
use crate::tui::forms::need::NeedForm;
use crate::tui::forms::objective::ObjectiveForm;
use crate::tui::{Action, App, Form, Screen};

/// The Plan screen's own state.
#[derive(Debug, Default)]
pub struct PlanState {
    /// The selected row of the plan list.
    pub selected: usize,
}

/// What a row of the Plan list is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanRow {
    Objective(usize),
    Need(usize),
    Activity(usize),
    /// A practice record (index into `records.practice`), listed by kind.
    Practice(usize),
}

impl App {
    pub(in crate::tui) fn plan_action(&mut self, action: Action) {
        match action {
            Action::Open => self.open_reader(),
            Action::New if self.writable() => self.layers.chooser = true,
            Action::Edit => self.edit_plan_selected(),
            Action::Delete => {
                if let Some(id) = self.plan_ids().get(self.selected(Screen::Plan)).cloned() {
                    self.trash_record(&id);
                }
            }
            _ => {}
        }
    }

    /// The Plan list's rows: objectives, needs, activities, then practice
    /// records grouped by kind (in the order an assessor reads them), each
    /// kind's by date.
    pub fn plan_rows(&self) -> Vec<PlanRow> {
        let r = &self.model.records;
        let mut practice: Vec<usize> = (0..r.practice.len()).collect();
        practice.sort_by_key(|&i| (r.practice[i].kind, r.practice[i].date));
        (0..r.objectives.len())
            .map(PlanRow::Objective)
            .chain((0..r.needs.len()).map(PlanRow::Need))
            .chain((0..r.activities.len()).map(PlanRow::Activity))
            .chain(practice.into_iter().map(PlanRow::Practice))
            .collect()
    }

    pub fn plan_len(&self) -> usize {
        let r = &self.model.records;
        r.objectives.len() + r.needs.len() + r.activities.len() + r.practice.len()
    }

    pub(in crate::tui) fn plan_ids(&self) -> Vec<Id> {
        let r = &self.model.records;
        self.plan_rows()
            .into_iter()
            .map(|row| match row {
                PlanRow::Objective(i) => r.objectives[i].id.clone(),
                PlanRow::Need(i) => r.needs[i].id.clone(),
                PlanRow::Activity(i) => r.activities[i].id.clone(),
                PlanRow::Practice(i) => r.practice[i].id.clone(),
            })
            .collect()
    }

    /// The selected row of the Plan list.
    pub fn plan_selected(&self) -> Option<PlanRow> {
        self.plan_rows().get(self.selected(Screen::Plan)).copied()
    }

    /// A key while the "new what?" chooser is open.
    /// A key in the Plan's "add what?" chooser (from the key table).
    pub(in crate::tui) fn plan_chooser_action(&mut self, action: Action) {
        self.layers.chooser = false;
        match action {
            Action::Quit => self.exit = Some(crate::tui::Exit::Done),
            Action::NewObjective => self.new_objective(),
            Action::NewNeed => self.new_need(),
            Action::NewActivity => self.new_activity(),
            Action::NewPractice => self.new_practice(),
            _ => {}
        }
    }

    /// Opens a blank objective form.
    pub fn new_objective(&mut self) {
        let form = ObjectiveForm::new(
            Objective::new(Id::generate(), self.now),
            false,
            &self.model.records,
            self.criteria.as_ref(),
        );
        self.open_objective_form(form);
    }

    /// Opens an objective form made elsewhere (e.g. `ObjectiveForm::prefilled`
    /// from a feedback item); Ctrl-S saves it like any other.
    pub fn open_objective_form(&mut self, form: ObjectiveForm) {
        if self.writable() {
            self.layers.form = Some(Form::Objective(Box::new(form)));
        }
    }

    pub fn new_need(&mut self) {
        if !self.writable() {
            return;
        }
        let need = DevelopmentNeed::new(Id::generate(), self.today, self.now);
        self.layers.form = Some(Form::Need(Box::new(NeedForm::new(
            need,
            false,
            &self.model.records,
            self.criteria.as_ref(),
        ))));
    }

    /// Opens a blank practice record form (the kind is chosen in it).
    pub fn new_practice(&mut self) {
        if !self.writable() {
            return;
        }
        let p = crate::domain::Practice::new(
            Id::generate(),
            crate::domain::PracticeKind::Professionalism,
            self.today,
            self.now,
        );
        let form = crate::tui::forms::practice::PracticeForm::new(
            p,
            false,
            &self.model.records,
            self.criteria.as_ref(),
        );
        self.layers.form = Some(Form::Practice(Box::new(form)));
    }

    /// A new activity, linked to the selected objective when there is one.
    pub fn new_activity(&mut self) {
        if !self.writable() {
            return;
        }
        let linked = match self.plan_selected() {
            Some(PlanRow::Objective(i)) => vec![self.model.records.objectives[i].id.clone()],
            _ => Vec::new(),
        };
        let activity = Activity::new(Id::generate(), self.today, self.now, linked);
        self.layers.form = Some(Form::Activity(Box::new(ActivityForm::new(
            activity,
            false,
            &self.model.records,
            self.criteria.as_ref(),
        ))));
    }

    /// Opens the objective with this id in its form.
    pub fn edit_objective(&mut self, id: &Id) {
        let Some(o) = self.model.records.objective(id).cloned() else {
            return;
        };
        if !self.editable(id, "objective") {
            return;
        }
        let form = ObjectiveForm::new(o, true, &self.model.records, self.criteria.as_ref());
        self.layers.form = Some(Form::Objective(Box::new(form)));
    }

    fn edit_plan_selected(&mut self) {
        let Some(row) = self.plan_selected() else {
            self.set_status("Nothing to edit yet: press n to add to your plan");
            return;
        };
        match row {
            PlanRow::Objective(i) => {
                let id = self.model.records.objectives[i].id.clone();
                self.edit_objective(&id);
            }
            PlanRow::Need(i) => {
                let n = self.model.records.needs[i].clone();
                if self.editable(&n.id, "need") {
                    let form = NeedForm::new(n, true, &self.model.records, self.criteria.as_ref());
                    self.layers.form = Some(Form::Need(Box::new(form)));
                }
            }
            PlanRow::Activity(i) => {
                let a = self.model.records.activities[i].clone();
                if self.editable(&a.id, "activity") {
                    let form =
                        ActivityForm::new(a, true, &self.model.records, self.criteria.as_ref());
                    self.layers.form = Some(Form::Activity(Box::new(form)));
                }
            }
            PlanRow::Practice(i) => {
                let p = self.model.records.practice[i].clone();
                if self.editable(&p.id, "practice record") {
                    let form = crate::tui::forms::practice::PracticeForm::new(
                        p,
                        true,
                        &self.model.records,
                        self.criteria.as_ref(),
                    );
                    self.layers.form = Some(Form::Practice(Box::new(form)));
                }
            }
        }
    }

    /// Saves a record of a plan form and shows it selected; the message
    /// for the status line, or the saving error for the form's bottom line.
    pub(in crate::tui) fn save_plan_record(
        &mut self,
        record: AnyRecord,
        editing: bool,
        what: &str,
    ) -> Result<String, FieldError> {
        let id = record.id().clone();
        self.save_record(record, editing)
            .map_err(|message| FieldError::new("", message))?;
        self.select_record(&id);
        Ok(if editing {
            format!("{what} changes saved")
        } else {
            format!("{what} saved")
        })
    }
}

/// The Plan screen, behind the [`Screen`](crate::tui::screens::Screen) trait.
pub struct PlanScreen;

impl crate::tui::screens::Screen for PlanScreen {
    fn reader_links(&self, app: &App) -> Vec<Id> {
        let selected = app.selected(Screen::Plan);
        let r = &app.model.records;
        match app.plan_rows().get(selected) {
            Some(PlanRow::Objective(i)) => {
                let t = crate::domain::thread::objective_thread(r, &r.objectives[*i]);
                t.needs
                    .iter()
                    .map(|n| n.id.clone())
                    .chain(t.activities.iter().map(|a| a.id.clone()))
                    .chain(t.diary.iter().map(|e| e.id.clone()))
                    .chain(t.feedback.iter().map(|f| f.id.clone()))
                    .collect()
            }
            Some(PlanRow::Need(i)) => crate::domain::thread::need_thread(r, &r.needs[*i])
                .objectives
                .iter()
                .map(|o| o.id.clone())
                .collect(),
            Some(PlanRow::Activity(i)) => {
                let a = &r.activities[*i];
                a.objectives
                    .iter()
                    .cloned()
                    .chain(
                        crate::domain::thread::feedback_on(r, &a.id)
                            .iter()
                            .map(|f| f.id.clone()),
                    )
                    .collect()
            }
            Some(PlanRow::Practice(i)) => r.practice[*i].links.clone(),
            None => Vec::new(),
        }
    }
    fn len(&self, app: &App) -> usize {
        app.plan_len()
    }
    fn ids(&self, app: &App) -> Vec<Id> {
        app.plan_ids()
    }
    fn selected(&self, screens: &crate::tui::screens::Screens) -> usize {
        screens.plan.selected
    }
    fn selection<'a>(&self, screens: &'a mut crate::tui::screens::Screens) -> &'a mut usize {
        &mut screens.plan.selected
    }
    fn update(&self, app: &mut App, action: Action) {
        app.plan_action(action)
    }
    fn refresh(&self, app: &mut App) {
        app.refresh_smart();
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
mod chooser_tests {
    use super::*;
    use crate::store::Loaded;
    use crate::tui::keymap::Keymap;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    #[test]
    fn the_choosers_keys_come_from_the_key_table_and_can_be_remapped() {
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-23T09:30:00+00:00").expect("now");
        let mut app = App::from_loaded(Loaded::default(), now);
        let overrides = [("new-need".to_string(), vec!["w".to_string()])]
            .into_iter()
            .collect();
        let (keymap, problems) = Keymap::with_overrides(&overrides);
        assert!(problems.is_empty(), "{problems:?}");
        app.keymap = keymap;
        app.update(Action::ShowScreen(Screen::Plan));
        app.update(Action::New);
        assert_eq!(app.context(), crate::tui::Context::Chooser);
        app.handle_key(&KeyEvent::new(KeyCode::Char('w'), KeyModifiers::NONE));
        assert!(
            matches!(app.layers.form, Some(Form::Need(_))),
            "w adds a need"
        );
    }
}
