//! The KPI reading form, with the metric's scale beside it as it is typed.

use super::view::{self, Advice, FormView};
use crate::app::App;
use crate::app::forms::kpi::KpiForm;
use crate::domain::kpi::fmt_number;
use crate::ui::Styles;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

pub fn draw(app: &App, form: &KpiForm, frame: &mut Frame, area: Rect, st: &Styles) {
    let title = if form.editing {
        "Edit KPI reading"
    } else {
        "New KPI reading"
    };
    let line = match form.scale_note() {
        Ok(s) => {
            let range = match (s.min, s.max) {
                (Some(lo), Some(hi)) => format!("{} to {}", fmt_number(lo), fmt_number(hi)),
                (Some(lo), None) => format!("{} or more", fmt_number(lo)),
                (None, Some(hi)) => format!("up to {}", fmt_number(hi)),
                (None, None) => "any number".into(),
            };
            let unit = if s.unit.is_empty() {
                String::new()
            } else {
                format!(" ({})", s.unit)
            };
            Line::styled(
                format!("{}: {range}{unit}, {}", s.metric, s.better.label()),
                st.good(),
            )
        }
        Err(e) => Line::styled(e, st.dim()),
    };
    let advice = Advice {
        title: "Scale".into(),
        lines: vec![line],
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
