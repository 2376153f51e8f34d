//! The engine's field model: one-line text (plain, short, date, number),
//! multi-line text, a choice among a few values, and ticks in a list. This
//! module does the typing, Tab order, pasting, what happens on entering a
//! field, checks of dates and numbers as the learner types, and turning the
//! fields into a draft and back, the same way for every form.

use super::FieldError;
use super::picker::{PickOption, Picker, criteria_options};
use crate::domain::CriteriaSet;
use crate::domain::{DraftField, dates};
use crate::tui::Action;
use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

/// What a one-line field must hold, so it can be checked as it is typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// Free text: entering it puts the cursor at the end.
    Plain,
    /// A short value (a metric's name, a level) that is usually replaced
    /// whole: entering it selects it, so the first key replaces it.
    Short,
    /// A day, typed naturally (`31/12/2026`, `+3w`, `end of month`).
    Date,
    /// A day, or nothing.
    OptionalDate,
    /// Hours, e.g. `1.5`, or nothing.
    Hours,
    /// A whole percentage 0-100, or nothing.
    Percent,
    /// A number as people write it (`86`, `1,250`, `86,5`), or nothing.
    Number,
}

impl LineKind {
    /// Short values are selected on entry; free text is not.
    fn selects_on_entry(self) -> bool {
        self != LineKind::Plain
    }
}

/// Which keys a field takes, for the key table's field rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Text,
    Choice,
    Ticks,
}

/// How a field takes input.
#[derive(Debug)]
pub enum Input {
    Line(TextArea<'static>, LineKind),
    Text(TextArea<'static>),
    /// One of a few values: ↑/↓, ←/→ or Space change it; a letter picks
    /// the next value starting with it.
    Choice {
        options: Vec<String>,
        index: usize,
    },
    /// Ticks in a list: ↑/↓ move, Space ticks, a letter moves to the next
    /// line starting with it.
    Pick(Picker),
}

/// Which field of a form: its name in the spec and, for a field of a
/// repeated row (the review's outcome and reason per objective), the row.
/// `FieldError` names fields by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FieldId {
    pub name: &'static str,
    pub row: Option<usize>,
}

impl FieldId {
    /// No field: the form as a whole (a save that failed on disk).
    pub const NONE: FieldId = FieldId {
        name: "",
        row: None,
    };

    /// The field `name` in row `row`.
    pub const fn at_row(name: &'static str, row: usize) -> FieldId {
        FieldId {
            name,
            row: Some(row),
        }
    }

    pub fn is_none(self) -> bool {
        self.name.is_empty()
    }
}

impl From<&'static str> for FieldId {
    fn from(name: &'static str) -> FieldId {
        FieldId { name, row: None }
    }
}

/// A field outside any row compares equal to its name.
impl PartialEq<&str> for FieldId {
    fn eq(&self, other: &&str) -> bool {
        self.row.is_none() && self.name == *other
    }
}

/// One field of a form.
#[derive(Debug)]
pub struct Field {
    /// Stable name, used in drafts and in `FieldError`.
    pub name: &'static str,
    /// The row it belongs to, and the row's key in drafts (an objective's
    /// id): the draft keeps it as `name:key`.
    pub row: Option<(usize, String)>,
    pub label: &'static str,
    /// Shown in the field list instead of the label (a row's objective).
    pub caption: Option<String>,
    /// The question shown above the field.
    pub hint: String,
    pub input: Input,
    /// Shown beside a Pick field when it has nothing to tick.
    pub empty: &'static str,
    /// A letter typed into a choice or list that matched nothing (shown, so
    /// a typed key never changes a value silently or vanishes unexplained).
    pub missed: Option<char>,
}

/// The one text-area builder: every text field of every form is made here.
pub fn text_area(text: &str, single_line: bool) -> TextArea<'static> {
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

/// What entering a text field does: the cursor goes to the end of the text,
/// and a short value is selected so the first key typed replaces it.
pub fn enter_text(area: &mut TextArea<'static>, select: bool) {
    area.cancel_selection();
    area.move_cursor(CursorMove::Bottom);
    area.move_cursor(CursorMove::End);
    if select && area.lines().iter().any(|l| !l.is_empty()) {
        area.select_all();
    }
}

