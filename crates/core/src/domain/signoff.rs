//! Sign-offs: a manager, mentor or assessor confirms a development need, an
//! objective or a review by typing their name under a declaration. This is
//! what turns "agreed with Dan" (the learner's words) into Dan's own
//! confirmation, which criterion 1.3 ("agree development needs with a line
//! manager") asks for.
//!
//! A sign-off holds a hash of what was agreed; when the need or objective is
//! changed afterwards the sign-off no longer counts (it must be signed again).
//! A sign-off is never edited: a new one is made.

use super::evidence::ContentHasher;
use super::{DevelopmentNeed, Id, Objective, Records, Review};
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// What the person signing confirms.
pub const SIGNOFF_DECLARATION: &str =
    "I confirm that I have discussed this with the learner and that I agree it, as written above.";

/// One confirmation of a need, objective or review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignOff {
    pub format: u32,
    pub id: Id,
    /// The need, objective or review confirmed.
    pub subject: Id,
    /// The name as the person typed it.
    pub name: String,
    /// Their role, e.g. "line manager", "assessor".
    #[serde(default)]
    pub role: String,
    /// When they signed, in the offset they signed at.
    #[serde(with = "crate::domain::dates::moment")]
    pub signed: DateTime<FixedOffset>,
    #[serde(default)]
    pub remark: String,
    /// [`subject_hash`] of the subject when it was signed.
    pub content_hash: String,
    /// Assessment criteria this sign-off is evidence for (1.3 for a need).
    #[serde(default)]
    pub criteria: Vec<String>,
}

/// The record a sign-off confirms.
#[derive(Debug, Clone, Copy)]
pub enum Subject<'a> {
    Need(&'a DevelopmentNeed),
    Objective(&'a Objective),
    Review(&'a Review),
}

impl Subject<'_> {
    pub fn label(&self) -> &'static str {
        match self {
            Subject::Need(_) => "development need",
            Subject::Objective(_) => "objective",
            Subject::Review(_) => "review",
        }
    }

    pub fn title(&self) -> String {
        match self {
            Subject::Need(n) => n.to_ref().title.to_string(),
            Subject::Objective(o) => o.to_ref().title.to_string(),
            Subject::Review(r) => format!("review of {}", r.held.format("%-d %B %Y")),
        }
    }
}

/// Finds the need, objective or review with this id.
pub fn subject<'a>(records: &'a Records, id: &Id) -> Option<Subject<'a>> {
    if let Some(n) = records.needs.iter().find(|n| &n.id == id) {
        return Some(Subject::Need(n));
    }
    if let Some(o) = records.objectives.iter().find(|o| &o.id == id) {
        return Some(Subject::Objective(o));
    }
    records
        .reviews
        .iter()
        .find(|r| &r.id == id)
        .map(Subject::Review)
}

/// A hash of what is agreed in a subject: the words of a need or an
/// objective (not its progress notes or status, which move on without
/// changing what was agreed), or a review as held.
pub fn subject_hash(subject: Subject) -> String {
    let h = ContentHasher::default();
    match subject {
        Subject::Need(n) => {
            let mut h = h
                .field("need")
                .field(&n.date.format("%Y-%m-%d").to_string())
                .field(n.area.trim())
                .field(n.kind.label())
                .field(n.evidence.trim())
                .field(n.agreed_with.trim());
            for s in &n.identified_from {
                h = h.field(s.label());
            }
            h.finish()
        }
        Subject::Objective(o) => {
            let day = |d: Option<chrono::NaiveDate>| {
                d.map(|d| d.format("%Y-%m-%d").to_string())
                    .unwrap_or_default()
            };
            let mut h = h
                .field("objective")
                .field(o.statement.trim())
                .field(o.measure.baseline.trim())
                .field(o.measure.target.trim())
                .field(o.measure.how.trim())
                .field(o.measure.kpi.trim())
                .field(o.support.trim())
                .field(o.relevance.trim())
                .field(&day(o.target_date));
            for n in &o.needs {
                h = h.field(n.as_str());
            }
            h.finish()
        }
        Subject::Review(r) => h
            .field("review")
            .field(&r.held.to_rfc3339())
            .field(r.summary.trim())
            .finish(),
    }
}

/// What a sign-off amounts to today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignOffState {
    Valid,
    /// The need or objective was changed after it was signed off.
    ChangedSince,
    /// What it confirms is not in the workspace (deleted?).
    SubjectMissing,
}

