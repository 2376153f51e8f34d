//! The Feedback screen's filter: one line of words (`customer negative open
//! from:1/9`) read by `domain::feedback::FeedbackFilter::parse`, drawn over
//! the inbox. Enter applies it; a word it cannot read is explained at the
//! field; Esc closes it without asking (a filter is quick to retype).

use super::field::{Field, Fields};
use super::{Advice, Engine, FieldError, Manner, Spec, Tone};
use crate::domain::FeedbackFilter;
use crate::tui::App;

/// The filter's spec.
#[derive(Debug)]
pub struct FilterSpec;

/// The open filter.
pub type FeedbackFilterForm = Engine<FilterSpec>;

impl FeedbackFilterForm {
    pub fn new(current: &FeedbackFilter) -> FeedbackFilterForm {
        let fields = Fields::new(vec![Field::line(
            "filter",
            "Filter",
            "Words to show only some feedback; empty shows all",
            &current.describe(),
        )]);
        Engine::build(FilterSpec, fields)
    }
}

impl Spec for FilterSpec {
    fn title(&self) -> String {
        "Filter the inbox".into()
    }

    fn submit(&mut self, fields: &Fields, app: &mut App) -> Result<String, FieldError> {
        let filter =
            FeedbackFilter::parse(&fields.text("filter"), app.today, app.review_period().start)
                .map_err(|m| FieldError::new("filter", m))?;
        Ok(app.apply_feedback_filter(filter))
    }

    fn advice(&self, _fields: &Fields, _app: &App) -> Option<Advice> {
        let mut advice = Advice::new("Words it knows");
        advice.text(
            Tone::Dim,
            "Words of one kind widen, of different kinds narrow:",
        );
        advice.text(
            Tone::Plain,
            "customer colleague manager mentor assessor department self",
        );
        advice.text(
            Tone::Plain,
            "positive constructive negative · new reflected actioned archived open",
        );
        advice.text(
            Tone::Plain,
            "from:1/9/2026 to:today on:DATE · period (since the last review)",
        );
        advice.text(Tone::Dim, "Any other word (hold) or #tag is looked for.");
        Some(advice)
    }

    fn manner(&self) -> Manner {
        Manner::FILTER
    }
}
