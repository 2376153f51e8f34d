//! The Team screen (`starlog team` in a terminal) on generated learners: the
//! caseload is listed while and after it is read, `s` sorts, `f` filters,
//! `Enter` opens a learner read-only in the ordinary app and its `q` comes
//! back to the Team screen; nothing in any learner's folder changes, even
//! for a learner with a draft waiting (a read-only open never offers it).

use crate::common::{self, Pty};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(20);

#[test]
fn the_team_screen_sorts_filters_and_opens_a_learner_read_only_then_comes_back() {
    let root = common::temp_root();
    let team = root.path().join("team");
    starlog::cohort::write_root(&team, 5, 120, common::today()).expect("cohort");
    // Learner 0 left a STAR entry half typed: a draft is waiting for them.
    let mut own = Pty::spawn(&team, &["--workspace", "learner-000"]);
    own.wait_for("Entries", WAIT);
    own.send("n");
    own.wait_for("Situation", WAIT);
    own.send("A caller wanted a refund");
    own.send("\x03");
    assert_eq!(own.wait_exit(WAIT), 130, "Ctrl-C keeps a draft");
    assert!(
        !common::ron_files(&team.join("learner-000").join("drafts")).is_empty(),
        "a draft is waiting"
    );
    let before = common::tree(&team);

    let dir = team.to_str().expect("utf-8");
    let mut screen = Pty::spawn(root.path(), &["team", "--root", dir]);
    screen.wait_for("5 learners · by name", WAIT);
    screen.wait_for("Priya Shah", WAIT);
    let shown = screen.screen();
    for name in ["Aisha Shah", "Gareth Shah", "Mei Shah", "Tom Shah"] {
        assert!(shown.contains(name), "{name} in\n{shown}");
    }
    assert!(shown.contains("Enter open read-only"), "{shown}");

    // s: by readiness, then by next review.
    screen.send("s");
    screen.wait_for("by readiness", WAIT);
    screen.send("s");
    screen.wait_for("by next review", WAIT);
    // f: only learners at level 3 (learners 1 and 3).
    screen.send("f");
    screen.wait_for("Filter:", WAIT);
    screen.send("level:3\r");
    screen.wait_for("2 shown for “level:3”", WAIT);
    screen.send_esc();
    screen.wait_for("by next review", WAIT);
    screen.wait_until("the filter cleared", WAIT, |s| !s.contains("shown for"));

    // Enter on Priya (learner 0, first by name) opens her diary read-only.
    screen.send("f");
    screen.send("priya\r");
    screen.wait_for("1 shown for “priya”", WAIT);
    screen.send("\r");
    screen.wait_for("Read-only, from the Team screen: q goes back to it", WAIT);
    let app = screen.screen();
    // The learner's own diary, as they see it, marked read-only in the tab
    // bar (at 80 columns her name gives way to the mark).
    let bar = app.lines().next().unwrap_or_default();
    assert!(
        app.contains("Entries") && bar.contains("Priya") && bar.contains("[read-only]"),
        "{app}"
    );
    assert!(
        !app.contains("draft"),
        "a read-only open offers no draft: {app}"
    );
    // Editing is refused, and q comes back to the Team screen.
    screen.send("n");
    screen.wait_for("Cannot change anything", WAIT);
    screen.send("q");
    screen.wait_for("Back from Priya Shah (nothing was changed there)", WAIT);
    assert!(screen.screen().contains("1 shown for “priya”"));
    screen.send("q");
    assert_eq!(screen.wait_exit(WAIT), 0);

    assert_eq!(
        common::tree(&team),
        before,
        "nothing under the root changed"
    );
}

/// `starlog team --json` with stderr on a terminal says on stderr how far it
/// got and, after the report, what it read; the report itself is untouched
/// (the same run with stderr piped is in `cli::team`).
#[test]
fn team_on_the_shell_shows_its_progress_on_a_terminal_and_keeps_the_report_clean() {
    let root = common::temp_root();
    let team = root.path().join("team");
    starlog::cohort::write_root(&team, 3, 120, common::today()).expect("cohort");
    let dir = team.to_str().expect("utf-8");
    let mut shell = Pty::spawn(root.path(), &["team", "--root", dir, "--json"]);
    assert_eq!(shell.wait_exit(WAIT), 0);
    let screen = shell.screen();
    let lines: Vec<&str> = screen.lines().map(str::trim_end).collect();
    let last = lines
        .iter()
        .rposition(|l| !l.is_empty())
        .expect("something shown");
    assert!(
        lines[last].starts_with("Read 3 learner workspaces (")
            && lines[last].contains(" records) in "),
        "{screen}"
    );
    // The progress line was rubbed out before the report: the line above
    // the summary closes the JSON, with nothing of the progress left on it.
    assert_eq!(lines[last - 1], "}", "{screen}");
    assert!(!screen.contains("Reading the learners"), "{screen}");
}
