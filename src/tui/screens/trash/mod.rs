//! Deleting, undoing and the Trash view. `d` moves a record to the trash,
//! asking first when other records link to it (and naming them); `u` brings
//! back the last deletion, also after the app was closed and opened again
//! (the store keeps the order of deletions); `T` lists everything in the
//! trash, discarded drafts first, and Enter brings the selected one back (a
//! draft into its form again).

pub mod view;

use crate::domain::links::linking_sentence;
use crate::domain::{AnyRecord, Draft, Id};
use crate::store::{Deletion, RecordKind, TrashedRecord};
use crate::tui::screens::{Lettered, Screens};
use crate::tui::{Action, App, Confirm, Screen, record_title, truncate};

/// The Trash view's state: what was in the trash when it was opened.
#[derive(Debug, Clone, Default)]
pub struct TrashState {
    /// Discarded drafts (kept 30 days), newest first: listed first.
    pub drafts: Vec<Draft>,
    pub items: Vec<TrashedRecord>,
    /// In the drafts, then in the records.
    pub selected: usize,
}

impl TrashState {
    /// How many lines the view lists.
    pub fn len(&self) -> usize {
        self.drafts.len() + self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl App {
    /// `d`: moves a record to the trash, after asking when others link to
    /// it (their links would point at nothing until it is restored).
    pub fn trash_record(&mut self, id: &Id) {
        let Some(record) = self.model.records.get(id) else {
            return;
        };
        if !self.editable(id, record.label()) {
            return;
        }
        match linking_sentence(&self.model.records, id, record.label()) {
            Some(links) => {
                self.layers.confirm = Some(Confirm::DeleteLinked {
                    id: id.clone(),
                    title: truncate(&record_title(&record, &self.config.days()), 50),
                    links,
                });
            }
            None => self.trash_now(id),
        }
    }

    /// Moves the record to the trash without asking.
    pub(in crate::tui) fn trash_now(&mut self, id: &Id) {
        let Some(record) = self.model.records.get(id) else {
            return;
        };
        if !self.editable(id, record.label()) {
            return;
        }
        let rel = self
            .model
            .files
            .get(id)
            .map(|f| f.rel_path.clone())
            .unwrap_or_else(|| crate::store::rel_path_of(&record));
        let Some(ws) = &self.session.ws else { return };
        match ws.trash(&rel) {
            Ok(trash_path) => {
                self.forget_record(id);
                self.set_status(format!(
                    "Moved the {} \"{}\" to the trash. u to undo, T lists the trash",
                    record.label(),
                    truncate(&record_title(&record, &self.config.days()), 40)
                ));
                self.session.undo.push(Deletion {
                    trashed: crate::store::trash::slashed(&trash_path),
                    original: crate::store::trash::slashed(&rel),
                    also: None,
                });
            }
            Err(e) => self.set_error(format!("Not deleted: {e}")),
        }
    }

    /// Takes a record out of memory once its file went to the trash.
    fn forget_record(&mut self, id: &Id) {
        if let Some(AnyRecord::Diary(_)) = self.model.records.change().remove(id) {
            self.model.diary_total = self.model.diary_total.saturating_sub(1);
        }
        self.model.files.remove(id);
        self.session.saved.remove(id);
        self.session.trashed.push(id.clone());
        for screen in Screen::ALL {
            self.clamp(screen);
        }
    }

    /// `u`: the last discarded draft, else the last deletion, comes back.
    pub(in crate::tui) fn undo_delete(&mut self) {
        if let Some(draft) = self.session.discarded_draft.take() {
            self.bring_back_draft(draft);
            return;
        }
        let Some(item) = self.session.undo.pop() else {
            self.set_status("Nothing to undo (T lists the trash)");
            return;
        };
        if let Err(e) = self.restore_deletion(&item) {
            self.set_error(format!("Could not restore: {e}"));
            self.session.undo.push(item);
        }
    }

    /// Moves a deleted record back to its place and into memory, selected on
    /// its screen.
    fn restore_deletion(&mut self, item: &Deletion) -> Result<(), String> {
        let Some(ws) = &self.session.ws else {
            return Err("no workspace is open".into());
        };
        let original = item.original_path();
        // A choice between two versions of a record (V) moved more than one
        // file, and a conflict copy is not a record: put every file back,
        // then read the records again.
        if item.also.is_some() || crate::store::conflicts::is_copy(&original) {
            ws.undo(item).map_err(|e| e.to_string())?;
            self.session.undo.retain(|d| d.trashed != item.trashed);
            self.reload_requested = true;
            if self.screens.is_open(Lettered::Conflicts) {
                let view = &mut self.screens.conflicts;
                view.items = ws.conflicts().0;
                view.selected = view.selected.min(view.items.len().saturating_sub(1));
            }
            self.set_status("Undone: both versions are back");
            return Ok(());
        }
        let kind = RecordKind::of_path(&original)
            .ok_or_else(|| format!("{} is not a record folder", item.original))?;
        ws.restore(&item.trashed_path(), &original)
            .map_err(|e| e.to_string())?;
        let (record, state, _) = ws.read_any(kind, &original).map_err(|p| p.to_string())?;
        let id = record.id().clone();
        let label = record.label();
        let title = truncate(&record_title(&record, &self.config.days()), 40);
        self.session.trashed.retain(|t| t != &id);
        self.model.files.insert(id.clone(), state);
        if matches!(record, AnyRecord::Diary(_)) {
            self.model.diary_total += 1;
        }
        self.model.records.change().upsert(record);
        self.session.undo.retain(|d| d.trashed != item.trashed);
        self.select_record(&id);
        self.set_status(format!("Restored the {label} \"{title}\" from the trash"));
        Ok(())
    }

    /// `T`: lists what is in the trash.
    pub(in crate::tui) fn open_trash(&mut self) {
        let Some(ws) = &self.session.ws else {
            self.set_status("No workspace is open, so there is no trash");
            return;
        };
        let (items, mut problems) = ws.trashed();
        let (drafts, unreadable) = ws.discarded_drafts();
        problems.extend(unreadable);
        self.show_lettered(Lettered::Trash);
        self.screens.trash = TrashState {
            drafts,
            items,
            selected: 0,
        };
        if !problems.is_empty() {
            self.set_error(format!(
                "{} in the trash could not be read (see ? help)",
                crate::domain::words::count(problems.len(), "file", "files")
            ));
            self.model.problems.extend(problems);
        }
    }

    /// Keys in the Trash view (moving and Esc are the same on every
    /// lettered screen: see `screens::App::update_current`).
    fn trash_action(&mut self, action: Action) {
        let view = &self.screens.trash;
        let Action::Restore = action else { return };
        if let Some(draft) = view.drafts.get(view.selected).cloned() {
            if !self.writable() {
                return;
            }
            // `u` no longer needs to bring this one back.
            if self
                .session
                .discarded_draft
                .as_ref()
                .is_some_and(|d| d.id == draft.id)
            {
                self.session.discarded_draft = None;
            }
            self.close_lettered();
            self.layers.reader = None;
            self.bring_back_draft(draft);
            return;
        }
        let at = view.selected - view.drafts.len();
        let Some(item) = view.items.get(at).cloned() else {
            self.set_status("The trash is empty");
            return;
        };
        if !self.writable() {
            return;
        }
        match self.restore_deletion(&item.deletion) {
            Ok(()) => {
                // Back on its screen, selected, to see it (a coaching
                // session's is the coaching log, opened in its place).
                if self.screens.is_open(Lettered::Trash) {
                    self.close_lettered();
                }
                self.layers.reader = None;
            }
            Err(e) => self.set_error(format!("Could not restore: {e}")),
        }
    }

    /// The answer to "others link to this; delete it anyway?".
    pub(in crate::tui) fn answer_delete_linked(&mut self, id: Id, yes: bool) {
        if yes {
            self.trash_now(&id);
        } else {
            self.set_status("Not deleted");
        }
    }
}

/// The Trash view, behind the [`Screen`](crate::tui::screens::Screen) trait.
pub struct TrashScreen;

impl crate::tui::screens::Screen for TrashScreen {
    fn len(&self, app: &App) -> usize {
        app.screens.trash.len()
    }
    fn ids(&self, app: &App) -> Vec<Id> {
        let view = &app.screens.trash;
        let drafts = view.drafts.iter().map(|d| d.id.clone());
        drafts
            .chain(view.items.iter().map(|i| i.record.id().clone()))
            .collect()
    }
    fn selected(&self, screens: &Screens) -> usize {
        screens.trash.selected
    }
    fn selection<'a>(&self, screens: &'a mut Screens) -> &'a mut usize {
        &mut screens.trash.selected
    }
    fn update(&self, app: &mut App, action: Action) {
        app.trash_action(action)
    }
    fn view(
        &self,
        app: &App,
        frame: &mut crate::tui::widgets::Canvas,
        area: ratatui::layout::Rect,
        st: &crate::tui::theme::Styles,
    ) {
        view::draw(&app.screens.trash, frame, area, st);
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use crate::store::{Mode, Workspace};
    use chrono::DateTime;

    fn demo_workspace() -> (tempfile::TempDir, App) {
        let root = tempfile::tempdir().expect("root");
        let now = DateTime::parse_from_rfc3339("2026-11-23T09:30:00+00:00").expect("valid");
        let app = open(root.path(), now);
        (root, app)
    }

    fn open(root: &std::path::Path, now: chrono::DateTime<chrono::FixedOffset>) -> App {
        let ws = Workspace::open(root, "learner", Mode::Write).expect("open");
        if ws.has_no_records() {
            let (_, state, _) = ws.load_header().expect("header");
            crate::demo::write_demo(&ws, state.as_ref(), 0, now).expect("demo");
        }
        let mut app = App::open(ws, now).expect("app");
        let loaded = app.session.ws.as_ref().expect("ws").load().expect("load");
        app.apply_loaded(loaded);
        app
    }

    fn linked_objective(app: &App) -> Id {
        app.model
            .records
            .objectives
            .iter()
            .find(|o| linking_sentence(&app.model.records, &o.id, "objective").is_some())
            .map(|o| o.id.clone())
            .expect("the demo has an objective others link to")
    }

    #[test]
    fn deleting_an_objective_others_link_to_asks_first_and_names_them() {
        let (_root, mut app) = demo_workspace();
        let id = linked_objective(&app);
        app.trash_record(&id);
        let Some(Confirm::DeleteLinked { links, .. }) = &app.layers.confirm else {
            panic!("asks first: {:?}", app.layers.confirm);
        };
        assert!(links.ends_with("link to this objective"), "{links}");
        assert!(links.contains("activit"), "{links}");
        app.update(Action::No);
        assert!(app.model.records.objective(&id).is_some(), "n keeps it");
        app.trash_record(&id);
        app.update(Action::Yes);
        assert!(app.model.records.objective(&id).is_none(), "y deletes it");
    }

    #[test]
    fn d_deletes_the_picked_kpi_reading_and_the_list_stays_open() {
        let (_root, mut app) = demo_workspace();
        app.update(Action::ShowScreen(Screen::Progress));
        app.update(Action::Open);
        let before = app.reader_links();
        app.update(Action::Down);
        app.update(Action::Delete);
        assert!(app.layers.confirm.is_none(), "nothing links to a reading");
        assert!(app.model.records.kpis.iter().all(|k| k.id != before[1]));
        assert_eq!(app.reader_links().len(), before.len() - 1);
        assert!(app.layers.reader.is_some(), "still listing the readings");
        app.update(Action::Undo);
        assert!(app.model.records.kpis.iter().any(|k| k.id == before[1]));
    }

    #[test]
    fn undo_works_after_the_app_is_closed_and_opened_again() {
        let (root, mut app) = demo_workspace();
        let id = app.model.records.diary[0].id.clone();
        app.trash_record(&id);
        assert!(app.model.records.get(&id).is_none());
        let now = app.now;
        drop(app);
        let mut app = open(root.path(), now);
        assert!(app.model.records.get(&id).is_none(), "still deleted");
        app.update(Action::Undo);
        assert!(app.model.records.get(&id).is_some(), "u brings it back");
        assert_eq!(app.screen, Screen::Diary);
    }

    #[test]
    fn the_trash_view_lists_deleted_records_and_restores_the_selected_one() {
        let (_root, mut app) = demo_workspace();
        let first = app.model.records.diary[0].id.clone();
        let second = app.model.records.feedback[0].id.clone();
        app.trash_record(&first);
        app.trash_record(&second);
        app.update(Action::ShowTrash);
        assert_eq!(app.context(), crate::tui::Context::Trash);
        assert!(app.screens.is_open(Lettered::Trash));
        let view = &app.screens.trash;
        assert_eq!(view.items.len(), 2);
        assert_eq!(view.items[0].record.id(), &second, "last deleted first");
        app.update(Action::Down);
        app.update(Action::Restore);
        assert_eq!(app.screens.lettered, None, "closes to show it");
        assert!(app.model.records.get(&first).is_some());
        assert!(app.model.records.get(&second).is_none());
        assert_eq!(app.screen, Screen::Diary);
        // `u` now undoes the other deletion only.
        app.update(Action::Undo);
        assert!(app.model.records.get(&second).is_some());
    }
}
