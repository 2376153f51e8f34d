//! The status line: what is going on (loading, exporting, a message), then
//! the keys that work here, from the key table. In read-only mode keys that
//! would change records are not offered. When the hints do not fit, the
//! least important go first (the later ones in the table); `? help` always
//! stays, since help lists everything else.

use crate::tui::theme::Styles;
use crate::tui::{Action, App, Context};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// One "keys what" pair of the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub keys: String,
    pub help: String,
    /// `? help`: never dropped.
    pub pinned: bool,
}

/// The hints for where the focus is, in the order of the key table.
pub fn hints(app: &App) -> Vec<Hint> {
    let ctx = app.context();
    let read_only = app.session.read_only_reason.is_some();
    let mut out: Vec<Hint> = {
        app.keymap
            .effective(ctx)
            .into_iter()
            .filter(|(_, b)| b.status && !(read_only && b.action.changes_records()))
            .map(|(keys, b)| Hint {
                keys: crate::tui::keymap::keys_label(&keys, "/"),
                help: b.help.into(),
                pinned: b.action == Action::Help,
            })
            .collect()
    };
    // A one-line form Enter applies (the Feedback filter): say so, not "save".
    if ctx == Context::Form
        && app
            .layers
            .form
            .as_ref()
            .and_then(|f| f.engine())
            .is_some_and(|f| f.applies_on_enter())
    {
        out.retain(|h| !matches!(h.help.as_str(), "next field" | "previous field"));
        for h in &mut out {
            match h.help.as_str() {
                "save and close" => {
                    h.keys = "Enter".into();
                    h.help = "apply".into();
                }
                "close" => h.help = "cancel".into(),
                _ => {}
            }
        }
    }
    if matches!(ctx, Context::Screen(_)) {
        out.push(Hint {
            keys: "1-5".into(),
            help: "screens".into(),
            pinned: false,
        });
    }
    out
}

/// The hints kept when `fits` says whether a set of them fits: the last
/// unpinned ones are dropped first, whole (never cut mid-word), and the
/// order is kept.
pub fn fit(hints: &[Hint], fits: impl Fn(&[Hint]) -> bool) -> Vec<Hint> {
    let mut kept = hints.to_vec();
    while !fits(&kept) {
        match kept.iter().rposition(|h| !h.pinned) {
            Some(i) => {
                kept.remove(i);
            }
            None => break,
        }
    }
    kept
}

/// The status line's spans: what is going on first, then the hints.
fn spans<'a>(lead: &[Span<'a>], hints: &[Hint], st: &Styles) -> Vec<Span<'a>> {
    let mut out = lead.to_vec();
    for (i, hint) in hints.iter().enumerate() {
        out.push(Span::styled(hint.keys.clone(), st.key()));
        let gap = if i + 1 == hints.len() { "" } else { "  " };
        out.push(Span::raw(format!(" {}{gap}", hint.help)));
    }
    out
}

/// What is going on: loading, exporting, the last message.
fn lead<'a>(app: &'a App, st: &Styles) -> Vec<Span<'a>> {
    let mut spans = Vec::new();
    if let Some(loading) = &app.loading {
        // The total is known once the folders are listed; never a guess.
        let text = if loading.total == 0 {
            "loading… ".to_string()
        } else {
            format!(
                "loading {}/{} ",
                loading.done.min(loading.total),
                loading.total
            )
        };
        spans.push(Span::styled(text, st.warn()));
    }
    if let Some((done, total)) = app.export_progress() {
        spans.push(Span::styled(
            format!("exporting {}% ", done * 100 / total.max(1)),
            st.warn(),
        ));
    }
    if let Some(msg) = &app.status {
        let style = if msg.error { st.error() } else { st.good() };
        spans.push(Span::styled(format!("{} ", msg.text), style));
        spans.push(Span::styled("│ ", st.dim()));
    }
    spans
}

/// Rows the status line needs in `area`: one, or, when a long message (a
/// refusal that says why) leaves no room for `? help`, the message's rows
/// (up to a third of the screen, so the reason is never cut off) and a row
/// of hints under it.
pub fn rows(app: &App, area: Rect, st: &Styles) -> u16 {
    if app.status.is_none() {
        return 1;
    }
    let lead = lead(app, st);
    let help: Vec<Hint> = hints(app).into_iter().filter(|h| h.pinned).collect();
    if line_count(spans(&lead, &help, st), area.width) <= 1 {
        return 1;
    }
    let most = usize::from(area.height / 3).max(2);
    let message = line_count(lead, area.width).clamp(1, most);
    u16::try_from(message + 1).unwrap_or(2)
}

fn line_count(spans: Vec<Span<'_>>, width: u16) -> usize {
    Paragraph::new(Line::from(spans))
        .wrap(Wrap { trim: true })
        .line_count(width)
}

pub fn draw(app: &App, frame: &mut Frame, area: Rect, st: &Styles) {
    let lead = lead(app, st);
    // The hints get the last row to themselves under a long message.
    let (lead, hint_row) = if area.height > 1 {
        let [message, hints] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
        frame.render_widget(
            Paragraph::new(Line::from(lead)).wrap(Wrap { trim: true }),
            message,
        );
        (Vec::new(), hints)
    } else {
        (lead, area)
    };
    // Measured as the frame wraps it: whole words, so a hint never ends cut.
    let fits = |hints: &[Hint]| line_count(spans(&lead, hints, st), hint_row.width) <= 1;
    let line = Line::from(spans(&lead, &fit(&hints(app), fits), st));
    frame.render_widget(Paragraph::new(line), hint_row);
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Loaded;
    use crate::tui::Screen;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    fn app() -> App {
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-22T10:00:00+00:00").unwrap();
        App::from_loaded(Loaded::default(), now)
    }

    fn status_row(app: &App, width: u16) -> String {
        let mut terminal = Terminal::new(TestBackend::new(width, 24)).unwrap();
        terminal
            .draw(|f| {
                crate::tui::view(app, f);
            })
            .unwrap();
        let buffer = terminal.backend().buffer();
        (0..width).map(|x| buffer[(x, 23)].symbol()).collect()
    }

    #[test]
    fn read_only_mode_does_not_offer_new_edit_or_delete() {
        let mut app = app();
        assert!(status_row(&app, 200).contains("n new STAR entry"));
        app.session.read_only_reason = Some("read-only: changes cannot be saved".into());
        for screen in Screen::ALL {
            app.screen = screen;
            let row = status_row(&app, 200);
            for hint in [
                "n new",
                "e edit",
                "e correct",
                "d delete",
                "r reflect",
                "a act",
                "x archive",
            ] {
                assert!(!row.contains(hint), "{screen:?} offers {hint}: {row}");
            }
            assert!(row.contains("? help"), "{row}");
        }
    }

    #[test]
    fn at_80_columns_whole_hints_go_and_help_stays() {
        let mut app = app();
        for screen in Screen::ALL {
            app.screen = screen;
            for width in [40, 60, 80] {
                let row = status_row(&app, width);
                assert!(row.contains("? help"), "{screen:?} at {width}: {row}");
                assert!(!row.trim_end().ends_with("? hel"), "{row}");
                // What is shown is whole hints, ending with the last one's words.
                let all = hints(&app);
                let last = all
                    .iter()
                    .rev()
                    .find(|h| row.contains(&format!("{} {}", h.keys, h.help)));
                let last = last
                    .map(|h| format!("{} {}", h.keys, h.help))
                    .unwrap_or_default();
                assert!(
                    row.trim_end().ends_with(&last),
                    "{screen:?} at {width}: {row}"
                );
            }
        }
    }
}
