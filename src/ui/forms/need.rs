//! The development-need form (self-assessment).

use crate::ui::Styles;
use super::view::{self, FormView};
use crate::app::App;
use crate::app::forms::need::NeedForm;
use ratatui::Frame;
use ratatui::layout::Rect;

pub fn draw(app: &App, form: &NeedForm, frame: &mut Frame, area: Rect, st: &Styles) {
    let title = if form.editing {
        "Edit development need"
    } else {
        "New development need or strength"
    };
    view::draw(
        frame,
        area,
        st,
        FormView {
            title,
            fields: &form.fields,
            error: form.save_error.as_ref(),
            today: app.today,
        },
        None,
    );
}
