//! Reviews: dated, immutable records of the plan as it stood and what changed.

use super::{Id, Objective, dates};
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

/// Someone who took part in a review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Participant {
    pub name: String,
    /// e.g. "line manager", "mentor", "assessor".
    #[serde(default)]
    pub role: String,
}

/// What a review decided about one objective.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Outcome {
    Kept,
    Revised,
    Achieved,
    Dropped,
    Added,
}

impl Outcome {
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Kept => "kept",
            Outcome::Revised => "revised",
            Outcome::Achieved => "achieved",
            Outcome::Dropped => "dropped",
            Outcome::Added => "added",
        }
    }

    /// Every outcome but "kept" is a change that needs a reason.
    pub fn is_change(self) -> bool {
        self != Outcome::Kept
    }
}

/// The decision about one objective, with the reason given at the review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ObjectiveChange {
    pub objective: Id,
    pub outcome: Outcome,
    #[serde(default)]
    pub reason: String,
}

/// One held review. Never edited after saving; a correction is a new review
/// whose `corrects` names this one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Review {
    pub format: u32,
    pub id: Id,
    /// When it was held, with the offset it was held at.
    pub held: DateTime<FixedOffset>,
    #[serde(default)]
    pub participants: Vec<Participant>,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub changes: Vec<ObjectiveChange>,
    #[serde(default, with = "dates::opt_day")]
    pub next_review: Option<NaiveDate>,
    /// The review this one corrects, if it is a correction.
    #[serde(default)]
    pub corrects: Option<Id>,
    /// The plan as it stood after the review.
    #[serde(default)]
    pub plan: Vec<Objective>,
}

impl Review {
    pub fn date(&self) -> NaiveDate {
        self.held.date_naive()
    }
}
