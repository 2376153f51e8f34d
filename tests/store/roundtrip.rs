//! Every record type survives encode -> decode and create -> load unchanged,
//! whatever Unicode the learner typed: quotes, backslashes, `"#`, line breaks,
//! `\r`, emoji, CJK, control characters (including `\0`) and very long text.

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde::Serialize;
use serde::de::DeserializeOwned;
use starlog::domain::kpi::Better;
use starlog::domain::{
    Activity, ActivityKind, Confirmation, DevelopmentNeed, DiaryEntry, EvidenceFile, EvidenceKind,
    FORMAT, Feedback, FeedbackMethod, FeedbackSource, FeedbackState, Id, Impact, KpiReading,
    LearnerProfile, Measure, NeedKind, NeedSource, Objective, ObjectiveChange, ObjectiveStatus,
    Outcome, Participant, ProgressNote, Review, Settings, SignOff, Valence, WitnessStatement,
    WorkspaceHeader,
};
use starlog::store::codec::{decode, encode};
use starlog::store::{Mode, Workspace};
use std::fmt::Debug;

// ---------------------------------------------------------------- strategies

/// Pieces that have broken RON writers and readers before.
const NASTY: &[&str] = &[
    "\"",
    "\\",
    "\"#",
    "#\"",
    "r#\"",
    "\"##",
    "###",
    "\n",
    "\r",
    "\r\n",
    "\0",
    "\t",
    "\u{1b}[2J",
    "\u{7f}",
    "\u{feff}",
    "\u{2028}",
    "😀",
    "👩‍👩‍👧",
    "日本語",
    "客服",
    "한국어",
    "٣",
    "é",
    "e\u{301}",
    "//",
    "/*",
    "*/",
    "format: 9",
    "\nformat: 2,\n",
    ")",
    "(",
    "[",
    "]",
    ",",
    ":",
    "Some(",
    "None",
    "'",
    "\\n",
    "\\u{0}",
    "b\"",
    " ",
    "",
];

fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => any::<char>().prop_map(String::from),
        2 => prop::sample::select(NASTY).prop_map(String::from),
        1 => "[a-zA-Z ]{1,12}",
    ];
    prop::collection::vec(piece, 0..24).prop_map(|p| p.concat())
}

fn texts() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(text(), 0..4)
}

fn id() -> impl Strategy<Value = Id> {
    (0u64..(1 << 48), any::<[u8; 10]>()).prop_map(|(ms, r)| Id::from_parts(ms, r))
}

fn ids() -> impl Strategy<Value = Vec<Id>> {
    prop::collection::vec(id(), 0..3)
}

/// Any day a `YYYY-MM-DD` can name.
fn day() -> impl Strategy<Value = NaiveDate> {
    let first = NaiveDate::from_ymd_opt(1, 1, 1).expect("valid");
    let last = NaiveDate::from_ymd_opt(9999, 12, 31).expect("valid");
    (0..=(last - first).num_days()).prop_map(move |d| first + chrono::Days::new(d as u64))
}

/// A moment with any whole-minute offset (real offsets never carry seconds).
fn moment() -> impl Strategy<Value = DateTime<FixedOffset>> {
    (
        -2_208_988_800i64..7_258_118_400, // 1900 .. 2200
        0u32..1_000_000_000,
        -(23 * 60 + 59)..=(23 * 60 + 59i32),
    )
        .prop_map(|(secs, nanos, offset_min)| {
            let tz = FixedOffset::east_opt(offset_min * 60).expect("offset in range");
            tz.timestamp_opt(secs, nanos).single().expect("unique")
        })
}

fn finite() -> impl Strategy<Value = f64> {
    use prop::num::f64;
    f64::POSITIVE | f64::NEGATIVE | f64::NORMAL | f64::SUBNORMAL | f64::ZERO
}

fn diary() -> impl Strategy<Value = DiaryEntry> {
    (
        (id(), day(), moment(), moment()),
        (text(), text(), text(), text(), text(), text()),
        (texts(), ids(), texts()),
    )
        .prop_map(
            |(
                (id, date, created, updated),
                (situation, task, action, result, reflection, text),
                (tags, objectives, criteria),
            )| DiaryEntry {
                format: FORMAT,
                id,
                date,
                created,
                updated,
                situation,
                task,
                action,
                result,
                reflection,
                text,
                tags,
                objectives,
                criteria,
            },
        )
}

