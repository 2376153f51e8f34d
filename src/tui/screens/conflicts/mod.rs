//! The Conflicts view (`V`): the records changed on two computers (a sync's
//! conflict copy, or one record in two files), each with both versions in
//! words, and the choice: `m` keeps mine, `t` takes theirs, `b` keeps both
//! (theirs becomes a new record). The version dropped goes to the trash and
//! `u` undoes the choice; the store does the moving (`Workspace::resolve`).

pub mod view;

use crate::domain::words::count;
use crate::store::conflicts::{Choice, Conflict};
use crate::tui::{Action, App, record_title, truncate};

/// What was found when the view was opened (or after the last choice).
#[derive(Debug, Clone, Default)]
pub struct ConflictsView {
    pub items: Vec<Conflict>,
    pub selected: usize,
    /// How far the selected record's two versions are scrolled.
    pub scroll: u16,
}

impl App {
    /// `V`: lists the records with two versions.
    pub(in crate::tui) fn open_conflicts(&mut self) {
        let Some(ws) = &self.session.ws else {
            self.set_status("No workspace is open, so nothing to choose between");
            return;
        };
        let (items, problems) = ws.conflicts();
        self.conflicts = Some(ConflictsView {
            items,
            selected: 0,
            scroll: 0,
        });
        if !problems.is_empty() {
            self.set_error(format!(
                "{} could not be read (see ? help)",
                count(problems.len(), "conflict copy", "conflict copies")
            ));
            self.model.problems.extend(problems);
        }
    }

    /// After a load: says when records have two versions, and how to
    /// choose. Only a synced workspace (a `.git` folder) gets conflict
    /// copies, and a load names one id in two files; others cost nothing.
    pub(in crate::tui) fn note_conflicts(&mut self) {
        let Some(ws) = &self.session.ws else { return };
        let twins = self
            .model
            .problems
            .iter()
            .any(|p| p.message.contains("has the same id as"));
        if !twins && !ws.dir().join(".git").is_dir() {
            return;
        }
        let (found, _) = ws.conflicts();
        if let Some(view) = &mut self.conflicts {
            view.items = found.clone();
            view.selected = view.selected.min(found.len().saturating_sub(1));
        }
        // With the view open, its list says it.
        if !found.is_empty() && self.conflicts.is_none() {
            self.add_to_status(
                format!(
                    "{} changed on two computers: V to choose which version to keep",
                    count(found.len(), "record was", "records were")
                ),
                true,
            );
        }
    }

    /// Keys in the Conflicts view.
    pub(in crate::tui) fn conflicts_action(&mut self, action: Action) {
        let Some(view) = &mut self.conflicts else {
            return;
        };
        let last = view.items.len().saturating_sub(1);
        let before = view.selected;
        match action {
            Action::Back => self.conflicts = None,
            Action::Down => view.selected = (view.selected + 1).min(last),
            Action::Up => view.selected = view.selected.saturating_sub(1),
            Action::Top => view.selected = 0,
            Action::Bottom => view.selected = last,
            Action::PageDown => view.scroll = view.scroll.saturating_add(10),
            Action::PageUp => view.scroll = view.scroll.saturating_sub(10),
            Action::KeepMine => self.choose(Choice::KeepMine),
            Action::TakeTheirs => self.choose(Choice::TakeTheirs),
            Action::KeepBoth => self.choose(Choice::KeepBoth),
            Action::Undo => self.undo_delete(),
            Action::Help => self.layers.help = Some(0),
            _ => {}
        }
        if let Some(view) = &mut self.conflicts
            && view.selected != before
        {
            view.scroll = 0;
        }
    }

    /// Keeps a version of the selected record (or both); the other goes to
    /// the trash, `u` undoes it, and the records are read again.
    fn choose(&mut self, choice: Choice) {
        let Some(conflict) = self
            .conflicts
            .as_ref()
            .and_then(|v| v.items.get(v.selected))
            .cloned()
        else {
            self.set_status("No record has two versions");
            return;
        };
        if !self.writable() {
            return;
        }
        if !conflict.allows(choice) {
            self.set_error(
                "An attached file's record keeps its id, so both cannot be kept: m keeps \
                 yours, t takes theirs",
            );
            return;
        }
        let Some(ws) = &self.session.ws else { return };
        let record = conflict.record();
        let title = truncate(&record_title(record, &self.config.days()), 40);
        let label = record.label();
        match ws.resolve(&conflict, choice) {
            Ok(resolved) => {
                let (found, _) = ws.conflicts();
                self.session.undo.push(resolved.deletion);
                let said = match choice {
                    Choice::KeepMine => format!("Kept yours of the {label} \"{title}\"; theirs"),
                    Choice::TakeTheirs => format!("Took theirs of the {label} \"{title}\"; yours"),
                    Choice::KeepBoth => {
                        format!(
                            "Kept both: theirs of the {label} \"{title}\" is a new record; its file"
                        )
                    }
                };
                self.set_status(format!("{said} is in the trash. u undoes it"));
                if let Some(view) = &mut self.conflicts {
                    view.selected = view.selected.min(found.len().saturating_sub(1));
                    view.items = found;
                    view.scroll = 0;
                }
                // The records changed on disk: read them again (in the
                // background, as `r` does).
                self.reload_requested = true;
            }
            Err(e) => self.set_error(format!("Not chosen: {e}")),
        }
    }
}
