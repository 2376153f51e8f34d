//! Small building blocks shared by the screens.

use crate::tui::theme::Styles;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

/// The frame being drawn, with what the drawing notes on the way for the
/// mouse (where lists, previews and the reader's records went). The view
/// writes only here: `tui::view` hands the notes back as the hit map, which
/// the loop keeps for the next mouse event. Derefs to the ratatui `Frame`.
pub struct Canvas<'a, 'f> {
    frame: &'a mut Frame<'f>,
    /// Where this frame drew what can be clicked or scrolled.
    pub(super) hits: crate::tui::mouse::MouseMap,
    /// Applied by `text_panel` when drawn unscrolled (previews).
    preview_scroll: u16,
    /// How far the last text panel drawn can scroll before its last line
    /// leaves the bottom (the reader's `G`/`End` go there).
    pub(super) text_bottom: u16,
}

impl<'a, 'f> Canvas<'a, 'f> {
    /// A canvas over `frame`; previews start `preview_scroll` rows down.
    pub fn new(frame: &'a mut Frame<'f>, preview_scroll: u16) -> Self {
        Canvas {
            frame,
            hits: crate::tui::mouse::MouseMap::default(),
            preview_scroll,
            text_bottom: 0,
        }
    }
}

impl<'f> std::ops::Deref for Canvas<'_, 'f> {
    type Target = Frame<'f>;
    fn deref(&self) -> &Frame<'f> {
        self.frame
    }
}

impl<'f> std::ops::DerefMut for Canvas<'_, 'f> {
    fn deref_mut(&mut self) -> &mut Frame<'f> {
        self.frame
    }
}

/// A rectangle of at most `width` x `height`, centred in `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Splits a screen into a list and a preview: side by side when wide,
/// stacked when narrow.
pub fn list_and_preview(area: Rect) -> (Rect, Rect) {
    if area.width >= 90 {
        let [list, preview] =
            Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)])
                .areas(area);
        (list, preview)
    } else {
        let [list, preview] =
            Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(area);
        (list, preview)
    }
}

/// A list over its selected item's details: side by side from 90 columns
/// (as [`list_and_preview`]); narrower, the list takes the `wanted` rows it
/// needs, at most half the height and at least `least`, the details the rest.
pub fn list_over_details(area: Rect, wanted: usize, least: u16) -> (Rect, Rect) {
    if area.width >= 90 {
        return list_and_preview(area);
    }
    let wanted = u16::try_from(wanted).unwrap_or(u16::MAX);
    let [list, details] = Layout::vertical([
        Constraint::Length(wanted.min(area.height / 2).max(least)),
        Constraint::Min(0),
    ])
    .areas(area);
    (list, details)
}

/// The first visible row so that `selected` is on screen (the selection
/// stays put until it would leave the window).
pub fn window_start(selected: usize, len: usize, height: usize) -> usize {
    if height == 0 || len <= height {
        return 0;
    }
    let start = selected.saturating_sub(height - 1);
    start.min(len - height)
}

/// Draws a list by asking for only the rows that are visible, so the work
/// per frame does not grow with the number of records.
pub fn draw_list<'a>(
    frame: &mut Canvas,
    area: Rect,
    block: Block<'a>,
    len: usize,
    selected: usize,
    st: &Styles,
    row: impl Fn(usize) -> Line<'a>,
) {
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let height = inner.height as usize;
    let start = window_start(selected, len, height);
    frame.hits.lists.push(crate::tui::mouse::ListHit {
        rows: inner,
        start,
        len,
    });
    for (i, index) in (start..len.min(start + height)).enumerate() {
        let mut line = row(index);
        if index == selected {
            line = line.patch_style(st.selected());
        }
        let rect = Rect {
            x: inner.x,
            y: inner.y + i as u16,
            width: inner.width,
            height: 1,
        };
        if index == selected {
            frame.render_widget(Paragraph::new("").style(st.selected()), rect);
        }
        frame.render_widget(Paragraph::new(line), rect);
    }
}

/// A bordered block with a title.
pub fn panel<'a>(title: impl Into<Line<'a>>, st: &Styles) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .title(title)
        .title_style(st.title())
}

