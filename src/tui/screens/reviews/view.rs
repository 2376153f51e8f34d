//! The Reviews screen: a vertical timeline with the next review at the top
//! (overdue in a warning colour) and each held review as a milestone, the
//! diary entries, feedback, activities and KPI readings between reviews
//! grouped under them; the selected review's details and plan beside it;
//! and the compare view (`c`): what a review changed and why, or what has
//! changed since it.

use crate::domain::review::cycle::{self, Due};
use crate::domain::review::diff::{
    Difference, FieldChange, ObjectiveDiff, review_diff, since_review,
};
use crate::domain::review::timeline::{self, Event, Period};
use crate::domain::words::count;
use crate::domain::{Records, Review};
use crate::tui::screens::reviews::Compare;
use crate::tui::theme::Styles;
use crate::tui::widgets::Canvas;
use crate::tui::widgets::{empty_state, list_and_preview, panel, text_panel, window_start};
use crate::tui::{App, Screen, truncate};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

fn first_line(text: &str) -> &str {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("")
}

/// The next review's line and its colour.
fn due_line(due: Due, st: &Styles) -> (String, Style) {
    match due {
        Due::Nothing => ("Next review: not planned yet".into(), st.dim()),
        Due::Overdue { .. } => (
            format!(
                "Next review {} — press n to hold it",
                due.describe_with(&|d| st.days.day(d))
            ),
            st.error(),
        ),
        Due::Today { .. } => (
            "Next review due today — press n to hold it".into(),
            st.warn(),
        ),
        Due::Soon { .. } => (
            format!("Next review {}", due.describe_with(&|d| st.days.day(d))),
            st.warn(),
        ),
        Due::Later { .. } => (
            format!("Next review {}", due.describe_with(&|d| st.days.day(d))),
            st.good(),
        ),
    }
}

pub fn draw(app: &App, frame: &mut Canvas, area: Rect, st: &Styles) {
    let records = &app.model.records;
    let interval = app.model.header.settings.review_interval_days;
    let due = cycle::due(&records.reviews, &records.objectives, interval, app.today);
    if records.reviews.is_empty() {
        draw_empty(app, due, frame, area, st);
        return;
    }
    let order = timeline::display_order(&records.reviews);
    let selected = app
        .selected(Screen::Reviews)
        .min(order.len().saturating_sub(1));
    let Some(review) = order.get(selected).copied() else {
        return;
    };
    if let Some(scroll) = app.layers.reader {
        match app.screens.reviews.compare {
            Some(mode) => {
                let (title, lines) = compare_lines(records, review, mode, st);
                text_panel(frame, area, panel(title, st), lines, scroll);
            }
            None => text_panel(
                frame,
                area,
                panel(" Review ", st),
                review_lines(records, review, st),
                scroll,
            ),
        }
        return;
    }
    let (list_area, preview) = list_and_preview(area);
    draw_timeline(app, due, &order, selected, frame, list_area, st);
    text_panel(
        frame,
        preview,
        panel(" Review and its plan ", st),
        review_lines(records, review, st),
        0,
    );
}

fn draw_empty(app: &App, due: Due, frame: &mut Canvas, area: Rect, st: &Styles) {
    let mut lines = vec![
        Line::from("Dated reviews of your plan with your manager, mentor or assessor: what"),
        Line::from("changed and why. Assessors look for a regular, dated review cycle."),
        Line::from(""),
    ];
    if app.model.records.objectives.is_empty() {
        lines.push(Line::from(vec![
            Span::raw("Add the objectives of your plan on the Plan screen ("),
            Span::styled("2", st.key()),
            Span::raw("), then press "),
            Span::styled("n", st.key()),
            Span::raw(" here to hold your first review."),
        ]));
    } else {
        let (text, style) = due_line(due, st);
        lines.push(Line::styled(
            text.replace("Next review", "Your first review is"),
            style,
        ));
        lines.push(Line::from(vec![
            Span::raw("Press "),
            Span::styled("n", st.key()),
            Span::raw(" to hold it: who took part, a summary, and for each objective"),
        ]));
        lines.push(Line::from(
            "whether it is kept, revised, achieved, dropped or added, and why.",
        ));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(vec![
        Span::raw("For an example, run "),
        Span::styled("starlog demo", st.key()),
        Span::raw("."),
    ]));
    empty_state(frame, area, "Reviews", lines, st);
}

/// One row of the timeline: its text, and the review it selects, if any.
struct Row {
    line: Line<'static>,
    item: Option<usize>,
}

