//! The one form view: the field list on the left (a mark for filled, a
//! cross for a value that does not parse, a summary as wide as the terminal
//! allows), the focused field with its whole question on the right, its
//! error right under it, and the form's advice (the SMART check, STAR
//! hints) beside it when there is room, else under the field, wrapped so it
//! is read in full. At 80 columns a form with advice stacks: the field list
//! gives its room to the advice.

use super::super::widgets::{panel, window_start, wrap_lines};
use crate::tui::App;
use crate::tui::forms::field::{Field, Fields, Input};
use crate::tui::forms::picker::Picker;
use crate::tui::forms::{Advice as AdviceData, EngineForm, FieldError, Tone};
use crate::tui::theme::Styles;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

/// Advice drawn with the form, already styled.
pub struct Advice<'a> {
    pub title: String,
    pub lines: Vec<Line<'a>>,
}

/// Below this width the advice goes under the field instead of beside it.
const SIDE_ADVICE_WIDTH: u16 = 110;
/// Below this width there is no field list beside the field.
const NAV_WIDTH: u16 = 64;

/// The form to draw: its title, fields, a failed save's message and today
/// (for checking dates as typed).
pub struct FormView<'a> {
    pub title: &'a str,
    pub fields: &'a Fields,
    pub error: Option<&'a FieldError>,
    pub today: NaiveDate,
}

/// Styles advice data for drawing.
pub fn styled_advice(advice: AdviceData, st: &Styles) -> Advice<'static> {
    let lines = advice
        .lines
        .into_iter()
        .map(|pieces| {
            Line::from(
                pieces
                    .into_iter()
                    .map(|(tone, text)| Span::styled(text, tone_style(tone, st)))
                    .collect::<Vec<_>>(),
            )
        })
        .collect();
    Advice {
        title: advice.title,
        lines,
    }
}

fn tone_style(tone: Tone, st: &Styles) -> Style {
    match tone {
        Tone::Plain => Style::default(),
        Tone::Good => st.good(),
        Tone::Bad => st.error(),
        Tone::Hint => st.warn(),
        Tone::Heading => st.title(),
        Tone::Dim => st.dim(),
    }
}

/// Draws an engine form.
pub fn draw_engine(app: &App, form: &dyn EngineForm, frame: &mut Frame, area: Rect, st: &Styles) {
    let title = form.title();
    let advice = form.advice(app).map(|a| styled_advice(a, st));
    draw_with_footer(
        frame,
        area,
        st,
        FormView {
            title: &title,
            fields: form.fields(),
            error: form.error(),
            today: app.today,
        },
        advice,
        form.footer(),
    );
}

/// The message for a field: a failed save first, else the value as typed.
fn field_message(field: &Field, error: Option<&FieldError>, today: NaiveDate) -> Option<String> {
    if let Some(e) = error.filter(|e| e.field == field.id()) {
        return Some(e.message.clone());
    }
    field
        .problem(today)
        .map(|p| format!("{}: {p}", field.label))
}

pub fn draw(
    frame: &mut Frame,
    area: Rect,
    st: &Styles,
    view: FormView<'_>,
    advice: Option<Advice<'_>>,
) {
    draw_with_footer(frame, area, st, view, advice, None);
}

fn draw_with_footer(
    frame: &mut Frame,
    area: Rect,
    st: &Styles,
    view: FormView<'_>,
    advice: Option<Advice<'_>>,
    note: Option<String>,
) {
    let FormView {
        title,
        fields,
        error,
        today,
    } = view;
    let outer = panel(format!(" {title} "), st);
    let inner = outer.inner(area);
    frame.render_widget(outer, area);
    if inner.height < 3 || inner.width < 10 {
        return;
    }
    // The bottom line: a note (word count) and the form's first problem.
    let message = error
        .map(|e| e.message.clone())
        .or_else(|| fields.first_problem(today).map(|(_, m)| m));
    let mut footer_spans = Vec::new();
    if let Some(n) = note {
        footer_spans.push(Span::styled(format!("{n}  "), st.dim()));
    }
    if let Some(m) = message {
        footer_spans.push(Span::styled(m, st.error()));
    }
    let footer_lines = wrap_lines(&[Line::from(footer_spans)], inner.width);
    let footer_rows = (footer_lines.len() as u16).clamp(1, 2);
    let [main, footer] =
        Layout::vertical([Constraint::Min(2), Constraint::Length(footer_rows)]).areas(inner);
    let (main, side) = match &advice {
        Some(_) if main.width >= SIDE_ADVICE_WIDTH => {
            let [m, s] = Layout::horizontal([Constraint::Min(60), Constraint::Length(46)])
                .spacing(1)
                .areas(main);
            (m, Some(s))
        }
        _ => (main, None),
    };
    // The advice under the field, wrapped at `width`, with its title.
    let under_at = |width: u16| -> Vec<Line<'_>> {
        match (&advice, side) {
            (Some(a), None) => {
                let mut lines = vec![Line::styled(a.title.clone(), st.title())];
                lines.extend(a.lines.iter().cloned());
                wrap_lines(&lines, width)
            }
            _ => Vec::new(),
        }
    };
    // The summary column follows the terminal's width: as wide as the
    // longest summary needs, up to two fifths of the form.
    let nav_width = nav_width(fields, main.width);
    // The field list stays while the advice under the field still fits
    // beside it; else the form stacks and the advice gets its room.
    let fits_beside = |width: u16| {
        let question = question_lines(fields, width, st).len() as u16;
        question + 3 + under_at(width).len() as u16 <= main.height
    };
    let show_nav = fields.list.len() > 1
        && main.width >= NAV_WIDTH
        && fits_beside(main.width.saturating_sub(nav_width));
    let (nav, editor) = if show_nav {
        let [nav, editor] =
            Layout::horizontal([Constraint::Length(nav_width), Constraint::Min(20)]).areas(main);
        (Some(nav), editor)
    } else {
        (None, main)
    };
    let form = FormParts {
        st,
        fields,
        error,
        today,
    };
    if let Some(nav) = nav {
        draw_nav(frame, nav, &form);
    }
    let under = under_at(editor.width);
    draw_editor(frame, editor, &form, under);
    if let (Some(advice), Some(side)) = (advice, side) {
        let block = panel(format!(" {} ", advice.title), st);
        let width = block.inner(side).width;
        frame.render_widget(
            Paragraph::new(wrap_lines(&advice.lines, width)).block(block),
            side,
        );
    }
    frame.render_widget(Paragraph::new(footer_lines), footer);
}

