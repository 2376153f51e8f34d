//! The development-activity form: what was done (kind, title, resource,
//! date, hours), which objectives it served, and its impact on Kirkpatrick's
//! four levels, each with a note.

use super::field::{Field, Fields, LineKind, parse_hours};
use super::picker::objective_options;
use super::record::{FormRecord, Now, RecordEngine, kind};
use super::{Advice, FieldError, Tone};
use crate::domain::{Activity, ActivityKind, Id, Impact, Records};
use crate::tui::App;
use chrono::{DateTime, FixedOffset, NaiveDate};

/// The open activity form.
pub type ActivityForm = RecordEngine<Activity>;

/// "course (formal)", as the kind choice shows it.
pub fn kind_label(kind: ActivityKind) -> String {
    format!("{} ({})", kind.label(), kind.category().label())
}

fn hours_text(hours: f64) -> String {
    if hours == 0.0 {
        String::new()
    } else {
        format!("{hours}")
    }
}

/// Whether the method suited the learner: not said, yes, no.
const SUITED: [&str; 3] = ["not said", "yes, it suited me", "no, it did not suit me"];

impl FormRecord for Activity {
    kind!(
        Activity,
        "Activity",
        "development activity",
        ["New development activity", "Edit development activity"]
    );
    const CRITERIA: &'static str =
        "Which assessment criteria does it give evidence for? ↑/↓ move, Space ticks";

    fn blank(at: DateTime<FixedOffset>) -> Self {
        Activity::new(Id::generate(), at.date_naive(), at, Vec::new())
    }

    fn fields(&self, records: &Records, criteria: Field) -> Vec<Field> {
        vec![
            Field::choice_of(
                "kind",
                "Kind",
                "Formal (course, e-learning, qualification), informal (coaching, mentoring, shadowing, on-the-job, project) or self-study (reading, online course, video, industry publication)? Space or ←/→",
                &ActivityKind::ALL,
                &self.kind,
                |k| kind_label(*k),
            ),
            Field::line(
                "title",
                "Title",
                "What was it? e.g. \"Handling difficult conversations: the HEAT model\"",
                &self.title,
            ),
            Field::line(
                "resource",
                "Resource",
                "The course, book, video, person or publication used",
                &self.resource,
            ),
            Field::date(
                "date",
                "Date",
                "When? today, yesterday, 09/04/2026, -1w",
                self.date,
            ),
            Field::typed_line(
                "hours",
                "Hours",
                "How long did it take? e.g. 7, 1.5 or 90m",
                &hours_text(self.hours),
                LineKind::Hours,
            ),
            Field::pick_ids(
                "objectives",
                "Objectives",
                "Which objectives did it serve? ↑/↓ move, Space ticks (the golden thread)",
                objective_options(&records.objectives),
                &self.objectives,
                "No open objectives in your plan yet.",
            ),
            Field::text(
                "reaction",
                "1 Reaction",
                "Kirkpatrick level 1, reaction: how did you find it? Useful, engaging, relevant?",
                &self.impact.reaction,
            ),
            Field::text(
                "learning",
                "2 Learning",
                "Level 2, learning: what did you learn? A test score, a model you can now explain",
                &self.impact.learning,
            ),
            Field::text(
                "behaviour",
                "3 Behaviour",
                "Level 3, behaviour: what do you now do differently with customers? Who has seen it?",
                &self.impact.behaviour,
            ),
            Field::text(
                "results",
                "4 Results",
                "Level 4, results: what changed in the results? A KPI before and after",
                &self.impact.results,
            ),
            Field::text(
                "applied",
                "Applied",
                "How did you apply it with real customers? An example",
                &self.applied,
            ),
            Field::text(
                "effectiveness",
                "How well",
                "How well did it work for you, and would you learn this way again? (assessors ask this of self-study)",
                &self.effectiveness,
            ),
            Field::choice(
                "suited",
                "Suited you",
                "Did this way of learning suit you (your learning preference)? Space or ←/→",
                SUITED.iter().map(|s| s.to_string()).collect(),
                match self.method_suited {
                    None => 0,
                    Some(true) => 1,
                    Some(false) => 2,
                },
            ),
            criteria,
        ]
    }

