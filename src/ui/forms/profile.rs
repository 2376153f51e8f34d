//! The profile form: a greeting on first run, and `p` to edit later.

use crate::app::forms::profile::{ProfileField, ProfileForm};
use crate::ui::Styles;
use crate::ui::widgets::panel;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub fn draw(form: &ProfileForm, frame: &mut Frame, area: Rect, st: &Styles) {
    let title = if form.first_run {
        " Welcome to starlog "
    } else {
        " Your profile "
    };
    let block = panel(title, st);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // The greeting wraps on a narrow terminal; give it the rows it needs.
    let intro_height = match (form.first_run, inner.width) {
        (false, _) => 1,
        (true, w) if w >= 76 => 4,
        (true, w) if w >= 50 => 6,
        (true, _) => 9,
    };
    let [intro, fields, footer] = Layout::vertical([
        Constraint::Length(intro_height),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    let intro_lines = if form.first_run {
        vec![
            Line::from("starlog keeps the evidence of your development: a STAR diary, your plan,"),
            Line::from("feedback and reviews, in files on this computer that you own."),
            Line::from("Tell it a little about you (you can change this later with p)."),
            Line::from(vec![
                Span::styled("Esc", st.key()),
                Span::raw(" skips this for now."),
            ]),
        ]
    } else {
        vec![Line::from("Who you are and what you are assessed on.")]
    };
    frame.render_widget(
        Paragraph::new(crate::ui::widgets::reflow(intro_lines)).wrap(Wrap { trim: true }),
        intro,
    );
    let mut y = fields.y;
    for field in ProfileField::ALL {
        if y >= fields.y + fields.height {
            break;
        }
        let focused = field == form.focus;
        let label_style = if focused { st.selected() } else { st.title() };
        let label = Rect {
            x: fields.x,
            y,
            width: 16.min(fields.width),
            height: 1,
        };
        frame.render_widget(
            Paragraph::new(Span::styled(format!("{:<15}", field.label()), label_style)),
            label,
        );
        let value = Rect {
            x: fields.x + 16.min(fields.width),
            y,
            width: fields.width.saturating_sub(16),
            height: 1,
        };
        if field == ProfileField::CriteriaSet {
            let rows = form.criteria.options.len().max(1) as u16;
            for (i, (o, checked)) in form
                .criteria
                .options
                .iter()
                .zip(&form.criteria.checked)
                .enumerate()
            {
                let r = Rect {
                    y: y + i as u16,
                    ..value
                };
                if r.y >= fields.y + fields.height {
                    break;
                }
                let mark = if *checked { "[x] " } else { "[ ] " };
                let style = if focused && i == form.criteria.cursor {
                    st.selected()
                } else {
                    ratatui::style::Style::default()
                };
                frame.render_widget(
                    Paragraph::new(Span::styled(format!("{mark}{}", o.label), style)),
                    r,
                );
            }
            y += rows;
        } else if let Some(text) = form.text_area(field) {
            if focused {
                frame.render_widget(text, value);
            } else {
                frame.render_widget(Paragraph::new(text.lines().join(" ")), value);
            }
            y += 1;
        }
        y += 1;
    }
    let msg = match &form.error {
        Some(e) => Line::styled(e.clone(), st.error()),
        None => Line::styled("Tab next field · Ctrl-S save · Esc close", st.dim()),
    };
    frame.render_widget(Paragraph::new(msg), footer);
}