fn need() -> impl Strategy<Value = DevelopmentNeed> {
    (
        (id(), day(), moment(), moment()),
        (
            text(),
            prop::sample::select(vec![NeedKind::Strength, NeedKind::Gap]),
            prop::collection::vec(prop::sample::select(NeedSource::ALL.to_vec()), 0..7),
        ),
        (text(), text(), texts()),
    )
        .prop_map(
            |(
                (id, date, created, updated),
                (area, kind, identified_from),
                (evidence, agreed_with, criteria),
            )| DevelopmentNeed {
                format: FORMAT,
                id,
                date,
                created,
                updated,
                area,
                kind,
                identified_from,
                evidence,
                agreed_with,
                criteria,
            },
        )
}

fn objective() -> impl Strategy<Value = Objective> {
    let measure =
        (text(), text(), text(), text()).prop_map(|(baseline, target, how, kpi)| Measure {
            baseline,
            target,
            how,
            kpi,
        });
    let note =
        (day(), text(), any::<Option<u8>>()).prop_map(|(date, text, percent)| ProgressNote {
            date,
            text,
            percent,
        });
    (
        (id(), moment(), moment(), text(), measure),
        (text(), text(), text(), ids(), texts()),
        (
            prop::option::of(day()),
            prop::option::of(day()),
            prop::sample::select(ObjectiveStatus::ALL.to_vec()),
            prop::collection::vec(note, 0..3),
        ),
    )
        .prop_map(
            |(
                (id, created, updated, statement, measure),
                (support, relevance, serves, needs, criteria),
                (target_date, review_date, status, progress),
            )| Objective {
                format: FORMAT,
                id,
                created,
                updated,
                statement,
                measure,
                support,
                relevance,
                serves,
                needs,
                criteria,
                target_date,
                review_date,
                status,
                progress,
            },
        )
}

fn activity() -> impl Strategy<Value = Activity> {
    let impact =
        (text(), text(), text(), text()).prop_map(|(reaction, learning, behaviour, results)| {
            Impact {
                reaction,
                learning,
                behaviour,
                results,
            }
        });
    (
        (id(), day(), moment(), moment()),
        (
            prop::sample::select(ActivityKind::ALL.to_vec()),
            text(),
            text(),
            finite(),
        ),
        (ids(), impact, text(), texts()),
        (text(), any::<Option<bool>>()),
    )
        .prop_map(
            |(
                (id, date, created, updated),
                (kind, title, resource, hours),
                (objectives, impact, applied, criteria),
                (effectiveness, method_suited),
            )| Activity {
                format: FORMAT,
                id,
                date,
                created,
                updated,
                kind,
                title,
                resource,
                hours,
                objectives,
                impact,
                applied,
                effectiveness,
                method_suited,
                criteria,
            },
        )
}

fn feedback() -> impl Strategy<Value = Feedback> {
    (
        (id(), day(), moment(), moment()),
        (
            prop::sample::select(FeedbackSource::ALL.to_vec()),
            prop::sample::select(FeedbackMethod::ALL.to_vec()),
            text(),
            text(),
            text(),
        ),
        (
            prop::sample::select(vec![
                Valence::Positive,
                Valence::Constructive,
                Valence::Negative,
            ]),
            prop::sample::select(vec![
                FeedbackState::New,
                FeedbackState::Reflected,
                FeedbackState::Actioned,
                FeedbackState::Archived,
            ]),
            text(),
            text(),
        ),
        (ids(), ids(), texts(), texts(), prop::option::of(id())),
    )
        .prop_map(
            |(
                (id, date, created, updated),
                (source, method, who, role, text),
                (valence, state, reflection, action),
                (objectives, entries, tags, criteria, activity),
            )| Feedback {
                format: FORMAT,
                id,
                date,
                created,
                updated,
                source,
                method,
                who,
                role,
                text,
                valence,
                state,
                reflection,
                action,
                objectives,
                entries,
                tags,
                criteria,
                activity,
            },
        )
}

