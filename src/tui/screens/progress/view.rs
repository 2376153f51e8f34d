//! The Progress screen: three views switched with ←/→. KPIs: each metric
//! charted over time with its target, the development activities (▲) and
//! reviews (│) on the time axis, and before/after figures around an
//! objective's activities. Criteria: the coverage matrix (Enter lists the
//! evidence). Readiness: the portfolio checklist with what would satisfy
//! each rule. Figures come from `App::derived`, worked out in update once
//! per change of the records (never here).

use crate::domain::Records;
use crate::domain::coverage::{CoverageState, CriterionCoverage, EvidenceType};
use crate::domain::kpi::{Scale, fmt_number};
use crate::domain::readiness::{self, Verdict};
use crate::domain::refs::RecordRef;
use crate::domain::words::count;
use crate::tui::App;
use crate::tui::screens::progress::{MetricSeries, ProgressData, ProgressView};
use crate::tui::theme::Styles;
use crate::tui::widgets::Canvas;
use crate::tui::widgets::{draw_list, panel, picked_panel, text_panel};
use chrono::{Datelike, NaiveDate};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Paragraph, Wrap};

pub fn draw(app: &App, frame: &mut Canvas, area: Rect, st: &Styles) {
    if area.height < 3 {
        return;
    }
    let data = &app.derived.progress;
    let [tabs, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    draw_view_tabs(app, data, frame, tabs, st);
    let selected = app.selected(crate::tui::Screen::Progress);
    let pick = app.layers.reader_pick;
    match (app.screens.progress.view, app.layers.reader) {
        (ProgressView::Kpis, None) => draw_kpis(app, data, selected, frame, body, st),
        (ProgressView::Kpis, Some(scroll)) => {
            if let Some(s) = data.series.get(selected) {
                readings_reader(s, scroll, pick, frame, body, st);
            }
        }
        (ProgressView::Criteria, None) => draw_criteria(app, data, selected, frame, body, st),
        (ProgressView::Criteria, Some(scroll)) => {
            if let Some(c) = data
                .coverage
                .as_ref()
                .and_then(|c| c.criteria.get(selected))
            {
                evidence_reader(app, c, scroll, pick, frame, body, st);
            }
        }
        (ProgressView::Readiness, None) => draw_readiness(data, selected, frame, body, st),
        (ProgressView::Readiness, Some(scroll)) => {
            if let Some(v) = data.verdicts.get(selected) {
                let lines = verdict_lines(v, usize::MAX, st);
                // The records close the text, one line each.
                let links: Vec<usize> =
                    (lines.len() - v.records.len().min(lines.len())..lines.len()).collect();
                let title = if !links.is_empty() {
                    format!(
                        " {}. {} (Enter opens the picked record, Esc back) ",
                        v.rule.number, v.rule.title
                    )
                } else {
                    format!(" {}. {} (Esc back) ", v.rule.number, v.rule.title)
                };
                let block = panel(title, st);
                picked_panel(frame, body, block, lines, scroll, &links, pick, st);
            }
        }
    }
}

fn draw_view_tabs(app: &App, data: &ProgressData, frame: &mut Canvas, area: Rect, st: &Styles) {
    let mut spans = Vec::new();
    for v in ProgressView::ALL {
        let style = if v == app.screens.progress.view {
            st.selected()
        } else {
            st.dim()
        };
        spans.push(Span::styled(format!(" {} ", v.title()), style));
        spans.push(Span::raw(" "));
    }
    let passed = readiness::passed(&data.verdicts);
    let style = if passed == data.verdicts.len() {
        st.good()
    } else {
        st.warn()
    };
    spans.push(Span::styled(
        format!(" {passed}/{} readiness checks pass", data.verdicts.len()),
        style,
    ));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn unit_suffix(scale: &Scale) -> String {
    match scale.unit.as_str() {
        "%" => "%".into(),
        "s" => " s".into(),
        "" => String::new(),
        u if u.contains('-') => String::new(),
        u => format!(" {u}"),
    }
}

fn value(scale: &Scale, v: f64) -> String {
    format!(
        "{}{}",
        fmt_number((v * 10.0).round() / 10.0),
        unit_suffix(scale)
    )
}

fn draw_kpis(
    app: &App,
    data: &ProgressData,
    selected: usize,
    frame: &mut Canvas,
    area: Rect,
    st: &Styles,
) {
    if data.series.is_empty() {
        let lines = vec![
            Line::from("KPI readings show here as charts over time, with your target and the"),
            Line::from(
                "development activities and reviews marked, so you can see before and after.",
            ),
            Line::from(""),
            Line::from(vec![
                Span::styled("n", st.key()),
                Span::raw(" records a reading (FCR, CSAT, NPS, AHT, CES or your own metric);"),
            ]),
            Line::from(vec![
                Span::raw("from the shell: "),
                Span::styled("starlog kpi add csat 86 --date 2026-11-20", st.key()),
            ]),
        ];
        text_panel(frame, area, panel(" KPIs ", st), lines, 0);
        return;
    }
    let (list_area, right) = if area.width >= 60 {
        // Room for "CSAT  87% ↑ better ✓" in the list.
        let w = if area.width >= 80 { 30 } else { 24 };
        let [l, r] = Layout::horizontal([Constraint::Length(w), Constraint::Min(20)]).areas(area);
        (l, r)
    } else {
        let n = (data.series.len() as u16 + 2).min(area.height / 3).max(3);
        let [l, r] = Layout::vertical([Constraint::Length(n), Constraint::Min(3)]).areas(area);
        (l, r)
    };
    draw_list(
        frame,
        list_area,
        panel(" Metrics ", st),
        data.series.len(),
        selected,
        st,
        |i| metric_row(&data.series[i], st),
    );
    let Some(series) = data.series.get(selected) else {
        return;
    };
    let info = kpi_info(app, series, right.width.saturating_sub(4) as usize, st);
    let info_rows = (info.len() as u16 + 2).min(right.height / 2);
    let [chart_area, info_area] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(info_rows)]).areas(right);
    draw_chart(&app.model.records, series, frame, chart_area, st);
    frame.render_widget(
        Paragraph::new(info)
            .wrap(Wrap { trim: false })
            .block(panel(" Before and after ", st)),
        info_area,
    );
}

