//! The form engine: the open form, whichever it is, and what every form can
//! do. `field` holds the field kinds and their keys, `picker` the tick lists;
//! each other file here is one form's spec.

pub mod act;
pub mod activity;
pub mod export;
pub mod feedback;
pub mod feedback_filter;
pub mod field;
pub mod kpi;
pub mod need;
pub mod objective;
pub mod picker;
pub mod profile;
pub mod reflection;
pub mod review;
pub mod star;

use self::act::ActForm;
use self::activity::ActivityForm;
use self::export::ExportForm;
use self::feedback_filter::FeedbackFilterForm;
use self::feedback::FeedbackForm;
use self::kpi::KpiForm;
use self::need::NeedForm;
use self::objective::ObjectiveForm;
use self::profile::ProfileForm;
use self::reflection::ReflectionForm;
use self::review::ReviewForm;
use self::star::StarForm;
use crate::domain::{CriteriaSet, Draft, DraftForm, Records};
use chrono::{DateTime, FixedOffset};
use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

/// The focused text field of a form: paste and $EDITOR work through it.
pub struct FocusedText<'a> {
    pub area: &'a mut TextArea<'static>,
    /// Holds several lines (Enter makes a newline); $EDITOR edits only these.
    pub multi_line: bool,
}

/// What the app asks of every form.
pub trait FormState {
    /// Gives a key to the focused field. Returns true when the text changed.
    fn handle_key(&mut self, key: &KeyEvent) -> bool;
    /// Moves the focus `step` fields on (negative: back), wrapping around.
    fn next_field(&mut self, step: isize);
    /// Something was typed since the form opened (Esc asks before closing).
    fn dirty(&self) -> bool;
    /// The focused text field, or `None` when the focus is not on text
    /// (a picker). Implementing this gives the form paste and Ctrl-E.
    fn focused_text(&mut self) -> Option<FocusedText<'_>> {
        None
    }
    /// Called when paste or the editor changed the focused text.
    fn text_changed(&mut self) {}
    /// Inserts pasted text into the focused field as one edit (one undo step).
    /// A single-line field gets the lines joined with spaces. Returns true
    /// when the text changed.
    fn paste(&mut self, text: &str) -> bool {
        let Some(field) = self.focused_text() else {
            return false;
        };
        let text = if field.multi_line {
            text.replace("\r\n", "\n").replace('\r', "\n")
        } else {
            text.replace("\r\n", " ").replace(['\r', '\n'], " ")
        };
        let changed = field.area.insert_str(text);
        if changed {
            self.text_changed();
        }
        changed
    }
    /// The focused field's text for $EDITOR, or why it cannot be edited there.
    fn editor_text(&mut self) -> Result<String, &'static str> {
        match self.focused_text() {
            Some(f) if f.multi_line => Ok(f.area.lines().join("\n")),
            Some(_) => {
                Err("Ctrl-E opens long text fields in your editor; this one is a single line")
            }
            None => Err("Ctrl-E works in a text field; move to one with Tab"),
        }
    }
    /// Puts the editor's text in the focused field (Ctrl-U twice brings
    /// the old text back). Returns true when the text changed.
    fn set_editor_text(&mut self, text: &str) -> bool {
        let Some(field) = self.focused_text() else {
            return false;
        };
        if field.area.lines().join("\n") == text {
            return false;
        }
        field.area.select_all();
        field.area.cut();
        field.area.insert_str(text);
        self.text_changed();
        true
    }
    /// The typed text as a draft (kept on Ctrl-C, SIGHUP and every 2 s idle),
    /// or `None` for forms that keep no drafts.
    fn to_draft(&self, _now: DateTime<FixedOffset>) -> Option<Draft> {
        None
    }
    /// True once, after a key that asks to apply a one-line form (Enter in
    /// the Feedback filter); the app then saves it as on Ctrl-S.
    fn take_submit(&mut self) -> bool {
        false
    }
}

/// An open form.
#[derive(Debug)]
pub enum Form {
    Star(Box<StarForm>),
    Profile(Box<ProfileForm>),
    Need(Box<NeedForm>),
    Objective(Box<ObjectiveForm>),
    Activity(Box<ActivityForm>),
    Feedback(Box<FeedbackForm>),
    Reflection(Box<ReflectionForm>),
    Act(Box<ActForm>),
    FeedbackFilter(Box<FeedbackFilterForm>),
    Kpi(Box<KpiForm>),
    Export(Box<ExportForm>),
    Review(Box<ReviewForm>),
}

impl Form {
    pub fn state(&self) -> &dyn FormState {
        match self {
            Form::Star(f) => f.as_ref(),
            Form::Profile(f) => f.as_ref(),
            Form::Need(f) => f.as_ref(),
            Form::Objective(f) => f.as_ref(),
            Form::Activity(f) => f.as_ref(),
            Form::Feedback(f) => f.as_ref(),
            Form::Reflection(f) => f.as_ref(),
            Form::Act(f) => f.as_ref(),
            Form::FeedbackFilter(f) => f.as_ref(),
            Form::Kpi(f) => f.as_ref(),
            Form::Export(f) => f.as_ref(),
            Form::Review(f) => f.as_ref(),
        }
    }

