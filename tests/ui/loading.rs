//! The first screen reads only the newest `FIRST_PAGE` entries; the rest
//! arrives from a background load (`App::apply_loaded`). Driven here step by
//! step, so the race the pty cannot pin down is taken in the bad order every
//! time: the load read the folder *before* an edit made while it ran.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use starlog::store::{Mode, Workspace};
use starlog::tui::{App, FIRST_PAGE};

const BIG: usize = FIRST_PAGE + 150;

fn now() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339("2026-11-29T09:30:00+00:00").expect("valid")
}

fn press(app: &mut App, code: KeyCode, modifiers: KeyModifiers) {
    app.handle_key(&KeyEvent::new(code, modifiers));
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c), KeyModifiers::NONE);
    }
}

fn status(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

#[test]
fn an_edit_made_while_the_rest_loads_survives_a_load_that_read_before_it() {
    let root = tempfile::tempdir().expect("tmp");
    crate::common::big_diary(root.path(), "learner", BIG);
    let ws = Workspace::open(root.path(), "learner", Mode::Write).expect("open");
    let mut app = App::open(ws, now()).expect("app");
    assert!(
        !app.model.complete,
        "the first screen is not the whole diary"
    );
    assert_eq!(app.model.records.diary.len(), FIRST_PAGE);

    // The background load reads the folder now, before the edit below.
    let stale = Workspace::open(root.path(), "learner", Mode::ReadOnly)
        .expect("reader")
        .load()
        .expect("load");
    assert_eq!(stale.records.diary.len(), BIG);

    // Changing a record read on the first page must wait for the load...
    press(&mut app, KeyCode::Char('e'), KeyModifiers::NONE);
    assert_eq!(status(&app), "Still loading; try again in a moment");
    assert!(app.layers.form.is_none());
    press(&mut app, KeyCode::Char('d'), KeyModifiers::NONE);
    assert_eq!(status(&app), "Still loading; try again in a moment");
    assert_eq!(
        app.model.records.diary.len(),
        FIRST_PAGE,
        "nothing was trashed"
    );

    // ...but a new entry is a new file: it may be written at once.
    press(&mut app, KeyCode::Char('n'), KeyModifiers::NONE);
    assert!(
        app.layers.form.is_some(),
        "n opens the STAR form while loading"
    );
    type_text(&mut app, "Saved while the diary loaded");
    press(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(status(&app), "Entry saved");
    assert_eq!(app.model.records.diary.len(), FIRST_PAGE + 1);

    // The load arrives without the new entry; the app keeps it.
    app.apply_loaded(stale);
    assert!(app.model.complete);
    assert_eq!(
        app.model.records.diary.len(),
        BIG + 1,
        "the whole diary and the new entry"
    );
    assert!(
        app.model
            .records
            .diary
            .iter()
            .any(|e| e.situation == "Saved while the diary loaded"),
        "the entry saved during the load is still there"
    );

    // Now changes are allowed (after a pause: keys typed straight after a
    // form closes are not commands), and the disk holds everything.
    app.typing_guard = None;
    press(&mut app, KeyCode::Char('e'), KeyModifiers::NONE);
    assert!(app.layers.form.is_some(), "e edits once the load is in");
    let (diary, problems) = Workspace::open(root.path(), "learner", Mode::ReadOnly)
        .expect("reader")
        .load_diary();
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(diary.len(), BIG + 1);
}

#[test]
fn an_entry_trashed_after_the_load_read_it_stays_trashed() {
    let root = tempfile::tempdir().expect("tmp");
    crate::common::big_diary(root.path(), "learner", BIG);
    let ws = Workspace::open(root.path(), "learner", Mode::Write).expect("open");
    let mut app = App::open(ws, now()).expect("app");
    // A first load completes, so `d` is allowed.
    let first = Workspace::open(root.path(), "learner", Mode::ReadOnly)
        .expect("reader")
        .load()
        .expect("load");
    app.apply_loaded(first);
    // A reload reads the folder, then the learner trashes the newest entry.
    let stale = Workspace::open(root.path(), "learner", Mode::ReadOnly)
        .expect("reader")
        .load()
        .expect("load");
    press(&mut app, KeyCode::Char('d'), KeyModifiers::NONE);
    assert!(status(&app).contains("to the trash"), "{}", status(&app));
    assert_eq!(app.model.records.diary.len(), BIG - 1);
    app.apply_loaded(stale);
    assert_eq!(
        app.model.records.diary.len(),
        BIG - 1,
        "a load that read the folder before the trash does not bring it back"
    );
}
