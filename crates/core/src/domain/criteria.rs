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

/// Something a criterion asks the portfolio to show beyond a linked record,
/// checked by a readiness rule (`domain::readiness`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Ask {
    /// A named person (line manager, assessor) agreed the development needs:
    /// a need's Agreed with, or a review mapped to the criterion with its
    /// participants named.
    AgreedNeeds,
    /// Professionalism: behaviours, each shown with a customer example.
    Professionalism,
    /// Transferable skills, each tied to a task and an improved outcome.
    TransferableSkills,
    /// At least two leadership styles, each with a scenario and why it fits.
    LeadershipStyles,
    /// Learning preferences and how they shaped the methods chosen.
    LearningPreferences,
    /// Barriers to development and what was done about each.
    Barriers,
    /// The knowledge points (criterion 3) answered with workplace examples.
    KnowledgeAnswers,
    /// A team leader's coaching: specific, timely feedback given in each
    /// session, and the coachee's response to it.
    CoachingFeedback,
    /// Actions agreed in each session, and the follow-ups held.
    CoachingFollowUp,
    /// The impact of the coaching evaluated with each coachee on
    /// Kirkpatrick's levels, at level 2 or above, with their own view.
    CoachingImpact,
    /// Support adapted to each coachee's preference, barriers, feedback and
    /// progress.
    AdaptedSupport,
}

impl Ask {
    pub const ALL: [Ask; 11] = [
        Ask::AgreedNeeds,
        Ask::Professionalism,
        Ask::TransferableSkills,
        Ask::LeadershipStyles,
        Ask::LearningPreferences,
        Ask::Barriers,
        Ask::KnowledgeAnswers,
        Ask::CoachingFeedback,
        Ask::CoachingFollowUp,
        Ask::CoachingImpact,
        Ask::AdaptedSupport,
    ];

    /// What it asks for, in the learner's words.
    pub fn label(self) -> &'static str {
        match self {
            Ask::AgreedNeeds => "somebody named agreed your development needs",
            Ask::Professionalism => "professional behaviours, each with a customer example",
            Ask::TransferableSkills => "transferable skills, each tied to a task and an outcome",
            Ask::LeadershipStyles => "two leadership styles, each with a scenario and why it fits",
            Ask::LearningPreferences => "how you learn best and how it shaped your methods",
            Ask::Barriers => "barriers to your development and what was done about each",
            Ask::KnowledgeAnswers => "each knowledge point answered with a workplace example",
            Ask::CoachingFeedback => {
                "specific, timely feedback in each coaching session, with the coachee's response"
            }
            Ask::CoachingFollowUp => "actions agreed in each coaching session, and followed up",
            Ask::CoachingImpact => {
                "the impact of your coaching evaluated with each coachee, at Kirkpatrick level 2 or above"
            }
            Ask::AdaptedSupport => "your support adapted to each coachee",
        }
    }
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
    /// What is wrong with a set read from a file, in words for whoever wrote
    /// it; empty when it can be used.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        let id = self.id.trim();
        if id.is_empty() {
            out.push("`id` is empty: give the set a short name, e.g. \"my-centre-unit-4\"".into());
        } else if id.contains(|c: char| c.is_whitespace() || c == '/' || c == '\\' || c == ':') {
            out.push(format!(
                "`id` \"{id}\" has spaces or / \\ : in it: use letters, digits and dashes"
            ));
        }
        if self.title.trim().is_empty() {
            out.push("`title` is empty: say which unit or standard this is".into());
        }
        if self.criteria.is_empty() {
            out.push("`criteria` is empty: list at least one criterion".into());
        }
        let mut seen: Vec<&str> = Vec::new();
        for (i, c) in self.criteria.iter().enumerate() {
            let cid = c.id.trim();
            if cid.is_empty() {
                out.push(format!("criterion {} has an empty `id`", i + 1));
            } else if seen.contains(&cid) {
                out.push(format!("criterion `{cid}` is listed twice"));
            } else {
                seen.push(cid);
            }
            if c.title.trim().is_empty() {
                out.push(format!("criterion `{cid}` has an empty `title`"));
            }
            if let Some(l) = c.levels.iter().find(|l| !(1..=8).contains(*l)) {
                out.push(format!(
                    "criterion `{cid}` names level {l}: levels run from 1 to 8"
                ));
            }
        }
        out
    }

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
