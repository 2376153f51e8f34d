//! Criteria coverage: for each assessment criterion, which records are
//! mapped to it as evidence, of what types, and whether that evidence stands
//! up (a mapped record with nothing in it is only a claim).
//!
//! Assessors use the criteria as a checklist; a criterion with no evidence
//! is the first thing they send a portfolio back for, and one record claimed
//! for half the unit is the second.

use super::refs::RecordRef;
use super::{CriteriaSet, Records};

/// A record mapped to this many criteria or more is flagged as over-mapped.
pub const OVER_MAPPED_AT: usize = 4;

/// The evidence types assessors look for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EvidenceType {
    ReflectiveAccount,
    Feedback,
    /// The development plan: self-assessment needs and objectives.
    Plan,
    Review,
    Activity,
    /// An attached file: observation report, certificate, work product...
    Document,
    /// A witness statement (witness testimony), confirmed by the witness.
    Witness,
    /// A need, objective or review signed off by a manager, mentor or assessor.
    SignOff,
    /// A coaching session in a team leader's coaching log.
    CoachingLog,
}

impl EvidenceType {
    pub const ALL: [EvidenceType; 9] = [
        EvidenceType::ReflectiveAccount,
        EvidenceType::Feedback,
        EvidenceType::Plan,
        EvidenceType::Review,
        EvidenceType::Activity,
        EvidenceType::Document,
        EvidenceType::Witness,
        EvidenceType::SignOff,
        EvidenceType::CoachingLog,
    ];

    pub fn label(self) -> &'static str {
        match self {
            EvidenceType::ReflectiveAccount => "reflective account",
            EvidenceType::Feedback => "feedback",
            EvidenceType::Plan => "plan",
            EvidenceType::Review => "review",
            EvidenceType::Activity => "activity",
            EvidenceType::Document => "document",
            EvidenceType::Witness => "witness testimony",
            EvidenceType::SignOff => "sign-off",
            EvidenceType::CoachingLog => "coaching log",
        }
    }

    /// One letter for the matrix: R F P V A D W S C.
    pub fn letter(self) -> char {
        match self {
            EvidenceType::ReflectiveAccount => 'R',
            EvidenceType::Feedback => 'F',
            EvidenceType::Plan => 'P',
            EvidenceType::Review => 'V',
            EvidenceType::Activity => 'A',
            EvidenceType::Document => 'D',
            EvidenceType::Witness => 'W',
            EvidenceType::SignOff => 'S',
            EvidenceType::CoachingLog => 'C',
        }
    }
}

/// How well a criterion is covered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CoverageState {
    /// No record is mapped to it.
    None,
    /// Records are mapped, but none has the substance to show it (an empty
    /// reflection, feedback with no reflection, an activity with no impact).
    Claimed,
    /// At least one mapped record shows it.
    Evidenced,
}

impl CoverageState {
    pub fn label(self) -> &'static str {
        match self {
            CoverageState::None => "none",
            CoverageState::Claimed => "claimed",
            CoverageState::Evidenced => "evidenced",
        }
    }
}

/// One record mapped to a criterion.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    pub record: RecordRef,
    pub kind: EvidenceType,
    /// False when the record is mapped but holds too little to show anything;
    /// `why_weak` then says what is missing.
    pub substantive: bool,
    pub why_weak: String,
}

/// One criterion's row in the matrix.
#[derive(Debug, Clone, PartialEq)]
pub struct CriterionCoverage {
    pub id: String,
    pub title: String,
    /// Oldest first.
    pub evidence: Vec<Evidence>,
}

impl CriterionCoverage {
    pub fn count(&self) -> usize {
        self.evidence.len()
    }

    /// The distinct evidence types, in the order of [`EvidenceType::ALL`].
    pub fn types(&self) -> Vec<EvidenceType> {
        EvidenceType::ALL
            .into_iter()
            .filter(|t| self.evidence.iter().any(|e| e.kind == *t))
            .collect()
    }

    pub fn state(&self) -> CoverageState {
        if self.evidence.is_empty() {
            CoverageState::None
        } else if self.evidence.iter().any(|e| e.substantive) {
            CoverageState::Evidenced
        } else {
            CoverageState::Claimed
        }
    }
}

