//! The Evidence view (`E`): attached files, witness statements and
//! sign-offs, each with how it stands (a file missing or changed, a
//! statement unsigned since an edit, a sign-off of something changed since),
//! and the details of the selected one beside or under the list.

use crate::domain::evidence::size_label;
use crate::domain::signoff::{self, SignOffState};
use crate::domain::witness::{Confirmation, WitnessState};
use crate::domain::{Id, Records};
use crate::tui::App;
use crate::tui::screens::evidence::{FileStatus, RowKind, rows};
use crate::tui::theme::Styles;
use crate::tui::truncate;
use crate::tui::widgets::Canvas;
use crate::tui::widgets::{list_over_details, panel, window_start, wrap_lines};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

fn title_of(records: &Records, id: &Id, st: &Styles) -> String {
    records
        .get(id)
        .map(|r| crate::tui::record_title(&r, &st.days))
        .unwrap_or_else(|| "(no longer in the workspace)".into())
}

/// One list row's text and how it stands.
fn row_text(app: &App, kind: RowKind, id: &Id) -> (String, Option<(String, bool)>) {
    let r = &app.model.records;
    let days = app.config.days();
    match kind {
        RowKind::File => {
            let Some(e) = r.evidence.iter().find(|e| &e.id == id) else {
                return (String::new(), None);
            };
            let status = app.screens.evidence.files.get(id).and_then(|s| match s {
                FileStatus::Present => None,
                FileStatus::Missing => Some(("missing".to_string(), true)),
                FileStatus::Changed => Some(("changed".to_string(), true)),
            });
            (
                format!(
                    "{}  {}: {}",
                    days.day(e.date),
                    e.kind.label(),
                    e.title.trim()
                ),
                status,
            )
        }
        RowKind::Witness => {
            let Some(w) = r.witnesses.iter().find(|w| &w.id == id) else {
                return (String::new(), None);
            };
            let state = w.state(r);
            let mark = match state {
                WitnessState::Signed => ("signed".to_string(), false),
                WitnessState::Scanned => ("scanned".to_string(), false),
                WitnessState::Unconfirmed => ("not signed".to_string(), true),
                WitnessState::ChangedAfterSigning => ("UNSIGNED: edited".to_string(), true),
                WitnessState::ScanMissing => ("scan missing".to_string(), true),
            };
            (
                format!("{}  {}", days.day(w.date), w.headline()),
                Some(mark),
            )
        }
        RowKind::SignOff => {
            let Some(s) = r.signoffs.iter().find(|s| &s.id == id) else {
                return (String::new(), None);
            };
            let what = signoff::subject(r, &s.subject)
                .map(|x| format!("{} “{}”", x.label(), x.title()))
                .unwrap_or_else(|| "a record no longer here".into());
            let mark = match s.state(r) {
                SignOffState::Valid => None,
                SignOffState::ChangedSince => Some(("changed since".to_string(), true)),
                SignOffState::SubjectMissing => Some(("gone".to_string(), true)),
            };
            (
                format!("{}  {}: {what}", days.day(s.signed.date_naive()), s.name),
                mark,
            )
        }
    }
}

