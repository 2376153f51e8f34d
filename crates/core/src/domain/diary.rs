//! Diary entries: STAR reflections or free text.

use super::{Id, dates};
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

/// One reflective diary entry. A STAR entry fills the five STAR fields; a quick
/// entry from `starlog add` fills `text`. Both kinds may carry tags and links.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DiaryEntry {
    pub format: u32,
    pub id: Id,
    /// The day the entry is about (the file name carries it too).
    #[serde(with = "dates::day")]
    pub date: NaiveDate,
    #[serde(with = "crate::domain::dates::moment")]
    pub created: DateTime<FixedOffset>,
    #[serde(with = "crate::domain::dates::moment")]
    pub updated: DateTime<FixedOffset>,
    #[serde(default)]
    pub situation: String,
    #[serde(default)]
    pub task: String,
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub result: String,
    /// What I learned, what I would do differently, my next step.
    #[serde(default)]
    pub reflection: String,
    /// Free text (entries made with `starlog add`).
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Objectives this entry is evidence for.
    #[serde(default)]
    pub objectives: Vec<Id>,
    /// Assessment criteria ids, e.g. "2.3".
    #[serde(default)]
    pub criteria: Vec<String>,
}

/// The five STAR parts in the order the form shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StarPart {
    Situation,
    Task,
    Action,
    Result,
    Reflection,
}

impl StarPart {
    pub const ALL: [StarPart; 5] = [
        StarPart::Situation,
        StarPart::Task,
        StarPart::Action,
        StarPart::Result,
        StarPart::Reflection,
    ];

    pub fn label(self) -> &'static str {
        match self {
            StarPart::Situation => "Situation",
            StarPart::Task => "Task",
            StarPart::Action => "Action",
            StarPart::Result => "Result",
            StarPart::Reflection => "Reflection",
        }
    }
}

impl DiaryEntry {
    /// A new, empty entry for `date`, created at `now`.
    pub fn new(id: Id, date: NaiveDate, now: DateTime<FixedOffset>) -> DiaryEntry {
        DiaryEntry {
            format: super::FORMAT,
            id,
            date,
            created: now,
            updated: now,
            situation: String::new(),
            task: String::new(),
            action: String::new(),
            result: String::new(),
            reflection: String::new(),
            text: String::new(),
            tags: Vec::new(),
            objectives: Vec::new(),
            criteria: Vec::new(),
        }
    }

    /// The complaint-handling models and laws the entry names, so a reader
    /// sees the theory linked to the practice.
    pub fn theories(&self) -> Vec<super::theory::Theory> {
        super::theory::recognise_all(
            StarPart::ALL
                .iter()
                .map(|p| self.part(*p))
                .chain([self.text.as_str()]),
        )
    }

    pub fn part(&self, part: StarPart) -> &str {
        match part {
            StarPart::Situation => &self.situation,
            StarPart::Task => &self.task,
            StarPart::Action => &self.action,
            StarPart::Result => &self.result,
            StarPart::Reflection => &self.reflection,
        }
    }

    pub fn part_mut(&mut self, part: StarPart) -> &mut String {
        match part {
            StarPart::Situation => &mut self.situation,
            StarPart::Task => &mut self.task,
            StarPart::Action => &mut self.action,
            StarPart::Result => &mut self.result,
            StarPart::Reflection => &mut self.reflection,
        }
    }

    /// True when any STAR field holds text.
    pub fn is_star(&self) -> bool {
        StarPart::ALL
            .iter()
            .any(|p| !self.part(*p).trim().is_empty())
    }

    /// True when Situation, Task, Action and Result all hold text.
    pub fn is_complete_star(&self) -> bool {
        StarPart::ALL[..4]
            .iter()
            .all(|p| !self.part(*p).trim().is_empty())
    }

    /// The line shown in lists: the free text's first line, else the Situation's.
    pub fn headline(&self) -> &str {
        let source = if !self.text.trim().is_empty() {
            &self.text
        } else {
            StarPart::ALL
                .iter()
                .map(|p| self.part(*p))
                .find(|t| !t.trim().is_empty())
                .unwrap_or("")
        };
        source
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("(empty entry)")
    }

    /// The diary's display order: newest day first, then newest created.
    pub fn newest_first(a: &DiaryEntry, b: &DiaryEntry) -> std::cmp::Ordering {
        b.date.cmp(&a.date).then_with(|| b.id.cmp(&a.id))
    }

    /// Words across every text field.
    pub fn word_count(&self) -> usize {
        StarPart::ALL
            .iter()
            .map(|p| self.part(*p))
            .chain(std::iter::once(self.text.as_str()))
            .map(|t| t.split_whitespace().count())
            .sum()
    }
}