    pub fn state_mut(&mut self) -> &mut dyn FormState {
        match self {
            Form::Star(f) => f.as_mut(),
            Form::Profile(f) => f.as_mut(),
            Form::Need(f) => f.as_mut(),
            Form::Objective(f) => f.as_mut(),
            Form::Activity(f) => f.as_mut(),
            Form::Feedback(f) => f.as_mut(),
            Form::Reflection(f) => f.as_mut(),
            Form::Act(f) => f.as_mut(),
            Form::FeedbackFilter(f) => f.as_mut(),
            Form::Kpi(f) => f.as_mut(),
            Form::Export(f) => f.as_mut(),
            Form::Review(f) => f.as_mut(),
        }
    }

    /// Rebuilds the form a draft came from.
    pub fn from_draft(
        draft: &Draft,
        records: &Records,
        criteria: Option<&CriteriaSet>,
    ) -> Option<Form> {
        match draft.form {
            DraftForm::Star => Some(Form::Star(Box::new(StarForm::from_draft(
                draft,
                &records.objectives,
                criteria,
            )))),
            DraftForm::Need => Some(Form::Need(Box::new(NeedForm::from_draft(
                draft, records, criteria,
            )))),
            DraftForm::Objective => Some(Form::Objective(Box::new(ObjectiveForm::from_draft(
                draft, records, criteria,
            )))),
            DraftForm::Activity => Some(Form::Activity(Box::new(ActivityForm::from_draft(
                draft, records, criteria,
            )))),
            DraftForm::Feedback if !draft.field("act").is_empty() => {
                let feedback = feedback_of(draft, records)?;
                Some(Form::Act(Box::new(ActForm::from_draft(
                    draft,
                    feedback,
                    records,
                    crate::app::feedback::offers_new_objective(),
                ))))
            }
            DraftForm::Feedback => {
                let existing = draft
                    .editing
                    .as_ref()
                    .and_then(|id| records.feedback.iter().find(|f| &f.id == id));
                Some(Form::Feedback(Box::new(FeedbackForm::from_draft(
                    draft,
                    existing,
                    draft.saved_at.date_naive(),
                    criteria,
                ))))
            }
            DraftForm::Reflection => {
                let feedback = feedback_of(draft, records)?;
                Some(Form::Reflection(Box::new(ReflectionForm::from_draft(
                    draft, feedback,
                ))))
            }
            DraftForm::Kpi => Some(Form::Kpi(Box::new(KpiForm::from_draft(draft, records)))),
            DraftForm::Review => {
                ReviewForm::from_draft(draft, records, criteria).map(|f| Form::Review(Box::new(f)))
            }
        }
    }
}

/// The feedback a reflection or action draft was about: as loaded, or (still
/// loading) a stand-in with its id, so the typed text can be shown and kept;
/// saving applies to the feedback as it is by then.
fn feedback_of(draft: &Draft, records: &Records) -> Option<crate::domain::Feedback> {
    let id = draft.editing.as_ref()?;
    Some(
        records
            .feedback
            .iter()
            .find(|f| &f.id == id)
            .cloned()
            .unwrap_or_else(|| {
                crate::domain::Feedback::new(
                    id.clone(),
                    draft.saved_at.date_naive(),
                    draft.saved_at,
                    crate::domain::FeedbackSource::Customer,
                    crate::domain::FeedbackMethod::Conversation,
                    crate::domain::Valence::Positive,
                    "(the feedback is still loading)".into(),
                )
            }),
    )
}

impl FormState for StarForm {
    fn handle_key(&mut self, key: &KeyEvent) -> bool {
        StarForm::handle_key(self, key)
    }
    fn next_field(&mut self, step: isize) {
        StarForm::next_field(self, step)
    }
    fn dirty(&self) -> bool {
        self.dirty
    }
    fn focused_text(&mut self) -> Option<FocusedText<'_>> {
        StarForm::focused_text(self)
    }
    fn text_changed(&mut self) {
        self.dirty = true;
        self.save_error = None;
    }
    fn to_draft(&self, now: DateTime<FixedOffset>) -> Option<Draft> {
        Some(StarForm::to_draft(self, now))
    }
}

impl FormState for ProfileForm {
    fn handle_key(&mut self, key: &KeyEvent) -> bool {
        ProfileForm::handle_key(self, key)
    }
    fn focused_text(&mut self) -> Option<FocusedText<'_>> {
        ProfileForm::focused_text(self).map(|area| FocusedText {
            area,
            multi_line: false,
        })
    }
    fn text_changed(&mut self) {
        self.dirty = true;
        self.error = None;
    }
    fn next_field(&mut self, step: isize) {
        ProfileForm::next_field(self, step)
    }
    fn dirty(&self) -> bool {
        self.dirty
    }
}

impl FormState for ReviewForm {
    fn handle_key(&mut self, key: &KeyEvent) -> bool {
        ReviewForm::handle_key(self, key)
    }
    fn next_field(&mut self, step: isize) {
        ReviewForm::next_field(self, step)
    }
    fn dirty(&self) -> bool {
        self.dirty
    }
    fn paste(&mut self, text: &str) -> bool {
        ReviewForm::paste(self, text)
    }
    fn to_draft(&self, now: DateTime<FixedOffset>) -> Option<Draft> {
        Some(ReviewForm::to_draft(self, now))
    }
}
