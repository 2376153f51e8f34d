//! The export form, with the customer details found listed beside it
//! (masked, with where they are) so the learner can decide.

use super::view::{self, Advice, FormView};
use crate::app::App;
use crate::app::forms::export::ExportForm;
use crate::ui::Styles;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

pub fn draw(app: &App, form: &ExportForm, frame: &mut Frame, area: Rect, st: &Styles) {
    let mut wide = Vec::new();
    if form.hits.is_empty() {
        wide.push(Line::styled(
            "No e-mail addresses, phone numbers, card numbers or postcodes found.",
            st.good(),
        ));
        wide.push(Line::raw(""));
        wide.push(Line::styled(
            "Names cannot be detected: check that customers are not named.",
            st.dim(),
        ));
    } else {
        wide.push(Line::styled(
            format!("{} possible customer detail(s):", form.hits.len()),
            st.warn(),
        ));
        for h in form.hits.iter().take(12) {
            wide.push(Line::from(vec![
                Span::styled(format!("{} ", h.kind.label()), st.warn()),
                Span::raw(h.masked()),
            ]));
            wide.push(Line::styled(
                format!("  in the {} of {}", h.field, h.record.describe()),
                st.dim(),
            ));
        }
        if form.hits.len() > 12 {
            wide.push(Line::styled(
                format!("and {} more", form.hits.len() - 12),
                st.dim(),
            ));
        }
    }
    view::draw(
        frame,
        area,
        st,
        FormView {
            title: "Export the portfolio",
            fields: &form.fields,
            error: form.save_error.as_ref(),
            today: app.today,
        },
        Some(Advice {
            title: "Customer personal data".into(),
            lines: wide,
        }),
    );
}