fn metric_row<'a>(s: &MetricSeries, st: &Styles) -> Line<'a> {
    let Some(latest) = s.latest() else {
        return Line::raw(s.metric.clone());
    };
    let first = s.readings.first().map(|k| k.value).unwrap_or(latest.value);
    // The arrow is the way the figure moved; the word says whether that is
    // good for this metric (AHT going down is better).
    let arrow = if latest.value > first { "↑" } else { "↓" };
    let trend = if s.scale.better.improved(first, latest.value) {
        Span::styled(format!(" {arrow} better"), st.good())
    } else if s.scale.better.improved(latest.value, first) {
        Span::styled(format!(" {arrow} worse "), st.warn())
    } else {
        Span::raw("         ")
    };
    let met = s
        .target()
        .map(|t| s.scale.better.meets(latest.value, t))
        .unwrap_or(false);
    Line::from(vec![
        Span::styled(
            format!("{:<8}", crate::tui::truncate(&s.metric, 8)),
            st.title(),
        ),
        Span::raw(format!("{:>8}", value(&s.scale, latest.value))),
        trend,
        Span::styled(if met { " ✓" } else { "" }, st.good()),
    ])
}

/// Days since the common era, for the chart's time axis.
fn x(d: NaiveDate) -> f64 {
    f64::from(d.num_days_from_ce())
}

/// Below this inside a chart's box, the axes leave no room for the line.
const CHART_MIN_ROWS: u16 = 4;
const CHART_MIN_COLUMNS: u16 = 20;

