//! The development-activity form, with the Kirkpatrick levels reached so far
//! beside it.

use crate::ui::Styles;
use super::view::{self, Advice, FormView};
use crate::app::App;
use crate::app::forms::activity::ActivityForm;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

const LEVELS: [(&str, &str); 4] = [
    ("reaction", "1 Reaction: how I found it"),
    ("learning", "2 Learning: what I learned"),
    ("behaviour", "3 Behaviour: what I do differently"),
    ("results", "4 Results: the KPI before and after"),
];

pub fn draw(app: &App, form: &ActivityForm, frame: &mut Frame, area: Rect, st: &Styles) {
    let levels: Vec<Line> = LEVELS
        .iter()
        .map(|(name, label)| {
            let done = !form.fields.text(name).trim().is_empty();
            let (mark, style) = if done {
                ("✓", st.good())
            } else {
                ("○", st.dim())
            };
            Line::from(vec![
                Span::styled(format!("{mark} "), style),
                Span::styled(*label, style),
            ])
        })
        .collect();
    let mut wide = levels.clone();
    wide.push(Line::raw(""));
    wide.push(Line::styled(
        "Assessors look for the impact on customers: level 3 and 4 notes are the strongest evidence.",
        st.dim(),
    ));
    let advice = Advice {
        title: "Impact (Kirkpatrick)".into(),
        wide,
        compact: levels,
    };
    let title = if form.editing {
        "Edit development activity"
    } else {
        "New development activity"
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
        Some(advice),
    );
}
