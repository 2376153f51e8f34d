//! What keys do on the Feedback screen: the feedback form, triage (reflect,
//! act, archive or reopen), the filter and the triangulation panel. The
//! triage rules themselves are pure functions in `domain::feedback`; this
//! file applies them to the selected item and saves the result.

pub mod view;

use crate::domain::{
    ActionLink, AnyRecord, Feedback, FeedbackFilter, FeedbackState, Id, ReviewPeriod, Triangulation,
};
use crate::tui::forms::act::ActForm;
use crate::tui::forms::feedback::FeedbackForm;
use crate::tui::forms::feedback_filter::FeedbackFilterForm;
use crate::tui::forms::objective::ObjectiveForm;
use crate::tui::forms::reflection::{ReflectionForm, capitalise};
use crate::tui::{Action, App, Form, Screen};

/// How the Feedback screen is showing the inbox.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FeedbackView {
    /// The selected row of the inbox as filtered.
    pub selected: usize,
    pub filter: FeedbackFilter,
    /// On narrow screens the lower pane shows triangulation instead of the preview.
    pub show_triangulation: bool,
    /// Feedback waiting for a new objective to be saved, to be linked to it.
    pub pending_link: Option<PendingLink>,
}

/// "Link this feedback to the objective being written", kept until it is saved.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingLink {
    pub feedback: Id,
    pub objective: Id,
    /// What the learner wrote they did, recorded with the link.
    pub note: String,
}

impl App {
    pub(in crate::tui) fn feedback_action(&mut self, action: Action) {
        match action {
            Action::Open => self.open_reader(),
            Action::New => self.new_feedback(),
            Action::Edit => self.edit_selected_feedback(),
            Action::Delete => {
                if let Some(id) = self.selected_feedback().map(|f| f.id.clone()) {
                    self.trash_record(&id);
                }
            }
            Action::Reflect => self.reflect_on_selected(),
            Action::Act => self.act_on_selected(),
            Action::Archive => self.archive_or_reopen_selected(),
            Action::Filter => {
                self.layers.form = Some(Form::FeedbackFilter(Box::new(FeedbackFilterForm::new(
                    &self.screens.feedback.filter,
                ))));
            }
            Action::Triangulation => {
                self.screens.feedback.show_triangulation =
                    !self.screens.feedback.show_triangulation;
            }
            _ => {}
        }
    }

    /// Positions in `records.feedback` that the filter lets through, in order.
    pub fn visible_feedback(&self) -> Vec<usize> {
        self.screens
            .feedback
            .filter
            .apply(&self.model.records.feedback)
    }

    pub fn selected_feedback(&self) -> Option<&Feedback> {
        let visible = self.visible_feedback();
        visible
            .get(self.selected(Screen::Feedback))
            .and_then(|i| self.model.records.feedback.get(*i))
    }

    /// The review period feedback is counted over: since the last review.
    pub fn review_period(&self) -> ReviewPeriod {
        ReviewPeriod::current(
            &self.model.records.reviews,
            self.model.header.settings.review_interval_days,
            self.today,
        )
    }

    pub fn triangulation(&self) -> Triangulation {
        Triangulation::count(&self.model.records.feedback, self.review_period())
    }

    pub(in crate::tui) fn find_feedback(&self, id: &Id) -> Option<&Feedback> {
        self.model.records.feedback.iter().find(|f| &f.id == id)
    }

    /// Opens a blank feedback form.
    pub fn new_feedback(&mut self) {
        if !self.writable() {
            return;
        }
        let form = FeedbackForm::blank(
            self.today,
            self.now,
            &self.model.records,
            self.criteria.as_ref(),
        );
        self.layers.form = Some(Form::Feedback(Box::new(form)));
    }

    fn edit_selected_feedback(&mut self) {
        let Some(f) = self.selected_feedback().cloned() else {
            self.set_status("Nothing to edit yet: press n to add feedback");
            return;
        };
        if !self.editable(&f.id, "feedback") {
            return;
        }
        self.layers.form = Some(Form::Feedback(Box::new(FeedbackForm::new(
            f,
            true,
            &self.model.records,
            self.criteria.as_ref(),
        ))));
    }

