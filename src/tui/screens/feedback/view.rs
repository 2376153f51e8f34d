//! The Feedback screen: the inbox (counts per triage state, the filter, the
//! list and a preview like the diary's) and the triangulation panel: feedback
//! by source type and valence over the current review period, with warnings.

use crate::domain::feedback::NextStep;
use crate::domain::{Feedback, FeedbackState, Records, Triangulation, Valence};
use crate::tui::theme::Styles;
use crate::tui::widgets::Canvas;
use crate::tui::widgets::{draw_list, empty_state, list_and_preview, panel, section, text_panel};
use crate::tui::{App, Screen};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The mark shown for each triage state (the strip above the list is its legend).
pub fn state_mark(state: FeedbackState) -> &'static str {
    match state {
        FeedbackState::New => "●",
        FeedbackState::Reflected => "◐",
        FeedbackState::Actioned => "✓",
        FeedbackState::Archived => "▪",
    }
}

fn valence_span(valence: Valence, st: &Styles) -> Span<'static> {
    match valence {
        Valence::Positive => Span::styled("+ ", st.good()),
        Valence::Constructive => Span::styled("~ ", st.warn()),
        Valence::Negative => Span::styled("− ", st.error()),
    }
}

pub fn draw(app: &App, frame: &mut Canvas, area: Rect, st: &Styles) {
    let items = &app.model.records.feedback;
    if items.is_empty() {
        let mut lines = vec![
            Line::from(
                "Feedback from customers, colleagues, your manager and others, and what you",
            ),
            Line::from("did with it: new → reflected → actioned → archived."),
            Line::from(""),
            Line::from(vec![
                Span::raw("Press "),
                Span::styled("n", st.key()),
                Span::raw(" to record feedback, or straight after a call run"),
            ]),
            Line::from(vec![Span::styled(
                "  starlog feedback add --source customer --valence negative \"what they said\"",
                st.key(),
            )]),
            Line::from(""),
            Line::from("Assessors look for feedback from at least three kinds of source that you"),
            Line::from("reflected on and acted upon, not just filed."),
        ];
        if !app.model.complete {
            lines.push(Line::from(""));
            lines.push(Line::styled("Loading…", st.warn()));
        }
        empty_state(frame, area, "Feedback", lines, st);
        return;
    }
    let visible = &app.derived.visible_feedback;
    let selected = app.selected(Screen::Feedback);
    let current = visible.get(selected).and_then(|i| items.get(*i));
    if let Some(scroll) = app.layers.reader {
        if let Some(f) = current {
            let title = format!(" Feedback · {} ", st.days.long(f.date));
            text_panel(
                frame,
                area,
                panel(title, st),
                feedback_lines(f, &app.model.records, st),
                scroll,
            );
        }
        return;
    }
    let [strip, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    draw_strip(app, frame, strip, st);
    let (list_area, right) = list_and_preview(rest);
    let wide = rest.width >= 90;
    let title = if app.screens.feedback.filter.is_empty() {
        format!(" Inbox ({}) ", items.len())
    } else {
        format!(" Inbox ({} of {}) ", visible.len(), items.len())
    };
    if visible.is_empty() {
        frame.render_widget(
            Paragraph::new(vec![
                Line::raw("Nothing matches the filter."),
                Line::from(vec![
                    Span::styled("f", st.key()),
                    Span::raw(" changes it; an empty filter shows everything."),
                ]),
            ])
            .block(panel(title, st)),
            list_area,
        );
    } else {
        draw_list(
            frame,
            list_area,
            panel(title, st),
            visible.len(),
            selected,
            st,
            |row| {
                let f = &items[visible[row]];
                let mark_style = match f.state {
                    FeedbackState::New => st.key(),
                    FeedbackState::Archived => st.dim(),
                    _ => st.good(),
                };
                Line::from(vec![
                    Span::styled(format!("{} ", state_mark(f.state)), mark_style),
                    Span::styled(format!("{} ", st.days.column(f.date)), st.dim()),
                    valence_span(f.valence, st),
                    Span::styled(
                        format!("{:<9} ", crate::tui::truncate(f.source.label(), 9)),
                        st.dim(),
                    ),
                    Span::raw(f.headline().to_string()),
                ])
            },
        );
    }
    // Worked out in update: the panel's height and its rows both read it.
    let tri = app
        .derived
        .triangulation
        .as_ref()
        .filter(|_| wide || app.screens.feedback.show_triangulation);
    let (preview, triangulation) = if let (true, Some(t)) = (wide, &tri) {
        let panel_height = triangulation_height(t, right.width).min(right.height / 2);
        let [preview, tri] =
            Layout::vertical([Constraint::Min(3), Constraint::Length(panel_height)]).areas(right);
        (Some(preview), Some(tri))
    } else if app.screens.feedback.show_triangulation {
        (None, Some(right))
    } else {
        (Some(right), None)
    };
    if let Some(preview) = preview {
        match current {
            Some(f) => text_panel(
                frame,
                preview,
                panel(" Details ", st),
                feedback_lines(f, &app.model.records, st),
                0,
            ),
            None => frame.render_widget(panel(" Details ", st), preview),
        }
    }
    if let (Some(area), Some(t)) = (triangulation, &tri) {
        draw_triangulation(t, frame, area, st, wide);
    }
}

/// Counts per state (the legend of the list's marks) and the filter.
fn draw_strip(app: &App, frame: &mut Canvas, area: Rect, st: &Styles) {
    let mut spans = Vec::new();
    for (i, state) in FeedbackState::ALL.iter().enumerate() {
        let n = app
            .model
            .records
            .feedback
            .iter()
            .filter(|f| f.state == *state)
            .count();
        if i > 0 {
            spans.push(Span::styled(" · ", st.dim()));
        }
        let style = if *state == FeedbackState::New && n > 0 {
            st.key()
        } else {
            ratatui::style::Style::default()
        };
        spans.push(Span::styled(
            format!("{} {n} {}", state_mark(*state), state.label()),
            style,
        ));
    }
    let filter = &app.screens.feedback.filter;
    if !filter.is_empty() {
        spans.push(Span::styled("   filter: ", st.dim()));
        spans.push(Span::styled(filter.describe(), st.tag()));
    } else if area.width >= 100 {
        spans.push(Span::styled("   f filters the list", st.dim()));
    } else if !app.screens.feedback.show_triangulation && area.width >= 72 {
        spans.push(Span::styled("   t triangulation", st.dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The key that takes an item on, for the preview.
fn next_step_line(f: &Feedback, st: &Styles) -> Line<'static> {
    let (keys, advice) = match f.next_step() {
        NextStep::Reflect => ("r", "reflect on what it tells you"),
        NextStep::ActOrArchive => ("a / x", "act on it, or archive it"),
        NextStep::Act => ("a", "link it to an objective or a diary entry"),
        NextStep::Archive => ("x", "archive it when you are done"),
        NextStep::Done => ("x", "reopen it"),
    };
    Line::from(vec![
        Span::styled(format!("{} ", state_mark(f.state)), st.key()),
        Span::raw(format!("{} · next: ", f.state.label())),
        Span::styled(keys, st.key()),
        Span::raw(format!(" {advice}")),
    ])
}

/// The whole item, for the preview and the reader.
pub fn feedback_lines<'a>(f: &'a Feedback, records: &Records, st: &Styles) -> Vec<Line<'a>> {
    let mut out = vec![
        Line::from(vec![
            Span::raw(format!(
                "{} · {} · {} · ",
                st.days.day(f.date),
                f.source.label(),
                f.method.label(),
            )),
            match f.valence {
                Valence::Positive => Span::styled("positive", st.good()),
                Valence::Constructive => Span::styled("constructive", st.warn()),
                Valence::Negative => Span::styled("negative", st.error()),
            },
        ]),
        Line::raw(format!("From {}", f.who_label())),
    ];
    if let Some(id) = &f.activity {
        let title = records
            .activities
            .iter()
            .find(|a| &a.id == id)
            .map(|a| a.title.clone())
            .unwrap_or_else(|| format!("{} (not found: in the trash?)", id.short()));
        out.push(Line::from(vec![
            Span::styled("About the activity: ", st.title()),
            Span::raw(title),
        ]));
    }
    out.extend([next_step_line(f, st), Line::raw("")]);
    section(&mut out, "What they said", &f.text, st);
    if !f.is_reflected() && f.valence.needs_reflection() {
        out.push(Line::styled(
            "Not reflected on yet: reflect (r) before you can archive it",
            st.warn(),
        ));
        out.push(Line::raw(""));
    }
    section(&mut out, "My reflection", &f.reflection, st);
    section(&mut out, "What I did", &f.action, st);
    let links = crate::tui::forms::act::linked_labels(f, records, &st.days);
    if !links.is_empty() {
        out.push(Line::styled("Linked to", st.title()));
        for label in links {
            out.push(Line::raw(format!("• {label}")));
        }
        out.push(Line::raw(""));
    }
    if !f.tags.is_empty() {
        out.push(Line::from(
            f.tags
                .iter()
                .map(|t| Span::styled(format!("#{t} "), st.tag()))
                .collect::<Vec<_>>(),
        ));
    }
    if !f.criteria.is_empty() {
        out.push(Line::from(vec![
            Span::styled("Criteria ", st.title()),
            Span::raw(f.criteria.join(", ")),
        ]));
    }
    out
}

/// Rows the triangulation panel wants at `width` (borders included).
fn triangulation_height(t: &Triangulation, width: u16) -> u16 {
    let text_width = (width.saturating_sub(2) as usize).max(1);
    let warning_rows: usize = t
        .warnings()
        .iter()
        .take(4)
        .map(|w| (w.message().chars().count() + 2).div_ceil(text_width))
        .sum();
    let rows = 2 + t.sources.len().max(1) + warning_rows.max(1);
    rows as u16 + 2
}

/// Feedback by source type and valence over the review period, and warnings.
fn draw_triangulation(t: &Triangulation, frame: &mut Canvas, area: Rect, st: &Styles, wide: bool) {
    let title = format!(
        " Triangulation {} ",
        t.period.describe_with(&|d| st.days.day(d))
    );
    let mut lines = vec![Line::from(vec![
        Span::styled(format!("{:<17}", "source"), st.dim()),
        Span::styled(format!("{:>4}", "+"), st.good()),
        Span::styled(format!("{:>4}", "~"), st.warn()),
        Span::styled(format!("{:>4}", "−"), st.error()),
        Span::styled(format!("{:>6}", "all"), st.dim()),
    ])];
    if t.sources.is_empty() {
        lines.push(Line::styled("no feedback in this period", st.dim()));
    }
    for s in &t.sources {
        lines.push(Line::raw(format!(
            "{:<17}{:>4}{:>4}{:>4}{:>6}",
            s.source.label(),
            s.positive,
            s.constructive,
            s.negative,
            s.total()
        )));
    }
    lines.push(Line::styled(
        format!(
            "{:<17}{:>4}{:>4}{:>4}{:>6}",
            match t.sources.len() {
                1 => "1 source type".to_string(),
                n => format!("{n} source types"),
            },
            t.positive,
            t.constructive,
            t.negative,
            t.total
        ),
        st.title(),
    ));
    let warnings = t.warnings();
    if warnings.is_empty() {
        lines.push(Line::styled(
            "Feedback from three or more kinds of source, and no repeated theme",
            st.good(),
        ));
    }
    for w in warnings.iter().take(if wide { 4 } else { 6 }) {
        lines.push(Line::from(vec![
            Span::styled("! ", st.warn()),
            Span::raw(w.message()),
        ]));
    }
    text_panel(frame, area, panel(title, st), lines, 0);
}
