//! The reflection on one feedback item: a single multi-line field, with the
//! feedback quoted beside it. Saving moves new feedback to reflected.

use super::field::{Field, Fields};
use super::{Advice, Engine, FieldError, RecordForm, Spec, Tone};
use crate::domain::dates::Days;
use crate::domain::{AnyRecord, Draft, DraftForm, Feedback};
use crate::tui::App;
use chrono::{DateTime, FixedOffset};

/// The question above the reflection (What? So what? Now what?).
pub const PROMPT: &str =
    "What does this tell you about your work? Why did it happen, and what will you do differently?";

/// The reflection form's spec.
#[derive(Debug)]
pub struct ReflectionSpec {
    /// The feedback as it was when the form opened (quoted beside the
    /// field). Saving applies the reflection to the feedback as it is then,
    /// so nothing else about it is overwritten.
    pub feedback: Feedback,
}

/// The open reflection form.
pub type ReflectionForm = Engine<ReflectionSpec>;

impl ReflectionForm {
    pub fn new(feedback: Feedback) -> ReflectionForm {
        let fields = Fields::new(vec![Field::text(
            "reflection",
            "My reflection",
            PROMPT,
            &feedback.reflection,
        )]);
        Engine::build(ReflectionSpec { feedback }, fields)
    }

    /// A form holding a draft that was offered back, for `feedback` as it is now.
    pub fn from_draft(draft: &Draft, feedback: Feedback) -> ReflectionForm {
        let mut form = ReflectionForm::new(feedback);
        form.restore(draft);
        form
    }

    pub fn reflection(&self) -> String {
        self.fields.text("reflection")
    }
}

impl ReflectionSpec {
    /// `current` (the feedback as it is now) with the reflection recorded,
    /// or what is wrong.
    pub fn to_feedback(
        &self,
        fields: &Fields,
        current: &Feedback,
        now: DateTime<FixedOffset>,
    ) -> Result<Feedback, FieldError> {
        current
            .reflect(&fields.text("reflection"), now)
            .map_err(|e| FieldError::new("reflection", capitalise(&e.to_string())))
    }
}

/// The feedback quoted beside a triage form: when, from whom, their words.
pub fn quote(feedback: &Feedback, days: &Days) -> Advice {
    let mut advice = Advice::new("The feedback");
    advice.text(
        Tone::Dim,
        format!("{} · {}", days.day(feedback.date), feedback.who_label()),
    );
    for line in feedback.text.lines() {
        advice.text(Tone::Plain, format!("\u{201c}{line}\u{201d}"));
    }
    advice
}

impl Spec for ReflectionSpec {
    fn record(&self) -> Option<RecordForm> {
        Some(RecordForm::on_feedback(
            DraftForm::Reflection,
            "Reflect on",
            &self.feedback,
        ))
    }

    fn submit(&mut self, fields: &Fields, app: &mut App) -> Result<String, FieldError> {
        let Some(current) = app.find_feedback(&self.feedback.id).cloned() else {
            return Err(FieldError::new("", app.missing_feedback_message()));
        };
        let next = self.to_feedback(fields, &current, app.now)?;
        let id = next.id.clone();
        let moved = current.state != next.state;
        app.save_record(AnyRecord::Feedback(next), true)
            .map_err(|m| FieldError::new("", m))?;
        app.keep_selection_on(&id);
        Ok(if moved {
            "Reflection saved: now reflected. a links it to what you did".into()
        } else {
            "Reflection saved".into()
        })
    }

    fn advice(&self, _fields: &Fields, app: &App) -> Option<Advice> {
        Some(quote(&self.feedback, &app.config.days()))
    }
}

/// "the reflection is empty" -> "The reflection is empty".
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{FeedbackMethod, FeedbackSource, FeedbackState, Valence};
    use crate::tui::forms::FormState;
    use crate::tui::forms::testkit;
    use crate::tui::forms::testkit::now;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn feedback() -> Feedback {
        let (source, method) = (FeedbackSource::Manager, FeedbackMethod::Observation);
        testkit::feedback(source, method, Valence::Constructive, "Slow down")
    }

    #[test]
    fn saving_reflects_on_the_feedback_as_it_is_now() {
        let mut form = ReflectionForm::new(feedback());
        let err = form
            .spec
            .to_feedback(&form.fields, &feedback(), now())
            .expect_err("empty");
        assert!(
            err.message.starts_with("The reflection is empty"),
            "{err:?}"
        );
        assert_eq!(err.field, "reflection");
        for c in "I rush".chars() {
            form.handle_key(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
        // Changed on disk meanwhile (e.g. tagged): the tag is kept.
        let mut current = feedback();
        current.tags = vec!["pace".into()];
        let next = form
            .spec
            .to_feedback(&form.fields, &current, now())
            .expect("reflected");
        assert_eq!(next.state, FeedbackState::Reflected);
        assert_eq!(next.reflection, "I rush");
        assert_eq!(next.tags, ["pace"]);
    }

    #[test]
    fn a_draft_keeps_the_typed_reflection_for_that_feedback() {
        let mut form = ReflectionForm::new(feedback());
        form.paste("Line one\r\nline two");
        let draft = form.to_draft(now()).expect("draft");
        assert_eq!(draft.form, DraftForm::Reflection);
        assert_eq!(draft.editing, Some(feedback().id));
        let back = ReflectionForm::from_draft(&draft, feedback());
        assert_eq!(back.reflection(), "Line one\nline two");
        assert!(back.dirty());
    }
}
