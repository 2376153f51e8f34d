//! What keys do on the Diary screen.

pub mod view;

use crate::domain::{DiaryEntry, Id};
use crate::tui::{Action, App, Screen};

/// The Diary screen's own state.
#[derive(Debug, Default)]
pub struct DiaryState {
    /// The selected entry, newest first.
    pub selected: usize,
}

impl App {
    pub(in crate::tui) fn diary_action(&mut self, action: Action) {
        match action {
            Action::Open => self.open_reader(),
            Action::New => self.new_entry(),
            Action::Edit => self.edit_selected_entry(),
            Action::Delete => {
                if let Some(id) = self.selected_entry().map(|e| e.id.clone()) {
                    self.trash_record(&id);
                }
            }
            _ => {}
        }
    }

    /// Opens a new STAR form for today.
    pub fn new_entry(&mut self) {
        if !self.writable() {
            return;
        }
        let entry = DiaryEntry::new(Id::generate(), self.today, self.now);
        self.layers.form = Some(crate::tui::forms::star::open(entry, false, self));
    }

    /// Opens the selected entry in the STAR form (also from the reader).
    pub(in crate::tui) fn edit_selected_entry(&mut self) {
        if self.screen != Screen::Diary {
            return;
        }
        let Some(entry) = self.selected_entry().cloned() else {
            self.set_status("Nothing to edit yet: press n for a new entry");
            return;
        };
        if !self.editable(&entry.id, "entry") {
            return;
        }
        self.layers.form = Some(crate::tui::forms::star::open(entry, true, self));
    }
}

/// The Diary screen, behind the [`Screen`](crate::tui::screens::Screen) trait.
pub struct DiaryScreen;

impl crate::tui::screens::Screen for DiaryScreen {
    fn len(&self, app: &App) -> usize {
        app.model.records.diary.len()
    }
    fn ids(&self, app: &App) -> Vec<Id> {
        app.model
            .records
            .diary
            .iter()
            .map(|e| e.id.clone())
            .collect()
    }
    // (Without a list of every id: a journal may hold 100k entries.)
    fn selected_id(&self, app: &App) -> Option<Id> {
        app.selected_entry().map(|e| e.id.clone())
    }
    fn position_of(&self, app: &App, id: &Id) -> Option<usize> {
        app.model.records.diary.iter().position(|e| &e.id == id)
    }
    fn selected(&self, screens: &crate::tui::screens::Screens) -> usize {
        screens.diary.selected
    }
    fn selection<'a>(&self, screens: &'a mut crate::tui::screens::Screens) -> &'a mut usize {
        &mut screens.diary.selected
    }
    fn update(&self, app: &mut App, action: Action) {
        app.diary_action(action)
    }
    fn view(
        &self,
        app: &App,
        frame: &mut crate::tui::widgets::Canvas,
        area: ratatui::layout::Rect,
        st: &crate::tui::theme::Styles,
    ) {
        view::draw(app, frame, area, st);
    }
}