    /// The selected feedback, if it may be changed; says why not otherwise.
    fn triage_target(&mut self) -> Option<Feedback> {
        let Some(f) = self.selected_feedback().cloned() else {
            self.set_status("No feedback here: press n to add some");
            return None;
        };
        if !self.editable(&f.id, "feedback") {
            return None;
        }
        Some(f)
    }

    fn reflect_on_selected(&mut self) {
        if let Some(f) = self.triage_target() {
            self.layers.form = Some(Form::Reflection(Box::new(ReflectionForm::new(f))));
        }
    }

    fn act_on_selected(&mut self) {
        let Some(f) = self.triage_target() else {
            return;
        };
        // Refused before the form opens, so nobody ticks links in vain.
        if let Err(e) = f.act(ActionLink::Objective(Id::generate()), "", self.now) {
            self.set_error(capitalise(&e.to_string()));
            return;
        }
        self.screens.feedback.pending_link = None;
        let form = ActForm::new(
            f,
            &self.model.records,
            offers_new_objective(),
            &self.config.days(),
        );
        self.layers.form = Some(Form::Act(Box::new(form)));
    }

    fn archive_or_reopen_selected(&mut self) {
        let Some(f) = self.triage_target() else {
            return;
        };
        let (result, done) = if f.state == FeedbackState::Archived {
            (f.reopen(self.now), "Back in the inbox")
        } else {
            (f.archive(self.now), "Archived: x brings it back")
        };
        match result {
            Ok(next) => {
                let state = next.state;
                match self.save_record(AnyRecord::Feedback(next), true) {
                    Ok(_) => {
                        self.keep_selection_on(&f.id);
                        self.set_status(if state == FeedbackState::Archived {
                            done.to_string()
                        } else {
                            format!("{done} ({})", state.label())
                        });
                    }
                    Err(e) => self.set_error(e),
                }
            }
            Err(e) => self.set_error(capitalise(&e.to_string())),
        }
    }

    /// Shows the Feedback screen (a restored draft may be saved from another
    /// screen) with `id` selected if the filter still shows it; else the
    /// selection stays where it was, now on the next item, and the filter is
    /// kept (triaging the "new" ones moves each out of view in turn).
    pub(in crate::tui) fn keep_selection_on(&mut self, id: &Id) {
        self.screen = Screen::Feedback;
        let visible = self.visible_feedback();
        if let Some(pos) = visible.iter().position(|i| {
            self.model
                .records
                .feedback
                .get(*i)
                .is_some_and(|f| &f.id == id)
        }) {
            self.select(Screen::Feedback, pos);
        }
        self.clamp(Screen::Feedback);
    }

    /// Applies a filter the learner typed; returns the status line.
    pub(in crate::tui) fn apply_feedback_filter(
        &mut self,
        filter: crate::domain::FeedbackFilter,
    ) -> String {
        let id = self.selected_feedback().map(|f| f.id.clone());
        self.screens.feedback.filter = filter;
        self.select(Screen::Feedback, 0);
        if let Some(id) = id {
            self.keep_selection_on(&id);
        }
        let shown = self.visible_feedback().len();
        let total = self.model.records.feedback.len();
        if self.screens.feedback.filter.is_empty() {
            format!("Filter cleared: all {total} shown")
        } else {
            format!("{shown} of {total} shown. f changes the filter")
        }
    }

    pub(in crate::tui) fn missing_feedback_message(&self) -> String {
        if self.model.complete {
            "NOT SAVED: this feedback is no longer in the workspace (deleted?); your text is kept in a draft".into()
        } else {
            "NOT SAVED: still loading; Ctrl-S again in a moment".into()
        }
    }

    /// Shows the Feedback screen with `id` selected, clearing a filter that hides it.
    pub(in crate::tui) fn show_feedback(&mut self, id: &Id) {
        self.screen = Screen::Feedback;
        if !self
            .find_feedback(id)
            .is_some_and(|f| self.screens.feedback.filter.matches(f))
        {
            self.screens.feedback.filter = FeedbackFilter::default();
        }
        self.keep_selection_on(id);
    }

