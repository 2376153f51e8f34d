//! `starlog practice add` and `list`: each kind of practice record from the
//! shell, the flags each kind takes, and `starlog check` noticing a change
//! of role until a review is held.

use crate::common::starlog;

#[test]
fn each_kind_is_added_listed_and_checked() {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path();
    let (code, out, err) = starlog(
        root,
        &[
            "practice",
            "add",
            "skill",
            "Active",
            "listening",
            "--task",
            "Billing disputes",
            "--outcome",
            "Repeat calls down from 9 to 4 a week",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("Added transferable skill “Active listening”"),
        "{out}"
    );
    let (code, out, _) = starlog(
        root,
        &[
            "practice",
            "add",
            "leadership",
            "Coaching",
            "--scenario",
            "A new starter froze",
        ],
    );
    assert_eq!(code, 0);
    assert!(
        out.contains("add --why, --happened"),
        "says what an assessor still needs: {out}"
    );

    // A flag of another kind is refused, naming the right ones.
    let (code, _, err) = starlog(
        root,
        &["practice", "add", "barrier", "Time", "--outcome", "x"],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("it takes --effect, --done"), "{err}");
    // A knowledge answer names one of criterion 3's points.
    let (code, _, err) = starlog(root, &["practice", "add", "knowledge", "weather"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("self-review, feedback, development, plan, customers"),
        "{err}"
    );

    let (code, out, _) = starlog(root, &["practice", "list"]);
    assert_eq!(code, 0);
    let skills = out.find("Transferable skills").expect("skills heading");
    let leadership = out.find("Leadership styles").expect("leadership heading");
    assert!(
        skills < leadership,
        "in the order an assessor reads them: {out}"
    );
    assert!(
        out.contains("Outcome: Repeat calls down from 9 to 4 a week"),
        "{out}"
    );

    // A change of role asks for a review until one is held.
    let (code, out, _) = starlog(
        root,
        &[
            "practice",
            "add",
            "role-change",
            "Complaints team",
            "--from",
            "Billing line",
            "--changes",
            "New objective on complaints",
        ],
    );
    assert_eq!(code, 0);
    assert!(out.contains("review your plan"), "{out}");
    let (_, json, _) = starlog(root, &["check", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    let rule = v["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .find(|r| r["id"] == "role-change")
        .expect("the role-change rule")
        .clone();
    assert_eq!(rule["passed"], false, "{rule}");
}

#[test]
fn a_practice_record_with_a_customers_detail_warns() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (code, _, err) = starlog(
        tmp.path(),
        &[
            "practice",
            "add",
            "professionalism",
            "Integrity",
            "--example",
            "Rang Mrs Ali back on 07700 900321 to own the mistake",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("warning: example: looks like a customer's phone number"),
        "{err}"
    );
}
