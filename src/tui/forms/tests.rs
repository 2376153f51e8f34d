//! The engine's behaviour, driven through `App` with keys as a learner
//! types them: what every form does with pre-filled fields, the discard
//! question, keys typed after a form closes, field keys and drafts.

use crate::domain::{DiaryEntry, Id};
use crate::store::{Mode, Workspace};
use crate::tui::{App, Confirm, Form, Screen};
use chrono::{DateTime, FixedOffset};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-29T10:00:00+00:00").expect("test time")
}

/// An app on a real (temporary) workspace holding one saved entry, fully
/// loaded, with the first-run greeting out of the way.
fn app_with_entry() -> (tempfile::TempDir, App, Id) {
    let root = tempfile::tempdir().expect("temp dir");
    let ws = Workspace::open(root.path(), "default", Mode::Write).expect("workspace");
    let mut entry = DiaryEntry::new(Id::generate(), now().date_naive(), now());
    entry.situation = "An earlier call about a refund".into();
    ws.create(&entry).expect("saved");
    let loaded = ws.load().expect("loads");
    let mut app = App::open(ws, now()).expect("opens");
    app.apply_loaded(loaded);
    app.model.header.onboarded = true;
    (root, app, entry.id)
}

fn press(app: &mut App, code: KeyCode) {
    app.handle_key(&KeyEvent::new(code, KeyModifiers::NONE));
}

fn ctrl(app: &mut App, c: char) {
    app.handle_key(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn focused_text(app: &mut App) -> String {
    let form = app.layers.form.as_mut().expect("a form is open");
    let field = form.state_mut().focused_text().expect("a text field");
    field.area.lines().join("\n")
}

fn drafts_in(root: &tempfile::TempDir, sub: &str) -> usize {
    std::fs::read_dir(root.path().join("default").join(sub))
        .map(|d| d.count())
        .unwrap_or(0)
}

#[test]
fn esc_then_more_typing_keeps_every_word_and_edits_nothing_else() {
    let (root, mut app, earlier) = app_with_entry();
    let before = std::fs::read_dir(root.path().join("default/diary"))
        .expect("diary folder")
        .count();
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "The customer said");
    app.write_draft();
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.layers.confirm, Some(Confirm::DiscardChanges));
    // The learner did not look up: the rest of the sentence is typed on.
    type_text(&mut app, " they were happy");
    assert!(app.layers.confirm.is_none(), "the question went away");
    assert_eq!(focused_text(&mut app), "The customer said they were happy");
    let Some(Form::Star(form)) = &app.layers.form else {
        panic!("the new entry's form is still open");
    };
    assert!(!form.spec.editing, "still the new entry, not the saved one");
    assert_eq!(drafts_in(&root, "drafts"), 1, "the draft was not deleted");
    let saved = app
        .model
        .records
        .diary
        .iter()
        .find(|e| e.id == earlier)
        .expect("the earlier entry");
    assert_eq!(saved.situation, "An earlier call about a refund");
    let after = std::fs::read_dir(root.path().join("default/diary"))
        .expect("diary folder")
        .count();
    assert_eq!(before, after);
}

#[test]
fn neither_y_nor_enter_discards() {
    let (_root, mut app, _) = app_with_entry();
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "Typed");
    for key in [KeyCode::Char('y'), KeyCode::Enter] {
        press(&mut app, KeyCode::Esc);
        press(&mut app, key);
        assert!(app.layers.form.is_some(), "{key:?} kept the form open");
    }
    // Esc on the question goes back to editing without typing anything.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    assert!(app.layers.confirm.is_none());
    assert_eq!(focused_text(&mut app), "Typedy\n");
}

#[test]
fn ctrl_d_discards_into_the_trash_and_u_brings_it_back() {
    let (root, mut app, _) = app_with_entry();
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "Worth keeping after all");
    app.write_draft();
    press(&mut app, KeyCode::Esc);
    ctrl(&mut app, 'd');
    assert!(app.layers.form.is_none(), "Ctrl-D discards");
    assert_eq!(drafts_in(&root, "drafts"), 0);
    assert_eq!(drafts_in(&root, "trash/drafts"), 1, "kept in the trash");
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.text.contains("u brings it back"))
    );
    // After a pause, `u` on the list brings the text back in its form.
    app.typing_guard = None;
    press(&mut app, KeyCode::Char('u'));
    assert!(matches!(app.layers.form, Some(Form::Star(_))));
    assert_eq!(focused_text(&mut app), "Worth keeping after all");
    assert_eq!(drafts_in(&root, "trash/drafts"), 0);
    assert_eq!(drafts_in(&root, "drafts"), 1);
}

