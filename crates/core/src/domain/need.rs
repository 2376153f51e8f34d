//! Development needs and strengths found by self-assessment.

use super::{Id, dates};
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

/// Whether a self-assessment finding is something to keep or to develop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NeedKind {
    Strength,
    Gap,
}

/// Where a need was identified (the assessor wants the framework named).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NeedSource {
    Appraisal,
    JobDescription,
    CompetencyFramework,
    ServiceStandard,
    Feedback,
    SelfReflection,
}

impl NeedSource {
    pub const ALL: [NeedSource; 6] = [
        NeedSource::Appraisal,
        NeedSource::JobDescription,
        NeedSource::CompetencyFramework,
        NeedSource::ServiceStandard,
        NeedSource::Feedback,
        NeedSource::SelfReflection,
    ];

    pub fn label(self) -> &'static str {
        match self {
            NeedSource::Appraisal => "appraisal",
            NeedSource::JobDescription => "job description",
            NeedSource::CompetencyFramework => "competency framework",
            NeedSource::ServiceStandard => "service standard",
            NeedSource::Feedback => "feedback",
            NeedSource::SelfReflection => "self-reflection",
        }
    }
}

/// One self-assessment finding: a strength or an area to improve.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DevelopmentNeed {
    pub format: u32,
    pub id: Id,
    #[serde(with = "dates::day")]
    pub date: NaiveDate,
    #[serde(with = "crate::domain::dates::moment")]
    pub created: DateTime<FixedOffset>,
    #[serde(with = "crate::domain::dates::moment")]
    pub updated: DateTime<FixedOffset>,
    /// The skill or behaviour, e.g. "Handling complaints on the phone".
    pub area: String,
    pub kind: NeedKind,
    /// Every framework or source that points to it (several make it stronger).
    #[serde(default)]
    pub identified_from: Vec<NeedSource>,
    /// What shows it: scores, examples, quotes.
    #[serde(default)]
    pub evidence: String,
    /// Who agreed it (line manager, assessor); empty when not yet agreed.
    #[serde(default)]
    pub agreed_with: String,
    #[serde(default)]
    pub criteria: Vec<String>,
}

impl NeedKind {
    pub const ALL: [NeedKind; 2] = [NeedKind::Gap, NeedKind::Strength];

    pub fn label(self) -> &'static str {
        match self {
            NeedKind::Strength => "strength",
            NeedKind::Gap => "area to improve",
        }
    }
}

impl DevelopmentNeed {
    /// A new, empty area to improve identified on `date`.
    pub fn new(id: Id, date: NaiveDate, now: DateTime<FixedOffset>) -> DevelopmentNeed {
        DevelopmentNeed {
            format: super::FORMAT,
            id,
            date,
            created: now,
            updated: now,
            area: String::new(),
            kind: NeedKind::Gap,
            identified_from: Vec::new(),
            evidence: String::new(),
            agreed_with: String::new(),
            criteria: Vec::new(),
        }
    }
}
