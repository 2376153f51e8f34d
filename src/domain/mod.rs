//! The domain: learner records and the rules about them.
//!
//! Pure Rust: no terminal crates and no file I/O. The store turns these records
//! into files and back; the app shows and edits them.

pub mod activity;
pub mod criteria;
pub mod dates;
pub mod diary;
pub mod draft;
pub mod feedback;
pub mod id;
pub mod kpi;
pub mod need;
pub mod objective;
pub mod profile;
pub mod review;
pub mod star;

pub use activity::{Activity, ActivityCategory, ActivityKind, Impact};
pub use criteria::{CriteriaSet, Criterion, StarPrompts};
pub use diary::{DiaryEntry, StarPart};
pub use draft::Draft;
pub use feedback::{Feedback, FeedbackMethod, FeedbackSource, FeedbackState, Valence};
pub use id::{BadId, Id};
pub use kpi::KpiReading;
pub use need::{DevelopmentNeed, NeedKind, NeedSource};
pub use objective::{Measure, Objective, ObjectiveStatus, ProgressNote};
pub use profile::{LearnerProfile, Settings, WorkspaceHeader};
pub use review::{ObjectiveChange, Outcome, Participant, Review};

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
}

impl Records {
    /// Puts every list in its display order.
    pub fn sort(&mut self) {
        self.diary.sort_by(DiaryEntry::newest_first);
        self.needs.sort_by(|a, b| a.id.cmp(&b.id));
        self.objectives.sort_by(|a, b| a.id.cmp(&b.id));
        self.activities
            .sort_by(|a, b| b.date.cmp(&a.date).then_with(|| b.id.cmp(&a.id)));
        self.feedback
            .sort_by(|a, b| b.date.cmp(&a.date).then_with(|| b.id.cmp(&a.id)));
        self.kpis
            .sort_by(|a, b| a.metric.cmp(&b.metric).then(a.date.cmp(&b.date)));
        self.reviews
            .sort_by(|a, b| a.held.cmp(&b.held).then_with(|| a.id.cmp(&b.id)));
    }

    pub fn objective(&self, id: &Id) -> Option<&Objective> {
        self.objectives.iter().find(|o| &o.id == id)
    }

    pub fn len(&self) -> usize {
        self.diary.len()
            + self.needs.len()
            + self.objectives.len()
            + self.activities.len()
            + self.feedback.len()
            + self.kpis.len()
            + self.reviews.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