fn event_row(e: &Event<'_>, width: usize, st: &Styles) -> Row {
    // " │ " + the day and a space + the kind (9): the rest is the headline.
    let used = 3 + st.days.width() + 1 + 9;
    let text = truncate(&e.headline(), width.saturating_sub(used).max(8));
    Row {
        line: Line::from(vec![
            Span::styled(" │ ", st.dim()),
            Span::styled(format!("{} ", st.days.column(e.date())), st.dim()),
            Span::styled(format!("{:<9}", e.kind()), st.tag()),
            Span::raw(text),
        ]),
        item: None,
    }
}

fn period_rows(p: &Period<'_>, width: usize, st: &Styles, out: &mut Vec<Row>) {
    let range = match (p.since, p.review) {
        (Some(s), None) => format!("since {}", st.days.day(s.date())),
        (Some(s), Some(r)) => format!("{} – {}", st.days.day(s.date()), st.days.day(r.date())),
        (None, Some(r)) => format!("before {}", st.days.day(r.date())),
        (None, None) => "so far".to_string(),
    };
    out.push(Row {
        line: Line::from(vec![
            Span::styled(" │ ", st.dim()),
            Span::styled(
                truncate(
                    &format!("{range}: {}", p.counts.describe()),
                    width.saturating_sub(3),
                ),
                st.dim(),
            ),
        ]),
        item: None,
    });
    for e in &p.newest {
        out.push(event_row(e, width, st));
    }
    let more = p.counts.total().saturating_sub(p.newest.len());
    if more > 0 {
        out.push(Row {
            line: Line::from(vec![
                Span::styled(" │ ", st.dim()),
                Span::styled(
                    format!("{}… and {more} more", " ".repeat(st.days.width() + 1)),
                    st.dim(),
                ),
            ]),
            item: None,
        });
    }
}

fn milestone_row(r: &Review, item: usize, superseded: bool, width: usize, st: &Styles) -> Row {
    let (mark, style) = if superseded {
        (" ◇ ", st.dim())
    } else {
        (" ◆ ", st.key())
    };
    let mut label = String::new();
    if superseded {
        label.push_str("(corrected) ");
    } else if r.corrects.is_some() {
        label.push_str("(correction) ");
    }
    let changes = r.change_count();
    label.push_str(&match changes {
        0 => "no changes".to_string(),
        1 => "1 change".to_string(),
        n => format!("{n} changes"),
    });
    let summary = first_line(&r.summary);
    if !summary.is_empty() {
        label.push_str(" · ");
        label.push_str(summary);
    }
    Row {
        line: Line::from(vec![
            Span::styled(mark, style),
            Span::styled(format!("{} ", st.days.day(r.date())), Style::default()),
            Span::styled(
                truncate(&label, width.saturating_sub(16).max(4)),
                if superseded {
                    st.dim()
                } else {
                    Style::default()
                },
            ),
        ]),
        item: Some(item),
    }
}

