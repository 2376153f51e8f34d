//! The caseload: one line per learner for a team leader or assessor who
//! reads a folder of learners' workspaces (`starlog team`, the Team screen).
//!
//! A learner's line is worked out from their loaded records alone, so it can
//! be computed on the thread that loaded them and the records dropped at
//! once: a caseload of 200 learners never holds 200 portfolios in memory.
//! Sorting and the typed filter work on the lines, never on the records.

use super::readiness::{self, Portfolio};
use super::review::cycle;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// A readiness rule that does not pass yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FailingRule {
    pub number: u8,
    /// The rule's stable id, as `starlog check --json` gives it.
    pub id: String,
    pub title: String,
}

/// Where a learner stands, as a team leader reads it at a glance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LearnerSummary {
    /// The name in the learner's profile (empty when they have not given one).
    pub name: String,
    /// The NVQ level in the profile, when set.
    pub level: Option<u8>,
    /// Readiness rules passed, of `rules`.
    pub passed: usize,
    pub rules: usize,
    /// The rules not yet passed, in their order.
    pub failing: Vec<FailingRule>,
    /// The newest diary entry's day.
    pub last_entry: Option<NaiveDate>,
    /// When the next review is due (`None`: no review and no plan yet).
    pub next_review: Option<NaiveDate>,
    /// Constructive or negative feedback the learner has not reflected on.
    pub unreflected: usize,
    /// Open objectives past their target date.
    pub overdue_objectives: usize,
    /// The last coaching session held with this learner, when one is recorded.
    pub last_coaching: Option<NaiveDate>,
}

impl LearnerSummary {
    /// Days the next review is overdue by (at least 1), or `None`.
    pub fn review_overdue_days(&self, today: NaiveDate) -> Option<i64> {
        let due = self.next_review?;
        let days = (today - due).num_days();
        (days > 0).then_some(days)
    }

    /// True when something is past its date: the review or an objective.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.review_overdue_days(today).is_some() || self.overdue_objectives > 0
    }

    /// "12/18".
    pub fn readiness_label(&self) -> String {
        format!("{}/{}", self.passed, self.rules)
    }
}

/// Works out a learner's line from their portfolio (the records as loaded)
/// and the day of their last coaching session, if any.
pub fn summarise(p: &Portfolio, last_coaching: Option<NaiveDate>) -> LearnerSummary {
    let verdicts = readiness::check(p);
    let failing = verdicts
        .iter()
        .filter(|v| !v.passed)
        .map(|v| FailingRule {
            number: v.rule.number,
            id: v.rule.id.to_string(),
            title: v.rule.title.to_string(),
        })
        .collect();
    let records = p.records;
    let next_review = cycle::next_due(
        &records.reviews,
        &records.objectives,
        p.header.settings.review_interval_days,
    )
    .map(|(date, _)| date);
    LearnerSummary {
        name: p.header.profile.name.trim().to_string(),
        level: p.header.profile.level,
        passed: readiness::passed(&verdicts),
        rules: verdicts.len(),
        failing,
        // Not assuming the list's order: a caller may pass records unsorted.
        last_entry: records.diary.iter().map(|e| e.date).max(),
        next_review,
        unreflected: records
            .feedback
            .iter()
            .filter(|f| f.valence.needs_reflection() && !f.is_reflected())
            .count(),
        overdue_objectives: records
            .objectives
            .iter()
            .filter(|o| o.is_overdue(p.today))
            .count(),
        last_coaching,
    }
}

/// One workspace found under the caseload's root.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Member {
    /// The workspace's folder, relative to the root (`alex`, `north/sam`).
    pub folder: String,
    pub state: MemberState,
}

/// What reading a workspace gave.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum MemberState {
    /// Read: the learner's line, and how many of their files could not be read.
    Read {
        summary: LearnerSummary,
        unreadable_files: usize,
    },
    /// It could not be read at all (a broken or newer-format `workspace.ron`,
    /// a folder without permission): why, in words.
    Problem(String),
}

impl Member {
    pub fn summary(&self) -> Option<&LearnerSummary> {
        match &self.state {
            MemberState::Read { summary, .. } => Some(summary),
            MemberState::Problem(_) => None,
        }
    }

    /// The learner's name, or their folder when the profile has none.
    pub fn display_name(&self) -> &str {
        match self.summary() {
            Some(s) if !s.name.is_empty() => &s.name,
            _ => &self.folder,
        }
    }
}

/// How the caseload is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    /// By name, A to Z.
    #[default]
    Name,
    /// Least ready first: who needs help most.
    Readiness,
    /// The most overdue or soonest review first; no review planned last.
    NextReview,
    /// Longest silent first: no entry at all, then the oldest last entry.
    LastEntry,
}

