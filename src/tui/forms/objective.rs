//! The objective form: the SMART fields, status and a dated progress note.
//! The SMART check runs on the form as it stands (see `preview`) and is
//! drawn beside it as the form's advice; it never blocks saving.

use super::field::{Field, Fields, LineKind, parse_percent};
use super::picker::PickOption;
use super::record::{FormRecord, Now, RecordEngine, kind};
use super::{Advice, FieldError, Tone};
use crate::domain::smart;
use crate::domain::{
    CriteriaSet, DevelopmentNeed, Id, Measure, NeedKind, Objective, ObjectiveStatus, ProgressNote,
    Records,
};
use crate::tui::App;
use chrono::{DateTime, FixedOffset, NaiveDate};

/// The needs a record can link to, strengths marked as such.
pub fn need_options(needs: &[DevelopmentNeed]) -> Vec<PickOption> {
    needs
        .iter()
        .map(|n| PickOption {
            value: n.id.to_string(),
            label: match n.kind {
                NeedKind::Gap => n.area.clone(),
                NeedKind::Strength => format!("{} (strength)", n.area),
            },
        })
        .collect()
}

/// The open objective form.
pub type ObjectiveForm = RecordEngine<Objective>;

impl ObjectiveForm {
    /// A new objective with its statement and needs filled in, e.g. from a
    /// feedback item. `base.id` is the id it will be saved under.
    pub fn prefilled(
        statement: &str,
        needs: &[Id],
        records: &Records,
        criteria: Option<&CriteriaSet>,
        now: DateTime<FixedOffset>,
    ) -> ObjectiveForm {
        let mut objective = Objective::new(Id::generate(), now);
        objective.statement = statement.to_string();
        objective.needs = needs.to_vec();
        // Nothing typed yet: Esc closes it without asking.
        ObjectiveForm::new(objective, false, records, criteria)
    }

    /// The objective as the form stands (see `preview`).
    pub fn preview(&self, today: NaiveDate) -> Objective {
        preview(&self.spec.base, &self.fields, today)
    }
}

/// The objective as the form stands; a date that does not parse counts
/// as empty (the SMART check then asks for it; saving refuses it).
fn preview(base: &Objective, f: &Fields, today: NaiveDate) -> Objective {
    let mut o = base.clone();
    o.statement = f.text("statement").trim().to_string();
    o.measure = Measure {
        baseline: f.text("baseline"),
        target: f.text("target"),
        how: f.text("how"),
        kpi: f.text("kpi"),
    };
    o.support = f.text("support").trim().to_string();
    o.relevance = f.text("relevance").trim().to_string();
    o.serves = f.text("serves").trim().to_string();
    o.needs = f.picked_ids("needs");
    o.criteria = f.picked("criteria");
    o.target_date = f.optional_day("target_date", today).ok().flatten();
    o.review_date = f.optional_day("review_date", today).ok().flatten();
    o.status = f.chosen("status", &ObjectiveStatus::ALL);
    o
}

/// The fields that answer a SMART letter.
fn letter_fields(letter: smart::Letter) -> &'static [&'static str] {
    match letter {
        smart::Letter::Specific => &["statement"],
        smart::Letter::Measurable => &["statement", "baseline", "target", "how", "kpi"],
        smart::Letter::Achievable => &["support"],
        smart::Letter::Relevant => &["needs", "relevance", "serves", "criteria"],
        smart::Letter::TimeBound => &["target_date", "review_date"],
    }
}

impl FormRecord for Objective {
    kind!(
        Objective,
        "Objective",
        "objective",
        ["New objective", "Edit objective"]
    );
    const CRITERIA: &'static str =
        "Which assessment criteria will it give evidence for? ↑/↓ move, Space ticks";

    fn blank(at: DateTime<FixedOffset>) -> Self {
        Objective::new(Id::generate(), at)
    }