/// The details of the selected row.
fn details<'a>(app: &'a App, kind: RowKind, id: &Id, st: &Styles) -> Vec<Line<'a>> {
    let r = &app.model.records;
    let mut out: Vec<Line<'a>> = Vec::new();
    let field = |label: &str, value: String| {
        Line::from(vec![
            Span::styled(format!("{label}: "), st.dim()),
            Span::raw(value),
        ])
    };
    let linked = |ids: &[Id]| -> String {
        ids.iter()
            .map(|i| title_of(r, i, st))
            .collect::<Vec<_>>()
            .join("; ")
    };
    match kind {
        RowKind::File => {
            let Some(e) = r.evidence.iter().find(|e| &e.id == id) else {
                return out;
            };
            out.push(Line::styled(e.title.trim().to_string(), st.title()));
            out.push(field("Kind", e.kind.label().to_string()));
            out.push(field("Date", st.days.day(e.date)));
            out.push(field(
                "File",
                format!(
                    "evidence/{}/{} ({})",
                    e.id,
                    e.stored_name,
                    size_label(e.size)
                ),
            ));
            if !e.original_name.is_empty() && e.original_name != e.stored_name {
                out.push(field("Attached from", e.original_name.clone()));
            }
            out.push(field("SHA-256", e.sha256.clone()));
            match app.screens.evidence.files.get(id) {
                Some(FileStatus::Missing) => out.push(Line::styled(
                    "The file is missing from the workspace.",
                    st.error(),
                )),
                Some(FileStatus::Changed) => out.push(Line::styled(
                    "The file is not as attached (its size changed).",
                    st.error(),
                )),
                _ => {}
            }
            if !e.links.is_empty() {
                out.push(field("For", linked(&e.links)));
            }
            if !e.criteria.is_empty() {
                out.push(field("Criteria", e.criteria.join(", ")));
            }
            if !e.description.trim().is_empty() {
                out.push(Line::raw(""));
                out.extend(e.description.lines().map(Line::raw));
            }
            out.push(Line::raw(""));
            out.push(Line::from(vec![
                Span::styled("Enter", st.key()),
                Span::raw(" or "),
                Span::styled("o", st.key()),
                Span::raw(" opens it in your viewer."),
            ]));
        }
        RowKind::Witness => {
            let Some(w) = r.witnesses.iter().find(|w| &w.id == id) else {
                return out;
            };
            out.push(Line::styled(
                format!("Witness statement by {}", w.witness.trim()),
                st.title(),
            ));
            if !w.role.trim().is_empty() {
                out.push(field("Role", w.role.trim().to_string()));
            }
            if !w.relationship.trim().is_empty() {
                out.push(field("Knows you as", w.relationship.trim().to_string()));
            }
            out.push(field("Date seen", st.days.day(w.date)));
            let state = w.state(r);
            let style = if state.is_confirmed() {
                st.good()
            } else {
                st.error()
            };
            let how = match (&w.confirmation, state) {
                (Confirmation::Signed { name, signed, .. }, WitnessState::Signed) => {
                    format!("signed by {name} on {}", st.days.moment(signed))
                }
                _ => state.label().to_string(),
            };
            out.push(Line::from(vec![
                Span::styled("Confirmation: ", st.dim()),
                Span::styled(how, style),
            ]));
            if !w.links.is_empty() {
                out.push(field("For", linked(&w.links)));
            }
            if !w.criteria.is_empty() {
                out.push(field("Criteria", w.criteria.join(", ")));
            }
            out.push(Line::raw(""));
            out.extend(w.observed.lines().map(Line::raw));
            out.push(Line::raw(""));
            let hint = if state == WitnessState::Signed {
                " edits (which unsigns it)."
            } else {
                " edits; the witness signs with s."
            };
            out.push(Line::from(vec![
                Span::styled("e", st.key()),
                Span::raw(hint),
            ]));
        }
        RowKind::SignOff => {
            let Some(s) = r.signoffs.iter().find(|s| &s.id == id) else {
                return out;
            };
            out.push(Line::styled(format!("Sign-off by {}", s.who()), st.title()));
            out.push(field("Signed", st.days.moment(&s.signed)));
            let what = signoff::subject(r, &s.subject)
                .map(|x| format!("{} “{}”", x.label(), x.title()))
                .unwrap_or_else(|| "a record no longer in the workspace".into());
            out.push(field("Confirms", what));
            let state = s.state(r);
            out.push(Line::from(vec![
                Span::styled("Stands: ", st.dim()),
                Span::styled(
                    state.label().to_string(),
                    if state == SignOffState::Valid {
                        st.good()
                    } else {
                        st.error()
                    },
                ),
            ]));
            if !s.criteria.is_empty() {
                out.push(field("Criteria", s.criteria.join(", ")));
            }
            if !s.remark.trim().is_empty() {
                out.push(Line::raw(""));
                out.push(Line::raw(format!("“{}”", s.remark.trim())));
            }
        }
    }
    out
}

