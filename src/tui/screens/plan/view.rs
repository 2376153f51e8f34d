//! The Plan screen: SMART objectives (S M A R T badges, due date, progress;
//! overdue and due-soon in warning colours), the development needs behind
//! them, and the activities logged against them with hours by kind. The
//! details of the selected record follow the golden thread both ways and
//! call out its gaps.

use crate::domain::smart::SmartCheck;
use crate::domain::thread::{self, format_hours};
use crate::domain::words::count;
use crate::domain::{
    Activity, DevelopmentNeed, NeedKind, Objective, Practice, PracticeKind, Records,
};
use crate::tui::screens::plan::PlanRow;
use crate::tui::theme::Styles;
use crate::tui::widgets::Canvas;
use crate::tui::widgets::{
    centered, empty_state, list_and_preview, panel, picked_panel, section, text_panel, window_start,
};
use crate::tui::{App, Screen, truncate};
use chrono::NaiveDate;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// Days before a target date when an objective shows as due soon.
pub const DUE_SOON_DAYS: i64 = 14;

pub fn draw(app: &App, frame: &mut Canvas, area: Rect, st: &Styles) {
    let records = &app.model.records;
    if app.plan_len() == 0 {
        let lines = vec![
            Line::from("Your personal development plan: the needs you found by self-assessment,"),
            Line::from("the SMART objectives that answer them, and the activities you log."),
            Line::from(""),
            Line::from(vec![
                Span::styled("n", st.key()),
                Span::raw(" adds one. Start with a development need: an area to improve"),
            ]),
            Line::from("and how you know it. Then an objective for it: the SMART check"),
            Line::from("explains, as you type, what would make it Specific, Measurable,"),
            Line::from("Achievable, Relevant and Time-bound. Log activities against it."),
            Line::from(""),
            Line::from(vec![
                Span::raw("For an example plan, run "),
                Span::styled("starlog demo", st.key()),
                Span::raw(" and open it with "),
                Span::styled("starlog --workspace demo", st.key()),
                Span::raw("."),
            ]),
        ];
        empty_state(frame, area, "Plan", lines, st);
        draw_chooser(app, frame, area, st);
        return;
    }
    let rows = app.plan_rows();
    let selected = app.selected(Screen::Plan).min(rows.len().saturating_sub(1));
    // `links`: which lines name a linked record (the reader picks one).
    let details = |row: PlanRow, links: &mut Vec<usize>| -> Vec<Line<'_>> {
        match row {
            PlanRow::Objective(i) => {
                objective_lines(&records.objectives[i], records, app, st, links)
            }
            PlanRow::Need(i) => need_lines(&records.needs[i], records, app, st, links),
            PlanRow::Activity(i) => activity_lines(&records.activities[i], records, st, links),
            PlanRow::Practice(i) => practice_lines(&records.practice[i], records, st, links),
        }
    };
    if let Some(scroll) = app.layers.reader {
        if let Some(row) = rows.get(selected) {
            let mut links = Vec::new();
            let lines = details(*row, &mut links);
            let title = if !links.is_empty() {
                " Plan · ↑/↓ pick a linked record, Enter opens it "
            } else {
                " Plan "
            };
            let block = panel(title, st);
            picked_panel(
                frame,
                area,
                block,
                lines,
                scroll,
                &links,
                app.layers.reader_pick,
                st,
            );
        }
        return;
    }
    let (list_area, preview) = list_and_preview(area);
    draw_list(app, frame, list_area, &rows, selected, st);
    if let Some(row) = rows.get(selected) {
        let lines = details(*row, &mut Vec::new());
        text_panel(frame, preview, panel(" Details ", st), lines, 0);
    }
    draw_chooser(app, frame, area, st);
}

