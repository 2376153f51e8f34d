//! What the unit marks beyond the plan, each as its own record (one file in
//! `practice/`), written the way an assessor reads it: professionalism shown
//! with a customer example, a transferable skill tied to a task and an
//! improved outcome, a leadership style with its scenario and why it fits,
//! a learning preference and how it shaped the methods chosen, a barrier
//! and what was done about it, a knowledge point answered in the learner's
//! words with a workplace example, and a change of role, which prompts a
//! review of the plan.

use super::refs::{RecordRef, RecordType, short};
use super::{Id, dates};
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

/// The kinds of practice record, in the order an assessor reads them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum PracticeKind {
    Professionalism,
    #[serde(rename = "TransferableSkill")]
    Skill,
    #[serde(rename = "LeadershipStyle")]
    Leadership,
    LearningPreference,
    Barrier,
    #[serde(rename = "KnowledgeAnswer")]
    Knowledge,
    RoleChange,
}

impl PracticeKind {
    pub const ALL: [PracticeKind; 7] = [
        PracticeKind::Professionalism,
        PracticeKind::Skill,
        PracticeKind::Leadership,
        PracticeKind::LearningPreference,
        PracticeKind::Barrier,
        PracticeKind::Knowledge,
        PracticeKind::RoleChange,
    ];

    /// What a learner calls one.
    pub fn label(self) -> &'static str {
        match self {
            PracticeKind::Professionalism => "professionalism",
            PracticeKind::Skill => "transferable skill",
            PracticeKind::Leadership => "leadership style",
            PracticeKind::LearningPreference => "learning preference",
            PracticeKind::Barrier => "barrier",
            PracticeKind::Knowledge => "knowledge answer",
            PracticeKind::RoleChange => "role change",
        }
    }

    /// The heading of its section in a portfolio.
    pub fn heading(self) -> &'static str {
        match self {
            PracticeKind::Professionalism => "Professionalism",
            PracticeKind::Skill => "Transferable skills",
            PracticeKind::Leadership => "Leadership styles",
            PracticeKind::LearningPreference => "Learning preferences",
            PracticeKind::Barrier => "Barriers to development",
            PracticeKind::Knowledge => "Knowledge for criterion 3",
            PracticeKind::RoleChange => "Changes of role",
        }
    }

    /// The word used on the command line (`starlog practice add KIND`).
    pub fn key(self) -> &'static str {
        match self {
            PracticeKind::Professionalism => "professionalism",
            PracticeKind::Skill => "skill",
            PracticeKind::Leadership => "leadership",
            PracticeKind::LearningPreference => "learning",
            PracticeKind::Barrier => "barrier",
            PracticeKind::Knowledge => "knowledge",
            PracticeKind::RoleChange => "role-change",
        }
    }

    pub fn parse(text: &str) -> Option<PracticeKind> {
        let t = text.trim().to_ascii_lowercase();
        PracticeKind::ALL.into_iter().find(|k| {
            k.key() == t
                || k.label() == t
                || matches!(
                    (k, t.as_str()),
                    (PracticeKind::Skill, "skills" | "transferable-skill")
                        | (PracticeKind::LearningPreference, "learning-preference")
                        | (PracticeKind::RoleChange, "role")
                )
        })
    }

    /// The labels of its three texts and the question each answers, after
    /// its name (see [`PracticeKind::name_label`]).
    pub fn parts(self) -> [(&'static str, &'static str); 3] {
        match self {
            PracticeKind::Professionalism => [
                (
                    "Example",
                    "A concrete time you showed it with a customer: what you did",
                ),
                (
                    "Why it mattered",
                    "What it meant for the customer or the service",
                ),
                ("", ""),
            ],
            PracticeKind::Skill => [
                ("Task", "The customer-service task you used it in"),
                (
                    "Outcome",
                    "What improved because of it (a measure if you have one)",
                ),
                ("", ""),
            ],
            PracticeKind::Leadership => [
                (
                    "Scenario",
                    "The situation: who, what, how urgent, how experienced the team",
                ),
                (
                    "Why it fits",
                    "Why this style fits here, or does not (urgency, experience)",
                ),
                ("What happened", "What happened when it was used"),
            ],
            PracticeKind::LearningPreference => [
                ("Preference", "How you prefer to learn, in your words"),
                (
                    "Methods",
                    "How that shaped the development methods you chose",
                ),
                ("", ""),
            ],
            PracticeKind::Barrier => [
                ("Effect", "How it held your development back"),
                (
                    "What was done",
                    "What you (or your manager) did about it, and did it work",
                ),
                ("", ""),
            ],
            PracticeKind::Knowledge => [
                ("Answer", "The point answered in your own words"),
                ("Workplace example", "A time at work that shows it"),
                ("", ""),
            ],
            PracticeKind::RoleChange => [
                ("From", "The role or duties before"),
                ("What changes", "What the new role means for your plan"),
                ("", ""),
            ],
        }
    }

    /// The label and question of its name.
    pub fn name_label(self) -> (&'static str, &'static str) {
        match self {
            PracticeKind::Professionalism => (
                "Behaviour",
                "Punctuality, appropriate language, following policy, reliability, appearance, integrity, accountability, ethical decisions...",
            ),
            PracticeKind::Skill => (
                "Skill",
                "Communication, problem-solving, teamwork, leadership, active listening...",
            ),
            PracticeKind::Leadership => (
                "Style",
                "Autocratic, democratic, laissez-faire, coaching, situational...",
            ),
            PracticeKind::LearningPreference => (
                "Model",
                "The model you or your centre use (VAK, VARK, Honey and Mumford...) or none",
            ),
            PracticeKind::Barrier => ("Barrier", "Time, manager support, confidence, workload..."),
            PracticeKind::Knowledge => (
                "Point",
                "self-review, feedback, development, plan or customers (criterion 3)",
            ),
            PracticeKind::RoleChange => ("New role", "The role or duties you have now"),
        }
    }
}

