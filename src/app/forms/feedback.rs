//! The feedback form: when, from whom, how, what they said and how it
//! landed. Drawn by `ui/feedback_form.rs`. Triage (reflection, action,
//! archiving) has its own keys and forms; editing here keeps it as it was.

use super::FormState;
use super::picker::Picker;
use super::picker::criteria_options;
use super::reflection::text_area;
use crate::domain::{
    self, CriteriaSet, Draft, DraftField, DraftForm, Feedback, FeedbackMethod, FeedbackSource, Id,
    Valence, dates,
};
use chrono::{DateTime, FixedOffset, NaiveDate};
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;

/// The form's fields in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedbackField {
    Date,
    Source,
    Method,
    Who,
    Role,
    Text,
    Valence,
    Tags,
    Criteria,
}

impl FeedbackField {
    pub const ALL: [FeedbackField; 9] = [
        FeedbackField::Date,
        FeedbackField::Source,
        FeedbackField::Method,
        FeedbackField::Who,
        FeedbackField::Role,
        FeedbackField::Text,
        FeedbackField::Valence,
        FeedbackField::Tags,
        FeedbackField::Criteria,
    ];

    pub fn label(self) -> &'static str {
        match self {
            FeedbackField::Date => "Date",
            FeedbackField::Source => "Source",
            FeedbackField::Method => "Method",
            FeedbackField::Who => "Who",
            FeedbackField::Role => "Their role",
            FeedbackField::Text => "What they said",
            FeedbackField::Valence => "Valence",
            FeedbackField::Tags => "Tags",
            FeedbackField::Criteria => "Criteria",
        }
    }

    /// The name a draft keeps the field under.
    fn name(self) -> &'static str {
        match self {
            FeedbackField::Date => "date",
            FeedbackField::Source => "source",
            FeedbackField::Method => "method",
            FeedbackField::Who => "who",
            FeedbackField::Role => "role",
            FeedbackField::Text => "text",
            FeedbackField::Valence => "valence",
            FeedbackField::Tags => "tags",
            FeedbackField::Criteria => "criteria",
        }
    }

    /// The question shown above the field.
    pub fn hint(self) -> &'static str {
        match self {
            FeedbackField::Date => {
                "When was it given? 2026-11-22, 22/11/2026, today, yesterday, -2d"
            }
            FeedbackField::Source => "Who was it from? Space or ←/→ to choose, or type a letter",
            FeedbackField::Method => "How did it reach you? Space or ←/→ to choose",
            FeedbackField::Who => "Their name; leave empty for anonymous feedback",
            FeedbackField::Role => "Their role, e.g. team leader, post-call survey",
            FeedbackField::Text => "What did they say? Their words as closely as you can",
            FeedbackField::Valence => {
                "Praise (positive), a suggestion (constructive) or criticism (negative)?"
            }
            FeedbackField::Tags => "Words to find it by, separated by commas: billing, hold",
            FeedbackField::Criteria => {
                "Which assessment criteria is it evidence for? ↑/↓ move, Space ticks"
            }
        }
    }

    /// Chosen or ticked rather than typed (nothing to paste into).
    fn is_choice(self) -> bool {
        matches!(
            self,
            FeedbackField::Source
                | FeedbackField::Method
                | FeedbackField::Valence
                | FeedbackField::Criteria
        )
    }
}

#[derive(Debug)]
pub struct FeedbackForm {
    /// The feedback before editing (or a blank new one): keeps the id, the
    /// creation time and the triage.
    pub base: Feedback,
    pub editing: bool,
    pub date: TextArea<'static>,
    pub source: usize,
    pub method: usize,
    pub who: TextArea<'static>,
    pub role: TextArea<'static>,
    pub text: TextArea<'static>,
    pub valence: usize,
    pub tags: TextArea<'static>,
    pub criteria: Picker,
    pub focus: FeedbackField,
    pub dirty: bool,
    pub draft_id: Id,
    /// Why the last save failed, and at which field; the text stays in the form.
    pub error: Option<(FeedbackField, String)>,
}

