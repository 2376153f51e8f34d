//! The feedback form: when, from whom, how, what they said and how it
//! landed. Triage (reflection, action, archiving) has its own keys and
//! forms; editing here keeps it as it was. The valence follows the method
//! (a complaint is negative) until the learner picks one.

use super::field::{Field, Fields};
use super::picker::activity_options;
use super::{Advice, Engine, FieldError, RecordForm, Spec, Tone};
use crate::domain::{
    self, AnyRecord, CriteriaSet, Draft, DraftForm, Feedback, FeedbackMethod, FeedbackSource, Id,
    Records, Valence,
};
use crate::tui::App;
use chrono::{DateTime, FixedOffset, NaiveDate};

/// The feedback form's spec.
#[derive(Debug)]
pub struct FeedbackSpec {
    /// The feedback before editing (or a blank new one): keeps the id, the
    /// creation time and the triage.
    pub base: Feedback,
    pub editing: bool,
    /// The learner chose the valence: it no longer follows the method.
    valence_chosen: bool,
    /// The method and valence as the spec last saw them.
    seen: (usize, usize),
}

/// The open feedback form.
pub type FeedbackForm = Engine<FeedbackSpec>;

fn position<T: PartialEq>(all: &[T], value: &T) -> usize {
    all.iter().position(|v| v == value).unwrap_or(0)
}

fn labels<T: Copy>(all: &[T], label: impl Fn(T) -> &'static str) -> Vec<String> {
    all.iter().map(|v| label(*v).to_string()).collect()
}

/// The valence a method suggests: a complaint is negative, anything else
/// starts positive.
fn valence_for(method: FeedbackMethod) -> Valence {
    match method {
        FeedbackMethod::Complaint => Valence::Negative,
        _ => Valence::Positive,
    }
}

impl FeedbackForm {
    /// A form for `feedback`; `editing` when it already exists on disk.
    pub fn new(
        feedback: Feedback,
        editing: bool,
        records: &Records,
        criteria: Option<&CriteriaSet>,
    ) -> FeedbackForm {
        let f = &feedback;
        let about: Vec<String> = f.activity.iter().map(|id| id.to_string()).collect();
        let mut fields = Fields::new(vec![
            Field::date(
                "date",
                "Date",
                "When was it given? 22/11/2026, 22 Nov 2026, today, yesterday, -2d",
                f.date,
            ),
            Field::choice(
                "source",
                "Source",
                "Who was it from?",
                labels(&FeedbackSource::ALL, FeedbackSource::label),
                position(&FeedbackSource::ALL, &f.source),
            ),
            Field::choice(
                "method",
                "Method",
                "How did it reach you?",
                labels(&FeedbackMethod::ALL, FeedbackMethod::label),
                position(&FeedbackMethod::ALL, &f.method),
            ),
            Field::line(
                "who",
                "Who",
                "Their name; leave empty for anonymous feedback",
                &f.who,
            ),
            Field::line(
                "role",
                "Their role",
                "Their role, e.g. team leader, post-call survey",
                &f.role,
            ),
            Field::text(
                "text",
                "What they said",
                "What did they say? Their words as closely as you can",
                &f.text,
            ),
            Field::choice(
                "valence",
                "Valence",
                "Praise (positive), a suggestion (constructive) or criticism (negative)? \
                 It follows the method until you choose",
                labels(&Valence::ALL, Valence::label),
                position(&Valence::ALL, &f.valence),
            ),
            Field::pick(
                "activity",
                "Activity",
                "Is it about a development activity (a course, coaching, shadowing)? \
                 ↑/↓ move, Space ticks one; leave it empty if not",
                activity_options(&records.activities),
                &about,
                "No development activities in your plan yet.",
            )
            .single(),
            Field::line(
                "tags",
                "Tags",
                "Words to find it by, separated by commas: billing, hold",
                &f.tags.join(", "),
            ),
            Field::criteria(
                "Which assessment criteria is it evidence for?",
                criteria,
                &f.criteria,
            ),
        ]);
        fields.focus_on(if editing { "text" } else { "source" });
        let seen = (fields.choice("method"), fields.choice("valence"));
        Engine::build(
            FeedbackSpec {
                base: feedback,
                editing,
                valence_chosen: editing,
                seen,
            },
            fields,
        )
    }

