//! The Reviews screen: dated reviews newest first, what each changed and why,
//! and when the next is due (overdue in a warning colour).

use super::Styles;
use super::widgets::{draw_list, empty_state, list_and_preview, panel, section, text_panel};
use crate::app::{App, Screen};
use crate::domain::{Records, Review};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(app: &App, frame: &mut Frame, area: Rect, st: &Styles) {
    let reviews = &app.records.reviews;
    if reviews.is_empty() {
        let lines = vec![
            Line::from("Dated reviews of your plan with your manager, mentor or assessor: what"),
            Line::from("changed and why. Assessors look for a regular review cycle."),
            Line::from(""),
            Line::from("Holding reviews here comes in a coming release; for an example, run"),
            Line::from(vec![Span::styled("starlog demo", st.key()), Span::raw(".")]),
        ];
        empty_state(frame, area, "Reviews", lines, st);
        return;
    }
    let [banner, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    let last = reviews.last();
    let next = last.and_then(|r| r.next_review);
    let line = match next {
        Some(d) if d < app.today => Line::styled(
            format!(
                " Next review was due {} — overdue by {} days",
                d.format("%d %b %Y"),
                (app.today - d).num_days()
            ),
            st.error(),
        ),
        Some(d) => Line::styled(
            format!(
                " Next review due {} (in {} days)",
                d.format("%d %b %Y"),
                (d - app.today).num_days()
            ),
            st.good(),
        ),
        None => Line::styled(" No next review date set", st.warn()),
    };
    frame.render_widget(Paragraph::new(line), banner);
    let selected = app.selected(Screen::Reviews);
    // Newest first on screen.
    let at = |i: usize| reviews.get(reviews.len().wrapping_sub(1).wrapping_sub(i));
    if let Some(scroll) = app.reader {
        if let Some(r) = at(selected) {
            text_panel(
                frame,
                rest,
                panel(" Review ", st),
                review_lines(r, &app.records, st),
                scroll,
            );
        }
        return;
    }
    let (list_area, preview) = list_and_preview(rest);
    draw_list(
        frame,
        list_area,
        panel(format!(" Reviews ({}) ", reviews.len()), st),
        reviews.len(),
        selected,
        st,
        |i| {
            let Some(r) = at(i) else { return Line::raw("") };
            let changes = r.changes.iter().filter(|c| c.outcome.is_change()).count();
            Line::from(vec![
                Span::styled("◆ ", st.key()),
                Span::raw(r.date().format("%d %b %Y ").to_string()),
                Span::styled(format!("{changes} change(s) "), st.dim()),
                Span::raw(r.summary.lines().next().unwrap_or("").to_string()),
            ])
        },
    );
    if let Some(r) = at(selected) {
        text_panel(
            frame,
            preview,
            panel(" Details ", st),
            review_lines(r, &app.records, st),
            0,
        );
    }
}

fn review_lines<'a>(r: &'a Review, records: &'a Records, st: &Styles) -> Vec<Line<'a>> {
    let who: Vec<String> = r
        .participants
        .iter()
        .map(|p| {
            if p.role.is_empty() {
                p.name.clone()
            } else {
                format!("{} ({})", p.name, p.role)
            }
        })
        .collect();
    let mut out = vec![
        Line::styled(
            format!("Held {}", r.held.format("%A %d %B %Y, %H:%M")),
            st.title(),
        ),
        Line::raw(format!(
            "With: {}",
            if who.is_empty() {
                "—".into()
            } else {
                who.join(", ")
            }
        )),
        Line::raw(""),
    ];
    section(&mut out, "Summary", &r.summary, st);
    if !r.changes.is_empty() {
        out.push(Line::styled("Decisions", st.title()));
        for c in &r.changes {
            let name = r
                .plan
                .iter()
                .find(|o| o.id == c.objective)
                .or_else(|| records.objective(&c.objective))
                .map(|o| o.statement.clone())
                .unwrap_or_else(|| c.objective.to_string());
            out.push(Line::from(vec![
                Span::styled(format!("{:<8} ", c.outcome.label()), st.key()),
                Span::raw(name),
            ]));
            if !c.reason.is_empty() {
                out.push(Line::styled(
                    format!("         because {}", c.reason),
                    st.dim(),
                ));
            }
        }
        out.push(Line::raw(""));
    }
    if let Some(d) = r.next_review {
        out.push(Line::raw(format!("Next review: {}", d.format("%d %b %Y"))));
    }
    out
}
