//! End-to-end tests of the feedback inbox: the real binary in a pty. Feedback
//! added from the shell is triaged in the app, step by step, and each step is
//! checked in the file on disk: archiving unreflected negative feedback is
//! refused, reflecting, linking to an objective (existing or new) and
//! archiving are written as they happen.

use crate::common;

use common::{CTRL_S, DOWN, Pty, TAB, decode};
use starlog::domain::{Feedback, FeedbackSource, FeedbackState, Objective, Valence};
use std::path::{Path, PathBuf};

fn demo_dir(root: &Path) -> PathBuf {
    root.join("demo")
}

/// The one feedback file whose text contains `marker`.
fn feedback_with(root: &Path, marker: &str) -> (PathBuf, Feedback) {
    let found: Vec<(PathBuf, Feedback)> = common::ron_files(&demo_dir(root).join("feedback"))
        .into_iter()
        .map(|p| {
            let f: Feedback = decode(&p);
            (p, f)
        })
        .filter(|(_, f)| f.text.contains(marker))
        .collect();
    assert_eq!(found.len(), 1, "one feedback file holds {marker:?}");
    found.into_iter().next().expect("one file")
}

fn objective(root: &Path, id: &starlog::domain::Id) -> Objective {
    decode(&demo_dir(root).join("objectives").join(format!("{id}.ron")))
}

fn make_demo(root: &Path) {
    let out = common::run(root, &["demo"]);
    assert!(out.status.success(), "demo: {out:?}");
}

/// Opens the demo workspace on the Feedback screen.
fn open_inbox(root: &Path) -> Pty {
    let mut app = Pty::spawn(root, &["--workspace", "demo"]);
    app.expect("1 Diary");
    app.send("3");
    app.expect("Inbox (");
    app
}

#[test]
fn shell_feedback_is_refused_archiving_then_reflected_linked_and_archived() {
    let root = common::temp_root();
    make_demo(root.path());
    let marker = "Zephyr: kept on hold for ages";
    let out = common::run(
        root.path(),
        &[
            "--workspace",
            "demo",
            "feedback",
            "add",
            "--source",
            "customer",
            "--valence",
            "negative",
            "--method",
            "survey",
            "--tag",
            "hold",
            marker,
        ],
    );
    assert!(out.status.success(), "feedback add: {out:?}");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("Added negative customer feedback"), "{said}");
    let (path, f) = feedback_with(root.path(), marker);
    assert_eq!(f.state, FeedbackState::New);
    assert_eq!(
        (f.source, f.valence),
        (FeedbackSource::Customer, Valence::Negative)
    );
    assert_eq!(f.tags, ["hold"]);

    let mut app = open_inbox(root.path());
    // Today's feedback is the newest, so it is selected.
    app.expect(marker);
    app.expect("next: r reflect");

    app.send("x");
    app.expect("can't be archived before you reflect on it");
    app.expect("not just filed");
    let (_, unchanged) = feedback_with(root.path(), marker);
    assert_eq!(unchanged, f, "a refused archive writes nothing");

    app.send("r");
    app.expect("Reflect on negative feedback from customer");
    app.send("I checked with billing instead of using the tool myself.");
    app.send(CTRL_S);
    app.expect("Reflection saved");
    app.pause_after_form();
    let (_, reflected) = feedback_with(root.path(), marker);
    assert_eq!(reflected.state, FeedbackState::Reflected);
    assert_eq!(
        reflected.reflection,
        "I checked with billing instead of using the tool myself."
    );

    app.send("a");
    app.expect("What did it lead to?");
    // The first option makes a new objective; the next is the plan's first.
    app.send(DOWN);
    app.send(" ");
    app.send(TAB);
    app.send("Asked Tom to show me the direct debit tool.");
    app.send(CTRL_S);
    app.expect("Linked: now actioned");
    app.pause_after_form();
    let (_, actioned) = feedback_with(root.path(), marker);
    assert_eq!(actioned.state, FeedbackState::Actioned);
    assert_eq!(
        actioned.action,
        "Asked Tom to show me the direct debit tool."
    );
    assert_eq!(actioned.objectives.len(), 1, "{:?}", actioned.objectives);
    let linked = objective(root.path(), &actioned.objectives[0]);
    assert!(
        linked.statement.starts_with("Raise my CSAT"),
        "{}",
        linked.statement
    );

    app.send("x");
    app.expect("Archived: x brings it back");
    let (same_path, archived) = feedback_with(root.path(), marker);
    assert_eq!(same_path, path, "the same file, rewritten");
    assert_eq!(archived.state, FeedbackState::Archived);
    assert_eq!(
        archived.reflection, reflected.reflection,
        "nothing else lost"
    );
    assert_eq!(archived.objectives, actioned.objectives);

    app.send("q");
    assert_eq!(app.wait_exit(common::TIMEOUT), 0);
}

#[test]
fn feedback_added_beside_the_open_app_becomes_a_new_objective() {
    let root = common::temp_root();
    make_demo(root.path());
    let mut app = open_inbox(root.path());

    // Captured from the shell while the app holds the workspace lock.
    let marker = "Quasar mumbled the security questions";
    let out = common::run(
        root.path(),
        &[
            "--workspace",
            "demo",
            "feedback",
            "add",
            "-s",
            "mentor",
            "-v",
            "constructive",
            "--who",
            "Anita Desai",
            marker,
        ],
    );
    assert!(out.status.success(), "feedback add beside the app: {out:?}");
    // The Diary's r reloads; on the Feedback screen r reflects.
    app.send("1");
    app.send("r");
    app.send("3");
    app.expect(marker);
    // The selection stayed on the item it was on; the new one is at the top.
    app.send("g");

    app.send("r");
    app.expect("Reflect on constructive feedback from mentor");
    app.send("I rush the part I find boring.");
    app.send(CTRL_S);
    app.expect("Reflection saved");
    app.pause_after_form();

    app.send("a");
    app.expect("A new objective, started from this feedback");
    app.send(" ");
    app.send(CTRL_S);
    app.expect("New objective");
    app.expect("when you save it, the feedback is linked");
    app.send(CTRL_S);
    app.expect("Objective saved and the feedback linked to it");
    app.pause_after_form();

    let (_, f) = feedback_with(root.path(), marker);
    assert_eq!(f.state, FeedbackState::Actioned);
    assert_eq!(f.who, "Anita Desai");
    assert_eq!(f.objectives.len(), 1);
    let made = objective(root.path(), &f.objectives[0]);
    assert!(
        made.statement
            .starts_with("Act on mentor feedback: Quasar mumbled"),
        "{}",
        made.statement
    );
    assert!(made.relevance.contains(marker), "{}", made.relevance);
    assert!(made.relevance.contains("I rush the part I find boring."));

    app.send("q");
    assert_eq!(app.wait_exit(common::TIMEOUT), 0);
}