/// The list with a heading over each of the three parts.
fn draw_list(
    app: &App,
    frame: &mut Canvas,
    area: Rect,
    rows: &[PlanRow],
    selected: usize,
    st: &Styles,
) {
    let records = &app.model.records;
    let gaps = thread::gaps(records).len();
    let title = if gaps == 0 {
        " Plan ".to_string()
    } else {
        format!(
            " Plan · {} in the golden thread ",
            count(gaps, "gap", "gaps")
        )
    };
    let block = panel(title, st);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // Each display line: a heading over a part (Err(row)), or a row (Ok(i)).
    // Only the visible ones are drawn, so a frame does not grow with the plan.
    let mut entries: Vec<Result<usize, PlanRow>> = Vec::with_capacity(rows.len() + 3);
    let mut last_kind = None;
    for (i, row) in rows.iter().enumerate() {
        let new_kind = match row {
            PlanRow::Practice(k) => {
                let kind = Some(records.practice[*k].kind);
                std::mem::replace(&mut last_kind, kind) != kind
            }
            _ => false,
        };
        if new_kind
            || matches!(
                row,
                PlanRow::Objective(0) | PlanRow::Need(0) | PlanRow::Activity(0)
            )
        {
            entries.push(Err(*row));
        }
        entries.push(Ok(i));
    }
    let heading = |row: PlanRow| -> Line<'static> {
        match row {
            PlanRow::Objective(_) => Line::from(vec![
                Span::styled(
                    format!("Objectives ({}) ", records.objectives.len()),
                    st.title(),
                ),
                Span::styled("SMART due    done", st.dim()),
            ]),
            PlanRow::Need(_) => Line::styled(
                format!("Development needs ({})", records.needs.len()),
                st.title(),
            ),
            PlanRow::Activity(_) => {
                let mut spans = vec![Span::styled(
                    format!("Activities ({}) ", records.activities.len()),
                    st.title(),
                )];
                for (cat, hours) in thread::hours_by_category(&records.activities) {
                    spans.push(Span::styled(
                        format!("· {} {} ", cat.label(), format_hours(hours)),
                        st.dim(),
                    ));
                }
                Line::from(spans)
            }
            PlanRow::Practice(k) => {
                let kind = records.practice[k].kind;
                let n = records.practice.iter().filter(|p| p.kind == kind).count();
                Line::styled(format!("{} ({n})", kind.heading()), st.title())
            }
        }
    };
    let height = inner.height as usize;
    let sel_pos = entries.iter().position(|e| *e == Ok(selected)).unwrap_or(0);
    // Keep the heading just above the selection in view when possible.
    let mut start = window_start(sel_pos, entries.len(), height);
    if start > 0 && start == sel_pos && entries[start - 1].is_err() {
        start -= 1;
    }
    for (y, entry) in entries.into_iter().skip(start).take(height).enumerate() {
        let rect = Rect {
            x: inner.x,
            y: inner.y + y as u16,
            width: inner.width,
            height: 1,
        };
        let (index, line) = match entry {
            Err(row) => (None, heading(row)),
            Ok(i) => (
                Some(i),
                match rows[i] {
                    PlanRow::Objective(k) => {
                        let o = &records.objectives[k];
                        objective_row(o, app.derived.smart.of(o), app.today, st)
                    }
                    PlanRow::Need(k) => need_row(&records.needs[k], records, st),
                    PlanRow::Activity(k) => activity_row(&records.activities[k], st),
                    PlanRow::Practice(k) => practice_row(&records.practice[k], st),
                },
            ),
        };
        if index == Some(selected) {
            frame.render_widget(Paragraph::new("").style(st.selected()), rect);
            frame.render_widget(Paragraph::new(line.patch_style(st.selected())), rect);
        } else {
            frame.render_widget(Paragraph::new(line), rect);
        }
    }
}

fn due_span(o: &Objective, today: NaiveDate, st: &Styles) -> Span<'static> {
    let text = o
        .target_date
        .map(|d| st.days.day(d))
        .unwrap_or_else(|| "no date".into());
    let width = st.days.width().max(7);
    if o.is_overdue(today) {
        Span::styled(format!("{text:<width$}! "), st.error())
    } else if o.is_due_within(today, DUE_SOON_DAYS) {
        Span::styled(format!("{text:<width$}~ "), st.warn())
    } else {
        Span::styled(format!("{text:<width$}  "), st.dim())
    }
}