pub fn draw(app: &App, frame: &mut Canvas, area: Rect, st: &Styles) {
    frame.render_widget(Clear, area);
    let r = &app.model.records;
    let all = rows(r);
    let count = |n: usize, one: &str, many: &str| crate::domain::words::count(n, one, many);
    let title = format!(
        " Evidence · {}, {}, {} ",
        count(r.evidence.len(), "file", "files"),
        count(r.witnesses.len(), "witness statement", "witness statements"),
        count(r.signoffs.len(), "sign-off", "sign-offs"),
    );
    if all.is_empty() {
        let block = panel(title, st);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let key = |k: &'static str| Span::styled(k, st.key());
        let lines = vec![
            Line::raw("No evidence yet."),
            Line::raw(""),
            Line::from(vec![
                key("a"),
                Span::raw(
                    " attaches a file: an observation report, a certificate, a scanned statement, a work product.",
                ),
            ]),
            Line::from(vec![
                key("w"),
                Span::raw(" writes down what a witness saw; they sign it with "),
                key("s"),
                Span::raw("."),
            ]),
            Line::from(vec![
                key("S"),
                Span::raw(" records a manager's sign-off of a need, an objective or a review."),
            ]),
            Line::raw(""),
            Line::from(vec![key("Esc"), Span::raw(" goes back.")]),
        ];
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
        return;
    }
    let selected = app.screens.evidence.selected.min(all.len() - 1);
    // Narrow: the list takes the rows it needs (up to half), the details
    // the rest; wide: side by side.
    let headings = [r.evidence.len(), r.witnesses.len(), r.signoffs.len()]
        .iter()
        .filter(|n| **n > 0)
        .count();
    let (list_area, detail_area) = list_over_details(area, all.len() + headings + 2, 3);
    let block = panel(title, st);
    let inner = block.inner(list_area);
    frame.render_widget(block, list_area);
    // Rows under a heading per kind; the window keeps the selection in view.
    let width = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    let mut selected_line = 0;
    let mut last_kind = None;
    for (i, (kind, id)) in all.iter().enumerate() {
        if last_kind != Some(*kind) {
            let heading = match kind {
                RowKind::File => "Attached files",
                RowKind::Witness => "Witness statements",
                RowKind::SignOff => "Sign-offs",
            };
            lines.push(Line::styled(heading, st.title()));
            last_kind = Some(*kind);
        }
        let (text, mark) = row_text(app, *kind, id);
        let mark_width = mark.as_ref().map_or(0, |(m, _)| m.chars().count() + 2);
        let text = truncate(&text, width.saturating_sub(mark_width + 1).max(1));
        let base = if i == selected {
            selected_line = lines.len();
            st.selected()
        } else {
            Style::default()
        };
        let pad = width.saturating_sub(text.chars().count() + mark_width);
        let mut spans = vec![Span::styled(format!("{text}{}", " ".repeat(pad)), base)];
        if let Some((m, bad)) = mark {
            let style = if bad { st.error() } else { st.good() };
            spans.push(Span::styled(format!("  {m}"), base.patch(style)));
        }
        lines.push(Line::from(spans));
    }
    let height = inner.height as usize;
    let start = window_start(selected_line, lines.len(), height);
    let visible: Vec<Line> = lines.into_iter().skip(start).take(height).collect();
    frame.render_widget(Paragraph::new(visible), inner);
    // The details of the selected row.
    let (kind, id) = &all[selected];
    let block = panel(" Details ", st);
    let inner = block.inner(detail_area);
    frame.render_widget(block, detail_area);
    let text = wrap_lines(&details(app, *kind, id, st), inner.width);
    frame.render_widget(Paragraph::new(text), inner);
}
