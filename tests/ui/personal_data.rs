//! The note a form shows at a field whose text looks like a customer's
//! personal data: shown while typing, gone when the detail is taken out,
//! and never in the way of saving.

use chrono::{DateTime, FixedOffset};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use starlog::domain::{Records, WorkspaceHeader};
use starlog::store::Loaded;
use starlog::tui::{Action, App};

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-23T09:30:00+00:00").expect("valid time")
}

fn screen(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("test terminal");
    terminal
        .draw(|f| {
            starlog::tui::view(app, f);
        })
        .expect("draw succeeds");
    let buffer = terminal.backend().buffer().clone();
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
fn the_star_form_notes_a_phone_number_at_the_field() {
    let header = WorkspaceHeader {
        onboarded: true,
        ..WorkspaceHeader::default()
    };
    let loaded = Loaded {
        header,
        records: Records::default(),
        ..Loaded::default()
    };
    let mut app = App::from_loaded(loaded, now());
    app.update(Action::New);
    for c in "Mrs Ali rang from 07700 900321".chars() {
        app.handle_key(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
    let shown = screen(&app);
    assert!(
        shown.contains("looks like a customer's phone number"),
        "{shown}"
    );
    assert!(!shown.contains("phone number (07700"), "masked: {shown}");
    for _ in 0.."07700 900321".len() {
        app.handle_key(&KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
    }
    let shown = screen(&app);
    assert!(!shown.contains("looks like a customer's"), "{shown}");
}