fn kpi() -> impl Strategy<Value = KpiReading> {
    (
        (id(), text(), day(), moment()),
        (finite(), prop::option::of(finite()), text(), text()),
        (
            prop::option::of(id()),
            prop::option::of(prop_oneof![Just(Better::Higher), Just(Better::Lower)]),
        ),
    )
        .prop_map(
            |((id, metric, date, created), (value, target, unit, note), (objective, better))| {
                KpiReading {
                    format: FORMAT,
                    id,
                    metric,
                    date,
                    created,
                    value,
                    target,
                    unit,
                    note,
                    objective,
                    better,
                }
            },
        )
}

fn evidence_file() -> impl Strategy<Value = EvidenceFile> {
    (
        (id(), day(), moment(), moment(), text()),
        (
            prop::sample::select(EvidenceKind::ALL.to_vec()),
            text(),
            ids(),
            texts(),
        ),
        (text(), text(), any::<u64>(), text()),
    )
        .prop_map(
            |(
                (id, date, created, updated, title),
                (kind, description, links, criteria),
                (original_name, stored_name, size, sha256),
            )| EvidenceFile {
                format: FORMAT,
                id,
                date,
                created,
                updated,
                title,
                kind,
                description,
                links,
                criteria,
                original_name,
                stored_name,
                size,
                sha256,
            },
        )
}

fn witness() -> impl Strategy<Value = WitnessStatement> {
    let confirmation = prop_oneof![
        Just(Confirmation::Unconfirmed),
        (text(), moment(), text()).prop_map(|(name, signed, content_hash)| Confirmation::Signed {
            name,
            signed,
            content_hash
        }),
        id().prop_map(|evidence| Confirmation::Scanned { evidence }),
    ];
    (
        (id(), day(), moment(), moment()),
        (text(), text(), text(), text()),
        (texts(), ids(), confirmation),
    )
        .prop_map(
            |(
                (id, date, created, updated),
                (witness, role, relationship, observed),
                (criteria, links, confirmation),
            )| WitnessStatement {
                format: FORMAT,
                id,
                date,
                created,
                updated,
                witness,
                role,
                relationship,
                observed,
                criteria,
                links,
                confirmation,
            },
        )
}

fn signoff() -> impl Strategy<Value = SignOff> {
    (
        (id(), id(), text(), text()),
        (moment(), text(), text(), texts()),
    )
        .prop_map(
            |((id, subject, name, role), (signed, remark, content_hash, criteria))| SignOff {
                format: FORMAT,
                id,
                subject,
                name,
                role,
                signed,
                remark,
                content_hash,
                criteria,
            },
        )
}

fn review() -> impl Strategy<Value = Review> {
    let participant = (text(), text()).prop_map(|(name, role)| Participant { name, role });
    let change = (
        id(),
        prop::sample::select(vec![
            Outcome::Kept,
            Outcome::Revised,
            Outcome::Achieved,
            Outcome::Dropped,
            Outcome::Added,
        ]),
        text(),
    )
        .prop_map(|(objective, outcome, reason)| ObjectiveChange {
            objective,
            outcome,
            reason,
        });
    (
        (
            id(),
            moment(),
            prop::collection::vec(participant, 0..3),
            text(),
        ),
        (
            prop::collection::vec(change, 0..3),
            prop::option::of(day()),
            prop::option::of(id()),
        ),
        // The plan snapshot: whole objectives nested inside the review.
        prop::collection::vec(objective(), 0..3),
    )
        .prop_map(
            |((id, held, participants, summary), (changes, next_review, corrects), plan)| Review {
                format: FORMAT,
                id,
                held,
                participants,
                summary,
                changes,
                next_review,
                corrects,
                plan,
                criteria: Vec::new(),
            },
        )
}

fn header() -> impl Strategy<Value = WorkspaceHeader> {
    (
        (text(), text(), text(), text()),
        (any::<Option<u8>>(), text(), texts()),
        (any::<u32>(), any::<bool>()),
    )
        .prop_map(
            |(
                (name, job_role, organisation, qualification),
                (level, criteria_set, more_criteria_sets),
                (review_interval_days, onboarded),
            )| WorkspaceHeader {
                format: FORMAT,
                profile: LearnerProfile {
                    name,
                    job_role,
                    organisation,
                    qualification,
                    level,
                    criteria_set,
                    more_criteria_sets,
                },
                settings: Settings {
                    review_interval_days,
                },
                onboarded,
            },
        )
}