fn objective_row(
    o: &Objective,
    check: Option<&SmartCheck>,
    today: NaiveDate,
    st: &Styles,
) -> Line<'static> {
    let mut spans = vec![Span::raw(" ")];
    spans.extend(badges(check, st));
    spans.push(Span::raw(" "));
    spans.push(due_span(o, today, st));
    spans.push(Span::styled(
        o.percent()
            .map(|p| format!("{p:>3}% "))
            .unwrap_or_else(|| "   - ".into()),
        st.dim(),
    ));
    spans.push(Span::raw(o.statement.clone()));
    if o.status != crate::domain::ObjectiveStatus::InProgress {
        spans.push(Span::styled(format!("  [{}]", o.status.label()), st.dim()));
    }
    Line::from(spans)
}

fn need_row(n: &DevelopmentNeed, records: &Records, st: &Styles) -> Line<'static> {
    let (mark, style) = match n.kind {
        NeedKind::Strength => (" + strength  ", st.good()),
        NeedKind::Gap => (" △ to improve ", st.warn()),
    };
    let mut spans = vec![Span::styled(mark, style), Span::raw(n.area.clone())];
    if !thread::need_gaps(records, n).is_empty() {
        spans.push(Span::styled("  (no objective)", st.warn()));
    }
    Line::from(spans)
}

fn activity_row(a: &Activity, st: &Styles) -> Line<'static> {
    let level = a.impact.level_reached();
    Line::from(vec![
        Span::styled(format!(" {} ", st.days.column(a.date)), st.dim()),
        Span::styled(format!("{:<12} ", truncate(a.kind.label(), 12)), st.tag()),
        Span::styled(format!("{:>5} ", format_hours(a.hours)), st.dim()),
        Span::styled(
            if level == 0 {
                "L- ".to_string()
            } else {
                format!("L{level} ")
            },
            if level >= 3 { st.good() } else { st.dim() },
        ),
        Span::raw(a.title.clone()),
    ])
}

/// The "new what?" chooser that `n` opens.
fn draw_chooser(app: &App, frame: &mut Canvas, area: Rect, st: &Styles) {
    if !app.layers.chooser {
        return;
    }
    let activity_for = match app.plan_selected() {
        Some(PlanRow::Objective(i)) => format!(
            " for \"{}\"",
            truncate(&app.model.records.objectives[i].statement, 24)
        ),
        _ => String::new(),
    };
    // The chooser's rows of the key table, with the keys in force.
    let lines: Vec<Line> = app
        .keymap
        .effective(crate::tui::Context::Chooser)
        .into_iter()
        .filter(|(_, b)| b.status)
        .map(|(keys, b)| {
            let more = if b.action == crate::tui::Action::NewActivity {
                activity_for.as_str()
            } else {
                ""
            };
            Line::from(vec![
                Span::styled(
                    format!(" {} ", crate::tui::keymap::keys_label(&keys, "/")),
                    st.key(),
                ),
                Span::raw(format!("{}{more}", b.help)),
            ])
        })
        .collect();
    let popup = centered(area, 64, lines.len() as u16 + 2);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .title(" Add to your plan ")
                .border_style(st.focus_border()),
        ),
        popup,
    );
}