fn line(text: &str) -> TextArea<'static> {
    let mut area = TextArea::new(vec![text.replace('\n', " ")]);
    area.set_cursor_line_style(ratatui::style::Style::default());
    area.move_cursor(ratatui_textarea::CursorMove::End);
    area
}

fn position<T: PartialEq>(all: &[T], value: &T) -> usize {
    all.iter().position(|v| v == value).unwrap_or(0)
}

impl FeedbackForm {
    /// A form for `feedback`; `editing` when it already exists on disk.
    pub fn new(feedback: Feedback, editing: bool, criteria: Option<&CriteriaSet>) -> FeedbackForm {
        FeedbackForm {
            criteria: Picker::new(criteria_options(criteria), &feedback.criteria, false),
            date: line(&feedback.date.format("%Y-%m-%d").to_string()),
            source: position(&FeedbackSource::ALL, &feedback.source),
            method: position(&FeedbackMethod::ALL, &feedback.method),
            who: line(&feedback.who),
            role: line(&feedback.role),
            text: text_area(&feedback.text),
            valence: position(&Valence::ALL, &feedback.valence),
            tags: line(&feedback.tags.join(", ")),
            focus: if editing {
                FeedbackField::Text
            } else {
                FeedbackField::Source
            },
            dirty: false,
            draft_id: Id::generate(),
            error: None,
            editing,
            base: feedback,
        }
    }

    /// A blank form for feedback received today.
    pub fn blank(
        today: NaiveDate,
        now: DateTime<FixedOffset>,
        criteria: Option<&CriteriaSet>,
    ) -> FeedbackForm {
        let feedback = Feedback::new(
            Id::generate(),
            today,
            now,
            FeedbackSource::Customer,
            FeedbackMethod::Conversation,
            Valence::Positive,
            String::new(),
        );
        FeedbackForm::new(feedback, false, criteria)
    }

    /// A form holding a draft that was offered back; `existing` is the
    /// feedback it was editing, if that is still there.
    pub fn from_draft(
        draft: &Draft,
        existing: Option<&Feedback>,
        today: NaiveDate,
        criteria: Option<&CriteriaSet>,
    ) -> FeedbackForm {
        let mut form = match (existing, &draft.editing) {
            (Some(f), _) => FeedbackForm::new(f.clone(), true, criteria),
            (None, Some(id)) => {
                // Not loaded yet (or deleted): saving applies the fields to
                // the feedback with this id as it is then.
                let mut form = FeedbackForm::blank(today, draft.saved_at, criteria);
                form.base.id = id.clone();
                form.editing = true;
                form
            }
            (None, None) => FeedbackForm::blank(today, draft.saved_at, criteria),
        };
        form.date = line(draft.field("date"));
        form.who = line(draft.field("who"));
        form.role = line(draft.field("role"));
        form.text = text_area(draft.field("text"));
        form.tags = line(draft.field("tags"));
        let ticked: Vec<String> = draft
            .field("criteria")
            .lines()
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect();
        form.criteria = Picker::new(form.criteria.options.clone(), &ticked, false);
        if let Some(s) = FeedbackSource::ALL
            .iter()
            .position(|s| s.label() == draft.field("source"))
        {
            form.source = s;
        }
        if let Some(m) = FeedbackMethod::ALL
            .iter()
            .position(|m| m.label() == draft.field("method"))
        {
            form.method = m;
        }
        if let Some(v) = Valence::ALL
            .iter()
            .position(|v| v.label() == draft.field("valence"))
        {
            form.valence = v;
        }
        form.draft_id = draft.id.clone();
        form.dirty = true;
        form
    }

    pub fn source(&self) -> FeedbackSource {
        FeedbackSource::ALL[self.source.min(FeedbackSource::ALL.len() - 1)]
    }

    pub fn method(&self) -> FeedbackMethod {
        FeedbackMethod::ALL[self.method.min(FeedbackMethod::ALL.len() - 1)]
    }

    pub fn valence(&self) -> Valence {
        Valence::ALL[self.valence.min(Valence::ALL.len() - 1)]
    }

