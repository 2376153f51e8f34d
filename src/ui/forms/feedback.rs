//! The feedback form: the fields with their values on the left, the field
//! being edited with its question on the right (stacked on narrow screens).

use crate::app::forms::feedback::{FeedbackField, FeedbackForm};
use crate::app::{App, FormState};
use crate::ui::Styles;
use crate::ui::widgets::panel;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

pub fn draw(app: &App, form: &FeedbackForm, frame: &mut Frame, area: Rect, st: &Styles) {
    let title = if form.editing {
        " Edit feedback "
    } else {
        " New feedback "
    };
    let outer = panel(title, st);
    let inner = outer.inner(area);
    frame.render_widget(outer, area);
    let [main, footer] = Layout::vertical([Constraint::Min(3), Constraint::Length(1)]).areas(inner);
    let (nav, editor) = if main.width >= 70 {
        let [nav, editor] =
            Layout::horizontal([Constraint::Length(34), Constraint::Min(20)]).areas(main);
        (Some(nav), editor)
    } else {
        (None, main)
    };
    if let Some(nav) = nav {
        let lines: Vec<Line> = FeedbackField::ALL
            .iter()
            .map(|f| {
                let focused = *f == form.focus;
                let mut value = form.value(*f);
                if *f == FeedbackField::Who && value.is_empty() {
                    value = "anonymous".into();
                }
                if *f == FeedbackField::Criteria {
                    value = form.criteria.summary();
                }
                let value = value.lines().next().unwrap_or("").to_string();
                let has_error = form.error.as_ref().is_some_and(|(e, _)| e == f);
                let label_style = if focused {
                    st.selected()
                } else if has_error {
                    st.error()
                } else {
                    ratatui::style::Style::default()
                };
                Line::from(vec![
                    Span::styled(format!("{:<15}", f.label()), label_style),
                    Span::styled(
                        crate::app::truncate(&value, 18),
                        if focused { st.selected() } else { st.dim() },
                    ),
                ])
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), nav);
    }
    draw_editor(app, form, frame, editor, st);
    let footer_line = match &form.error {
        Some((_, message)) => Line::styled(message.clone(), st.error()),
        None => match form.parsed_date(app.today) {
            Err(e) if form.focus == FeedbackField::Date => {
                Line::styled(format!("Date: {e}"), st.error())
            }
            _ if form.dirty() => Line::styled("Ctrl-S saves · Esc closes", st.dim()),
            _ => Line::styled("Tab moves between fields · Ctrl-S saves", st.dim()),
        },
    };
    frame.render_widget(Paragraph::new(footer_line), footer);
}

fn draw_editor(app: &App, form: &FeedbackForm, frame: &mut Frame, area: Rect, st: &Styles) {
    let field = form.focus;
    let pos = FeedbackField::ALL
        .iter()
        .position(|f| *f == field)
        .unwrap_or(0)
        + 1;
    let question_rows = if area.height >= 10 { 2 } else { 1 };
    let field_rows = match field {
        FeedbackField::Text => area.height.saturating_sub(question_rows),
        FeedbackField::Source | FeedbackField::Method | FeedbackField::Valence => {
            let n = form.choice(field).map_or(1, |(o, _)| o.len()) as u16;
            (n + 2).min(area.height.saturating_sub(question_rows))
        }
        FeedbackField::Criteria => area.height.saturating_sub(question_rows),
        _ => 3,
    };
    let [question, field_area, rest] = Layout::vertical([
        Constraint::Length(question_rows),
        Constraint::Length(field_rows),
        Constraint::Min(0),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(format!("{} ", field.label()), st.title()),
            Span::styled(format!("({pos}/{}) ", FeedbackField::ALL.len()), st.dim()),
            Span::raw(field.hint()),
        ]))
        .wrap(Wrap { trim: true }),
        question,
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(st.focus_border());
    if let Some((options, chosen)) = form.choice(field) {
        let inner = block.inner(field_area);
        frame.render_widget(block, field_area);
        let lines: Vec<Line> = options
            .iter()
            .enumerate()
            .map(|(i, o)| {
                if i == chosen {
                    Line::styled(format!("(•) {o}"), st.selected())
                } else {
                    Line::raw(format!("( ) {o}"))
                }
            })
            .collect();
        // Keep the chosen option in view on short screens.
        let height = inner.height as usize;
        let start = crate::ui::widgets::window_start(chosen, lines.len(), height);
        frame.render_widget(
            Paragraph::new(
                lines
                    .into_iter()
                    .skip(start)
                    .take(height)
                    .collect::<Vec<_>>(),
            ),
            inner,
        );
    } else if field == FeedbackField::Criteria {
        let inner = block.inner(field_area);
        frame.render_widget(block, field_area);
        let picker = &form.criteria;
        if picker.options.is_empty() {
            frame.render_widget(
                Paragraph::new(Line::styled(
                    "No criteria set: press p on a screen to choose one.",
                    st.dim(),
                )),
                inner,
            );
        } else {
            let height = inner.height as usize;
            let start =
                crate::ui::widgets::window_start(picker.cursor, picker.options.len(), height);
            let rows: Vec<Line> = picker
                .options
                .iter()
                .zip(&picker.checked)
                .enumerate()
                .skip(start)
                .take(height)
                .map(|(i, (o, checked))| {
                    let mark = if *checked { "[x] " } else { "[ ] " };
                    if i == picker.cursor {
                        Line::styled(format!("{mark}{}", o.label), st.selected())
                    } else {
                        Line::raw(format!("{mark}{}", o.label))
                    }
                })
                .collect();
            frame.render_widget(Paragraph::new(rows), inner);
        }
    } else if let Some(text) = form.text_area(field) {
        let inner = block.inner(field_area);
        frame.render_widget(block, field_area);
        frame.render_widget(text, inner);
    }
    // On a short form field, what the rest of the form holds so far.
    if rest.height >= 3 && field != FeedbackField::Text && app.today >= form.base.date {
        let text = form.value(FeedbackField::Text);
        if !text.trim().is_empty() {
            frame.render_widget(
                Paragraph::new(vec![
                    Line::styled("What they said", st.dim()),
                    Line::raw(text),
                ])
                .wrap(Wrap { trim: false }),
                rest,
            );
        }
    }
}