#[test]
fn the_trash_lists_discarded_drafts_and_enter_brings_one_back_after_a_restart() {
    let (root, mut app, _) = app_with_entry();
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "Discarded but wanted");
    app.write_draft();
    press(&mut app, KeyCode::Esc);
    ctrl(&mut app, 'd');
    assert_eq!(drafts_in(&root, "trash/drafts"), 1);
    // Opened again, `u` no longer knows the draft: the Trash lists it.
    drop(app);
    let ws = Workspace::open(root.path(), "default", Mode::Write).expect("workspace");
    let loaded = ws.load().expect("loads");
    let mut app = App::open(ws, now()).expect("opens");
    app.apply_loaded(loaded);
    app.model.header.onboarded = true;
    app.update(crate::tui::Action::ShowTrash);
    let trash = crate::tui::screens::Lettered::Trash;
    assert!(app.screens.is_open(trash), "the trash is open");
    let view = &app.screens.trash;
    assert_eq!(view.drafts.len(), 1, "the discarded draft is listed");
    assert_eq!(view.len(), 1, "and nothing else was deleted");
    assert!(
        crate::tui::draft_description(&view.drafts[0]).contains("Discarded but wanted"),
        "named by its form and first words"
    );
    app.update(crate::tui::Action::Restore);
    assert!(!app.screens.is_open(trash), "the trash closes");
    assert!(
        matches!(app.layers.form, Some(Form::Star(_))),
        "its form opens"
    );
    assert_eq!(focused_text(&mut app), "Discarded but wanted");
    assert_eq!(drafts_in(&root, "trash/drafts"), 0);
    assert_eq!(drafts_in(&root, "drafts"), 1);
}

#[test]
fn keys_typed_straight_after_saving_are_not_commands() {
    let (root, mut app, _) = app_with_entry();
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "Saved quickly");
    ctrl(&mut app, 's');
    assert!(app.layers.form.is_none(), "saved and closed");
    let count = app.model.records.diary.len();
    // Still typing: `e` would edit, `d` delete, `q` quit.
    type_text(&mut app, "ed q");
    assert!(app.layers.form.is_none(), "no form opened");
    assert!(app.exit.is_none(), "did not quit");
    assert_eq!(app.model.records.diary.len(), count, "nothing deleted");
    assert!(
        !root.path().join("default/trash/diary").exists(),
        "nothing trashed"
    );
    // After a pause the keys are commands again.
    app.typing_guard = Some(std::time::Instant::now() - std::time::Duration::from_millis(1));
    press(&mut app, KeyCode::Char('2'));
    assert_eq!(app.screen, Screen::Plan);
}

#[test]
fn typing_into_a_prefilled_date_replaces_it() {
    let (_root, mut app, _) = app_with_entry();
    press(&mut app, KeyCode::Char('n'));
    // Situation is first in focus; Shift-Tab goes back to the date.
    press(&mut app, KeyCode::BackTab);
    type_text(&mut app, "28/11/2026");
    assert_eq!(focused_text(&mut app), "28/11/2026");
    // Backspace on a fresh entry into the field clears the value.
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::BackTab);
    press(&mut app, KeyCode::Backspace);
    assert_eq!(focused_text(&mut app), "");
}

#[test]
fn entering_a_prefilled_text_field_puts_the_cursor_at_the_end() {
    let (_root, mut app, _) = app_with_entry();
    app.screen = Screen::Diary;
    press(&mut app, KeyCode::Char('e'));
    assert!(app.layers.form.is_some(), "editing the saved entry");
    type_text(&mut app, " in March");
    assert_eq!(
        focused_text(&mut app),
        "An earlier call about a refund in March"
    );
}

#[test]
fn ctrl_u_deletes_to_the_start_of_the_line_in_every_text_field() {
    let (_root, mut app, _) = app_with_entry();
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "first words");
    ctrl(&mut app, 'u');
    assert_eq!(focused_text(&mut app), "");
    ctrl(&mut app, 'z');
    assert_eq!(focused_text(&mut app), "first words", "Ctrl-Z undoes");
}

