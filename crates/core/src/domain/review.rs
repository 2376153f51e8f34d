//! Reviews: dated, immutable records of the plan as it stood and what changed.
//!
//! A review keeps a whole copy of the plan as it stood after it, so what
//! changed between two reviews can always be shown, whatever happened to the
//! live plan since. The submodules hold the rules: the diff between two plan
//! versions (`diff`), which review follows which and when the next is due
//! (`cycle`), what a review must say before it can be saved (`check`), the
//! timeline of everything between reviews (`timeline`) and the text of
//! `starlog review` (`report`).

pub mod check;
pub mod cycle;
pub mod diff;
pub mod report;
pub mod timeline;

use super::{Id, Objective, ObjectiveStatus, dates};
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

/// Someone who took part in a review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Participant {
    pub name: String,
    /// e.g. "line manager", "mentor", "assessor".
    #[serde(default)]
    pub role: String,
}

/// What a review decided about one objective.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Outcome {
    Kept,
    Revised,
    Achieved,
    Dropped,
    Added,
}

impl Outcome {
    pub const ALL: [Outcome; 5] = [
        Outcome::Kept,
        Outcome::Revised,
        Outcome::Achieved,
        Outcome::Dropped,
        Outcome::Added,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Outcome::Kept => "kept",
            Outcome::Revised => "revised",
            Outcome::Achieved => "achieved",
            Outcome::Dropped => "dropped",
            Outcome::Added => "added",
        }
    }

    /// Every outcome but "kept" is a change that needs a reason.
    pub fn is_change(self) -> bool {
        self != Outcome::Kept
    }

    /// The objective's status after a review decided this about it: achieved
    /// and dropped close it; the other outcomes leave the status as it was.
    pub fn status_after(self, current: ObjectiveStatus) -> ObjectiveStatus {
        match self {
            Outcome::Achieved => ObjectiveStatus::Achieved,
            Outcome::Dropped => ObjectiveStatus::Dropped,
            Outcome::Kept | Outcome::Revised | Outcome::Added => current,
        }
    }
}

/// The decision about one objective, with the reason given at the review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ObjectiveChange {
    pub objective: Id,
    pub outcome: Outcome,
    #[serde(default)]
    pub reason: String,
}

/// One held review. Never edited after saving; a correction is a new review
/// whose `corrects` names this one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Review {
    pub format: u32,
    pub id: Id,
    /// When it was held, with the offset it was held at.
    #[serde(with = "crate::domain::dates::moment")]
    pub held: DateTime<FixedOffset>,
    #[serde(default)]
    pub participants: Vec<Participant>,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub changes: Vec<ObjectiveChange>,
    #[serde(default, with = "dates::opt_day")]
    pub next_review: Option<NaiveDate>,
    /// The review this one corrects, if it is a correction.
    #[serde(default)]
    pub corrects: Option<Id>,
    /// The plan as it stood after the review.
    #[serde(default)]
    pub plan: Vec<Objective>,
    /// Assessment criteria ids this review is evidence for (usually 2.4).
    #[serde(default)]
    pub criteria: Vec<String>,
}

impl Review {
    pub fn date(&self) -> NaiveDate {
        self.held.date_naive()
    }

    /// The decision this review recorded about an objective, if any.
    pub fn decision(&self, objective: &Id) -> Option<&ObjectiveChange> {
        self.changes.iter().find(|c| &c.objective == objective)
    }

    /// The objective as it stood after this review, if it was in the plan.
    pub fn planned(&self, objective: &Id) -> Option<&Objective> {
        self.plan.iter().find(|o| &o.id == objective)
    }

    /// How many decisions were changes (not "kept").
    pub fn change_count(&self) -> usize {
        self.changes
            .iter()
            .filter(|c| c.outcome.is_change())
            .count()
    }