// ---------------------------------------------------------------- checks

/// encode -> decode gives the same record, no unknown fields, today's format.
fn codec_round_trip<T>(record: &T) -> Result<(), TestCaseError>
where
    T: Serialize + DeserializeOwned + PartialEq + Debug,
{
    let text = encode(record).map_err(|e| TestCaseError::fail(format!("encode: {e}")))?;
    let decoded = decode::<T>(text.as_bytes())
        .map_err(|e| TestCaseError::fail(format!("decode: {e}\n--- file ---\n{text}")))?;
    prop_assert_eq!(&decoded.record, record, "file was:\n{}", text);
    prop_assert!(decoded.unknown_fields.is_empty());
    prop_assert!(!decoded.had_bom);
    prop_assert_eq!(decoded.format, FORMAT);
    // Stable: writing what was read gives the same bytes (diff-friendly files).
    prop_assert_eq!(encode(&decoded.record).expect("encodes"), text);
    Ok(())
}

/// Floats compare equal for 0.0 and -0.0; the file must keep the exact bits.
fn same_bits(a: f64, b: f64) -> Result<(), TestCaseError> {
    prop_assert_eq!(a.to_bits(), b.to_bits(), "{} became {}", a, b);
    Ok(())
}

/// Gives every record its own id: ids are unique across a workspace.
fn distinct(n: u64) -> Id {
    Id::from_parts(1_700_000_000_000 + n, [n as u8; 10])
}

#[allow(clippy::too_many_arguments)]
fn workspace_round_trip(
    header: &WorkspaceHeader,
    mut entry: DiaryEntry,
    mut need: DevelopmentNeed,
    mut objective: Objective,
    mut activity: Activity,
    mut feedback: Feedback,
    mut kpi: KpiReading,
    mut review: Review,
) -> Result<(), TestCaseError> {
    entry.id = distinct(1);
    need.id = distinct(2);
    objective.id = distinct(3);
    activity.id = distinct(4);
    feedback.id = distinct(5);
    kpi.id = distinct(6);
    review.id = distinct(7);

    let root = tempfile::tempdir().expect("tempdir");
    {
        let ws = Workspace::open(root.path(), "learner", Mode::Write).expect("open");
        let (_, state, _) = ws.load_header().expect("header");
        ws.save_header(header, state.as_ref()).expect("save header");
        ws.create(&entry).expect("create diary");
        ws.create(&need).expect("create need");
        ws.create(&objective).expect("create objective");
        ws.create(&activity).expect("create activity");
        ws.create(&feedback).expect("create feedback");
        ws.create(&kpi).expect("create kpi");
        ws.create(&review).expect("create review");
    }
    // A fresh open, as the next start of the app would.
    let ws = Workspace::open(root.path(), "learner", Mode::Write).expect("reopen");
    let loaded = ws.load().expect("load");
    prop_assert_eq!(&loaded.problems, &vec![]);
    prop_assert_eq!(&loaded.header, header);
    let r = &loaded.records;
    prop_assert_eq!(&r.diary, &vec![entry]);
    prop_assert_eq!(&r.needs, &vec![need]);
    prop_assert_eq!(&r.objectives, &vec![objective]);
    prop_assert_eq!(&r.activities, &vec![activity.clone()]);
    prop_assert_eq!(&r.feedback, &vec![feedback]);
    prop_assert_eq!(&r.kpis, &vec![kpi.clone()]);
    prop_assert_eq!(&r.reviews, &vec![review]);
    same_bits(r.activities[0].hours, activity.hours)?;
    same_bits(r.kpis[0].value, kpi.value)?;
    if let (Some(a), Some(b)) = (r.kpis[0].target, kpi.target) {
        same_bits(a, b)?;
    }
    Ok(())
}

/// `cases` cases, failures kept beside this file (see `crate::proptest_config`).
fn config(cases: u32) -> ProptestConfig {
    crate::proptest_config(cases, file!())
}