#[test]
fn a_restored_draft_names_its_form_and_discarding_it_asks_first() {
    let (root, mut app, _) = app_with_entry();
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "Left for later");
    app.write_draft();
    ctrl(&mut app, 'c');
    assert_eq!(
        app.kept_draft.as_deref(),
        Some("STAR entry “Left for later”")
    );
    let ws = Workspace::open(root.path(), "default", Mode::Capture).expect("workspace");
    drop(app);
    let mut app = App::open(ws, now()).expect("opens");
    assert!(matches!(app.layers.confirm, Some(Confirm::RestoreDraft(_))));
    ctrl(&mut app, 'd');
    assert!(
        matches!(app.layers.confirm, Some(Confirm::DiscardDraft(_))),
        "asks first"
    );
    press(&mut app, KeyCode::Esc);
    assert!(
        matches!(app.layers.confirm, Some(Confirm::RestoreDraft(_))),
        "back"
    );
    ctrl(&mut app, 'd');
    ctrl(&mut app, 'd');
    assert!(app.layers.confirm.is_none());
    assert_eq!(drafts_in(&root, "drafts"), 0);
    assert_eq!(drafts_in(&root, "trash/drafts"), 1);
}

/// The bug: the filter pop-up offered "Ctrl-S save and close".
#[test]
fn the_feedback_filter_says_enter_applies_and_esc_cancels() {
    let (_root, mut app, _) = app_with_entry();
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Char('f'));
    assert!(matches!(app.layers.form, Some(Form::FeedbackFilter(_))));
    let hints: Vec<String> = crate::tui::status::hints(&app)
        .into_iter()
        .map(|h| format!("{} {}", h.keys, h.help))
        .collect();
    assert!(hints.contains(&"Enter apply".to_string()), "{hints:?}");
    assert!(hints.contains(&"Esc cancel".to_string()), "{hints:?}");
    assert!(!hints.iter().any(|h| h.contains("save")), "{hints:?}");
    type_text(&mut app, "from:zz");
    press(&mut app, KeyCode::Enter);
    let error = app
        .layers
        .form
        .as_ref()
        .and_then(|f| f.engine())
        .and_then(|f| f.error())
        .expect("refused at the field");
    assert_eq!(error.field, "filter");
    // Esc closes a filter without asking, typed or not.
    press(&mut app, KeyCode::Esc);
    assert!(app.layers.form.is_none() && app.layers.confirm.is_none());
}

/// Issue 14 fix 11: a diary entry dated in the future is noted at the form
/// (it still saves: the learner may mean it).
#[test]
fn a_diary_date_in_the_future_is_noted() {
    let (_root, mut app, _) = app_with_entry();
    press(&mut app, KeyCode::Char('n'));
    let advice = |app: &App| {
        app.layers
            .form
            .as_ref()
            .and_then(|f| f.engine())
            .and_then(|f| f.advice(app))
            .map(|a| format!("{:?}", a.lines))
            .unwrap_or_default()
    };
    assert!(!advice(&app).contains("in the future"));
    app.handle_key(&KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
    type_text(&mut app, "+3d");
    assert!(
        advice(&app).contains("2 Dec 2026 is in the future"),
        "{}",
        advice(&app)
    );
}

/// The bug: the restore question said "A objective from …".
#[test]
fn the_restore_question_says_an_before_a_vowel_sound() {
    use crate::domain::{Draft, DraftForm};
    use crate::tui::forms::form_name_with_article;
    let draft = |form| Draft::of_fields(Id::generate(), now(), None, form, Vec::new());
    assert_eq!(
        form_name_with_article(&draft(DraftForm::Objective)),
        "An objective"
    );
    assert_eq!(
        form_name_with_article(&draft(DraftForm::Star)),
        "A STAR entry"
    );
    assert_eq!(
        form_name_with_article(&draft(DraftForm::Kpi)),
        "A KPI reading"
    );
    assert_eq!(
        form_name_with_article(&draft(DraftForm::Review)),
        "A review"
    );
}

/// The screen at 80x24, one string a row.
fn screen_80x24(app: &App) -> Vec<String> {
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).expect("test terminal");
    terminal
        .draw(|f| {
            crate::tui::view(app, f);
        })
        .expect("draws");
    let buffer = terminal.backend().buffer();
    (0..24)
        .map(|y| (0..80).map(|x| buffer[(x, y)].symbol()).collect())
        .collect()
}

