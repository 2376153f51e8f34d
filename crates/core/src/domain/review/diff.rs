//! The difference between two versions of the plan: objectives added,
//! dropped, and changed field by field, with the decision and reason a review
//! recorded for each.
//!
//! Progress notes and the `updated` stamp are not part of the plan's wording,
//! so they never count as a change; a status moving between "not started",
//! "in progress" and "revised" is progress too. What needs a reason at a
//! review is a change to what the objective says, or its closing (achieved,
//! dropped) or reopening.

use super::super::{DevelopmentNeed, Id, Objective, ObjectiveStatus};
use super::{ObjectiveChange, Outcome, Review};
use chrono::NaiveDate;

/// A field of an objective, as a learner names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Statement,
    Baseline,
    Target,
    HowMeasured,
    Kpi,
    Support,
    Relevance,
    Needs,
    Criteria,
    TargetDate,
    ReviewDate,
    Status,
}

impl Field {
    pub fn label(self) -> &'static str {
        match self {
            Field::Statement => "statement",
            Field::Baseline => "baseline",
            Field::Target => "target",
            Field::HowMeasured => "how measured",
            Field::Kpi => "KPI",
            Field::Support => "support",
            Field::Relevance => "relevance",
            Field::Needs => "needs served",
            Field::Criteria => "criteria",
            Field::TargetDate => "target date",
            Field::ReviewDate => "review date",
            Field::Status => "status",
        }
    }
}

/// One field's value before and after ("—" for nothing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub field: Field,
    pub before: String,
    pub after: String,
    /// False for progress (a status moving between the open states), which
    /// is shown but needs no reason.
    pub needs_reason: bool,
}

/// How an objective differs between two plan versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Difference {
    /// In the newer plan only.
    Added,
    /// In the older plan only (deleted from the plan since).
    Removed,
    /// In both, with at least one field that needs a reason changed.
    Changed,
    /// In both; nothing that needs a reason changed.
    Same,
}

/// One objective across two plan versions.
#[derive(Debug, Clone, PartialEq)]
pub struct ObjectiveDiff {
    pub objective: Id,
    /// The newest wording known (the newer version's, else the older's).
    pub statement: String,
    pub difference: Difference,
    /// Field by field, in form order; empty for added and removed objectives.
    pub fields: Vec<FieldChange>,
    /// The outcome the difference suggests (what a review form prefills).
    pub suggested: Outcome,
    /// The decision a review recorded about it, with its reason.
    pub decision: Option<ObjectiveChange>,
    /// The objective in the newer plan, if it is there.
    pub after: Option<Objective>,
}

impl ObjectiveDiff {
    /// Something about it needs a reason at a review.
    pub fn needs_reason(&self) -> bool {
        self.difference != Difference::Same
    }

    /// The outcome to show: the recorded decision's, else the suggestion.
    pub fn outcome(&self) -> Outcome {
        self.decision
            .as_ref()
            .map_or(self.suggested, |decision| decision.outcome)
    }

    /// The reason recorded for it, if any (trimmed; `None` when blank).
    pub fn reason(&self) -> Option<&str> {
        self.decision
            .as_ref()
            .map(|c| c.reason.trim())
            .filter(|r| !r.is_empty())
    }