fn objective_lines<'a>(
    o: &'a Objective,
    records: &'a Records,
    app: &App,
    st: &Styles,
    links: &mut Vec<usize>,
) -> Vec<Line<'a>> {
    let today = app.today;
    let t = thread::objective_thread(records, o);
    let mut out = vec![Line::styled(o.statement.clone(), st.title())];
    let mut status = vec![Span::raw(format!("Status: {}", o.status.label()))];
    if let Some(p) = o.percent() {
        status.push(Span::raw(format!(" · {p}% done")));
    }
    if let Some(d) = o.target_date {
        status.push(Span::raw(format!(" · target {}", st.days.day(d))));
    }
    if let Some(d) = o.review_date {
        status.push(Span::raw(format!(" · review {}", st.days.day(d))));
    }
    out.push(Line::from(status));
    if o.is_overdue(today) {
        out.push(Line::styled(
            "OVERDUE: past its target date and still open",
            st.error(),
        ));
    } else if let Some(d) = o
        .target_date
        .filter(|_| o.is_due_within(today, DUE_SOON_DAYS))
    {
        out.push(Line::styled(
            format!(
                "Due soon: {} left",
                count((d - today).num_days().max(0) as usize, "day", "days")
            ),
            st.warn(),
        ));
    }
    out.push(Line::raw(""));
    if let Some(check) = app.derived.smart.of(o) {
        let passed = check.letters.iter().filter(|c| c.passes()).count();
        out.push(Line::styled(format!("SMART check {passed}/5"), st.title()));
        out.extend(check_lines(check, st));
        out.push(Line::raw(""));
    }
    let m = &o.measure;
    if !(m.baseline.is_empty() && m.target.is_empty() && m.how.is_empty()) {
        out.push(Line::styled("Measure", st.title()));
        out.push(Line::raw(format!(
            "from {} to {}",
            or_dash(&m.baseline),
            or_dash(&m.target)
        )));
        if !m.how.is_empty() {
            out.push(Line::raw(format!("checked by {}", m.how)));
        }
        if !m.kpi.is_empty() {
            out.push(Line::raw(format!("KPI: {}", m.kpi)));
        }
        out.push(Line::raw(""));
    }
    section(&mut out, "Support and resources", &o.support, st);
    section(&mut out, "Why it matters in my role", &o.relevance, st);
    out.push(Line::styled("Golden thread", st.title()));
    if t.needs.is_empty() {
        out.push(Line::styled("Need behind it: none linked", st.warn()));
    }
    for n in &t.needs {
        links.push(out.len());
        out.push(Line::raw(format!("Need: {} ({})", n.area, n.kind.label())));
    }
    let hours: f64 = t.activities.iter().map(|a| a.hours).sum();
    if t.activities.is_empty() {
        out.push(Line::styled("Activities: none logged yet", st.warn()));
    } else {
        out.push(Line::raw(format!(
            "Activities ({}, {}):",
            t.activities.len(),
            format_hours(hours)
        )));
        for a in &t.activities {
            links.push(out.len());
            out.push(Line::raw(format!(
                "  • {} {} ({}, {}, impact level {})",
                st.days.day(a.date),
                a.title,
                a.kind.label(),
                format_hours(a.hours),
                a.impact.level_reached()
            )));
        }
    }
    if !t.diary.is_empty() {
        out.push(Line::raw(format!("Diary entries ({}):", t.diary.len())));
        for e in &t.diary {
            links.push(out.len());
            out.push(Line::raw(format!(
                "  • {} {}",
                st.days.day(e.date),
                truncate(e.headline(), 70)
            )));
        }
    }
    if !t.feedback.is_empty() {
        out.push(Line::raw(format!("Feedback ({}):", t.feedback.len())));
        for f in &t.feedback {
            links.push(out.len());
            out.push(Line::raw(format!(
                "  • {} {} ({}): {}",
                st.days.day(f.date),
                f.source.label(),
                f.valence.label(),
                truncate(f.text.lines().next().unwrap_or(""), 60)
            )));
        }
    }
    for gap in &t.gaps {
        out.push(Line::styled(
            format!("Gap: {}", gap.message(records)),
            st.warn(),
        ));
    }
    if !o.progress.is_empty() {
        out.push(Line::raw(""));
        out.push(Line::styled("Progress notes", st.title()));
        for note in &o.progress {
            let pct = note.percent.map(|p| format!(" ({p}%)")).unwrap_or_default();
            out.push(Line::raw(format!(
                "{}{pct}  {}",
                st.days.day(note.date),
                note.text
            )));
        }
    }
    out
}