/// A screen's empty state: what goes here and how to add it.
pub fn empty_state(frame: &mut Canvas, area: Rect, title: &str, lines: Vec<Line<'_>>, st: &Styles) {
    let block = panel(format!(" {title} "), st);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // Prose reads best at most about 80 columns wide, even on a wide screen.
    let text = Rect {
        width: inner.width.min(80),
        ..inner
    };
    frame.render_widget(
        Paragraph::new(reflow(lines)).wrap(Wrap { trim: false }),
        text,
    );
}

/// Joins lines written as one paragraph (broken by hand at 80 columns) so a
/// narrower panel wraps them as prose, not as a ragged staircase. A blank
/// line ends a paragraph; an indented line (a command to type) or a line with
/// its own style (a warning) keeps its own line.
pub fn reflow(lines: Vec<Line<'_>>) -> Vec<Line<'_>> {
    let mut out: Vec<Line> = Vec::new();
    let mut joinable = false;
    for line in lines {
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        let prose = !text.trim().is_empty()
            && !text.starts_with(' ')
            && line.style == ratatui::style::Style::default();
        if joinable
            && prose
            && let Some(last) = out.last_mut()
        {
            last.spans.push(Span::raw(" "));
            last.spans.extend(line.spans);
            continue;
        }
        joinable = prose;
        out.push(line);
    }
    out
}

/// Scrolled, wrapped text in a panel. Drawn unscrolled (a preview), it
/// takes the mouse wheel's scroll and is noted for the wheel.
pub fn text_panel<'a>(
    frame: &mut Canvas,
    area: Rect,
    block: Block<'a>,
    lines: Vec<Line<'a>>,
    scroll: u16,
) {
    let scroll = if scroll == 0 {
        frame.hits.previews.push(area);
        frame.preview_scroll
    } else {
        scroll
    };
    let width = block.inner(area).width;
    let paragraph = Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(block);
    // Rows as wrapped at this width, borders included: the text ends there.
    let rows = u16::try_from(paragraph.line_count(width)).unwrap_or(u16::MAX);
    let bottom = rows.saturating_sub(area.height);
    frame.text_bottom = bottom;
    frame.render_widget(paragraph.scroll((scroll.min(bottom), 0)), area);
}

/// A reader's text listing records: the line `links[pick]` is highlighted,
/// and where every listed record's line is drawn is noted, so the app can
/// scroll a picked one into view (the view itself never moves the text).
#[allow(clippy::too_many_arguments)]
pub fn picked_panel<'a>(
    frame: &mut Canvas,
    area: Rect,
    block: Block<'a>,
    mut lines: Vec<Line<'a>>,
    scroll: u16,
    links: &[usize],
    pick: usize,
    st: &Styles,
) {
    let inner = block.inner(area);
    let mut starts = Vec::with_capacity(lines.len());
    let mut row = 0usize;
    for line in &lines {
        let rows = Paragraph::new(line.clone())
            .wrap(Wrap { trim: false })
            .line_count(inner.width)
            .max(1);
        starts.push((row, rows));
        row += rows;
    }
    let to_u16 = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
    let link_rows: Vec<(u16, u16)> = links
        .iter()
        .filter_map(|i| starts.get(*i))
        .map(|(r, n)| (to_u16(*r), to_u16(*n)))
        .collect();
    if let Some(i) = links.get(pick.min(links.len().saturating_sub(1)))
        && let Some(line) = lines.get_mut(*i)
    {
        *line = std::mem::take(line).patch_style(st.selected());
    }
    frame.hits.reader_links = link_rows;
    frame.hits.reader_rows = inner.height;
    text_panel(frame, area, block, lines, scroll);
}

/// Adds a labelled multi-line section to `out` (skipped when empty).
pub fn section<'a>(out: &mut Vec<Line<'a>>, label: &str, text: &'a str, st: &Styles) {
    if text.trim().is_empty() {
        return;
    }
    out.push(Line::styled(label.to_string(), st.title()));
    for line in text.lines() {
        out.push(Line::raw(line));
    }
    out.push(Line::raw(""));
}

