//! The committed format-1 fixtures (`tests/fixtures/format-1/`): one realistic
//! file of every record type, as today's writer writes them. A later format
//! migrates from these, so they must keep decoding exactly as they do now.

use serde::Serialize;
use serde::de::DeserializeOwned;
use starlog::domain::{
    Activity, ActivityKind, CoachingSession, Confirmation, DevelopmentNeed, DiaryEntry,
    EvidenceFile, EvidenceKind, FORMAT, Feedback, FeedbackState, Id, KpiReading, NeedKind,
    Objective, ObjectiveStatus, Outcome, Practice, PracticeKind, Records, Review, SignOff,
    SignOffState, WitnessState, WitnessStatement, WorkspaceHeader,
};
use starlog::store::codec::{decode, encode};
use starlog::store::{Mode, StoredRecord, Workspace};
use std::fmt::Debug;
use std::fs;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/format-1")
}

/// Decodes a fixture, insisting on format 1, no unknown fields, no BOM, and
/// that today's writer produces exactly the same bytes (stable field order).
fn check<T: Serialize + DeserializeOwned + Debug>(rel: &str) -> T {
    let bytes = fs::read(fixtures().join(rel)).expect("fixture is there");
    let decoded = decode::<T>(&bytes).unwrap_or_else(|e| panic!("{rel}: {e}"));
    assert_eq!(decoded.format, 1, "{rel}");
    assert!(
        decoded.unknown_fields.is_empty(),
        "{rel}: unknown fields {:?}",
        decoded.unknown_fields
    );
    assert!(!decoded.had_bom, "{rel}");
    // While format 1 is today's format, the fixtures are exactly what the
    // writer produces (a later format rewrites them differently).
    if FORMAT == 1 {
        let again = encode(&decoded.record).expect("encodes");
        assert_eq!(
            again,
            String::from_utf8(bytes).expect("utf-8"),
            "{rel}: the fixture is not in the writer's canonical form"
        );
    }
    decoded.record
}

fn check_record<T: StoredRecord + Debug>(rel: &str) -> T {
    let record: T = check(rel);
    assert_eq!(
        record.rel_path(),
        PathBuf::from(rel),
        "the fixture's file name is where the store would put it"
    );
    record
}

fn id(text: &str) -> Id {
    Id::parse(text).expect("fixture id")
}