fn or_dash(text: &str) -> &str {
    if text.trim().is_empty() { "?" } else { text }
}

fn practice_row(p: &Practice, st: &Styles) -> Line<'static> {
    let mark = if p.is_complete() {
        Span::styled(" ✓ ", st.good())
    } else {
        Span::styled(" · ", st.warn())
    };
    Line::from(vec![
        mark,
        Span::styled(format!("{} ", st.days.day(p.date)), st.dim()),
        Span::raw(p.name.clone()),
    ])
}

/// A practice record as an assessor reads it: what it is, then each part
/// under the question it answers (a missing part said, not left blank).
fn practice_lines<'a>(
    p: &'a Practice,
    records: &'a Records,
    st: &Styles,
    links: &mut Vec<usize>,
) -> Vec<Line<'a>> {
    let mut out = vec![
        Line::styled(p.headline(), st.title()),
        Line::raw(format!(
            "{} {}",
            if p.kind == PracticeKind::RoleChange {
                "Changed on"
            } else {
                "Dated"
            },
            st.days.day(p.date)
        )),
    ];
    if !p.is_complete() {
        out.push(Line::styled(
            "Not complete: e fills in what is missing",
            st.warn(),
        ));
    }
    out.push(Line::raw(""));
    for ((label, _), text) in p.kind.parts().iter().zip([&p.first, &p.second, &p.third]) {
        if label.is_empty() {
            continue;
        }
        if text.trim().is_empty() {
            out.push(Line::styled(*label, st.title()));
            out.push(Line::styled("(not written yet)", st.dim()));
            out.push(Line::raw(""));
        } else {
            section(&mut out, label, text, st);
        }
    }
    if !p.criteria.is_empty() {
        out.push(Line::raw(format!("Criteria: {}", p.criteria.join(", "))));
    }
    let linked: Vec<String> = p
        .links
        .iter()
        .filter_map(|id| records.get(id))
        .map(|r| crate::tui::record_title(&r, &st.days))
        .collect();
    if !linked.is_empty() {
        out.push(Line::styled("Bears on", st.title()));
        for title in linked {
            links.push(out.len());
            out.push(Line::raw(format!("  {title}")));
        }
    }
    out
}

fn need_lines<'a>(
    n: &'a DevelopmentNeed,
    records: &'a Records,
    app: &App,
    st: &Styles,
    links: &mut Vec<usize>,
) -> Vec<Line<'a>> {
    let t = thread::need_thread(records, n);
    let kind = match n.kind {
        NeedKind::Strength => "Strength",
        NeedKind::Gap => "Area to improve",
    };
    let mut out = vec![
        Line::styled(n.area.clone(), st.title()),
        Line::raw(format!("{kind} · identified {}", st.days.day(n.date))),
    ];
    if !n.identified_from.is_empty() {
        let from: Vec<&str> = n.identified_from.iter().map(|s| s.label()).collect();
        out.push(Line::raw(format!("Found in: {}", from.join(", "))));
    }
    if n.agreed_with.is_empty() {
        out.push(Line::styled(
            "Not yet agreed with your line manager",
            st.dim(),
        ));
    } else {
        out.push(Line::raw(format!("Agreed with: {}", n.agreed_with)));
    }
    out.push(Line::raw(""));
    section(&mut out, "Evidence", &n.evidence, st);
    out.push(Line::styled("Golden thread", st.title()));
    if t.objectives.is_empty() {
        out.push(Line::raw("Objectives serving it: none"));
    } else {
        out.push(Line::raw(format!(
            "Objectives serving it ({}):",
            t.objectives.len()
        )));
        for o in &t.objectives {
            links.push(out.len());
            let mut spans = vec![Span::raw("  ")];
            spans.extend(badges(app.derived.smart.of(o), st));
            spans.push(Span::raw(format!(
                " {} [{}]",
                o.statement,
                o.status.label()
            )));
            out.push(Line::from(spans));
        }
    }
    for gap in &t.gaps {
        out.push(Line::styled(
            format!("Gap: {}", gap.message(records)),
            st.warn(),
        ));
    }
    out
}

