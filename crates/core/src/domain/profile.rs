//! The workspace header: who the learner is and their settings.

use serde::{Deserialize, Serialize};

/// The learner's profile, asked for on first run and editable later.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct LearnerProfile {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub job_role: String,
    #[serde(default)]
    pub organisation: String,
    /// e.g. "Level 3 NVQ Diploma in Customer Service".
    #[serde(default)]
    pub qualification: String,
    /// 2 or 3 for the NVQ levels; `None` when not set.
    #[serde(default)]
    pub level: Option<u8>,
    /// The id of the criteria set in `assets/criteria/` the learner is assessed on.
    #[serde(default)]
    pub criteria_set: String,
    /// Further criteria sets evidence is mapped to, checked alongside the
    /// first (e.g. the unit and an apprenticeship standard). Not written
    /// while empty, so older files stay as they were.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub more_criteria_sets: Vec<String>,
}

/// Settings that change how the app judges the workspace.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// Longest allowed gap between reviews, in days (readiness rule 6).
    #[serde(default = "default_review_interval")]
    pub review_interval_days: u32,
}

fn default_review_interval() -> u32 {
    90
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            review_interval_days: default_review_interval(),
        }
    }
}

/// `workspace.ron`: the header of a learner's workspace.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkspaceHeader {
    pub format: u32,
    #[serde(default)]
    pub profile: LearnerProfile,
    #[serde(default)]
    pub settings: Settings,
    /// False until the learner has completed or skipped the first-run greeting.
    #[serde(default)]
    pub onboarded: bool,
}

impl Default for WorkspaceHeader {
    fn default() -> Self {
        WorkspaceHeader {
            format: super::FORMAT,
            profile: LearnerProfile::default(),
            settings: Settings::default(),
            onboarded: false,
        }
    }
}