fn draw_chart(records: &Records, s: &MetricSeries, frame: &mut Canvas, area: Rect, st: &Styles) {
    let chart = crate::export::build::chart_for(records, &s.metric);
    let points: Vec<(f64, f64)> = chart.points.iter().map(|p| (x(p.date), p.value)).collect();
    let (Some(first), Some(last)) = (chart.points.first(), chart.points.last()) else {
        return;
    };
    let x0 = chart
        .activities
        .iter()
        .map(|m| m.date)
        .chain([first.date])
        .min()
        .unwrap_or(first.date);
    let x1 = chart
        .activities
        .iter()
        .map(|m| m.date)
        .chain([last.date])
        .max()
        .unwrap_or(last.date);
    let (x0f, x1f) = (x(x0), x(x1).max(x(x0) + 1.0));
    let mut lo = points.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let mut hi = points.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
    if let Some(t) = chart.target {
        lo = lo.min(t);
        hi = hi.max(t);
    }
    let pad = ((hi - lo) * 0.1).max(0.5);
    let (lo, hi) = (lo - pad, hi + pad);
    let target_line: Vec<(f64, f64)> = chart
        .target
        .map(|t| vec![(x0f, t), (x1f, t)])
        .unwrap_or_default();
    let activity_marks: Vec<(f64, f64)> = chart
        .activities
        .iter()
        .map(|m| (x(m.date), lo + (hi - lo) * 0.02))
        .collect();
    let review_lines: Vec<Vec<(f64, f64)>> = chart
        .reviews
        .iter()
        .filter(|m| m.date >= x0 && m.date <= x1)
        .map(|m| vec![(x(m.date), lo), (x(m.date), hi)])
        .collect();
    let mut datasets = Vec::new();
    for r in &review_lines {
        datasets.push(
            Dataset::default()
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(st.dim())
                .data(r),
        );
    }
    if !target_line.is_empty() {
        datasets.push(
            Dataset::default()
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(st.warn())
                .data(&target_line),
        );
    }
    datasets.push(
        Dataset::default()
            .marker(Marker::Dot)
            .graph_type(GraphType::Scatter)
            .style(st.key())
            .data(&activity_marks),
    );
    datasets.push(
        Dataset::default()
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(st.good())
            .data(&points),
    );
    let fmt_day = |d: NaiveDate| d.format("%b %Y").to_string();
    let y_labels = vec![
        Line::raw(fmt_number((lo * 10.0).round() / 10.0)),
        Line::raw(fmt_number((((lo + hi) / 2.0) * 10.0).round() / 10.0)),
        Line::raw(fmt_number((hi * 10.0).round() / 10.0)),
    ];
    let title = format!(
        " {} ({}) · {} ",
        s.metric,
        s.scale.better.label(),
        count(s.readings.len(), "reading", "readings")
    );
    let block = panel(title, st);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // Too small for axes and a line: say so rather than leave an empty box.
    if inner.height < CHART_MIN_ROWS || inner.width < CHART_MIN_COLUMNS {
        const LONG: &str =
            "No room for the chart: make the window larger, or Enter lists the readings";
        // One row is all there may be: then the short form, never half a sentence.
        let room = usize::from(inner.width) * usize::from(inner.height);
        let note = if room >= LONG.len() + usize::from(inner.width) {
            LONG
        } else {
            "No room for the chart here"
        };
        if inner.height > 0 {
            frame.render_widget(
                Paragraph::new(Line::styled(note, st.dim())).wrap(Wrap { trim: true }),
                inner,
            );
        }
        return;
    }
    let [plot, legend] = Layout::vertical([Constraint::Min(2), Constraint::Length(1)]).areas(inner);
    let widget = Chart::new(datasets)
        .x_axis(
            Axis::default()
                .bounds([x0f, x1f])
                .labels(vec![Line::raw(fmt_day(x0)), Line::raw(fmt_day(x1))])
                .style(st.dim()),
        )
        .y_axis(
            Axis::default()
                .bounds([lo, hi])
                .labels(y_labels)
                .style(st.dim()),
        )
        .legend_position(None);
    frame.render_widget(widget, plot);
    let mut legend_spans = vec![
        Span::styled("━ ", st.good()),
        Span::raw(format!("{}  ", s.metric)),
    ];
    if let Some(t) = chart.target {
        legend_spans.push(Span::styled("━ ", st.warn()));
        legend_spans.push(Span::raw(format!("target {}  ", value(&s.scale, t))));
    }
    if !chart.activities.is_empty() {
        legend_spans.push(Span::styled("• ", st.key()));
        legend_spans.push(Span::raw(format!(
            "{}  ",
            count(chart.activities.len(), "activity", "activities")
        )));
    }
    if !review_lines.is_empty() {
        legend_spans.push(Span::styled("│ ", st.dim()));
        legend_spans.push(Span::raw("reviews"));
    }
    frame.render_widget(Paragraph::new(Line::from(legend_spans)), legend);
}

