//! What keys do on the Progress screen.

use super::{Action, App};

impl App {
    pub(super) fn progress_action(&mut self, action: Action) {
        match action {
            Action::Open => self.open_reader(),
            Action::New => self.new_entry(),
            _ => {}
        }
    }
}