fn draw_timeline(
    app: &App,
    due: Due,
    order: &[&Review],
    selected: usize,
    frame: &mut Canvas,
    area: Rect,
    st: &Styles,
) {
    let block = panel(
        format!(" Timeline ({}) ", count(order.len(), "review", "reviews")),
        st,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let width = inner.width as usize;
    let keep = if inner.height >= 30 { 5 } else { 3 };
    let periods = timeline::periods(&app.model.records, keep);
    let position = |r: &Review| order.iter().position(|o| o.id == r.id);
    let mut rows: Vec<Row> = Vec::new();
    let (text, style) = due_line(due, st);
    rows.push(Row {
        line: Line::from(vec![
            Span::styled(" ○ ", style),
            Span::styled(truncate(&text, width.saturating_sub(3)), style),
        ]),
        item: None,
    });
    for p in &periods {
        if let Some(r) = p.review {
            if let Some(i) = position(r) {
                rows.push(milestone_row(r, i, false, width, st));
            }
            for c in &p.corrected {
                if let Some(i) = position(c) {
                    rows.push(milestone_row(c, i, true, width, st));
                }
            }
        }
        period_rows(p, width, st, &mut rows);
    }
    // The next review stays pinned at the top; the rest scrolls.
    let pinned = rows.remove(0);
    let render = |n: usize, row: Row, frame: &mut Canvas| {
        let rect = Rect {
            x: inner.x,
            y: inner.y + n as u16,
            width: inner.width,
            height: 1,
        };
        let mut line = row.line;
        if row.item == Some(selected) {
            line = line.patch_style(st.selected());
            frame.render_widget(Paragraph::new("").style(st.selected()), rect);
        }
        frame.render_widget(Paragraph::new(line), rect);
    };
    render(0, pinned, frame);
    let height = (inner.height as usize).saturating_sub(1);
    let at = rows
        .iter()
        .position(|r| r.item == Some(selected))
        .unwrap_or(0);
    // Show the selected review with a few rows of its period below it.
    let start = if window_start(at, rows.len(), height) == 0 {
        0
    } else {
        let anchor = (at + 3).min(rows.len().saturating_sub(1));
        window_start(anchor, rows.len(), height).min(at)
    };
    for (n, row) in rows.into_iter().skip(start).take(height).enumerate() {
        render(n + 1, row, frame);
    }
}

/// The selected review: who, summary, decisions with reasons, the plan as
/// it stood after it, and the next date.
fn review_lines(records: &Records, r: &Review, st: &Styles) -> Vec<Line<'static>> {
    let who = r.who();
    let mut out = vec![
        Line::styled(
            format!(
                "Review held {}, {}",
                st.days.long(r.held.date_naive()),
                r.held.format("%H:%M")
            ),
            st.title(),
        ),
        Line::raw(format!(
            "With: {}",
            if who.is_empty() { "—".into() } else { who }
        )),
    ];
    if let Some(original) = r
        .corrects
        .as_ref()
        .and_then(|id| records.reviews.iter().find(|o| &o.id == id))
    {
        out.push(Line::styled(
            format!(
                "A correction of the review recorded for {} (kept below it).",
                st.days.day(original.date())
            ),
            st.warn(),
        ));
    }
    if let Some(by) = cycle::corrected_by(&records.reviews, &r.id) {
        out.push(Line::styled(
            format!(
                "Corrected by a later record of the review of {}: that one stands.",
                st.days.day(by.date())
            ),
            st.warn(),
        ));
    }
    out.push(Line::raw(""));
    if !r.summary.trim().is_empty() {
        out.push(Line::styled("Summary", st.title()));
        out.extend(r.summary.lines().map(|l| Line::raw(l.to_string())));
        out.push(Line::raw(""));
    }
    if !r.changes.is_empty() {
        out.push(Line::styled("Decisions", st.title()));
        for c in &r.changes {
            let name = r
                .planned(&c.objective)
                .or_else(|| records.objective(&c.objective))
                .map(|o| first_line(&o.statement).to_string())
                .unwrap_or_else(|| format!("objective {}", c.objective.short()));
            out.push(Line::from(vec![
                Span::styled(format!("{:<9}", c.outcome.label()), st.key()),
                Span::raw(name),
            ]));
            if !c.reason.trim().is_empty() {
                out.push(Line::styled(
                    format!("         because {}", c.reason.trim()),
                    st.dim(),
                ));
            }
        }
        out.push(Line::raw(""));
    }
    out.push(Line::styled(
        format!("The plan after this review ({})", r.plan.len()),
        st.title(),
    ));
    if r.plan.is_empty() {
        out.push(Line::styled("No objectives.", st.dim()));
    }
    for o in &r.plan {
        let mut spans = vec![
            Span::styled(format!("{:<12}", o.status.label()), st.dim()),
            Span::raw(first_line(&o.statement).to_string()),
        ];
        if let Some(t) = o.target_date {
            spans.push(Span::styled(format!(" (by {})", st.days.day(t)), st.dim()));
        }
        out.push(Line::from(spans));
    }
    out.push(Line::raw(""));
    out.push(Line::raw(match r.next_review {
        Some(d) => format!("Next review agreed for {}", st.days.day(d)),
        None => "No next review date was agreed.".to_string(),
    }));
    out.push(Line::from(vec![
        Span::styled("c", st.key()),
        Span::raw(" what changed and why   "),
        Span::styled("e", st.key()),
        Span::raw(" correct it (a new review)"),
    ]));
    out
}

fn field_lines(f: &FieldChange, st: &Styles, out: &mut Vec<Line<'static>>) {
    let style = if f.needs_reason {
        Style::default()
    } else {
        st.dim()
    };
    if f.before.chars().count() <= 30 && f.after.chars().count() <= 30 {
        out.push(Line::from(vec![
            Span::styled(format!("          {}: ", f.field.label()), st.dim()),
            Span::styled(format!("{} → {}", f.before, f.after), style),
        ]));
    } else {
        out.push(Line::styled(
            format!("          {}", f.field.label()),
            st.dim(),
        ));
        out.push(Line::from(vec![
            Span::styled("            was: ", st.dim()),
            Span::styled(first_line(&f.before).to_string(), style),
        ]));
        out.push(Line::from(vec![
            Span::styled("            now: ", st.dim()),
            Span::styled(first_line(&f.after).to_string(), style),
        ]));
    }
}

fn entry_head(label: &str, statement: &str, st: &Styles) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{:<10}", label.to_uppercase()), st.key()),
        Span::styled(first_line(statement).to_string(), st.title()),
    ])
}