    /// A blank form for feedback received today.
    pub fn blank(
        today: NaiveDate,
        now: DateTime<FixedOffset>,
        records: &Records,
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
        FeedbackForm::new(feedback, false, records, criteria)
    }

    /// A form holding a draft that was offered back; the feedback it was
    /// editing is taken as it is now (or, not loaded yet, saving applies
    /// the fields to the feedback with that id as it is then).
    pub fn from_draft(
        draft: &Draft,
        records: &Records,
        today: NaiveDate,
        criteria: Option<&CriteriaSet>,
    ) -> FeedbackForm {
        let existing = draft
            .editing
            .as_ref()
            .and_then(|id| records.feedback.iter().find(|f| &f.id == id));
        let mut form = match (existing, &draft.editing) {
            (Some(f), _) => FeedbackForm::new(f.clone(), true, records, criteria),
            (None, Some(id)) => {
                let mut form = FeedbackForm::blank(today, draft.saved_at, records, criteria);
                form.spec.base.id = id.clone();
                form.spec.editing = true;
                form
            }
            (None, None) => FeedbackForm::blank(today, draft.saved_at, records, criteria),
        };
        form.restore(draft);
        // What the draft holds was chosen: keep it.
        form.spec.valence_chosen = true;
        form
    }

    /// The feedback to save, or the field to fix and why.
    pub fn to_feedback(
        &self,
        today: NaiveDate,
        now: DateTime<FixedOffset>,
    ) -> Result<Feedback, FieldError> {
        self.spec
            .apply_to(&self.spec.base, &self.fields, today, now)
    }
}

impl FeedbackSpec {
    /// The fields written over `current` (the feedback as it is now, so its
    /// triage is kept), or the field to fix and why.
    pub fn apply_to(
        &self,
        current: &Feedback,
        fields: &Fields,
        today: NaiveDate,
        now: DateTime<FixedOffset>,
    ) -> Result<Feedback, FieldError> {
        let date = fields.day("date", today)?;
        let text = fields.text("text").trim_end().to_string();
        if text.trim().is_empty() {
            return Err(FieldError::new(
                "text",
                "What they said: write down the feedback before saving",
            ));
        }
        let pick = |name: &str, n: usize| fields.choice(name).min(n - 1);
        let mut f = current.clone();
        f.date = date;
        f.source = FeedbackSource::ALL[pick("source", FeedbackSource::ALL.len())];
        f.method = FeedbackMethod::ALL[pick("method", FeedbackMethod::ALL.len())];
        f.who = fields.text("who");
        f.role = fields.text("role");
        f.text = text;
        f.valence = Valence::ALL[pick("valence", Valence::ALL.len())];
        f.tags = domain::clean_tags(&[fields.text("tags")]);
        f.activity = match fields.picked("activity").first() {
            Some(id) => Some(Id::parse(id).map_err(|_| {
                FieldError::new("activity", format!("Activity: `{id}` is not a record id"))
            })?),
            None => None,
        };
        f.criteria = fields.picked("criteria");
        f.updated = now;
        if !self.editing {
            f.created = now;
        }
        Ok(f)
    }
}

impl Spec for FeedbackSpec {
    fn record(&self) -> Option<RecordForm> {
        let titles = ["New feedback", "Edit feedback"];
        RecordForm::of(DraftForm::Feedback, titles, self.editing, &self.base.id)
    }

