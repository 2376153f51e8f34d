//! What keys do on the Feedback screen.

use super::{Action, App};

impl App {
    pub(super) fn feedback_action(&mut self, action: Action) {
        match action {
            Action::Open => self.open_reader(),
            Action::New => self.new_entry(),
            _ => {}
        }
    }
}