/// The rows inside the focused field's box (the box drawn right of the
/// field list), as drawn.
fn box_rows(screen: &[String]) -> Vec<String> {
    let rows: Vec<Vec<char>> = screen.iter().map(|r| r.chars().collect()).collect();
    let Some((top, left)) = rows
        .iter()
        .enumerate()
        .skip(1)
        .find_map(|(y, r)| r.iter().skip(1).position(|c| *c == '┌').map(|x| (y, x + 1)))
    else {
        return Vec::new();
    };
    rows[top + 1..]
        .iter()
        .take_while(|r| r.get(left) == Some(&'│'))
        .map(|r| {
            let inner = &r[left + 1..];
            let end = inner.iter().position(|c| *c == '│').unwrap_or(inner.len());
            inner[..end]
                .iter()
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .filter(|r| !r.is_empty())
        .collect()
}

/// The bug at 80x24: wrapped lines in a form's text started with a
/// space and a wrap fell inside a date (`31` / `/03/2027`).
#[test]
fn wrapped_form_text_never_starts_with_a_space_or_splits_a_date_at_80x24() {
    let (_root, mut app, _) = app_with_entry();
    press(&mut app, KeyCode::Char('n'));
    let sentence = "The customer asked for a full refund by 31/03/2027 and I said \
        I would ring back on 02/04/2027 with an answer from our billing team";
    type_text(&mut app, sentence);
    let rows = box_rows(&screen_80x24(&app));
    assert!(rows.len() > 2, "the text wraps: {rows:#?}");
    assert!(rows.iter().all(|r| !r.starts_with(' ')), "{rows:#?}");
    for date in ["31/03/2027", "02/04/2027"] {
        assert!(rows.iter().any(|r| r.contains(date)), "{date}: {rows:#?}");
    }
    assert_eq!(rows.join(" "), sentence);
}

/// Found trying it as a hurried learner: starlog offered a kept draft back
/// as it started, the first letter typed (`n`) kept it for later, and the
/// rest of the sentence went to the list behind as commands.
#[test]
fn keys_typed_straight_after_keeping_a_draft_for_later_are_not_commands() {
    let (root, mut app, _) = app_with_entry();
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "Left for later");
    app.write_draft();
    ctrl(&mut app, 'c');
    drop(app);
    let ws = Workspace::open(root.path(), "default", Mode::Write).expect("workspace");
    let loaded = ws.load().expect("loads");
    let mut app = App::open(ws, now()).expect("opens");
    app.apply_loaded(loaded);
    app.model.header.onboarded = true;
    assert!(matches!(app.layers.confirm, Some(Confirm::RestoreDraft(_))));
    let count = app.model.records.diary.len();
    // `n` keeps the draft; `e` would edit, `d` delete, `q` quit.
    type_text(&mut app, "ned q");
    assert!(app.layers.confirm.is_none(), "kept for later");
    assert!(app.layers.form.is_none(), "no form opened");
    assert!(app.exit.is_none(), "did not quit");
    assert_eq!(app.model.records.diary.len(), count, "nothing deleted");
    assert_eq!(drafts_in(&root, "drafts"), 1, "the draft is kept");
}

/// A record form is registered by one line: a draft of each kind comes
/// back in its form and is named in the learner's words.
#[test]
fn every_record_forms_draft_comes_back_in_its_form_and_is_named() {
    use crate::domain::{Draft, DraftForm};
    use crate::tui::forms::form_name;
    let (_root, app, _) = app_with_entry();
    for (form, name) in [
        (DraftForm::Need, "development need"),
        (DraftForm::Objective, "objective"),
        (DraftForm::Activity, "development activity"),
        (DraftForm::Witness, "witness statement"),
        (DraftForm::Practice, "practice record"),
        (DraftForm::Coaching, "coaching session"),
    ] {
        let draft = Draft::of_fields(Id::generate(), now(), None, form, Vec::new());
        assert_eq!(form_name(&draft), name);
        let back = Form::from_draft(&draft, &app).expect("its form");
        let record = back.state().to_draft(now()).expect("keeps drafts");
        assert_eq!(record.form, form, "{name}");
    }
}

/// Found trying Ctrl-C at 80x24: the shell said a draft “Staying calm when
/// a customer on 31/03/2…” was kept, cut inside the date. A draft's first
/// words are cut at a word's end.
#[test]
fn a_kept_drafts_first_words_are_cut_at_a_word_end() {
    use crate::domain::{Draft, DraftField, DraftForm};
    let text = "Staying calm when a customer on 31/03/2027 shouts at me";
    let fields = vec![DraftField {
        name: "area".into(),
        text: text.into(),
    }];
    let draft = Draft::of_fields(Id::generate(), now(), None, DraftForm::Need, fields);
    let said = crate::tui::draft_description(&draft);
    assert_eq!(said, "development need “Staying calm when a customer on…”");
}
