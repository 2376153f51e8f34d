//! The view: renders the whole screen from `&App`. No I/O and no state
//! changes happen here; each screen draws in its own `screens/<name>/view.rs`
//! (reached through the `Screen` trait), each form through `forms/view.rs`.

use super::screens::feedback::view as feedback;
use super::theme::Styles;
use super::{forms, help, search::view as search, status, widgets};
use crate::tui::layers::Layer;
use crate::tui::mouse::MouseMap;
use crate::tui::{Action, App, Confirm, Context, Screen};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use widgets::Canvas;

/// Below this the layout cannot work; a notice is shown instead.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

/// Draws the whole app from `app`, writing nothing but the frame, and
/// returns where it drew what the mouse can click or scroll (the loop keeps
/// it for the next mouse event: `App::mouse_map`).
pub fn view(app: &App, frame: &mut Frame) -> MouseMap {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return MouseMap::default();
    }
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area);
        return MouseMap::default();
    }
    let st = Styles::new(app);
    // A long message (a refusal that says why) gets the rows it needs, so
    // the reason is never cut off (up to a third of the screen).
    let status_rows = status::rows(app, area, &st);
    // Previews start where the mouse wheel left them (not in the reader).
    let preview_scroll = if app.layers.reader.is_none() && app.layers.form.is_none() {
        app.preview_scroll_for(app.screen)
    } else {
        0
    };
    let frame = &mut Canvas::new(frame, preview_scroll);
    let [tabs, body, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(status_rows),
    ])
    .areas(area);
    draw_tabs(app, frame, tabs, &st);
    // The body: a form, which fills it, else the screen (the lettered one
    // open, else the numbered one, which draws its own chooser and reader).
    match &app.layers.form {
        Some(form) => {
            if let Some(engine) = form.engine() {
                if engine.popup() {
                    // Drawn over its list, which stays in sight.
                    feedback::draw(app, frame, body, &st);
                    let popup = widgets::centered(body, 78, 14);
                    frame.render_widget(Clear, popup);
                    forms::view::draw_engine(app, engine, frame, popup, &st);
                } else {
                    forms::view::draw_engine(app, engine, frame, body, &st);
                }
            }
        }
        None => app.current_screen().view(app, frame, body, &st),
    }
    status::draw(app, frame, status, &st);
    // What the overlays below draw is not clicked through (they take the
    // mouse themselves), so the map is what the screen beneath drew.
    let mut hits = std::mem::take(&mut frame.hits);
    hits.reader_bottom = app.layers.reader.map(|_| frame.text_bottom);
    // The layers drawn over the body, bottom first, so the top one is last.
    for layer in app.layers.bottom_up() {
        match layer {
            Layer::Search => {
                if let Some(palette) = &app.layers.palette {
                    search::draw(app, palette, frame, body, &st);
                }
            }
            Layer::Help => help::draw(app, frame, body, &st),
            Layer::Confirm => {
                if let Some(confirm) = &app.layers.confirm {
                    draw_confirm(app, confirm, frame, body, &st);
                }
            }
            // Drawn as the body above, or by their screen.
            Layer::Form | Layer::Chooser | Layer::Reader => {}
        }
    }
    hits
}

fn too_small(frame: &mut Frame, area: Rect) {
    let text = vec![
        Line::from("Window too small"),
        Line::from(format!(
            "need {MIN_WIDTH}x{MIN_HEIGHT}, have {}x{}",
            area.width, area.height
        )),
    ];
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}

