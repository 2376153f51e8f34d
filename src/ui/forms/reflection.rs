//! The reflection form: the feedback above, the learner's reflection below.

use crate::app::forms::reflection::ReflectionForm;
use crate::ui::Styles;
use crate::ui::widgets::panel;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

/// The question above the reflection (What? So what? Now what?).
pub const PROMPT: &str =
    "What does this tell you about your work? Why did it happen, and what will you do differently?";

pub fn draw(form: &ReflectionForm, frame: &mut Frame, area: Rect, st: &Styles) {
    let f = &form.feedback;
    let outer = panel(
        format!(
            " Reflect on {} feedback from {} ",
            f.valence.label(),
            f.source.label()
        ),
        st,
    );
    let inner = outer.inner(area);
    frame.render_widget(outer, area);
    // As tall as the quote needs, up to a third of the form.
    let width = inner.width.max(1) as usize;
    // The date line, the quote and a blank line before the question.
    let needed: usize = 2 + f
        .text
        .lines()
        .map(|l| (l.chars().count() + 2).div_ceil(width).max(1))
        .sum::<usize>();
    let quote_rows = (needed as u16).clamp(2, (inner.height / 3).max(3));
    let [quote, question, field, footer] = Layout::vertical([
        Constraint::Length(quote_rows),
        Constraint::Length(2),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(inner);
    let mut lines = vec![Line::styled(
        format!("{} · {}", f.date.format("%d %b %Y"), f.who_label()),
        st.dim(),
    )];
    lines.extend(f.text.lines().map(|l| Line::raw(format!("“{l}”"))));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), quote);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled("My reflection ", st.title()),
            Span::raw(PROMPT),
        ]))
        .wrap(Wrap { trim: true }),
        question,
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(st.focus_border());
    let text_area = block.inner(field);
    frame.render_widget(block, field);
    frame.render_widget(&form.text, text_area);
    let footer_line = match &form.error {
        Some(message) => Line::styled(message.clone(), st.error()),
        None => Line::styled(
            "Enter starts a new line · Ctrl-S saves · Esc closes",
            st.dim(),
        ),
    };
    frame.render_widget(Paragraph::new(footer_line), footer);
}
