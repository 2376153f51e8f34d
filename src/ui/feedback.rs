//! The Feedback screen: the inbox of feedback with source, method, valence
//! and triage state.

use super::Styles;
use super::widgets::{draw_list, empty_state, list_and_preview, panel, section, text_panel};
use crate::app::{App, Screen};
use crate::domain::{Feedback, FeedbackState, Valence};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

pub fn draw(app: &App, frame: &mut Frame, area: Rect, st: &Styles) {
    let items = &app.records.feedback;
    if items.is_empty() {
        let lines = vec![
            Line::from(
                "Feedback from customers, colleagues, your manager and others, and what you",
            ),
            Line::from("did with it: new → reflected → actioned → archived."),
            Line::from(""),
            Line::from("Capturing and triaging feedback here comes in the next release; for an"),
            Line::from(vec![
                Span::raw("example, run "),
                Span::styled("starlog demo", st.key()),
                Span::raw("."),
            ]),
        ];
        empty_state(frame, area, "Feedback", lines, st);
        return;
    }
    let selected = app.selected(Screen::Feedback);
    if let Some(scroll) = app.reader {
        if let Some(f) = items.get(selected) {
            text_panel(
                frame,
                area,
                panel(" Feedback ", st),
                feedback_lines(f, st),
                scroll,
            );
        }
        return;
    }
    let (list_area, preview) = list_and_preview(area);
    let new = items
        .iter()
        .filter(|f| f.state == FeedbackState::New)
        .count();
    let title = format!(" Feedback ({}, {new} new) ", items.len());
    draw_list(
        frame,
        list_area,
        panel(title, st),
        items.len(),
        selected,
        st,
        |i| {
            let f = &items[i];
            let valence = match f.valence {
                Valence::Positive => Span::styled("+ ", st.good()),
                Valence::Constructive => Span::styled("~ ", st.warn()),
                Valence::Negative => Span::styled("− ", st.error()),
            };
            let state = if f.state == FeedbackState::New {
                Span::styled("● ", st.key())
            } else {
                Span::raw("  ")
            };
            Line::from(vec![
                state,
                Span::styled(f.date.format("%d %b ").to_string(), st.dim()),
                valence,
                Span::styled(
                    format!("{:<9} ", crate::app::truncate(f.source.label(), 9)),
                    st.dim(),
                ),
                Span::raw(f.text.lines().next().unwrap_or("").to_string()),
            ])
        },
    );
    if let Some(f) = items.get(selected) {
        text_panel(
            frame,
            preview,
            panel(" Details ", st),
            feedback_lines(f, st),
            0,
        );
    }
}

fn feedback_lines<'a>(f: &'a Feedback, st: &Styles) -> Vec<Line<'a>> {
    let who = if f.who.is_empty() {
        "anonymous".to_string()
    } else if f.role.is_empty() {
        f.who.clone()
    } else {
        format!("{} ({})", f.who, f.role)
    };
    let mut out = vec![
        Line::raw(format!(
            "{} · {} by {} · {} · {}",
            f.date.format("%d %b %Y"),
            f.source.label(),
            f.method.label(),
            f.valence.label(),
            f.state.label()
        )),
        Line::raw(format!("From {who}")),
        Line::raw(""),
    ];
    section(&mut out, "What they said", &f.text, st);
    if f.reflection.trim().is_empty() && f.valence != Valence::Positive {
        out.push(Line::styled("Not reflected on yet", st.warn()));
    }
    section(&mut out, "My reflection", &f.reflection, st);
    section(&mut out, "What I did", &f.action, st);
    out
}