    fn submit(&mut self, fields: &Fields, app: &mut App) -> Result<String, FieldError> {
        let current = match self.editing {
            true => app
                .find_feedback(&self.base.id)
                .cloned()
                .unwrap_or_else(|| self.base.clone()),
            false => self.base.clone(),
        };
        let feedback = self.apply_to(&current, fields, app.today, app.now)?;
        let id = feedback.id.clone();
        let needs_reflection = feedback.valence.needs_reflection() && !feedback.is_reflected();
        app.save_record(AnyRecord::Feedback(feedback), self.editing)
            .map_err(|m| FieldError::new("", m))?;
        app.show_feedback(&id);
        Ok(match (self.editing, needs_reflection) {
            (true, _) => "Changes saved",
            (false, true) => "Feedback saved: press r to reflect on it",
            (false, false) => "Feedback saved",
        }
        .into())
    }

    /// The valence follows the method until the learner picks one.
    fn changed(&mut self, fields: &mut Fields) {
        let (method, valence) = (fields.choice("method"), fields.choice("valence"));
        if valence != self.seen.1 {
            self.valence_chosen = true;
        }
        if method != self.seen.0 && !self.valence_chosen {
            let m = FeedbackMethod::ALL[method.min(FeedbackMethod::ALL.len() - 1)];
            fields.set_choice("valence", position(&Valence::ALL, &valence_for(m)));
        }
        self.seen = (method, fields.choice("valence"));
    }

