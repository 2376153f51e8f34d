//! The objective form, with the SMART check beside it (or under the field on
//! narrow screens), recomputed from the fields as the learner types.

use crate::ui::Styles;
use super::view::{self, Advice, FormView};
use crate::app::App;
use crate::app::forms::objective::ObjectiveForm;
use crate::domain::smart::{self, SmartCheck};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// S M A R T badges: a passing letter in the good colour, a failing one
/// replaced by "·" in the error colour (so it shows without colour too).
pub fn badges(check: &SmartCheck, st: &Styles) -> Vec<Span<'static>> {
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

/// One line per letter: its mark and the first reason.
fn compact_lines(check: &SmartCheck, st: &Styles) -> Vec<Line<'static>> {
    check
        .letters
        .iter()
        .map(|c| match c.flags.first() {
            None => Line::from(vec![
                Span::styled(format!("{} ✓ ", c.letter.initial()), st.good()),
                Span::styled(c.letter.name(), st.dim()),
            ]),
            Some(f) => Line::from(vec![
                Span::styled(format!("{} ✗ ", c.letter.initial()), st.error()),
                Span::raw(f.reason.clone()),
            ]),
        })
        .collect()
}

pub fn draw(app: &App, form: &ObjectiveForm, frame: &mut Frame, area: Rect, st: &Styles) {
    let preview = form.preview(app.today);
    let check = smart::check(&preview, app.today);
    let mut wide = check_lines(&check, st);
    if !form.base.progress.is_empty() {
        wide.push(Line::raw(""));
        wide.push(Line::styled("Progress so far", st.title()));
        for note in &form.base.progress {
            let pct = note.percent.map(|p| format!(" ({p}%)")).unwrap_or_default();
            wide.push(Line::raw(format!(
                "{}{pct} {}",
                note.date.format("%d %b %Y"),
                note.text
            )));
        }
    }
    let passed = check.letters.iter().filter(|c| c.passes()).count();
    let advice = Advice {
        title: format!("SMART check {passed}/5 (advice, never stops a save)"),
        wide,
        compact: compact_lines(&check, st),
    };
    let title = if form.editing {
        "Edit objective"
    } else {
        "New objective"
    };
    view::draw(
        frame,
        area,
        st,
        FormView {
            title,
            fields: &form.fields,
            error: form.save_error.as_ref(),
            today: app.today,
        },
        Some(advice),
    );
}
