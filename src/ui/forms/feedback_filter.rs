//! The filter box, drawn over the inbox so the list stays in sight.

use crate::app::forms::feedback_filter::FeedbackFilterForm;
use crate::ui::Styles;
use crate::ui::widgets::centered;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

pub fn draw(form: &FeedbackFilterForm, frame: &mut Frame, area: Rect, st: &Styles) {
    let popup = centered(area, 76, 10);
    frame.render_widget(Clear, popup);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" Filter the inbox — Enter applies, Esc cancels ")
        .border_style(st.focus_border());
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [input, help] = Layout::vertical([Constraint::Length(3), Constraint::Min(1)]).areas(inner);
    let field = Block::default()
        .borders(Borders::ALL)
        .border_style(st.focus_border());
    let text_area = field.inner(input);
    frame.render_widget(field, input);
    frame.render_widget(&form.text, text_area);
    let lines = match &form.error {
        Some(message) => vec![Line::styled(message.clone(), st.error())],
        None => vec![
            Line::styled(
                "Words of one kind widen, of different kinds narrow:",
                st.dim(),
            ),
            Line::raw("customer colleague manager mentor assessor department self"),
            Line::raw("positive constructive negative · new reflected actioned archived open"),
            Line::raw("from:1/9/2026 to:today on:DATE · period (since the last review)"),
            Line::styled(
                "Any other word (hold) or #tag is looked for · empty shows all",
                st.dim(),
            ),
        ],
    };
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), help);
}
