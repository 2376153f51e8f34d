//! `starlog coach add` and `list`: a team leader's coaching sessions from the
//! shell, what is due (a follow-up past its day, an impact not evaluated),
//! the JSON a script or `starlog team` reads, and the customer-detail warning.

use crate::common::starlog;

fn add(root: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["coach", "add"];
    all.extend_from_slice(args);
    starlog(root, &all)
}

#[test]
fn a_session_is_added_listed_with_what_is_due_and_read_as_json() {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path();
    // Held six weeks before the harness's day; the follow-up passed unheld.
    let (code, out, err) = add(
        root,
        &[
            "Sam",
            "Okafor",
            "--date",
            "2026-10-15",
            "--focus",
            "complaint calls",
            "--observed-on",
            "2026-10-14",
            "--feedback",
            "You apologised early, keep that; give the date of the fix before the customer has to ask",
            "--response",
            "Agreed, but worried about promising dates",
            "--actions",
            "Sam: say the fix date on every leak call for a week",
            "--follow-up",
            "2026-10-29",
            "--coachee-workspace",
            "sam",
            "--criterion",
            "C1",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("Added coaching session with Sam Okafor (2026-10-15)"),
        "{out}"
    );
    assert!(err.is_empty(), "no warning for a colleague's name: {err}");
    // A second coachee, with nothing but a name: the output says what an
    // assessor will look for.
    let (code, out, _) = add(root, &["Lee", "Grant", "--date", "2026-11-27"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("add --feedback, --response, --actions"),
        "{out}"
    );
    assert!(out.contains("No follow-up day"), "{out}");

    let (code, out, _) = starlog(root, &["coach", "list"]);
    assert_eq!(code, 0);
    let due = out.find("Due\n").expect("a Due heading");
    let sam = out.find("Sam Okafor (1 session)").expect("Sam's sessions");
    assert!(due < sam, "what is due comes first: {out}");
    assert!(
        out.contains("2026-10-15  Sam Okafor: complaint calls  follow-up was due 2026-10-29"),
        "{out}"
    );
    assert!(
        out.contains("impact not yet evaluated with the coachee"),
        "{out}"
    );
    assert!(out.contains("follow-up 2026-10-29 OVERDUE"), "{out}");
    assert!(
        out.contains("Coachee's response: Agreed, but worried about promising dates"),
        "{out}"
    );
    assert!(
        !out.contains("Lee Grant: "),
        "Lee's session is two days old: nothing due yet: {out}"
    );

    let (code, json, _) = starlog(root, &["coach", "list", "--json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    let list = v.as_array().expect("a list");
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["coachee"], "Lee Grant", "newest first");
    let sam = &list[1];
    assert_eq!(sam["follow_up_state"], "overdue");
    assert_eq!(sam["impact_due"], true);
    assert_eq!(sam["impact_level"], 0);
    assert_eq!(sam["feedback_days"], 1);
    assert_eq!(sam["timely"], true);
    assert_eq!(sam["workspace"], "sam");
    assert_eq!(sam["criteria"][0], "C1");

    // Search finds it like any other record.
    let (code, out, _) = starlog(root, &["search", "promising dates"]);
    assert_eq!(code, 0);
    assert!(out.contains("coaching"), "{out}");
}

#[test]
fn impossible_days_are_refused_and_nothing_is_written() {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path();
    let (code, _, err) = add(
        root,
        &["Sam", "--date", "2026-11-10", "--follow-up", "2026-11-01"],
    );
    assert_eq!(code, 2);
    assert!(err.contains("is not after the session"), "{err}");
    let (code, _, err) = add(
        root,
        &["Sam", "--date", "2026-11-10", "--observed-on", "2026-11-12"],
    );
    assert_eq!(code, 2);
    assert!(err.contains("feedback follows what it is about"), "{err}");
    let (code, _, err) = add(root, &["Sam", "--read-only"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        !root.join("default").join("coaching").exists(),
        "no session file was written"
    );
    let (code, _, _) = starlog(root, &["add", "A first diary entry"]);
    assert_eq!(code, 0);
    let (_, out, _) = starlog(root, &["coach", "list"]);
    assert!(out.starts_with("No coaching sessions yet"), "{out}");
}

#[test]
fn a_session_with_a_customers_detail_warns() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (code, _, err) = add(
        tmp.path(),
        &[
            "Sam",
            "--observed",
            "Sam's call back to 07700 900321 about the leak",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("warning: observed: looks like a customer's phone number"),
        "{err}"
    );
    assert!(err.contains("was saved as typed"), "{err}");
}

#[test]
fn an_unheld_follow_up_is_overdue_in_search() {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path();
    let (code, _, err) = add(
        root,
        &["Ana", "--date", "2026-10-01", "--follow-up", "2026-10-15"],
    );
    assert_eq!(code, 0, "{err}");
    let (code, _, _) = add(
        root,
        &["Lee", "--date", "2026-10-01", "--follow-up", "2026-10-15"],
    );
    assert_eq!(code, 0);
    // Lee's follow-up is held by a later session; Ana's is not.
    let (code, _, _) = add(root, &["Lee", "--date", "2026-10-16"]);
    assert_eq!(code, 0);
    let (code, out, _) = starlog(root, &["search", "is:overdue", "type:coaching"]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.contains("Coaching Ana"), "{out}");
}
