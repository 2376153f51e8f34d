//! Feedback received, and its triage from new to archived.

use super::{Id, dates};
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

/// Who the feedback came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum FeedbackSource {
    Customer,
    Colleague,
    Manager,
    Mentor,
    Assessor,
    OtherDepartment,
    SelfAssessment,
}

impl FeedbackSource {
    pub const ALL: [FeedbackSource; 7] = [
        FeedbackSource::Customer,
        FeedbackSource::Colleague,
        FeedbackSource::Manager,
        FeedbackSource::Mentor,
        FeedbackSource::Assessor,
        FeedbackSource::OtherDepartment,
        FeedbackSource::SelfAssessment,
    ];

    pub fn label(self) -> &'static str {
        match self {
            FeedbackSource::Customer => "customer",
            FeedbackSource::Colleague => "colleague",
            FeedbackSource::Manager => "manager",
            FeedbackSource::Mentor => "mentor",
            FeedbackSource::Assessor => "assessor",
            FeedbackSource::OtherDepartment => "other department",
            FeedbackSource::SelfAssessment => "self",
        }
    }

    /// Reads a source as typed on the command line (`customer`, `peer`, `manager`...).
    pub fn parse(text: &str) -> Option<FeedbackSource> {
        let t = text
            .trim()
            .to_ascii_lowercase()
            .replace(['-', '_', ' '], "");
        Some(match t.as_str() {
            "customer" | "client" => FeedbackSource::Customer,
            "colleague" | "peer" | "colleaguepeer" => FeedbackSource::Colleague,
            "manager" | "supervisor" | "teamleader" | "managersupervisor" => {
                FeedbackSource::Manager
            }
            "mentor" | "coach" => FeedbackSource::Mentor,
            "assessor" => FeedbackSource::Assessor,
            "otherdepartment" | "department" => FeedbackSource::OtherDepartment,
            "self" => FeedbackSource::SelfAssessment,
            _ => return None,
        })
    }
}

/// How the feedback was gathered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FeedbackMethod {
    Survey,
    Observation,
    PeerReview,
    Appraisal,
    Complaint,
    Compliment,
    MysteryShopping,
    Conversation,
}

impl FeedbackMethod {
    pub const ALL: [FeedbackMethod; 8] = [
        FeedbackMethod::Survey,
        FeedbackMethod::Observation,
        FeedbackMethod::PeerReview,
        FeedbackMethod::Appraisal,
        FeedbackMethod::Complaint,
        FeedbackMethod::Compliment,
        FeedbackMethod::MysteryShopping,
        FeedbackMethod::Conversation,
    ];

    pub fn label(self) -> &'static str {
        match self {
            FeedbackMethod::Survey => "survey",
            FeedbackMethod::Observation => "observation",
            FeedbackMethod::PeerReview => "peer review",
            FeedbackMethod::Appraisal => "appraisal",
            FeedbackMethod::Complaint => "complaint",
            FeedbackMethod::Compliment => "compliment",
            FeedbackMethod::MysteryShopping => "mystery shopping",
            FeedbackMethod::Conversation => "conversation",
        }
    }
}

/// Whether the feedback praises, suggests or criticises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Valence {
    Positive,
    Constructive,
    Negative,
}

impl Valence {
    pub fn label(self) -> &'static str {
        match self {
            Valence::Positive => "positive",
            Valence::Constructive => "constructive",
            Valence::Negative => "negative",
        }
    }

    pub fn parse(text: &str) -> Option<Valence> {
        match text.trim().to_ascii_lowercase().as_str() {
            "positive" | "pos" | "+" => Some(Valence::Positive),
            "constructive" | "con" => Some(Valence::Constructive),
            "negative" | "neg" | "-" => Some(Valence::Negative),
            _ => None,
        }
    }
}

/// Triage state: new -> reflected -> actioned -> archived.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum FeedbackState {
    New,
    Reflected,
    Actioned,
    Archived,
}

impl FeedbackState {
    pub fn label(self) -> &'static str {
        match self {
            FeedbackState::New => "new",
            FeedbackState::Reflected => "reflected",
            FeedbackState::Actioned => "actioned",
            FeedbackState::Archived => "archived",
        }
    }
}

/// One piece of feedback.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Feedback {
    pub format: u32,
    pub id: Id,
    #[serde(with = "dates::day")]
    pub date: NaiveDate,
    pub created: DateTime<FixedOffset>,
    pub updated: DateTime<FixedOffset>,
    pub source: FeedbackSource,
    pub method: FeedbackMethod,
    /// Name of who gave it; empty for anonymous.
    #[serde(default)]
    pub who: String,
    /// Their role, e.g. "team leader".
    #[serde(default)]
    pub role: String,
    pub text: String,
    pub valence: Valence,
    pub state: FeedbackState,
    /// The learner's reflection on it.
    #[serde(default)]
    pub reflection: String,
    /// What the learner did about it.
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub objectives: Vec<Id>,
    /// Diary entries that reflect on or act upon it.
    #[serde(default)]
    pub entries: Vec<Id>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub criteria: Vec<String>,
}
