//! The Plan screen: SMART objectives (status, due date, progress; overdue in
//! a warning colour) and the development needs behind them.

use super::Styles;
use super::widgets::{draw_list, empty_state, list_and_preview, panel, section, text_panel};
use crate::app::{App, Screen};
use crate::domain::{DevelopmentNeed, NeedKind, Objective, Records};
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

pub fn draw(app: &App, frame: &mut Frame, area: Rect, st: &Styles) {
    let records = &app.records;
    if records.objectives.is_empty() && records.needs.is_empty() {
        let lines = vec![
            Line::from("Your personal development plan: the needs you found by self-assessment"),
            Line::from("and the SMART objectives that answer them, with their activities."),
            Line::from(""),
            Line::from("Writing needs and objectives here comes in the next release; to see an"),
            Line::from(vec![
                Span::raw("example plan, run "),
                Span::styled("starlog demo", st.key()),
                Span::raw(" and open it with "),
                Span::styled("starlog --workspace demo", st.key()),
                Span::raw("."),
            ]),
        ];
        empty_state(frame, area, "Plan", lines, st);
        return;
    }
    let selected = app.selected(Screen::Plan);
    let n_obj = records.objectives.len();
    let lines_for = |i: usize| -> Vec<Line<'_>> {
        if i < n_obj {
            objective_lines(&records.objectives[i], records, app.today, st)
        } else {
            need_lines(&records.needs[i - n_obj], records, st)
        }
    };
    if let Some(scroll) = app.reader {
        text_panel(
            frame,
            area,
            panel(" Plan ", st),
            lines_for(selected),
            scroll,
        );
        return;
    }
    let (list_area, preview) = list_and_preview(area);
    let title = format!(" Objectives ({}) · Needs ({}) ", n_obj, records.needs.len());
    draw_list(
        frame,
        list_area,
        panel(title, st),
        n_obj + records.needs.len(),
        selected,
        st,
        |i| {
            if i < n_obj {
                let o = &records.objectives[i];
                let due = o
                    .target_date
                    .map(|d| d.format("%d %b").to_string())
                    .unwrap_or_else(|| "no date".into());
                let due_style = if o.is_overdue(app.today) {
                    st.error()
                } else if o.status.is_open()
                    && o.target_date
                        .is_some_and(|d| (d - app.today).num_days() <= 14)
                {
                    st.warn()
                } else {
                    st.dim()
                };
                let pct = o
                    .percent()
                    .map(|p| format!("{p:>3}% "))
                    .unwrap_or_else(|| "     ".into());
                Line::from(vec![
                    Span::styled("◆ ", st.key()),
                    Span::styled(format!("{due:<7} "), due_style),
                    Span::styled(pct, st.dim()),
                    Span::raw(o.statement.clone()),
                    Span::styled(format!("  [{}]", o.status.label()), st.dim()),
                ])
            } else {
                let n = &records.needs[i - n_obj];
                let (mark, style) = match n.kind {
                    NeedKind::Strength => ("+ strength ", st.good()),
                    NeedKind::Gap => ("△ to improve ", st.warn()),
                };
                Line::from(vec![Span::styled(mark, style), Span::raw(n.area.clone())])
            }
        },
    );
    text_panel(
        frame,
        preview,
        panel(" Details ", st),
        lines_for(selected),
        0,
    );
}

fn objective_lines<'a>(
    o: &'a Objective,
    records: &'a Records,
    today: NaiveDate,
    st: &Styles,
) -> Vec<Line<'a>> {
    let mut out = vec![Line::styled(o.statement.clone(), st.title()), Line::raw("")];
    let mut status = vec![Span::raw(format!("Status: {}", o.status.label()))];
    if let Some(d) = o.target_date {
        status.push(Span::raw(format!(" · target {}", d.format("%d %b %Y"))));
        if o.is_overdue(today) {
            status.push(Span::styled(" OVERDUE", st.error()));
        }
    }
    if let Some(d) = o.review_date {
        status.push(Span::raw(format!(" · review {}", d.format("%d %b %Y"))));
    }
    out.push(Line::from(status));
    out.push(Line::raw(""));
    let m = &o.measure;
    if !(m.baseline.is_empty() && m.target.is_empty()) {
        out.push(Line::styled("Measure", st.title()));
        out.push(Line::raw(format!("from {} to {}", m.baseline, m.target)));
        if !m.how.is_empty() {
            out.push(Line::raw(format!("checked by {}", m.how)));
        }
        out.push(Line::raw(""));
    }
    section(&mut out, "Support and resources", &o.support, st);
    section(&mut out, "Why it matters in my role", &o.relevance, st);
    if o.needs.is_empty() {
        out.push(Line::styled(
            "No development need linked (golden thread gap)",
            st.warn(),
        ));
    } else {
        out.push(Line::styled("Needs it serves", st.title()));
        for id in &o.needs {
            let area = records
                .needs
                .iter()
                .find(|n| &n.id == id)
                .map(|n| n.area.clone())
                .unwrap_or_else(|| format!("{id} (not found)"));
            out.push(Line::raw(format!("• {area}")));
        }
    }
    let activities: Vec<_> = records
        .activities
        .iter()
        .filter(|a| a.objectives.contains(&o.id))
        .collect();
    out.push(Line::raw(""));
    if activities.is_empty() {
        out.push(Line::styled("No development activity yet", st.warn()));
    } else {
        out.push(Line::styled("Activities", st.title()));
        for a in activities {
            out.push(Line::raw(format!(
                "• {} {} ({})",
                a.date.format("%d %b"),
                a.title,
                a.kind.label()
            )));
        }
    }
    if !o.progress.is_empty() {
        out.push(Line::raw(""));
        out.push(Line::styled("Progress notes", st.title()));
        for note in &o.progress {
            out.push(Line::raw(format!(
                "{}  {}",
                note.date.format("%d %b %Y"),
                note.text
            )));
        }
    }
    out
}

fn need_lines<'a>(n: &'a DevelopmentNeed, records: &'a Records, st: &Styles) -> Vec<Line<'a>> {
    let kind = match n.kind {
        NeedKind::Strength => "Strength",
        NeedKind::Gap => "Area to improve",
    };
    let mut out = vec![
        Line::styled(n.area.clone(), st.title()),
        Line::raw(format!("{kind} · identified {}", n.date.format("%d %b %Y"))),
        Line::raw(""),
    ];
    if !n.identified_from.is_empty() {
        let from: Vec<&str> = n.identified_from.iter().map(|s| s.label()).collect();
        out.push(Line::raw(format!("From: {}", from.join(", "))));
    }
    if !n.agreed_with.is_empty() {
        out.push(Line::raw(format!("Agreed with: {}", n.agreed_with)));
    }
    out.push(Line::raw(""));
    section(&mut out, "Evidence", &n.evidence, st);
    let serving: Vec<_> = records
        .objectives
        .iter()
        .filter(|o| o.needs.contains(&n.id))
        .collect();
    if serving.is_empty() && n.kind == NeedKind::Gap {
        out.push(Line::styled("No objective serves this need yet", st.warn()));
    } else if !serving.is_empty() {
        out.push(Line::styled("Objectives serving it", st.title()));
        for o in serving {
            out.push(Line::raw(format!("• {}", o.statement)));
        }
    }
    out
}
