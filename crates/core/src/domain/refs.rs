//! Pointers to records, so a verdict, a coverage cell or a privacy hit can say
//! which records it is about without holding them.

use super::{
    Activity, DevelopmentNeed, DiaryEntry, EvidenceFile, Feedback, Id, KpiReading, Objective,
    Review, SignOff, WitnessStatement,
};
use chrono::NaiveDate;
use std::sync::Arc;

/// The kinds of record a learner keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RecordType {
    Diary,
    Need,
    Objective,
    Activity,
    Feedback,
    Kpi,
    Review,
    Evidence,
    Witness,
    SignOff,
    /// Professionalism, skills, leadership, learning, barriers, knowledge, role changes.
    Practice,
    /// A coaching session in a team leader's coaching log.
    Coaching,
    /// The learner's profile in the workspace header (privacy hits only).
    Profile,
}

impl RecordType {
    /// What a learner calls one of these.
    pub fn label(self) -> &'static str {
        match self {
            RecordType::Diary => "diary entry",
            RecordType::Need => "development need",
            RecordType::Objective => "objective",
            RecordType::Activity => "activity",
            RecordType::Feedback => "feedback",
            RecordType::Kpi => "KPI reading",
            RecordType::Review => "review",
            RecordType::Evidence => "evidence file",
            RecordType::Witness => "witness statement",
            RecordType::SignOff => "sign-off",
            RecordType::Practice => "practice record",
            RecordType::Coaching => "coaching session",
            RecordType::Profile => "profile",
        }
    }

    /// A stable machine name (used in `starlog check --json`).
    pub fn key(self) -> &'static str {
        match self {
            RecordType::Diary => "diary",
            RecordType::Need => "need",
            RecordType::Objective => "objective",
            RecordType::Activity => "activity",
            RecordType::Feedback => "feedback",
            RecordType::Kpi => "kpi",
            RecordType::Review => "review",
            RecordType::Evidence => "evidence",
            RecordType::Witness => "witness",
            RecordType::SignOff => "signoff",
            RecordType::Practice => "practice",
            RecordType::Coaching => "coaching",
            RecordType::Profile => "profile",
        }
    }
}

/// One record, named: its kind, id, day and a one-line title.
///
/// The title is shared, not copied, when a reference is cloned: at 100k
/// entries the Progress figures name most records more than once (under
/// each criterion they evidence, and behind the readiness verdicts).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RecordRef {
    pub kind: RecordType,
    pub id: Id,
    pub date: Option<NaiveDate>,
    pub title: Arc<str>,
}

impl RecordRef {
    /// "diary entry 2026-11-20 “Angry caller about a late refund”".
    pub fn describe(&self) -> String {
        match self.date {
            Some(d) => format!("{} {d} “{}”", self.kind.label(), self.title),
            None => format!("{} “{}”", self.kind.label(), self.title),
        }
    }
}

/// Cuts `text`'s first non-empty line to `max` characters, with an ellipsis.
pub fn short(text: &str, max: usize) -> String {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    if line.chars().count() <= max {
        line.to_string()
    } else {
        let cut: String = line.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

const TITLE: usize = 60;

impl DiaryEntry {
    pub fn to_ref(&self) -> RecordRef {
        RecordRef {
            kind: RecordType::Diary,
            id: self.id.clone(),
            date: Some(self.date),
            title: short(self.headline(), TITLE).into(),
        }
    }
}

impl DevelopmentNeed {
    pub fn to_ref(&self) -> RecordRef {
        RecordRef {
            kind: RecordType::Need,
            id: self.id.clone(),
            date: Some(self.date),
            title: short(&self.area, TITLE).into(),
        }
    }
}

impl Objective {
    pub fn to_ref(&self) -> RecordRef {
        RecordRef {
            kind: RecordType::Objective,
            id: self.id.clone(),
            date: Some(self.created.date_naive()),
            title: short(&self.statement, TITLE).into(),
        }
    }
}

impl Activity {
    pub fn to_ref(&self) -> RecordRef {
        RecordRef {
            kind: RecordType::Activity,
            id: self.id.clone(),
            date: Some(self.date),
            title: short(&self.title, TITLE).into(),
        }
    }
}

impl Feedback {
    pub fn to_ref(&self) -> RecordRef {
        RecordRef {
            kind: RecordType::Feedback,
            id: self.id.clone(),
            date: Some(self.date),
            title: short(&self.text, TITLE).into(),
        }
    }
}

impl KpiReading {
    pub fn to_ref(&self) -> RecordRef {
        RecordRef {
            kind: RecordType::Kpi,
            id: self.id.clone(),
            date: Some(self.date),
            title: format!(
                "{} {}",
                self.metric_name(),
                super::kpi::fmt_number(self.value)
            )
            .into(),
        }
    }
}

impl Review {
    pub fn to_ref(&self) -> RecordRef {
        let title = if self.summary.trim().is_empty() {
            "review".to_string()
        } else {
            short(&self.summary, TITLE)
        };
        RecordRef {
            kind: RecordType::Review,
            id: self.id.clone(),
            date: Some(self.date()),
            title: title.into(),
        }
    }
}

impl EvidenceFile {
    pub fn to_ref(&self) -> RecordRef {
        RecordRef {
            kind: RecordType::Evidence,
            id: self.id.clone(),
            date: Some(self.date),
            title: short(&self.title, TITLE).into(),
        }
    }
}

impl WitnessStatement {
    pub fn to_ref(&self) -> RecordRef {
        RecordRef {
            kind: RecordType::Witness,
            id: self.id.clone(),
            date: Some(self.date),
            title: short(&self.headline(), TITLE).into(),
        }
    }
}

impl SignOff {
    pub fn to_ref(&self) -> RecordRef {
        RecordRef {
            kind: RecordType::SignOff,
            id: self.id.clone(),
            date: Some(self.signed.date_naive()),
            title: short(&self.who(), TITLE).into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_cuts_long_lines_with_an_ellipsis() {
        assert_eq!(short("  \nfirst line\nsecond", 20), "first line");
        assert_eq!(short("abcdefghij", 5), "abcd…");
        assert_eq!(short("", 5), "");
    }
}
