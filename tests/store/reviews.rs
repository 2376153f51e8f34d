//! Reviews on disk: a held review's file is written once and never rewritten,
//! and the plan snapshot it holds reads back identically however the live
//! plan changes afterwards.

use chrono::{DateTime, Duration};
use starlog::domain::review::diff::{Difference, since_review};
use starlog::domain::review::{ObjectiveChange, Outcome, Participant, Review, plan_after};
use starlog::domain::{FORMAT, Id, ObjectiveStatus};
use starlog::store::codec::encode;
use starlog::store::{Mode, SaveError, StoredRecord, Workspace};
use std::fs;
use std::path::Path;

fn demo_workspace(root: &Path) -> Workspace {
    let ws = Workspace::open(root, "demo", Mode::Write).expect("open");
    let now = DateTime::parse_from_rfc3339("2026-11-23T09:00:00+00:00").expect("valid");
    let (_, header_state, _) = ws.load_header().expect("header");
    starlog::demo::write_demo(&ws, header_state.as_ref(), 0, now).expect("demo written");
    ws
}

fn files_under(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = match fs::read_dir(dir) {
        Ok(entries) => entries
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect(),
        Err(_) => Vec::new(),
    };
    out.sort();
    out
}

#[test]
fn a_held_review_is_never_rewritten() {
    let root = tempfile::tempdir().expect("tempdir");
    let ws = demo_workspace(root.path());
    let loaded = ws.load().expect("load");
    let review = loaded
        .records
        .reviews
        .last()
        .expect("the demo has reviews")
        .clone();
    let state = loaded.files.get(&review.id).expect("state").clone();
    let path = ws.dir().join(review.rel_path());
    assert_eq!(
        path.parent().and_then(|p| p.file_name()),
        Some("reviews".as_ref())
    );
    let name = path
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    assert_eq!(
        name,
        format!("{}-{}.ron", review.date().format("%Y-%m-%d"), review.id),
        "reviews/YYYY-MM-DD-<id>.ron"
    );
    let before = fs::read(&path).expect("written");
    let listing = files_under(&ws.dir().join("reviews"));

    // Changing what it says is refused, with the way to put it right.
    let mut edited = review.clone();
    edited.summary = "Rewritten after the fact".into();
    edited.changes[0].reason = "A better-sounding reason".into();
    let err = ws.save(&edited, Some(&state)).expect_err("refused");
    assert!(
        matches!(&err, SaveError::Immutable(p) if p == &path),
        "{err:?}"
    );
    assert!(err.to_string().contains("hold a correction"), "{err}");

    // So is moving it to another day (a new file name), or creating it again.
    let mut moved = review.clone();
    moved.held -= Duration::days(3);
    assert!(matches!(
        ws.save(&moved, Some(&state)),
        Err(SaveError::Immutable(_))
    ));
    assert!(matches!(
        ws.create(&edited),
        Err(SaveError::AlreadyExists(_))
    ));
    assert!(matches!(
        ws.save(&edited, None),
        Err(SaveError::AlreadyExists(_))
    ));
    let capture = Workspace::open(root.path(), "demo", Mode::Capture).expect("capture");
    assert!(matches!(
        capture.create(&edited),
        Err(SaveError::AlreadyExists(_))
    ));

    assert_eq!(
        fs::read(&path).expect("still there"),
        before,
        "not a byte changed"
    );
    assert_eq!(
        files_under(&ws.dir().join("reviews")),
        listing,
        "no file added"
    );
    assert!(
        !ws.dir().join("backups").join("reviews").exists(),
        "nothing was replaced, so nothing was backed up"
    );
    let reloaded = ws.load().expect("reload");
    assert_eq!(reloaded.records.reviews, loaded.records.reviews);
}

#[test]
fn a_held_review_is_never_moved_to_the_trash() {
    let root = tempfile::tempdir().expect("tempdir");
    let ws = demo_workspace(root.path());
    let loaded = ws.load().expect("load");
    let review = loaded.records.reviews.first().expect("a review").clone();
    let path = ws.dir().join(review.rel_path());
    let before = fs::read(&path).expect("written");
    assert!(matches!(
        ws.trash(&review.rel_path()),
        Err(SaveError::Immutable(_))
    ));
    assert_eq!(fs::read(&path).expect("still there"), before);
    assert!(!ws.dir().join("trash").join("reviews").exists());
}