/// A record mapped to many criteria: assessors distrust one piece of
/// evidence that claims to show everything.
#[derive(Debug, Clone, PartialEq)]
pub struct OverMapping {
    pub record: RecordRef,
    pub criteria: Vec<String>,
}

/// A mapping to a criterion the set does not have, or to an outcome heading
/// rather than a criterion under it.
#[derive(Debug, Clone, PartialEq)]
pub struct StrayLink {
    pub record: RecordRef,
    pub criterion: String,
    pub reason: String,
}

/// Coverage of a whole criteria set by a workspace.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Coverage {
    pub set_id: String,
    pub criteria: Vec<CriterionCoverage>,
    pub over_mapped: Vec<OverMapping>,
    pub stray: Vec<StrayLink>,
}

impl Coverage {
    pub fn get(&self, id: &str) -> Option<&CriterionCoverage> {
        self.criteria.iter().find(|c| c.id == id)
    }

    /// Criteria in `state`.
    pub fn in_state(&self, state: CoverageState) -> impl Iterator<Item = &CriterionCoverage> {
        self.criteria.iter().filter(move |c| c.state() == state)
    }
}

/// Every record with its criteria links, evidence type and substance.
fn mapped(records: &Records) -> Vec<(Evidence, &[String])> {
    let mut out: Vec<(Evidence, &[String])> = Vec::new();
    fn push<'r>(
        record: RecordRef,
        kind: EvidenceType,
        weak: Option<&str>,
        criteria: &'r [String],
    ) -> (Evidence, &'r [String]) {
        (
            Evidence {
                record,
                kind,
                substantive: weak.is_none(),
                why_weak: weak.unwrap_or("").to_string(),
            },
            criteria,
        )
    }
    for e in &records.diary {
        let words = e.text.split_whitespace().count();
        let weak = if e.is_complete_star() || words >= 50 {
            None
        } else if e.is_star() {
            Some("the STAR account is not complete")
        } else {
            Some("a short note, not yet a reflective account")
        };
        out.push(push(
            e.to_ref(),
            EvidenceType::ReflectiveAccount,
            weak,
            &e.criteria,
        ));
    }
    for n in &records.needs {
        let weak = n
            .evidence
            .trim()
            .is_empty()
            .then_some("no evidence written for this need");
        out.push(push(n.to_ref(), EvidenceType::Plan, weak, &n.criteria));
    }
    for o in &records.objectives {
        let weak = if o.measure.target.trim().is_empty() {
            Some("the objective has no target")
        } else if o.target_date.is_none() {
            Some("the objective has no target date")
        } else {
            None
        };
        out.push(push(o.to_ref(), EvidenceType::Plan, weak, &o.criteria));
    }
    for a in &records.activities {
        let weak = (a.impact.level_reached() == 0 && a.applied.trim().is_empty())
            .then_some("no impact or application written");
        out.push(push(a.to_ref(), EvidenceType::Activity, weak, &a.criteria));
    }
    for f in &records.feedback {
        let weak = f
            .reflection
            .trim()
            .is_empty()
            .then_some("no reflection on this feedback yet");
        out.push(push(f.to_ref(), EvidenceType::Feedback, weak, &f.criteria));
    }
    for r in &records.reviews {
        let weak = r
            .summary
            .trim()
            .is_empty()
            .then_some("the review has no summary");
        out.push(push(r.to_ref(), EvidenceType::Review, weak, &r.criteria));
    }
    for e in &records.evidence {
        out.push(push(e.to_ref(), EvidenceType::Document, None, &e.criteria));
    }
    for w in &records.witnesses {
        let state = w.state(records);
        let weak = (!state.is_confirmed()).then_some(state.label());
        out.push(push(w.to_ref(), EvidenceType::Witness, weak, &w.criteria));
    }
    for s in &records.signoffs {
        let state = s.state(records);
        let weak = (state != super::SignOffState::Valid).then_some(state.label());
        out.push(push(s.to_ref(), EvidenceType::SignOff, weak, &s.criteria));
    }
    // Professionalism, skills, knowledge answers...: the learner's own
    // account, so a reflective account; weak until every part is written.
    for p in &records.practice {
        let weak = (!p.is_complete()).then_some("not every part is written yet");
        out.push(push(
            p.to_ref(),
            EvidenceType::ReflectiveAccount,
            weak,
            &p.criteria,
        ));
    }
    // A coaching session shows coaching only once the feedback given and
    // the coachee's response to it are written.
    for c in &records.coaching {
        let weak = if c.feedback.trim().is_empty() {
            Some("no feedback given is written")
        } else if c.response.trim().is_empty() {
            Some("the coachee's response is not written")
        } else {
            None
        };
        out.push(push(
            c.to_ref(),
            EvidenceType::CoachingLog,
            weak,
            &c.criteria,
        ));
    }
    out
}

