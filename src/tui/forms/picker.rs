//! A checkbox list inside a form (links to objectives and criteria):
//! ↑/↓ move, Space ticks; and the lists forms offer to tick.

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

    /// The labels of the ticked lines, in list order.
    pub fn selected_labels(&self) -> Vec<String> {
        self.options
            .iter()
            .zip(&self.checked)
            .filter(|(_, c)| **c)
            .map(|(o, _)| o.label.clone())
            .collect()
    }

    /// Moves the cursor `step` lines, staying in the list.
    pub fn move_cursor(&mut self, step: isize) {
        let last = self.options.len().saturating_sub(1) as isize;
        self.cursor = (self.cursor as isize + step).clamp(0, last.max(0)) as usize;
    }

    /// Ticks or unticks the line under the cursor; returns true when the
    /// ticks changed.
    pub fn toggle(&mut self) -> bool {
        let n = self.options.len();
        if n == 0 {
            return false;
        }
        let i = self.cursor.min(n - 1);
        let now = !self.checked[i];
        if self.single {
            self.checked.iter_mut().for_each(|c| *c = false);
        }
        self.checked[i] = now;
        true
    }

    /// Handles a key the old way (forms not yet on the field keys): ↑/↓
    /// move, Space ticks. Returns true when the ticks changed.
    pub fn handle_key(&mut self, key: &KeyEvent) -> bool {
        match key.code {
            KeyCode::Up => {
                self.move_cursor(-1);
                false
            }
            KeyCode::Down => {
                self.move_cursor(1);
                false
            }
            KeyCode::Char(' ') => self.toggle(),
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

/// A record to tick, read as "need: its title".
pub fn record_option(r: crate::domain::refs::RecordRef) -> PickOption {
    PickOption {
        value: r.id.to_string(),
        label: format!("{}: {}", r.kind.key(), r.title),
    }
}

/// The objectives a record can link to: open and achieved ones.
pub fn objective_options(objectives: &[crate::domain::Objective]) -> Vec<PickOption> {
    objectives
        .iter()
        .filter(|o| o.status.is_open() || o.status == crate::domain::ObjectiveStatus::Achieved)
        .map(|o| PickOption {
            value: o.id.to_string(),
            label: o.statement.clone(),
        })
        .collect()
}

/// The development activities feedback can be about, newest first, each
/// with its day so two sessions of one course tell apart.
pub fn activity_options(activities: &[crate::domain::Activity]) -> Vec<PickOption> {
    let mut list: Vec<&crate::domain::Activity> = activities.iter().collect();
    list.sort_by(|a, b| b.date.cmp(&a.date).then(a.title.cmp(&b.title)));
    list.into_iter()
        .map(|a| PickOption {
            value: a.id.to_string(),
            label: format!("{} ({})", a.title.trim(), a.date.format("%Y-%m-%d")),
        })
        .collect()
}

/// The assessable criteria of the learner's criteria set.
pub fn criteria_options(set: Option<&crate::domain::CriteriaSet>) -> Vec<PickOption> {
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