    /// A field's value as text (a choice's label).
    pub fn value(&self, field: FeedbackField) -> String {
        match field {
            FeedbackField::Date => self.date.lines().join(" ").trim().to_string(),
            FeedbackField::Source => self.source().label().to_string(),
            FeedbackField::Method => self.method().label().to_string(),
            FeedbackField::Who => self.who.lines().join(" ").trim().to_string(),
            FeedbackField::Role => self.role.lines().join(" ").trim().to_string(),
            FeedbackField::Text => self.text.lines().join("\n").trim_end().to_string(),
            FeedbackField::Valence => self.valence().label().to_string(),
            FeedbackField::Tags => self.tags.lines().join(" "),
            FeedbackField::Criteria => self.criteria.selected().join("\n"),
        }
    }

    pub fn text_area(&self, field: FeedbackField) -> Option<&TextArea<'static>> {
        match field {
            FeedbackField::Date => Some(&self.date),
            FeedbackField::Who => Some(&self.who),
            FeedbackField::Role => Some(&self.role),
            FeedbackField::Text => Some(&self.text),
            FeedbackField::Tags => Some(&self.tags),
            _ => None,
        }
    }

    fn text_area_mut(&mut self, field: FeedbackField) -> Option<&mut TextArea<'static>> {
        match field {
            FeedbackField::Date => Some(&mut self.date),
            FeedbackField::Who => Some(&mut self.who),
            FeedbackField::Role => Some(&mut self.role),
            FeedbackField::Text => Some(&mut self.text),
            FeedbackField::Tags => Some(&mut self.tags),
            _ => None,
        }
    }

    /// The labels of a choice field's options, and which is chosen.
    pub fn choice(&self, field: FeedbackField) -> Option<(Vec<&'static str>, usize)> {
        match field {
            FeedbackField::Source => Some((
                FeedbackSource::ALL.iter().map(|s| s.label()).collect(),
                self.source,
            )),
            FeedbackField::Method => Some((
                FeedbackMethod::ALL.iter().map(|m| m.label()).collect(),
                self.method,
            )),
            FeedbackField::Valence => Some((
                Valence::ALL.iter().map(|v| v.label()).collect(),
                self.valence,
            )),
            _ => None,
        }
    }

    fn choice_mut(&mut self, field: FeedbackField) -> Option<(&mut usize, Vec<&'static str>)> {
        match field {
            FeedbackField::Source => Some((
                &mut self.source,
                FeedbackSource::ALL.iter().map(|s| s.label()).collect(),
            )),
            FeedbackField::Method => Some((
                &mut self.method,
                FeedbackMethod::ALL.iter().map(|m| m.label()).collect(),
            )),
            FeedbackField::Valence => Some((
                &mut self.valence,
                Valence::ALL.iter().map(|v| v.label()).collect(),
            )),
            _ => None,
        }
    }

    /// The date typed, or what is wrong with it.
    pub fn parsed_date(&self, today: NaiveDate) -> Result<NaiveDate, String> {
        dates::parse_natural_day(&self.value(FeedbackField::Date), today)
    }

    /// The feedback to save, or the field to fix and why.
    pub fn to_feedback(
        &self,
        today: NaiveDate,
        now: DateTime<FixedOffset>,
    ) -> Result<Feedback, (FeedbackField, String)> {
        self.apply_to(&self.base, today, now)
    }

    /// The form's fields written over `current` (the feedback as it is now,
    /// so its triage is kept), or the field to fix and why.
    pub fn apply_to(
        &self,
        current: &Feedback,
        today: NaiveDate,
        now: DateTime<FixedOffset>,
    ) -> Result<Feedback, (FeedbackField, String)> {
        let date = self
            .parsed_date(today)
            .map_err(|e| (FeedbackField::Date, format!("Date: {e}")))?;
        let text = self.value(FeedbackField::Text);
        if text.trim().is_empty() {
            return Err((
                FeedbackField::Text,
                "What they said: write down the feedback before saving".into(),
            ));
        }
        let mut f = current.clone();
        f.date = date;
        f.source = self.source();
        f.method = self.method();
        f.who = self.value(FeedbackField::Who);
        f.role = self.value(FeedbackField::Role);
        f.text = text;
        f.valence = self.valence();
        f.tags = domain::clean_tags(&[self.value(FeedbackField::Tags)]);
        f.criteria = self.criteria.selected();
        f.updated = now;
        if !self.editing {
            f.created = now;
        }
        Ok(f)
    }
}

