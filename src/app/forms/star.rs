//! The STAR diary form: state and editing. Rendering is in `ui/star_form.rs`.

use super::picker::{PickOption, Picker};
use crate::domain::{CriteriaSet, DiaryEntry, Draft, Id, Objective, StarPart, dates};
use chrono::{DateTime, FixedOffset, NaiveDate};
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::{TextArea, WrapMode};

/// The form's fields in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Date,
    Star(StarPart),
    Notes,
    Tags,
    Objectives,
    Criteria,
}

impl Field {
    pub fn label(self) -> &'static str {
        match self {
            Field::Date => "Date",
            Field::Star(p) => p.label(),
            Field::Notes => "Notes",
            Field::Tags => "Tags",
            Field::Objectives => "Objectives",
            Field::Criteria => "Criteria",
        }
    }
}

#[derive(Debug)]
pub struct StarForm {
    /// The entry as it was before editing (or a blank new one): keeps the id,
    /// creation time and any fields the form does not show.
    pub base: DiaryEntry,
    /// True when editing an entry that exists on disk.
    pub editing: bool,
    pub date: TextArea<'static>,
    pub parts: [TextArea<'static>; 5],
    /// Free text (entries made with `starlog add`); shown when it has any.
    pub notes: TextArea<'static>,
    pub show_notes: bool,
    pub tags: TextArea<'static>,
    pub objectives: Picker,
    pub criteria: Picker,
    pub focus: Field,
    /// Typed since opened or since the last draft was written.
    pub dirty: bool,
    pub draft_id: Id,
    /// Why the last save failed; the text stays in the form.
    pub save_error: Option<String>,
}

fn text_area(text: &str, single_line: bool) -> TextArea<'static> {
    let lines: Vec<String> = if text.is_empty() {
        vec![String::new()]
    } else {
        text.split('\n').map(str::to_string).collect()
    };
    let mut area = TextArea::new(lines);
    if !single_line {
        area.set_wrap_mode(WrapMode::WordOrGlyph);
    }
    area.set_cursor_line_style(ratatui::style::Style::default());
    area
}

fn area_text(area: &TextArea<'_>) -> String {
    area.lines().join("\n")
}

pub fn objective_options(objectives: &[Objective]) -> Vec<PickOption> {
    objectives
        .iter()
        .filter(|o| o.status.is_open() || o.status == crate::domain::ObjectiveStatus::Achieved)
        .map(|o| PickOption {
            value: o.id.to_string(),
            label: o.statement.clone(),
        })
        .collect()
}

pub fn criteria_options(set: Option<&CriteriaSet>) -> Vec<PickOption> {
    set.map(|s| {
        s.assessable()
            .map(|c| PickOption {
                value: c.id.clone(),
                label: format!("{} {}", c.id, c.title),
            })
            .collect()
    })
    .unwrap_or_default()
}

impl StarForm {
    /// A form for `entry`; `editing` when it already exists on disk.
    pub fn new(
        entry: DiaryEntry,
        editing: bool,
        objectives: &[Objective],
        criteria: Option<&CriteriaSet>,
    ) -> StarForm {
        let parts = StarPart::ALL.map(|p| text_area(entry.part(p), false));
        let linked: Vec<String> = entry.objectives.iter().map(Id::to_string).collect();
        let show_notes = !entry.text.trim().is_empty();
        let mut form = StarForm {
            date: text_area(&entry.date.format("%Y-%m-%d").to_string(), true),
            parts,
            notes: text_area(&entry.text, false),
            show_notes,
            tags: text_area(&entry.tags.join(", "), true),
            objectives: Picker::new(objective_options(objectives), &linked, false),
            criteria: Picker::new(criteria_options(criteria), &entry.criteria, false),
            focus: Field::Star(StarPart::Situation),
            dirty: false,
            draft_id: Id::generate(),
            save_error: None,
            editing,
            base: entry,
        };
        if show_notes && !form.base.is_star() {
            form.focus = Field::Notes;
        }
        form
    }

    /// A form holding a draft that was offered back.
    pub fn from_draft(
        draft: &Draft,
        objectives: &[Objective],
        criteria: Option<&CriteriaSet>,
    ) -> StarForm {
        let mut form = StarForm::new(
            draft.entry.clone(),
            draft.editing.is_some(),
            objectives,
            criteria,
        );
        form.date = text_area(&draft.date_text, true);
        form.draft_id = draft.id.clone();
        form.dirty = true;
        form
    }

    /// The fields in Tab order (Notes only for free-text entries).
    pub fn fields(&self) -> Vec<Field> {
        let mut fields = vec![Field::Date];
        fields.extend(StarPart::ALL.map(Field::Star));
        if self.show_notes {
            fields.push(Field::Notes);
        }
        fields.extend([Field::Tags, Field::Objectives, Field::Criteria]);
        fields
    }