/// Criterion 3's knowledge points, each to be answered on its own.
pub const KNOWLEDGE_POINTS: [(&str, &str); 5] = [
    ("self-review", "why reviewing your own performance matters"),
    ("feedback", "ways to obtain feedback on your performance"),
    ("development", "the kinds of development activity there are"),
    ("plan", "what a personal development plan is for"),
    (
        "customers",
        "how your performance affects customers and the organisation",
    ),
];

/// The knowledge point a typed name stands for, by its key or its words.
pub fn knowledge_point(name: &str) -> Option<&'static str> {
    let n = name.trim().to_lowercase();
    KNOWLEDGE_POINTS
        .iter()
        .find(|(key, words)| n == *key || n == *words || n.starts_with(&format!("{key} ")))
        .map(|(key, _)| *key)
}

/// One practice record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Practice {
    pub format: u32,
    pub id: Id,
    /// The day it is about (for a role change: the day the role changed).
    #[serde(with = "dates::day")]
    pub date: NaiveDate,
    #[serde(with = "crate::domain::dates::moment")]
    pub created: DateTime<FixedOffset>,
    #[serde(with = "crate::domain::dates::moment")]
    pub updated: DateTime<FixedOffset>,
    pub kind: PracticeKind,
    /// The behaviour, skill, style, model, barrier, knowledge point or new role.
    pub name: String,
    /// The texts, in the order of [`PracticeKind::parts`].
    #[serde(default)]
    pub first: String,
    #[serde(default)]
    pub second: String,
    #[serde(default)]
    pub third: String,
    /// Objectives and activities it bears on (a learning preference: the
    /// activities whose methods it shaped; a barrier: what it held back).
    #[serde(default)]
    pub links: Vec<Id>,
    #[serde(default)]
    pub criteria: Vec<String>,
}

impl Practice {
    /// A new, empty record of `kind` about `date`.
    pub fn new(
        id: Id,
        kind: PracticeKind,
        date: NaiveDate,
        now: DateTime<FixedOffset>,
    ) -> Practice {
        Practice {
            format: super::FORMAT,
            id,
            date,
            created: now,
            updated: now,
            kind,
            name: String::new(),
            first: String::new(),
            second: String::new(),
            third: String::new(),
            links: Vec::new(),
            criteria: Vec::new(),
        }
    }