// ---------------------------------------------------------------- tests

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn diary_entries_round_trip(r in diary()) { codec_round_trip(&r)?; }

    #[test]
    fn development_needs_round_trip(r in need()) { codec_round_trip(&r)?; }

    #[test]
    fn objectives_round_trip(r in objective()) { codec_round_trip(&r)?; }

    #[test]
    fn activities_round_trip(r in activity()) {
        codec_round_trip(&r)?;
        let back = decode::<Activity>(encode(&r).expect("encodes").as_bytes()).expect("decodes");
        same_bits(back.record.hours, r.hours)?;
    }

    #[test]
    fn feedback_round_trips(r in feedback()) { codec_round_trip(&r)?; }

    #[test]
    fn kpi_readings_round_trip(r in kpi()) {
        codec_round_trip(&r)?;
        let back = decode::<KpiReading>(encode(&r).expect("encodes").as_bytes()).expect("decodes");
        same_bits(back.record.value, r.value)?;
        if let (Some(a), Some(b)) = (back.record.target, r.target) {
            same_bits(a, b)?;
        }
    }

    #[test]
    fn reviews_with_a_plan_snapshot_round_trip(r in review()) { codec_round_trip(&r)?; }

    #[test]
    fn workspace_headers_round_trip(r in header()) { codec_round_trip(&r)?; }

    #[test]
    fn evidence_files_round_trip(r in evidence_file()) { codec_round_trip(&r)?; }

    #[test]
    fn witness_statements_round_trip(r in witness()) { codec_round_trip(&r)?; }

    #[test]
    fn sign_offs_round_trip(r in signoff()) { codec_round_trip(&r)?; }
}

proptest! {
    // Each case writes eight files with fsyncs: fewer cases.
    #![proptest_config(config(16))]

    #[test]
    fn every_record_type_round_trips_through_a_workspace(
        h in header(),
        e in diary(),
        n in need(),
        o in objective(),
        a in activity(),
        f in feedback(),
        k in kpi(),
        r in review(),
    ) {
        workspace_round_trip(&h, e, n, o, a, f, k, r)?;
    }
}

/// The same properties with many more cases: `cargo test -- --ignored`.
#[test]
#[ignore = "long: thousands of cases"]
fn round_trips_with_many_cases() {
    let mut runner = proptest::test_runner::TestRunner::new(config(5_000));
    runner
        .run(&diary(), |r| codec_round_trip(&r))
        .expect("diary");
    runner.run(&need(), |r| codec_round_trip(&r)).expect("need");
    runner
        .run(&objective(), |r| codec_round_trip(&r))
        .expect("objective");
    runner
        .run(&activity(), |r| codec_round_trip(&r))
        .expect("activity");
    runner
        .run(&feedback(), |r| codec_round_trip(&r))
        .expect("feedback");
    runner.run(&kpi(), |r| codec_round_trip(&r)).expect("kpi");
    runner
        .run(&review(), |r| codec_round_trip(&r))
        .expect("review");
    runner
        .run(&header(), |r| codec_round_trip(&r))
        .expect("header");
    let mut runner = proptest::test_runner::TestRunner::new(config(300));
    let all = (
        header(),
        diary(),
        need(),
        objective(),
        activity(),
        feedback(),
        kpi(),
        review(),
    );
    runner
        .run(&all, |(h, e, n, o, a, f, k, r)| {
            workspace_round_trip(&h, e, n, o, a, f, k, r)
        })
        .expect("workspace");
}

/// A megabyte of every awkward character in one field survives both paths.
#[test]
fn a_one_megabyte_entry_round_trips() {
    let mut big = String::with_capacity(1 << 20);
    let mut i = 0usize;
    while big.len() < 1 << 20 {
        big.push_str(NASTY[i % NASTY.len()]);
        big.push(char::from_u32((i as u32 * 7919) % 0x11_0000).unwrap_or('\u{fffd}'));
        i += 1;
    }
    let now = DateTime::parse_from_rfc3339("2026-11-22T10:00:00+01:00").expect("valid");
    let day = NaiveDate::from_ymd_opt(2026, 11, 22).expect("valid");
    let mut entry = DiaryEntry::new(distinct(1), day, now);
    entry.reflection = big.clone();
    entry.text = big;
    codec_round_trip(&entry).expect("codec round trip");

    let root = tempfile::tempdir().expect("tempdir");
    let ws = Workspace::open(root.path(), "big", Mode::Write).expect("open");
    ws.create(&entry).expect("create");
    let loaded = ws.load().expect("load");
    assert_eq!(loaded.problems, vec![]);
    assert_eq!(loaded.records.diary, vec![entry]);
}
