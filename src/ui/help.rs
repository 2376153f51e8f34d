//! The help overlay, generated from the key table that dispatches keys.

use super::Styles;
use super::widgets::centered;
use crate::app::keymap::Context;
use crate::app::{App, Screen};
use crate::store::Severity;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

pub fn draw(app: &App, frame: &mut Frame, area: Rect, st: &Styles) {
    let mut lines = Vec::new();
    let groups = [
        ("On every screen", Context::Screen(Screen::Plan)),
        ("On the Diary", Context::Screen(Screen::Diary)),
        ("On Feedback", Context::Screen(Screen::Feedback)),
        ("On Reviews", Context::Screen(Screen::Reviews)),
        ("Reading an entry", Context::Reader),
        ("In a form", Context::Form),
    ];
    let mut shown: Vec<(String, &str)> = Vec::new();
    for (title, ctx) in groups {
        lines.push(Line::styled(title, st.title()));
        for b in app.keymap.bindings_for(ctx) {
            let keys: Vec<String> = b.keys.iter().map(|k| k.label()).collect();
            let row = (keys.join(" / "), b.help);
            let per_screen = matches!(
                ctx,
                Context::Screen(Screen::Diary | Screen::Feedback | Screen::Reviews)
            );
            if per_screen && shown.contains(&row) {
                continue; // already listed under "every screen"
            }
            shown.push(row.clone());
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<16}", row.0), st.key()),
                Span::raw(row.1),
            ]));
        }
        lines.push(Line::raw(""));
    }
    lines.push(Line::styled("Form fields", st.title()));
    lines.push(Line::raw(
        "  Enter starts a new line in the STAR fields; in Objectives and",
    ));
    lines.push(Line::raw(
        "  Criteria, ↑/↓ move and Space ticks. A draft is kept as you type.",
    ));
    lines.push(Line::raw(""));
    let problems: Vec<_> = app
        .problems
        .iter()
        .filter(|p| p.severity >= Severity::Warning)
        .collect();
    if !problems.is_empty() {
        lines.push(Line::styled(
            format!("Files with problems ({})", problems.len()),
            st.error(),
        ));
        for p in problems {
            lines.push(Line::raw(format!("  {p}")));
        }
        lines.push(Line::raw(""));
    }
    if let Some(ws) = &app.ws {
        lines.push(Line::styled("Workspace", st.title()));
        lines.push(Line::raw(format!("  {}", ws.dir().display())));
    }
    let popup = centered(area, 76, area.height);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((app.help.unwrap_or(0), 0))
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(" Help — Esc to close ")
                    .border_style(st.focus_border()),
            ),
        popup,
    );
}
