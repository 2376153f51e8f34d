//! The Feedback screen's filter: one line of words (`customer negative open
//! from:1/9`) read by `domain::feedback::FeedbackFilter::parse`. Enter
//! applies it; a word it cannot read is explained under the field.

use super::FormState;
use crate::domain::FeedbackFilter;
use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;

#[derive(Debug)]
pub struct FeedbackFilterForm {
    pub text: TextArea<'static>,
    pub error: Option<String>,
    pub dirty: bool,
    /// Enter was pressed: the app applies the filter.
    submit: bool,
}

impl FeedbackFilterForm {
    pub fn new(current: &FeedbackFilter) -> FeedbackFilterForm {
        let mut text = TextArea::new(vec![current.describe()]);
        text.set_cursor_line_style(ratatui::style::Style::default());
        text.move_cursor(ratatui_textarea::CursorMove::End);
        FeedbackFilterForm {
            text,
            error: None,
            dirty: false,
            submit: false,
        }
    }

    pub fn typed(&self) -> String {
        self.text.lines().join(" ")
    }

    /// The filter typed, or what is wrong with it.
    pub fn to_filter(
        &self,
        today: NaiveDate,
        period_start: NaiveDate,
    ) -> Result<FeedbackFilter, String> {
        FeedbackFilter::parse(&self.typed(), today, period_start)
    }
}

impl FormState for FeedbackFilterForm {
    fn handle_key(&mut self, key: &KeyEvent) -> bool {
        if key.code == KeyCode::Enter {
            self.submit = true;
            return false;
        }
        let changed = self.text.input(*key);
        if changed {
            self.dirty = true;
            self.error = None;
        }
        changed
    }

    fn next_field(&mut self, _step: isize) {}

    /// A filter is quick to retype: Esc closes without asking.
    fn dirty(&self) -> bool {
        false
    }

    fn focused_text(&mut self) -> Option<super::FocusedText<'_>> {
        Some(super::FocusedText {
            area: &mut self.text,
            multi_line: false,
        })
    }
    fn text_changed(&mut self) {
        self.dirty = true;
        self.error = None;
    }
    fn paste(&mut self, text: &str) -> bool {
        let changed = self.text.insert_str(text.replace(['\r', '\n'], " "));
        if changed {
            self.dirty = true;
        }
        changed
    }

    fn take_submit(&mut self) -> bool {
        std::mem::take(&mut self.submit)
    }
}
