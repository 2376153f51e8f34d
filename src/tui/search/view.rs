//! The search palette, drawn over whatever screen is open: the query line,
//! what the search found (or why the query cannot be read), one row per
//! result with its type, day and the matched text marked, and the selected
//! result's title and excerpt in full at the bottom.

use crate::search::{Found, Shown};
use crate::tui::App;
use crate::tui::search::Palette;
use crate::tui::theme::Styles;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use std::ops::Range;

/// The filters, shown while nothing is typed.
const HINT: &str = "Filters: #tag type:feedback source:customer before:DATE after:DATE criterion:2.3 is:overdue \"exact phrase\"";

pub fn draw(app: &App, palette: &Palette, frame: &mut Frame, area: Rect, st: &Styles) {
    let popup = area;
    frame.render_widget(Clear, popup);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" Search everything ")
        .title_style(st.title())
        .border_style(st.focus_border());
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    if inner.height < 3 || inner.width < 10 {
        return;
    }
    let row = |y: u16| Rect {
        x: inner.x,
        y: inner.y + y,
        width: inner.width,
        height: 1,
    };

    // The query, with a cursor at its end (the end is kept in view).
    let room = inner.width.saturating_sub(3) as usize;
    let chars = palette.input.chars().count();
    let shown_input: String = palette
        .input
        .chars()
        .skip(chars.saturating_sub(room))
        .collect();
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled("/ ", st.key()),
            Span::raw(shown_input),
            Span::styled("▏", st.key()),
        ])),
        row(0),
    );

    // What was found, or what is wrong with the query.
    let status = if let Some(error) = &palette.error {
        Line::from(Span::styled(error.clone(), st.error()))
    } else {
        let count = match palette.hits.len() {
            0 if palette.searching => String::new(),
            0 => "No matches".to_string(),
            1 => "1 match".to_string(),
            n => format!("{} matches", thousands(n)),
        };
        let mut spans = vec![Span::styled(count, st.good())];
        if palette.searching {
            spans.push(Span::styled(" searching…", st.warn()));
        }
        if palette.input.trim().is_empty() {
            spans = vec![Span::styled(HINT, st.dim())];
        }
        Line::from(spans)
    };
    frame.render_widget(Paragraph::new(status), row(1));

    // The selected result in full at the bottom, when there is room.
    let detail_rows: u16 = match inner.height {
        18.. => 5,
        12.. => 3,
        _ => 0,
    };
    let list_rows = inner.height - 2 - detail_rows;
    let len = palette.hits.len();
    let start = crate::tui::widgets::window_start(palette.selected, len, list_rows as usize);
    let show = |i: usize| -> Option<(Shown, Found)> {
        let hit = palette.hits.get(i)?;
        Some((
            palette
                .index
                .show(hit, &palette.query, &app.model.records)?,
            hit.found,
        ))
    };
    for (n, i) in (start..len.min(start + list_rows as usize)).enumerate() {
        let rect = row(2 + n as u16);
        let selected = i == palette.selected;
        let line = match show(i) {
            Some((shown, found)) => result_line(&shown, found, rect.width as usize, st),
            None => Line::from(Span::styled("(changed since the search)", st.dim())),
        };
        if selected {
            frame.render_widget(Paragraph::new("").style(st.selected()), rect);
            frame.render_widget(Paragraph::new(line.patch_style(st.selected())), rect);
        } else {
            frame.render_widget(Paragraph::new(line), rect);
        }
    }

    if detail_rows > 0
        && let Some((shown, _)) = show(palette.selected)
    {
        let rect = Rect {
            x: inner.x,
            y: inner.y + inner.height - detail_rows,
            width: inner.width,
            height: detail_rows,
        };
        let mut lines = vec![Line::from(Span::styled(
            "─".repeat(inner.width as usize),
            st.dim(),
        ))];
        lines.push(Line::from(marked(
            &shown.line,
            &shown.line_marks,
            Style::default(),
            st.key(),
        )));
        if let Some(e) = &shown.excerpt {
            let mut spans = vec![Span::styled(format!("{}: ", e.field), st.dim())];
            spans.extend(marked(&e.text, &e.marks, Style::default(), st.key()));
            lines.push(Line::from(spans));
        }
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), rect);
    }
}

