//! The review form: the fields and one row per objective on the left; on the
//! right the field being edited, and for an objective what changed since the
//! last review, its outcome and the reason. Problems show at their field.

use crate::app::App;
use crate::app::forms::review::{Field, ReviewForm};
use crate::app::truncate;
use crate::domain::review::check::Issue;
use crate::domain::review::diff::Difference;
use crate::ui::Styles;
use crate::ui::widgets::panel;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

fn hint(form: &ReviewForm, field: Field) -> String {
    match field {
        Field::Held => {
            "When was it held? 2026-11-23, 23/11/2026, today, yesterday, -3d".to_string()
        }
        Field::With => {
            "Who took part, with their roles: Gareth Evans (team leader), Helen Okafor (assessor)"
                .to_string()
        }
        Field::Summary => "How is the plan going overall, and what was agreed?".to_string(),
        Field::Outcome(_) => "←/→ or Space choose; typing goes to the reason".to_string(),
        Field::Reason(_) => "Why? What did the evidence show (KPI, feedback)?".to_string(),
        Field::Criteria => {
            "Which assessment criteria is this review evidence for? ↑/↓ move, Space ticks"
                .to_string()
        }
        Field::Next => format!(
            "When is the next review? Your review interval is {} days. +3m, 31/03/2027, or empty",
            form.interval_days
        ),
    }
}

fn first_line(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("")
        .to_string()
}

pub fn draw(app: &App, form: &ReviewForm, frame: &mut Frame, area: Rect, st: &Styles) {
    let title = if form.is_correction() {
        " Correct a review (the original is kept) "
    } else {
        " Hold a review "
    };
    let outer = panel(title, st);
    let inner = outer.inner(area);
    frame.render_widget(outer, area);
    if inner.width < 10 || inner.height < 3 {
        return;
    }
    let [main, footer] = Layout::vertical([Constraint::Min(2), Constraint::Length(1)]).areas(inner);
    // Checked once per frame; the nav marks and the field messages read it.
    let issues = form.issues(&app.records, app.today, app.now);
    let (nav, editor) = if main.width >= 70 {
        let [nav, _, editor] = Layout::horizontal([
            Constraint::Length(30),
            Constraint::Length(1),
            Constraint::Min(20),
        ])
        .areas(main);
        (Some(nav), editor)
    } else {
        (None, main)
    };
    if let Some(nav) = nav {
        draw_nav(form, &issues, frame, nav, st);
    }
    draw_editor(form, &issues, frame, editor, st);
    let line = if let Some((_, message)) = &form.save_error {
        Line::styled(message.clone(), st.error())
    } else if let Some((_, issue)) = issues.iter().find(|(_, i)| i.blocking) {
        let count = issues.iter().filter(|(_, i)| i.blocking).count();
        let more = if count > 1 {
            format!(" (+{} more)", count - 1)
        } else {
            String::new()
        };
        Line::from(vec![
            Span::styled("Before saving: ", st.warn()),
            Span::raw(format!("{}{more}", issue.message)),
        ])
    } else {
        Line::styled(
            "Ready: Ctrl-S saves it. A saved review is never edited (a correction is a new review)",
            st.dim(),
        )
    };
    frame.render_widget(Paragraph::new(line), footer);
}

