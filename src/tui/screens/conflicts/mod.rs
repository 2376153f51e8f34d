//! The Conflicts view (`V`): the records changed on two computers (a sync's
//! conflict copy, or one record in two files), each with both versions in
//! words, and the choice: `m` keeps mine, `t` takes theirs, `b` keeps both
//! (theirs becomes a new record). The version dropped goes to the trash and
//! `u` undoes the choice; the store does the moving (`Workspace::resolve`).

pub mod view;

use crate::domain::Id;
use crate::domain::words::count;
use crate::store::conflicts::{Choice, Conflict};
use crate::tui::screens::{Lettered, Screens};
use crate::tui::{Action, App, record_title, truncate};

/// What was found when the view was opened (or after the last choice).
#[derive(Debug, Clone, Default)]
pub struct ConflictsState {
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
        self.show_lettered(Lettered::Conflicts);
        self.screens.conflicts = ConflictsState {
            items,
            selected: 0,
            scroll: 0,
        };
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
        let open = self.screens.is_open(Lettered::Conflicts);
        if open {
            let view = &mut self.screens.conflicts;
            view.items = found.clone();
            view.selected = view.selected.min(found.len().saturating_sub(1));
        }
        // With the view open, its list says it.
        if !found.is_empty() && !open {
            self.add_to_status(
                format!(
                    "{} changed on two computers: V to choose which version to keep",
                    count(found.len(), "record was", "records were")
                ),
                true,
            );
        }
    }

    /// Keys in the Conflicts view (moving and Esc are the same on every
    /// lettered screen: see `screens::App::update_current`).
    fn conflicts_action(&mut self, action: Action) {
        let view = &mut self.screens.conflicts;
        match action {
            Action::PageDown => view.scroll = view.scroll.saturating_add(10),
            Action::PageUp => view.scroll = view.scroll.saturating_sub(10),
            Action::KeepMine => self.choose(Choice::KeepMine),
            Action::TakeTheirs => self.choose(Choice::TakeTheirs),
            Action::KeepBoth => self.choose(Choice::KeepBoth),
            Action::Undo => self.undo_delete(),
            _ => {}
        }
    }

    /// Keeps a version of the selected record (or both); the other goes to
    /// the trash, `u` undoes it, and the records are read again.
    fn choose(&mut self, choice: Choice) {
        let view = &self.screens.conflicts;
        let Some(conflict) = view.items.get(view.selected).cloned() else {
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
                let view = &mut self.screens.conflicts;
                view.selected = view.selected.min(found.len().saturating_sub(1));
                view.items = found;
                view.scroll = 0;
                // The records changed on disk: read them again (in the
                // background, as `r` does).
                self.reload_requested = true;
            }
            Err(e) => self.set_error(format!("Not chosen: {e}")),
        }
    }
}

/// The Conflicts view, behind the [`Screen`](crate::tui::screens::Screen)
/// trait.
pub struct ConflictsScreen;

impl crate::tui::screens::Screen for ConflictsScreen {
    fn len(&self, app: &App) -> usize {
        app.screens.conflicts.items.len()
    }
    fn ids(&self, app: &App) -> Vec<Id> {
        let items = &app.screens.conflicts.items;
        items.iter().map(|c| c.record().id().clone()).collect()
    }
    fn selected(&self, screens: &Screens) -> usize {
        screens.conflicts.selected
    }
    fn selection<'a>(&self, screens: &'a mut Screens) -> &'a mut usize {
        &mut screens.conflicts.selected
    }
    fn selection_moved(&self, screens: &mut Screens) {
        screens.conflicts.scroll = 0;
    }
    fn update(&self, app: &mut App, action: Action) {
        app.conflicts_action(action)
    }
    fn view(
        &self,
        app: &App,
        frame: &mut crate::tui::widgets::Canvas,
        area: ratatui::layout::Rect,
        st: &crate::tui::theme::Styles,
    ) {
        view::draw(&app.screens.conflicts, frame, area, st);
    }
}
