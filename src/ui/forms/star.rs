//! The STAR form: a field list on the left, the field being edited with its
//! hint question on the right, and quality hints that never block saving.

use crate::ui::Styles;
use crate::ui::widgets::panel;
use crate::app::App;
use crate::app::forms::picker::Picker;
use crate::app::forms::star::{Field, StarForm};
use crate::domain::StarPart;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

fn hint(app: &App, field: Field) -> &str {
    let p = &app.prompts;
    match field {
        Field::Date => "Which day is this about? 2026-11-22, 22/11/2026, today, yesterday, -2d",
        Field::Star(StarPart::Situation) => &p.situation,
        Field::Star(StarPart::Task) => &p.task,
        Field::Star(StarPart::Action) => &p.action,
        Field::Star(StarPart::Result) => &p.result,
        Field::Star(StarPart::Reflection) => &p.reflection,
        Field::Notes => {
            "Free text written with `starlog add`. Keep it, or move it into the STAR fields."
        }
        Field::Tags => "Words to find this by, separated by commas: complaint, HEAT, phone",
        Field::Objectives => {
            "Which objectives of your plan is this evidence for? ↑/↓ move, Space ticks"
        }
        Field::Criteria => "Which assessment criteria does this show? ↑/↓ move, Space ticks",
    }
}

fn field_summary(form: &StarForm, field: Field) -> String {
    match field {
        Field::Objectives => {
            let n = form.objectives.selected().len();
            if n == 0 {
                String::new()
            } else {
                format!("{n} linked")
            }
        }
        Field::Criteria => form.criteria.summary(),
        f => form
            .text_area(f)
            .map(|t| {
                t.lines()
                    .iter()
                    .find(|l| !l.trim().is_empty())
                    .cloned()
                    .unwrap_or_default()
            })
            .unwrap_or_default(),
    }
}

pub fn draw(app: &App, form: &StarForm, frame: &mut Frame, area: Rect, st: &Styles) {
    let title = if form.editing {
        " Edit diary entry "
    } else {
        " New STAR entry "
    };
    let outer = panel(title, st);
    let inner = outer.inner(area);
    frame.render_widget(outer, area);
    let [main, footer] = Layout::vertical([Constraint::Min(3), Constraint::Length(1)]).areas(inner);
    let fields = form.fields();
    let (nav, editor) = if main.width >= 70 {
        let [nav, editor] =
            Layout::horizontal([Constraint::Length(28), Constraint::Min(20)]).areas(main);
        (Some(nav), editor)
    } else {
        (None, main)
    };
    if let Some(nav) = nav {
        let lines: Vec<Line> = fields
            .iter()
            .map(|f| {
                let focused = *f == form.focus;
                let summary = field_summary(form, *f);
                let mark = if summary.is_empty() { "○" } else { "●" };
                let mut style = if focused {
                    st.selected()
                } else {
                    ratatui::style::Style::default()
                };
                if !focused && summary.is_empty() {
                    style = st.dim();
                }
                Line::from(vec![
                    Span::styled(format!("{mark} {:<11}", f.label()), style),
                    Span::styled(
                        crate::app::truncate(&summary, 13),
                        if focused { st.selected() } else { st.dim() },
                    ),
                ])
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), nav);
    }
    // Built once per frame: the word count and the hints both read it.
    let preview = form.preview_entry();
    draw_editor(app, form, &preview, frame, editor, st, &fields);
    let mut spans = vec![Span::styled(
        format!("{} words", preview.word_count()),
        st.dim(),
    )];
    if let Some(err) = &form.save_error {
        spans.push(Span::styled(format!("  {err}"), st.error()));
    } else if let Err(e) = form.parsed_date(app.today) {
        spans.push(Span::styled(format!("  Date: {e}"), st.error()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), footer);
}

fn draw_editor(
    app: &App,
    form: &StarForm,
    preview: &crate::domain::DiaryEntry,
    frame: &mut Frame,
    area: Rect,
    st: &Styles,
    fields: &[Field],
) {
    let hints = crate::domain::star::star_hints(preview);
    let hint_rows = if area.height >= 14 {
        hints.len().min(4) as u16
    } else {
        0
    };
    let hint_text = hint(app, form.focus);
    let [question, field_area, hint_area] = Layout::vertical([
        Constraint::Length(if area.height >= 10 { 2 } else { 1 }),
        Constraint::Min(3),
        Constraint::Length(hint_rows),
    ])
    .areas(area);
    let pos = fields.iter().position(|f| *f == form.focus).unwrap_or(0) + 1;
    frame.render_widget(
        Paragraph::new(vec![Line::from(vec![
            Span::styled(format!("{} ", form.focus.label()), st.title()),
            Span::styled(format!("({pos}/{}) ", fields.len()), st.dim()),
            Span::raw(hint_text.to_string()),
        ])])
        .wrap(Wrap { trim: true }),
        question,
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(st.focus_border());
    match form.focus {
        Field::Objectives => draw_picker(
            &form.objectives,
            "No open objectives in your plan yet.",
            frame,
            field_area,
            block,
            st,
        ),
        Field::Criteria => draw_picker(
            &form.criteria,
            "No criteria set: press p on a screen to choose one.",
            frame,
            field_area,
            block,
            st,
        ),
        f => {
            if let Some(text) = form.text_area(f) {
                let inner = block.inner(field_area);
                frame.render_widget(block, field_area);
                frame.render_widget(text, inner);
            }
        }
    }
    if hint_rows > 0 {
        let lines: Vec<Line> = hints
            .iter()
            .take(hint_rows as usize)
            .map(|h| {
                Line::from(vec![
                    Span::styled("hint ", st.warn()),
                    Span::raw(h.message.clone()),
                ])
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), hint_area);
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
            Paragraph::new(Line::styled(empty.to_string(), st.dim())),
            inner,
        );
        return;
    }
    let height = inner.height as usize;
    let start = crate::ui::widgets::window_start(picker.cursor, picker.options.len(), height);
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
                ratatui::style::Style::default()
            };
            Line::styled(format!("{mark}{}", o.label), style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