/// `type  day  text`, where the text is the title line or, for a find in
/// the long text, the field and excerpt; shifted so the first mark shows.
fn result_line(shown: &Shown, found: Found, width: usize, st: &Styles) -> Line<'static> {
    let mut spans = vec![Span::styled(
        format!("{:<9} ", shown.kind.label()),
        st.tag(),
    )];
    let mut used = 10;
    if width >= 50 {
        spans.push(Span::styled(
            format!("{}  ", st.days.column(shown.date)),
            st.dim(),
        ));
        used += st.days.width() + 2;
    }
    let room = width.saturating_sub(used);
    match (&shown.excerpt, found) {
        (Some(e), Found::Text) => {
            let label = format!("{}: ", e.field);
            let room = room.saturating_sub(label.chars().count());
            spans.push(Span::styled(label, st.dim()));
            let (text, marks) = in_view(&e.text, &e.marks, room);
            spans.extend(marked(&text, &marks, Style::default(), st.key()));
        }
        _ => {
            let (text, marks) = in_view(&shown.line, &shown.line_marks, room);
            spans.extend(marked(&text, &marks, Style::default(), st.key()));
        }
    }
    Line::from(spans)
}

/// `text` cut to start a little before its first mark when that mark would
/// be beyond `room` characters, with the marks moved to match.
fn in_view(text: &str, marks: &[Range<usize>], room: usize) -> (String, Vec<Range<usize>>) {
    let Some(first) = marks.first() else {
        return (text.to_string(), Vec::new());
    };
    let mark_end_chars = text.get(..first.end).map_or(0, |t| t.chars().count());
    if mark_end_chars < room || room < 8 {
        return (text.to_string(), marks.to_vec());
    }
    let mark_start_chars = text.get(..first.start).map_or(0, |t| t.chars().count());
    let skip = mark_start_chars.saturating_sub(room / 3);
    let cut = text.char_indices().nth(skip).map_or(text.len(), |(i, _)| i);
    let mut out = String::from("…");
    out.push_str(&text[cut..]);
    let shift = '…'.len_utf8() as isize - cut as isize;
    let moved = marks
        .iter()
        .filter(|m| m.start >= cut)
        .map(|m| (m.start as isize + shift) as usize..(m.end as isize + shift) as usize)
        .collect();
    (out, moved)
}

/// Spans of `text` with the marked byte ranges in `mark` style.
fn marked(text: &str, marks: &[Range<usize>], base: Style, mark: Style) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut at = 0;
    for m in marks {
        let (Some(before), Some(inside)) = (text.get(at..m.start), text.get(m.clone())) else {
            continue;
        };
        if !before.is_empty() {
            spans.push(Span::styled(before.to_string(), base));
        }
        spans.push(Span::styled(inside.to_string(), mark));
        at = m.end;
    }
    if let Some(rest) = text.get(at..)
        && !rest.is_empty()
    {
        spans.push(Span::styled(rest.to_string(), base));
    }
    spans
}

pub(crate) fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mark_far_along_a_long_line_is_brought_into_view() {
        let text = format!("{}refund here", "word ".repeat(30));
        let at = text.find("refund").expect("there");
        let marks: Vec<Range<usize>> = std::iter::once(at..at + 6).collect();
        let (shown, marks) = in_view(&text, &marks, 40);
        assert!(shown.starts_with('…'));
        assert_eq!(&shown[marks[0].clone()], "refund");
        let before = shown[..marks[0].start].chars().count();
        assert!(before < 40, "{before}");
        // A mark already in view leaves the text alone.
        let marks: Vec<Range<usize>> = std::iter::once(2..8).collect();
        let (same, _) = in_view("a refund", &marks, 40);
        assert_eq!(same, "a refund");
    }

    #[test]
    fn counts_read_with_commas() {
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(10_000), "10,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
