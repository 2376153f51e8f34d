//! The open form, whichever it is, and what every form can do.
//!
//! A new form: its own file implementing `FormState`, a variant here, and an
//! arm in each `match` below (and in `ui::view` for drawing, and in
//! `App::save_form` for saving).

use super::activity_form::ActivityForm;
use super::need_form::NeedForm;
use super::objective_form::ObjectiveForm;
use super::profile_form::ProfileForm;
use super::star_form::StarForm;
use crate::domain::{CriteriaSet, Draft, DraftForm, Records};
use chrono::{DateTime, FixedOffset};
use ratatui::crossterm::event::KeyEvent;

/// What the app asks of every form.
pub trait FormState {
    /// Gives a key to the focused field. Returns true when the text changed.
    fn handle_key(&mut self, key: &KeyEvent) -> bool;
    /// Moves the focus `step` fields on (negative: back), wrapping around.
    fn next_field(&mut self, step: isize);
    /// Something was typed since the form opened (Esc asks before closing).
    fn dirty(&self) -> bool;
    /// Inserts pasted text into the focused field. Returns true when it changed.
    fn paste(&mut self, _text: &str) -> bool {
        false
    }
    /// The typed text as a draft (kept on Ctrl-C, SIGHUP and every 2 s idle),
    /// or `None` for forms that keep no drafts.
    fn to_draft(&self, _now: DateTime<FixedOffset>) -> Option<Draft> {
        None
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
}

impl Form {
    pub fn state(&self) -> &dyn FormState {
        match self {
            Form::Star(f) => f.as_ref(),
            Form::Profile(f) => f.as_ref(),
            Form::Need(f) => f.as_ref(),
            Form::Objective(f) => f.as_ref(),
            Form::Activity(f) => f.as_ref(),
        }
    }

    pub fn state_mut(&mut self) -> &mut dyn FormState {
        match self {
            Form::Star(f) => f.as_mut(),
            Form::Profile(f) => f.as_mut(),
            Form::Need(f) => f.as_mut(),
            Form::Objective(f) => f.as_mut(),
            Form::Activity(f) => f.as_mut(),
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
            _ => None,
        }
    }
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
    fn paste(&mut self, text: &str) -> bool {
        StarForm::paste(self, text)
    }
    fn to_draft(&self, now: DateTime<FixedOffset>) -> Option<Draft> {
        Some(StarForm::to_draft(self, now))
    }
}

impl FormState for ProfileForm {
    fn handle_key(&mut self, key: &KeyEvent) -> bool {
        ProfileForm::handle_key(self, key)
    }
    fn next_field(&mut self, step: isize) {
        ProfileForm::next_field(self, step)
    }
    fn dirty(&self) -> bool {
        self.dirty
    }
}
