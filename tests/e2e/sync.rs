//! Choosing between two versions in the app, with real git repositories in
//! temporary folders (a bare remote, two clones; never the network): the
//! same entry changed on both sides arrives as a conflict copy, the app
//! says so, `V` shows both versions in words, `t` takes theirs (yours to
//! the trash), `u` puts both back, `b` keeps both as two entries.

use crate::common::{self, Pty, git};
use std::path::{Path, PathBuf};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(20);

fn starlog_ok(root: &Path, args: &[&str]) -> String {
    let (code, out, err) = common::starlog(root, args);
    assert_eq!(code, 0, "{args:?}: {out}{err}");
    out
}

fn file_with(root: &Path, text: &str) -> PathBuf {
    common::diary_files(root)
        .into_iter()
        .find(|p| std::fs::read_to_string(p).is_ok_and(|t| t.contains(text)))
        .unwrap_or_else(|| panic!("no diary file holds {text:?}"))
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("read");
    std::fs::write(path, text.replace(from, to)).expect("write");
}

#[test]
fn the_app_shows_both_versions_and_takes_theirs_undoes_it_and_keeps_both() {
    let tmp = common::temp_root();
    let remote = tmp.path().join("remote.git");
    std::fs::create_dir_all(&remote).expect("remote");
    git(&remote, &["init", "--bare", "--quiet"]);
    let remote = remote.display().to_string();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    starlog_ok(&a, &["add", "The customer was upset about the wait"]);
    starlog_ok(&a, &["sync", "--yes", "--remote", &remote]);
    std::fs::create_dir_all(&b).expect("b");
    git(&b, &["clone", "--quiet", &remote, "default"]);
    edit(
        &file_with(&a, "the wait"),
        "the wait",
        "the wait, said on the laptop",
    );
    starlog_ok(&a, &["sync"]);
    let mine = file_with(&b, "the wait");
    edit(&mine, "the wait", "the wait, said on the work PC");
    let out = starlog_ok(&b, &["sync", "--yes"]);
    assert!(out.contains("Changed on both sides"), "{out}");
    let before = std::fs::read(&mine).expect("mine");

    let mut app = Pty::spawn(&b, &[]);
    app.wait_for("1 record was changed on two computers: V to choose", WAIT);
    app.send("V");
    app.wait_for("Conflicts · 1 record changed on two computers", WAIT);
    app.wait_for(
        "yours   The customer was upset about the wait, said on the work PC",
        WAIT,
    );
    app.wait_for(
        "theirs  The customer was upset about the wait, said on the laptop",
        WAIT,
    );
    app.expect("m keep mine");

    // t: theirs takes the place; yours waits in the trash.
    app.send("t");
    app.wait_for("Took theirs of the diary entry", WAIT);
    app.wait_for("No record has two versions", WAIT);
    let now = std::fs::read_to_string(&mine).expect("in place");
    assert!(now.contains("said on the laptop"), "{now}");
    // u: both versions are back, the file in place byte for byte.
    app.send("u");
    app.wait_for("Undone: both versions are back", WAIT);
    app.wait_for("Conflicts · 1 record changed", WAIT);
    assert_eq!(std::fs::read(&mine).expect("mine"), before);

    // b: both stay, as two entries of the diary.
    app.send("b");
    app.wait_for("is a new record", WAIT);
    app.send_esc();
    app.wait_for("Entries (2)", WAIT);
    let shown = app.screen();
    assert!(
        shown.contains("said on the work PC") || shown.contains("said on the laptop"),
        "{shown}"
    );
    app.send("q");
    assert_eq!(app.wait_exit(WAIT), 0);
    let listed = starlog_ok(&b, &["list"]);
    assert!(
        listed.contains("said on the work PC") && listed.contains("said on the laptop"),
        "{listed}"
    );
}