/// The compare view: title and lines.
fn compare_lines(
    records: &Records,
    review: &Review,
    mode: Compare,
    st: &Styles,
) -> (String, Vec<Line<'static>>) {
    match mode {
        Compare::Previous => compare_with_previous(records, review, st),
        Compare::Today => compare_with_today(records, review, st),
    }
}

fn compare_with_previous(
    records: &Records,
    review: &Review,
    st: &Styles,
) -> (String, Vec<Line<'static>>) {
    let previous = cycle::previous(&records.reviews, review);
    let diff = review_diff(previous, review, &records.needs);
    let title = format!(
        " What changed at the review of {} ",
        st.days.day(review.date())
    );
    let mut out = vec![
        Line::styled(
            match previous {
                Some(p) => format!(
                    "Its plan against the plan after the review of {}, with the reasons given.",
                    st.days.day(p.date())
                ),
                None => "The first review: the plan as agreed, with the reasons given.".into(),
            },
            st.dim(),
        ),
        Line::from(vec![
            Span::styled("c", st.key()),
            Span::raw(" compare with today's plan instead   "),
            Span::styled("Esc", st.key()),
            Span::raw(" back"),
        ]),
        Line::raw(""),
    ];
    let (changed, kept): (Vec<&ObjectiveDiff>, Vec<&ObjectiveDiff>) = diff
        .iter()
        .partition(|d| d.needs_reason() || d.outcome().is_change());
    if changed.is_empty() {
        out.push(Line::raw("No objective was added, dropped or changed."));
        out.push(Line::raw(""));
    }
    for d in &changed {
        out.push(entry_head(d.outcome().label(), &d.statement, st));
        if d.difference == Difference::Removed {
            out.push(Line::styled(
                "          removed from the plan at this review",
                st.dim(),
            ));
        }
        for f in &d.fields {
            field_lines(f, st, &mut out);
        }
        out.push(match d.reason() {
            Some(reason) => Line::from(vec![
                Span::styled("          why: ", st.dim()),
                Span::raw(reason.to_string()),
            ]),
            None => Line::styled("          why: no reason was recorded", st.warn()),
        });
        out.push(Line::raw(""));
    }
    if !kept.is_empty() {
        out.push(Line::styled(format!("Kept ({})", kept.len()), st.title()));
        for d in kept {
            out.push(Line::from(vec![
                Span::styled("  ", st.dim()),
                Span::raw(first_line(&d.statement).to_string()),
            ]));
            if let Some(reason) = d.reason() {
                out.push(Line::styled(format!("    because {reason}"), st.dim()));
            }
        }
    }
    (title, out)
}

fn compare_with_today(
    records: &Records,
    review: &Review,
    st: &Styles,
) -> (String, Vec<Line<'static>>) {
    let diff = since_review(Some(review), &records.objectives, &records.needs);
    let last = cycle::last(&records.reviews);
    let unreviewed = since_review(last, &records.objectives, &records.needs);
    let later: Vec<&Review> = cycle::standing(&records.reviews)
        .into_iter()
        .filter(|r| (r.held, &r.id) > (review.held, &review.id) && r.id != review.id)
        .collect();
    let title = format!(
        " Since the review of {}: today's plan ",
        st.days.day(review.date())
    );
    let mut out = vec![
        Line::styled(
            "The plan after that review against the plan as it is today.",
            st.dim(),
        ),
        Line::from(vec![
            Span::styled("c", st.key()),
            Span::raw(" what changed at that review   "),
            Span::styled("Esc", st.key()),
            Span::raw(" back"),
        ]),
        Line::raw(""),
    ];
    let changed: Vec<&ObjectiveDiff> = diff.iter().filter(|d| d.needs_reason()).collect();
    if changed.is_empty() {
        out.push(Line::raw("Nothing in the plan has changed since."));
    }
    for d in changed {
        let label = match d.difference {
            Difference::Added => "new",
            Difference::Removed => "removed",
            Difference::Changed | Difference::Same => "changed",
        };
        out.push(entry_head(label, &d.statement, st));
        for f in &d.fields {
            field_lines(f, st, &mut out);
        }
        // The reasons given at the reviews since.
        for r in &later {
            if let Some(c) = r.decision(&d.objective).filter(|c| c.outcome.is_change()) {
                out.push(Line::from(vec![
                    Span::styled(
                        format!(
                            "          {} on {}: ",
                            c.outcome.label(),
                            st.days.day(r.date())
                        ),
                        st.dim(),
                    ),
                    Span::raw(c.reason.trim().to_string()),
                ]));
            }
        }
        if unreviewed
            .iter()
            .any(|u| u.objective == d.objective && u.needs_reason())
        {
            out.push(Line::styled(
                "          not reviewed yet: press n on the Reviews screen to give the reason",
                st.warn(),
            ));
        }
        out.push(Line::raw(""));
    }
    (title, out)
}