fn kpi_info<'a>(app: &App, s: &MetricSeries, width: usize, st: &Styles) -> Vec<Line<'a>> {
    let mut lines = Vec::new();
    let r = &app.model.records;
    for o in &r.objectives {
        let Some(ba) = readiness::before_after(o, r).filter(|b| b.metric == s.metric) else {
            continue;
        };
        let improved = s.scale.better.improved(ba.before.value, ba.after.value);
        let change = ba.after.value - ba.before.value;
        lines.push(Line::styled(
            format!(
                "“{}”",
                crate::tui::truncate(&o.statement, width.saturating_sub(2))
            ),
            st.title(),
        ));
        lines.push(Line::from(vec![
            Span::raw(format!(
                "{} on {} → {} on {} ",
                value(&s.scale, ba.before.value),
                st.days.day(ba.before.date),
                value(&s.scale, ba.after.value),
                st.days.day(ba.after.date)
            )),
            Span::styled(
                format!(
                    "{}{}",
                    if change >= 0.0 { "+" } else { "" },
                    fmt_number((change * 10.0).round() / 10.0)
                ),
                if improved { st.good() } else { st.warn() },
            ),
            Span::styled(
                format!(" (activities from {})", st.days.day(ba.from)),
                st.dim(),
            ),
        ]));
    }
    if lines.is_empty() {
        lines.push(Line::styled(
            "No objective measured by this KPI has activities with readings before and after them. Set the objective's KPI in its measure and link its activities.",
            st.dim(),
        ));
    }
    lines
}

fn readings_reader(
    s: &MetricSeries,
    scroll: u16,
    pick: usize,
    frame: &mut Canvas,
    area: Rect,
    st: &Styles,
) {
    let mut lines = vec![Line::styled(
        format!(
            "{}, {} (n adds one)",
            count(s.readings.len(), "reading", "readings"),
            s.scale.better.label()
        ),
        st.dim(),
    )];
    let mut links = Vec::with_capacity(s.readings.len());
    for k in s.readings.iter().rev() {
        links.push(lines.len());
        let target = k
            .target
            .map(|t| format!("  target {}", value(&s.scale, t)))
            .unwrap_or_default();
        lines.push(Line::from(vec![
            Span::styled(format!("{}  ", st.days.column(k.date)), st.key()),
            Span::raw(format!("{:>9}", value(&s.scale, k.value))),
            Span::styled(target, st.dim()),
        ]));
        if !k.note.trim().is_empty() {
            let indent = " ".repeat(st.days.width() + 2);
            lines.push(Line::raw(format!("{indent}{}", k.note.trim())));
        }
    }
    let title = format!(
        " {} readings (↑/↓ pick, e corrects, d deletes, Esc back) ",
        s.metric
    );
    picked_panel(
        frame,
        area,
        panel(title, st),
        lines,
        scroll,
        &links,
        pick,
        st,
    );
}

fn state_span<'a>(c: &CriterionCoverage, st: &Styles) -> Span<'a> {
    match c.state() {
        CoverageState::None => Span::styled("none     ", st.error()),
        CoverageState::Claimed => Span::styled("claimed  ", st.warn()),
        CoverageState::Evidenced => Span::styled("evidenced", st.good()),
    }
}