    fn fields(&self, records: &Records, criteria: Field) -> Vec<Field> {
        vec![
            Field::text(
                "statement",
                "Statement",
                "What will you achieve, where in your job, and how? e.g. \"Raise my CSAT from 82% to 88% by 31 March by using the HEAT steps on complaint calls\"",
                &self.statement,
            ),
            Field::line(
                "baseline",
                "Baseline",
                "Where are you now? The figure or behaviour today, e.g. \"82% CSAT (October)\"",
                &self.measure.baseline,
            ),
            Field::line(
                "target",
                "Target",
                "Where do you want to be? e.g. \"88%\", \"9 of 10 calls observed\"",
                &self.measure.target,
            ),
            Field::line(
                "how",
                "Measured by",
                "How will it be checked? e.g. \"monthly CSAT report\", \"observed by my team leader\"",
                &self.measure.how,
            ),
            Field::line(
                "kpi",
                "KPI",
                "The KPI it moves, if any: CSAT, FCR, NPS, AHT, CES or your own",
                &self.measure.kpi,
            ),
            Field::text(
                "support",
                "Support",
                "Support and resources: who and what will help (a course, coaching, a buddy)?",
                &self.support,
            ),
            Field::pick_ids(
                "needs",
                "Needs",
                "Which development needs does this answer? ↑/↓ move, Space ticks (the golden thread)",
                need_options(&records.needs),
                &self.needs,
                "No development needs yet: add one with n on the Plan screen.",
            ),
            Field::text(
                "relevance",
                "Relevance",
                "Why does it matter in your job role?",
                &self.relevance,
            ),
            Field::line(
                "serves",
                "Serves",
                "Which business objective, service standard or career goal does it serve? e.g. \"Service standard 4: resolve billing complaints at first contact\"",
                &self.serves,
            ),
            criteria,
            Field::optional_date(
                "target_date",
                "Target date",
                "By when? 31/03/2027, 2027-03-31, +6w, end of month",
                self.target_date,
            ),
            Field::optional_date(
                "review_date",
                "Review date",
                "When will you check how it is going? e.g. +4w, before the target date",
                self.review_date,
            ),
            Field::choice_of(
                "status",
                "Status",
                "Where does it stand? Space or ←/→ to change",
                &ObjectiveStatus::ALL,
                &self.status,
                |k| k.label().to_string(),
            ),
            Field::text(
                "note",
                "Progress note",
                "A new progress note: what has happened since the last one? (saved with the date below)",
                "",
            ),
            Field::typed_line(
                "note_date",
                "Note date",
                "The day of the progress note: today, yesterday, 20/11/2026",
                "today",
                LineKind::Date,
            ),
            Field::typed_line(
                "percent",
                "% complete",
                "How far along is it now, 0 to 100? (optional)",
                "",
                LineKind::Percent,
            ),
        ]
    }

    /// The objective to save, or the field to fix and why.
    fn read(&self, fields: &Fields, today: NaiveDate, now: Now) -> Result<Self, FieldError> {
        let err = |field: &'static str, message: String| FieldError::new(field, message);
        // The preview reads a bad date as none: refuse it here.
        if let Some((field, message)) = fields.first_problem(today) {
            return Err(FieldError { field, message });
        }
        let mut o = preview(self, fields, today);
        if o.statement.is_empty() {
            return Err(err(
                "statement",
                "Statement: write what you will achieve before saving".into(),
            ));
        }
        let note = fields.text("note").trim().to_string();
        let percent = parse_percent(&fields.text("percent"))
            .map_err(|e| err("percent", format!("% complete: {e}")))?;
        if !note.is_empty() {
            let date = fields.day("note_date", today)?;
            o.progress.push(ProgressNote {
                date,
                text: note,
                percent,
            });
            o.progress.sort_by_key(|n| n.date);
        } else if percent.is_some() {
            return Err(err(
                "note",
                "Progress note: say in a line what the percentage is based on".into(),
            ));
        }
        o.updated = now;
        Ok(o)
    }