/// A text-editing key from the key table's field rows, on a text area.
/// Returns true when the text changed.
pub fn text_action(area: &mut TextArea<'static>, action: &Action) -> bool {
    match action {
        Action::LineStart => {
            area.move_cursor(CursorMove::Head);
            false
        }
        Action::LineEnd => {
            area.move_cursor(CursorMove::End);
            false
        }
        Action::DeleteToLineStart => area.delete_line_by_head(),
        Action::DeleteToLineEnd => area.delete_line_by_end(),
        Action::DeleteWord => area.delete_word(),
        Action::UndoTyping => area.undo(),
        Action::RedoTyping => area.redo(),
        _ => false,
    }
}

/// The first option at or after `from + 1` (wrapping) whose label starts
/// with `c`, ignoring case.
fn next_starting_with(labels: &[&str], from: usize, c: char) -> Option<usize> {
    let n = labels.len();
    let c = c.to_lowercase().next().unwrap_or(c);
    (1..=n).map(|k| (from + k) % n).find(|i| {
        labels[*i]
            .chars()
            .find(|ch| ch.is_alphanumeric())
            .is_some_and(|f| f.to_lowercase().next() == Some(c))
    })
}

impl Field {
    pub fn line(name: &'static str, label: &'static str, hint: &str, text: &str) -> Field {
        Field::typed_line(name, label, hint, text, LineKind::Plain)
    }

    /// A short value usually replaced whole (a metric, a figure, a level):
    /// entering it selects it.
    pub fn short(name: &'static str, label: &'static str, hint: &str, text: &str) -> Field {
        Field::typed_line(name, label, hint, text, LineKind::Short)
    }

    pub fn typed_line(
        name: &'static str,
        label: &'static str,
        hint: &str,
        text: &str,
        kind: LineKind,
    ) -> Field {
        Field::with_input(name, label, hint, Input::Line(text_area(text, true), kind))
    }

    /// A choice among `all` showing `current`, each named by `label_of`.
    pub fn choice_of<T: PartialEq>(
        name: &'static str,
        label: &'static str,
        hint: &str,
        all: &[T],
        current: &T,
        label_of: impl Fn(&T) -> String,
    ) -> Field {
        let index = all.iter().position(|t| t == current).unwrap_or(0);
        Field::choice(name, label, hint, all.iter().map(label_of).collect(), index)
    }

    /// A date field holding `day`, written as 2026-11-22.
    pub fn date(name: &'static str, label: &'static str, hint: &str, day: NaiveDate) -> Field {
        Field::optional_date(name, label, hint, Some(day)).must_hold_a_day()
    }

    /// A date field that may be left empty.
    pub fn optional_date(
        name: &'static str,
        label: &'static str,
        hint: &str,
        day: Option<NaiveDate>,
    ) -> Field {
        let text = day.map(|d| d.format("%Y-%m-%d").to_string());
        let text = text.as_deref().unwrap_or("");
        Field::typed_line(name, label, hint, text, LineKind::OptionalDate)
    }

    /// The same date field, refusing to be left empty.
    fn must_hold_a_day(mut self) -> Field {
        if let Input::Line(_, kind) = &mut self.input {
            *kind = LineKind::Date;
        }
        self
    }

    pub fn text(name: &'static str, label: &'static str, hint: &str, text: &str) -> Field {
        Field::with_input(name, label, hint, Input::Text(text_area(text, false)))
    }

    pub fn choice(
        name: &'static str,
        label: &'static str,
        hint: &str,
        options: Vec<String>,
        index: usize,
    ) -> Field {
        let index = index.min(options.len().saturating_sub(1));
        Field::with_input(name, label, hint, Input::Choice { options, index })
    }

    pub fn pick(
        name: &'static str,
        label: &'static str,
        hint: &str,
        options: Vec<PickOption>,
        selected: &[String],
        empty: &'static str,
    ) -> Field {
        let mut field = Field::with_input(
            name,
            label,
            hint,
            Input::Pick(Picker::new(options, selected, false)),
        );
        field.empty = empty;
        field
    }

