//! Witness statements: what someone saw the learner do, in their words, and
//! how that was confirmed (signed in the app by the witness, or a scanned
//! signed statement attached as an evidence file).
//!
//! A signature holds a hash of what was signed: any later edit of the
//! statement no longer matches it, and the statement reads as unsigned.

use super::evidence::ContentHasher;
use super::{Id, Records, dates};
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

/// What a witness confirms by typing their name under their statement.
pub const WITNESS_DECLARATION: &str = "I confirm that this statement is a true account of what I saw, and that I am the witness named above.";

/// How a witness statement was confirmed.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub enum Confirmation {
    /// Written down, not yet confirmed by the witness.
    #[default]
    Unconfirmed,
    /// The witness typed their name under the declaration in starlog.
    Signed {
        /// The name as the witness typed it.
        name: String,
        /// When they signed.
        signed: DateTime<FixedOffset>,
        /// [`WitnessStatement::content_hash`] at the moment of signing.
        content_hash: String,
    },
    /// A signed statement on paper, scanned and attached as an evidence file.
    Scanned { evidence: Id },
}

/// What a statement's confirmation amounts to today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WitnessState {
    Unconfirmed,
    Signed,
    /// Signed, but the statement was changed afterwards.
    ChangedAfterSigning,
    Scanned,
    /// Names a scanned statement that is not in the workspace.
    ScanMissing,
}

impl WitnessState {
    pub fn is_confirmed(self) -> bool {
        matches!(self, WitnessState::Signed | WitnessState::Scanned)
    }

    pub fn label(self) -> &'static str {
        match self {
            WitnessState::Unconfirmed => "not yet confirmed by the witness",
            WitnessState::Signed => "signed by the witness",
            WitnessState::ChangedAfterSigning => "unsigned: changed after the witness signed it",
            WitnessState::Scanned => "confirmed by a scanned signed statement",
            WitnessState::ScanMissing => "the scanned statement it names is missing",
        }
    }
}

/// One witness statement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WitnessStatement {
    pub format: u32,
    pub id: Id,
    /// The day of what was observed.
    #[serde(with = "dates::day")]
    pub date: NaiveDate,
    #[serde(with = "crate::domain::dates::moment")]
    pub created: DateTime<FixedOffset>,
    #[serde(with = "crate::domain::dates::moment")]
    pub updated: DateTime<FixedOffset>,
    /// The witness's name.
    pub witness: String,
    /// Their job, e.g. "team leader".
    #[serde(default)]
    pub role: String,
    /// How they know the learner, e.g. "my line manager", "a colleague".
    #[serde(default)]
    pub relationship: String,
    /// What they saw, in their words.
    pub observed: String,
    #[serde(default)]
    pub criteria: Vec<String>,
    /// Records it is evidence for (objectives, entries).
    #[serde(default)]
    pub links: Vec<Id>,
    #[serde(default)]
    pub confirmation: Confirmation,
}

/// Why a signature was not taken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignError {
    #[error("type your name to sign")]
    NoName,
    #[error("the name typed ({typed}) is not the witness named in the statement ({witness})")]
    NotTheWitness { typed: String, witness: String },
    #[error("there is nothing to sign yet: write what was observed first")]
    Empty,
}

impl WitnessStatement {
    /// A new, empty statement about `date`.
    pub fn new(id: Id, date: NaiveDate, now: DateTime<FixedOffset>) -> WitnessStatement {
        WitnessStatement {
            format: super::FORMAT,
            id,
            date,
            created: now,
            updated: now,
            witness: String::new(),
            role: String::new(),
            relationship: String::new(),
            observed: String::new(),
            criteria: Vec::new(),
            links: Vec::new(),
            confirmation: Confirmation::Unconfirmed,
        }
    }

    /// A hash of everything the witness vouches for: the day, who they are
    /// and what they saw (not the links, which the learner may add later).
    pub fn content_hash(&self) -> String {
        let mut h = ContentHasher::default()
            .field(&self.date.format("%Y-%m-%d").to_string())
            .field(self.witness.trim())
            .field(self.role.trim())
            .field(self.relationship.trim())
            .field(self.observed.trim());
        for c in &self.criteria {
            h = h.field(c.trim());
        }
        h.finish()
    }

