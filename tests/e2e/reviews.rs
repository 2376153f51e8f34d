//! End to end, as a learner meets it: in the demo workspace, revise an
//! objective on the Plan screen, hold a review that is refused until the
//! change has a reason, then see the change and its reason in the compare
//! view; the review file is written once, with the plan as it stood.

use crate::common;

use common::{CTRL_S, Pty, TAB, TIMEOUT, decode};
use starlog::domain::review::Outcome;
use starlog::domain::{Objective, Review};

#[test]
fn revise_an_objective_hold_a_review_with_the_reason_and_see_the_diff() {
    let root = common::temp_root();
    let out = common::run(root.path(), &["demo"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let reviews_dir = root.path().join("demo").join("reviews");
    let before = common::ron_files(&reviews_dir);
    assert_eq!(before.len(), 3, "the demo holds three reviews");

    let mut app = Pty::spawn(root.path(), &["--workspace", "demo"]);
    app.expect("Entries");

    // Revise the first objective's target date on the Plan screen.
    app.send("2");
    app.expect("Objectives");
    app.send("e");
    app.expect("Edit objective");
    for _ in 0..10 {
        app.send(TAB);
    }
    app.expect("Target date (11/16)");
    // End to the end of the field, then clear it.
    app.send("\x1b[F");
    for _ in 0..20 {
        app.send("\x7f");
    }
    app.send("30/06/2027");
    app.send(CTRL_S);
    app.expect("saved");
    app.pause_after_form();

    // Hold a review: the edited objective comes first, "revised" chosen.
    app.send("4");
    app.expect("Timeline (3 reviews)");
    app.send("n");
    app.expect("Hold a review");
    app.expect("1. Raise my…     revised");
    for _ in 0..3 {
        app.send(TAB);
    }
    app.expect("Objective 1 of 3, changed since");
    app.expect("→ 30 Jun 2027");
    app.expect("(•) revised");
    // Without a reason it is refused, at the objective, and nothing is written.
    app.send(CTRL_S);
    app.expect("NOT SAVED:");
    app.expect("is marked revised: say why");
    assert_eq!(common::ron_files(&reviews_dir).len(), 3);

    // The refusal put the cursor in the reason: type it there.
    let reason = "Six weeks of sick leave in the spring";
    app.send(reason);
    app.send(CTRL_S);
    app.expect("saved. Next review due");
    app.pause_after_form();
    app.expect("Timeline (4 reviews)");

    // The compare view shows the change, field by field, with the reason.
    app.send("c");
    app.expect("What changed at the review of");
    app.expect("REVISED");
    app.expect("target date:");
    app.expect("30 Jun 2027");
    app.expect(&format!("why: {reason}"));
    app.send("q");
    assert_eq!(app.wait_exit(TIMEOUT), 0);

    let after = common::ron_files(&reviews_dir);
    assert_eq!(after.len(), 4);
    let new = after
        .iter()
        .find(|p| !before.contains(p))
        .expect("a new review file");
    let review: Review = decode(new);
    let name = new
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    assert_eq!(
        name,
        format!("{}-{}.ron", review.date().format("%Y-%m-%d"), review.id)
    );
    let revised = review
        .changes
        .iter()
        .find(|c| c.outcome == Outcome::Revised)
        .expect("a revised objective");
    assert_eq!(revised.reason, reason);
    let planned = review.planned(&revised.objective).expect("in the snapshot");
    assert_eq!(
        planned.target_date,
        chrono::NaiveDate::from_ymd_opt(2027, 6, 30)
    );
    // The snapshot is the live objective as it stood.
    let live: Objective = decode(
        &root
            .path()
            .join("demo")
            .join("objectives")
            .join(format!("{}.ron", revised.objective)),
    );
    assert_eq!(planned, &live);

    // The shell sees it too: nothing has changed since, not overdue.
    let out = common::run(root.path(), &["--workspace", "demo", "review"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(&format!("because: {reason}")), "{text}");
    assert!(
        text.contains("No changes to the plan since then."),
        "{text}"
    );
}