fn draw_criteria(
    app: &App,
    data: &ProgressData,
    selected: usize,
    frame: &mut Canvas,
    area: Rect,
    st: &Styles,
) {
    let Some(cov) = &data.coverage else {
        let lines = vec![
            Line::from("No criteria set chosen, so there is nothing to map evidence to."),
            Line::from(vec![
                Span::styled("p", st.key()),
                Span::raw(" edits your profile: choose the unit you are assessed on."),
            ]),
        ];
        text_panel(frame, area, panel(" Criteria coverage ", st), lines, 0);
        return;
    };
    let count = |state| cov.in_state(state).count();
    let mut warnings = vec![Line::from(vec![
        Span::styled(
            format!("{} evidenced", count(CoverageState::Evidenced)),
            st.good(),
        ),
        Span::raw(" · "),
        Span::styled(
            format!("{} only claimed", count(CoverageState::Claimed)),
            st.warn(),
        ),
        Span::raw(" · "),
        Span::styled(
            format!("{} with no evidence", count(CoverageState::None)),
            st.error(),
        ),
        Span::raw(format!(" of {} criteria", cov.criteria.len())),
    ])];
    warnings.extend(coverage_warnings(cov, st));
    let warn_rows = (warnings.len() as u16 + 2).min((area.height / 3).max(3));
    let [matrix, warn_area] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(warn_rows)]).areas(area);
    // A coaching log's column only for a coach: a learner's matrix keeps
    // its width for the criteria's titles.
    let coach = !app.model.records.coaching.is_empty();
    let shown: Vec<EvidenceType> = EvidenceType::ALL
        .into_iter()
        .filter(|t| coach || *t != EvidenceType::CoachingLog)
        .collect();
    // id, count, the type letters, state, borders.
    let title_width = (matrix.width as usize).saturating_sub(5 + 1 + 7 + 2 * shown.len() + 10 + 2);
    let loading = if app.model.complete {
        ""
    } else {
        " (loading…)"
    };
    let legend = if coach {
        "R reflection F feedback P plan V review A activity D file W witness S sign-off C coaching"
    } else {
        "R reflection F feedback P plan V review A activity D file W witness S sign-off"
    };
    let mut title = format!(" Criteria coverage{loading} · {legend} ");
    if title.chars().count() + 2 > matrix.width as usize {
        // The legend matters more than the panel's name on a narrow terminal.
        title = format!(" {} ", legend.replace("reflection", "reflect"));
    }
    draw_list(
        frame,
        matrix,
        panel(title, st),
        cov.criteria.len(),
        selected,
        st,
        |i| {
            let c = &cov.criteria[i];
            let types = c.types();
            let mut spans = vec![
                Span::styled(format!("{:<5}", c.id), st.key()),
                Span::raw(format!(
                    "{:<w$} ",
                    crate::tui::truncate(&c.title, title_width),
                    w = title_width
                )),
                Span::raw(format!("{:>5}  ", c.count())),
            ];
            for &t in &shown {
                if types.contains(&t) {
                    spans.push(Span::styled(format!("{} ", t.letter()), st.title()));
                } else {
                    spans.push(Span::styled("· ", st.dim()));
                }
            }
            spans.push(Span::raw(" "));
            spans.push(state_span(c, st));
            Line::from(spans)
        },
    );
    frame.render_widget(
        Paragraph::new(warnings)
            .wrap(Wrap { trim: false })
            .block(panel(" Summary and mapping warnings ", st)),
        warn_area,
    );
}

fn coverage_warnings<'a>(cov: &crate::domain::coverage::Coverage, st: &Styles) -> Vec<Line<'a>> {
    let mut lines = Vec::new();
    for o in &cov.over_mapped {
        lines.push(Line::from(vec![
            Span::styled("over-mapped ", st.warn()),
            Span::raw(format!(
                "{} claims {} criteria ({}): say which part shows which",
                describe(&o.record, st),
                o.criteria.len(),
                o.criteria.join(", ")
            )),
        ]));
    }
    for s in &cov.stray {
        lines.push(Line::from(vec![
            Span::styled("unknown ", st.warn()),
            Span::raw(format!("{}: {}", describe(&s.record, st), s.reason)),
        ]));
    }
    lines
}

