//! Drawing a record form made of `app::fields`: the field list on the left
//! (a mark for filled, a cross for a value that does not parse), the focused
//! field with its question on the right, its error right under it, and an
//! optional panel of advice (the objective form's SMART check).

use crate::ui::Styles;
use crate::ui::widgets::{panel, window_start};
use crate::app::forms::field::{Field, Fields, Input};
use crate::app::forms::objective::FieldError;
use crate::app::forms::picker::Picker;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

/// Advice drawn with the form: beside it when there is room, else under the
/// field in its compact form.
pub struct Advice<'a> {
    pub title: String,
    pub wide: Vec<Line<'a>>,
    pub compact: Vec<Line<'a>>,
}

/// The message for a field: a failed save first, else the value as typed.
fn field_message(field: &Field, error: Option<&FieldError>, today: NaiveDate) -> Option<String> {
    if let Some(e) = error.filter(|e| e.field == field.name) {
        return Some(e.message.clone());
    }
    field
        .problem(today)
        .map(|p| format!("{}: {p}", field.label))
}

/// The form to draw: its title, fields, a failed save's message and today
/// (for checking dates as typed).
pub struct FormView<'a> {
    pub title: &'a str,
    pub fields: &'a Fields,
    pub error: Option<&'a FieldError>,
    pub today: NaiveDate,
}

pub fn draw(
    frame: &mut Frame,
    area: Rect,
    st: &Styles,
    view: FormView<'_>,
    advice: Option<Advice<'_>>,
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
    let [main, footer] = Layout::vertical([Constraint::Min(2), Constraint::Length(1)]).areas(inner);
    let (main, side) = match &advice {
        Some(_) if main.width >= 110 => {
            let [m, s] =
                Layout::horizontal([Constraint::Min(60), Constraint::Length(46)]).areas(main);
            (m, Some(s))
        }
        _ => (main, None),
    };
    let (nav, editor) = if main.width >= 64 {
        let [nav, editor] =
            Layout::horizontal([Constraint::Length(26), Constraint::Min(20)]).areas(main);
        (Some(nav), editor)
    } else {
        (None, main)
    };
    if let Some(nav) = nav {
        draw_nav(frame, nav, st, fields, error, today);
    }
    let compact_rows = match (&advice, side) {
        (Some(a), None) if editor.height >= 12 => a.compact.len() as u16 + 1,
        _ => 0,
    };
    let [editor, advice_area] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(compact_rows)]).areas(editor);
    draw_editor(frame, editor, st, fields, error, today);
    if let Some(advice) = advice {
        match side {
            Some(side) => frame.render_widget(
                Paragraph::new(advice.wide)
                    .wrap(Wrap { trim: false })
                    .block(panel(format!(" {} ", advice.title), st)),
                side,
            ),
            None if compact_rows > 0 => {
                let mut lines = vec![Line::styled(advice.title, st.title())];
                lines.extend(advice.compact);
                frame.render_widget(Paragraph::new(lines), advice_area);
            }
            None => {}
        }
    }
    let message = error
        .map(|e| e.message.clone())
        .or_else(|| fields.first_problem(today).map(|(_, m)| m));
    let line = match message {
        Some(m) => Line::styled(m, st.error()),
        None => Line::raw(""),
    };
    frame.render_widget(Paragraph::new(line), footer);
}

fn draw_nav(
    frame: &mut Frame,
    area: Rect,
    st: &Styles,
    fields: &Fields,
    error: Option<&FieldError>,
    today: NaiveDate,
) {
    let height = area.height as usize;
    let start = window_start(fields.focus, fields.list.len(), height);
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
                Span::styled(format!("{:<13} ", f.label), style),
                Span::styled(
                    crate::app::truncate(&summary, 9),
                    if focused { st.selected() } else { st.dim() },
                ),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

fn draw_editor(
    frame: &mut Frame,
    area: Rect,
    st: &Styles,
    fields: &Fields,
    error: Option<&FieldError>,
    today: NaiveDate,
) {
    let Some(field) = fields.focused() else {
        return;
    };
    let message = field_message(field, error, today);
    let box_height = match &field.input {
        Input::Line(..) => Constraint::Length(3),
        Input::Choice { options, .. } => Constraint::Length(options.len() as u16 + 2),
        Input::Pick(p) => Constraint::Length((p.options.len() as u16 + 2).clamp(3, 12)),
        Input::Text(_) => Constraint::Length(8),
    };
    let question_rows = if area.height >= 10 { 2 } else { 1 };
    let [question, field_area, message_area, _rest] = Layout::vertical([
        Constraint::Length(question_rows),
        box_height,
        Constraint::Length(if message.is_some() { 2 } else { 0 }),
        Constraint::Min(0),
    ])
    .areas(area);
    let pos = fields.focus + 1;
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(format!("{} ", field.label), st.title()),
            Span::styled(format!("({pos}/{}) ", fields.list.len()), st.dim()),
            Span::raw(field.hint),
        ]))
        .wrap(Wrap { trim: true }),
        question,
    );
    let border = if message.is_some() {
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
    if let Some(m) = message {
        frame.render_widget(
            Paragraph::new(Line::styled(m, st.error())).wrap(Wrap { trim: true }),
            message_area,
        );
    }
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
            Paragraph::new(Line::styled(empty.to_string(), st.dim())).wrap(Wrap { trim: true }),
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
            Line::styled(format!("{mark}{}", o.label), style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
