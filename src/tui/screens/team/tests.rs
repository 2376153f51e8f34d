//! The Team screen driven key by key and drawn into a TestBackend, on a
//! generated caseload.

use super::*;
use crate::domain::caseload::Member;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 29).expect("a real day")
}

/// A caseload of `n` generated learners, read from a temporary root.
fn team(n: usize) -> (tempfile::TempDir, Team) {
    let dir = tempfile::tempdir().expect("temp root");
    crate::cohort::write_root(dir.path(), n, 80, today()).expect("cohort");
    let root = crate::caseload::root(Some(dir.path()), None, dir.path());
    let mut config = Config::default();
    config.theme = crate::config::ThemeName::Monochrome;
    let mut t = Team::new(root, today(), &config);
    let members =
        crate::caseload::read(&t.root.path, today(), &TeamProgress::default()).expect("read");
    t.take(members);
    (dir, t)
}

fn screen(team: &Team, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    terminal.draw(|f| view::draw(team, f)).expect("draw");
    let buffer = terminal.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..h {
        for x in 0..w {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

fn press(team: &mut Team, code: KeyCode) -> Outcome {
    team.key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn names(team: &Team) -> Vec<String> {
    team.visible
        .iter()
        .map(|&i| team.members[i].display_name().to_string())
        .collect::<Vec<_>>()
}

#[test]
fn the_screen_lists_every_learner_with_their_line_and_marks_an_overdue_review() {
    let (_dir, team) = team(4);
    let text = screen(&team, 80, 24);
    assert!(text.contains(" Team · 4 learners · by name · "), "{text}");
    assert!(text.contains("LEARNER"), "{text}");
    for name in ["Aisha Shah", "Gareth Shah", "Priya Shah", "Tom Shah"] {
        assert!(text.contains(name), "{name} in\n{text}");
    }
    // Learner 1 dropped their latest review: it is overdue, marked with `!`.
    let tom = text
        .lines()
        .find(|l| l.contains("Tom Shah"))
        .expect("Tom's row");
    assert!(tom.contains(" !"), "{text}");
    assert!(
        text.contains("Not yet:"),
        "the selected learner's failing rules: {text}"
    );
    assert!(text.contains("Enter open read-only"), "{text}");
    // Narrow and tiny terminals draw without panicking.
    let narrow = screen(&team, 50, 12);
    assert!(
        narrow.contains("LEARNER") && !narrow.contains("COACHED"),
        "{narrow}"
    );
    screen(&team, 20, 5);
}

#[test]
fn s_sorts_f_filters_and_enter_opens_the_selected_learner() {
    let (dir, mut team) = team(4);
    assert_eq!(
        names(&team),
        ["Aisha Shah", "Gareth Shah", "Priya Shah", "Tom Shah"]
    );
    // Readiness, then next review, then last entry (longest silent first).
    press(&mut team, KeyCode::Char('s'));
    assert_eq!(team.sort, SortKey::Readiness);
    press(&mut team, KeyCode::Char('s'));
    press(&mut team, KeyCode::Char('s'));
    assert_eq!(team.sort, SortKey::LastEntry);
    assert_eq!(
        names(&team),
        ["Gareth Shah", "Aisha Shah", "Tom Shah", "Priya Shah"]
    );
    assert!(screen(&team, 80, 24).contains("by last entry"));

    // The filter follows each key; Enter keeps it, Esc clears it.
    press(&mut team, KeyCode::Char('f'));
    for c in "pri".chars() {
        press(&mut team, KeyCode::Char(c));
    }
    assert_eq!(names(&team), ["Priya Shah"]);
    assert!(screen(&team, 80, 24).contains("Filter: pri"));
    press(&mut team, KeyCode::Enter);
    assert!(!team.typing);
    assert!(screen(&team, 80, 24).contains("1 shown for “pri”"));
    assert_eq!(
        press(&mut team, KeyCode::Enter),
        Outcome::Open(dir.path().join("learner-000"))
    );
    press(&mut team, KeyCode::Esc);
    assert_eq!(names(&team).len(), 4);
    press(&mut team, KeyCode::Char('/'));
    for c in "level:3".chars() {
        press(&mut team, KeyCode::Char(c));
    }
    assert_eq!(names(&team), ["Gareth Shah", "Tom Shah"]);
    press(&mut team, KeyCode::Esc);
    assert!(!team.typing && team.filter.is_empty());
    assert_eq!(press(&mut team, KeyCode::Char('q')), Outcome::Quit);
}

#[test]
fn progress_shows_while_reading_and_a_broken_workspace_cannot_be_opened() {
    let dir = tempfile::tempdir().expect("temp root");
    let root = crate::caseload::root(Some(dir.path()), None, dir.path());
    let mut team = Team::new(root, today(), &Config::default());
    // Before the first read is in: the progress of the read.
    let (tx, done) = std::sync::mpsc::channel();
    let progress = Arc::new(TeamProgress::default());
    progress.workspaces.store(200, Ordering::Relaxed);
    progress.read.store(57, Ordering::Relaxed);
    progress.records.store(57_000, Ordering::Relaxed);
    team.reading = Some(Reading { progress, done });
    let text = screen(&team, 80, 24);
    assert!(
        text.contains("Reading the learners' workspaces… 57 of 200 (57,000 records)"),
        "{text}"
    );
    tx.send(Ok(vec![Member {
        folder: "broken".into(),
        state: MemberState::Problem("workspace.ron: made by a newer version of starlog".into()),
    }]))
    .expect("send");
    assert!(team.poll());
    let text = screen(&team, 80, 24);
    assert!(text.contains("could not be read: workspace.ron"), "{text}");
    assert_eq!(press(&mut team, KeyCode::Enter), Outcome::Stay);
    assert!(screen(&team, 80, 24).contains("broken cannot be opened"));
}

#[test]
fn question_mark_explains_the_keys_and_columns_and_closes_without_quitting() {
    let (_dir, mut t) = team(5);
    let before = screen(&t, 80, 24);
    assert!(
        before.contains("? help"),
        "the status line offers help:\n{before}"
    );
    assert_eq!(press(&mut t, KeyCode::Char('?')), Outcome::Stay);
    let help = screen(&t, 80, 24);
    for words in [
        "open read-only",
        "FB",
        "feedback not yet reflected on",
        "OBJ",
        "past their target date",
        "! when it is overdue",
    ] {
        assert!(help.contains(words), "`{words}` missing:\n{help}");
    }
    // q closes the help: it does not quit the caseload.
    assert_eq!(press(&mut t, KeyCode::Char('q')), Outcome::Stay);
    assert!(!t.help);
    assert_eq!(screen(&t, 80, 24), before);
    // Keys typed while it is open never reach the list.
    press(&mut t, KeyCode::Char('?'));
    let selected = t.selected;
    press(&mut t, KeyCode::Char('j'));
    press(&mut t, KeyCode::Esc);
    assert_eq!(t.selected, selected);
}
