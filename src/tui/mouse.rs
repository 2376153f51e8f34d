//! The mouse: click a tab, click a list row (again to open it), and scroll
//! lists, previews, the reader and help with the wheel. The view records
//! where it drew tabs, lists and previews (`MouseMap`); a click is looked up
//! there, so it always matches what is on screen.

use super::{Action, App, Context, Screen};
use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

/// One list as drawn: its rows' area and the first row shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListHit {
    pub rows: Rect,
    pub start: usize,
    pub len: usize,
}

/// Where the last frame drew what can be clicked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MouseMap {
    pub tabs: Vec<(Rect, Screen)>,
    pub lists: Vec<ListHit>,
    pub previews: Vec<Rect>,
    /// The reader's last scroll position, where its text ends (when open).
    pub reader_bottom: Option<u16>,
    /// The reader's records (see `links.rs`): the wrapped row each starts
    /// at and how many rows it takes, and the rows the reader shows, so a
    /// picked record can be scrolled into view.
    pub reader_links: Vec<(u16, u16)>,
    pub reader_rows: u16,
    /// A pane scrolled by keys beside a list (the coaching log's session):
    /// how far it can scroll before its text ends, and the rows it shows.
    pub pane: Option<(u16, u16)>,
}

/// Rows moved per wheel notch in a preview, the reader or help.
const SCROLL_STEP: u16 = 3;

impl App {
    pub fn handle_mouse(&mut self, ev: &MouseEvent) {
        let at = Position::new(ev.column, ev.row);
        let map = self.mouse_map.clone();
        let down = matches!(ev.kind, MouseEventKind::ScrollDown);
        let wheel = matches!(
            ev.kind,
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp
        );
        match self.context() {
            // Popups and forms keep the keyboard's focus; the mouse waits.
            Context::Confirm | Context::Discard | Context::Form => {}
            Context::Search if wheel => {
                self.update(if down { Action::Down } else { Action::Up });
            }
            Context::Search => {}
            // The wheel over the coaching log's session scrolls it.
            Context::Coaching if wheel && map.previews.iter().any(|r| r.contains(at)) => {
                let step = i32::from(SCROLL_STEP);
                self.scroll_session(if down { step } else { -step });
            }
            Context::Help
            | Context::Trash
            | Context::Conflicts
            | Context::Evidence
            | Context::Coaching
                if wheel =>
            {
                self.update(if down { Action::Down } else { Action::Up });
            }
            Context::Help
            | Context::Trash
            | Context::Conflicts
            | Context::Evidence
            | Context::Coaching => {}
            // The caseload is not a context of the learner's app.
            Context::Chooser | Context::Team => {}
            Context::Reader if wheel => {
                self.layers.reader = self.layers.reader.map(|s| {
                    if down {
                        s.saturating_add(SCROLL_STEP)
                    } else {
                        s.saturating_sub(SCROLL_STEP)
                    }
                });
            }
            Context::Reader | Context::Screen(_) => {
                if ev.kind == MouseEventKind::Down(MouseButton::Left) {
                    self.click(at, &map);
                } else if wheel {
                    if map.previews.iter().any(|r| r.contains(at)) {
                        let screen = self.screen;
                        let current = self.preview_scroll_for(screen);
                        let next = if down {
                            current.saturating_add(SCROLL_STEP)
                        } else {
                            current.saturating_sub(SCROLL_STEP)
                        };
                        self.preview_scroll = Some((screen, self.selected(screen), next));
                    } else {
                        self.update(if down { Action::Down } else { Action::Up });
                    }
                }
            }
        }
    }