impl FormState for FeedbackForm {
    fn handle_key(&mut self, key: &KeyEvent) -> bool {
        let field = self.focus;
        let changed = if let Some((index, options)) = self.choice_mut(field) {
            let n = options.len();
            match key.code {
                KeyCode::Enter => {
                    self.next_field(1);
                    return false;
                }
                KeyCode::Char(' ') | KeyCode::Right | KeyCode::Char('l') => {
                    *index = (*index + 1) % n;
                    true
                }
                KeyCode::Left | KeyCode::Char('h') => {
                    *index = (*index + n - 1) % n;
                    true
                }
                KeyCode::Char(c) => {
                    // A letter jumps to the next option starting with it.
                    let c = c.to_ascii_lowercase();
                    let found = (1..=n)
                        .map(|k| (*index + k) % n)
                        .find(|i| options[*i].starts_with(c));
                    match found {
                        Some(i) if i != *index => {
                            *index = i;
                            true
                        }
                        _ => false,
                    }
                }
                _ => false,
            }
        } else if field == FeedbackField::Criteria {
            self.criteria.handle_key(key)
        } else {
            if key.code == KeyCode::Enter && field != FeedbackField::Text {
                self.next_field(1);
                return false;
            }
            match self.text_area_mut(field) {
                Some(area) => area.input(*key),
                None => false,
            }
        };
        if changed {
            self.dirty = true;
            self.error = None;
        }
        changed
    }

    fn next_field(&mut self, step: isize) {
        let all = FeedbackField::ALL;
        let i = position(&all, &self.focus) as isize;
        self.focus = all[((i + step).rem_euclid(all.len() as isize)) as usize];
    }

    fn dirty(&self) -> bool {
        self.dirty
    }

