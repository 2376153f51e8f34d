//! The development-need form (self-assessment).

use super::Styles;
use super::field_form::{self, FormView};
use crate::app::App;
use crate::app::need_form::NeedForm;
use ratatui::Frame;
use ratatui::layout::Rect;

pub fn draw(app: &App, form: &NeedForm, frame: &mut Frame, area: Rect, st: &Styles) {
    let title = if form.editing {
        "Edit development need"
    } else {
        "New development need or strength"
    };
    field_form::draw(
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
