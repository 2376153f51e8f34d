//! The act form: what the feedback led to (ticks) and what was done (text).

use crate::app::App;
use crate::app::forms::act::{ActField, ActForm, NEW_OBJECTIVE, linked_labels};
use crate::ui::Styles;
use crate::ui::widgets::{panel, window_start};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

pub fn draw(app: &App, form: &ActForm, frame: &mut Frame, area: Rect, st: &Styles) {
    let f = &form.feedback;
    let outer = panel(
        format!(
            " Act on {} feedback from {} ",
            f.valence.label(),
            f.source.label()
        ),
        st,
    );
    let inner = outer.inner(area);
    frame.render_widget(outer, area);
    let linked = linked_labels(f, &app.records);
    let summary_rows = (1 + linked.len().min(3) as u16 + u16::from(!linked.is_empty()))
        .min(inner.height / 4)
        .max(1);
    let [summary, links, note, footer] = Layout::vertical([
        Constraint::Length(summary_rows),
        Constraint::Min(4),
        Constraint::Length((inner.height / 3).max(3)),
        Constraint::Length(1),
    ])
    .areas(inner);
    let mut lines = vec![Line::from(vec![
        Span::styled(format!("{} ", f.date.format("%d %b")), st.dim()),
        Span::raw(format!("“{}”", f.headline())),
    ])];
    if !linked.is_empty() {
        lines.push(Line::styled("Already linked to:", st.dim()));
        lines.extend(linked.iter().take(3).map(|l| Line::raw(format!("• {l}"))));
    }
    frame.render_widget(Paragraph::new(lines), summary);

    let focused = |field: ActField| {
        let style = if form.focus == field {
            st.focus_border()
        } else {
            st.dim()
        };
        Block::default().borders(Borders::ALL).border_style(style)
    };
    let block = focused(ActField::Links).title(Span::styled(
        " What did it lead to? ↑/↓ move, Space ticks ",
        st.title(),
    ));
    let links_inner = block.inner(links);
    frame.render_widget(block, links);
    let picker = &form.links;
    if picker.options.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::styled(
                "No open objectives or diary entries to link to yet: add an objective on the Plan (2) or an entry on the Diary (1).",
                st.dim(),
            ))
            .wrap(Wrap { trim: true }),
            links_inner,
        );
    } else {
        let height = links_inner.height as usize;
        let start = window_start(picker.cursor, picker.options.len(), height);
        let rows: Vec<Line> = picker
            .options
            .iter()
            .zip(&picker.checked)
            .enumerate()
            .skip(start)
            .take(height)
            .map(|(i, (o, checked))| {
                let mark = if *checked { "[x] " } else { "[ ] " };
                let style = if i == picker.cursor && form.focus == ActField::Links {
                    st.selected()
                } else if o.value == NEW_OBJECTIVE {
                    st.key()
                } else {
                    Style::default()
                };
                Line::styled(format!("{mark}{}", o.label), style)
            })
            .collect();
        frame.render_widget(Paragraph::new(rows), links_inner);
    }

    let block = focused(ActField::Note).title(Span::styled(" What I did (optional) ", st.title()));
    let note_inner = block.inner(note);
    frame.render_widget(block, note);
    frame.render_widget(&form.note, note_inner);

    let footer_line = match &form.error {
        Some(message) => Line::styled(message.clone(), st.error()),
        None => Line::styled("Tab switches · Ctrl-S links · Esc closes", st.dim()),
    };
    frame.render_widget(
        Paragraph::new(footer_line).wrap(Wrap { trim: true }),
        footer,
    );
}
