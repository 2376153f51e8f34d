//! Where each record type lives in a workspace folder and how its file is named.

use crate::domain::{
    Activity, AnyRecord, CoachingSession, DevelopmentNeed, DiaryEntry, EvidenceFile, Feedback, Id,
    KpiReading, Objective, Practice, Review, SignOff, WitnessStatement,
};
use chrono::{DateTime, FixedOffset};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};

/// The kinds of record file, one folder each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RecordKind {
    Diary,
    Need,
    Objective,
    Activity,
    Feedback,
    Kpi,
    Review,
    Evidence,
    Witness,
    SignOff,
    Practice,
    Coaching,
}

impl RecordKind {
    /// The kind whose folder holds `rel` (a path relative to the workspace).
    pub fn of_path(rel: &std::path::Path) -> Option<RecordKind> {
        RecordKind::ALL
            .into_iter()
            .find(|k| rel.starts_with(k.dir()))
    }

    pub const ALL: [RecordKind; 12] = [
        RecordKind::Diary,
        RecordKind::Need,
        RecordKind::Objective,
        RecordKind::Activity,
        RecordKind::Feedback,
        RecordKind::Kpi,
        RecordKind::Review,
        RecordKind::Evidence,
        RecordKind::Witness,
        RecordKind::SignOff,
        RecordKind::Practice,
        RecordKind::Coaching,
    ];

    /// The folder inside the workspace.
    pub fn dir(self) -> &'static str {
        match self {
            RecordKind::Diary => "diary",
            RecordKind::Need => "needs",
            RecordKind::Objective => "objectives",
            RecordKind::Activity => "activities",
            RecordKind::Feedback => "feedback",
            RecordKind::Kpi => "kpis",
            RecordKind::Review => "reviews",
            RecordKind::Evidence => "evidence",
            RecordKind::Witness => "witness",
            RecordKind::SignOff => "signoffs",
            RecordKind::Practice => "practice",
            RecordKind::Coaching => "coaching",
        }
    }

    /// How deep record files are looked for under the folder: the folder
    /// and one level below, except in `evidence/`, whose sub-folders hold
    /// the attached files (which may well end in `.ron`).
    pub fn depth(self) -> usize {
        match self {
            RecordKind::Evidence => 1,
            _ => 2,
        }
    }

    /// What a learner calls one of these.
    pub fn label(self) -> &'static str {
        match self {
            RecordKind::Diary => "diary entry",
            RecordKind::Need => "development need",
            RecordKind::Objective => "objective",
            RecordKind::Activity => "activity",
            RecordKind::Feedback => "feedback",
            RecordKind::Kpi => "KPI reading",
            RecordKind::Review => "review",
            RecordKind::Evidence => "evidence file",
            RecordKind::Witness => "witness statement",
            RecordKind::SignOff => "sign-off",
            RecordKind::Practice => "practice record",
            RecordKind::Coaching => "coaching session",
        }
    }
}

/// A record that is stored as one file.
pub trait StoredRecord: Serialize + DeserializeOwned + Clone + Send + 'static {
    const KIND: RecordKind;

    /// Written once and never rewritten (reviews: an assessor relies on them
    /// as they were held; a correction is a new record).
    const IMMUTABLE: bool = false;

    fn id(&self) -> &Id;

    /// When the record was last changed, for the kinds that keep it: of two
    /// files with one id (a crash while an entry moved to another day), the
    /// later one is the learner's newest text.
    fn updated(&self) -> Option<DateTime<FixedOffset>> {
        None
    }

    /// The file's path relative to the workspace folder.
    fn rel_path(&self) -> PathBuf {
        PathBuf::from(Self::KIND.dir()).join(format!("{}.ron", self.id()))
    }
}

impl StoredRecord for DiaryEntry {
    const KIND: RecordKind = RecordKind::Diary;
    fn id(&self) -> &Id {
        &self.id
    }
    fn updated(&self) -> Option<DateTime<FixedOffset>> {
        Some(self.updated)
    }
    /// `diary/2026/2026-11-22-<id>.ron`: the newest entries are found by name alone.
    fn rel_path(&self) -> PathBuf {
        PathBuf::from("diary")
            .join(self.date.format("%Y").to_string())
            .join(format!("{}-{}.ron", self.date.format("%Y-%m-%d"), self.id))
    }
}

impl StoredRecord for DevelopmentNeed {
    const KIND: RecordKind = RecordKind::Need;
    fn id(&self) -> &Id {
        &self.id
    }
    fn updated(&self) -> Option<DateTime<FixedOffset>> {
        Some(self.updated)
    }
}

impl StoredRecord for Objective {
    const KIND: RecordKind = RecordKind::Objective;
    fn id(&self) -> &Id {
        &self.id
    }
    fn updated(&self) -> Option<DateTime<FixedOffset>> {
        Some(self.updated)
    }
}

impl StoredRecord for Activity {
    const KIND: RecordKind = RecordKind::Activity;
    fn id(&self) -> &Id {
        &self.id
    }
    fn updated(&self) -> Option<DateTime<FixedOffset>> {
        Some(self.updated)
    }
}