    fn focused_text(&mut self) -> Option<super::FocusedText<'_>> {
        let field = self.focus;
        if field.is_choice() {
            return None;
        }
        let multi_line = field == FeedbackField::Text;
        self.text_area_mut(field)
            .map(|area| super::FocusedText { area, multi_line })
    }
    fn text_changed(&mut self) {
        self.dirty = true;
        self.error = None;
    }
    fn paste(&mut self, text: &str) -> bool {
        let field = self.focus;
        if field.is_choice() {
            return false;
        }
        let text = if field == FeedbackField::Text {
            text.replace("\r\n", "\n").replace('\r', "\n")
        } else {
            text.replace(['\r', '\n'], " ")
        };
        let changed = self
            .text_area_mut(field)
            .is_some_and(|a| a.insert_str(text));
        if changed {
            self.dirty = true;
        }
        changed
    }

    fn to_draft(&self, now: DateTime<FixedOffset>) -> Option<Draft> {
        Some(Draft::of_fields(
            self.draft_id.clone(),
            now,
            self.editing.then(|| self.base.id.clone()),
            DraftForm::Feedback,
            FeedbackField::ALL
                .iter()
                .map(|f| DraftField {
                    name: f.name().into(),
                    text: self.value(*f),
                })
                .collect(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyModifiers;

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-23T09:00:00+00:00").expect("valid")
    }

    fn today() -> NaiveDate {
        now().date_naive()
    }

    fn press(form: &mut FeedbackForm, code: KeyCode) {
        form.handle_key(&KeyEvent::new(code, KeyModifiers::NONE));
    }

    fn type_text(form: &mut FeedbackForm, text: &str) {
        for c in text.chars() {
            press(form, KeyCode::Char(c));
        }
    }

    #[test]
    fn a_typed_form_becomes_new_feedback() {
        let mut form = FeedbackForm::blank(today(), now(), None);
        assert_eq!(
            form.focus,
            FeedbackField::Source,
            "the date defaults to today"
        );
        type_text(&mut form, "m"); // manager
        form.next_field(1);
        type_text(&mut form, "o"); // observation
        form.next_field(1);
        type_text(&mut form, "Gareth");
        press(&mut form, KeyCode::Enter); // to the role
        type_text(&mut form, "team leader");
        form.next_field(1);
        type_text(&mut form, "Too quick to the solution.");
        press(&mut form, KeyCode::Enter);
        type_text(&mut form, "Let them finish.");
        form.next_field(1);
        press(&mut form, KeyCode::Right); // constructive
        form.next_field(1);
        type_text(&mut form, "#HEAT, complaints");
        let f = form.to_feedback(today(), now()).expect("valid");
        assert_eq!(f.source, FeedbackSource::Manager);
        assert_eq!(f.method, FeedbackMethod::Observation);
        assert_eq!(f.who_label(), "Gareth (team leader)");
        assert_eq!(f.text, "Too quick to the solution.\nLet them finish.");
        assert_eq!(f.valence, Valence::Constructive);
        assert_eq!(f.tags, ["HEAT", "complaints"]);
        assert_eq!(f.state, crate::domain::FeedbackState::New);
        assert!(form.dirty);
    }

    #[test]
    fn a_bad_date_or_empty_text_names_the_field() {
        let mut form = FeedbackForm::blank(today(), now(), None);
        let (field, msg) = form.to_feedback(today(), now()).expect_err("no text");
        assert_eq!(field, FeedbackField::Text);
        assert!(msg.starts_with("What they said:"), "{msg}");
        form.focus = FeedbackField::Text;
        type_text(&mut form, "Nice.");
        form.date = line("31/02/2026");
        let (field, msg) = form.to_feedback(today(), now()).expect_err("no such day");
        assert_eq!(field, FeedbackField::Date);
        assert!(
            msg.starts_with("Date: `31/02/2026` is not a real date"),
            "{msg}"
        );
    }

    #[test]
    fn editing_keeps_the_triage_and_a_draft_brings_back_every_field() {
        let mut f = FeedbackForm::blank(today(), now(), None).base.clone();
        f.text = "Hold music too loud".into();
        f.valence = Valence::Negative;
        f = f
            .reflect("Not mine to fix, but I can warn people.", now())
            .expect("reflect");
        let mut form = FeedbackForm::new(f.clone(), true, None);
        type_text(&mut form, " and long");
        let saved = form.to_feedback(today(), now()).expect("valid");
        assert_eq!(saved.reflection, f.reflection);
        assert_eq!(saved.state, f.state);
        assert_eq!(saved.created, f.created);

        let draft = form.to_draft(now()).expect("draft");
        assert_eq!(draft.editing, Some(f.id.clone()));
        let back = FeedbackForm::from_draft(&draft, Some(&f), today(), None);
        assert_eq!(
            back.to_feedback(today(), now()),
            form.to_feedback(today(), now())
        );
        assert!(back.editing);
    }

    #[test]
    fn criteria_are_ticked_saved_and_kept_in_drafts() {
        let set = crate::domain::testkit::unit();
        let mut form = FeedbackForm::blank(today(), now(), Some(&set));
        form.focus = FeedbackField::Text;
        type_text(&mut form, "Good call.");
        form.focus = FeedbackField::Criteria;
        press(&mut form, KeyCode::Char(' '));
        let first = form.criteria.options[0].value.clone();
        let f = form.to_feedback(today(), now()).expect("valid");
        assert_eq!(f.criteria, std::slice::from_ref(&first));
        assert!(
            !form.paste("nothing to paste into"),
            "a tick list takes no text"
        );
        let draft = form.to_draft(now()).expect("draft");
        let back = FeedbackForm::from_draft(&draft, None, today(), Some(&set));
        assert_eq!(back.criteria.selected(), [first]);
    }
}
