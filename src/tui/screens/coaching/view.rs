//! The coaching log (`C`): the sessions, newest first, each with what is
//! due (a follow-up missed, an impact to evaluate) or the impact level
//! reached, a line saying how much is due, and the selected session in
//! full (the feedback given and how timely it was, the coachee's response,
//! the follow-up and whether it was held, the impact with their view),
//! scrolled when it is longer than its pane.

use crate::domain::CoachingSession;
use crate::domain::coaching::{self, Due, FollowUp};
use crate::tui::App;
use crate::tui::screens::coaching::due_mark;
use crate::tui::theme::Styles;
use crate::tui::truncate;
use crate::tui::widgets::{Canvas, list_over_details, panel, window_start, wrap_lines};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

/// "2 due: 1 follow-up missed, 1 impact to evaluate".
fn due_line(due: &[Due]) -> String {
    let missed = due
        .iter()
        .filter(|d| matches!(d, Due::FollowUp { .. }))
        .count();
    let impact = due.len() - missed;
    if due.is_empty() {
        return "Nothing due".into();
    }
    let mut parts = Vec::new();
    if missed > 0 {
        parts.push(crate::domain::words::count(
            missed,
            "follow-up missed",
            "follow-ups missed",
        ));
    }
    if impact > 0 {
        parts.push(crate::domain::words::count(
            impact,
            "impact to evaluate",
            "impacts to evaluate",
        ));
    }
    format!("Due: {}", parts.join(", "))
}

/// The selected session in full.
fn details<'a>(app: &'a App, s: &'a CoachingSession, st: &Styles) -> Vec<Line<'a>> {
    let mut out: Vec<Line<'a>> = Vec::new();
    let field = |label: &str, value: String| {
        Line::from(vec![
            Span::styled(format!("{label}: "), st.dim()),
            Span::raw(value),
        ])
    };
    out.push(Line::styled(s.headline(), st.title()));
    out.push(field("Held", st.days.day(s.date)));
    match s.observed_on.filter(|o| *o != s.date) {
        Some(o) => {
            let days = s.feedback_delay();
            let line = field(
                "Observed",
                format!(
                    "{} (feedback {} later)",
                    st.days.day(o),
                    crate::domain::words::count(days.max(0) as usize, "day", "days")
                ),
            );
            out.push(if s.is_timely() {
                line
            } else {
                line.patch_style(st.warn())
            });
        }
        None => out.push(field("Observed", "in the session".into())),
    }
    let log = &app.model.records.coaching;
    let (text, style) = match s.follow_up(log, app.today) {
        FollowUp::NotSet => ("none set".to_string(), st.dim()),
        FollowUp::Planned(d) => (st.days.day(d), Style::default()),
        FollowUp::Held(h) => (format!("held {}", st.days.day(h)), st.good()),
        FollowUp::Overdue(d) => (
            format!("{}: missed, no session since", st.days.day(d)),
            st.error(),
        ),
    };
    out.push(Line::from(vec![
        Span::styled("Follow-up: ", st.dim()),
        Span::styled(text, style),
    ]));
    if !s.workspace.trim().is_empty() {
        out.push(field("Their workspace", s.workspace.trim().to_string()));
    }
    for (label, text) in s.parts() {
        out.push(Line::raw(""));
        out.push(Line::styled(label.to_string(), st.dim()));
        for line in text.lines() {
            out.push(Line::raw(line.to_string()));
        }
    }
    out.push(Line::raw(""));
    let impact = match (s.impact_level(), s.evaluated) {
        (0, _) if s.impact_due(app.today) => {
            Line::styled("Impact: due, not yet evaluated (i)", st.warn())
        }
        (0, _) => Line::styled("Impact: not yet evaluated (i adds it)", st.dim()),
        (l, Some(d)) if s.impact_with_coachee() => Line::styled(
            format!(
                "Impact: level {l}, evaluated with the coachee {}",
                st.days.day(d)
            ),
            st.good(),
        ),
        (l, _) => Line::styled(
            format!("Impact: level {l}; the coachee's view is not written"),
            st.warn(),
        ),
    };
    out.push(impact);
    if !s.criteria.is_empty() {
        out.push(field("Criteria", s.criteria.join(", ")));
    }
    out
}