impl SignOffState {
    pub fn label(self) -> &'static str {
        match self {
            SignOffState::Valid => "signed off",
            SignOffState::ChangedSince => "changed since it was signed off: sign it off again",
            SignOffState::SubjectMissing => "what it signs off is no longer in the workspace",
        }
    }
}

/// Why a sign-off was not taken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignOffError {
    #[error("type your name to sign")]
    NoName,
    #[error("only a development need, an objective or a review can be signed off")]
    NoSubject,
}

impl SignOff {
    /// `name` signs off `subject` now. Criteria are the learner's to choose
    /// (a need's sign-off usually evidences 1.3).
    pub fn sign(
        id: Id,
        subject: Subject,
        name: &str,
        role: &str,
        remark: &str,
        criteria: Vec<String>,
        now: DateTime<FixedOffset>,
    ) -> Result<SignOff, SignOffError> {
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            return Err(SignOffError::NoName);
        }
        let subject_id = match subject {
            Subject::Need(n) => n.id.clone(),
            Subject::Objective(o) => o.id.clone(),
            Subject::Review(r) => r.id.clone(),
        };
        Ok(SignOff {
            format: super::FORMAT,
            id,
            subject: subject_id,
            name,
            role: role.trim().to_string(),
            signed: now,
            remark: remark.trim().to_string(),
            content_hash: subject_hash(subject),
            criteria,
        })
    }

    pub fn state(&self, records: &Records) -> SignOffState {
        match subject(records, &self.subject) {
            None => SignOffState::SubjectMissing,
            Some(s) if subject_hash(s) == self.content_hash => SignOffState::Valid,
            Some(_) => SignOffState::ChangedSince,
        }
    }

    /// "Dan Okafor (line manager)".
    pub fn who(&self) -> String {
        if self.role.trim().is_empty() {
            self.name.clone()
        } else {
            format!("{} ({})", self.name, self.role.trim())
        }
    }
}

impl Records {
    /// The sign-offs of a record that still hold, oldest first.
    pub fn valid_signoffs(&self, subject: &Id) -> Vec<&SignOff> {
        self.signoffs
            .iter()
            .filter(|s| &s.subject == subject && s.state(self) == SignOffState::Valid)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::*;
    use crate::domain::{NeedKind, NeedSource};

    #[test]
    fn a_need_signed_off_stays_signed_until_its_words_change() {
        let mut r = Records::default();
        r.needs
            .push(need(1, NeedKind::Gap, &[NeedSource::Appraisal]));
        let s = SignOff::sign(
            id(2),
            Subject::Need(&r.needs[0]),
            " Dan  Okafor ",
            "line manager",
            "",
            vec!["1.3".into()],
            at(day(2026, 2, 1)),
        )
        .expect("signs");
        assert_eq!(s.name, "Dan Okafor");
        r.signoffs.push(s.clone());
        assert_eq!(s.state(&r), SignOffState::Valid);
        assert_eq!(r.valid_signoffs(&id(1)).len(), 1);
        r.needs[0].evidence.push_str(" And more.");
        assert_eq!(s.state(&r), SignOffState::ChangedSince);
        assert!(r.valid_signoffs(&id(1)).is_empty());
        r.needs.clear();
        assert_eq!(s.state(&r), SignOffState::SubjectMissing);
    }

    #[test]
    fn an_objectives_progress_does_not_undo_its_sign_off() {
        let mut r = Records::default();
        r.objectives.push(objective(1, &[]));
        let s = SignOff::sign(
            id(2),
            Subject::Objective(&r.objectives[0]),
            "Dan",
            "",
            "",
            Vec::new(),
            at(day(2026, 2, 1)),
        )
        .expect("signs");
        r.objectives[0].status = crate::domain::ObjectiveStatus::Achieved;
        assert_eq!(s.state(&r), SignOffState::Valid);
        r.objectives[0].statement.push('!');
        assert_eq!(s.state(&r), SignOffState::ChangedSince);
    }

    #[test]
    fn a_name_is_needed() {
        let mut r = Records::default();
        r.needs.push(need(1, NeedKind::Gap, &[]));
        let e = SignOff::sign(
            id(2),
            Subject::Need(&r.needs[0]),
            " ",
            "",
            "",
            Vec::new(),
            at(day(2026, 2, 1)),
        );
        assert_eq!(e, Err(SignOffError::NoName));
    }
}