    /// The witness signs: `typed` must be their name (case and spacing aside).
    pub fn sign(
        &self,
        typed: &str,
        now: DateTime<FixedOffset>,
    ) -> Result<WitnessStatement, SignError> {
        let typed = typed.split_whitespace().collect::<Vec<_>>().join(" ");
        if typed.is_empty() {
            return Err(SignError::NoName);
        }
        if self.observed.trim().is_empty() {
            return Err(SignError::Empty);
        }
        let witness = self
            .witness
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if typed.to_lowercase() != witness.to_lowercase() {
            return Err(SignError::NotTheWitness { typed, witness });
        }
        let mut signed = self.clone();
        signed.confirmation = Confirmation::Signed {
            name: typed,
            signed: now,
            content_hash: self.content_hash(),
        };
        signed.updated = now;
        Ok(signed)
    }

    /// The confirmation as it stands: a signature whose hash no longer
    /// matches the statement counts for nothing.
    pub fn state(&self, records: &Records) -> WitnessState {
        match &self.confirmation {
            Confirmation::Unconfirmed => WitnessState::Unconfirmed,
            Confirmation::Signed { content_hash, .. } => {
                if *content_hash == self.content_hash() {
                    WitnessState::Signed
                } else {
                    WitnessState::ChangedAfterSigning
                }
            }
            Confirmation::Scanned { evidence } => {
                if records.evidence.iter().any(|e| &e.id == evidence) {
                    WitnessState::Scanned
                } else {
                    WitnessState::ScanMissing
                }
            }
        }
    }

    /// A one-line title: who saw what.
    pub fn headline(&self) -> String {
        let first = self.observed.lines().map(str::trim).find(|l| !l.is_empty());
        match first {
            Some(line) if !self.witness.trim().is_empty() => {
                format!("{}: {line}", self.witness.trim())
            }
            Some(line) => line.to_string(),
            None => self.witness.trim().to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::*;

    fn statement() -> WitnessStatement {
        let d = day(2026, 10, 14);
        let mut w = WitnessStatement::new(id(1), d, at(d));
        w.witness = "Dan Okafor".into();
        w.role = "Team leader".into();
        w.relationship = "line manager".into();
        w.observed = "I listened to Priya handle a billing complaint.".into();
        w.criteria = vec!["2.2".into()];
        w
    }

    #[test]
    fn a_signature_holds_until_the_statement_is_edited() {
        let r = Records::default();
        let w = statement();
        assert_eq!(w.state(&r), WitnessState::Unconfirmed);
        let signed = w
            .sign("  dan   okafor ", at(day(2026, 10, 15)))
            .expect("signs");
        assert_eq!(signed.state(&r), WitnessState::Signed);
        assert!(
            matches!(&signed.confirmation, Confirmation::Signed { name, .. } if name == "dan okafor")
        );
        let mut edited = signed.clone();
        edited.observed.push_str(" She did everything right.");
        assert_eq!(edited.state(&r), WitnessState::ChangedAfterSigning);
        assert!(!edited.state(&r).is_confirmed());
        let mut linked = signed;
        linked.links.push(id(9));
        assert_eq!(
            linked.state(&r),
            WitnessState::Signed,
            "links are the learner's"
        );
    }

    #[test]
    fn only_the_witness_can_sign() {
        let w = statement();
        assert_eq!(
            w.sign("Priya Shah", at(day(2026, 10, 15))),
            Err(SignError::NotTheWitness {
                typed: "Priya Shah".into(),
                witness: "Dan Okafor".into()
            })
        );
        assert_eq!(w.sign(" ", at(day(2026, 10, 15))), Err(SignError::NoName));
        let mut empty = w;
        empty.observed.clear();
        assert_eq!(
            empty.sign("Dan Okafor", at(day(2026, 10, 15))),
            Err(SignError::Empty)
        );
    }

    #[test]
    fn a_scanned_statement_must_be_in_the_workspace() {
        let mut w = statement();
        w.confirmation = Confirmation::Scanned { evidence: id(7) };
        assert_eq!(w.state(&Records::default()), WitnessState::ScanMissing);
    }
}
