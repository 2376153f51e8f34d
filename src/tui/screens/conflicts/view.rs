//! The Conflicts view (`V`): the records with two versions, one line each,
//! and under them the selected record's two versions in words: each field
//! that differs with yours and theirs one after the other, then the fields
//! the same in both and the two files.

use crate::domain::versions::compare;
use crate::store::conflicts::{Choice, Origin};
use crate::store::trash::slashed;
use crate::tui::screens::conflicts::ConflictsState;
use crate::tui::theme::Styles;
use crate::tui::widgets::{panel, window_start, wrap_lines};
use crate::tui::{record_title, truncate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Borders, Clear, Paragraph, Wrap};

/// The width of "  yours   " before each version's text.
const LABEL: u16 = 10;

pub fn draw(view: &ConflictsState, frame: &mut Frame, area: Rect, st: &Styles) {
    frame.render_widget(Clear, area);
    let what = crate::domain::words::count(
        view.items.len(),
        "record changed on two computers",
        "records changed on two computers",
    );
    let block = panel(format!(" Conflicts · {what} "), st);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if view.items.is_empty() {
        let lines = vec![
            Line::raw("No record has two versions: nothing to choose between."),
            Line::raw(""),
            Line::raw(
                "When starlog sync finds a record changed here and on another computer, it \
                 keeps both versions and lists the record here, so you can choose which to \
                 keep (or keep both). The one you drop waits in the trash.",
            ),
        ];
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
        return;
    }
    // The list: a few lines, at most a third of the room.
    let list_rows = (view.items.len() as u16).clamp(1, (inner.height / 3).max(1));
    let [list_area, details_area] =
        Layout::vertical([Constraint::Length(list_rows), Constraint::Min(1)]).areas(inner);
    let width = inner.width as usize;
    let start = window_start(view.selected, view.items.len(), list_rows as usize);
    let mut lines = Vec::new();
    for (i, c) in view
        .items
        .iter()
        .enumerate()
        .skip(start)
        .take(list_rows as usize)
    {
        let record = c.record();
        let text = format!(
            "{:<14} {}",
            record.label(),
            truncate(&record_title(record, &st.days), width.saturating_sub(16))
        );
        let style = if i == view.selected {
            st.selected()
        } else {
            Style::default()
        };
        lines.push(Line::styled(format!("{text:<width$}"), style));
    }
    frame.render_widget(Paragraph::new(lines), list_area);

    let Some(c) = view.items.get(view.selected) else {
        return;
    };
    let mut lines = Vec::new();
    lines.push(Line::styled(
        match c.origin {
            Origin::SyncCopy => "Changed here and on another computer:",
            Origin::SameId => {
                "One record in two files (moved on one computer, changed on another):"
            }
        },
        st.dim(),
    ));
    // Each version's text wrapped beside its label, so the two read as two
    // blocks one after the other.
    let room = details_area.width.saturating_sub(LABEL);
    let version = |who: &'static str, text: &str, style: Style| -> Vec<Line<'static>> {
        let rows: Vec<Line<'static>> = text
            .lines()
            .flat_map(|l| wrap_lines(&[Line::raw(l.to_string())], room))
            .collect();
        let mut out = Vec::new();
        for (n, row) in rows.into_iter().enumerate() {
            let head = if n == 0 { who } else { "" };
            let mut spans = vec![Span::styled(format!("  {head:<8}"), style)];
            spans.extend(row.spans);
            out.push(Line::from(spans));
        }
        if out.is_empty() {
            out.push(Line::from(Span::styled(format!("  {who:<8}"), style)));
        }
        out
    };
    match &c.mine {
        Some(mine) => {
            let comparison = compare(&mine.record, &c.theirs.record);
            for change in &comparison.changed {
                lines.push(Line::styled(change.field.clone(), st.title()));
                lines.extend(version("yours", &change.mine, st.key()));
                lines.extend(version("theirs", &change.theirs, st.warn()));
            }
            if comparison.changed.is_empty() {
                lines.push(Line::raw("The two versions hold the same words."));
            }
            if !comparison.same.is_empty() {
                lines.push(Line::styled(
                    format!("The same in both: {}", comparison.same.join(", ")),
                    st.dim(),
                ));
            }
            lines.push(Line::styled(
                format!("Yours:  {}", slashed(&mine.rel_path)),
                st.dim(),
            ));
        }
        None => {
            lines.push(Line::raw(
                "Yours is gone from this computer (deleted, or in the trash). t takes theirs \
                 back as the record; m drops it (to the trash).",
            ));
            lines.push(Line::styled(
                record_title(&c.theirs.record, &st.days),
                st.title(),
            ));
        }
    }
    lines.push(Line::styled(
        format!("Theirs: {}", slashed(&c.theirs.rel_path)),
        st.dim(),
    ));
    if !c.allows(Choice::KeepBoth) {
        lines.push(Line::styled(
            "An attached file's record keeps its id: m keeps yours, t takes theirs.",
            st.dim(),
        ));
    }
    let block = ratatui::widgets::Block::default()
        .borders(Borders::TOP)
        .border_style(st.dim());
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((view.scroll, 0)),
        details_area,
    );
}
