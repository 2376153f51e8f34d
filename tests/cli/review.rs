//! `starlog review` as a shell prompt or login script meets it: the text on
//! stdout, and exit status 1 only when a review is overdue.

use crate::common;
use crate::common::starlog;
use chrono::{Duration, NaiveTime};
use starlog::domain::review::{ObjectiveChange, Outcome, Participant, Review};
use starlog::domain::{FORMAT, Id, Measure, Objective, ObjectiveStatus};
use starlog::store::{Mode, Workspace};
use std::path::Path;

/// A workspace with one objective and one review held `days_ago`, whose next
/// review was agreed for `next_in` days after it.
fn workspace_with_review(root: &Path, days_ago: i64, next_in: i64) {
    let ws = Workspace::open(root, "learner", Mode::Write).expect("open");
    // Noon on the harness's pinned today, the day the binary counts from.
    let now = common::today()
        .and_time(NaiveTime::from_hms_opt(12, 0, 0).expect("noon"))
        .and_utc()
        .fixed_offset();
    let held = now - Duration::days(days_ago);
    let objective = Objective {
        format: FORMAT,
        id: Id::generate(),
        created: held,
        updated: held,
        statement: "Raise my CSAT from 82% to 88% by 31 March".into(),
        measure: Measure::default(),
        support: String::new(),
        relevance: String::new(),
        serves: String::new(),
        needs: Vec::new(),
        criteria: Vec::new(),
        target_date: None,
        review_date: None,
        status: ObjectiveStatus::InProgress,
        progress: Vec::new(),
    };
    ws.create(&objective).expect("objective");
    let review = Review {
        format: FORMAT,
        id: Id::generate(),
        held,
        participants: vec![Participant {
            name: "Gareth Evans".into(),
            role: "team leader".into(),
        }],
        summary: "First review".into(),
        changes: vec![ObjectiveChange {
            objective: objective.id.clone(),
            outcome: Outcome::Added,
            reason: "CSAT below the 85% standard".into(),
        }],
        next_review: Some(held.date_naive() + Duration::days(next_in)),
        corrects: None,
        plan: vec![objective],
        criteria: Vec::new(),
    };
    ws.create(&review).expect("review");
}

#[test]
fn a_review_still_to_come_exits_0() {
    let root = tempfile::tempdir().expect("tempdir");
    workspace_with_review(root.path(), 10, 90);
    let (code, out, err) = starlog(root.path(), &["--workspace", "learner", "review"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.starts_with("Last review: "), "{out}");
    assert!(
        out.contains("(10 days ago) with Gareth Evans (team leader)."),
        "{out}"
    );
    assert!(out.contains("No changes to the plan since then."), "{out}");
    assert!(out.contains("Next review: due "), "{out}");
    assert!(
        out.contains("(in 80 days) as agreed at the last review."),
        "{out}"
    );
}

#[test]
fn an_overdue_review_exits_1_and_says_by_how_long() {
    let root = tempfile::tempdir().expect("tempdir");
    workspace_with_review(root.path(), 100, 90);
    let (code, out, err) = starlog(root.path(), &["--workspace", "learner", "review"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains("Next review: overdue by 10 days (was due "),
        "{out}"
    );
    assert!(
        out.contains("then 4 for Reviews and n for a new review"),
        "{out}"
    );
}

#[test]
fn an_empty_workspace_has_nothing_overdue() {
    let root = tempfile::tempdir().expect("tempdir");
    // Not there at all: said, with exit 3 (not 1, which means overdue).
    let (code, _, err) = starlog(root.path(), &["review"]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("there is no workspace `default`"), "{err}");

    std::fs::create_dir(root.path().join("default")).expect("an empty workspace");
    let (code, out, err) = starlog(root.path(), &["review"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.starts_with("No review held yet."), "{out}");
}

#[test]
fn the_demo_workspace_reports_its_last_review() {
    let root = tempfile::tempdir().expect("tempdir");
    let (code, _, err) = starlog(root.path(), &["demo"]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = starlog(root.path(), &["--workspace", "demo", "review"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("Decided:\n  achieved "), "{out}");
    assert!(out.contains("Recorded since "), "{out}");
}
