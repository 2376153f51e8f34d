//! A checkbox list inside a form (links to objectives and criteria):
//! ↑/↓ move, Space ticks.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickOption {
    /// What is stored (an id).
    pub value: String,
    /// What the learner reads.
    pub label: String,
}

#[derive(Debug, Clone, Default)]
pub struct Picker {
    pub options: Vec<PickOption>,
    pub checked: Vec<bool>,
    pub cursor: usize,
    /// Only one may be ticked (e.g. the criteria set).
    pub single: bool,
}

impl Picker {
    pub fn new(options: Vec<PickOption>, selected: &[String], single: bool) -> Picker {
        let mut options = options;
        // Keep links to things not in the list (e.g. a deleted objective) so
        // saving the form never silently drops them.
        for value in selected {
            if !options.iter().any(|o| &o.value == value) {
                options.push(PickOption {
                    value: value.clone(),
                    label: format!("{value} (not found)"),
                });
            }
        }
        let checked = options
            .iter()
            .map(|o| selected.contains(&o.value))
            .collect();
        Picker {
            options,
            checked,
            cursor: 0,
            single,
        }
    }

    pub fn selected(&self) -> Vec<String> {
        self.options
            .iter()
            .zip(&self.checked)
            .filter(|(_, c)| **c)
            .map(|(o, _)| o.value.clone())
            .collect()
    }

    /// Handles a key; returns true when the ticks changed.
    pub fn handle_key(&mut self, key: &KeyEvent) -> bool {
        let n = self.options.len();
        match key.code {
            KeyCode::Up | KeyCode::Char('k') => {
                self.cursor = self.cursor.saturating_sub(1);
                false
            }
            KeyCode::Down | KeyCode::Char('j') => {
                if n > 0 {
                    self.cursor = (self.cursor + 1).min(n - 1);
                }
                false
            }
            KeyCode::Char(' ') | KeyCode::Char('x') if n > 0 => {
                let i = self.cursor.min(n - 1);
                let now = !self.checked[i];
                if self.single {
                    self.checked.iter_mut().for_each(|c| *c = false);
                }
                self.checked[i] = now;
                true
            }
            _ => false,
        }
    }

    pub fn summary(&self) -> String {
        let picked = self.selected();
        if picked.is_empty() {
            String::new()
        } else {
            picked.join(", ")
        }
    }
}