fn draw_tabs(app: &App, frame: &mut Canvas, area: Rect, st: &Styles) {
    let new_feedback = app
        .model
        .records
        .feedback
        .iter()
        .filter(|f| f.state == crate::domain::FeedbackState::New)
        .count();
    // The lettered screens (Trash, Conflicts, Evidence, coaching log) are
    // not numbered: while one shows, its own place in the bar is the
    // highlighted one (not the screen beneath it).
    let own_place = match app.screens.lettered {
        Some(which) if app.layers.form.is_none() => Some(which.tab()),
        _ => None,
    };
    let room = match &own_place {
        Some(label) => area.width.saturating_sub(label.len() as u16 + 1),
        None => area.width,
    };
    let labels = tab_labels(app.screen, new_feedback, room);
    let mut spans = Vec::new();
    let mut tab_hits = Vec::new();
    let mut x = area.x;
    for (screen, label) in Screen::ALL.into_iter().zip(labels) {
        let style = if screen == app.screen && app.layers.form.is_none() && own_place.is_none() {
            st.selected().add_modifier(Modifier::BOLD)
        } else {
            Style::default()
        };
        let width = unicode_width::UnicodeWidthStr::width(label.as_str()) as u16;
        tab_hits.push((Rect::new(x, area.y, width, 1).intersection(area), screen));
        x = x.saturating_add(width + 1);
        spans.push(Span::styled(label, style));
        spans.push(Span::raw("│"));
    }
    if let Some(label) = own_place {
        spans.push(Span::styled(
            label,
            st.selected().add_modifier(Modifier::BOLD),
        ));
        spans.push(Span::raw("│"));
    }
    frame.hits.tabs = tab_hits;
    // The read-only mark is a warning and stays whole; the learner's name
    // takes what room is left, cut with an ellipsis.
    let mark = if app.session.read_only_reason.is_some() {
        " [read-only]"
    } else {
        ""
    };
    let used: usize = spans.iter().map(Span::width).sum();
    let room = usize::from(area.width).saturating_sub(used + mark.len() + 1);
    let name = app.model.header.profile.name.trim();
    if !name.is_empty() && room > 0 {
        spans.push(Span::styled(
            format!(" {}", crate::tui::truncate(name, room)),
            st.dim(),
        ));
    }
    if !mark.is_empty() {
        spans.push(Span::styled(mark, st.warn()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The tab labels: " 1 Diary " and so on, or, when they do not all fit,
/// only the current screen named and the others by number (" 2 ").
pub fn tab_labels(current: Screen, new_feedback: usize, width: u16) -> Vec<String> {
    let full = |screen: Screen| {
        let n = screen.index() + 1;
        match screen {
            Screen::Feedback if new_feedback > 0 => {
                format!(" {n} {} ({new_feedback}) ", screen.title())
            }
            _ => format!(" {n} {} ", screen.title()),
        }
    };
    let labels: Vec<String> = Screen::ALL.into_iter().map(full).collect();
    let needed: usize = labels
        .iter()
        .map(|l| unicode_width::UnicodeWidthStr::width(l.as_str()) + 1)
        .sum();
    if needed <= usize::from(width) {
        return labels;
    }
    Screen::ALL
        .into_iter()
        .map(|screen| match screen {
            s if s == current => full(s),
            Screen::Feedback if new_feedback > 0 => format!(" 3({new_feedback}) "),
            s => format!(" {} ", s.index() + 1),
        })
        .collect()
}

fn draw_confirm(app: &App, confirm: &Confirm, frame: &mut Frame, area: Rect, st: &Styles) {
    let key = |ctx: Context, action: Action| {
        app.keymap
            .key_for(ctx, &action)
            .unwrap_or_else(|| "?".into())
    };
    let choice = |pairs: Vec<(String, &'static str)>| -> Vec<Line<'static>> {
        pairs
            .into_iter()
            .map(|(k, what)| {
                Line::from(vec![
                    Span::styled(format!("{k:>7}"), st.key()),
                    Span::raw(format!("  {what}")),
                ])
            })
            .collect()
    };
    let (title, mut lines) = match confirm {
        Confirm::DiscardChanges => (
            " Unsaved changes ",
            vec![
                Line::from("Close the form and throw away what you typed?"),
                Line::from(Span::styled(
                    "(Kept in trash/drafts/ for 30 days: u brings it back.)",
                    st.dim(),
                )),
                Line::from(""),
            ],
        ),
        Confirm::RestoreDraft(draft) => (
            " Unsaved draft ",
            vec![
                Line::from(format!(
                    "{} from {} was not saved:",
                    crate::tui::forms::form_name_with_article(draft),
                    st.days.moment(&draft.saved_at)
                )),
                Line::from(Span::styled(
                    match draft.headline() {
                        "" => "(no words typed yet)".to_string(),
                        words => format!("“{}”", crate::tui::truncate(words, 50)),
                    },
                    st.title(),
                )),
                Line::from(""),
            ],
        ),
        Confirm::DiscardDraft(draft) => (
            " Discard the draft? ",
            vec![
                Line::from(format!(
                    "Throw away this {}? It is kept in trash/drafts/ for 30 days, and u brings it back.",
                    crate::tui::forms::form_name(draft)
                )),
                Line::from(""),
            ],
        ),
        Confirm::DeleteLinked { title, links, .. } => (
            " Delete it? ",
            vec![
                Line::from(Span::styled(format!("“{title}”"), st.title())),
                Line::from(format!("{links}.")),
                Line::from(Span::styled(
                    "Their links point at nothing until it is restored (u, or T for the trash).",
                    st.dim(),
                )),
                Line::from(""),
            ],
        ),
        Confirm::OverwriteExport(choice) => (
            " Replace the file? ",
            vec![
                Line::from(format!("{} is already there.", choice.path.display())),
                Line::from("Replace it with the new portfolio?"),
                Line::from(""),
            ],
        ),
    };
    lines.extend(match confirm {
        Confirm::DiscardChanges => choice(vec![
            (
                key(Context::Discard, Action::Discard),
                "discard what you typed",
            ),
            (
                key(Context::Discard, Action::No),
                "keep editing (any other key too)",
            ),
        ]),
        Confirm::RestoreDraft(_) => choice(vec![
            (key(Context::Confirm, Action::Yes), "restore it"),
            (key(Context::Confirm, Action::No), "keep it for later"),
            (
                key(Context::Confirm, Action::Discard),
                "discard it (asks first)",
            ),
        ]),
        Confirm::DiscardDraft(_) => choice(vec![
            (key(Context::Confirm, Action::Discard), "discard it"),
            (key(Context::Confirm, Action::No), "back"),
        ]),
        Confirm::DeleteLinked { .. } => choice(vec![
            (
                key(Context::Confirm, Action::Yes),
                "delete it (to the trash)",
            ),
            (key(Context::Confirm, Action::No), "keep it"),
        ]),
        Confirm::OverwriteExport(_) => choice(vec![
            (key(Context::Confirm, Action::Yes), "replace it"),
            (key(Context::Confirm, Action::No), "choose another name"),
        ]),
    });
    let width = area.width.saturating_sub(4).min(64);
    let lines = widgets::wrap_lines(&lines, width.saturating_sub(2));
    let popup = widgets::centered(area, width, lines.len() as u16 + 2);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .title(title)
                .border_style(st.warn()),
        ),
        popup,
    );
}
