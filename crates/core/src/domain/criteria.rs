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
