//! End-to-end tests of the Plan screen: the real binary in a pty adds a need,
//! an objective linked to it (SMART badges shown), saves, quits and reopens;
//! a bad date is explained at its field; Ctrl-C keeps an objective's draft;
//! a practice record listed on the Plan goes to the trash with d and back with u.

use crate::common;

use common::{CTRL_C, CTRL_S, Pty, TAB, TIMEOUT, decode};
use starlog::domain::{DevelopmentNeed, Objective};
use std::path::{Path, PathBuf};
use std::time::Instant;

fn files(root: &Path, folder: &str) -> Vec<PathBuf> {
    common::ron_files(&common::workspace(root).join(folder))
}

/// Starts the app on a new workspace, past the greeting, on the Plan screen.
fn open_plan(root: &Path) -> Pty {
    let mut app = Pty::spawn(root, &[]);
    app.expect("Welcome to starlog");
    app.send_esc();
    app.expect("Profile skipped");
    app.send("2");
    app.expect("n adds one");
    app
}

#[test]
fn add_a_need_then_an_objective_for_it_see_the_badges_and_reopen() {
    let root = common::temp_root();
    let mut app = open_plan(root.path());

    app.send("n");
    app.expect("Add to your plan");
    app.send("n");
    app.expect("New development need or strength");
    app.send("Handling complaint calls when the customer is angry");
    app.send(CTRL_S);
    app.expect("Need saved");
    app.pause_after_form();
    app.expect("Development needs (1)");

    app.send("n");
    app.expect("Add to your plan");
    app.send("o");
    app.expect("New objective");
    app.send("Improve my communication skills");
    // The check follows the typing: vague, short, nothing to measure.
    app.expect("S ✗ \"improve\" what, exactly?");
    app.expect("R ✗ Not linked");
    // Tab to Needs (7th field) and tick the need: R passes at once.
    for _ in 0..6 {
        app.send(TAB);
    }
    app.expect("Needs (7/16)");
    app.send(" ");
    app.expect("R ✓ Relevant");
    app.send(CTRL_S);
    app.expect("Objective saved");
    app.pause_after_form();
    // Badges: S, M, A and T fail ("·"), R passes.
    app.expect("···R·");
    app.send("q");
    assert_eq!(app.wait_exit(TIMEOUT), 0);

    let needs = files(root.path(), "needs");
    let objectives = files(root.path(), "objectives");
    assert_eq!(
        (needs.len(), objectives.len()),
        (1, 1),
        "{needs:?} {objectives:?}"
    );
    let need: DevelopmentNeed = decode(&needs[0]);
    let objective: Objective = decode(&objectives[0]);
    assert_eq!(
        need.area,
        "Handling complaint calls when the customer is angry"
    );
    assert_eq!(objective.statement, "Improve my communication skills");
    assert_eq!(objective.needs, vec![need.id.clone()]);

    // Reopen: the plan is still there, with its badges.
    let mut app = Pty::spawn(root.path(), &[]);
    app.send("2");
    app.expect("Objectives (1)");
    app.expect("···R· no date");
    app.expect("Improve my communication skills");
    app.send("q");
    assert_eq!(app.wait_exit(TIMEOUT), 0);

    let out = common::run(root.path(), &["plan"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("1. Improve my communication skills"),
        "{text}"
    );
    assert!(text.contains("S✗ M✗ A✗ R✓ T✗ · not started"), "{text}");
    assert!(
        text.contains("need: Handling complaint calls when the customer is angry"),
        "{text}"
    );
    assert!(text.contains("has no development activity yet"), "{text}");
}

#[test]
fn a_bad_target_date_is_explained_at_the_field_and_nothing_is_lost() {
    let root = common::temp_root();
    let mut app = open_plan(root.path());
    app.send("n");
    app.send("o");
    app.expect("New objective");
    app.send("Raise my FCR on billing calls from 68% to 75% with coaching from Tom");
    // Target date is the 11th field.
    for _ in 0..10 {
        app.send(TAB);
    }
    app.expect("Target date (11/16)");
    app.send("31/02/2027");
    app.expect("is not a real date");
    app.send(CTRL_S);
    // Still in the form, nothing written.
    app.expect("Target date: `31/02/2027` is not a real date");
    assert!(files(root.path(), "objectives").is_empty());
    for _ in 0.."31/02/2027".len() {
        app.send("\x7f");
    }
    // What the SMART check reads in a statement, the field takes too.
    app.send("end of February 2027");
    app.send(CTRL_S);
    app.expect("Objective saved");
    app.pause_after_form();
    app.send("q");
    assert_eq!(app.wait_exit(TIMEOUT), 0);
    let objective: Objective = decode(&files(root.path(), "objectives")[0]);
    assert_eq!(
        objective.target_date,
        chrono::NaiveDate::from_ymd_opt(2027, 2, 28)
    );
    assert_eq!(
        objective.statement,
        "Raise my FCR on billing calls from 68% to 75% with coaching from Tom"
    );
}

#[test]
fn ctrl_c_in_the_objective_form_keeps_a_draft_that_comes_back() {
    let root = common::temp_root();
    let mut app = open_plan(root.path());
    app.send("n");
    app.send("o");
    app.expect("New objective");
    app.send("Answer 85% of emails within our 24-hour SLA");
    app.expect("Answer 85% of emails");
    app.send(CTRL_C);
    app.wait_exit(TIMEOUT);
    assert_eq!(common::draft_files(root.path()).len(), 1);

    let mut app = Pty::spawn(root.path(), &[]);
    app.expect("Unsaved draft");
    app.expect("Answer 85% of emails");
    app.send("y");
    app.expect("New objective");
    app.expect("Draft restored");
    app.send(CTRL_S);
    app.expect("Objective saved");
    app.pause_after_form();
    app.send("q");
    assert_eq!(app.wait_exit(TIMEOUT), 0);
    let objective: Objective = decode(&files(root.path(), "objectives")[0]);
    assert_eq!(
        objective.statement,
        "Answer 85% of emails within our 24-hour SLA"
    );
    assert!(common::draft_files(root.path()).is_empty());
}

#[test]
fn d_on_a_practice_record_in_the_plan_trashes_it_and_u_brings_it_back() {
    let root = common::temp_root();
    let (code, _, err) = common::starlog(
        root.path(),
        &[
            "practice",
            "add",
            "barrier",
            "Rota clashes",
            "--effect",
            "The course day kept moving",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let dir = common::workspace(root.path()).join("practice");
    let files = common::ron_files(&dir);
    assert_eq!(files.len(), 1, "{files:?}");
    let bytes = std::fs::read(&files[0]).expect("read");

    let mut app = Pty::spawn(root.path(), &[]);
    app.expect("Welcome to starlog");
    app.send_esc();
    app.expect("Profile skipped");
    app.send("2");
    app.expect("Barriers to development (1)");
    app.expect("Rota clashes");
    let start = Instant::now();
    loop {
        app.send("d");
        app.wait_until("d is answered", TIMEOUT, |s| {
            s.contains("to the trash. u to undo") || s.contains("Still loading")
        });
        if app.screen().contains("to the trash. u to undo") {
            break;
        }
        assert!(start.elapsed() < TIMEOUT, "the load never finished");
        app.send("u");
        app.expect("Nothing to undo");
    }
    assert!(!files[0].exists(), "the file left practice/");
    app.send("u");
    app.expect("from the trash");
    app.expect("Barriers to development (1)");
    assert_eq!(
        std::fs::read(&files[0]).expect("back"),
        bytes,
        "the same bytes"
    );
    app.send("q");
    assert_eq!(app.wait_exit(TIMEOUT), 0);
}