    fn read(&self, f: &Fields, today: NaiveDate, now: Now) -> Result<Self, FieldError> {
        let mut a = self.clone();
        a.title = f.required("title", "Title: say what the activity was before saving")?;
        a.kind = f.chosen("kind", &ActivityKind::ALL);
        a.resource = f.text("resource");
        a.date = f.day("date", today)?;
        a.hours = parse_hours(&f.text("hours")).map_err(|e| FieldError {
            field: "hours".into(),
            message: format!("Hours: {e}"),
        })?;
        a.objectives = f.picked_ids("objectives");
        a.impact = Impact {
            reaction: f.text("reaction").trim().to_string(),
            learning: f.text("learning").trim().to_string(),
            behaviour: f.text("behaviour").trim().to_string(),
            results: f.text("results").trim().to_string(),
        };
        a.applied = f.text("applied").trim().to_string();
        a.effectiveness = f.text("effectiveness").trim().to_string();
        a.method_suited = match f.choice("suited") {
            1 => Some(true),
            2 => Some(false),
            _ => None,
        };
        a.updated = now;
        Ok(a)
    }

    /// The Kirkpatrick levels reached so far.
    fn advice(&self, fields: &Fields, _app: &App) -> Option<Advice> {
        const LEVELS: [(&str, &str); 4] = [
            ("reaction", "1 Reaction: how I found it"),
            ("learning", "2 Learning: what I learned"),
            ("behaviour", "3 Behaviour: what I do differently"),
            ("results", "4 Results: the KPI before and after"),
        ];
        let mut advice = Advice::new("Impact (Kirkpatrick)");
        for (name, label) in LEVELS {
            let done = !fields.text(name).trim().is_empty();
            let (mark, tone) = if done {
                ("✓ ", Tone::Good)
            } else {
                ("○ ", Tone::Dim)
            };
            advice.line(vec![(tone, mark.into()), (tone, label.into())]);
        }
        advice.text(
            Tone::Dim,
            "Assessors look for the impact on customers: level 3 and 4 notes are the strongest evidence.",
        );
        Some(advice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Objective;
    use crate::tui::forms::testkit::now;
    use crate::tui::forms::testkit::{fill, type_in};

    #[test]
    fn an_activity_keeps_its_objective_hours_and_impact() {
        let mut objective = Objective::new(Id::generate(), now());
        objective.statement = "Raise my CSAT".into();
        let oid = objective.id.clone();
        let records = Records {
            objectives: vec![objective],
            ..Records::default()
        };
        let blank = Activity::new(Id::generate(), now().date_naive(), now(), vec![oid.clone()]);
        let mut form = ActivityForm::new(blank, false, &records, None);
        type_in(&mut form, "kind", "s");
        assert_eq!(form.fields.text("kind"), "shadowing (informal)");
        let typed = [
            ("title", "Shadowed Billing Exceptions"),
            ("hours", "3.5"),
            ("behaviour", "I now check the meter history first"),
        ];
        fill(&mut form, &typed);
        let a = form.to_record(now().date_naive(), now()).expect("saves");
        assert_eq!(a.kind, ActivityKind::Shadowing);
        assert_eq!(a.hours, 3.5);
        assert_eq!(a.objectives, vec![oid]);
        assert_eq!(a.impact.level_reached(), 3);
        assert_eq!(a.method_suited, None, "not said until chosen");
        type_in(&mut form, "suited", "n");
        let a = form.to_record(now().date_naive(), now()).expect("saves");
        assert_eq!(a.method_suited, Some(false));
        let again = ActivityForm::new(a, true, &records, None);
        assert_eq!(again.fields.text("suited"), "no, it did not suit me");
    }

    #[test]
    fn bad_hours_are_refused_at_the_field() {
        let blank = Activity::new(Id::generate(), now().date_naive(), now(), Vec::new());
        let mut form = ActivityForm::new(blank, false, &Records::default(), None);
        type_in(&mut form, "title", "Reading");
        type_in(&mut form, "hours", "a lot");
        let e = form
            .to_record(now().date_naive(), now())
            .expect_err("bad hours");
        assert_eq!(e.field, "hours");
        assert!(e.message.contains("not a number of hours"), "{}", e.message);
    }
}