#[test]
fn a_correction_is_a_new_file_beside_the_review_it_corrects() {
    let root = tempfile::tempdir().expect("tempdir");
    let ws = demo_workspace(root.path());
    let loaded = ws.load().expect("load");
    let original = loaded.records.reviews.last().expect("a review").clone();
    let original_bytes = fs::read(ws.dir().join(original.rel_path())).expect("read");
    let mut correction = original.clone();
    correction.id = Id::generate();
    correction.corrects = Some(original.id.clone());
    correction.summary = format!("{} (corrected: Helen joined by phone)", original.summary);
    ws.create(&correction).expect("a correction is created");
    let reloaded = ws.load().expect("reload");
    assert_eq!(
        reloaded.records.reviews.len(),
        loaded.records.reviews.len() + 1
    );
    assert!(reloaded.records.reviews.contains(&original));
    assert!(reloaded.records.reviews.contains(&correction));
    assert_eq!(
        fs::read(ws.dir().join(original.rel_path())).expect("read"),
        original_bytes
    );
}

#[test]
fn a_snapshot_taken_today_reads_identically_after_the_live_plan_changes() {
    let root = tempfile::tempdir().expect("tempdir");
    let ws = demo_workspace(root.path());
    let loaded = ws.load().expect("load");
    let records = &loaded.records;
    let now = DateTime::parse_from_rfc3339("2026-11-23T15:30:00+00:00").expect("valid");

    // Hold a review today: keep every open objective, with a reason.
    let decisions: Vec<ObjectiveChange> = records
        .objectives
        .iter()
        .filter(|o| o.status.is_open())
        .map(|o| ObjectiveChange {
            objective: o.id.clone(),
            outcome: Outcome::Kept,
            reason: "On track".into(),
        })
        .collect();
    let review = Review {
        format: FORMAT,
        id: Id::generate(),
        held: now,
        participants: vec![Participant {
            name: "Gareth Evans".into(),
            role: "team leader".into(),
        }],
        summary: "Today's review".into(),
        changes: decisions,
        next_review: Some(now.date_naive() + Duration::days(90)),
        corrects: None,
        plan: plan_after(&records.objectives, &[]),
        criteria: Vec::new(),
    };
    ws.create(&review).expect("held");
    let path = ws.dir().join(review.rel_path());
    let bytes = fs::read(&path).expect("written");
    assert_eq!(
        String::from_utf8(bytes.clone()).expect("utf-8"),
        encode(&review).expect("encode")
    );

    // Then the live plan moves on: one objective reworded and closed, one deleted.
    let mut reworded = records.objectives[0].clone();
    reworded.statement = "A new wording typed after the review".into();
    reworded.target_date = reworded.target_date.map(|d| d + Duration::days(30));
    reworded.status = ObjectiveStatus::Dropped;
    let state = loaded.files.get(&reworded.id).expect("state");
    ws.save(&reworded, Some(state)).expect("objective saved");
    let deleted = &records.objectives[1];
    ws.trash(&deleted.rel_path()).expect("objective trashed");

    let after = ws.load().expect("reload");
    assert!(after.problems.is_empty(), "{:?}", after.problems);
    let read_back = after
        .records
        .reviews
        .iter()
        .find(|r| r.id == review.id)
        .expect("the review is there");
    assert_eq!(read_back, &review, "the snapshot is exactly as held");
    assert_eq!(fs::read(&path).expect("still there"), bytes);
    assert_eq!(read_back.plan, plan_after(&records.objectives, &[]));

    // And it is what the next review is compared with.
    let since = since_review(
        Some(read_back),
        &after.records.objectives,
        &after.records.needs,
    );
    let changed: Vec<(&Id, Difference)> = since
        .iter()
        .filter(|d| d.needs_reason())
        .map(|d| (&d.objective, d.difference))
        .collect();
    assert_eq!(
        changed,
        vec![
            (&reworded.id, Difference::Changed),
            (&deleted.id, Difference::Removed)
        ]
    );
}