impl StoredRecord for Feedback {
    const KIND: RecordKind = RecordKind::Feedback;
    fn id(&self) -> &Id {
        &self.id
    }
    fn updated(&self) -> Option<DateTime<FixedOffset>> {
        Some(self.updated)
    }
}

impl StoredRecord for KpiReading {
    const KIND: RecordKind = RecordKind::Kpi;
    fn id(&self) -> &Id {
        &self.id
    }
}

impl StoredRecord for Review {
    const KIND: RecordKind = RecordKind::Review;
    const IMMUTABLE: bool = true;
    fn id(&self) -> &Id {
        &self.id
    }
    /// `reviews/2026-11-22-<id>.ron`: dated, so the timeline sorts by name.
    fn rel_path(&self) -> PathBuf {
        PathBuf::from("reviews").join(format!(
            "{}-{}.ron",
            self.held.date_naive().format("%Y-%m-%d"),
            self.id
        ))
    }
}

impl StoredRecord for EvidenceFile {
    const KIND: RecordKind = RecordKind::Evidence;
    fn id(&self) -> &Id {
        &self.id
    }
    fn updated(&self) -> Option<DateTime<FixedOffset>> {
        Some(self.updated)
    }
}

impl StoredRecord for WitnessStatement {
    const KIND: RecordKind = RecordKind::Witness;
    fn id(&self) -> &Id {
        &self.id
    }
    fn updated(&self) -> Option<DateTime<FixedOffset>> {
        Some(self.updated)
    }
}

impl StoredRecord for Practice {
    const KIND: RecordKind = RecordKind::Practice;
    fn id(&self) -> &Id {
        &self.id
    }
    fn updated(&self) -> Option<DateTime<FixedOffset>> {
        Some(self.updated)
    }
}

impl StoredRecord for CoachingSession {
    const KIND: RecordKind = RecordKind::Coaching;
    fn id(&self) -> &Id {
        &self.id
    }
    fn updated(&self) -> Option<DateTime<FixedOffset>> {
        Some(self.updated)
    }
}

impl StoredRecord for SignOff {
    const KIND: RecordKind = RecordKind::SignOff;
    /// Never changed once signed: a new sign-off is made instead.
    const IMMUTABLE: bool = true;
    fn id(&self) -> &Id {
        &self.id
    }
}

/// The kind of any record.
pub fn kind_of(record: &AnyRecord) -> RecordKind {
    match record {
        AnyRecord::Diary(_) => RecordKind::Diary,
        AnyRecord::Need(_) => RecordKind::Need,
        AnyRecord::Objective(_) => RecordKind::Objective,
        AnyRecord::Activity(_) => RecordKind::Activity,
        AnyRecord::Feedback(_) => RecordKind::Feedback,
        AnyRecord::Kpi(_) => RecordKind::Kpi,
        AnyRecord::Review(_) => RecordKind::Review,
        AnyRecord::Evidence(_) => RecordKind::Evidence,
        AnyRecord::Witness(_) => RecordKind::Witness,
        AnyRecord::SignOff(_) => RecordKind::SignOff,
        AnyRecord::Practice(_) => RecordKind::Practice,
        AnyRecord::Coaching(_) => RecordKind::Coaching,
    }
}

/// Where any record's file lives, relative to the workspace folder.
pub fn rel_path_of(record: &AnyRecord) -> PathBuf {
    match record {
        AnyRecord::Diary(r) => r.rel_path(),
        AnyRecord::Need(r) => r.rel_path(),
        AnyRecord::Objective(r) => r.rel_path(),
        AnyRecord::Activity(r) => r.rel_path(),
        AnyRecord::Feedback(r) => r.rel_path(),
        AnyRecord::Kpi(r) => r.rel_path(),
        AnyRecord::Review(r) => r.rel_path(),
        AnyRecord::Evidence(r) => r.rel_path(),
        AnyRecord::Witness(r) => r.rel_path(),
        AnyRecord::SignOff(r) => r.rel_path(),
        AnyRecord::Practice(r) => r.rel_path(),
        AnyRecord::Coaching(r) => r.rel_path(),
    }
}

/// What a sync puts in a conflict copy's name, before the time.
pub const COPY_MARK: &str = ".conflict-copy-";

/// True for a sync's conflict copy: `<name>.conflict-copy-<time>.txt`.
pub fn is_copy(rel: &Path) -> bool {
    rel.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.contains(COPY_MARK) && n.ends_with(".txt"))
}

/// The file a conflict copy was made beside:
/// `diary/2026/<name>.conflict-copy-<time>.txt` -> `diary/2026/<name>.ron`.
pub fn copied_from(copy: &Path) -> Option<PathBuf> {
    let name = copy.file_name()?.to_str()?;
    let (stem, _) = name.split_once(COPY_MARK)?;
    Some(copy.with_file_name(format!("{stem}.ron")))
}
