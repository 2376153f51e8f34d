//! An unsaved form, kept so that typed text survives a crash, Ctrl-C or a
//! closed terminal window, and is offered back on the next start.
//!
//! The STAR form keeps its entry in `entry`; every other form keeps its
//! fields as typed in `fields` (so a date that does not parse yet is kept
//! too), and its `entry` is blank.

use super::{DiaryEntry, Id};
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub format: u32,
    /// The draft's own id (its file name), one per editing session.
    pub id: Id,
    pub saved_at: DateTime<FixedOffset>,
    /// The entry being edited, when the form was editing an existing one.
    #[serde(default)]
    pub editing: Option<Id>,
    /// The form's contents; the date field as typed, which may not parse yet.
    pub date_text: String,
    pub entry: DiaryEntry,
    /// Which form this came from (`Star` in drafts older than the other forms).
    #[serde(default)]
    pub form: DraftForm,
    /// Every other form's fields, as typed, by field name.
    #[serde(default)]
    pub fields: Vec<DraftField>,
}

/// The form a draft belongs to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum DraftForm {
    #[default]
    Star,
    Need,
    Objective,
    Activity,
    Feedback,
    /// A reflection on a feedback item.
    Reflection,
    Review,
    Kpi,
    /// A witness statement being written down.
    Witness,
    /// A practice record (professionalism, a skill, a barrier...).
    Practice,
    /// A file being attached as evidence (its path and what it is).
    Attach,
    /// A coaching session, or (with a field `impact`) its impact.
    Coaching,
}

/// One field of a form, as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftField {
    pub name: String,
    pub text: String,
}

impl Draft {
    /// A draft of a form other than the STAR form.
    pub fn of_fields(
        id: Id,
        saved_at: DateTime<FixedOffset>,
        editing: Option<Id>,
        form: DraftForm,
        fields: Vec<DraftField>,
    ) -> Draft {
        let blank = DiaryEntry::new(id.clone(), saved_at.date_naive(), saved_at);
        Draft {
            format: super::FORMAT,
            id,
            saved_at,
            editing,
            date_text: String::new(),
            entry: blank,
            form,
            fields,
        }
    }

    /// What the draft is about: the diary entry's first words, or the main
    /// field of another form's draft ("" when nothing was typed in it).
    pub fn headline(&self) -> &str {
        let main = [
            "statement",
            "area",
            "title",
            "description",
            "text",
            "reflection",
            "note",
            "situation",
            // A witness statement: what they saw, else who saw it.
            "observed",
            "witness",
            // A practice record's first answer.
            "first",
            // A coaching session, and its impact.
            "coachee",
            "reaction",
            "learning",
            // A KPI reading, a file to attach.
            "metric",
            "path",
        ]
        .iter()
        .map(|name| self.field(name).trim())
        .find(|t| !t.is_empty());
        match (main, self.form) {
            (Some(words), _) => words,
            (None, DraftForm::Star) => self.entry.headline(),
            // Another form's draft is not a diary entry: its blank entry's
            // "(empty entry)" would name the wrong thing.
            (None, _) => "",
        }
    }

    /// The text of a named field (empty when the draft has none).
    pub fn field(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|f| f.name == name)
            .map_or("", |f| f.text.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn draft(form: DraftForm, fields: &[(&str, &str)]) -> Draft {
        let at = FixedOffset::east_opt(0)
            .and_then(|z| z.with_ymd_and_hms(2026, 11, 29, 9, 0, 0).single())
            .expect("a valid time");
        Draft::of_fields(
            Id::from_parts(1_796_000_000_000, [7; 10]),
            at,
            None,
            form,
            fields
                .iter()
                .map(|(name, text)| DraftField {
                    name: name.to_string(),
                    text: text.to_string(),
                })
                .collect(),
        )
    }

    #[test]
    fn a_witness_draft_is_named_by_what_the_witness_saw() {
        let d = draft(
            DraftForm::Witness,
            &[
                ("witness", "Jo Bloggs"),
                ("observed", "Calmed an angry caller"),
            ],
        );
        assert_eq!(d.headline(), "Calmed an angry caller");
        let only_name = draft(DraftForm::Witness, &[("witness", "Jo Bloggs")]);
        assert_eq!(only_name.headline(), "Jo Bloggs");
    }

    #[test]
    fn an_untouched_form_draft_has_no_words_rather_than_an_empty_entry() {
        let d = draft(DraftForm::Witness, &[("date", "2026-11-29")]);
        assert_eq!(d.headline(), "");
        let practice = draft(DraftForm::Practice, &[("first", "Kept to the script")]);
        assert_eq!(practice.headline(), "Kept to the script");
    }
}