/// Works out the coverage of `set` by `records`.
pub fn coverage(set: &CriteriaSet, records: &Records) -> Coverage {
    let assessable: Vec<&super::Criterion> = set.assessable().collect();
    let mut rows: Vec<CriterionCoverage> = assessable
        .iter()
        .map(|c| CriterionCoverage {
            id: c.id.clone(),
            title: c.title.clone(),
            evidence: Vec::new(),
        })
        .collect();
    let mut over_mapped = Vec::new();
    let mut stray = Vec::new();
    for (evidence, links) in mapped(records) {
        let mut distinct: Vec<String> = Vec::new();
        for link in links {
            let link = link.trim();
            if link.is_empty() || distinct.iter().any(|d| d == link) {
                continue;
            }
            distinct.push(link.to_string());
            if let Some(row) = rows.iter_mut().find(|r| r.id == link) {
                row.evidence.push(evidence.clone());
            } else if set.get(link).is_some() {
                stray.push(StrayLink {
                    record: evidence.record.clone(),
                    criterion: link.to_string(),
                    reason: format!(
                        "{link} is an outcome heading: map the record to a criterion under it ({link}.1, {link}.2…)"
                    ),
                });
            } else {
                stray.push(StrayLink {
                    record: evidence.record.clone(),
                    criterion: link.to_string(),
                    reason: format!("{} has no criterion {link}", set.title),
                });
            }
        }
        if distinct.len() >= OVER_MAPPED_AT {
            over_mapped.push(OverMapping {
                record: evidence.record.clone(),
                criteria: distinct,
            });
        }
    }
    for row in &mut rows {
        row.evidence
            .sort_by(|a, b| a.record.date.cmp(&b.record.date).then(a.kind.cmp(&b.kind)));
    }
    Coverage {
        set_id: set.id.clone(),
        criteria: rows,
        over_mapped,
        stray,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::testkit::*;

    #[test]
    fn counts_evidence_and_types_per_criterion() {
        let mut r = Records::default();
        let mut e = star_entry(1, day(2026, 3, 1));
        e.criteria = vec!["2.3".into(), "1.2".into()];
        r.diary.push(e);
        let mut f = feedback_from(2, crate::domain::FeedbackSource::Customer);
        f.criteria = vec!["2.3".into()];
        r.feedback.push(f);
        let cov = coverage(&unit(), &r);
        let c23 = cov.get("2.3").expect("2.3");
        assert_eq!(c23.count(), 2);
        assert_eq!(
            c23.types(),
            vec![EvidenceType::ReflectiveAccount, EvidenceType::Feedback]
        );
        assert_eq!(c23.state(), CoverageState::Evidenced);
        assert_eq!(cov.get("1.2").expect("1.2").count(), 1);
        assert_eq!(cov.get("2.1").expect("2.1").state(), CoverageState::None);
        assert!(cov.get("1").is_none(), "headings are not rows");
        assert!(cov.over_mapped.is_empty());
    }

    #[test]
    fn a_record_with_no_substance_only_claims_a_criterion() {
        let mut r = Records::default();
        let mut e = star_entry(1, day(2026, 3, 1));
        e.result.clear();
        e.criteria = vec!["1.1".into()];
        r.diary.push(e);
        let mut f = feedback_from(2, crate::domain::FeedbackSource::Customer);
        f.reflection.clear();
        f.criteria = vec!["1.1".into()];
        r.feedback.push(f);
        let cov = coverage(&unit(), &r);
        let c = cov.get("1.1").expect("1.1");
        assert_eq!(c.count(), 2);
        assert_eq!(c.state(), CoverageState::Claimed);
        assert!(
            c.evidence
                .iter()
                .any(|e| e.why_weak == "no reflection on this feedback yet")
        );
    }

    #[test]
    fn one_record_claimed_for_many_criteria_is_flagged() {
        let mut r = Records::default();
        let mut e = star_entry(1, day(2026, 3, 1));
        e.criteria = ["1.1", "1.2", "1.3", "2.1", "1.1"]
            .map(String::from)
            .to_vec();
        r.diary.push(e);
        let mut ok = star_entry(2, day(2026, 3, 2));
        ok.criteria = ["1.1", "1.2", "1.3"].map(String::from).to_vec();
        r.diary.push(ok);
        let cov = coverage(&unit(), &r);
        assert_eq!(cov.over_mapped.len(), 1);
        assert_eq!(cov.over_mapped[0].criteria, ["1.1", "1.2", "1.3", "2.1"]);
        assert_eq!(
            cov.get("1.1").expect("1.1").count(),
            2,
            "duplicates count once"
        );
    }

    #[test]
    fn witness_testimony_counts_once_the_witness_confirms_it() {
        let mut r = Records::default();
        let d = day(2026, 3, 1);
        let mut w = crate::domain::WitnessStatement::new(id(1), d, at(d));
        w.witness = "Dan Okafor".into();
        w.observed = "Priya calmed an angry caller and fixed the bill.".into();
        w.criteria = vec!["2.2".into()];
        r.witnesses.push(w.clone());
        let cov = coverage(&unit(), &r);
        let c = cov.get("2.2").expect("2.2");
        assert_eq!(c.types(), vec![EvidenceType::Witness]);
        assert_eq!(c.state(), CoverageState::Claimed);
        assert_eq!(c.evidence[0].why_weak, "not yet confirmed by the witness");
        r.witnesses[0] = w.sign("Dan Okafor", at(d)).expect("signs");
        let cov = coverage(&unit(), &r);
        assert_eq!(
            cov.get("2.2").expect("2.2").state(),
            CoverageState::Evidenced
        );
    }

    #[test]
    fn a_sign_off_of_a_need_evidences_agreement_until_the_need_changes() {
        use crate::domain::{NeedKind, NeedSource, SignOff, signoff::Subject};
        let mut r = Records::default();
        let mut n = need(1, NeedKind::Gap, &[NeedSource::Appraisal]);
        n.criteria = vec!["1.2".into()];
        r.needs.push(n);
        assert_eq!(
            coverage(&unit(), &r).get("1.3").expect("1.3").state(),
            CoverageState::None
        );
        let s = SignOff::sign(
            id(2),
            Subject::Need(&r.needs[0]),
            "Dan Okafor",
            "line manager",
            "",
            vec!["1.3".into()],
            at(day(2026, 2, 1)),
        )
        .expect("signs");
        r.signoffs.push(s);
        let cov = coverage(&unit(), &r);
        let c13 = cov.get("1.3").expect("1.3");
        assert_eq!(c13.types(), vec![EvidenceType::SignOff]);
        assert_eq!(c13.state(), CoverageState::Evidenced);
        r.needs[0].area.push_str(" (reworded)");
        let cov = coverage(&unit(), &r);
        assert_eq!(cov.get("1.3").expect("1.3").state(), CoverageState::Claimed);
    }

    #[test]
    fn links_to_headings_and_unknown_criteria_are_reported() {
        let mut r = Records::default();
        let mut e = star_entry(1, day(2026, 3, 1));
        e.criteria = vec!["2".into(), "9.9".into()];
        r.diary.push(e);
        let cov = coverage(&unit(), &r);
        assert_eq!(cov.stray.len(), 2);
        assert!(cov.stray[0].reason.contains("outcome heading"));
        assert!(cov.stray[1].reason.contains("no criterion 9.9"));
    }
}