fn draw_nav(
    form: &ReviewForm,
    issues: &[(Field, Issue)],
    frame: &mut Frame,
    area: Rect,
    st: &Styles,
) {
    let blocked = |f: Field| {
        issues.iter().any(|(at, i)| {
            i.blocking && (*at == f || (f.objective().is_some() && at.objective() == f.objective()))
        })
    };
    let mut lines: Vec<Line> = Vec::new();
    let mut focus_row = 0;
    let plain_row = |field: Field, value: String, lines: &mut Vec<Line>| {
        let focused = form.focus == field;
        let style = if focused {
            st.selected()
        } else {
            Style::default()
        };
        let mark = if blocked(field) {
            Span::styled("! ", st.error())
        } else if value.is_empty() {
            Span::styled("○ ", st.dim())
        } else {
            Span::styled("● ", st.good())
        };
        lines.push(Line::from(vec![
            mark,
            Span::styled(format!("{:<14}", field.label()), style),
            Span::styled(
                truncate(&value, 14),
                if focused { st.selected() } else { st.dim() },
            ),
        ]));
    };
    for field in [Field::Held, Field::With, Field::Summary] {
        if form.focus == field {
            focus_row = lines.len();
        }
        let value = form
            .text_area(field)
            .map(|t| first_line(&t.lines().join("\n")))
            .unwrap_or_default();
        plain_row(field, value, &mut lines);
    }
    lines.push(Line::styled(
        format!("Objectives ({})", form.decisions.len()),
        st.title(),
    ));
    if form.decisions.is_empty() {
        lines.push(Line::styled("  none in the plan", st.dim()));
    }
    for (i, d) in form.decisions.iter().enumerate() {
        let focused = form.focus.objective() == Some(i);
        if focused {
            focus_row = lines.len();
        }
        let style = if focused {
            st.selected()
        } else {
            Style::default()
        };
        let mark = if blocked(Field::Reason(i)) {
            Span::styled("! ", st.error())
        } else if d.diff.needs_reason() {
            Span::styled("✎ ", st.warn())
        } else {
            Span::styled("· ", st.dim())
        };
        lines.push(Line::from(vec![
            mark,
            Span::styled(format!("{:<9}", d.outcome.label()), style.patch(st.key())),
            Span::styled(truncate(&first_line(&d.diff.statement), 19), style),
        ]));
    }
    if form.focus == Field::Next {
        focus_row = lines.len();
    }
    plain_row(Field::Next, form_next(form), &mut lines);
    if form.focus == Field::Criteria {
        focus_row = lines.len();
    }
    plain_row(Field::Criteria, form.criteria.summary(), &mut lines);
    let height = area.height as usize;
    let start = crate::ui::widgets::window_start(focus_row, lines.len(), height);
    frame.render_widget(
        Paragraph::new(
            lines
                .into_iter()
                .skip(start)
                .take(height)
                .collect::<Vec<_>>(),
        ),
        area,
    );
}

fn form_next(form: &ReviewForm) -> String {
    form.next_text()
}

fn issue_lines<'a>(issues: &'a [(Field, Issue)], field: Field, st: &Styles) -> Vec<Line<'a>> {
    issues
        .iter()
        .filter(|(at, _)| *at == field)
        .map(|(_, i)| {
            Line::styled(
                i.message.as_str(),
                if i.blocking { st.error() } else { st.warn() },
            )
        })
        .collect()
}

fn draw_editor(
    form: &ReviewForm,
    issues: &[(Field, Issue)],
    frame: &mut Frame,
    area: Rect,
    st: &Styles,
) {
    match form.focus.objective() {
        Some(i) => draw_decision(form, i, issues, frame, area, st),
        None if form.focus == Field::Criteria => draw_criteria(form, frame, area, st),
        None => draw_text_field(form, issues, frame, area, st),
    }
}

fn draw_text_field(
    form: &ReviewForm,
    issues: &[(Field, Issue)],
    frame: &mut Frame,
    area: Rect,
    st: &Styles,
) {
    let field = form.focus;
    let mut messages = issue_lines(issues, field, st);
    if let Some((at, message)) = &form.save_error
        && *at == field
        && !messages.iter().any(|l| l.to_string() == *message)
    {
        messages.insert(0, Line::styled(message.as_str(), st.error()));
    }
    let single = matches!(field, Field::Held | Field::With | Field::Next);
    let message_rows = wrapped_height(&messages, area.width);
    let box_height = if single {
        3
    } else {
        area.height.saturating_sub(2 + message_rows).max(3)
    };
    let [question, field_area, message_area] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(box_height),
        Constraint::Min(0),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(format!("{} ", field.label()), st.title()),
            Span::raw(hint(form, field)),
        ]))
        .wrap(Wrap { trim: true }),
        question,
    );
    if let Some(text) = form.text_area(field) {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(st.focus_border());
        let inner = block.inner(field_area);
        frame.render_widget(block, field_area);
        frame.render_widget(text, inner);
    }
    frame.render_widget(
        Paragraph::new(messages).wrap(Wrap { trim: true }),
        message_area,
    );
}

