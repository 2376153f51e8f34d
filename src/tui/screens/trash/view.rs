//! The Trash view (`T`): every deleted record, the last deleted first, with
//! where it goes back to; Enter brings the selected one back.

use crate::tui::screens::trash::TrashView;
use crate::tui::theme::Styles;
use crate::tui::widgets::{panel, window_start};
use crate::tui::{record_title, truncate};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

pub fn draw(view: &TrashView, frame: &mut Frame, area: Rect, st: &Styles) {
    frame.render_widget(Clear, area);
    let title = format!(
        " Trash · {} (Enter restores, Esc closes) ",
        crate::domain::words::count(view.items.len(), "record", "records")
    );
    let block = panel(title, st);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if view.items.is_empty() {
        let lines = vec![
            Line::raw("The trash is empty."),
            Line::raw(""),
            Line::from(vec![
                Span::raw("Records deleted with "),
                Span::styled("d", st.key()),
                Span::raw(" wait here until you bring them back; starlog never empties it."),
            ]),
        ];
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
        return;
    }
    // Two lines per record: what it is, then where it goes back to.
    let per_page = (inner.height as usize / 2).max(1);
    let start = window_start(view.selected, view.items.len(), per_page);
    let width = inner.width as usize;
    let mut lines = Vec::new();
    for (i, item) in view.items.iter().enumerate().skip(start).take(per_page) {
        let label = item.record.label();
        let text = format!(
            "{label:<18} {}",
            truncate(
                &record_title(&item.record, &st.days),
                width.saturating_sub(20)
            )
        );
        let style = if i == view.selected {
            st.selected()
        } else {
            ratatui::style::Style::default()
        };
        lines.push(Line::styled(
            format!("{text:<width$}", width = width),
            style,
        ));
        lines.push(Line::styled(
            format!("{:18} back to {}", "", item.deletion.original),
            st.dim(),
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