    /// "target date, target" — the labels of the fields that need a reason.
    pub fn changed_fields(&self) -> String {
        self.fields
            .iter()
            .filter(|f| f.needs_reason)
            .map(|f| f.field.label())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn day(d: Option<NaiveDate>) -> String {
    d.map_or_else(|| "—".to_string(), |d| d.format("%-d %b %Y").to_string())
}

fn text(s: &str) -> String {
    let t = s.trim();
    if t.is_empty() {
        "—".to_string()
    } else {
        t.to_string()
    }
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        "—".to_string()
    } else {
        items.join(", ")
    }
}

fn status_closes(before: ObjectiveStatus, after: ObjectiveStatus) -> bool {
    before != after && (!before.is_open() || !after.is_open())
}

/// The fields that differ between two versions of one objective, in form order.
pub fn field_changes(
    before: &Objective,
    after: &Objective,
    needs: &[DevelopmentNeed],
) -> Vec<FieldChange> {
    let need_names = |ids: &[Id]| -> Vec<String> {
        ids.iter()
            .map(|id| {
                needs
                    .iter()
                    .find(|n| &n.id == id)
                    .map_or_else(|| format!("need {}", id.short()), |n| n.area.clone())
            })
            .collect()
    };
    let pairs = [
        (
            Field::Statement,
            text(&before.statement),
            text(&after.statement),
        ),
        (
            Field::Baseline,
            text(&before.measure.baseline),
            text(&after.measure.baseline),
        ),
        (
            Field::Target,
            text(&before.measure.target),
            text(&after.measure.target),
        ),
        (
            Field::HowMeasured,
            text(&before.measure.how),
            text(&after.measure.how),
        ),
        (
            Field::Kpi,
            text(&before.measure.kpi),
            text(&after.measure.kpi),
        ),
        (Field::Support, text(&before.support), text(&after.support)),
        (
            Field::Relevance,
            text(&before.relevance),
            text(&after.relevance),
        ),
        (
            Field::Needs,
            list(&need_names(&before.needs)),
            list(&need_names(&after.needs)),
        ),
        (
            Field::Criteria,
            list(&before.criteria),
            list(&after.criteria),
        ),
        (
            Field::TargetDate,
            day(before.target_date),
            day(after.target_date),
        ),
        (
            Field::ReviewDate,
            day(before.review_date),
            day(after.review_date),
        ),
    ];
    let mut out: Vec<FieldChange> = pairs
        .into_iter()
        .filter(|(_, b, a)| b != a)
        .map(|(field, before, after)| FieldChange {
            field,
            before,
            after,
            needs_reason: true,
        })
        .collect();
    // Needs and criteria compared as sets: reordering is not a change.
    out.retain(|f| match f.field {
        Field::Needs => !same_set(&before.needs, &after.needs),
        Field::Criteria => !same_set(&before.criteria, &after.criteria),
        _ => true,
    });
    if before.status != after.status {
        out.push(FieldChange {
            field: Field::Status,
            before: before.status.label().to_string(),
            after: after.status.label().to_string(),
            needs_reason: status_closes(before.status, after.status),
        });
    }
    out
}

fn same_set<T: Ord + Clone>(a: &[T], b: &[T]) -> bool {
    let (mut a, mut b) = (a.to_vec(), b.to_vec());
    a.sort();
    a.dedup();
    b.sort();
    b.dedup();
    a == b
}

/// The outcome a difference suggests.
fn suggest(before: Option<&Objective>, after: Option<&Objective>, changed: bool) -> Outcome {
    match (before, after) {
        (None, _) => Outcome::Added,
        (Some(_), None) => Outcome::Dropped,
        (Some(b), Some(a)) if a.status != b.status && a.status == ObjectiveStatus::Achieved => {
            Outcome::Achieved
        }
        (Some(b), Some(a)) if a.status != b.status && a.status == ObjectiveStatus::Dropped => {
            Outcome::Dropped
        }
        _ if changed => Outcome::Revised,
        _ => Outcome::Kept,
    }
}

/// Compares two plan versions: one entry per objective in either, in the
/// newer plan's order (by id) with removed objectives after them.
pub fn diff_plans(
    before: &[Objective],
    after: &[Objective],
    needs: &[DevelopmentNeed],
) -> Vec<ObjectiveDiff> {
    let mut after_sorted: Vec<&Objective> = after.iter().collect();
    after_sorted.sort_by(|a, b| a.id.cmp(&b.id));
    let mut out: Vec<ObjectiveDiff> = after_sorted
        .into_iter()
        .map(|a| {
            let b = before.iter().find(|o| o.id == a.id);
            let fields = b.map_or_else(Vec::new, |b| field_changes(b, a, needs));
            let changed = fields.iter().any(|f| f.needs_reason);
            let difference = match b {
                None => Difference::Added,
                Some(_) if changed => Difference::Changed,
                Some(_) => Difference::Same,
            };
            ObjectiveDiff {
                objective: a.id.clone(),
                statement: a.statement.clone(),
                difference,
                fields,
                suggested: suggest(b, Some(a), changed),
                decision: None,
                after: Some(a.clone()),
            }
        })
        .collect();
    let mut removed: Vec<&Objective> = before
        .iter()
        .filter(|b| !after.iter().any(|a| a.id == b.id))
        .collect();
    removed.sort_by(|a, b| a.id.cmp(&b.id));
    out.extend(removed.into_iter().map(|b| ObjectiveDiff {
        objective: b.id.clone(),
        statement: b.statement.clone(),
        difference: Difference::Removed,
        fields: Vec::new(),
        suggested: Outcome::Dropped,
        decision: None,
        after: None,
    }));
    out
}

/// What a review changed: its plan against the plan of the review before it
/// (an empty plan for the first review), each entry carrying the decision and
/// reason the review recorded. Decisions about objectives whose wording did
/// not change (e.g. "kept, because on track") are attached too.
pub fn review_diff(
    previous: Option<&Review>,
    review: &Review,
    needs: &[DevelopmentNeed],
) -> Vec<ObjectiveDiff> {
    let before = previous.map_or(&[][..], |p| &p.plan[..]);
    let mut out = diff_plans(before, &review.plan, needs);
    for entry in &mut out {
        entry.decision = review.decision(&entry.objective).cloned();
    }
    out
}

/// Today's plan against the last review's: what a review held now has to
/// explain. The live plan's decisions are not made yet, so none is attached.
pub fn since_review(
    last: Option<&Review>,
    live: &[Objective],
    needs: &[DevelopmentNeed],
) -> Vec<ObjectiveDiff> {
    let before = last.map_or(&[][..], |r| &r.plan[..]);
    diff_plans(before, live, needs)
}

/// The objectives a new review decides about, edited ones first (in plan
/// order), then the rest of the open plan. Objectives already closed at the
/// last review and untouched since have nothing to decide and are left out.
pub fn to_decide(
    last: Option<&Review>,
    live: &[Objective],
    needs: &[DevelopmentNeed],
) -> Vec<ObjectiveDiff> {
    let all = since_review(last, live, needs);
    let (edited, rest): (Vec<ObjectiveDiff>, Vec<ObjectiveDiff>) =
        all.into_iter().partition(|d| d.needs_reason());
    edited
        .into_iter()
        .chain(
            rest.into_iter()
                .filter(|d| d.after.as_ref().is_some_and(|o| o.status.is_open())),
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;
    use crate::domain::ObjectiveStatus;

    #[test]
    fn added_removed_and_changed_objectives_are_told_apart() {
        let csat = objective(
            1,
            "Raise my CSAT from 82% to 88% by 31 March",
            d(2026, 1, 1),
        );
        let aht = objective(
            2,
            "Cut my AHT from 412 s to 370 s by 30 June",
            d(2026, 1, 1),
        );
        let fcr = objective(
            3,
            "Raise my FCR from 68% to 75% by 30 September",
            d(2026, 1, 1),
        );
        let mut csat_after = csat.clone();
        csat_after.target_date = Some(d(2026, 4, 30));
        csat_after.measure.target = "88% by 30 April".into();
        let before = vec![csat.clone(), aht.clone()];
        let after = vec![fcr.clone(), csat_after];
        let diff = diff_plans(&before, &after, &[]);
        let kinds: Vec<(&Id, Difference, Outcome)> = diff
            .iter()
            .map(|d| (&d.objective, d.difference, d.suggested))
            .collect();
        assert_eq!(
            kinds,
            vec![
                (&csat.id, Difference::Changed, Outcome::Revised),
                (&fcr.id, Difference::Added, Outcome::Added),
                (&aht.id, Difference::Removed, Outcome::Dropped),
            ]
        );
        assert_eq!(diff[0].changed_fields(), "target, target date");
        assert_eq!(
            diff[0].fields[1],
            FieldChange {
                field: Field::TargetDate,
                before: "—".into(),
                after: "30 Apr 2026".into(),
                needs_reason: true,
            }
        );
        assert_eq!(diff[0].fields[0].before, "—");
        assert_eq!(diff[0].fields[0].after, "88% by 30 April");
    }

    #[test]
    fn every_field_of_the_wording_is_compared() {
        let a = objective(1, "Get better at billing queries", d(2026, 1, 1));
        let mut b = a.clone();
        b.statement = "Raise my FCR on billing calls from 68% to 75%".into();
        b.measure.baseline = "68%".into();
        b.measure.target = "75%".into();
        b.measure.how = "monthly FCR report".into();
        b.measure.kpi = "FCR".into();
        b.support = "Back-billing e-learning".into();
        b.relevance = "Billing callbacks cost the team".into();
        b.needs = vec![id(40)];
        b.criteria = vec!["2.1".into()];
        b.target_date = Some(d(2026, 9, 30));
        b.review_date = Some(d(2026, 6, 30));
        let need = need(40, "Billing knowledge");
        let fields: Vec<Field> = field_changes(&a, &b, std::slice::from_ref(&need))
            .iter()
            .map(|f| f.field)
            .collect();
        assert_eq!(
            fields,
            vec![
                Field::Statement,
                Field::Baseline,
                Field::Target,
                Field::HowMeasured,
                Field::Kpi,
                Field::Support,
                Field::Relevance,
                Field::Needs,
                Field::Criteria,
                Field::TargetDate,
                Field::ReviewDate,
            ]
        );
        let needs = field_changes(&a, &b, &[need])
            .into_iter()
            .find(|f| f.field == Field::Needs)
            .expect("needs changed");
        assert_eq!(needs.after, "Billing knowledge", "needs are shown by name");
    }

    #[test]
    fn progress_is_not_a_change_to_the_plan() {
        let a = objective(
            1,
            "Raise my CSAT from 82% to 88% by 31 March",
            d(2026, 1, 1),
        );
        let mut b = a.clone();
        b.status = ObjectiveStatus::InProgress;
        b.progress.push(crate::domain::ProgressNote {
            date: d(2026, 2, 1),
            text: "84% in January".into(),
            percent: Some(30),
        });
        b.updated += chrono::Duration::days(31);
        let diff = diff_plans(std::slice::from_ref(&a), &[b], &[]);
        assert_eq!(diff[0].difference, Difference::Same);
        assert_eq!(diff[0].suggested, Outcome::Kept);
        // The status step is shown, but needs no reason.
        assert_eq!(diff[0].fields.len(), 1);
        assert!(!diff[0].fields[0].needs_reason);
    }

    #[test]
    fn reordering_needs_or_criteria_is_not_a_change() {
        let mut a = objective(
            1,
            "Raise my CSAT from 82% to 88% by 31 March",
            d(2026, 1, 1),
        );
        a.criteria = vec!["2.1".into(), "2.4".into()];
        a.needs = vec![id(40), id(41)];
        let mut b = a.clone();
        b.criteria.reverse();
        b.needs.reverse();
        assert!(field_changes(&a, &b, &[]).is_empty());
    }

    #[test]
    fn closing_an_objective_suggests_achieved_or_dropped() {
        let a = objective(
            1,
            "Cut my AHT from 412 s to 370 s by 30 June",
            d(2026, 1, 1),
        );
        let mut achieved = a.clone();
        achieved.status = ObjectiveStatus::Achieved;
        let mut dropped = a.clone();
        dropped.status = ObjectiveStatus::Dropped;
        let diff = diff_plans(std::slice::from_ref(&a), &[achieved], &[]);
        assert_eq!(
            (diff[0].difference, diff[0].suggested),
            (Difference::Changed, Outcome::Achieved)
        );
        let diff = diff_plans(&[a], &[dropped], &[]);
        assert_eq!(diff[0].suggested, Outcome::Dropped);
    }

    #[test]
    fn a_reviews_diff_carries_the_reasons_it_recorded() {
        let csat = objective(
            1,
            "Raise my CSAT from 82% to 88% by 31 March",
            d(2026, 1, 1),
        );
        let mut first = review(10, d(2026, 1, 5));
        first.plan = vec![csat.clone()];
        let mut revised = csat.clone();
        revised.target_date = Some(d(2026, 4, 30));
        let mut second = review(11, d(2026, 4, 1));
        second.plan = vec![revised];
        second.changes = vec![change(
            &csat.id,
            Outcome::Revised,
            "Two months lost to sick leave",
        )];
        let diff = review_diff(Some(&first), &second, &[]);
        assert_eq!(diff.len(), 1);
        assert_eq!(diff[0].outcome(), Outcome::Revised);
        assert_eq!(diff[0].reason(), Some("Two months lost to sick leave"));
        // The first review is compared with an empty plan: all added.
        let diff = review_diff(None, &first, &[]);
        assert_eq!(diff[0].difference, Difference::Added);
        assert_eq!(diff[0].reason(), None);
    }

    #[test]
    fn objectives_edited_since_the_last_review_come_first_with_their_changes() {
        let csat = objective(
            1,
            "Raise my CSAT from 82% to 88% by 31 March",
            d(2026, 1, 1),
        );
        let aht = objective(
            2,
            "Cut my AHT from 412 s to 370 s by 30 June",
            d(2026, 1, 1),
        );
        let mut old_done = objective(3, "Complete the HEAT workshop by 31 January", d(2026, 1, 1));
        old_done.status = ObjectiveStatus::Achieved;
        let mut last = review(10, d(2026, 1, 5));
        last.plan = vec![csat.clone(), aht.clone(), old_done.clone()];
        let mut aht_now = aht.clone();
        aht_now.statement = "Cut my AHT from 412 s to 360 s by 30 June".into();
        let email = objective(4, "Answer complaint emails within 4 hours", d(2026, 2, 1));
        let live = vec![csat.clone(), aht_now, old_done, email.clone()];
        let decide = to_decide(Some(&last), &live, &[]);
        let got: Vec<(&Id, Outcome)> = decide.iter().map(|d| (&d.objective, d.suggested)).collect();
        assert_eq!(
            got,
            vec![
                (&aht.id, Outcome::Revised),
                (&email.id, Outcome::Added),
                (&csat.id, Outcome::Kept),
            ],
            "edited first, the closed objective left out"
        );
        assert_eq!(
            decide[0].fields[0].before,
            "Cut my AHT from 412 s to 370 s by 30 June"
        );
        // Before any review, the whole plan is new.
        let first = to_decide(None, std::slice::from_ref(&csat), &[]);
        assert_eq!(first[0].suggested, Outcome::Added);
    }

    #[test]
    fn the_plan_after_a_review_closes_achieved_and_dropped_objectives() {
        let csat = objective(
            1,
            "Raise my CSAT from 82% to 88% by 31 March",
            d(2026, 1, 1),
        );
        let aht = objective(
            2,
            "Cut my AHT from 412 s to 370 s by 30 June",
            d(2026, 1, 1),
        );
        let plan = super::super::plan_after(
            &[aht.clone(), csat.clone()],
            &[
                change(&aht.id, Outcome::Achieved, "366 s in May"),
                change(&csat.id, Outcome::Kept, ""),
            ],
        );
        assert_eq!(plan[0].id, csat.id, "ordered by id");
        assert_eq!(plan[0].status, csat.status);
        assert_eq!(plan[1].status, ObjectiveStatus::Achieved);
    }
}