fn evidence_reader(
    app: &App,
    c: &CriterionCoverage,
    scroll: u16,
    pick: usize,
    frame: &mut Canvas,
    area: Rect,
    st: &Styles,
) {
    let mut lines = Vec::new();
    if let Some(desc) = app
        .criteria
        .as_ref()
        .and_then(|set| set.get(&c.id))
        .map(|x| x.description.clone())
        .filter(|d| !d.trim().is_empty())
    {
        lines.push(Line::raw(desc));
        lines.push(Line::raw(""));
    }
    lines.push(Line::from(vec![
        Span::raw(format!(
            "{}: ",
            count(c.count(), "piece of evidence", "pieces of evidence")
        )),
        state_span(c, st),
    ]));
    if c.evidence.is_empty() {
        lines.push(Line::styled(
            "Nothing is mapped here yet: tick this criterion in the Criteria field of a diary entry, feedback item, activity or objective.",
            st.dim(),
        ));
    }
    let width = (area.width as usize).saturating_sub(2 + 19);
    let mut links = Vec::with_capacity(c.evidence.len());
    for e in &c.evidence {
        links.push(lines.len());
        lines.push(Line::from(vec![
            Span::styled(format!("{:<19}", e.kind.label()), st.title()),
            Span::raw(crate::tui::truncate(&record_line(&e.record, st), width)),
        ]));
        if !e.substantive {
            lines.push(Line::styled(
                format!("                   {}", e.why_weak),
                st.warn(),
            ));
        }
    }
    let hint = if !links.is_empty() {
        "Enter opens, Esc back"
    } else {
        "Esc back"
    };
    let title = format!(" {} {} ({hint}) ", c.id, crate::tui::truncate(&c.title, 40));
    picked_panel(
        frame,
        area,
        panel(title, st),
        lines,
        scroll,
        &links,
        pick,
        st,
    );
}

fn record_line(r: &RecordRef, st: &Styles) -> String {
    match r.date {
        Some(d) => format!("{}  {}", st.days.column(d), r.title),
        None => r.title.to_string(),
    }
}

/// "diary entry 20 Nov 2026 “Angry caller…”", the day as the learner
/// chose (`RecordRef::describe`, for reports, writes ISO days).
fn describe(r: &RecordRef, st: &Styles) -> String {
    match r.date {
        Some(d) => format!("{} {} “{}”", r.kind.label(), st.days.day(d), r.title),
        None => r.describe(),
    }
}

fn draw_readiness(
    data: &ProgressData,
    selected: usize,
    frame: &mut Canvas,
    area: Rect,
    st: &Styles,
) {
    let (list_area, detail) = if area.width >= 110 {
        let [l, d] = Layout::horizontal([Constraint::Length(70), Constraint::Min(30)]).areas(area);
        (l, d)
    } else {
        let rows = (data.verdicts.len() as u16 + 2).min(area.height.saturating_sub(6).max(3));
        let [l, d] = Layout::vertical([Constraint::Length(rows), Constraint::Min(3)]).areas(area);
        (l, d)
    };
    draw_list(
        frame,
        list_area,
        panel(" Portfolio readiness ", st),
        data.verdicts.len(),
        selected,
        st,
        |i| {
            let v = &data.verdicts[i];
            let (mark, style) = if v.passed {
                ("✓", st.good())
            } else {
                ("✗", st.error())
            };
            Line::from(vec![
                Span::styled(format!("{mark} "), style),
                Span::raw(format!("{:>2}. {}", v.rule.number, v.rule.title)),
            ])
        },
    );
    if let Some(v) = data.verdicts.get(selected) {
        let lines = verdict_lines(v, 6, st);
        text_panel(frame, detail, panel(" What was found ", st), lines, 0);
    }
}

fn verdict_lines<'a>(v: &Verdict, max_records: usize, st: &Styles) -> Vec<Line<'a>> {
    let mut lines = vec![
        Line::from(vec![
            if v.passed {
                Span::styled("pass  ", st.good())
            } else {
                Span::styled("not yet  ", st.error())
            },
            Span::styled(format!("[{}]", v.rule.id), st.dim()),
        ]),
        Line::raw(v.message.clone()),
        Line::raw(""),
    ];
    if !v.passed {
        lines.push(Line::styled("To satisfy it:", st.title()));
        lines.push(Line::raw(format!("{}.", v.satisfy)));
        lines.push(Line::raw(""));
    }
    if !v.records.is_empty() {
        let label = if v.passed {
            "Behind it:"
        } else {
            "To look at:"
        };
        lines.push(Line::styled(label, st.title()));
        for r in v.records.iter().take(max_records) {
            lines.push(Line::raw(format!("- {}", describe(r, st))));
        }
        if v.records.len() > max_records {
            lines.push(Line::styled(
                format!(
                    "  and {} more (Enter lists them all)",
                    v.records.len() - max_records
                ),
                st.dim(),
            ));
        }
    }
    lines
}