    /// Ticks in a list of records, `ticked` by id.
    pub fn pick_ids(
        name: &'static str,
        label: &'static str,
        hint: &str,
        options: Vec<PickOption>,
        ticked: &[crate::domain::Id],
        empty: &'static str,
    ) -> Field {
        let ticked: Vec<String> = ticked.iter().map(ToString::to_string).collect();
        Field::pick(name, label, hint, options, &ticked, empty)
    }

    /// The same list where only one line can be ticked (or none).
    pub fn single(mut self) -> Field {
        if let Input::Pick(p) = &mut self.input {
            p.single = true;
        }
        self
    }

    /// The assessment criteria a record gives evidence for, ticked in the
    /// workspace's criteria set: the last field of every record form.
    pub fn criteria(hint: &str, criteria: Option<&CriteriaSet>, selected: &[String]) -> Field {
        Field::pick(
            "criteria",
            "Criteria",
            hint,
            criteria_options(criteria),
            selected,
            "No criteria set: press p on a screen to choose one.",
        )
    }

    fn with_input(name: &'static str, label: &'static str, hint: &str, input: Input) -> Field {
        Field {
            name,
            row: None,
            label,
            caption: None,
            hint: hint.to_string(),
            input,
            empty: "",
            missed: None,
        }
    }

    /// The field as one of a repeated row: row `index`, kept in drafts
    /// under `name:key`, listed as `caption`.
    pub fn in_row(mut self, index: usize, key: &str, caption: String) -> Field {
        self.row = Some((index, key.to_string()));
        self.caption = Some(caption);
        self
    }

    pub fn id(&self) -> FieldId {
        FieldId {
            name: self.name,
            row: self.row.as_ref().map(|(i, _)| *i),
        }
    }

    /// The name a draft keeps the field under.
    pub fn draft_name(&self) -> String {
        match &self.row {
            Some((_, key)) => format!("{}:{key}", self.name),
            None => self.name.to_string(),
        }
    }

    /// What the field list calls it.
    pub fn list_label(&self) -> &str {
        self.caption.as_deref().unwrap_or(self.label)
    }

    pub fn kind(&self) -> FieldKind {
        match self.input {
            Input::Line(..) | Input::Text(_) => FieldKind::Text,
            Input::Choice { .. } => FieldKind::Choice,
            Input::Pick(_) => FieldKind::Ticks,
        }
    }

    /// Entering the field (Tab, Shift-Tab, a click, the form opening).
    pub fn enter(&mut self) {
        self.missed = None;
        match &mut self.input {
            Input::Line(area, kind) => enter_text(area, kind.selects_on_entry()),
            Input::Text(area) => enter_text(area, false),
            Input::Choice { .. } | Input::Pick(_) => {}
        }
    }

    /// Replaces the field's text (a choice: picks the option of that label;
    /// ticks: one value per line).
    pub fn set_text(&mut self, text: &str) {
        match &mut self.input {
            Input::Line(area, _) => *area = text_area(text, true),
            Input::Text(area) => *area = text_area(text, false),
            Input::Choice { options, index } => {
                if let Some(i) = options.iter().position(|o| o == text) {
                    *index = i;
                }
            }
            Input::Pick(p) => {
                let values: Vec<String> = text
                    .lines()
                    .filter(|l| !l.is_empty())
                    .map(str::to_string)
                    .collect();
                *p = Picker::new(p.options.clone(), &values, p.single);
            }
        }
    }

    /// The field's text (a choice's label; ticked values one per line).
    pub fn text_value(&self) -> String {
        match &self.input {
            Input::Line(a, _) => a.lines().join(" ").trim().to_string(),
            Input::Text(a) => a.lines().join("\n"),
            Input::Choice { options, index } => options.get(*index).cloned().unwrap_or_default(),
            Input::Pick(p) => p.selected().join("\n"),
        }
    }

