//! Acting on feedback: tick what it led to (an objective of the plan, a new
//! objective made from the feedback, or a diary entry) and say what was done.

use super::field::{Field, Fields};
use super::picker::PickOption;
use super::reflection::{capitalise, quote};
use super::{Advice, Engine, FieldError, RecordForm, Spec, Tone};
use crate::domain::dates::Days;
use crate::domain::{
    ActionLink, AnyRecord, DiaryEntry, Draft, DraftField, DraftForm, Feedback, Id, Objective,
    Records,
};
use crate::tui::App;
use chrono::{DateTime, FixedOffset};

/// The option that asks for a new objective, prefilled from the feedback.
pub const NEW_OBJECTIVE: &str = "new-objective";

/// The act form's spec.
#[derive(Debug)]
pub struct ActSpec {
    /// The feedback as it was when the form opened (for showing it); saving
    /// applies to the feedback as it is then.
    pub feedback: Feedback,
    /// Whether a new objective can be offered (the plan's objective form exists).
    pub offers_new_objective: bool,
}

/// The open act form.
pub type ActForm = Engine<ActSpec>;

/// What saving the act form asks for.
#[derive(Debug, Clone, PartialEq)]
pub struct ActOutcome {
    /// The feedback with the ticked existing objectives and entries linked and
    /// the note recorded; `None` when only a new objective was ticked (the
    /// feedback is linked once that objective is saved).
    pub feedback: Option<Feedback>,
    /// A new objective was asked for.
    pub new_objective: bool,
    /// The note, to record with the new objective's link.
    pub note: String,
}

fn objective_label(o: &Objective) -> String {
    format!("Objective: {}", o.statement)
}

fn entry_label(e: &DiaryEntry, days: &Days) -> String {
    format!("Diary {}: {}", days.day(e.date), e.headline())
}

/// The options for `feedback`: what it is not linked to yet.
pub fn link_options(
    feedback: &Feedback,
    records: &Records,
    offers_new_objective: bool,
    days: &Days,
) -> Vec<PickOption> {
    let mut options = Vec::new();
    if offers_new_objective {
        options.push(PickOption {
            value: NEW_OBJECTIVE.into(),
            label: "+ A new objective, started from this feedback".into(),
        });
    }
    options.extend(
        records
            .objectives
            .iter()
            .filter(|o| o.status.is_open() && !feedback.objectives.contains(&o.id))
            .map(|o| PickOption {
                value: format!("o:{}", o.id),
                label: objective_label(o),
            }),
    );
    options.extend(
        records
            .diary
            .iter()
            .filter(|e| !feedback.entries.contains(&e.id))
            .map(|e| PickOption {
                value: format!("d:{}", e.id),
                label: entry_label(e, days),
            }),
    );
    options
}

/// The objectives and entries `feedback` is already linked to, for the form to show.
pub fn linked_labels(feedback: &Feedback, records: &Records, days: &Days) -> Vec<String> {
    let objectives = feedback.objectives.iter().map(|id| {
        records
            .objective(id)
            .map(objective_label)
            .unwrap_or_else(|| format!("Objective {} (not found)", id.short()))
    });
    let entries = feedback.entries.iter().map(|id| {
        records
            .diary
            .iter()
            .find(|e| &e.id == id)
            .map(|e| entry_label(e, days))
            .unwrap_or_else(|| format!("Diary entry {} (not loaded or deleted)", id.short()))
    });
    objectives.chain(entries).collect()
}

impl ActForm {
    pub fn new(
        feedback: Feedback,
        records: &Records,
        offers_new_objective: bool,
        days: &Days,
    ) -> ActForm {
        let options = link_options(&feedback, records, offers_new_objective, days);
        let fields = Fields::new(vec![
            Field::pick(
                "links",
                "Led to",
                "What did it lead to? Tick every objective or diary entry",
                options,
                &[],
                "No open objectives or diary entries to link to yet: add an objective on the \
                 Plan (2) or an entry on the Diary (1).",
            ),
            Field::text(
                "note",
                "What you did",
                "What did you do about it? (optional)",
                &feedback.action,
            ),
        ]);
        Engine::build(
            ActSpec {
                feedback,
                offers_new_objective,
            },
            fields,
        )
    }

    /// A form holding a draft that was offered back, for `feedback` as it is now.
    pub fn from_draft(
        draft: &Draft,
        feedback: Feedback,
        records: &Records,
        offers_new_objective: bool,
        days: &Days,
    ) -> ActForm {
        let mut form = ActForm::new(feedback, records, offers_new_objective, days);
        form.restore(draft);
        form
    }

