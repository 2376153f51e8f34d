//! The fields of a record form (need, objective, activity): text, a choice
//! among a few values, or ticks in a list. Each form names its fields; this
//! module does the typing, Tab order, pasting, checks of dates and numbers
//! as the learner types, and turning the fields into a draft and back.

use super::picker::{PickOption, Picker};
use crate::domain::{DraftField, dates};
use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::{TextArea, WrapMode};

/// What a one-line field must hold, so it can be checked as it is typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Plain,
    /// A day, typed naturally (`31/12/2026`, `+3w`, `end of month`).
    Date,
    /// A day, or nothing.
    OptionalDate,
    /// Hours, e.g. `1.5`, or nothing.
    Hours,
    /// A whole percentage 0-100, or nothing.
    Percent,
}

/// How a field takes input.
#[derive(Debug)]
pub enum Input {
    Line(TextArea<'static>, LineKind),
    Text(TextArea<'static>),
    /// One of a few values: Space or ←/→ change it.
    Choice {
        options: Vec<String>,
        index: usize,
    },
    /// Ticks in a list: ↑/↓ move, Space ticks.
    Pick(Picker),
}

/// One field of a form.
#[derive(Debug)]
pub struct Field {
    /// Stable name, used in drafts.
    pub name: &'static str,
    pub label: &'static str,
    /// The question shown above the field.
    pub hint: &'static str,
    pub input: Input,
    /// Shown beside a Pick field when it has nothing to tick.
    pub empty: &'static str,
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

impl Field {
    pub fn line(name: &'static str, label: &'static str, hint: &'static str, text: &str) -> Field {
        Field::typed_line(name, label, hint, text, LineKind::Plain)
    }

    pub fn typed_line(
        name: &'static str,
        label: &'static str,
        hint: &'static str,
        text: &str,
        kind: LineKind,
    ) -> Field {
        Field {
            name,
            label,
            hint,
            input: Input::Line(text_area(text, true), kind),
            empty: "",
        }
    }

    pub fn text(name: &'static str, label: &'static str, hint: &'static str, text: &str) -> Field {
        Field {
            name,
            label,
            hint,
            input: Input::Text(text_area(text, false)),
            empty: "",
        }
    }

    pub fn choice(
        name: &'static str,
        label: &'static str,
        hint: &'static str,
        options: Vec<String>,
        index: usize,
    ) -> Field {
        let index = index.min(options.len().saturating_sub(1));
        Field {
            name,
            label,
            hint,
            input: Input::Choice { options, index },
            empty: "",
        }
    }

    pub fn pick(
        name: &'static str,
        label: &'static str,
        hint: &'static str,
        options: Vec<PickOption>,
        selected: &[String],
        empty: &'static str,
    ) -> Field {
        Field {
            name,
            label,
            hint,
            input: Input::Pick(Picker::new(options, selected, false)),
            empty,
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
                let n = p.selected().len();
                if n == 0 {
                    String::new()
                } else {
                    format!("{n} ticked")
                }
            }
            _ => self
                .text_value()
                .lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("")
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
            LineKind::Plain => None,
            LineKind::Date => dates::parse_natural_day(&text, today).err(),
            LineKind::OptionalDate if text.is_empty() => None,
            LineKind::OptionalDate => dates::parse_natural_day(&text, today).err(),
            LineKind::Hours => parse_hours(&text).err(),
            LineKind::Percent => parse_percent(&text).err(),
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
    pub fn new(list: Vec<Field>) -> Fields {
        Fields {
            list,
            focus: 0,
            dirty: false,
        }
    }

    pub fn focused(&self) -> Option<&Field> {
        self.list.get(self.focus)
    }

    pub fn focused_name(&self) -> &'static str {
        self.focused().map_or("", |f| f.name)
    }

    pub fn get(&self, name: &str) -> Option<&Field> {
        self.list.iter().find(|f| f.name == name)
    }

    fn get_mut(&mut self, name: &str) -> Option<&mut Field> {
        self.list.iter_mut().find(|f| f.name == name)
    }

    /// A field's text ("" when there is no such field).
    pub fn text(&self, name: &str) -> String {
        self.get(name).map(Field::text_value).unwrap_or_default()
    }

    /// A choice field's position in its options.
    pub fn choice(&self, name: &str) -> usize {
        match self.get(name).map(|f| &f.input) {
            Some(Input::Choice { index, .. }) => *index,
            _ => 0,
        }
    }

    /// A pick field's ticked values.
    pub fn picked(&self, name: &str) -> Vec<String> {
        match self.get(name).map(|f| &f.input) {
            Some(Input::Pick(p)) => p.selected(),
            _ => Vec::new(),
        }
    }

    /// Puts the focus on the named field.
    pub fn focus_on(&mut self, name: &str) {
        if let Some(i) = self.list.iter().position(|f| f.name == name) {
            self.focus = i;
        }
    }

    pub fn next_field(&mut self, step: isize) {
        let n = self.list.len() as isize;
        if n > 0 {
            self.focus = ((self.focus as isize + step).rem_euclid(n)) as usize;
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

    /// Gives a key to the focused field. Returns true when its value changed.
    pub fn handle_key(&mut self, key: &KeyEvent) -> bool {
        let Some(field) = self.list.get_mut(self.focus) else {
            return false;
        };
        let changed = match &mut field.input {
            Input::Line(area, _) => {
                if key.code == KeyCode::Enter {
                    self.next_field(1);
                    return false;
                }
                area.input(*key)
            }
            Input::Text(area) => area.input(*key),
            Input::Choice { options, index } => {
                let n = options.len();
                match key.code {
                    KeyCode::Char(' ') | KeyCode::Right | KeyCode::Char('l') if n > 0 => {
                        *index = (*index + 1) % n;
                        true
                    }
                    KeyCode::Left | KeyCode::Char('h') if n > 0 => {
                        *index = (*index + n - 1) % n;
                        true
                    }
                    KeyCode::Enter => {
                        self.next_field(1);
                        return false;
                    }
                    KeyCode::Char(c) => {
                        // Typing a letter jumps to the next option starting with it.
                        let c = c.to_ascii_lowercase();
                        let found = (1..=n).map(|k| (*index + k) % n).find(|i| {
                            options[*i]
                                .chars()
                                .next()
                                .is_some_and(|f| f.to_ascii_lowercase() == c)
                        });
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
            }
            Input::Pick(p) => p.handle_key(key),
        };
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
                name: f.name.to_string(),
                text: f.text_value(),
            })
            .collect()
    }

    /// Puts a draft's texts back into the fields of the same names.
    pub fn restore(&mut self, draft: &[DraftField]) {
        for saved in draft {
            let Some(field) = self.get_mut(&saved.name) else {
                continue;
            };
            match &mut field.input {
                Input::Line(area, _) => *area = text_area(&saved.text, true),
                Input::Text(area) => *area = text_area(&saved.text, false),
                Input::Choice { options, index } => {
                    if let Some(i) = options.iter().position(|o| o == &saved.text) {
                        *index = i;
                    }
                }
                Input::Pick(p) => {
                    let values: Vec<String> = saved
                        .text
                        .lines()
                        .filter(|l| !l.is_empty())
                        .map(str::to_string)
                        .collect();
                    *p = Picker::new(p.options.clone(), &values, p.single);
                }
            }
        }
        self.dirty = true;
    }

    /// The first field whose value does not parse, with its message.
    pub fn first_problem(&self, today: NaiveDate) -> Option<(&'static str, String)> {
        self.list.iter().find_map(|f| {
            f.problem(today)
                .map(|p| (f.name, format!("{}: {p}", f.label)))
        })
    }
}

/// `FormState` for a form built on `Fields`: keys, Tab, paste and `Ctrl-E`
/// go to the fields, a change clears the last save error, and the draft is
/// the form's own `to_draft`.
macro_rules! fields_form_state {
    ($form:ty) => {
        impl $crate::app::forms::FormState for $form {
            fn handle_key(&mut self, key: &::ratatui::crossterm::event::KeyEvent) -> bool {
                let changed = self.fields.handle_key(key);
                if changed {
                    self.save_error = None;
                }
                changed
            }
            fn next_field(&mut self, step: isize) {
                self.fields.next_field(step);
            }
            fn dirty(&self) -> bool {
                self.fields.dirty
            }
            fn paste(&mut self, text: &str) -> bool {
                self.fields.paste(text)
            }
            fn focused_text(&mut self) -> Option<$crate::app::forms::FocusedText<'_>> {
                self.fields.focused_text()
            }
            fn text_changed(&mut self) {
                self.fields.dirty = true;
                self.save_error = None;
            }
            fn to_draft(
                &self,
                now: ::chrono::DateTime<::chrono::FixedOffset>,
            ) -> Option<$crate::domain::Draft> {
                Some(<$form>::to_draft(self, now))
            }
        }
    };
}
pub(crate) use fields_form_state;

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyModifiers;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn type_text(fields: &mut Fields, text: &str) {
        for c in text.chars() {
            fields.handle_key(&key(KeyCode::Char(c)));
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).expect("test date")
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
        assert!(fields.handle_key(&key(KeyCode::Char(' '))));
        assert_eq!(fields.text("kind"), "area to improve");
        assert!(fields.handle_key(&key(KeyCode::Char('s'))));
        assert_eq!(fields.choice("kind"), 0);
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
        fields.handle_key(&key(KeyCode::Right));
        fields.next_field(1);
        fields.handle_key(&key(KeyCode::Char(' ')));
        let draft = fields.to_draft_fields();
        let mut back = make();
        back.restore(&draft);
        assert_eq!(back.text("statement"), "Raise my CSAT\nline two");
        assert_eq!(back.text("due"), "not a date");
        assert_eq!(back.choice("status"), 1);
        assert_eq!(back.picked("needs"), vec!["N1".to_string()]);
    }
}
