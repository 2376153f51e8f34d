//! Development activities and their impact (Kirkpatrick's four levels).

use super::{Id, dates};
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

/// The broad kind of an activity, as assessors group them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ActivityCategory {
    Formal,
    Informal,
    SelfStudy,
}

impl ActivityCategory {
    pub fn label(self) -> &'static str {
        match self {
            ActivityCategory::Formal => "formal",
            ActivityCategory::Informal => "informal",
            ActivityCategory::SelfStudy => "self-study",
        }
    }
}

/// What sort of development activity it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ActivityKind {
    Course,
    ELearning,
    Qualification,
    Coaching,
    Mentoring,
    Shadowing,
    OnTheJob,
    Project,
    Reading,
    OnlineCourse,
    Video,
    IndustryPublication,
}

impl ActivityKind {
    pub const ALL: [ActivityKind; 12] = [
        ActivityKind::Course,
        ActivityKind::ELearning,
        ActivityKind::Qualification,
        ActivityKind::Coaching,
        ActivityKind::Mentoring,
        ActivityKind::Shadowing,
        ActivityKind::OnTheJob,
        ActivityKind::Project,
        ActivityKind::Reading,
        ActivityKind::OnlineCourse,
        ActivityKind::Video,
        ActivityKind::IndustryPublication,
    ];

    pub fn category(self) -> ActivityCategory {
        use ActivityKind::*;
        match self {
            Course | ELearning | Qualification => ActivityCategory::Formal,
            Coaching | Mentoring | Shadowing | OnTheJob | Project => ActivityCategory::Informal,
            Reading | OnlineCourse | Video | IndustryPublication => ActivityCategory::SelfStudy,
        }
    }

    pub fn label(self) -> &'static str {
        use ActivityKind::*;
        match self {
            Course => "course",
            ELearning => "e-learning",
            Qualification => "qualification",
            Coaching => "coaching",
            Mentoring => "mentoring",
            Shadowing => "shadowing",
            OnTheJob => "on-the-job",
            Project => "project",
            Reading => "reading",
            OnlineCourse => "online course",
            Video => "video",
            IndustryPublication => "industry publication",
        }
    }
}

/// The impact evaluation: a note for each Kirkpatrick level reached; an empty
/// note means the level has not been evaluated.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Impact {
    /// Level 1: how I found it.
    #[serde(default)]
    pub reaction: String,
    /// Level 2: what I learned.
    #[serde(default)]
    pub learning: String,
    /// Level 3: what I now do differently at work.
    #[serde(default)]
    pub behaviour: String,
    /// Level 4: the effect on results (a KPI before and after).
    #[serde(default)]
    pub results: String,
}

impl Impact {
    /// The highest Kirkpatrick level (1-4) with a note, or 0 for none.
    pub fn level_reached(&self) -> u8 {
        [
            &self.reaction,
            &self.learning,
            &self.behaviour,
            &self.results,
        ]
        .iter()
        .rposition(|t| !t.trim().is_empty())
        .map(|i| i as u8 + 1)
        .unwrap_or(0)
    }
}

/// One development activity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Activity {
    pub format: u32,
    pub id: Id,
    #[serde(with = "dates::day")]
    pub date: NaiveDate,
    #[serde(with = "crate::domain::dates::moment")]
    pub created: DateTime<FixedOffset>,
    #[serde(with = "crate::domain::dates::moment")]
    pub updated: DateTime<FixedOffset>,
    pub kind: ActivityKind,
    pub title: String,
    /// The course, book, video, person or publication used.
    #[serde(default)]
    pub resource: String,
    #[serde(default)]
    pub hours: f64,
    /// Objectives this activity serves.
    #[serde(default)]
    pub objectives: Vec<Id>,
    #[serde(default)]
    pub impact: Impact,
    /// How what was learned was applied with real customers.
    #[serde(default)]
    pub applied: String,
    /// How well it worked in developing the learner's service, in their words
    /// (assessors want the effectiveness of self-study reflected on).
    #[serde(default)]
    pub effectiveness: String,
    /// Whether the method suited the way the learner likes to learn; `None`
    /// when not said.
    #[serde(default)]
    pub method_suited: Option<bool>,
    #[serde(default)]
    pub criteria: Vec<String>,
}

impl Activity {
    /// A new activity on `date` serving `objectives`.
    pub fn new(
        id: Id,
        date: NaiveDate,
        now: DateTime<FixedOffset>,
        objectives: Vec<Id>,
    ) -> Activity {
        Activity {
            format: super::FORMAT,
            id,
            date,
            created: now,
            updated: now,
            kind: ActivityKind::Course,
            title: String::new(),
            resource: String::new(),
            hours: 0.0,
            objectives,
            impact: Impact::default(),
            applied: String::new(),
            effectiveness: String::new(),
            method_suited: None,
            criteria: Vec::new(),
        }
    }
}
