//! End-to-end test of the search palette: the real binary in a pty, on the
//! demo workspace. `/` opens the palette from any screen, typing searches,
//! a bad filter is explained under the query, and `Enter` lands on the
//! chosen record, selected on its own screen.

use crate::common;

use common::{ENTER, Pty, TIMEOUT};
use std::path::Path;

/// The harness's run in the demo workspace; the command must succeed.
fn starlog(root: &Path, args: &[&str]) {
    let args = [&["--workspace", "demo"][..], args].concat();
    let (code, _, err) = common::starlog(root, &args);
    assert_eq!(code, 0, "{err}");
}

/// The demo story, plus an old entry far down the diary.
fn demo(root: &Path) -> Pty {
    starlog(root, &["demo"]);
    starlog(
        root,
        &[
            "add",
            "Called Mrs Zebedee back about her refund",
            "--date",
            "2020-01-06",
        ],
    );
    let mut app = Pty::spawn(root, &["--workspace", "demo"]);
    app.expect("1 Diary");
    app
}

#[test]
fn slash_type_enter_lands_on_the_record_on_its_screen() {
    let root = common::temp_root();
    let mut app = demo(root.path());

    // From the Plan screen: a diary entry far down the list.
    app.send("2");
    app.expect("Objectives");
    app.send("/");
    app.expect("Search everything");
    app.send("zebedee");
    app.expect("1 match");
    app.expect("Called Mrs Zebedee back");
    app.send(ENTER);
    // The palette closes and the Diary shows the entry's day.
    app.wait_until("the palette closed on the Diary", TIMEOUT, |screen| {
        !screen.contains("Search everything") && screen.contains("06 Jan 2020")
    });
    let screen = app.screen();
    assert!(!screen.contains("Search everything"), "{screen}");
    // The diary's preview shows the entry: it is the selected one.
    assert!(
        screen.matches("Called Mrs Zebedee back").count() >= 2,
        "{screen}"
    );

    // From the Diary: a feedback item, found by who gave it.
    app.send("/");
    app.expect("Search everything");
    // (Her witness statement matches her name too: the filter keeps to
    // feedback.)
    app.send("type:feedback desai");
    app.expect("1 match");
    app.send(ENTER);
    // The Feedback screen's details pane shows the selected item.
    app.expect("From Anita Desai");
    let screen = app.screen();
    assert!(!screen.contains("Search everything"), "{screen}");
    assert!(screen.contains("Inbox (12)"), "{screen}");
}

#[test]
fn a_bad_filter_is_explained_and_esc_closes() {
    let root = common::temp_root();
    let mut app = demo(root.path());
    app.send("/");
    app.expect("Search everything");
    app.send("type:fedback");
    app.expect("no record type `fedback`");
    // Typing on fixes it: results come back.
    app.send("\x7f\x7f\x7f\x7f\x7f\x7f\x7fobjective");
    // The error names the record types ("objective" among them), so wait
    // for it to go and the results to come, not for the word.
    app.wait_until("the error gives way to results", TIMEOUT, |s| {
        !s.contains("no record type") && s.contains("matches")
    });
    app.send_esc();
    app.wait_for("Entries (20)", TIMEOUT);
    let screen = app.screen();
    assert!(!screen.contains("Search everything"), "{screen}");
}
