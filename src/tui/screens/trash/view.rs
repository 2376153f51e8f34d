//! The Trash view (`T`): the discarded drafts, newest first, then every
//! deleted record, the last deleted first, each with where it goes back to;
//! Enter brings the selected one back.

use crate::tui::screens::trash::TrashState;
use crate::tui::theme::Styles;
use crate::tui::widgets::{panel, window_start};
use crate::tui::{draft_description, record_title, truncate};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

pub fn draw(view: &TrashState, frame: &mut Frame, area: Rect, st: &Styles) {
    frame.render_widget(Clear, area);
    let count = crate::domain::words::count;
    let mut what = vec![count(view.items.len(), "record", "records")];
    if !view.drafts.is_empty() {
        what.insert(0, count(view.drafts.len(), "draft", "drafts"));
    }
    let title = format!(" Trash · {} (Enter restores, Esc closes) ", what.join(", "));
    let block = panel(title, st);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if view.is_empty() {
        let lines = vec![
            Line::raw("The trash is empty."),
            Line::raw(""),
            Line::from(vec![
                Span::raw("Records deleted with "),
                Span::styled("d", st.key()),
                Span::raw(" wait here until you bring them back; starlog never empties it."),
            ]),
            Line::raw(format!(
                "Text you discard from a form waits here {} days.",
                crate::store::drafts::DISCARDED_DAYS
            )),
        ];
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
        return;
    }
    // Two lines per record: what it is, then where it goes back to.
    let per_page = (inner.height as usize / 2).max(1);
    let start = window_start(view.selected, view.len(), per_page);
    let width = inner.width as usize;
    // (what it is, its title, where it goes back to), drafts first.
    let drafts = view.drafts.iter().map(|d| {
        (
            "discarded draft",
            truncate(&draft_description(d), width.saturating_sub(20)),
            format!(
                "back into its form (discarded {})",
                st.days.day(d.saved_at.date_naive())
            ),
        )
    });
    let records = view.items.iter().map(|item| {
        (
            item.record.label(),
            truncate(
                &record_title(&item.record, &st.days),
                width.saturating_sub(20),
            ),
            format!("back to {}", item.deletion.original),
        )
    });
    let mut lines = Vec::new();
    for (i, (label, title, back)) in drafts.chain(records).enumerate().skip(start).take(per_page) {
        let style = if i == view.selected {
            st.selected()
        } else {
            ratatui::style::Style::default()
        };
        let text = format!("{label:<18} {title}");
        lines.push(Line::styled(
            format!("{text:<width$}", width = width),
            style,
        ));
        lines.push(Line::styled(format!("{:18} {back}", ""), st.dim()));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
