//! `starlog search` as the shell meets it: one result per line, best first,
//! JSON on request, exit status 1 when nothing matches and 2 for a bad query.

use crate::common;
use std::path::Path;

/// The harness's run, in the demo workspace, without colour.
fn starlog(root: &Path, args: &[&str]) -> (i32, String, String) {
    let args = [&["--workspace", "demo"][..], args].concat();
    common::outcome(&common::run_with_env(root, &args, &[("NO_COLOR", "1")]))
}

/// The demo story plus two entries with known words.
fn demo() -> tempfile::TempDir {
    let root = tempfile::tempdir().expect("temp dir");
    let (code, _, err) = starlog(root.path(), &["demo"]);
    assert_eq!(code, 0, "{err}");
    for args in [
        &[
            "add",
            "Called Mrs Zebedee back about the refund",
            "--tag",
            "callback",
            "--date",
            "2026-01-05",
        ][..],
        &[
            "add",
            "Second call: Mrs Zebedee had the refund",
            "--tag",
            "callback",
        ][..],
    ] {
        let (code, _, err) = starlog(root.path(), args);
        assert_eq!(code, 0, "{err}");
    }
    root
}

#[test]
fn prints_one_line_per_match_best_and_newest_first() {
    let root = demo();
    let (code, out, err) = starlog(root.path(), &["search", "zebedee"]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[0].contains("diary      Second call: Mrs Zebedee had the refund #callback"),
        "{out}"
    );
    assert!(
        lines[1].starts_with("2026-01-05  diary      Called Mrs Zebedee"),
        "{out}"
    );

    // Every word must be found; filters narrow.
    let (_, out, _) = starlog(root.path(), &["search", "zebedee", "called"]);
    assert_eq!(out.lines().count(), 1, "{out}");
    let (_, out, _) = starlog(root.path(), &["search", "zebedee", "before:2026-02-01"]);
    assert_eq!(out.lines().count(), 1, "{out}");
    // Days as the app shows them, and "end of ...", read as in every form.
    for filter in [
        "before:\"1 Feb 2026\"",
        "before:\"Sun 1 February 2026\"",
        "before:\"end of January 2026\"",
    ] {
        let (code, out, err) = starlog(root.path(), &["search", "zebedee", filter]);
        assert_eq!((code, out.lines().count()), (0, 1), "{filter}: {out}{err}");
    }
    let (code, _, err) = starlog(
        root.path(),
        &["search", "zebedee", "before:\"30 Feb 2026\""],
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("`30 Feb 2026` is not a real date: February 2026 has no day 30"),
        "{err}"
    );
    let (code, out, err) = starlog(
        root.path(),
        &["list", "--since", "5 Jan 2026", "--tag", "callback"],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 2, "{out}");
    let (_, out, _) = starlog(
        root.path(),
        &["list", "--since", "6 Jan 2026", "--tag", "callback"],
    );
    assert_eq!(out.lines().count(), 1, "{out}");
    let (_, out, _) = starlog(root.path(), &["search", "#callback", "--type", "feedback"]);
    assert_eq!(out, "");
}

#[test]
fn filters_alone_list_records_of_a_kind() {
    let root = demo();
    let (code, out, err) = starlog(
        root.path(),
        &["search", "source:customer", "--type", "feedback"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.lines().count() >= 2, "{out}");
    assert!(
        out.lines().all(|l| l.contains("  feedback   customer")),
        "{out}"
    );
    // The demo learner has an objective past its date.
    let (code, out, _) = starlog(root.path(), &["search", "is:overdue", "type:objective"]);
    assert_eq!(code, 0);
    assert!(
        out.lines().count() >= 1 && out.lines().all(|l| l.contains("objective")),
        "{out}"
    );
}

#[test]
fn nothing_found_exits_1_and_a_bad_query_exits_2_with_the_reason() {
    let root = demo();
    let (code, out, _) = starlog(root.path(), &["search", "\"no such words anywhere\""]);
    assert_eq!((code, out.as_str()), (1, ""));

    let (code, out, err) = starlog(root.path(), &["search", "refund", "type:fedback"]);
    assert_eq!(code, 2);
    assert_eq!(out, "");
    assert!(
        err.contains("no record type `fedback`: use diary, need, objective"),
        "{err}"
    );

    let (code, _, err) = starlog(root.path(), &["search", "before:31/02/2026"]);
    assert_eq!(code, 2);
    assert!(err.contains("not a real date"), "{err}");
}

#[test]
fn json_for_tools() {
    let root = demo();
    let (code, out, err) = starlog(root.path(), &["search", "zebedee", "--json"]);
    assert_eq!(code, 0, "{err}");
    let value: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    let items = value.as_array().expect("an array");
    assert_eq!(items.len(), 2);
    assert_eq!(items[1]["type"], "diary");
    assert_eq!(items[1]["date"], "2026-01-05");
    assert_eq!(items[1]["found"], "title");
    assert_eq!(
        items[1]["title"],
        "Called Mrs Zebedee back about the refund #callback"
    );

    let (code, out, _) = starlog(root.path(), &["search", "\"no such words\"", "--json"]);
    assert_eq!((code, out.trim()), (1, "[]"));
}
