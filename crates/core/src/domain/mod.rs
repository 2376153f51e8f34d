//! The domain: learner records and the rules about them.
//!
//! Pure Rust: no terminal crates and no file I/O. The store turns these records
//! into files and back; the app shows and edits them.

pub mod activity;
pub mod caseload;
pub mod coaching;
pub mod coverage;
pub mod criteria;
pub mod dates;
pub mod diary;
pub mod draft;
pub mod evidence;
pub mod feedback;
pub mod id;
pub mod kpi;
pub mod links;
pub mod need;
pub mod numbers;
pub mod objective;
pub mod practice;
pub mod privacy;
pub mod profile;
pub mod readiness;
pub mod refs;
pub mod review;
pub mod signoff;
pub mod smart;
pub mod star;
#[cfg(any(test, feature = "testkit"))]
#[doc(hidden)]
pub mod testkit;
pub mod texts;
pub mod theory;
pub mod thread;
pub mod versions;
pub mod witness;
pub mod words;

pub use activity::{Activity, ActivityCategory, ActivityKind, Impact};
pub use coaching::CoachingSession;
pub use criteria::{CriteriaSet, Criterion, StarPrompts};
pub use diary::{DiaryEntry, StarPart};
pub use draft::{Draft, DraftField, DraftForm};
pub use evidence::{EvidenceFile, EvidenceKind};
pub use feedback::{
    ActionLink, Feedback, FeedbackFilter, FeedbackMethod, FeedbackSource, FeedbackState,
    ReviewPeriod, TriageError, Triangulation, Valence,
};
pub use id::{BadId, Id};
pub use kpi::KpiReading;
pub use need::{DevelopmentNeed, NeedKind, NeedSource};
pub use objective::{Measure, Objective, ObjectiveStatus, ProgressNote};
pub use practice::{Practice, PracticeKind};
pub use profile::{LearnerProfile, Settings, WorkspaceHeader};
pub use review::{ObjectiveChange, Outcome, Participant, Review};
pub use signoff::{SignOff, SignOffState};
pub use witness::{Confirmation, WitnessState, WitnessStatement};

/// The on-disk format version this build writes. Every file carries it.
pub const FORMAT: u32 = 1;

/// Cleans tags typed by people: no leading `#`, no spaces, no duplicates.
pub fn clean_tags(tags: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for tag in tags {
        for part in tag.split([',', ' ']) {
            let t = part.trim().trim_start_matches('#').to_string();
            if !t.is_empty() && !out.iter().any(|o| o.eq_ignore_ascii_case(&t)) {
                out.push(t);
            }
        }
    }
    out
}

/// Every record of a workspace, in memory.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Records {
    /// Newest first (by date, then id).
    pub diary: Vec<DiaryEntry>,
    pub needs: Vec<DevelopmentNeed>,
    pub objectives: Vec<Objective>,
    pub activities: Vec<Activity>,
    pub feedback: Vec<Feedback>,
    pub kpis: Vec<KpiReading>,
    /// Oldest first (by date held).
    pub reviews: Vec<Review>,
    /// Attached files, newest first (by date, then id).
    pub evidence: Vec<EvidenceFile>,
    /// Newest first (by date, then id).
    pub witnesses: Vec<WitnessStatement>,
    /// Oldest first (by moment signed).
    pub signoffs: Vec<SignOff>,
    /// Professionalism, skills, leadership styles, learning preferences,
    /// barriers, knowledge answers and role changes; newest first.
    pub practice: Vec<Practice>,
    /// Coaching sessions a team leader held with coachees; newest first.
    pub coaching: Vec<CoachingSession>,
}

impl Records {
    /// Puts every list in its display order.
    pub fn sort(&mut self) {
        // In place: ids are unique, so the order is total and a stable sort
        // (which takes a buffer of half the list) would give the same. The
        // load cache holds the diary in this order, and a list read in file
        // order is the reverse of it: either sorts in one pass.
        self.diary.sort_unstable_by(DiaryEntry::newest_first);
        self.needs.sort_by(|a, b| a.id.cmp(&b.id));
        self.objectives.sort_by(|a, b| a.id.cmp(&b.id));
        self.sort_small_lists();
    }