    /// What saving asks for; see `ActSpec::outcome`.
    pub fn outcome(
        &self,
        current: &Feedback,
        now: DateTime<FixedOffset>,
    ) -> Result<ActOutcome, String> {
        self.spec.outcome(&self.fields, current, now)
    }
}

impl ActSpec {
    /// What saving asks for, applied to `current` (the feedback as it is now),
    /// or a message for the learner (nothing is saved then).
    pub fn outcome(
        &self,
        fields: &Fields,
        current: &Feedback,
        now: DateTime<FixedOffset>,
    ) -> Result<ActOutcome, String> {
        let ticked = fields.picked("links");
        let new_objective = ticked.iter().any(|v| v == NEW_OBJECTIVE);
        let links: Vec<ActionLink> = ticked
            .iter()
            .filter_map(|v| {
                if let Some(id) = v.strip_prefix("o:") {
                    Id::parse(id).ok().map(ActionLink::Objective)
                } else if let Some(id) = v.strip_prefix("d:") {
                    Id::parse(id).ok().map(ActionLink::Entry)
                } else {
                    None
                }
            })
            .collect();
        let note = fields.text("note").trim_end().to_string();
        let already_linked = !current.objectives.is_empty() || !current.entries.is_empty();
        if links.is_empty() && !new_objective && !already_linked {
            return Err(if self.offers_new_objective {
                "Tick what this feedback led to: a new objective, an objective of your plan or a diary entry (Space ticks)".into()
            } else {
                "Tick what this feedback led to: an objective of your plan or a diary entry (Space ticks)".into()
            });
        }
        if links.is_empty() && new_objective {
            // Check now that acting will be allowed once the objective exists.
            current
                .act(ActionLink::Objective(Id::generate()), "", now)
                .map_err(|e| capitalise(&e.to_string()))?;
            return Ok(ActOutcome {
                feedback: None,
                new_objective,
                note,
            });
        }
        let mut next = current.clone();
        for link in links {
            next = next
                .act(link, "", now)
                .map_err(|e| capitalise(&e.to_string()))?;
        }
        if next.action != note {
            next.action = note.clone();
            next.updated = now;
        }
        Ok(ActOutcome {
            feedback: Some(next),
            new_objective,
            note,
        })
    }
}

impl Spec for ActSpec {
    fn record(&self) -> Option<RecordForm> {
        Some(RecordForm::on_feedback(
            DraftForm::Feedback,
            "Act on",
            &self.feedback,
        ))
    }

    /// Marks the draft as an action on the feedback, not an edit of it.
    fn fill_draft(&self, _fields: &Fields, draft: &mut Draft) {
        draft.fields.insert(
            0,
            DraftField {
                name: "act".into(),
                text: "yes".into(),
            },
        );
    }

    fn submit(&mut self, fields: &Fields, app: &mut App) -> Result<String, FieldError> {
        let Some(current) = app.find_feedback(&self.feedback.id).cloned() else {
            return Err(FieldError::new("", app.missing_feedback_message()));
        };
        let outcome = self
            .outcome(fields, &current, app.now)
            .map_err(|m| FieldError::new("links", m))?;
        let id = current.id.clone();
        let mut status = String::new();
        if let Some(next) = outcome.feedback {
            app.save_record(AnyRecord::Feedback(next), true)
                .map_err(|m| FieldError::new("", m))?;
            status = "Linked: now actioned. x archives it when you are done".into();
        } else if outcome.note != current.action {
            // Only a new objective was ticked: keep what was typed now, in
            // case the objective is never saved; the link follows the objective.
            let mut noted = current.clone();
            noted.action = outcome.note.clone();
            noted.updated = app.now;
            app.save_record(AnyRecord::Feedback(noted), true)
                .map_err(|m| FieldError::new("", m))?;
        }
        app.keep_selection_on(&id);
        if outcome.new_objective {
            app.start_objective_from(&current, outcome.note);
        }
        Ok(status)
    }