#[test]
fn every_format_1_fixture_decodes_with_no_unknown_fields() {
    // When FORMAT moves on, these files stay as they are: they are what the
    // migration from format 1 is tested against.
    let header: WorkspaceHeader = check("workspace.ron");
    assert_eq!(header.profile.name, "Priya Shah");
    assert_eq!(header.profile.level, Some(3));
    assert_eq!(header.settings.review_interval_days, 90);
    assert!(header.onboarded);

    let need: DevelopmentNeed = check_record("needs/01M2017730VNY1QEJSZ2BKDNBM.ron");
    assert_eq!(need.kind, NeedKind::Gap);
    assert_eq!(need.identified_from.len(), 3);
    assert_eq!(need.evidence.lines().count(), 3);

    let objective: Objective = check_record("objectives/01M25PMENGQSEZS6STV5W1FDJN.ron");
    assert_eq!(objective.status, ObjectiveStatus::InProgress);
    assert_eq!(objective.needs, vec![need.id.clone()]);
    assert_eq!(objective.measure.kpi, "FCR");
    assert_eq!(objective.percent(), Some(55));

    let activity: Activity = check_record("activities/01M3A4WRNGKWZDTZ0VQ9CZH5SP.ron");
    assert_eq!(activity.kind, ActivityKind::Shadowing);
    assert_eq!(activity.hours, 3.5);
    assert_eq!(activity.impact.level_reached(), 3);

    let feedback: Feedback = check_record("feedback/01M3Y6287RG0FVWQFWKCXDJY0Q.ron");
    assert_eq!(feedback.state, FeedbackState::Actioned);
    assert!(
        feedback
            .text
            .contains("(\"I can see why that bill was a shock\")")
    );
    assert!(feedback.action.starts_with("Added \"confirm the reading\""));

    let entry: DiaryEntry = check_record("diary/2026/2026-10-06-01M493TMFRC409YFPXFGDVMPFR.ron");
    assert!(entry.is_complete_star());
    assert!(entry.situation.contains("£412"));
    assert_eq!(feedback.entries, vec![entry.id.clone()]);

    let kpi: KpiReading = check_record("kpis/01M69BB6388BGR07XYBQY9PEPS.ron");
    assert_eq!((kpi.value, kpi.target), (68.0, Some(75.0)));
    assert_eq!(kpi.objective, Some(objective.id.clone()));

    let review: Review = check_record("reviews/2026-11-12-01M77RXKG84F16204Z7VEQR6XT.ron");
    assert_eq!(review.participants.len(), 2);
    assert_eq!(review.changes[0].outcome, Outcome::Kept);
    assert_eq!(review.plan, vec![objective.clone()]);
    assert_eq!(
        review.changes[0].objective,
        id("01M25PMENGQSEZS6STV5W1FDJN")
    );

    let evidence: EvidenceFile = check_record("evidence/01M5B3R2QW8XK9T4N6V0PZHC7D.ron");
    assert_eq!(evidence.kind, EvidenceKind::ObservationReport);
    assert_eq!(evidence.links, vec![objective.id.clone()]);
    let file = fs::read(
        fixtures()
            .join("evidence")
            .join(evidence.id.as_str())
            .join(&evidence.stored_name),
    )
    .expect("the attached file is beside its record");
    assert_eq!(file.len() as u64, evidence.size);
    assert_eq!(
        starlog::domain::evidence::sha256_hex(&file),
        evidence.sha256
    );

    let witness: WitnessStatement = check_record("witness/01M5C8WQ3ZJ7N2K4D6F8G0H1JM.ron");
    assert!(matches!(witness.confirmation, Confirmation::Signed { .. }));
    let signoff: SignOff = check_record("signoffs/01M21A9KX4T7PRC2VB5N8YQ3ZE.ron");
    assert_eq!(signoff.subject, need.id);
    let records = Records {
        needs: vec![need],
        witnesses: vec![witness.clone()],
        ..Records::default()
    };
    assert_eq!(witness.state(&records), WitnessState::Signed);
    assert_eq!(signoff.state(&records), SignOffState::Valid);
}

#[test]
fn feedback_about_an_activity_round_trips_and_older_feedback_reads_without_it() {
    let current = fs::read_to_string(fixtures().join("feedback/01M3Y6287RG0FVWQFWKCXDJY0Q.ron"))
        .expect("fixture");
    let read: Feedback = check_record("feedback/01M3Y6287RG0FVWQFWKCXDJY0Q.ron");
    assert_eq!(read.activity, None);

    // A file from before the field reads as about no activity, with no
    // unknown field, and is written back with `activity: None`.
    let none = "    activity: None,\n";
    let old = current.replace(none, "");
    assert_ne!(old, current);
    let decoded = decode::<Feedback>(old.as_bytes()).expect("decodes");
    assert!(decoded.unknown_fields.is_empty());
    assert_eq!(decoded.record, read);
    assert_eq!(encode(&decoded.record).expect("encodes"), current);

    // The same feedback about the shadowing session, with the line FORMAT.md shows.
    let line = "    activity: Some(\"01M3A4WRNGKWZDTZ0VQ9CZH5SP\"),\n";
    let doc = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/FORMAT.md"))
        .expect("docs/FORMAT.md");
    assert!(doc.contains(line), "docs/FORMAT.md shows the activity line");
    let with = current.replace(none, line);
    let decoded = decode::<Feedback>(with.as_bytes()).expect("decodes");
    assert!(decoded.unknown_fields.is_empty());
    assert_eq!(
        decoded.record.activity,
        Some(id("01M3A4WRNGKWZDTZ0VQ9CZH5SP"))
    );
    assert_eq!(encode(&decoded.record).expect("encodes"), with);
}