    /// A one-line summary for the field list.
    pub fn summary(&self) -> String {
        match &self.input {
            Input::Pick(p) => {
                let picked = p.selected_labels();
                match picked.len() {
                    0 => String::new(),
                    1 => picked[0].clone(),
                    n => format!("{n} ticked"),
                }
            }
            _ => self
                .text_value()
                .lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("")
                .trim()
                .to_string(),
        }
    }

    /// What is wrong with the value as typed, if anything (dates, numbers).
    pub fn problem(&self, today: NaiveDate) -> Option<String> {
        let Input::Line(_, kind) = &self.input else {
            return None;
        };
        let text = self.text_value();
        match kind {
            LineKind::Plain | LineKind::Short => None,
            LineKind::Date => dates::parse_natural_day(&text, today).err(),
            LineKind::OptionalDate if text.is_empty() => None,
            LineKind::OptionalDate => dates::parse_natural_day(&text, today).err(),
            LineKind::Hours => parse_hours(&text).err(),
            LineKind::Percent => parse_percent(&text).err(),
            LineKind::Number if text.is_empty() => None,
            LineKind::Number => crate::domain::numbers::parse_number(&text).err(),
        }
    }

    /// A note when the text as typed looks like a customer's personal data
    /// (shown at the field; it never stops a save).
    pub fn personal_data_note(&self) -> Option<String> {
        match &self.input {
            Input::Line(_, LineKind::Plain | LineKind::Short) | Input::Text(_) => {
                crate::domain::privacy::capture_note(&self.text_value())
                    .map(|note| format!("{}: {note}", self.label))
            }
            _ => None,
        }
    }

    /// A key from the key table's field rows (see `keymap`). Returns true
    /// when the value changed.
    fn action(&mut self, action: &Action) -> bool {
        self.missed = None;
        match &mut self.input {
            Input::Choice { options, index } => {
                let n = options.len();
                if n == 0 {
                    return false;
                }
                let next = match action {
                    Action::NextOption | Action::Down => (*index + 1) % n,
                    Action::PreviousOption | Action::Up => (*index + n - 1) % n,
                    Action::Tick => (*index + 1) % n,
                    _ => return false,
                };
                let changed = next != *index;
                *index = next;
                changed
            }
            Input::Pick(p) => match action {
                Action::Down | Action::NextOption => {
                    p.move_cursor(1);
                    false
                }
                Action::Up | Action::PreviousOption => {
                    p.move_cursor(-1);
                    false
                }
                Action::Tick => p.toggle(),
                _ => false,
            },
            Input::Line(area, _) | Input::Text(area) => text_action(area, action),
        }
    }

    /// A key that the key table left to the field: typing in text; in a
    /// choice or list, a letter picks the next line starting with it.
    fn key(&mut self, key: &KeyEvent) -> bool {
        self.missed = None;
        let typed = match key.code {
            KeyCode::Char(c)
                if !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                Some(c)
            }
            _ => None,
        };
        match &mut self.input {
            Input::Line(area, _) | Input::Text(area) => area.input(*key),
            Input::Choice { options, index } => {
                let Some(c) = typed else { return false };
                let labels: Vec<&str> = options.iter().map(String::as_str).collect();
                match next_starting_with(&labels, *index, c) {
                    Some(i) => {
                        let changed = i != *index;
                        *index = i;
                        changed
                    }
                    None => {
                        self.missed = Some(c);
                        false
                    }
                }
            }
            Input::Pick(p) => {
                let Some(c) = typed else { return false };
                let labels: Vec<&str> = p.options.iter().map(|o| o.label.as_str()).collect();
                match next_starting_with(&labels, p.cursor, c) {
                    Some(i) => p.cursor = i,
                    None => self.missed = Some(c),
                }
                false
            }
        }
    }
}

/// Hours and percentages are read by the domain, the same for every caller.
pub use crate::domain::numbers::{parse_hours, parse_percent};

/// The fields of one form and where the focus is.
#[derive(Debug)]
pub struct Fields {
    pub list: Vec<Field>,
    pub focus: usize,
    /// Typed since the form opened.
    pub dirty: bool,
}