pub fn draw(app: &App, frame: &mut Canvas, area: Rect, st: &Styles) {
    frame.render_widget(Clear, area);
    let log = &app.model.records.coaching;
    let due = &app.screens.coaching.due;
    let people = coaching::coachees(log);
    let title = format!(
        " Coaching log · {}, {} ",
        crate::domain::words::count(log.len(), "session", "sessions"),
        crate::domain::words::count(people.len(), "coachee", "coachees"),
    );
    if log.is_empty() {
        let block = panel(title, st);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let key = |k: &'static str| Span::styled(k, st.key());
        let lines = vec![
            Line::raw("No coaching sessions yet."),
            Line::raw(""),
            Line::raw(
                "A team leader's log of the coaching they give: the feedback, what the coachee said, the actions agreed and the follow-up.",
            ),
            Line::raw(""),
            Line::from(vec![
                key("n"),
                Span::raw(" records a session; "),
                key("i"),
                Span::raw(" later adds its impact, evaluated with the coachee."),
            ]),
            Line::from(vec![key("Esc"), Span::raw(" goes back.")]),
        ];
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
        return;
    }
    let selected = app.screens.coaching.selected.min(log.len() - 1);
    let (list_area, detail_area) = list_over_details(area, log.len() + 3, 4);
    let block = panel(title, st);
    let inner = block.inner(list_area);
    frame.render_widget(block, list_area);
    let width = inner.width as usize;
    let due_style = if due.iter().any(|d| matches!(d, Due::FollowUp { .. })) {
        st.error()
    } else if due.is_empty() {
        st.good()
    } else {
        st.warn()
    };
    let mut lines: Vec<Line> = vec![Line::styled(truncate(&due_line(due), width), due_style)];
    let first_row = lines.len();
    for (i, s) in log.iter().enumerate() {
        let mark = match due_mark(s, due) {
            Some((m, late)) => Some((m.to_string(), if late { st.error() } else { st.warn() })),
            None => match s.impact_level() {
                0 => None,
                l => Some((format!("L{l}"), st.good())),
            },
        };
        let text = format!("{}  {}", st.days.day(s.date), s.headline());
        let mark_width = mark.as_ref().map_or(0, |(m, _)| m.chars().count() + 2);
        let text = truncate(&text, width.saturating_sub(mark_width + 1).max(1));
        let base = if i == selected {
            st.selected()
        } else {
            Style::default()
        };
        let pad = width.saturating_sub(text.chars().count() + mark_width);
        let mut spans = vec![Span::styled(format!("{text}{}", " ".repeat(pad)), base)];
        if let Some((m, style)) = mark {
            spans.push(Span::styled(format!("  {m}"), base.patch(style)));
        }
        lines.push(Line::from(spans));
    }
    let height = inner.height as usize;
    let start = window_start(first_row + selected, lines.len(), height);
    let visible: Vec<Line> = lines.into_iter().skip(start).take(height).collect();
    frame.render_widget(Paragraph::new(visible), inner);
    // The session in full, scrolled with PgDn/PgUp (or the wheel) when it
    // is longer than its pane; the title says so.
    let inner = panel("", st).inner(detail_area);
    let text = wrap_lines(&details(app, &log[selected], st), inner.width);
    let rows = u16::try_from(text.len()).unwrap_or(u16::MAX);
    let bottom = rows.saturating_sub(inner.height);
    let scroll = app.screens.coaching.scroll.min(bottom);
    let title = match (bottom, scroll) {
        (0, _) => " Session ".to_string(),
        (b, s) if s >= b => " Session · end, PgUp back ".to_string(),
        (b, s) => format!(" Session · {} more, PgDn ", b - s),
    };
    let block = panel(title, st);
    frame.render_widget(block, detail_area);
    frame.render_widget(Paragraph::new(text).scroll((scroll, 0)), inner);
    frame.hits.pane = Some((bottom, inner.height));
    frame.hits.previews.push(detail_area);
}