    pub fn objective(&self, id: &Id) -> Option<&Objective> {
        self.objectives.iter().find(|o| &o.id == id)
    }

    pub fn len(&self) -> usize {
        // Taken apart whole, so a new kind of record does not compile
        // until it is counted.
        let Records {
            diary,
            needs,
            objectives,
            activities,
            feedback,
            kpis,
            reviews,
            evidence,
            witnesses,
            signoffs,
            practice,
            coaching,
        } = self;
        diary.len()
            + needs.len()
            + objectives.len()
            + activities.len()
            + feedback.len()
            + kpis.len()
            + reviews.len()
            + evidence.len()
            + witnesses.len()
            + signoffs.len()
            + practice.len()
            + coaching.len()
    }

    /// Calls `f` with a copy of every record, kind by kind. Taken apart
    /// whole, so a new kind of record does not compile until it is listed
    /// here, and code that must see every record (the caseload's cache)
    /// cannot miss it.
    pub fn for_each_copy(&self, mut f: impl FnMut(AnyRecord)) {
        let Records {
            diary,
            needs,
            objectives,
            activities,
            feedback,
            kpis,
            reviews,
            evidence,
            witnesses,
            signoffs,
            practice,
            coaching,
        } = self;
        diary.iter().for_each(|x| f(AnyRecord::Diary(x.clone())));
        needs.iter().for_each(|x| f(AnyRecord::Need(x.clone())));
        objectives
            .iter()
            .for_each(|x| f(AnyRecord::Objective(x.clone())));
        activities
            .iter()
            .for_each(|x| f(AnyRecord::Activity(x.clone())));
        feedback
            .iter()
            .for_each(|x| f(AnyRecord::Feedback(x.clone())));
        kpis.iter().for_each(|x| f(AnyRecord::Kpi(x.clone())));
        reviews.iter().for_each(|x| f(AnyRecord::Review(x.clone())));
        evidence
            .iter()
            .for_each(|x| f(AnyRecord::Evidence(x.clone())));
        witnesses
            .iter()
            .for_each(|x| f(AnyRecord::Witness(x.clone())));
        signoffs
            .iter()
            .for_each(|x| f(AnyRecord::SignOff(x.clone())));
        practice
            .iter()
            .for_each(|x| f(AnyRecord::Practice(x.clone())));
        coaching
            .iter()
            .for_each(|x| f(AnyRecord::Coaching(x.clone())));
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Any one record, for code that handles every kind alike (saving, trash,
/// undo, search results).
#[derive(Debug, Clone, PartialEq)]
pub enum AnyRecord {
    Diary(DiaryEntry),
    Need(DevelopmentNeed),
    Objective(Objective),
    Activity(Activity),
    Feedback(Feedback),
    Kpi(KpiReading),
    Review(Review),
    Evidence(EvidenceFile),
    Witness(WitnessStatement),
    SignOff(SignOff),
    Practice(Practice),
    Coaching(CoachingSession),
}

impl AnyRecord {
    pub fn id(&self) -> &Id {
        match self {
            AnyRecord::Diary(r) => &r.id,
            AnyRecord::Need(r) => &r.id,
            AnyRecord::Objective(r) => &r.id,
            AnyRecord::Activity(r) => &r.id,
            AnyRecord::Feedback(r) => &r.id,
            AnyRecord::Kpi(r) => &r.id,
            AnyRecord::Review(r) => &r.id,
            AnyRecord::Evidence(r) => &r.id,
            AnyRecord::Witness(r) => &r.id,
            AnyRecord::SignOff(r) => &r.id,
            AnyRecord::Practice(r) => &r.id,
            AnyRecord::Coaching(r) => &r.id,
        }
    }

    /// What a learner calls one of these.
    pub fn label(&self) -> &'static str {
        match self {
            AnyRecord::Diary(_) => "diary entry",
            AnyRecord::Need(_) => "development need",
            AnyRecord::Objective(_) => "objective",
            AnyRecord::Activity(_) => "activity",
            AnyRecord::Feedback(_) => "feedback",
            AnyRecord::Kpi(_) => "KPI reading",
            AnyRecord::Review(_) => "review",
            AnyRecord::Evidence(_) => "evidence file",
            AnyRecord::Witness(_) => "witness statement",
            AnyRecord::SignOff(_) => "sign-off",
            AnyRecord::Practice(r) => r.kind.label(),
            AnyRecord::Coaching(_) => "coaching session",
        }
    }
}

impl Records {
    /// Adds a record, or replaces the one with its id, keeping display order.
    pub fn upsert(&mut self, record: AnyRecord) {
        self.remove(record.id());
        match record {
            AnyRecord::Diary(e) => {
                let pos = self
                    .diary
                    .partition_point(|x| DiaryEntry::newest_first(x, &e).is_lt());
                self.diary.insert(pos, e);
                return;
            }
            AnyRecord::Need(r) => self.needs.push(r),
            AnyRecord::Objective(r) => self.objectives.push(r),
            AnyRecord::Activity(r) => self.activities.push(r),
            AnyRecord::Feedback(r) => self.feedback.push(r),
            AnyRecord::Kpi(r) => self.kpis.push(r),
            AnyRecord::Review(r) => self.reviews.push(r),
            AnyRecord::Evidence(r) => self.evidence.push(r),
            AnyRecord::Witness(r) => self.witnesses.push(r),
            AnyRecord::SignOff(r) => self.signoffs.push(r),
            AnyRecord::Practice(r) => self.practice.push(r),
            AnyRecord::Coaching(r) => self.coaching.push(r),
        }
        // Small lists: a full sort keeps one definition of each order.
        self.needs.sort_by(|a, b| a.id.cmp(&b.id));
        self.objectives.sort_by(|a, b| a.id.cmp(&b.id));
        self.sort_small_lists();
    }

    fn sort_small_lists(&mut self) {
        self.activities
            .sort_by(|a, b| b.date.cmp(&a.date).then_with(|| b.id.cmp(&a.id)));
        self.feedback
            .sort_by(|a, b| b.date.cmp(&a.date).then_with(|| b.id.cmp(&a.id)));
        self.kpis
            .sort_by(|a, b| a.metric.cmp(&b.metric).then(a.date.cmp(&b.date)));
        self.reviews
            .sort_by(|a, b| a.held.cmp(&b.held).then_with(|| a.id.cmp(&b.id)));
        self.evidence
            .sort_by(|a, b| b.date.cmp(&a.date).then_with(|| b.id.cmp(&a.id)));
        self.witnesses
            .sort_by(|a, b| b.date.cmp(&a.date).then_with(|| b.id.cmp(&a.id)));
        self.signoffs
            .sort_by(|a, b| a.signed.cmp(&b.signed).then_with(|| a.id.cmp(&b.id)));
        self.practice
            .sort_by(|a, b| b.date.cmp(&a.date).then_with(|| b.id.cmp(&a.id)));
        self.coaching
            .sort_by(|a, b| b.date.cmp(&a.date).then_with(|| b.id.cmp(&a.id)));
    }

    /// Keeps only the records whose id `keep` accepts, in their order.
    pub fn retain_ids(&mut self, keep: impl Fn(&Id) -> bool) {
        // Taken apart whole, so a new kind of record does not compile
        // until it is listed here.
        let Records {
            diary,
            needs,
            objectives,
            activities,
            feedback,
            kpis,
            reviews,
            evidence,
            witnesses,
            signoffs,
            practice,
            coaching,
        } = self;
        diary.retain(|r| keep(&r.id));
        needs.retain(|r| keep(&r.id));
        objectives.retain(|r| keep(&r.id));
        activities.retain(|r| keep(&r.id));
        feedback.retain(|r| keep(&r.id));
        kpis.retain(|r| keep(&r.id));
        reviews.retain(|r| keep(&r.id));
        evidence.retain(|r| keep(&r.id));
        witnesses.retain(|r| keep(&r.id));
        signoffs.retain(|r| keep(&r.id));
        practice.retain(|r| keep(&r.id));
        coaching.retain(|r| keep(&r.id));
    }

    /// Takes out the record with this id, whatever its kind.
    pub fn remove(&mut self, id: &Id) -> Option<AnyRecord> {
        fn take<T>(list: &mut Vec<T>, id: &Id, key: impl Fn(&T) -> &Id) -> Option<T> {
            let pos = list.iter().position(|x| key(x) == id)?;
            Some(list.remove(pos))
        }
        if let Some(r) = take(&mut self.diary, id, |r| &r.id) {
            return Some(AnyRecord::Diary(r));
        }
        if let Some(r) = take(&mut self.needs, id, |r| &r.id) {
            return Some(AnyRecord::Need(r));
        }
        if let Some(r) = take(&mut self.objectives, id, |r| &r.id) {
            return Some(AnyRecord::Objective(r));
        }
        if let Some(r) = take(&mut self.activities, id, |r| &r.id) {
            return Some(AnyRecord::Activity(r));
        }
        if let Some(r) = take(&mut self.feedback, id, |r| &r.id) {
            return Some(AnyRecord::Feedback(r));
        }
        if let Some(r) = take(&mut self.kpis, id, |r| &r.id) {
            return Some(AnyRecord::Kpi(r));
        }
        if let Some(r) = take(&mut self.reviews, id, |r| &r.id) {
            return Some(AnyRecord::Review(r));
        }
        if let Some(r) = take(&mut self.evidence, id, |r| &r.id) {
            return Some(AnyRecord::Evidence(r));
        }
        if let Some(r) = take(&mut self.witnesses, id, |r| &r.id) {
            return Some(AnyRecord::Witness(r));
        }
        if let Some(r) = take(&mut self.signoffs, id, |r| &r.id) {
            return Some(AnyRecord::SignOff(r));
        }
        if let Some(r) = take(&mut self.practice, id, |r| &r.id) {
            return Some(AnyRecord::Practice(r));
        }
        take(&mut self.coaching, id, |r| &r.id).map(AnyRecord::Coaching)
    }

    /// A copy of the record with this id, whatever its kind.
    pub fn get(&self, id: &Id) -> Option<AnyRecord> {
        if let Some(r) = self.diary.iter().find(|r| &r.id == id) {
            return Some(AnyRecord::Diary(r.clone()));
        }
        if let Some(r) = self.needs.iter().find(|r| &r.id == id) {
            return Some(AnyRecord::Need(r.clone()));
        }
        if let Some(r) = self.objectives.iter().find(|r| &r.id == id) {
            return Some(AnyRecord::Objective(r.clone()));
        }
        if let Some(r) = self.activities.iter().find(|r| &r.id == id) {
            return Some(AnyRecord::Activity(r.clone()));
        }
        if let Some(r) = self.feedback.iter().find(|r| &r.id == id) {
            return Some(AnyRecord::Feedback(r.clone()));
        }
        if let Some(r) = self.kpis.iter().find(|r| &r.id == id) {
            return Some(AnyRecord::Kpi(r.clone()));
        }
        if let Some(r) = self.reviews.iter().find(|r| &r.id == id) {
            return Some(AnyRecord::Review(r.clone()));
        }
        if let Some(r) = self.evidence.iter().find(|r| &r.id == id) {
            return Some(AnyRecord::Evidence(r.clone()));
        }
        if let Some(r) = self.witnesses.iter().find(|r| &r.id == id) {
            return Some(AnyRecord::Witness(r.clone()));
        }
        if let Some(r) = self.signoffs.iter().find(|r| &r.id == id) {
            return Some(AnyRecord::SignOff(r.clone()));
        }
        if let Some(r) = self.practice.iter().find(|r| &r.id == id) {
            return Some(AnyRecord::Practice(r.clone()));
        }
        self.coaching
            .iter()
            .find(|r| &r.id == id)
            .cloned()
            .map(AnyRecord::Coaching)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_record_of_the_demo_team_is_copied_once_as_itself() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).expect("a day");
        let mut kinds = std::collections::HashSet::new();
        for (_, _, records) in crate::demo::team(today) {
            let mut seen = std::collections::HashSet::new();
            records.for_each_copy(|record| {
                assert_eq!(records.get(record.id()).as_ref(), Some(&record));
                assert!(seen.insert(record.id().clone()), "copied twice");
                kinds.insert(std::mem::discriminant(&record));
            });
            assert_eq!(seen.len(), records.len());
        }
        // The demo team holds every kind, so none can be skipped unseen.
        assert_eq!(kinds.len(), 12, "kinds of record seen");
    }
}