#[test]
fn a_practice_record_reads_with_its_kind_and_parts() {
    let p: Practice = check("practice/01M5D2K7XQ4R8T1V3W6Y9Z0B2C.ron");
    assert_eq!(p.kind, PracticeKind::Leadership);
    assert_eq!(p.headline(), "Leadership style: Autocratic");
    let labels: Vec<&str> = p.parts().iter().map(|(l, _)| *l).collect();
    assert_eq!(labels, ["Scenario", "Why it fits", "What happened"]);
    assert!(p.is_complete());
}

#[test]
fn a_coaching_session_reads_with_its_feedback_follow_up_and_impact() {
    let s: CoachingSession = check_record("coaching/01M6E4A2KQ7V3N8R5T9W1X0Y2Z.ron");
    assert_eq!(
        s.headline(),
        "Tom Reilly: Estimated bills: explaining the catch-up"
    );
    assert_eq!(s.feedback_delay(), 1);
    assert!(s.is_timely() && s.is_specific());
    assert_eq!(s.impact_level(), 3);
    assert!(s.impact_with_coachee());
    assert!(s.coachee_view.contains("“I still get nervous"));
}

#[test]
fn the_fixture_folder_opens_as_a_workspace_with_no_problems() {
    let root = tempfile::tempdir().expect("tempdir");
    crate::common::copy_dir(&fixtures(), &root.path().join("priya"));
    let ws = Workspace::open(root.path(), "priya", Mode::ReadOnly).expect("opens");
    let loaded = ws.load().expect("loads");
    assert_eq!(loaded.problems, vec![], "no file has a problem");
    assert_eq!(loaded.header.profile.organisation, "Northway Energy");
    let r = &loaded.records;
    assert_eq!(
        [
            r.diary.len(),
            r.needs.len(),
            r.objectives.len(),
            r.activities.len(),
            r.feedback.len(),
            r.kpis.len(),
            r.reviews.len(),
            r.evidence.len(),
            r.witnesses.len(),
            r.signoffs.len(),
            r.practice.len(),
            r.coaching.len(),
        ],
        [1; 12],
        "one record of every type"
    );
    assert_eq!(loaded.files.len(), 12, "the attached file is not a record");
    assert!(loaded.files.values().all(|f| f.protected.is_none()));
}

#[test]
fn docs_format_md_shows_every_fixture_verbatim() {
    let doc = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/FORMAT.md"))
        .expect("docs/FORMAT.md");
    for rel in [
        "workspace.ron",
        "diary/2026/2026-10-06-01M493TMFRC409YFPXFGDVMPFR.ron",
        "needs/01M2017730VNY1QEJSZ2BKDNBM.ron",
        "objectives/01M25PMENGQSEZS6STV5W1FDJN.ron",
        "activities/01M3A4WRNGKWZDTZ0VQ9CZH5SP.ron",
        "feedback/01M3Y6287RG0FVWQFWKCXDJY0Q.ron",
        "kpis/01M69BB6388BGR07XYBQY9PEPS.ron",
        "reviews/2026-11-12-01M77RXKG84F16204Z7VEQR6XT.ron",
        "evidence/01M5B3R2QW8XK9T4N6V0PZHC7D.ron",
        "witness/01M5C8WQ3ZJ7N2K4D6F8G0H1JM.ron",
        "signoffs/01M21A9KX4T7PRC2VB5N8YQ3ZE.ron",
        "practice/01M5D2K7XQ4R8T1V3W6Y9Z0B2C.ron",
        "coaching/01M6E4A2KQ7V3N8R5T9W1X0Y2Z.ron",
    ] {
        let text = fs::read_to_string(fixtures().join(rel)).expect("fixture");
        assert!(
            doc.contains(&format!("```ron\n{text}```")),
            "docs/FORMAT.md does not show {rel} as it is"
        );
    }
    // The constants the document quotes.
    assert!(doc.contains(&format!(
        "The newest **{}** backups",
        starlog::store::BACKUPS_KEPT
    )));
    assert!(doc.contains(&format!("writes **format {}**", starlog::domain::FORMAT)));
}