    /// The feedback, and what it is already linked to.
    fn advice(&self, _fields: &Fields, app: &App) -> Option<Advice> {
        let days = app.config.days();
        let mut advice = quote(&self.feedback, &days);
        let linked = linked_labels(&self.feedback, &app.model.records, &days);
        if !linked.is_empty() {
            advice.text(Tone::Dim, "Already linked to:");
            for l in linked {
                advice.text(Tone::Plain, format!("• {l}"));
            }
        }
        Some(advice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{FeedbackMethod, FeedbackSource, FeedbackState, Valence};
    use crate::tui::forms::FormState;
    use crate::tui::forms::testkit;
    use crate::tui::forms::testkit::{now, press};
    use ratatui::crossterm::event::KeyCode;

    fn records() -> Records {
        let mut r = Records::default();
        let mut o = Objective::new(Id::from_parts(1, [1; 10]), now());
        o.statement = "Raise my CSAT".into();
        r.objectives.push(o);
        let mut e = DiaryEntry::new(Id::from_parts(2, [2; 10]), now().date_naive(), now());
        e.text = "Rang her back".into();
        r.diary.push(e);
        r
    }

    fn reflected() -> Feedback {
        let (source, method) = (FeedbackSource::Customer, FeedbackMethod::Complaint);
        testkit::feedback(source, method, Valence::Negative, "Rude")
            .reflect("I was short with her.", now())
            .expect("reflect")
    }

    fn space(form: &mut ActForm) {
        press(form, KeyCode::Char(' '));
    }

    fn down(form: &mut ActForm) {
        press(form, KeyCode::Down);
    }

    fn ticked(form: &ActForm) -> Vec<String> {
        form.fields.picked("links")
    }

    #[test]
    fn options_are_a_new_objective_then_objectives_then_entries() {
        let form = ActForm::new(reflected(), &records(), true, &Days::default());
        let options = link_options(&form.spec.feedback, &records(), true, &Days::default());
        let labels: Vec<&str> = options.iter().map(|o| o.label.as_str()).collect();
        assert_eq!(labels[0], "+ A new objective, started from this feedback");
        assert_eq!(labels[1], "Objective: Raise my CSAT");
        assert!(labels[2].ends_with("Rang her back"), "{labels:?}");
    }

    #[test]
    fn entries_are_named_by_their_day_in_the_learners_format() {
        let form = ActForm::new(reflected(), &records(), true, &Days::new("%Y-%m-%d"));
        let entry = &records().diary[0];
        let label = format!(
            "Diary {}: {}",
            entry.date.format("%Y-%m-%d"),
            entry.headline()
        );
        let options = link_options(
            &form.spec.feedback,
            &records(),
            true,
            &Days::new("%Y-%m-%d"),
        );
        assert!(
            options.iter().any(|o| o.label == label),
            "{label} in {options:?}"
        );
    }

    #[test]
    fn nothing_ticked_is_explained_and_ticks_link_with_the_note() {
        let f = reflected();
        let mut form = ActForm::new(f.clone(), &records(), true, &Days::default());
        let err = form.outcome(&f, now()).expect_err("nothing ticked");
        assert!(err.starts_with("Tick what this feedback led to"), "{err}");

        down(&mut form);
        space(&mut form); // the objective
        down(&mut form);
        space(&mut form); // the diary entry
        form.next_field(1);
        for c in "Apologised".chars() {
            press(&mut form, KeyCode::Char(c));
        }
        let outcome = form.outcome(&f, now()).expect("links");
        let next = outcome.feedback.expect("saved at once");
        assert!(!outcome.new_objective);
        assert_eq!(next.state, FeedbackState::Actioned);
        assert_eq!(next.objectives, [Id::from_parts(1, [1; 10])]);
        assert_eq!(next.entries, [Id::from_parts(2, [2; 10])]);
        assert_eq!(next.action, "Apologised");
    }

    #[test]
    fn a_new_objective_alone_waits_for_the_objective() {
        let f = reflected();
        let mut form = ActForm::new(f.clone(), &records(), true, &Days::default());
        space(&mut form);
        let outcome = form.outcome(&f, now()).expect("ok");
        assert!(outcome.new_objective);
        assert_eq!(outcome.feedback, None);
    }

    #[test]
    fn a_draft_brings_back_ticks_and_note() {
        let f = reflected();
        let mut form = ActForm::new(f.clone(), &records(), true, &Days::default());
        down(&mut form);
        space(&mut form);
        form.next_field(1);
        form.paste("Rang back\r\nand apologised");
        let draft = form.to_draft(now()).expect("draft");
        let back = ActForm::from_draft(&draft, f.clone(), &records(), true, &Days::default());
        assert_eq!(ticked(&back), ticked(&form));
        assert_eq!(back.fields.text("note"), "Rang back\nand apologised");
        assert_eq!(back.outcome(&f, now()), form.outcome(&f, now()));
    }
}
