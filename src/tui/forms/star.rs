//! The STAR diary form: the day, the five STAR parts with their questions,
//! free notes (entries made with `starlog add`), tags and links; quality
//! hints beside it never block saving.

use super::field::{Field, Fields, LineKind};
use super::picker::objective_options;
use super::{Advice, Engine, FieldError, Form, RecordForm, Spec, Tone};
use crate::domain::{
    AnyRecord, CriteriaSet, DiaryEntry, Draft, DraftForm, Objective, StarPart, StarPrompts,
};
use crate::tui::App;
use chrono::{DateTime, FixedOffset, NaiveDate};

/// The STAR form's spec: the entry as it was before editing (or a blank new
/// one) keeps the id, creation time and any fields the form does not show.
#[derive(Debug)]
pub struct Star {
    pub base: DiaryEntry,
    /// True when editing an entry that exists on disk.
    pub editing: bool,
}

fn part_name(part: StarPart) -> &'static str {
    match part {
        StarPart::Situation => "situation",
        StarPart::Task => "task",
        StarPart::Action => "action",
        StarPart::Result => "result",
        StarPart::Reflection => "reflection",
    }
}

fn prompt(prompts: &StarPrompts, part: StarPart) -> &str {
    match part {
        StarPart::Situation => &prompts.situation,
        StarPart::Task => &prompts.task,
        StarPart::Action => &prompts.action,
        StarPart::Result => &prompts.result,
        StarPart::Reflection => &prompts.reflection,
    }
}

fn fields(
    entry: &DiaryEntry,
    date_text: &str,
    objectives: &[Objective],
    criteria: Option<&CriteriaSet>,
    prompts: &StarPrompts,
) -> Fields {
    let mut list = vec![Field::typed_line(
        "date",
        "Date",
        "Which day is this about? 2026-11-22, 22/11/2026, today, yesterday, -2d",
        date_text,
        LineKind::Date,
    )];
    for part in StarPart::ALL {
        list.push(Field::text(
            part_name(part),
            part.label(),
            prompt(prompts, part),
            entry.part(part),
        ));
    }
    let free_text = !entry.text.trim().is_empty();
    if free_text {
        list.push(Field::text(
            "notes",
            "Notes",
            "Free text written with `starlog add`. Keep it, or move it into the STAR fields.",
            &entry.text,
        ));
    }
    list.extend([
        Field::line(
            "tags",
            "Tags",
            "Words to find this by, separated by commas: complaint, HEAT, phone",
            &entry.tags.join(", "),
        ),
        Field::pick_ids(
            "objectives",
            "Objectives",
            "Which objectives of your plan is this evidence for?",
            objective_options(objectives),
            &entry.objectives,
            "No open objectives in your plan yet.",
        ),
        Field::criteria(
            "Which assessment criteria does this show?",
            criteria,
            &entry.criteria,
        ),
    ]);
    let mut fields = Fields::new(list);
    // A free-text entry opens on its notes; a STAR entry on its Situation.
    fields.focus_on(if free_text && !entry.is_star() {
        "notes"
    } else {
        "situation"
    });
    fields
}

/// A form for `entry`; `editing` when it already exists on disk.
pub fn open(entry: DiaryEntry, editing: bool, app: &App) -> Form {
    let fields = fields(
        &entry,
        &entry.date.format("%Y-%m-%d").to_string(),
        &app.model.records.objectives,
        app.criteria.as_ref(),
        &app.prompts,
    );
    Form::Star(Box::new(Engine::build(
        Star {
            base: entry,
            editing,
        },
        fields,
    )))
}

/// The form of a draft that was offered back. Drafts written before the
/// engine kept only the entry; those are read from it.
pub fn from_draft(draft: &Draft, app: &App) -> Form {
    let fields = fields(
        &draft.entry,
        &draft.date_text,
        &app.model.records.objectives,
        app.criteria.as_ref(),
        &app.prompts,
    );
    let spec = Star {
        base: draft.entry.clone(),
        editing: draft.editing.is_some(),
    };
    let mut engine = Engine::restored(spec, fields, draft);
    engine.fields.dirty = true;
    Form::Star(Box::new(engine))
}