/// The field list's width: labels and summaries in full when they fit in
/// two fifths of `width`, never under 26 columns nor too narrow for a date.
fn nav_width(fields: &Fields, width: u16) -> u16 {
    let label = label_width(fields);
    let summary = fields
        .list
        .iter()
        .map(|f| f.summary().chars().count())
        .max()
        .unwrap_or(0);
    let wanted = (label + 4 + summary).min(u16::MAX as usize) as u16;
    // Room for a whole date (10 columns) whatever the labels take.
    let date = (label + 4 + 10) as u16;
    wanted.clamp(26, (width * 2 / 5).max(26).max(date))
}

/// The field list's label column: its longest label, up to 16 columns.
fn label_width(fields: &Fields) -> usize {
    fields
        .list
        .iter()
        .map(|f| f.list_label().chars().count())
        .max()
        .unwrap_or(0)
        .min(16)
}

/// `text` cut to `max` columns at a word's end, with `…` when anything was
/// left out (a word longer than the room is cut inside only then).
pub fn fit_words(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let room: String = text.chars().take(max - 1).collect();
    // A cut may fall where a space follows a word, the room's end included.
    let rest = &text[room.len()..];
    let ends_word = |i: usize| {
        let next = if i == room.len() {
            rest.chars().next()
        } else {
            room[i..].chars().next()
        };
        next.is_some_and(char::is_whitespace)
            && room[..i]
                .chars()
                .next_back()
                .is_some_and(|p| !p.is_whitespace())
    };
    let cut = room
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(room.len()))
        .rfind(|i| ends_word(*i));
    match cut {
        Some(i) => format!("{}…", room[..i].trim_end()),
        None => format!("{room}…"),
    }
}

/// What the field list and the editor both draw from.
struct FormParts<'a> {
    st: &'a Styles,
    fields: &'a Fields,
    error: Option<&'a FieldError>,
    today: NaiveDate,
}

