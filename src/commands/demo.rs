//! `starlog demo`: writes the demo learner's story (built in `starlog_core::demo`)
//! and any generated entries into a workspace; `starlog demo --team` writes
//! the demo team (a coach's workspace and three coachees') under the root.

use crate::demo::{GENERATED_SEED, demo_file, generated_entries, story, team};
use crate::domain::{Records, WorkspaceHeader};
use crate::store::{FileState, Mode, OpenError, SaveError, StoredRecord, Workspace};
use chrono::{DateTime, Days, FixedOffset};
use std::path::Path;

/// Writes the demo: the header (profile filled in, greeting done), every
/// record of the story and `extra` generated diary entries. Returns what was
/// written, in words.
pub fn write_demo(
    ws: &Workspace,
    header: Option<&FileState>,
    extra: usize,
    now: DateTime<FixedOffset>,
) -> Result<String, SaveError> {
    let today = now.date_naive();
    let (head, records) = story(today);
    write_records(ws, header, &head, &records)?;
    let generated = generated_entries(extra, GENERATED_SEED, today - Days::new(1));
    create_all(ws, &generated)?;
    let n = crate::domain::words::count;
    let mut summary = [
        n(records.diary.len(), "diary entry", "diary entries"),
        n(records.needs.len(), "development need", "development needs"),
        n(records.objectives.len(), "objective", "objectives"),
        n(records.activities.len(), "activity", "activities"),
        n(records.feedback.len(), "feedback item", "feedback items"),
        n(records.kpis.len(), "KPI reading", "KPI readings"),
        n(records.reviews.len(), "review", "reviews"),
        n(records.evidence.len(), "evidence file", "evidence files"),
        n(
            records.witnesses.len(),
            "witness statement",
            "witness statements",
        ),
        n(records.signoffs.len(), "sign-off", "sign-offs"),
        n(
            records.practice.len(),
            "practice record",
            "practice records",
        ),
    ]
    .join(", ");
    if extra > 0 {
        summary.push_str(&format!(", plus {extra} generated diary entries"));
    }
    Ok(summary)
}