    /// On the short fields, what they said so far stays in sight.
    fn advice(&self, fields: &Fields, _app: &App) -> Option<Advice> {
        let text = fields.text("text");
        if fields.focused_name() == "text" || text.trim().is_empty() {
            return None;
        }
        let mut advice = Advice::new("What they said");
        for line in text.lines() {
            advice.text(Tone::Plain, line);
        }
        Some(advice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::forms::FormState;
    use crate::tui::forms::picker::criteria_options;
    use crate::tui::forms::testkit::{now, press, today, type_in, type_text};

    use ratatui::crossterm::event::KeyCode;

    #[test]
    fn a_typed_form_becomes_new_feedback() {
        let mut form = FeedbackForm::blank(today(), now(), &Records::default(), None);
        assert_eq!(form.fields.focused_name(), "source", "the date is today");
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
        form.next_field(1); // past the activity it is about: none here
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
        assert!(form.dirty());
    }

    /// The bug: a complaint was saved as positive by default.
    #[test]
    fn the_valence_follows_the_method_until_it_is_chosen() {
        let mut form = FeedbackForm::blank(today(), now(), &Records::default(), None);
        type_in(&mut form, "method", "c"); // complaint
        assert_eq!(form.fields.text("method"), "complaint");
        assert_eq!(form.fields.text("valence"), "negative");
        type_text(&mut form, "c"); // compliment
        assert_eq!(form.fields.text("valence"), "positive");
        press(&mut form, KeyCode::Left); // complaint again
        assert_eq!(form.fields.text("valence"), "negative");
        form.fields.focus_on("valence");
        press(&mut form, KeyCode::Up); // the learner picks constructive
        assert_eq!(form.fields.text("valence"), "constructive");
        type_in(&mut form, "method", "s"); // survey: the choice stays
        assert_eq!(form.fields.text("valence"), "constructive");
    }

    #[test]
    fn a_bad_date_or_empty_text_names_the_field() {
        let mut form = FeedbackForm::blank(today(), now(), &Records::default(), None);
        let e = form.to_feedback(today(), now()).expect_err("no text");
        assert_eq!(e.field, "text");
        assert!(e.message.starts_with("What they said:"), "{}", e.message);
        type_in(&mut form, "text", "Nice.");
        type_in(&mut form, "date", "31/02/2026");
        let e = form.to_feedback(today(), now()).expect_err("no such day");
        assert_eq!(e.field, "date");
        assert!(
            e.message
                .starts_with("Date: `31/02/2026` is not a real date"),
            "{}",
            e.message
        );
    }

    #[test]
    fn editing_keeps_the_triage_and_a_draft_brings_back_every_field() {
        let mut f = FeedbackForm::blank(today(), now(), &Records::default(), None)
            .spec
            .base
            .clone();
        f.text = "Hold music too loud".into();
        f.valence = Valence::Negative;
        f = f
            .reflect("Not mine to fix, but I can warn people.", now())
            .expect("reflect");
        let mut form = FeedbackForm::new(f.clone(), true, &Records::default(), None);
        type_text(&mut form, " and long");
        let saved = form.to_feedback(today(), now()).expect("valid");
        assert_eq!(saved.text, "Hold music too loud and long");
        assert_eq!(saved.reflection, f.reflection);
        assert_eq!(saved.state, f.state);
        assert_eq!(saved.created, f.created);

        let draft = form.to_draft(now()).expect("draft");
        assert_eq!(draft.editing, Some(f.id.clone()));
        let mut records = Records::default();
        records.feedback.push(f.clone());
        let back = FeedbackForm::from_draft(&draft, &records, today(), None);
        assert_eq!(
            back.to_feedback(today(), now()),
            form.to_feedback(today(), now())
        );
        assert!(back.spec.editing);
    }

    #[test]
    fn criteria_are_ticked_saved_and_kept_in_drafts() {
        let set = crate::domain::testkit::unit();
        let mut form = FeedbackForm::blank(today(), now(), &Records::default(), Some(&set));
        type_in(&mut form, "text", "Good call.");
        form.fields.focus_on("criteria");
        press(&mut form, KeyCode::Char(' '));
        let first = criteria_options(Some(&set))[0].value.clone();
        let f = form.to_feedback(today(), now()).expect("valid");
        assert_eq!(f.criteria, std::slice::from_ref(&first));
        assert!(
            !form.paste("nothing to paste into"),
            "a tick list takes no text"
        );
        let draft = form.to_draft(now()).expect("draft");
        let back = FeedbackForm::from_draft(&draft, &Records::default(), today(), Some(&set));
        assert_eq!(back.fields.picked("criteria"), [first]);
    }

    #[test]
    fn the_activity_it_is_about_is_picked_saved_and_kept_in_drafts() {
        use crate::domain::{ActivityKind, testkit};
        let mut course = testkit::activity(1, ActivityKind::Course, testkit::day(2026, 9, 1), None);
        course.title = "Complaints e-learning".into();
        let mut coaching =
            testkit::activity(2, ActivityKind::Coaching, testkit::day(2026, 10, 1), None);
        coaching.title = "Call-listening coaching".into();
        let records = Records {
            activities: vec![course.clone(), coaching.clone()],
            ..Records::default()
        };
        let mut form = FeedbackForm::blank(today(), now(), &records, None);
        type_in(&mut form, "text", "You asked good questions.");
        form.fields.focus_on("activity");
        // Newest first: the coaching, then the course.
        press(&mut form, KeyCode::Down);
        press(&mut form, KeyCode::Char(' '));
        let f = form.to_feedback(today(), now()).expect("valid");
        assert_eq!(f.activity, Some(course.id.clone()));
        // One activity at most: ticking another moves the tick.
        press(&mut form, KeyCode::Up);
        press(&mut form, KeyCode::Char(' '));
        let f = form.to_feedback(today(), now()).expect("valid");
        assert_eq!(f.activity, Some(coaching.id.clone()));

        let draft = form.to_draft(now()).expect("draft");
        let back = FeedbackForm::from_draft(&draft, &records, today(), None);
        assert_eq!(
            back.to_feedback(today(), now()).expect("valid").activity,
            Some(coaching.id.clone())
        );

        // Editing feedback about an activity since trashed keeps the link.
        let gone = FeedbackForm::new(f.clone(), true, &Records::default(), None);
        assert_eq!(
            gone.to_feedback(today(), now()).expect("valid").activity,
            Some(coaching.id.clone())
        );
        // Unticked, it is about no activity.
        let mut form = FeedbackForm::new(f, true, &records, None);
        form.fields.focus_on("activity");
        press(&mut form, KeyCode::Char(' '));
        assert_eq!(
            form.to_feedback(today(), now()).expect("valid").activity,
            None
        );
    }
}
