//! What keys do on the Diary screen.

pub mod view;

use crate::domain::{DiaryEntry, Id};
use crate::tui::{Action, App, Screen};

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
        self.form = Some(crate::tui::forms::star::open(entry, false, self));
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
        self.form = Some(crate::tui::forms::star::open(entry, true, self));
    }
}