fn activity_lines<'a>(
    a: &'a Activity,
    records: &'a Records,
    st: &Styles,
    links: &mut Vec<usize>,
) -> Vec<Line<'a>> {
    let mut out = vec![
        Line::styled(a.title.clone(), st.title()),
        Line::raw(format!(
            "{} ({}) · {} · {}",
            a.kind.label(),
            a.kind.category().label(),
            st.days.day(a.date),
            format_hours(a.hours)
        )),
    ];
    if !a.resource.is_empty() {
        out.push(Line::raw(format!("Resource: {}", a.resource)));
    }
    out.push(Line::raw(""));
    if a.objectives.is_empty() {
        out.push(Line::styled(
            "Serves no objective (golden thread gap)",
            st.warn(),
        ));
    } else {
        out.push(Line::styled("Objectives it served", st.title()));
        for id in &a.objectives {
            let text = records
                .objective(id)
                .map(|o| o.statement.clone())
                .unwrap_or_else(|| format!("{id} (not found)"));
            links.push(out.len());
            out.push(Line::raw(format!("• {text}")));
        }
    }
    out.push(Line::raw(""));
    out.push(Line::styled(
        format!(
            "Impact (Kirkpatrick level {} of 4)",
            a.impact.level_reached()
        ),
        st.title(),
    ));
    for (label, note) in [
        ("1 Reaction", &a.impact.reaction),
        ("2 Learning", &a.impact.learning),
        ("3 Behaviour", &a.impact.behaviour),
        ("4 Results", &a.impact.results),
    ] {
        if note.trim().is_empty() {
            out.push(Line::styled(format!("○ {label}: not evaluated"), st.dim()));
        } else {
            out.push(Line::from(vec![
                Span::styled(format!("✓ {label}: "), st.good()),
                Span::raw(note.as_str()),
            ]));
        }
    }
    out.push(Line::raw(""));
    section(&mut out, "How I applied it", &a.applied, st);
    // Feedback on the activity itself (the reader lists it after the
    // objectives, in this order).
    let drew = crate::domain::thread::feedback_on(records, &a.id);
    if !drew.is_empty() {
        out.push(Line::styled("Feedback it drew", st.title()));
        for f in drew {
            links.push(out.len());
            out.push(Line::raw(format!(
                "• {} {} ({}): {}",
                st.days.day(f.date),
                f.source.label(),
                f.valence.label(),
                f.headline()
            )));
        }
        out.push(Line::raw(""));
    }
    out
}

/// S M A R T badges: a passing letter in the good colour, a failing one
/// replaced by "·" in the error colour (so it shows without colour too).
/// (Without a check, worked out in update, five dim dots keep the column.)
pub fn badges(check: Option<&SmartCheck>, st: &Styles) -> Vec<Span<'static>> {
    let Some(check) = check else {
        return vec![Span::styled("·····", st.dim())];
    };
    check
        .letters
        .iter()
        .map(|c| {
            if c.passes() {
                Span::styled(c.letter.initial().to_string(), st.good())
            } else {
                Span::styled("·", st.error())
            }
        })
        .collect()
}

/// The check letter by letter, with reasons and suggestions.
pub fn check_lines(check: &SmartCheck, st: &Styles) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for c in &check.letters {
        let (mark, style) = if c.passes() {
            ("✓", st.good())
        } else {
            ("✗", st.error())
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{} {mark} ", c.letter.initial()), style),
            Span::styled(c.letter.name(), st.title()),
        ]));
        for f in &c.flags {
            lines.push(Line::raw(format!("  · {}", f.reason)));
        }
        if let Some(f) = c.flags.first() {
            lines.push(Line::styled(format!("  → {}", f.suggestion), st.dim()));
        }
    }
    lines
}
