//! SMART objectives of the personal development plan.

use super::{Id, dates};
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

/// Where an objective stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ObjectiveStatus {
    NotStarted,
    InProgress,
    Achieved,
    Revised,
    Dropped,
}

impl ObjectiveStatus {
    pub const ALL: [ObjectiveStatus; 5] = [
        ObjectiveStatus::NotStarted,
        ObjectiveStatus::InProgress,
        ObjectiveStatus::Achieved,
        ObjectiveStatus::Revised,
        ObjectiveStatus::Dropped,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ObjectiveStatus::NotStarted => "not started",
            ObjectiveStatus::InProgress => "in progress",
            ObjectiveStatus::Achieved => "achieved",
            ObjectiveStatus::Revised => "revised",
            ObjectiveStatus::Dropped => "dropped",
        }
    }

    /// Still being worked on (so it can be overdue).
    pub fn is_open(self) -> bool {
        matches!(
            self,
            ObjectiveStatus::NotStarted | ObjectiveStatus::InProgress | ObjectiveStatus::Revised
        )
    }
}

/// How success is measured: from what, to what, checked how.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Measure {
    #[serde(default)]
    pub baseline: String,
    #[serde(default)]
    pub target: String,
    /// e.g. "monthly CSAT report", "observed by my team leader".
    #[serde(default)]
    pub how: String,
    /// A KPI metric this objective moves (e.g. "CSAT"), for before/after figures.
    #[serde(default)]
    pub kpi: String,
}

/// A dated note on how an objective is going.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgressNote {
    #[serde(with = "dates::day")]
    pub date: NaiveDate,
    pub text: String,
    /// Estimated percentage complete after this note (0-100).
    #[serde(default)]
    pub percent: Option<u8>,
}

/// One SMART objective.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Objective {
    pub format: u32,
    pub id: Id,
    #[serde(with = "crate::domain::dates::moment")]
    pub created: DateTime<FixedOffset>,
    #[serde(with = "crate::domain::dates::moment")]
    pub updated: DateTime<FixedOffset>,
    pub statement: String,
    #[serde(default)]
    pub measure: Measure,
    /// Support and resources: who and what will help.
    #[serde(default)]
    pub support: String,
    /// Why it matters in the learner's job role.
    #[serde(default)]
    pub relevance: String,
    /// The business objective, service standard or career goal it serves
    /// (assessors look for plans aligned with the organisation).
    #[serde(default)]
    pub serves: String,
    /// Development needs this objective serves (the golden thread).
    #[serde(default)]
    pub needs: Vec<Id>,
    #[serde(default)]
    pub criteria: Vec<String>,
    #[serde(default, with = "dates::opt_day")]
    pub target_date: Option<NaiveDate>,
    #[serde(default, with = "dates::opt_day")]
    pub review_date: Option<NaiveDate>,
    pub status: ObjectiveStatus,
    #[serde(default)]
    pub progress: Vec<ProgressNote>,
}

impl Objective {
    /// A new, empty objective, not started, created at `now`.
    pub fn new(id: Id, now: DateTime<FixedOffset>) -> Objective {
        Objective {
            format: super::FORMAT,
            id,
            created: now,
            updated: now,
            statement: String::new(),
            measure: Measure::default(),
            support: String::new(),
            relevance: String::new(),
            serves: String::new(),
            needs: Vec::new(),
            criteria: Vec::new(),
            target_date: None,
            review_date: None,
            status: ObjectiveStatus::NotStarted,
            progress: Vec::new(),
        }
    }

    /// Open, with a target date within `days` from `today` (not yet past).
    pub fn is_due_within(&self, today: NaiveDate, days: i64) -> bool {
        self.status.is_open()
            && self
                .target_date
                .is_some_and(|d| d >= today && (d - today).num_days() <= days)
    }

    /// The latest percentage recorded in the progress notes, if any.
    pub fn percent(&self) -> Option<u8> {
        if self.status == ObjectiveStatus::Achieved {
            return Some(100);
        }
        self.progress.iter().rev().find_map(|n| n.percent)
    }

    /// Open and past its target date.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status.is_open() && self.target_date.is_some_and(|d| d < today)
    }
}