    fn click(&mut self, at: Position, map: &MouseMap) {
        if let Some((_, screen)) = map.tabs.iter().find(|(r, _)| r.contains(at)) {
            self.status = None;
            self.update(Action::ShowScreen(*screen));
            return;
        }
        // Rows map to the selection only when the screen shows one list.
        if self.layers.reader.is_none()
            && let [list] = map.lists.as_slice()
            && list.rows.contains(at)
        {
            let index = list.start + usize::from(at.y - list.rows.y);
            if index < list.len && index < self.list_len(self.screen) {
                self.status = None;
                if index == self.selected(self.screen) {
                    self.update(Action::Open);
                } else {
                    self.select(self.screen, index);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{DiaryEntry, Id, Records};
    use crate::store::Loaded;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::crossterm::event::KeyModifiers;

    fn app_with_entries(n: usize) -> App {
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-22T10:00:00+00:00").unwrap();
        let mut diary = Vec::new();
        for i in 0..n {
            let day = now.date_naive() - chrono::Days::new(i as u64);
            let mut e = DiaryEntry::new(Id::generate(), day, now);
            e.text = format!("Entry number {i}\n\n{}", "line\n".repeat(40));
            diary.push(e);
        }
        let loaded = Loaded {
            records: Records {
                diary,
                ..Records::default()
            },
            ..Loaded::default()
        };
        App::from_loaded(loaded, now)
    }

    /// Draws a frame and keeps its hit map, as the loop does.
    fn draw(app: &mut App) {
        screen_text(app);
    }

    fn mouse(kind: MouseEventKind, column: u16, row: u16) -> MouseEvent {
        MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        }
    }

    fn click(column: u16, row: u16) -> MouseEvent {
        mouse(MouseEventKind::Down(MouseButton::Left), column, row)
    }

    #[test]
    fn clicking_a_tab_shows_its_screen() {
        let mut app = app_with_entries(3);
        draw(&mut app);
        let (rect, _) = app.mouse_map.tabs[2];
        app.handle_mouse(&click(rect.x + 1, rect.y));
        assert_eq!(app.screen, Screen::Feedback);
    }

    #[test]
    fn clicking_a_row_selects_it_and_again_opens_it() {
        let mut app = app_with_entries(5);
        draw(&mut app);
        let list = app.mouse_map.lists[0];
        app.handle_mouse(&click(list.rows.x + 2, list.rows.y + 2));
        assert_eq!(app.selected(Screen::Diary), 2);
        assert!(app.layers.reader.is_none());
        draw(&mut app);
        app.handle_mouse(&click(list.rows.x + 2, list.rows.y + 2));
        assert!(
            app.layers.reader.is_some(),
            "a second click opens the entry"
        );
        // Clicking below the last entry does nothing.
        let mut app = app_with_entries(2);
        draw(&mut app);
        let list = app.mouse_map.lists[0];
        app.handle_mouse(&click(list.rows.x + 2, list.rows.y + 5));
        assert_eq!(app.selected(Screen::Diary), 0);
    }

    #[test]
    fn the_wheel_moves_the_list_and_scrolls_the_preview() {
        let mut app = app_with_entries(5);
        draw(&mut app);
        let list = app.mouse_map.lists[0];
        app.handle_mouse(&mouse(MouseEventKind::ScrollDown, list.rows.x, list.rows.y));
        assert_eq!(app.selected(Screen::Diary), 1);
        draw(&mut app);
        let preview = app.mouse_map.previews[0];
        app.handle_mouse(&mouse(
            MouseEventKind::ScrollDown,
            preview.x + 2,
            preview.y + 2,
        ));
        assert_eq!(app.preview_scroll_for(Screen::Diary), SCROLL_STEP);
        assert_eq!(app.selected(Screen::Diary), 1, "the list stays put");
        // Another entry's preview starts at the top.
        app.update(Action::Down);
        assert_eq!(app.preview_scroll_for(Screen::Diary), 0);
    }

    #[test]
    fn forms_ignore_the_mouse() {
        let mut app = app_with_entries(2);
        app.new_entry();
        draw(&mut app);
        app.handle_mouse(&click(3, 0));
        assert!(app.layers.form.is_some());
    }

    fn screen_text(app: &mut App) -> String {
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        let mut hits = None;
        terminal
            .draw(|f| hits = Some(crate::tui::view(app, f)))
            .unwrap();
        app.mouse_map = hits.unwrap();
        let buffer = terminal.backend().buffer();
        let mut out = String::new();
        for y in 0..buffer.area.height {
            for x in 0..buffer.area.width {
                out.push_str(buffer[(x, y)].symbol());
            }
            out.push('\n');
        }
        out
    }

    #[test]
    fn end_and_g_in_the_reader_go_to_the_bottom_of_the_text() {
        use ratatui::crossterm::event::{KeyCode, KeyEvent};
        for key in [KeyCode::Char('G'), KeyCode::End] {
            let mut app = app_with_entries(3);
            let lines: Vec<String> = (1..=40).map(|n| format!("line {n}")).collect();
            app.model.records.change().diary[0].text =
                format!("{}\nThe last words.", lines.join("\n"));
            app.update(Action::Open);
            assert!(!screen_text(&mut app).contains("The last words."));
            app.handle_key(&KeyEvent::new(key, KeyModifiers::NONE));
            assert!(app.layers.reader.is_some(), "{key:?} keeps the reader open");
            assert_eq!(
                app.selected(Screen::Diary),
                0,
                "{key:?} leaves the list alone"
            );
            assert!(screen_text(&mut app).contains("The last words."), "{key:?}");
            // k then goes up one row from the bottom, not from a far-off number.
            app.handle_key(&KeyEvent::new(KeyCode::Char('k'), KeyModifiers::NONE));
            let bottom = app.mouse_map.reader_bottom.unwrap();
            assert_eq!(app.layers.reader, Some(bottom - 1), "{key:?}");
        }
    }

    /// The wheel over the coaching log's session scrolls it; over the list
    /// it moves the selection, as in the other lists.
    #[test]
    fn the_wheel_scrolls_the_coaching_session_beneath_it() {
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-22T10:00:00+00:00").unwrap();
        let (_, header, records) = crate::demo::team(now.date_naive()).remove(0);
        let mut app = App::from_loaded(
            Loaded {
                header,
                records,
                ..Loaded::default()
            },
            now,
        );
        app.update(Action::ShowCoaching);
        draw(&mut app);
        let pane = app.mouse_map.previews[0];
        app.handle_mouse(&mouse(MouseEventKind::ScrollDown, pane.x + 2, pane.y + 2));
        assert_eq!(app.screens.coaching.scroll, SCROLL_STEP);
        assert_eq!(app.screens.coaching.selected, 0);
        app.handle_mouse(&mouse(MouseEventKind::ScrollUp, pane.x + 2, pane.y + 2));
        assert_eq!(app.screens.coaching.scroll, 0);
        // Over the list: the next session, shown from its top.
        app.handle_mouse(&mouse(MouseEventKind::ScrollDown, pane.x + 2, pane.y + 2));
        app.handle_mouse(&mouse(MouseEventKind::ScrollDown, 2, 3));
        assert_eq!(app.screens.coaching.selected, 1);
        assert_eq!(app.screens.coaching.scroll, 0);
    }
}