    /// The SMART check of the objective as it stands: letters that fail in
    /// full (why, and what to do), those that pass on one line, so all of
    /// it can be read at 80x24.
    fn advice(&self, fields: &Fields, app: &App) -> Option<Advice> {
        let check = smart::check(
            &preview(self, fields, app.today),
            app.today,
            &app.config.days(),
        );
        let passed: Vec<&smart::LetterCheck> =
            check.letters.iter().filter(|c| c.passes()).collect();
        let mut advice = Advice::new(format!("SMART check {}/5", passed.len()));
        advice.text(Tone::Dim, "Advice: it never stops a save.");
        if !passed.is_empty() {
            let mut line = Vec::new();
            for c in passed {
                line.push((Tone::Good, format!("{} ✓ ", c.letter.initial())));
                line.push((Tone::Dim, format!("{}  ", c.letter.name())));
            }
            advice.line(line);
        }
        // The letters the focused field answers get their reasons and a
        // suggestion; the other failing letters their first reason.
        let focused = fields.focused_name();
        for c in check.letters.iter().filter(|c| !c.passes()) {
            let here = letter_fields(c.letter).contains(&focused);
            let shown = if here { c.flags.len() } else { 1 };
            for (i, f) in c.flags.iter().take(shown).enumerate() {
                let head = if i == 0 {
                    format!("{} ✗ ", c.letter.initial())
                } else {
                    "· ".into()
                };
                advice.line(vec![(Tone::Bad, head), (Tone::Plain, f.reason.clone())]);
            }
            if let (true, Some(f)) = (here, c.flags.first()) {
                advice.line(vec![(Tone::Dim, format!("→ {}", f.suggestion))]);
            }
        }
        if !self.progress.is_empty() {
            let days = app.config.days();
            advice.text(Tone::Plain, "");
            advice.text(Tone::Heading, "Progress so far");
            for note in &self.progress {
                let pct = note.percent.map(|p| format!(" ({p}%)")).unwrap_or_default();
                advice.text(
                    Tone::Plain,
                    format!("{}{pct} {}", days.day(note.date), note.text),
                );
            }
        }
        Some(advice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::smart::{self, Letter};
    use crate::tui::forms::testkit::now;
    use crate::tui::forms::testkit::{today, type_in, type_text};
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn records_with_need() -> (Records, Id) {
        let need = DevelopmentNeed::new(Id::generate(), today(), now());
        let id = need.id.clone();
        let records = Records {
            needs: vec![DevelopmentNeed {
                area: "Complaint calls".into(),
                ..need
            }],
            ..Records::default()
        };
        (records, id)
    }

    #[test]
    fn the_smart_check_follows_the_typing() {
        let (records, need) = records_with_need();
        let mut form =
            ObjectiveForm::new(Objective::new(Id::generate(), now()), false, &records, None);
        type_text(&mut form, "Improve my communication skills");
        let check = smart::check(&form.preview(today()), today(), &Default::default());
        assert!(!check.passes(Letter::Specific));
        assert!(!check.passes(Letter::Relevant));
        form.fields.focus_on("needs");
        crate::tui::forms::give_key(
            &mut form,
            &crate::tui::keymap::Keymap::default(),
            &KeyEvent::new(KeyCode::Char(' '), KeyModifiers::NONE),
        );
        let preview = form.preview(today());
        assert_eq!(preview.needs, vec![need]);
        assert!(smart::check(&preview, today(), &Default::default()).passes(Letter::Relevant));
    }

    #[test]
    fn natural_dates_are_saved_and_bad_ones_stop_at_the_field() {
        let (records, _) = records_with_need();
        let mut form =
            ObjectiveForm::new(Objective::new(Id::generate(), now()), false, &records, None);
        type_text(&mut form, "Raise my FCR on billing calls from 68% to 75%");
        type_in(&mut form, "target_date", "31/02/2027");
        let e = form.to_record(today(), now()).expect_err("bad date");
        assert_eq!(e.field, "target_date");
        assert!(
            e.message
                .contains("Target date: `31/02/2027` is not a real date")
        );
        let mut form =
            ObjectiveForm::new(Objective::new(Id::generate(), now()), false, &records, None);
        type_text(&mut form, "Raise my FCR");
        type_in(&mut form, "target_date", "+3w");
        let o = form.to_record(today(), now()).expect("saves");
        assert_eq!(o.target_date, NaiveDate::from_ymd_opt(2026, 12, 14));
    }

    #[test]
    fn what_an_objective_serves_is_asked_and_saved() {
        let (records, _) = records_with_need();
        let mut form =
            ObjectiveForm::new(Objective::new(Id::generate(), now()), false, &records, None);
        type_text(&mut form, "Raise my FCR on billing calls from 68% to 75%");
        type_in(
            &mut form,
            "serves",
            "Service standard 4: first-contact resolution",
        );
        let o = form.to_record(today(), now()).expect("saves");
        assert_eq!(o.serves, "Service standard 4: first-contact resolution");
        let again = ObjectiveForm::new(o, true, &records, None);
        assert_eq!(
            again.fields.text("serves"),
            "Service standard 4: first-contact resolution"
        );
    }

    #[test]
    fn a_progress_note_is_added_with_its_date() {
        let (records, _) = records_with_need();
        let mut existing = Objective::new(Id::generate(), now());
        existing.statement = "Raise my FCR".into();
        existing.progress.push(ProgressNote {
            date: NaiveDate::from_ymd_opt(2026, 10, 1).expect("date"),
            text: "Started".into(),
            percent: Some(10),
        });
        let mut form = ObjectiveForm::new(existing, true, &records, None);
        type_in(&mut form, "percent", "40");
        let e = form
            .to_record(today(), now())
            .expect_err("percent with no note");
        assert_eq!(e.field, "note");
        type_in(&mut form, "note", "Shadowed billing twice");
        let o = form.to_record(today(), now()).expect("saves");
        assert_eq!(o.progress.len(), 2);
        assert_eq!(o.progress[1].text, "Shadowed billing twice");
        assert_eq!(o.progress[1].date, today());
        assert_eq!(o.percent(), Some(40));
    }

    #[test]
    fn an_empty_statement_is_refused_at_its_field() {
        let form = ObjectiveForm::new(
            Objective::new(Id::generate(), now()),
            false,
            &Records::default(),
            None,
        );
        assert_eq!(
            form.to_record(today(), now()).expect_err("empty").field,
            "statement"
        );
    }

    #[test]
    fn a_prefilled_form_carries_statement_and_needs() {
        let (records, need) = records_with_need();
        let form = ObjectiveForm::prefilled(
            "Reply to billing emails within one day",
            std::slice::from_ref(&need),
            &records,
            None,
            now(),
        );
        assert!(!form.fields.dirty, "nothing typed: Esc does not ask");
        let o = form.to_record(today(), now()).expect("saves");
        assert_eq!(o.statement, "Reply to billing emails within one day");
        assert_eq!(o.needs, vec![need]);
        assert_eq!(o.id, form.spec.base.id);
    }

    #[test]
    fn a_draft_brings_back_what_was_typed() {
        let (records, _) = records_with_need();
        let mut form =
            ObjectiveForm::new(Objective::new(Id::generate(), now()), false, &records, None);
        type_text(&mut form, "Raise my CSAT");
        type_in(&mut form, "review_date", "next tuesday");
        let draft = crate::tui::FormState::to_draft(&form, now()).expect("a draft");
        let back = ObjectiveForm::from_draft(&draft, &records, None);
        assert_eq!(back.fields.text("statement"), "Raise my CSAT");
        assert_eq!(back.fields.text("review_date"), "next tuesday");
        assert!(!back.spec.editing);
    }
}
