//! Acting on feedback: tick what it led to (an objective of the plan, a new
//! objective made from the feedback, or a diary entry) and say what was done.
//! Drawn by `ui/act_form.rs`.

use super::FormState;
use super::picker::{PickOption, Picker};
use super::reflection::{capitalise, text_area};
use crate::domain::{
    ActionLink, DiaryEntry, Draft, DraftField, DraftForm, Feedback, Id, Objective, Records,
};
use chrono::{DateTime, FixedOffset};
use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

/// The option that asks for a new objective, prefilled from the feedback.
pub const NEW_OBJECTIVE: &str = "new-objective";

/// The act form's fields in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActField {
    Links,
    Note,
}

#[derive(Debug)]
pub struct ActForm {
    /// The feedback as it was when the form opened (for showing it); saving
    /// applies to the feedback as it is then.
    pub feedback: Feedback,
    /// A new objective option, then open objectives, then diary entries,
    /// each not yet linked.
    pub links: Picker,
    /// What the learner did (the feedback's `action`).
    pub note: TextArea<'static>,
    pub focus: ActField,
    pub dirty: bool,
    pub draft_id: Id,
    pub error: Option<String>,
    /// Whether a new objective can be offered (the plan's objective form exists).
    pub offers_new_objective: bool,
}

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

fn entry_label(e: &DiaryEntry) -> String {
    format!("Diary {}: {}", e.date.format("%d %b %y"), e.headline())
}

/// The options for `feedback`: what it is not linked to yet.
pub fn link_options(
    feedback: &Feedback,
    records: &Records,
    offers_new_objective: bool,
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
                label: entry_label(e),
            }),
    );
    options
}

/// The objectives and entries `feedback` is already linked to, for the form to show.
pub fn linked_labels(feedback: &Feedback, records: &Records) -> Vec<String> {
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
            .map(entry_label)
            .unwrap_or_else(|| format!("Diary entry {} (not loaded or deleted)", id.short()))
    });
    objectives.chain(entries).collect()
}

impl ActForm {
    pub fn new(feedback: Feedback, records: &Records, offers_new_objective: bool) -> ActForm {
        let options = link_options(&feedback, records, offers_new_objective);
        ActForm {
            links: Picker::new(options, &[], false),
            note: text_area(&feedback.action),
            feedback,
            focus: ActField::Links,
            dirty: false,
            draft_id: Id::generate(),
            error: None,
            offers_new_objective,
        }
    }

    /// A form holding a draft that was offered back, for `feedback` as it is now.
    pub fn from_draft(
        draft: &Draft,
        feedback: Feedback,
        records: &Records,
        offers_new_objective: bool,
    ) -> ActForm {
        let mut form = ActForm::new(feedback, records, offers_new_objective);
        let ticked: Vec<String> = draft
            .field("links")
            .lines()
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect();
        form.links = Picker::new(form.links.options.clone(), &ticked, false);
        form.note = text_area(draft.field("note"));
        form.draft_id = draft.id.clone();
        form.dirty = true;
        form
    }

    pub fn note_text(&self) -> String {
        self.note.lines().join("\n").trim_end().to_string()
    }

    /// What saving asks for, applied to `current` (the feedback as it is now),
    /// or a message for the learner (nothing is saved then).
    pub fn outcome(
        &self,
        current: &Feedback,
        now: DateTime<FixedOffset>,
    ) -> Result<ActOutcome, String> {
        let ticked = self.links.selected();
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
        let note = self.note_text();
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

impl FormState for ActForm {
    fn handle_key(&mut self, key: &KeyEvent) -> bool {
        let changed = match self.focus {
            ActField::Links => self.links.handle_key(key),
            ActField::Note => self.note.input(*key),
        };
        if changed {
            self.dirty = true;
            self.error = None;
        }
        changed
    }

    fn next_field(&mut self, _step: isize) {
        self.focus = match self.focus {
            ActField::Links => ActField::Note,
            ActField::Note => ActField::Links,
        };
    }

    fn dirty(&self) -> bool {
        self.dirty
    }

    fn focused_text(&mut self) -> Option<super::FocusedText<'_>> {
        if self.focus != ActField::Note {
            return None;
        }
        Some(super::FocusedText {
            area: &mut self.note,
            multi_line: true,
        })
    }
    fn text_changed(&mut self) {
        self.dirty = true;
        self.error = None;
    }
    fn paste(&mut self, text: &str) -> bool {
        if self.focus != ActField::Note {
            return false;
        }
        let changed = self
            .note
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
            DraftForm::Feedback,
            vec![
                DraftField {
                    name: "act".into(),
                    text: "yes".into(),
                },
                DraftField {
                    name: "links".into(),
                    text: self.links.selected().join("\n"),
                },
                DraftField {
                    name: "note".into(),
                    text: self.note_text(),
                },
            ],
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
        Feedback::new(
            Id::from_parts(3, [3; 10]),
            now().date_naive(),
            now(),
            FeedbackSource::Customer,
            FeedbackMethod::Complaint,
            Valence::Negative,
            "Rude".into(),
        )
        .reflect("I was short with her.", now())
        .expect("reflect")
    }

    fn space(form: &mut ActForm) {
        form.handle_key(&KeyEvent::new(KeyCode::Char(' '), KeyModifiers::NONE));
    }

    fn down(form: &mut ActForm) {
        form.handle_key(&KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
    }

    #[test]
    fn options_are_a_new_objective_then_objectives_then_entries() {
        let form = ActForm::new(reflected(), &records(), true);
        let labels: Vec<&str> = form
            .links
            .options
            .iter()
            .map(|o| o.label.as_str())
            .collect();
        assert_eq!(labels[0], "+ A new objective, started from this feedback");
        assert_eq!(labels[1], "Objective: Raise my CSAT");
        assert!(labels[2].ends_with("Rang her back"), "{labels:?}");
    }

    #[test]
    fn nothing_ticked_is_explained_and_ticks_link_with_the_note() {
        let f = reflected();
        let mut form = ActForm::new(f.clone(), &records(), true);
        let err = form.outcome(&f, now()).expect_err("nothing ticked");
        assert!(err.starts_with("Tick what this feedback led to"), "{err}");

        down(&mut form);
        space(&mut form); // the objective
        down(&mut form);
        space(&mut form); // the diary entry
        form.next_field(1);
        for c in "Apologised".chars() {
            form.handle_key(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
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
        let mut form = ActForm::new(f.clone(), &records(), true);
        space(&mut form);
        let outcome = form.outcome(&f, now()).expect("ok");
        assert!(outcome.new_objective);
        assert_eq!(outcome.feedback, None);
    }

    #[test]
    fn a_draft_brings_back_ticks_and_note() {
        let f = reflected();
        let mut form = ActForm::new(f.clone(), &records(), true);
        down(&mut form);
        space(&mut form);
        form.next_field(1);
        form.paste("Rang back\r\nand apologised");
        let draft = form.to_draft(now()).expect("draft");
        let back = ActForm::from_draft(&draft, f.clone(), &records(), true);
        assert_eq!(back.links.selected(), form.links.selected());
        assert_eq!(back.note_text(), "Rang back\nand apologised");
        assert_eq!(back.outcome(&f, now()), form.outcome(&f, now()));
    }
}