impl SortKey {
    pub const ALL: [SortKey; 4] = [
        SortKey::Name,
        SortKey::Readiness,
        SortKey::NextReview,
        SortKey::LastEntry,
    ];

    pub fn label(self) -> &'static str {
        match self {
            SortKey::Name => "name",
            SortKey::Readiness => "readiness",
            SortKey::NextReview => "next review",
            SortKey::LastEntry => "last entry",
        }
    }

    /// The next order, round the four.
    pub fn next(self) -> SortKey {
        let at = SortKey::ALL.iter().position(|k| *k == self).unwrap_or(0);
        SortKey::ALL[(at + 1) % SortKey::ALL.len()]
    }

    /// Reads an order as typed on the command line.
    pub fn parse(text: &str) -> Option<SortKey> {
        match text
            .trim()
            .to_ascii_lowercase()
            .replace(['-', '_'], " ")
            .as_str()
        {
            "name" => Some(SortKey::Name),
            "readiness" | "ready" => Some(SortKey::Readiness),
            "next review" | "review" => Some(SortKey::NextReview),
            "last entry" | "entry" | "diary" => Some(SortKey::LastEntry),
            _ => None,
        }
    }
}

fn by_name(a: &Member, b: &Member) -> Ordering {
    a.display_name()
        .to_lowercase()
        .cmp(&b.display_name().to_lowercase())
        .then_with(|| a.folder.cmp(&b.folder))
}

/// Orders the members by `key`, then by name. Workspaces that could not be
/// read come last in every order, by folder.
pub fn sort(members: &mut [Member], key: SortKey) {
    members.sort_by(|a, b| match (a.summary(), b.summary()) {
        (None, None) => a.folder.cmp(&b.folder),
        (None, Some(_)) => Ordering::Greater,
        (Some(_), None) => Ordering::Less,
        (Some(x), Some(y)) => {
            let first = match key {
                SortKey::Name => Ordering::Equal,
                // Compare shares, not counts: every line has the same rules today,
                // but a summary cached by an older build may have fewer.
                SortKey::Readiness => (x.passed * y.rules.max(1)).cmp(&(y.passed * x.rules.max(1))),
                // `None` (nothing planned) after every date.
                SortKey::NextReview => match (x.next_review, y.next_review) {
                    (Some(p), Some(q)) => p.cmp(&q),
                    (Some(_), None) => Ordering::Less,
                    (None, Some(_)) => Ordering::Greater,
                    (None, None) => Ordering::Equal,
                },
                // `None` (never written) before every date.
                SortKey::LastEntry => x.last_entry.cmp(&y.last_entry),
            };
            first.then_with(|| by_name(a, b))
        }
    });
}

/// A typed filter over the caseload: every word must match. A plain word is
/// looked for in the learner's name, folder and failing rules (`feedback`
/// finds whoever fails the feedback rule); `overdue`, `unreflected`,
/// `problem` and `level:2` (or `l2`) pick by state.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filter {
    words: Vec<String>,
}

impl Filter {
    pub fn parse(text: &str) -> Filter {
        Filter {
            words: text.split_whitespace().map(str::to_lowercase).collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    pub fn matches(&self, member: &Member, today: NaiveDate) -> bool {
        self.words.iter().all(|w| word_matches(w, member, today))
    }
}

fn word_matches(word: &str, member: &Member, today: NaiveDate) -> bool {
    let summary = member.summary();
    let level = word
        .strip_prefix("level:")
        .or_else(|| word.strip_prefix('l'))
        .and_then(|n| n.parse::<u8>().ok());
    if let Some(level) = level {
        return summary.is_some_and(|s| s.level == Some(level));
    }
    match word {
        "overdue" => return summary.is_some_and(|s| s.is_overdue(today)),
        "unreflected" => return summary.is_some_and(|s| s.unreflected > 0),
        "problem" | "problems" => {
            return matches!(member.state, MemberState::Problem(_))
                || matches!(member.state, MemberState::Read { unreadable_files, .. } if unreadable_files > 0);
        }
        _ => {}
    }
    let found = |text: &str| text.to_lowercase().contains(word);
    found(member.display_name())
        || found(&member.folder)
        || summary.is_some_and(|s| s.failing.iter().any(|r| found(&r.id) || found(&r.title)))
}

/// The members a filter keeps, as indexes into `members`, in their order.
pub fn visible(members: &[Member], filter: &Filter, today: NaiveDate) -> Vec<usize> {
    members
        .iter()
        .enumerate()
        .filter(|(_, m)| filter.matches(m, today))
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests;
