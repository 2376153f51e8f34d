//! Draws the Team screen: a title with the root, the order and the filter;
//! one row per learner (name, level, readiness, last entry, next review,
//! unreflected feedback, overdue objectives, last coaching), overdue in the
//! warning colour; the selected learner's rules not yet passed; and a
//! status line with the read's progress, the filter being typed or the keys.

use super::Team;
use crate::domain::caseload::{LearnerSummary, MemberState};
use crate::domain::words::count;
use crate::tui::keymap::{Context, keys_label};
use crate::tui::search::view::thousands;
use crate::tui::theme::Styles;
use crate::tui::truncate;
use crate::tui::widgets::{panel, window_start};
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

/// Pads or cuts `text` to exactly `width` columns.
fn fit(text: &str, width: usize) -> String {
    let cut = if text.width() > width {
        truncate(text, width.saturating_sub(1).max(1))
    } else {
        text.to_string()
    };
    let mut cut = cut;
    while cut.width() > width {
        cut.pop();
    }
    let fill = width.saturating_sub(cut.width());
    format!("{cut}{}", " ".repeat(fill))
}

/// Which columns fit: the coaching and last-entry columns go first on a
/// narrow terminal.
struct Columns {
    name: usize,
    day: usize,
    last_entry: bool,
    coached: bool,
}

impl Columns {
    fn for_width(width: usize, day: usize) -> Columns {
        // " LV", " READY", " <next review> !", " FB", " OBJ".
        let fixed = 3 + 6 + (day + 3) + 4 + 4;
        let column = day + 1;
        let coached = width >= fixed + 12 + 2 * column;
        let last_entry = width >= fixed + 12 + column;
        let used = fixed + column * (usize::from(coached) + usize::from(last_entry));
        Columns {
            name: width.saturating_sub(used).clamp(8, 28),
            day,
            last_entry,
            coached,
        }
    }
}

fn day_or_dash(st: &Styles, d: Option<NaiveDate>, width: usize) -> String {
    match d {
        Some(d) => fit(&st.days.day(d), width),
        None => fit("-", width),
    }
}

fn row<'a>(
    name: &str,
    s: &LearnerSummary,
    c: &Columns,
    today: NaiveDate,
    st: &Styles,
    base: Style,
) -> Line<'a> {
    let warn = base.patch(st.warn());
    let level = s.level.map(|l| l.to_string()).unwrap_or_else(|| "-".into());
    let mut spans = vec![
        Span::styled(fit(name, c.name), base),
        Span::styled(format!(" {level:>2}"), base),
        Span::styled(format!(" {:>5}", s.readiness_label()), base),
    ];
    if c.last_entry {
        spans.push(Span::styled(
            format!(" {}", day_or_dash(st, s.last_entry, c.day)),
            base,
        ));
    }
    let overdue = s.review_overdue_days(today).is_some();
    let review = format!(
        " {}{}",
        day_or_dash(st, s.next_review, c.day),
        if overdue { " !" } else { "  " }
    );
    spans.push(Span::styled(review, if overdue { warn } else { base }));
    spans.push(Span::styled(format!(" {:>3}", s.unreflected), base));
    spans.push(Span::styled(
        format!(" {:>3}", s.overdue_objectives),
        if s.overdue_objectives > 0 { warn } else { base },
    ));
    if c.coached {
        spans.push(Span::styled(
            format!(" {}", day_or_dash(st, s.last_coaching, c.day)),
            base,
        ));
    }
    Line::from(spans)
}

fn header(c: &Columns) -> String {
    let mut h = format!("{} {:>2} {:>5}", fit("LEARNER", c.name), "LV", "READY");
    if c.last_entry {
        h.push_str(&format!(" {}", fit("LAST ENTRY", c.day)));
    }
    h.push_str(&format!(
        " {}   {:>3} {:>3}",
        fit("NEXT REVIEW", c.day),
        "FB",
        "OBJ"
    ));
    if c.coached {
        h.push_str(&format!(" {}", fit("COACHED", c.day)));
    }
    h
}