    pub fn next_field(&mut self, step: isize) {
        let fields = self.fields();
        let i = fields.iter().position(|f| *f == self.focus).unwrap_or(0) as isize;
        let n = fields.len() as isize;
        self.focus = fields[((i + step).rem_euclid(n)) as usize];
    }

    pub fn text_area(&self, field: Field) -> Option<&TextArea<'static>> {
        match field {
            Field::Date => Some(&self.date),
            Field::Star(p) => Some(&self.parts[star_index(p)]),
            Field::Notes => Some(&self.notes),
            Field::Tags => Some(&self.tags),
            Field::Objectives | Field::Criteria => None,
        }
    }

    fn text_area_mut(&mut self, field: Field) -> Option<&mut TextArea<'static>> {
        match field {
            Field::Date => Some(&mut self.date),
            Field::Star(p) => Some(&mut self.parts[star_index(p)]),
            Field::Notes => Some(&mut self.notes),
            Field::Tags => Some(&mut self.tags),
            Field::Objectives | Field::Criteria => None,
        }
    }

    /// Gives a key to the focused field. Returns true when the text changed.
    pub fn handle_key(&mut self, key: &KeyEvent) -> bool {
        let single_line = matches!(self.focus, Field::Date | Field::Tags);
        if single_line && key.code == KeyCode::Enter {
            self.next_field(1);
            return false;
        }
        let changed = match self.focus {
            Field::Objectives => self.objectives.handle_key(key),
            Field::Criteria => self.criteria.handle_key(key),
            field => match self.text_area_mut(field) {
                Some(area) => area.input(*key),
                None => false,
            },
        };
        if changed {
            self.dirty = true;
            self.save_error = None;
        }
        changed
    }

    /// The focused text field, for paste and $EDITOR (see `FormState`).
    pub fn focused_text(&mut self) -> Option<super::FocusedText<'_>> {
        let multi_line = !matches!(self.focus, Field::Date | Field::Tags);
        self.text_area_mut(self.focus)
            .map(|area| super::FocusedText { area, multi_line })
    }

    /// Inserts pasted text into the focused text field.
    pub fn paste(&mut self, text: &str) -> bool {
        let single_line = matches!(self.focus, Field::Date | Field::Tags);
        let text = if single_line {
            text.replace(['\r', '\n'], " ")
        } else {
            text.replace("\r\n", "\n").replace('\r', "\n")
        };
        let changed = match self.text_area_mut(self.focus) {
            Some(area) => area.insert_str(text),
            None => false,
        };
        if changed {
            self.dirty = true;
        }
        changed
    }

    pub fn part_text(&self, part: StarPart) -> String {
        area_text(&self.parts[star_index(part)])
    }

    pub fn date_text(&self) -> String {
        area_text(&self.date).trim().to_string()
    }

    /// The date typed, or what is wrong with it.
    pub fn parsed_date(&self, today: NaiveDate) -> Result<NaiveDate, String> {
        dates::parse_natural_day(&self.date_text(), today)
    }

    /// The entry as the form stands, with `date` as given.
    fn entry_with_date(&self, date: NaiveDate, now: DateTime<FixedOffset>) -> DiaryEntry {
        let mut entry = self.base.clone();
        entry.date = date;
        for part in StarPart::ALL {
            *entry.part_mut(part) = self.part_text(part);
        }
        if self.show_notes {
            entry.text = area_text(&self.notes);
        }
        entry.tags = crate::domain::clean_tags(&[area_text(&self.tags)]);
        entry.objectives = self
            .objectives
            .selected()
            .iter()
            .filter_map(|v| Id::parse(v).ok())
            .collect();
        entry.criteria = self.criteria.selected();
        entry.updated = now;
        entry
    }

    /// The entry to save, or a message for the learner.
    pub fn to_entry(
        &self,
        today: NaiveDate,
        now: DateTime<FixedOffset>,
    ) -> Result<DiaryEntry, String> {
        let date = self.parsed_date(today).map_err(|e| format!("Date: {e}"))?;
        let entry = self.entry_with_date(date, now);
        if entry.word_count() == 0 {
            return Err("The entry is empty: write at least one field".into());
        }
        Ok(entry)
    }

    /// The entry for hints and word counts (date errors do not matter there).
    pub fn preview_entry(&self) -> DiaryEntry {
        self.entry_with_date(self.base.date, self.base.updated)
    }

    /// True when nothing has been typed into a new form.
    pub fn is_untouched(&self) -> bool {
        !self.dirty
    }

    pub fn to_draft(&self, now: DateTime<FixedOffset>) -> Draft {
        Draft {
            format: crate::domain::FORMAT,
            id: self.draft_id.clone(),
            saved_at: now,
            editing: self.editing.then(|| self.base.id.clone()),
            date_text: self.date_text(),
            entry: self.entry_with_date(self.base.date, now),
            form: crate::domain::DraftForm::Star,
            fields: Vec::new(),
        }
    }
}

fn star_index(part: StarPart) -> usize {
    StarPart::ALL.iter().position(|p| *p == part).unwrap_or(0)
}