fn draw_decision(
    form: &ReviewForm,
    i: usize,
    issues: &[(Field, Issue)],
    frame: &mut Frame,
    area: Rect,
    st: &Styles,
) {
    let Some(d) = form.decisions.get(i) else {
        return;
    };
    let since = if form.is_correction() {
        "at that review"
    } else {
        "since the last review"
    };
    let what = match d.diff.difference {
        Difference::Added => format!("new {since}"),
        Difference::Removed => format!("removed from the plan {since}"),
        Difference::Changed => format!("changed {since}"),
        Difference::Same => format!("unchanged {since}"),
    };
    let mut top: Vec<Line> = vec![
        Line::from(vec![
            Span::styled(
                format!("Objective {} of {} ", i + 1, form.decisions.len()),
                st.title(),
            ),
            Span::styled(
                what,
                if d.diff.needs_reason() {
                    st.warn()
                } else {
                    st.dim()
                },
            ),
        ]),
        Line::raw(first_line(&d.diff.statement)),
    ];
    for f in &d.diff.fields {
        top.push(Line::from(vec![
            Span::styled(format!("  {}: ", f.field.label()), st.dim()),
            Span::raw(format!(
                "{} → {}",
                truncate(&first_line(&f.before), 40),
                truncate(&first_line(&f.after), 40)
            )),
        ]));
    }
    let focused_outcome = form.focus == Field::Outcome(i);
    let mut choice_spans = vec![Span::styled(
        "Outcome  ",
        if focused_outcome {
            st.selected()
        } else {
            st.title()
        },
    )];
    for o in &d.choices {
        let chosen = *o == d.outcome;
        let text = if chosen {
            format!("[{}] ", o.label())
        } else {
            format!(" {}  ", o.label())
        };
        let style = match (chosen, focused_outcome) {
            (true, true) => st.selected(),
            (true, false) => st.key(),
            _ => Style::default(),
        };
        choice_spans.push(Span::styled(text, style));
    }
    let mut messages = issue_lines(issues, Field::Outcome(i), st);
    messages.extend(issue_lines(issues, Field::Reason(i), st));
    if let Some((at, message)) = &form.save_error
        && at.objective() == Some(i)
        && !messages.iter().any(|l| message.ends_with(&l.to_string()))
    {
        messages.insert(0, Line::styled(message.as_str(), st.error()));
    }
    let hint_line = Line::styled(hint(form, form.focus), st.dim());
    let top_height = wrapped_height(&top, area.width)
        .min(area.height.saturating_sub(6) / 2)
        .max(2);
    let message_height = wrapped_height(&messages, area.width).min(6);
    let [top_area, choice_area, hint_area, reason_area, message_area] = Layout::vertical([
        Constraint::Length(top_height),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(message_height),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(top).wrap(Wrap { trim: true }), top_area);
    frame.render_widget(
        Paragraph::new(Line::from(choice_spans)).wrap(Wrap { trim: true }),
        choice_area,
    );
    frame.render_widget(
        Paragraph::new(hint_line).wrap(Wrap { trim: true }),
        hint_area,
    );
    let reason_title = if d.outcome.is_change() || d.diff.needs_reason() {
        " Reason (required) "
    } else {
        " Reason (optional for kept) "
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(reason_title)
        .border_style(if form.focus == Field::Reason(i) {
            st.focus_border()
        } else {
            st.dim()
        });
    let inner = block.inner(reason_area);
    frame.render_widget(block, reason_area);
    if form.focus == Field::Reason(i) {
        frame.render_widget(&d.reason, inner);
    } else {
        frame.render_widget(
            Paragraph::new(d.reason.lines().join("\n")).wrap(Wrap { trim: false }),
            inner,
        );
    }
    frame.render_widget(
        Paragraph::new(messages).wrap(Wrap { trim: true }),
        message_area,
    );
}

/// Rows the lines take when wrapped at `width` (an estimate by display width).
fn wrapped_height(lines: &[Line<'_>], width: u16) -> u16 {
    let width = usize::from(width.max(1));
    lines
        .iter()
        .map(|l| l.width().max(1).div_ceil(width))
        .sum::<usize>()
        .min(usize::from(u16::MAX)) as u16
}

fn draw_criteria(form: &ReviewForm, frame: &mut Frame, area: Rect, st: &Styles) {
    let [question, list] =
        Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(area);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled("Criteria ", st.title()),
            Span::raw(hint(form, Field::Criteria)),
        ]))
        .wrap(Wrap { trim: true }),
        question,
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(st.focus_border());
    let inner = block.inner(list);
    frame.render_widget(block, list);
    let picker = &form.criteria;
    if picker.options.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::styled(
                "No criteria set: press p on a screen to choose one.",
                st.dim(),
            )),
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
                Style::default()
            };
            Line::styled(format!("{mark}{}", o.label), style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