impl Fields {
    /// The fields, with the first one entered.
    pub fn new(list: Vec<Field>) -> Fields {
        let mut fields = Fields {
            list,
            focus: 0,
            dirty: false,
        };
        fields.enter_focused();
        fields
    }

    pub fn focused(&self) -> Option<&Field> {
        self.list.get(self.focus)
    }

    pub fn focused_name(&self) -> &'static str {
        self.focused().map_or("", |f| f.name)
    }

    pub fn focused_kind(&self) -> FieldKind {
        self.focused().map_or(FieldKind::Text, Field::kind)
    }

    /// The field of that name outside any row.
    pub fn get(&self, name: &str) -> Option<&Field> {
        self.list.iter().find(|f| f.id() == name)
    }

    pub fn get_mut(&mut self, name: &str) -> Option<&mut Field> {
        self.list.iter_mut().find(|f| f.id() == name)
    }

    pub fn get_id(&self, id: FieldId) -> Option<&Field> {
        self.list.iter().find(|f| f.id() == id)
    }

    /// The focused field's id.
    pub fn focused_id(&self) -> FieldId {
        self.focused().map_or(FieldId::NONE, Field::id)
    }

    /// A field's text ("" when there is no such field).
    pub fn text(&self, name: &str) -> String {
        self.get(name).map(Field::text_value).unwrap_or_default()
    }

    /// The trimmed text of a field a record cannot be saved without, or
    /// `message` at that field when it is empty.
    pub fn required(&self, name: &'static str, message: &str) -> Result<String, FieldError> {
        let text = self.text(name).trim().to_string();
        if text.is_empty() {
            return Err(FieldError::new(name, message));
        }
        Ok(text)
    }

    /// The day a date field holds (any form `dates::parse_natural_day`
    /// reads), or why not at that field, after its label.
    pub fn day(&self, name: &'static str, today: NaiveDate) -> Result<NaiveDate, FieldError> {
        crate::domain::dates::parse_natural_day(&self.text(name), today).map_err(|e| {
            let label = self.get(name).map_or("Date", |f| f.label);
            FieldError::new(name, format!("{label}: {e}"))
        })
    }

    /// The day an optional date field holds, `None` when it is empty, or
    /// why not at that field.
    pub fn optional_day(
        &self,
        name: &'static str,
        today: NaiveDate,
    ) -> Result<Option<NaiveDate>, FieldError> {
        if self.text(name).is_empty() {
            return Ok(None);
        }
        self.day(name, today).map(Some)
    }

    /// The value a choice field shows, from the values its options name
    /// in order (`all`, never empty); the first when it is out of range.
    pub fn chosen<T: Copy>(&self, name: &str, all: &[T]) -> T {
        all.get(self.choice(name)).copied().unwrap_or(all[0])
    }

    /// A choice field's position in its options.
    pub fn choice(&self, name: &str) -> usize {
        match self.get(name).map(|f| &f.input) {
            Some(Input::Choice { index, .. }) => *index,
            _ => 0,
        }
    }

    /// Sets a choice field's position (a default that follows another
    /// choice); does not count as typing.
    pub fn set_choice(&mut self, name: &str, to: usize) {
        if let Some(Input::Choice { options, index }) = self.get_mut(name).map(|f| &mut f.input)
            && to < options.len()
        {
            *index = to;
        }
    }

    /// A pick field's ticked values.
    pub fn picked(&self, name: &str) -> Vec<String> {
        match self.get(name).map(|f| &f.input) {
            Some(Input::Pick(p)) => p.selected(),
            _ => Vec::new(),
        }
    }

    /// A pick field's ticked records, by id.
    pub fn picked_ids(&self, name: &str) -> Vec<crate::domain::Id> {
        self.picked(name)
            .iter()
            .filter_map(|v| crate::domain::Id::parse(v).ok())
            .collect()
    }

    /// The record ticked in a one-tick list, if any.
    pub fn picked_id(&self, name: &str) -> Option<crate::domain::Id> {
        self.picked_ids(name).into_iter().next()
    }

    fn enter_focused(&mut self) {
        if let Some(f) = self.list.get_mut(self.focus) {
            f.enter();
        }
    }

    /// Puts the focus on the named field and enters it.
    pub fn focus_on(&mut self, name: &str) {
        if let Some(i) = self.list.iter().position(|f| f.id() == name) {
            self.focus = i;
            self.enter_focused();
        }
    }

    /// Puts the focus on that field and enters it.
    pub fn focus_id(&mut self, id: FieldId) {
        if let Some(i) = self.list.iter().position(|f| f.id() == id) {
            self.focus = i;
            self.enter_focused();
        }
    }

    pub fn next_field(&mut self, step: isize) {
        let n = self.list.len() as isize;
        if n > 0 {
            self.focus = ((self.focus as isize + step).rem_euclid(n)) as usize;
            self.enter_focused();
        }
    }

    /// The focused text field, for paste and $EDITOR (see `FormState`).
    pub fn focused_text(&mut self) -> Option<super::FocusedText<'_>> {
        match &mut self.list.get_mut(self.focus)?.input {
            Input::Line(area, _) => Some(super::FocusedText {
                area,
                multi_line: false,
            }),
            Input::Text(area) => Some(super::FocusedText {
                area,
                multi_line: true,
            }),
            Input::Choice { .. } | Input::Pick(_) => None,
        }
    }

    /// Gives a key the key table left alone to the focused field. Returns
    /// true when its value changed.
    pub fn handle_key(&mut self, key: &KeyEvent) -> bool {
        let Some(field) = self.list.get_mut(self.focus) else {
            return false;
        };
        // Enter makes a newline only where there can be several lines.
        if key.code == KeyCode::Enter && !matches!(field.input, Input::Text(_)) {
            self.next_field(1);
            return false;
        }
        let changed = field.key(key);
        if changed {
            self.dirty = true;
        }
        changed
    }

    /// A field key from the key table (change a choice, move, tick).
    pub fn handle_action(&mut self, action: &Action) -> bool {
        let changed = self
            .list
            .get_mut(self.focus)
            .is_some_and(|f| f.action(action));
        if changed {
            self.dirty = true;
        }
        changed
    }

    /// Inserts pasted text into the focused text field.
    pub fn paste(&mut self, text: &str) -> bool {
        let changed = match self.list.get_mut(self.focus).map(|f| &mut f.input) {
            Some(Input::Line(area, _)) => area.insert_str(text.replace(['\r', '\n'], " ")),
            Some(Input::Text(area)) => {
                area.insert_str(text.replace("\r\n", "\n").replace('\r', "\n"))
            }
            _ => false,
        };
        if changed {
            self.dirty = true;
        }
        changed
    }

    /// Every field as typed, for a draft.
    pub fn to_draft_fields(&self) -> Vec<DraftField> {
        self.list
            .iter()
            .map(|f| DraftField {
                name: f.draft_name(),
                text: f.text_value(),
            })
            .collect()
    }

    /// Puts a draft's texts back into the fields of the same names.
    pub fn restore(&mut self, draft: &[DraftField]) {
        for saved in draft {
            if let Some(field) = self.list.iter_mut().find(|f| f.draft_name() == saved.name) {
                field.set_text(&saved.text);
            }
        }
        self.enter_focused();
        self.dirty = true;
    }

    /// The first field whose value does not parse, with its message.
    pub fn first_problem(&self, today: NaiveDate) -> Option<(FieldId, String)> {
        self.list.iter().find_map(|f| {
            f.problem(today)
                .map(|p| (f.id(), format!("{}: {p}", f.label)))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyModifiers;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    /// A key as the app gives it: the key table's field rows first.
    fn press(fields: &mut Fields, code: KeyCode) -> bool {
        let key = key(code);
        match crate::tui::keymap::Keymap::default().resolve_field(fields.focused_kind(), &key) {
            Some(action) => fields.handle_action(&action),
            None => fields.handle_key(&key),
        }
    }

    fn type_text(fields: &mut Fields, text: &str) {
        for c in text.chars() {
            fields.handle_key(&key(KeyCode::Char(c)));
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).expect("test date")
    }

    const SENTENCE: &str = "The customer asked for a refund by 31/03/2027 and I \
        promised to ring back on 02/04/2027 with an answer from billing";

    /// The text area drawn `width` columns wide, as a form's box draws it:
    /// each screen row, and where the cursor is drawn (the reversed cell).
    fn draw(area: &TextArea<'static>, width: u16) -> (Vec<String>, Option<(u16, u16)>) {
        use ratatui::buffer::Buffer;
        use ratatui::layout::Rect;
        use ratatui::style::Modifier;
        use ratatui::widgets::Widget;
        let rect = Rect::new(0, 0, width, 30);
        let mut buf = Buffer::empty(rect);
        area.render(rect, &mut buf);
        let mut cursor = None;
        let mut rows = Vec::new();
        for y in 0..rect.height {
            let mut row = String::new();
            for x in 0..width {
                let cell = &buf[(x, y)];
                if cell.modifier.contains(Modifier::REVERSED) {
                    cursor = Some((x, y));
                }
                row.push_str(cell.symbol());
            }
            rows.push(row.trim_end().to_string());
        }
        while rows.last().is_some_and(String::is_empty) {
            rows.pop();
        }
        (rows, cursor)
    }

    /// The bug: wrapped lines started with a space, and wraps fell
    /// inside a date (`31` / `/03/2027`). At every width the two dates hit
    /// the wrap point somewhere.
    #[test]
    fn wrapped_lines_never_start_with_a_space_or_split_a_date() {
        let area = text_area(SENTENCE, false);
        for width in 12..=70 {
            let (rows, _) = draw(&area, width);
            assert!(rows.len() > 1, "wraps at {width}");
            for row in &rows {
                assert!(!row.starts_with(' '), "at {width}: {rows:#?}");
            }
            for date in ["31/03/2027", "02/04/2027"] {
                assert!(
                    rows.iter().any(|r| r.contains(date)),
                    "{date} split at {width}: {rows:#?}"
                );
            }
            assert_eq!(rows.join(" "), SENTENCE, "nothing lost at {width}");
        }
    }

    /// The cursor is drawn on the character it stands before, on every
    /// wrapped row, and never past the box's edge.
    #[test]
    fn the_cursor_is_drawn_where_it_is_in_wrapped_text() {
        let chars: Vec<char> = SENTENCE.chars().collect();
        for width in [16, 23, 30, 41] {
            let mut area = text_area(SENTENCE, false);
            draw(&area, width);
            for col in 0..=chars.len() {
                area.move_cursor(CursorMove::Jump(0, col as u16));
                let (rows, cursor) = draw(&area, width);
                let Some((x, y)) = cursor else {
                    panic!("no cursor at {col}, width {width}: {rows:#?}");
                };
                assert!(x < width, "inside the box at {width}");
                let under = rows[y as usize].chars().nth(x as usize).unwrap_or(' ');
                assert_eq!(
                    under,
                    chars.get(col).copied().unwrap_or(' '),
                    "{col} at {width}"
                );
                let screen = area.screen_cursor();
                assert_eq!((screen.row, screen.col), (y as usize, x as usize));
            }
        }
    }

    /// Typing, Backspace at a wrap point and the arrows across wrapped rows.
    #[test]
    fn editing_across_a_wrap_point() {
        let mut fields = Fields::new(vec![Field::text("situation", "Situation", "", "")]);
        let width = 30;
        let redraw = |fields: &mut Fields| match &fields.list[0].input {
            Input::Text(area) => draw(area, width),
            _ => unreachable!("a text field"),
        };
        for c in SENTENCE.chars() {
            fields.handle_key(&key(KeyCode::Char(c)));
            redraw(&mut fields);
        }
        assert_eq!(fields.text("situation"), SENTENCE);
        let (rows, cursor) = redraw(&mut fields);
        let last = rows.len() - 1;
        assert_eq!(cursor, Some((rows[last].len() as u16, last as u16)));
        // Up from the end goes to the row above, Down comes back.
        press(&mut fields, KeyCode::Up);
        assert_eq!(redraw(&mut fields).1.map(|c| c.1), Some(last as u16 - 1));
        press(&mut fields, KeyCode::Down);
        assert_eq!(redraw(&mut fields).1.map(|c| c.1), Some(last as u16));
        // To the start of the second row; Left goes back over the space
        // that ends the first row, Right comes back.
        let second = rows[0].len() + 1;
        let Input::Text(area) = &mut fields.list[0].input else {
            unreachable!("a text field")
        };
        area.move_cursor(CursorMove::Jump(0, second as u16));
        assert_eq!(redraw(&mut fields).1, Some((0, 1)));
        press(&mut fields, KeyCode::Left);
        assert_eq!(redraw(&mut fields).1, Some((rows[0].len() as u16, 0)));
        press(&mut fields, KeyCode::Right);
        assert_eq!(redraw(&mut fields).1, Some((0, 1)));
        // Backspace there takes the space before the row's first word.
        press(&mut fields, KeyCode::Backspace);
        let mut expected = SENTENCE.to_string();
        expected.remove(second - 1);
        assert_eq!(fields.text("situation"), expected);
        let (rows, _) = redraw(&mut fields);
        assert!(rows.iter().all(|r| !r.starts_with(' ')), "{rows:#?}");
    }

    #[test]
    fn a_bad_date_is_reported_at_its_field() {
        let mut fields = Fields::new(vec![
            Field::line("title", "Title", "", ""),
            Field::typed_line("date", "Date", "", "", LineKind::OptionalDate),
        ]);
        assert_eq!(fields.first_problem(today()), None);
        fields.next_field(1);
        type_text(&mut fields, "31/02/2027");
        let (name, message) = fields.first_problem(today()).expect("a problem");
        assert_eq!(name, "date");
        assert!(
            message.starts_with("Date: `31/02/2027` is not a real date"),
            "{message}"
        );
    }

    #[test]
    fn choices_cycle_and_jump_by_letter() {
        let options = vec!["strength".to_string(), "area to improve".to_string()];
        let mut fields = Fields::new(vec![Field::choice("kind", "Kind", "", options, 0)]);
        assert!(press(&mut fields, KeyCode::Char(' ')));
        assert_eq!(fields.text("kind"), "area to improve");
        assert!(press(&mut fields, KeyCode::Char('s')));
        assert_eq!(fields.choice("kind"), 0);
        assert!(
            !press(&mut fields, KeyCode::Char('q')),
            "no option starts with q"
        );
        assert_eq!(fields.focused().and_then(|f| f.missed), Some('q'));
        assert!(press(&mut fields, KeyCode::Down), "↓ changes a choice too");
        assert_eq!(fields.choice("kind"), 1);
        assert!(fields.dirty);
    }

    #[test]
    fn drafts_keep_every_field_as_typed() {
        let make = || {
            Fields::new(vec![
                Field::text("statement", "Statement", "", ""),
                Field::typed_line("due", "Due", "", "", LineKind::OptionalDate),
                Field::choice("status", "Status", "", vec!["a".into(), "b".into()], 0),
                Field::pick(
                    "needs",
                    "Needs",
                    "",
                    vec![PickOption {
                        value: "N1".into(),
                        label: "Need one".into(),
                    }],
                    &[],
                    "",
                ),
            ])
        };
        let mut fields = make();
        type_text(&mut fields, "Raise my CSAT");
        fields.handle_key(&key(KeyCode::Enter));
        type_text(&mut fields, "line two");
        fields.next_field(1);
        type_text(&mut fields, "not a date");
        fields.next_field(1);
        press(&mut fields, KeyCode::Right);
        fields.next_field(1);
        press(&mut fields, KeyCode::Char(' '));
        let draft = fields.to_draft_fields();
        let mut back = make();
        back.restore(&draft);
        assert_eq!(back.text("statement"), "Raise my CSAT\nline two");
        assert_eq!(back.text("due"), "not a date");
        assert_eq!(back.choice("status"), 1);
        assert_eq!(back.picked("needs"), vec!["N1".to_string()]);
    }
}