pub fn draw(team: &Team, frame: &mut Frame) {
    let st = Styles::of(team.theme, &team.config);
    let area = frame.area();
    if area.width < 20 || area.height < 6 {
        frame.render_widget(
            Paragraph::new("The Team screen needs a larger terminal").wrap(Wrap { trim: true }),
            area,
        );
        return;
    }
    let [title, list, detail, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(4),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_title(team, frame, title, &st);
    draw_list(team, frame, list, &st);
    draw_detail(team, frame, detail, &st);
    draw_status(team, frame, status, &st);
    if team.help {
        draw_help(team, frame, area, &st);
    }
}

/// What each column means, in a team leader's words.
const COLUMNS: [(&str, &str); 7] = [
    ("LV", "the learner's level (2 or 3)"),
    ("READY", "readiness checks passed, of all the checks"),
    ("LAST ENTRY", "the day of the newest diary entry"),
    (
        "NEXT REVIEW",
        "when the next review is due; ! when it is overdue",
    ),
    (
        "FB",
        "constructive or negative feedback not yet reflected on",
    ),
    ("OBJ", "objectives past their target date"),
    ("COACHED", "the last coaching session in a coach's log here"),
];

/// The keys (from the key table, overrides included) and the columns.
fn draw_help(team: &Team, frame: &mut Frame, area: Rect, st: &Styles) {
    let mut lines = vec![Line::styled("Keys", st.title())];
    let mut moves = Vec::new();
    for (keys, b) in team.keymap.effective(Context::Team) {
        if b.status {
            lines.push(Line::from(vec![
                Span::styled(format!("{:<12}", keys_label(&keys, ",")), st.key()),
                Span::raw(b.help),
            ]));
        } else {
            moves.push(keys_label(&keys, ","));
        }
    }
    // The moving keys on one line, so the help fits 80x24.
    if !moves.is_empty() {
        lines.push(Line::from(vec![
            Span::styled(moves.join(" "), st.key()),
            Span::raw("  move through the list"),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Columns", st.title()));
    for (name, meaning) in COLUMNS {
        lines.push(Line::from(vec![
            Span::styled(format!("{name:<12}"), st.key()),
            Span::raw(meaning),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Esc, ? or q closes this help.", st.dim()));
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let rect = crate::tui::widgets::centered(area, 76, height);
    frame.render_widget(ratatui::widgets::Clear, rect);
    let block = panel(" Team: help ", st);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

fn draw_title(team: &Team, frame: &mut Frame, area: Rect, st: &Styles) {
    // The root last: on a narrow terminal it is what gets cut.
    let mut spans = vec![
        Span::styled(" Team ", st.title()),
        Span::styled(
            format!(
                "· {} · by {}",
                count(team.members.len(), "learner", "learners"),
                team.sort.label()
            ),
            st.dim(),
        ),
    ];
    if !team.filter.is_empty() {
        spans.push(Span::styled(
            format!(" · {} shown for “{}”", team.visible.len(), team.filter),
            st.key(),
        ));
    }
    spans.push(Span::styled(
        format!(" · {}", team.root.path.display()),
        st.dim(),
    ));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn draw_list(team: &Team, frame: &mut Frame, area: Rect, st: &Styles) {
    let block = panel(" Learners (read-only) ", st);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if team.members.is_empty() {
        let text = match team.progress() {
            Some((read, found, records)) => vec![Line::raw(format!(
                "Reading the learners' workspaces… {read} of {found} ({} records)",
                thousands(records)
            ))],
            None if !team.read_once => vec![Line::raw("Looking for learners' workspaces…")],
            None => vec![
                Line::raw(format!(
                    "No learner workspaces in {} ({}).",
                    team.root.path.display(),
                    team.root.from
                )),
                Line::raw(""),
                Line::raw(
                    "A workspace is a folder holding workspace.ron. Give the folder of your \
                     learners' synced or cloned workspaces with starlog team --root DIR, or \
                     set team_root in config.ron.",
                ),
            ],
        };
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), inner);
        return;
    }
    let width = inner.width as usize;
    let c = Columns::for_width(width, st.days.width());
    let mut lines = vec![Line::styled(fit(&header(&c), width), st.dim())];
    if team.visible.is_empty() {
        lines.push(Line::raw(format!(
            "Nobody matches “{}” (Esc clears the filter).",
            team.filter
        )));
    }
    let rows = (inner.height as usize).saturating_sub(1);
    let start = window_start(team.selected, team.visible.len(), rows);
    for (at, &i) in team.visible.iter().enumerate().skip(start).take(rows) {
        let m = &team.members[i];
        let base = if at == team.selected {
            st.selected()
        } else {
            Style::default()
        };
        let line = match &m.state {
            MemberState::Read { summary, .. } => {
                row(m.display_name(), summary, &c, team.today, st, base)
            }
            MemberState::Problem(why) => Line::from(vec![
                Span::styled(fit(m.display_name(), c.name), base),
                Span::styled(
                    fit(
                        &format!(" could not be read: {why}"),
                        width.saturating_sub(c.name),
                    ),
                    base.patch(st.error()),
                ),
            ]),
        };
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn draw_detail(team: &Team, frame: &mut Frame, area: Rect, st: &Styles) {
    let Some(m) = team.selected_member() else {
        return;
    };
    let mut lines = Vec::new();
    let mut head = vec![Span::styled(m.display_name().to_string(), st.title())];
    if m.display_name() != m.folder {
        head.push(Span::styled(format!("  {}", m.folder), st.dim()));
    }
    match &m.state {
        MemberState::Problem(why) => {
            lines.push(Line::from(head));
            lines.push(Line::styled(why.clone(), st.error()));
        }
        MemberState::Read {
            summary: s,
            unreadable_files,
        } => {
            let mut facts = Vec::new();
            if let Some(days) = s.review_overdue_days(team.today) {
                facts.push(format!(
                    "review overdue by {}",
                    count(days as usize, "day", "days")
                ));
            }
            facts.push(format!(
                "{} unreflected",
                count(s.unreflected, "feedback item", "feedback items")
            ));
            facts.push(format!(
                "{} overdue",
                count(s.overdue_objectives, "objective", "objectives")
            ));
            if *unreadable_files > 0 {
                facts.push(format!(
                    "{} could not be read",
                    count(*unreadable_files, "file", "files")
                ));
            }
            head.push(Span::styled(format!("  {}", facts.join(" · ")), st.dim()));
            lines.push(Line::from(head));
            if s.failing.is_empty() {
                lines.push(Line::styled("Every readiness rule passes.", st.good()));
            } else {
                let rules: Vec<String> = s
                    .failing
                    .iter()
                    .map(|r| format!("{} {}", r.number, r.title))
                    .collect();
                lines.push(Line::from(vec![
                    Span::styled("Not yet: ", st.warn()),
                    Span::raw(rules.join("; ")),
                ]));
            }
        }
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
}

fn draw_status(team: &Team, frame: &mut Frame, area: Rect, st: &Styles) {
    let line = if team.typing {
        Line::from(vec![
            Span::styled("Filter: ", st.key()),
            Span::raw(format!("{}█", team.filter)),
            Span::styled(
                "  name, rule, overdue, unreflected, level:2, problem · Enter keeps · Esc clears",
                st.dim(),
            ),
        ])
    } else if let Some((read, found, records)) = team.progress().filter(|_| team.read_once) {
        Line::styled(
            format!(
                "Reading again… {read} of {found} workspaces ({} records)",
                thousands(records)
            ),
            st.dim(),
        )
    } else if let Some(message) = &team.message {
        Line::styled(message.clone(), st.warn())
    } else {
        let mut spans = Vec::new();
        for (keys, b) in team.keymap.effective(Context::Team) {
            if !b.status {
                continue;
            }
            spans.push(Span::styled(keys_label(&keys, ","), st.key()));
            spans.push(Span::raw(format!(" {}  ", b.help)));
        }
        spans.push(Span::styled("↑↓", st.key()));
        spans.push(Span::raw(" move"));
        Line::from(spans)
    };
    frame.render_widget(Paragraph::new(line), area);
}