impl Star {
    /// The entry as the fields stand, dated `date`.
    fn entry(&self, fields: &Fields, date: NaiveDate, now: DateTime<FixedOffset>) -> DiaryEntry {
        let mut entry = self.base.clone();
        entry.date = date;
        for part in StarPart::ALL {
            *entry.part_mut(part) = fields.text(part_name(part));
        }
        if fields.get("notes").is_some() {
            entry.text = fields.text("notes");
        }
        entry.tags = crate::domain::clean_tags(&[fields.text("tags")]);
        entry.objectives = fields.picked_ids("objectives");
        entry.criteria = fields.picked("criteria");
        entry.updated = now;
        entry
    }

    /// The entry to save, or the field to fix and why.
    pub fn to_entry(
        &self,
        fields: &Fields,
        today: NaiveDate,
        now: DateTime<FixedOffset>,
    ) -> Result<DiaryEntry, FieldError> {
        let date = fields.day("date", today)?;
        let entry = self.entry(fields, date, now);
        if entry.word_count() == 0 {
            return Err(FieldError::new(
                "situation",
                "The entry is empty: write at least one field",
            ));
        }
        Ok(entry)
    }

    /// The entry for hints and word counts (the date does not matter there).
    fn preview(&self, fields: &Fields) -> DiaryEntry {
        self.entry(fields, self.base.date, self.base.updated)
    }
}

impl Spec for Star {
    fn record(&self) -> Option<RecordForm> {
        let titles = ["New STAR entry", "Edit diary entry"];
        RecordForm::of(DraftForm::Star, titles, self.editing, &self.base.id)
    }

    fn submit(&mut self, fields: &Fields, app: &mut App) -> Result<String, FieldError> {
        let entry = self.to_entry(fields, app.today, app.now)?;
        let id = entry.id.clone();
        app.save_record(AnyRecord::Diary(entry), self.editing)
            .map_err(|m| FieldError::new("", m))?;
        app.select_record(&id);
        if app.quick_capture {
            app.exit = Some(crate::tui::Exit::Done);
        }
        Ok(if self.editing {
            "Changes saved".into()
        } else {
            "Entry saved".into()
        })
    }

    fn advice(&self, fields: &Fields, app: &App) -> Option<Advice> {
        let hints = crate::domain::star::star_hints(&self.preview(fields));
        let future = fields
            .day("date", app.today)
            .ok()
            .filter(|day| *day > app.today);
        if hints.is_empty() && future.is_none() {
            return None;
        }
        let mut advice = Advice::new("Hints");
        advice.text(Tone::Dim, "They never stop a save.");
        // A diary is about what happened: a day to come is usually a slip.
        if let Some(day) = future {
            advice.line(vec![
                (Tone::Hint, "date ".into()),
                (
                    Tone::Plain,
                    format!(
                        "{} is in the future: is that the day it happened?",
                        day.format("%-d %b %Y")
                    ),
                ),
            ]);
        }
        for h in hints {
            advice.line(vec![(Tone::Hint, "hint ".into()), (Tone::Plain, h.message)]);
        }
        Some(advice)
    }

    fn footer(&self, fields: &Fields) -> Option<String> {
        Some(format!("{} words", self.preview(fields).word_count()))
    }

    /// Drafts also keep the entry and the date as typed, as drafts always
    /// have (docs/FORMAT.md), so an older starlog can still read them.
    fn fill_draft(&self, fields: &Fields, draft: &mut Draft) {
        draft.date_text = fields.text("date");
        draft.entry = self.entry(fields, self.base.date, draft.saved_at);
    }
}
