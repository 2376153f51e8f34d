//! The help overlay, generated from the key table that dispatches keys.

use super::widgets::centered;
use crate::store::Severity;
use crate::tui::keymap::{Context, Key, keys_label};
use crate::tui::theme::Styles;
use crate::tui::{App, Screen};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

pub fn draw(app: &App, frame: &mut Frame, area: Rect, st: &Styles) {
    let mut lines = Vec::new();
    let row = |keys: &[Key], help: &'static str| (keys_label(keys, " / "), help);
    // What works the same on all five screens is listed once; each screen's
    // group then holds only its own keys (and its own meaning of a shared key).
    let per_screen: Vec<Vec<(String, &str)>> = Screen::ALL
        .iter()
        .map(|s| {
            app.keymap
                .effective(Context::Screen(*s))
                .into_iter()
                .map(|(keys, b)| row(&keys, b.help))
                .collect()
        })
        .collect();
    let common: Vec<(String, &str)> = per_screen[0]
        .iter()
        .filter(|r| per_screen.iter().all(|list| list.contains(r)))
        .cloned()
        .collect();
    let mut groups: Vec<(String, Vec<(String, &str)>)> =
        vec![("On every screen".into(), common.clone())];
    for (screen, rows) in Screen::ALL.iter().zip(&per_screen) {
        let own: Vec<(String, &str)> = rows
            .iter()
            .filter(|r| !common.contains(r))
            .cloned()
            .collect();
        if !own.is_empty() {
            groups.push((format!("On {}", screen.title()), own));
        }
    }
    let lettered = crate::tui::screens::Lettered::ALL.map(|l| {
        let r = l.registration();
        (r.help, r.context)
    });
    for (title, ctx) in [
        ("Reading a record", Context::Reader),
        ("In a form", Context::Form),
        ("In the search palette (/)", Context::Search),
        ("Adding to the plan (n on the Plan)", Context::Chooser),
    ]
    .into_iter()
    .chain(lettered)
    {
        let rows = app
            .keymap
            .effective(ctx)
            .into_iter()
            .map(|(keys, b)| row(&keys, b.help))
            .collect();
        groups.push((title.into(), rows));
    }
    for (title, rows) in groups {
        lines.push(Line::styled(title, st.title()));
        for (keys, help) in rows {
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys:<16}"), st.key()),
                Span::raw(help),
            ]));
        }
        lines.push(Line::raw(""));
    }
    // The same keys in every form, from the key table's field rows.
    lines.push(Line::styled("Form fields", st.title()));
    for b in app.keymap.field_bindings() {
        lines.push(Line::from(vec![
            Span::styled(
                format!("  {:<16}", crate::tui::keymap::keys_label(&b.keys, " / ")),
                st.key(),
            ),
            Span::raw(b.help),
        ]));
    }
    for (keys, help) in [
        ("Enter", "one-line field: next field; long text: new line"),
        ("a letter", "choice or list: the next line starting with it"),
    ] {
        lines.push(Line::from(vec![
            Span::styled(format!("  {keys:<16}"), st.key()),
            Span::raw(help),
        ]));
    }
    lines.push(Line::raw(
        "  A filled date or number is selected on entry: typing replaces it.",
    ));
    lines.push(Line::raw("  A draft is kept as you type."));
    lines.push(Line::raw(""));
    lines.extend(super::legend::lines(st));
    let problems: Vec<_> = app
        .model
        .problems
        .iter()
        .filter(|p| p.severity >= Severity::Warning)
        .collect();
    if !problems.is_empty() {
        lines.push(Line::styled(
            format!("Files with problems ({})", problems.len()),
            st.error(),
        ));
        for p in problems {
            lines.push(Line::raw(format!("  {p}")));
        }
        lines.push(Line::raw(""));
    }
    if let Some(ws) = &app.session.ws {
        lines.push(Line::styled("Workspace", st.title()));
        lines.push(Line::raw(format!("  {}", ws.dir().display())));
    }
    let popup = centered(area, 76, area.height);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((app.layers.help.unwrap_or(0), 0))
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(" Help — Esc to close ")
                    .border_style(st.focus_border()),
            ),
        popup,
    );
}
