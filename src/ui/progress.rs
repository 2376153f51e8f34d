//! The Progress screen: the latest KPI readings against their targets, and
//! how many pieces of evidence each assessment criterion has.

use super::Styles;
use super::widgets::{empty_state, panel};
use crate::app::App;
use crate::domain::kpi::{Better, known_metric};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::collections::BTreeMap;

pub fn draw(app: &App, frame: &mut Frame, area: Rect, st: &Styles) {
    let records = &app.records;
    if records.kpis.is_empty() && records.is_empty() {
        let lines = vec![
            Line::from("Your progress: KPI readings (CSAT, FCR, NPS, AHT...) over time and how"),
            Line::from("much evidence each assessment criterion has."),
            Line::from(""),
            Line::from("Link diary entries to criteria in the STAR form (Criteria field) and they"),
            Line::from("count here. Recording KPI readings comes in a coming release."),
        ];
        empty_state(frame, area, "Progress", lines, st);
        return;
    }
    let [kpi_area, criteria_area] =
        Layout::vertical([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(area);
    // KPI: first and latest reading per metric (readings are sorted by metric, date).
    let mut by_metric: BTreeMap<&str, (f64, f64, Option<f64>, usize)> = BTreeMap::new();
    for k in &records.kpis {
        let e = by_metric
            .entry(k.metric.as_str())
            .or_insert((k.value, k.value, k.target, 0));
        e.1 = k.value;
        e.2 = k.target.or(e.2);
        e.3 += 1;
    }
    let mut lines = Vec::new();
    if by_metric.is_empty() {
        lines.push(Line::styled("No KPI readings yet.", st.dim()));
    }
    for (metric, (first, latest, target, n)) in by_metric {
        let better = known_metric(metric).map(|m| m.2).unwrap_or(Better::Higher);
        let improved = match better {
            Better::Higher => latest > first,
            Better::Lower => latest < first,
        };
        let met = target.map(|t| match better {
            Better::Higher => latest >= t,
            Better::Lower => latest <= t,
        });
        let mut spans = vec![
            Span::styled(format!("{metric:<8}"), st.title()),
            Span::raw(format!("{latest:>7.1}")),
            Span::styled(format!("  from {first:.1} over {n} readings"), st.dim()),
        ];
        if improved {
            spans.push(Span::styled("  ▲ improved", st.good()));
        }
        if let Some(t) = target {
            spans.push(Span::raw(format!("  target {t:.1}")));
            if met == Some(true) {
                spans.push(Span::styled(" ✓", st.good()));
            }
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(
        Paragraph::new(lines).block(panel(" KPIs: latest ", st)),
        kpi_area,
    );

    let mut lines = Vec::new();
    match &app.criteria {
        None => lines.push(Line::styled(
            "No criteria set chosen: press p to pick one.",
            st.warn(),
        )),
        Some(set) => {
            for c in set.assessable() {
                let count = evidence_count(app, &c.id);
                let mark = if count == 0 {
                    Span::styled("  no evidence yet", st.warn())
                } else {
                    Span::styled(format!("  {count} piece(s) of evidence"), st.good())
                };
                lines.push(Line::from(vec![
                    Span::styled(format!("{:<4}", c.id), st.key()),
                    Span::raw(c.title.clone()),
                    mark,
                ]));
            }
        }
    }
    let title = if app.complete {
        " Criteria coverage "
    } else {
        " Criteria coverage (loading…) "
    };
    frame.render_widget(Paragraph::new(lines).block(panel(title, st)), criteria_area);
}

/// Records that name criterion `id` as evidence.
pub fn evidence_count(app: &App, id: &str) -> usize {
    let r = &app.records;
    let has = |c: &Vec<String>| c.iter().any(|x| x == id);
    r.diary.iter().filter(|e| has(&e.criteria)).count()
        + r.needs.iter().filter(|e| has(&e.criteria)).count()
        + r.objectives.iter().filter(|e| has(&e.criteria)).count()
        + r.activities.iter().filter(|e| has(&e.criteria)).count()
        + r.feedback.iter().filter(|e| has(&e.criteria)).count()
}
