//! The reflection on one feedback item: a single multi-line field, with the
//! feedback shown above it (drawn by `ui/reflection_form.rs`). Saving moves
//! new feedback to reflected.

use super::FormState;
use crate::domain::{Draft, DraftField, DraftForm, Feedback, Id};
use chrono::{DateTime, FixedOffset};
use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::{TextArea, WrapMode};

#[derive(Debug)]
pub struct ReflectionForm {
    /// The feedback as it was when the form opened (shown above the field).
    /// Saving applies the reflection to the feedback as it is then, so
    /// nothing else about it is overwritten.
    pub feedback: Feedback,
    pub text: TextArea<'static>,
    pub dirty: bool,
    pub draft_id: Id,
    /// Why the last save failed; the text stays in the form.
    pub error: Option<String>,
}

/// A multi-line text area holding `text`.
pub fn text_area(text: &str) -> TextArea<'static> {
    let lines: Vec<String> = if text.is_empty() {
        vec![String::new()]
    } else {
        text.split('\n').map(str::to_string).collect()
    };
    let mut area = TextArea::new(lines);
    area.set_wrap_mode(WrapMode::WordOrGlyph);
    area.set_cursor_line_style(ratatui::style::Style::default());
    area
}

impl ReflectionForm {
    pub fn new(feedback: Feedback) -> ReflectionForm {
        ReflectionForm {
            text: text_area(&feedback.reflection),
            feedback,
            dirty: false,
            draft_id: Id::generate(),
            error: None,
        }
    }

    /// A form holding a draft that was offered back, for `feedback` as it is now.
    pub fn from_draft(draft: &Draft, feedback: Feedback) -> ReflectionForm {
        let mut form = ReflectionForm::new(feedback);
        form.text = text_area(draft.field("reflection"));
        form.draft_id = draft.id.clone();
        form.dirty = true;
        form
    }

    pub fn reflection(&self) -> String {
        self.text.lines().join("\n")
    }

    /// `current` (the feedback as it is now) with the reflection recorded,
    /// or what is wrong.
    pub fn to_feedback(
        &self,
        current: &Feedback,
        now: DateTime<FixedOffset>,
    ) -> Result<Feedback, String> {
        current
            .reflect(&self.reflection(), now)
            .map_err(|e| capitalise(&e.to_string()))
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

impl FormState for ReflectionForm {
    fn handle_key(&mut self, key: &KeyEvent) -> bool {
        let changed = self.text.input(*key);
        if changed {
            self.dirty = true;
            self.error = None;
        }
        changed
    }

    fn next_field(&mut self, _step: isize) {}

    fn dirty(&self) -> bool {
        self.dirty
    }

    fn focused_text(&mut self) -> Option<super::FocusedText<'_>> {
        Some(super::FocusedText {
            area: &mut self.text,
            multi_line: true,
        })
    }
    fn text_changed(&mut self) {
        self.dirty = true;
        self.error = None;
    }
    fn paste(&mut self, text: &str) -> bool {
        let changed = self
            .text
            .insert_str(text.replace("\r\n", "\n").replace('\r', "\n"));
        if changed {
            self.dirty = true;
        }
        changed
    }

    fn to_draft(&self, now: DateTime<FixedOffset>) -> Option<Draft> {
        Some(Draft::of_fields(
            self.draft_id.clone(),
            now,
            Some(self.feedback.id.clone()),
            DraftForm::Reflection,
            vec![DraftField {
                name: "reflection".into(),
                text: self.reflection(),
            }],
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{FeedbackMethod, FeedbackSource, FeedbackState, Valence};
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-23T09:00:00+00:00").expect("valid")
    }

    fn feedback() -> Feedback {
        Feedback::new(
            Id::from_parts(3, [3; 10]),
            now().date_naive(),
            now(),
            FeedbackSource::Manager,
            FeedbackMethod::Observation,
            Valence::Constructive,
            "Slow down".into(),
        )
    }

    #[test]
    fn saving_reflects_on_the_feedback_as_it_is_now() {
        let mut form = ReflectionForm::new(feedback());
        let err = form.to_feedback(&feedback(), now()).expect_err("empty");
        assert!(err.starts_with("The reflection is empty"), "{err}");
        for c in "I rush".chars() {
            form.handle_key(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
        // Changed on disk meanwhile (e.g. tagged): the tag is kept.
        let mut current = feedback();
        current.tags = vec!["pace".into()];
        let next = form.to_feedback(&current, now()).expect("reflected");
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
        assert!(back.dirty);
    }
}