/// Why the demo team was not written.
#[derive(Debug, thiserror::Error)]
pub enum TeamError {
    #[error(transparent)]
    Open(#[from] OpenError),
    #[error(transparent)]
    Save(#[from] SaveError),
    #[error("{0} already holds records; remove that folder first, or give another --dir")]
    NotEmpty(String),
}

/// Writes the demo team under `root`: the coach's workspace and the three
/// coachees' (see `starlog_core::demo::team`), each a normal workspace.
/// Nothing is written when any of them already holds records. Returns each
/// workspace's name and its person's name, coach first.
pub fn write_team(
    root: &Path,
    now: DateTime<FixedOffset>,
) -> Result<Vec<(&'static str, String)>, TeamError> {
    let members = team(now.date_naive());
    // Every folder is looked at before any is made, so a refusal leaves
    // the root as it was.
    for (name, _, _) in &members {
        if root.join(name).exists() {
            let ws = Workspace::open(root, name, Mode::ReadOnly)?;
            if !ws.has_no_records() {
                return Err(TeamError::NotEmpty(ws.dir().display().to_string()));
            }
        }
    }
    let mut open = Vec::new();
    for (name, head, records) in &members {
        let ws = Workspace::open(root, name, Mode::Write)?;
        let (_, state, _) = ws.load_header()?;
        open.push((ws, state, *name, head, records));
    }
    let mut out = Vec::new();
    for (ws, state, name, head, records) in open {
        write_records(&ws, state.as_ref(), head, records)?;
        out.push((name, head.profile.name.clone()));
    }
    Ok(out)
}

/// Writes a header and every record of a demo workspace.
fn write_records(
    ws: &Workspace,
    header: Option<&FileState>,
    head: &WorkspaceHeader,
    records: &Records,
) -> Result<(), SaveError> {
    ws.save_header(head, header)?;
    create_all(ws, &records.needs)?;
    create_all(ws, &records.objectives)?;
    create_all(ws, &records.activities)?;
    create_all(ws, &records.feedback)?;
    create_all(ws, &records.kpis)?;
    create_all(ws, &records.reviews)?;
    create_all(ws, &records.diary)?;
    for e in &records.evidence {
        if let Some(bytes) = demo_file(&e.stored_name) {
            ws.store_evidence(e, bytes)?;
        }
    }
    create_all(ws, &records.witnesses)?;
    create_all(ws, &records.signoffs)?;
    create_all(ws, &records.practice)?;
    create_all(ws, &records.coaching)
}

/// Creates records on a few threads: each create waits for its own fsyncs, so
/// overlapping them makes a large demo much quicker to write.
fn create_all<T: StoredRecord + Sync>(ws: &Workspace, records: &[T]) -> Result<(), SaveError> {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 4)
        * 2;
    if records.len() < 64 {
        return records.iter().try_for_each(|r| ws.create(r).map(drop));
    }
    let chunk = records.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = records
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().try_for_each(|r| ws.create(r).map(drop))))
            .collect();
        let mut result = Ok(());
        for h in handles {
            let outcome = h
                .join()
                .unwrap_or_else(|_| Err(SaveError::Encode("a writer thread failed".to_string())));
            if result.is_ok() {
                result = outcome;
            }
        }
        result
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::{DemoStory, STORY, expand_dates};
    use crate::domain::{FORMAT, Id};
    use crate::store::{Mode, codec};
    use chrono::{Duration, NaiveDate};
    use std::collections::HashSet;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    #[test]
    fn story_asset_parses_without_unknown_fields() {
        let (story, unknown) =
            codec::parse::<DemoStory>(&expand_dates(STORY, Duration::zero())).expect("parses");
        assert!(unknown.is_empty(), "unknown fields: {unknown:?}");
        assert_eq!(story.format, FORMAT);
        let expanded = expand_dates(STORY, Duration::days(7 * 30));
        let body = expanded.split_once("DemoStory(").expect("struct").1;
        assert!(!body.contains("[["), "a date template did not expand");
        assert!(!body.contains("\"@"), "an id placeholder is left");
    }

    #[test]
    fn team_assets_parse_without_unknown_fields() {
        let finished = ("priya", crate::demo::TEAM_STORY_FINISHED);
        for (name, text) in crate::demo::TEAM.into_iter().chain([finished]) {
            let (story, unknown) = codec::parse::<DemoStory>(&expand_dates(text, Duration::zero()))
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(unknown.is_empty(), "{name}: unknown fields {unknown:?}");
            assert_eq!(story.format, FORMAT);
        }
    }

    #[test]
    fn write_team_writes_four_workspaces_and_refuses_to_write_over_records() {
        let dir = tempfile::tempdir().expect("temp dir");
        let now = DateTime::parse_from_rfc3339("2026-11-29T10:00:00+00:00").expect("moment");
        let written = write_team(dir.path(), now).expect("writes");
        let names: Vec<&str> = written.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, ["coach", "priya", "tom", "ana"]);
        for (name, _) in &written {
            let ws = Workspace::open(dir.path(), name, Mode::ReadOnly).expect("opens");
            let loaded = ws.load().expect("loads");
            assert!(loaded.problems.is_empty(), "{name}: {:?}", loaded.problems);
        }
        let coach = Workspace::open(dir.path(), "coach", Mode::ReadOnly)
            .and_then(|ws| ws.load())
            .expect("the coach's workspace");
        assert_eq!(coach.records.coaching.len(), 6);
        // A second time nothing is written, and the first stays as it was.
        std::fs::remove_dir_all(dir.path().join("ana")).expect("remove ana");
        let again = write_team(dir.path(), now);
        assert!(matches!(again, Err(TeamError::NotEmpty(_))), "{again:?}");
        assert!(
            !dir.path().join("ana").exists(),
            "nothing made on a refusal"
        );
    }

    #[test]
    fn every_story_record_survives_the_codec() {
        let (header, r) = story(d(2026, 3, 4));
        fn round<
            T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
        >(
            items: &[T],
        ) {
            for item in items {
                let text = codec::encode(item).expect("encodes");
                let back = codec::decode::<T>(text.as_bytes()).expect("decodes");
                assert!(back.unknown_fields.is_empty());
                assert_eq!(&back.record, item);
            }
        }
        round(std::slice::from_ref(&header));
        round(&r.diary);
        round(&r.needs);
        round(&r.objectives);
        round(&r.activities);
        round(&r.feedback);
        round(&r.kpis);
        round(&r.reviews);
    }

    #[test]
    fn write_demo_writes_a_workspace_that_loads_cleanly() {
        let dir = tempfile::tempdir().expect("temp dir");
        let ws = Workspace::open(dir.path(), "demo", Mode::Write).expect("opens");
        let (_, state, _) = ws.load_header().expect("header");
        let now = DateTime::parse_from_rfc3339("2026-04-15T10:00:00+01:00").expect("moment");
        let summary = write_demo(&ws, state.as_ref(), 70, now).expect("writes");
        assert!(summary.contains("19 diary entries"), "{summary}");
        assert!(summary.contains("plus 70 generated"), "{summary}");
        let (_, story_records) = story(now.date_naive());
        assert!(
            summary.contains(&format!(
                "{} practice records",
                story_records.practice.len()
            )),
            "every kind written is counted: {summary}"
        );
        assert!(
            summary.contains("1 witness statement, 1 sign-off"),
            "{summary}"
        );
        let loaded = ws.load().expect("loads");
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        let (header, expected) = story(now.date_naive());
        assert_eq!(loaded.header, header);
        assert_eq!(loaded.records.diary.len(), expected.diary.len() + 70);
        assert_eq!(loaded.records.reviews, expected.reviews);
        assert_eq!(loaded.records.objectives, expected.objectives);
        assert_eq!(loaded.records.len(), expected.len() + 70);
    }

    #[test]
    fn generated_entries_are_repeatable_and_about_one_and_a_half_kb() {
        let last = d(2026, 6, 1);
        let a = generated_entries(300, 7, last);
        assert_eq!(a.len(), 300);
        assert_eq!(a, generated_entries(300, 7, last));
        assert_ne!(a, generated_entries(300, 8, last));
        let ids: HashSet<&Id> = a.iter().map(|e| &e.id).collect();
        assert_eq!(ids.len(), a.len());
        let sizes: Vec<usize> = a
            .iter()
            .map(|e| codec::encode(e).expect("encodes").len())
            .collect();
        let mean = sizes.iter().sum::<usize>() / sizes.len();
        assert!((1300..=1700).contains(&mean), "mean size {mean}");
        assert!(sizes.iter().all(|s| (1000..=2200).contains(s)), "{sizes:?}");
        assert!(a.iter().all(|e| e.is_complete_star() && e.date <= last));
        assert!(
            a.iter()
                .all(|e| !e.tags.is_empty() && !e.criteria.is_empty())
        );
        let days: HashSet<NaiveDate> = a.iter().map(|e| e.date).collect();
        assert!(days.len() > 50 && days.len() < 300, "{} days", days.len());
        // Large journals stay within about eight years.
        let big = generated_entries(20_000, 1, last);
        assert_eq!(big.len(), 20_000);
        let oldest = big.iter().map(|e| e.date).min().expect("entries");
        assert!((last - oldest).num_days() < 3_300, "{oldest}");
    }
}