    /// Its texts with their labels, empty ones and unused slots left out.
    pub fn parts(&self) -> Vec<(&'static str, &str)> {
        self.kind
            .parts()
            .iter()
            .zip([&self.first, &self.second, &self.third])
            .filter(|((label, _), text)| !label.is_empty() && !text.trim().is_empty())
            .map(|((label, _), text)| (*label, text.trim()))
            .collect()
    }

    /// The text of slot `n` (0-2).
    pub fn part_mut(&mut self, n: usize) -> &mut String {
        match n {
            0 => &mut self.first,
            1 => &mut self.second,
            _ => &mut self.third,
        }
    }

    /// Every text slot that the kind uses is filled in.
    pub fn is_complete(&self) -> bool {
        !self.name.trim().is_empty()
            && self
                .kind
                .parts()
                .iter()
                .zip([&self.first, &self.second, &self.third])
                .all(|((label, _), text)| label.is_empty() || !text.trim().is_empty())
    }

    /// "Leadership style: coaching".
    pub fn headline(&self) -> String {
        let name = self.name.trim();
        let label = self.kind.label();
        let mut first = label.chars();
        let label = match first.next() {
            Some(c) => c.to_uppercase().collect::<String>() + first.as_str(),
            None => String::new(),
        };
        if name.is_empty() {
            label
        } else {
            format!("{label}: {name}")
        }
    }

    pub fn to_ref(&self) -> RecordRef {
        RecordRef {
            kind: RecordType::Practice,
            id: self.id.clone(),
            date: Some(self.date),
            title: short(&self.headline(), 60).into(),
        }
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn headings_hold_no_brackets_so_a_count_after_one_reads_once() {
        // The Plan lists "Knowledge for criterion 3 (5)", never "... (criterion 3) (5)".
        for kind in PracticeKind::ALL {
            assert!(!kind.heading().contains('('), "{}", kind.heading());
        }
    }

    use super::*;
    use crate::domain::testkit::*;

    #[test]
    fn a_record_reads_back_from_its_file_with_the_kind_by_name() {
        let d = day(2026, 10, 3);
        let mut p = Practice::new(id(1), PracticeKind::Leadership, d, at(d));
        p.name = "Coaching".into();
        p.first = "A new starter froze on a complaint call".into();
        p.second = "Not urgent, inexperienced colleague: coaching builds confidence".into();
        p.third = "She took the next call herself".into();
        let text = ron::ser::to_string_pretty(&p, ron::ser::PrettyConfig::default()).expect("ron");
        assert!(text.contains("kind: LeadershipStyle"), "{text}");
        let back: Practice = ron::from_str(&text).expect("reads");
        assert_eq!(back, p);
        let json = serde_json::to_string(&p).expect("json");
        assert_eq!(
            serde_json::from_str::<Practice>(&json).expect("json back"),
            p
        );
        assert!(p.is_complete());
        assert_eq!(p.headline(), "Leadership style: Coaching");
        assert_eq!(p.parts().len(), 3);
    }

    #[test]
    fn kinds_and_points_are_read_from_what_people_type() {
        assert_eq!(PracticeKind::parse("skill"), Some(PracticeKind::Skill));
        assert_eq!(
            PracticeKind::parse("Role-Change"),
            Some(PracticeKind::RoleChange)
        );
        assert_eq!(
            PracticeKind::parse("leadership style"),
            Some(PracticeKind::Leadership)
        );
        assert_eq!(PracticeKind::parse("hobby"), None);
        assert_eq!(knowledge_point("Plan"), Some("plan"));
        assert_eq!(
            knowledge_point("what a personal development plan is for"),
            Some("plan")
        );
        assert_eq!(knowledge_point("weather"), None);
    }

    #[test]
    fn a_skill_without_an_outcome_is_not_complete() {
        let d = day(2026, 10, 3);
        let mut p = Practice::new(id(2), PracticeKind::Skill, d, at(d));
        p.name = "Active listening".into();
        p.first = "Billing disputes".into();
        assert!(!p.is_complete());
        p.second = "Repeat calls down from 9 to 4 a week".into();
        assert!(p.is_complete(), "the third slot is unused for a skill");
    }
}