    /// Who took part, as "Name (role), Name (role)"; empty when nobody was named.
    pub fn who(&self) -> String {
        self.participants
            .iter()
            .filter(|p| !p.name.trim().is_empty())
            .map(|p| {
                if p.role.trim().is_empty() {
                    p.name.trim().to_string()
                } else {
                    format!("{} ({})", p.name.trim(), p.role.trim())
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The plan as it stands after a review: the live objectives with each
/// decision's status applied (achieved and dropped close an objective),
/// ordered by id. Objectives deleted from the live plan are not in it.
pub fn plan_after(live: &[Objective], decisions: &[ObjectiveChange]) -> Vec<Objective> {
    let mut plan: Vec<Objective> = live
        .iter()
        .map(|o| {
            let mut o = o.clone();
            if let Some(c) = decisions.iter().find(|c| c.objective == o.id) {
                o.status = c.outcome.status_after(o.status);
            }
            o
        })
        .collect();
    plan.sort_by(|a, b| a.id.cmp(&b.id));
    plan
}

/// A one-line form of a text for lists: the first line, trimmed.
pub(crate) fn first_line(text: &str) -> &str {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("")
}

#[cfg(test)]
pub(crate) mod test_support {
    //! Small builders for the review rules' tests.
    use super::*;
    use crate::domain::{DevelopmentNeed, Measure, NeedKind};
    use chrono::TimeZone;

    pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    pub fn id(n: u64) -> Id {
        Id::from_parts(1_700_000_000_000 + n, [n as u8; 10])
    }

    /// Noon UTC on a day.
    pub fn held(day: NaiveDate) -> DateTime<FixedOffset> {
        let utc = FixedOffset::east_opt(0).expect("UTC");
        utc.from_local_datetime(&day.and_hms_opt(12, 0, 0).expect("noon"))
            .single()
            .expect("one moment")
    }

    pub fn review(n: u64, day: NaiveDate) -> Review {
        Review {
            format: 1,
            id: id(n),
            held: held(day),
            participants: Vec::new(),
            summary: String::new(),
            changes: Vec::new(),
            next_review: None,
            corrects: None,
            plan: Vec::new(),
            criteria: Vec::new(),
        }
    }

    pub fn objective(n: u64, statement: &str, created: NaiveDate) -> Objective {
        Objective {
            format: 1,
            id: id(n),
            created: held(created),
            updated: held(created),
            statement: statement.to_string(),
            measure: Measure::default(),
            support: String::new(),
            relevance: String::new(),
            serves: String::new(),
            needs: Vec::new(),
            criteria: Vec::new(),
            target_date: None,
            review_date: None,
            status: ObjectiveStatus::NotStarted,
            progress: Vec::new(),
        }
    }

    pub fn need(n: u64, area: &str) -> DevelopmentNeed {
        DevelopmentNeed {
            format: 1,
            id: id(n),
            date: d(2026, 1, 1),
            created: held(d(2026, 1, 1)),
            updated: held(d(2026, 1, 1)),
            area: area.to_string(),
            kind: NeedKind::Gap,
            identified_from: Vec::new(),
            evidence: String::new(),
            agreed_with: String::new(),
            criteria: Vec::new(),
        }
    }

    pub fn change(objective: &Id, outcome: Outcome, reason: &str) -> ObjectiveChange {
        ObjectiveChange {
            objective: objective.clone(),
            outcome,
            reason: reason.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::check::{Context, check};
    use super::diff::{Difference, review_diff};
    use super::test_support::d;
    use super::*;

    #[test]
    fn the_demo_reviews_explain_every_change_they_made() {
        let today = d(2026, 11, 23);
        let (header, records) = crate::demo::story(today);
        assert!(records.reviews.len() >= 2);
        for (i, r) in records.reviews.iter().enumerate() {
            let ctx = Context {
                reviews: &records.reviews[..i],
                needs: &records.needs,
                today,
                interval_days: header.settings.review_interval_days,
            };
            let issues = check(r, ctx);
            assert!(
                issues.is_empty(),
                "review {} of the demo: {issues:#?}",
                r.date()
            );
        }
        // The second review rewrote the billing objective, field by field.
        let (first, second) = (&records.reviews[0], &records.reviews[1]);
        let diff = review_diff(Some(first), second, &records.needs);
        let billing = diff
            .iter()
            .find(|e| e.difference == Difference::Changed)
            .expect("one objective was revised");
        assert_eq!(billing.outcome(), Outcome::Revised);
        assert!(billing.changed_fields().starts_with("statement"));
        assert!(billing.reason().is_some_and(|r| r.contains("no measure")));
        assert_eq!(
            diff.iter()
                .filter(|e| e.difference == Difference::Added)
                .count(),
            1
        );
    }

    #[test]
    fn who_took_part_reads_as_a_list() {
        let mut r = test_support::review(1, d(2026, 1, 1));
        assert_eq!(r.who(), "");
        r.participants = vec![
            Participant {
                name: "Gareth Evans".into(),
                role: "team leader".into(),
            },
            Participant {
                name: " Helen Okafor ".into(),
                role: String::new(),
            },
            Participant {
                name: " ".into(),
                role: "nobody".into(),
            },
        ];
        assert_eq!(r.who(), "Gareth Evans (team leader), Helen Okafor");
    }
}