    /// Opens the plan's objective form, prefilled from `feedback`; once saved,
    /// the feedback is linked to the new objective (see `link_pending_feedback`).
    pub(in crate::tui) fn start_objective_from(&mut self, feedback: &Feedback, note: String) {
        let (form, objective) = objective_form_from_feedback(self, feedback);
        self.screens.feedback.pending_link = Some(PendingLink {
            feedback: feedback.id.clone(),
            objective,
            note,
        });
        self.layers.form = Some(form);
        self.set_status("Write the objective; when you save it, the feedback is linked to it");
    }

    /// After a form is saved: if it was the objective a feedback item asked
    /// for, links that feedback to it.
    pub(in crate::tui) fn link_pending_feedback(&mut self) {
        let Some(pending) = self.screens.feedback.pending_link.take() else {
            return;
        };
        if self.model.records.objective(&pending.objective).is_none() {
            // Not saved (yet): still waiting.
            self.screens.feedback.pending_link = Some(pending);
            return;
        }
        let objective = &pending.objective;
        let Some(current) = self.find_feedback(&pending.feedback).cloned() else {
            self.set_error("The objective is saved, but the feedback it came from is gone");
            return;
        };
        let result = current
            .act(ActionLink::Objective(objective.clone()), "", self.now)
            .map(|mut next| {
                if !pending.note.is_empty() {
                    next.action = pending.note.clone();
                }
                next
            });
        match result {
            Ok(next) => match self.save_record(AnyRecord::Feedback(next), true) {
                Ok(_) => {
                    self.set_status("Objective saved and the feedback linked to it: now actioned")
                }
                Err(e) => self.set_error(format!(
                    "The objective is saved, but linking the feedback failed: {e}"
                )),
            },
            Err(e) => self.set_error(format!(
                "The objective is saved, but the feedback was not linked: {e}"
            )),
        }
    }
}

/// Whether the act form may offer a new objective (the plan's objective form).
pub(in crate::tui) fn offers_new_objective() -> bool {
    true
}

/// The plan's objective form, prefilled from `feedback`, and the id the
/// objective will be saved under. The statement is a starting point for the
/// learner to rewrite; the relevance quotes the feedback (the golden thread).
fn objective_form_from_feedback(app: &App, feedback: &Feedback) -> (Form, Id) {
    let mut form = ObjectiveForm::prefilled(
        &format!(
            "Act on {} feedback: {}",
            feedback.source.label(),
            first_sentence(feedback.headline())
        ),
        &[],
        &app.model.records,
        app.criteria.as_ref(),
        app.now,
    );
    let mut relevance = format!(
        "{} feedback from {} on {}: \u{201c}{}\u{201d}",
        feedback.valence.title(),
        feedback.who_label(),
        app.config.format_day(feedback.date),
        feedback.text.trim()
    );
    if feedback.is_reflected() {
        relevance.push_str(&format!("\nMy reflection: {}", feedback.reflection.trim()));
    }
    if let Some(field) = form.fields.get_mut("relevance") {
        field.set_text(&relevance);
    }
    let id = form.spec.base.id.clone();
    (Form::Objective(Box::new(form)), id)
}

/// The first sentence of `text`, cut to 80 characters.
fn first_sentence(text: &str) -> String {
    let end = text
        .char_indices()
        .find(|(i, c)| matches!(c, '.' | '!' | '?') && text[i + 1..].starts_with(' '))
        .map_or(text.len(), |(i, c)| i + c.len_utf8());
    crate::tui::truncate(text[..end].trim(), 80)
}

/// The Feedback screen, behind the [`Screen`](crate::tui::screens::Screen) trait.
pub struct FeedbackScreen;

impl crate::tui::screens::Screen for FeedbackScreen {
    fn len(&self, app: &App) -> usize {
        app.visible_feedback().len()
    }
    fn ids(&self, app: &App) -> Vec<Id> {
        app.visible_feedback()
            .iter()
            .filter_map(|i| app.model.records.feedback.get(*i))
            .map(|f| f.id.clone())
            .collect()
    }
    fn selected(&self, screens: &crate::tui::screens::Screens) -> usize {
        screens.feedback.selected
    }
    fn selection<'a>(&self, screens: &'a mut crate::tui::screens::Screens) -> &'a mut usize {
        &mut screens.feedback.selected
    }
    fn update(&self, app: &mut App, action: Action) {
        app.feedback_action(action)
    }
    fn refresh(&self, app: &mut App) {
        app.refresh_feedback();
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