/// Wraps styled lines at `width` columns by whole words: a line never starts
/// with a space, a word (a date like `31/03/2027`, `28 Feb 2027` kept as one)
/// is never cut unless it alone is wider than the line. Ratatui's own wrap
/// cannot say how many rows it needs; forms size their boxes from this.
pub fn wrap_lines<'a>(lines: &[Line<'a>], width: u16) -> Vec<Line<'a>> {
    let width = width.max(1) as usize;
    let mut out = Vec::new();
    for line in lines {
        let mut words: Vec<(String, ratatui::style::Style)> = Vec::new();
        // Words by spaces, each with its span's style; a date written with
        // spaces ("28 Feb 2027") is joined so it stays on one row.
        for span in &line.spans {
            let style = line.style.patch(span.style);
            for word in span.content.split(' ').filter(|w| !w.is_empty()) {
                words.push((word.to_string(), style));
            }
        }
        join_spaced_dates(&mut words);
        if words.is_empty() {
            out.push(Line::default().style(line.style));
            continue;
        }
        let mut row: Vec<Span<'a>> = Vec::new();
        let mut used = 0usize;
        for (word, style) in words {
            let mut word = word;
            let mut w = unicode_width::UnicodeWidthStr::width(word.as_str());
            if used > 0 && used + 1 + w > width {
                out.push(Line::from(std::mem::take(&mut row)));
                used = 0;
            }
            // A word wider than the row is cut where it must be.
            while w > width {
                let mut cut = String::new();
                let mut cw = 0;
                for ch in word.chars() {
                    let chw = unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0);
                    if cw + chw > width.saturating_sub(used) {
                        break;
                    }
                    cut.push(ch);
                    cw += chw;
                }
                if cut.is_empty() {
                    out.push(Line::from(std::mem::take(&mut row)));
                    used = 0;
                    continue;
                }
                word = word[cut.len()..].to_string();
                w = unicode_width::UnicodeWidthStr::width(word.as_str());
                row.push(Span::styled(cut, style));
                out.push(Line::from(std::mem::take(&mut row)));
                used = 0;
            }
            if used > 0 {
                row.push(Span::styled(" ", style));
                used += 1;
            }
            used += w;
            row.push(Span::styled(word, style));
        }
        if !row.is_empty() {
            out.push(Line::from(row));
        }
    }
    out
}

/// Joins "28", "Feb", "2027" (and "31", "March") into one word so a wrap
/// never falls inside a date.
fn join_spaced_dates(words: &mut Vec<(String, ratatui::style::Style)>) {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let is_month = |w: &str| {
        let w = w.trim_end_matches([',', '.', ')']).to_lowercase();
        w.len() >= 3 && MONTHS.iter().any(|m| w.starts_with(m))
    };
    let is_day = |w: &str| {
        let w = w.trim_start_matches('(');
        !w.is_empty() && w.len() <= 2 && w.chars().all(|c| c.is_ascii_digit())
    };
    let is_year = |w: &str| {
        let w = w.trim_end_matches([',', '.', ')', ';', ':']);
        w.len() == 4 && w.chars().all(|c| c.is_ascii_digit())
    };
    let mut i = 0;
    while i + 1 < words.len() {
        if is_day(&words[i].0) && is_month(&words[i + 1].0) {
            let month = words.remove(i + 1).0;
            words[i].0 = format!("{} {month}", words[i].0);
            if i + 1 < words.len() && is_year(&words[i + 1].0) {
                let year = words.remove(i + 1).0;
                words[i].0 = format!("{} {year}", words[i].0);
            }
        }
        i += 1;
    }
}

#[cfg(test)]
mod wrap_tests {
    use super::*;

    fn rows(text: &str, width: u16) -> Vec<String> {
        wrap_lines(&[Line::from(text.to_string())], width)
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn words_stay_whole_and_rows_never_start_with_a_space() {
        let out = rows("improve what, exactly? The rest of the sentence", 20);
        assert_eq!(
            out,
            vec!["improve what,", "exactly? The rest of", "the sentence"]
        );
        assert!(out.iter().all(|r| !r.starts_with(' ')));
    }

    #[test]
    fn a_date_is_never_split() {
        let out = rows("Due by 31/03/2027 or by 28 Feb 2027 at the latest", 12);
        assert!(out.contains(&"31/03/2027".to_string()), "{out:?}");
        assert!(out.contains(&"28 Feb 2027".to_string()), "{out:?}");
    }

    #[test]
    fn a_word_wider_than_the_row_is_cut() {
        assert_eq!(rows("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
    }
}
