//! Assessment criteria sets (shipped as data in `assets/criteria/`).

use serde::{Deserialize, Serialize};

/// One assessment criterion, e.g. 2.3 "obtain feedback from customers and colleagues".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Criterion {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Qualification levels this criterion applies to (empty: all).
    #[serde(default)]
    pub levels: Vec<u8>,
    /// What an assessor asks to see for this criterion beyond a linked
    /// record: each turns on a readiness rule (`domain::readiness`).
    #[serde(default)]
    pub asks: Vec<Ask>,
}

/// Something a criterion asks the portfolio to show, checked by its own
/// readiness rule. A set that never asks for leadership styles never has its
/// learners told to record them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Ask {
    /// A named person (line manager, assessor) agreed the development needs.
    AgreedNeeds,
    /// Professional behaviours, each with a customer example.
    Professionalism,
    /// Transferable skills, each tied to a task and an improved outcome.
    TransferableSkills,
    /// Two leadership styles or more, each with a scenario and a justification.
    LeadershipStyles,
    /// How the learner prefers to learn and how that shaped the methods chosen.
    LearningPreferences,
    /// Barriers to development and what was done about each.
    Barriers,
    /// The knowledge points, each answered with a workplace example.
    Knowledge,
}

impl Ask {
    pub const ALL: [Ask; 7] = [
        Ask::AgreedNeeds,
        Ask::Professionalism,
        Ask::TransferableSkills,
        Ask::LeadershipStyles,
        Ask::LearningPreferences,
        Ask::Barriers,
        Ask::Knowledge,
    ];
}

impl Criterion {
    /// Whether the criterion applies at qualification `level` (`None`: the
    /// level is not set, so every criterion applies).
    pub fn applies_at(&self, level: Option<u8>) -> bool {
        self.levels.is_empty() || level.is_none_or(|l| self.levels.contains(&l))
    }
}

/// A unit's criteria, loaded from a RON file so centres can add their own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CriteriaSet {
    pub format: u32,
    /// Stable id used in the learner profile, e.g. "cs-develop-personal-performance".
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub qualification: String,
    pub criteria: Vec<Criterion>,
}

impl CriteriaSet {
    /// The criteria at `level` that ask for `ask`.
    pub fn asking(&self, ask: Ask, level: Option<u8>) -> impl Iterator<Item = &Criterion> {
        self.criteria
            .iter()
            .filter(move |c| c.asks.contains(&ask) && c.applies_at(level))
    }

    pub fn get(&self, id: &str) -> Option<&Criterion> {
        self.criteria.iter().find(|c| c.id == id)
    }

    /// Criteria that can carry evidence: the numbered ones (1.1, 2.3, 3), not
    /// the outcome headings that have sub-criteria.
    pub fn assessable(&self) -> impl Iterator<Item = &Criterion> {
        self.criteria.iter().filter(|c| {
            let prefix = format!("{}.", c.id);
            !self.criteria.iter().any(|o| o.id.starts_with(&prefix))
        })
    }
}

/// The hint question for each STAR part, shown in the form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StarPrompts {
    pub format: u32,
    pub situation: String,
    pub task: String,
    pub action: String,
    pub result: String,
    pub reflection: String,
}