fn draw_nav(frame: &mut Frame, area: Rect, form: &FormParts) {
    let (st, fields) = (form.st, form.fields);
    let (error, today) = (form.error, form.today);
    let height = area.height as usize;
    let start = window_start(fields.focus, fields.list.len(), height);
    let label_width = label_width(fields);
    // Mark, space, label, space, and a gap before the field: the rest is
    // the summary's.
    let summary_width = (area.width as usize).saturating_sub(label_width + 4);
    let lines: Vec<Line> = fields
        .list
        .iter()
        .enumerate()
        .skip(start)
        .take(height)
        .map(|(i, f)| {
            let focused = i == fields.focus;
            let summary = f.summary();
            let bad = field_message(f, error, today).is_some();
            let (mark, mark_style) = if bad {
                ("✗", st.error())
            } else if summary.is_empty() {
                ("○", st.dim())
            } else {
                ("●", Style::default())
            };
            let style = if focused {
                st.selected()
            } else if summary.is_empty() {
                st.dim()
            } else {
                Style::default()
            };
            Line::from(vec![
                Span::styled(
                    format!("{mark} "),
                    if focused { st.selected() } else { mark_style },
                ),
                Span::styled(
                    format!("{:<label_width$} ", fit_words(f.list_label(), label_width)),
                    style,
                ),
                Span::styled(
                    fit_words(&summary, summary_width),
                    if focused { st.selected() } else { st.dim() },
                ),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

fn draw_editor(frame: &mut Frame, area: Rect, form: &FormParts, advice: Vec<Line<'_>>) {
    let FormParts { st, fields, .. } = *form;
    let (error, today) = (form.error, form.today);
    let Some(field) = fields.focused() else {
        return;
    };
    let mut message = field_message(field, error, today);
    if let Some(c) = field.missed {
        message = Some(format!(
            "Nothing here starts with “{c}”: ↑/↓ move, or type the first letter of a line"
        ));
    }
    // Else a note that the text looks like a customer's details: a warning,
    // not an error, as the record may still be saved.
    let (message, style) = match message {
        Some(m) => (Some(m), st.error()),
        None => (field.personal_data_note(), st.warn()),
    };
    let question = question_lines(fields, area.width, st);
    let message_lines = message
        .map(|m| wrap_lines(&[Line::styled(m, style)], area.width))
        .unwrap_or_default();
    let fixed_box = match &field.input {
        Input::Line(..) => Some(3),
        Input::Choice { options, .. } => Some(options.len() as u16 + 2),
        Input::Pick(p) => Some((p.options.len() as u16 + 2).clamp(3, 12)),
        Input::Text(_) => None,
    };
    let question_rows = question.len() as u16;
    let message_rows = message_lines.len() as u16;
    let advice_rows = advice.len() as u16;
    // Text boxes take what is left (3 to 10 rows), after the question, the
    // message and the advice have what they need.
    let left = area
        .height
        .saturating_sub(question_rows + message_rows + advice_rows);
    // A list gives room to the advice too, down to three rows.
    let box_rows = match fixed_box {
        Some(rows) => rows.min(left.max(3)),
        None => left.clamp(3, 10),
    }
    .min(area.height);
    let [question_area, field_area, message_area, advice_area] = Layout::vertical([
        Constraint::Length(question_rows),
        Constraint::Length(box_rows),
        Constraint::Length(message_rows),
        Constraint::Min(0),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(question), question_area);
    let border = if message_rows > 0 {
        st.error()
    } else {
        st.focus_border()
    };
    let block = Block::default().borders(Borders::ALL).border_style(border);
    match &field.input {
        Input::Line(text, _) | Input::Text(text) => {
            let inner = block.inner(field_area);
            frame.render_widget(block, field_area);
            frame.render_widget(text, inner);
        }
        Input::Choice { options, index } => {
            let lines: Vec<Line> = options
                .iter()
                .enumerate()
                .map(|(i, o)| {
                    if i == *index {
                        Line::styled(format!("(•) {o}"), st.selected())
                    } else {
                        Line::raw(format!("( ) {o}"))
                    }
                })
                .collect();
            let inner = block.inner(field_area);
            frame.render_widget(block, field_area);
            let start = window_start(*index, lines.len(), inner.height as usize);
            frame.render_widget(Paragraph::new(lines).scroll((start as u16, 0)), inner);
        }
        Input::Pick(picker) => draw_picker(picker, field.empty, frame, field_area, block, st),
    }
    frame.render_widget(Paragraph::new(message_lines), message_area);
    frame.render_widget(Paragraph::new(advice), advice_area);
}

/// The focused field's label, place and whole question, wrapped.
fn question_lines<'a>(fields: &'a Fields, width: u16, st: &Styles) -> Vec<Line<'a>> {
    let Some(field) = fields.focused() else {
        return Vec::new();
    };
    wrap_lines(
        &[Line::from(vec![
            Span::styled(format!("{} ", field.label), st.title()),
            Span::styled(
                if fields.list.len() > 1 {
                    format!("({}/{}) ", fields.focus + 1, fields.list.len())
                } else {
                    String::new()
                },
                st.dim(),
            ),
            Span::raw(field.hint.as_str()),
        ])],
        width,
    )
}

fn draw_picker(
    picker: &Picker,
    empty: &str,
    frame: &mut Frame,
    area: Rect,
    block: Block<'_>,
    st: &Styles,
) {
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if picker.options.is_empty() {
        frame.render_widget(
            Paragraph::new(wrap_lines(
                &[Line::styled(empty.to_string(), st.dim())],
                inner.width,
            )),
            inner,
        );
        return;
    }
    let height = inner.height as usize;
    let start = window_start(picker.cursor, picker.options.len(), height);
    let lines: Vec<Line> = picker
        .options
        .iter()
        .zip(&picker.checked)
        .enumerate()
        .skip(start)
        .take(height)
        .map(|(i, (o, checked))| {
            let mark = if *checked { "[x] " } else { "[ ] " };
            let style = if i == picker.cursor {
                st.selected()
            } else {
                Style::default()
            };
            let room = (inner.width as usize).saturating_sub(4);
            Line::styled(format!("{mark}{}", fit_words(&o.label, room)), style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

#[cfg(test)]
mod tests {
    use super::fit_words;

    #[test]
    fn text_is_cut_at_a_word_end() {
        assert_eq!(fit_words("Raise my CSAT", 20), "Raise my CSAT");
        assert_eq!(
            fit_words("Objective: Raise my CSAT", 17),
            "Objective: Raise…"
        );
        assert_eq!(fit_words("Objective: Raise my CSAT", 16), "Objective:…");
        assert_eq!(fit_words("2026-11-29", 10), "2026-11-29");
        assert_eq!(fit_words("Supercalifragilistic", 6), "Super…");
    }
}
