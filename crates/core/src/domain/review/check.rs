//! What a review must say before it can be saved.
//!
//! A review is a dated record an assessor relies on, and it can never be
//! edited afterwards, so it is checked before it is written: every change to
//! the plan since the review before it needs a decision and a reason; dates
//! must make sense. Some things are only worth a word (no one named, no next
//! date, a gap longer than the review interval) and never block saving.

use super::super::{DevelopmentNeed, Id};
use super::diff::{Difference, review_diff};
use super::{Outcome, Review, cycle};
use chrono::{Days, NaiveDate};

/// Where on the review form an issue belongs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReviewField {
    Held,
    Participants,
    Summary,
    /// The decision about one objective.
    Objective(Id),
    NextReview,
    Corrects,
}

/// Something wrong or worth a word, shown at its field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub field: ReviewField,
    pub message: String,
    /// True when the review cannot be saved until it is put right.
    pub blocking: bool,
}

/// What a review is checked against.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The reviews already saved.
    pub reviews: &'a [Review],
    pub needs: &'a [DevelopmentNeed],
    pub today: NaiveDate,
    pub interval_days: u32,
}

/// Quotes an objective's statement, shortened for a message.
pub fn quote(statement: &str) -> String {
    let s = super::first_line(statement);
    if s.is_empty() {
        return "an objective with no statement".to_string();
    }
    let mut out: String = s.chars().take(48).collect();
    if s.chars().count() > 48 {
        // Cut at a word boundary when there is one.
        if let Some(space) = out.rfind(' ').filter(|&i| i > 24) {
            out.truncate(space);
        }
        out = out.trim_end().to_string();
        out.push('…');
    }
    format!("“{out}”")
}

fn fitting(difference: Difference) -> &'static str {
    match difference {
        Difference::Added => "choose “added”",
        Difference::Removed => "choose “dropped”",
        Difference::Changed | Difference::Same => "choose revised, achieved or dropped",
    }
}

/// Every issue with a review about to be saved, blocking ones first.
pub fn check(review: &Review, ctx: Context<'_>) -> Vec<Issue> {
    let mut issues = Vec::new();
    let mut block = |field: ReviewField, message: String| {
        issues.push(Issue {
            field,
            message,
            blocking: true,
        })
    };
    let held = review.date();
    let day = |d: NaiveDate| d.format("%-d %b %Y").to_string();

    if held > ctx.today {
        block(
            ReviewField::Held,
            format!(
                "{} is in the future: a review is recorded once it has been held",
                day(held)
            ),
        );
    }
    match &review.corrects {
        Some(id) if id == &review.id => block(
            ReviewField::Corrects,
            "a review cannot correct itself".to_string(),
        ),
        Some(id) if !ctx.reviews.iter().any(|r| &r.id == id) => block(
            ReviewField::Corrects,
            format!(
                "the review it corrects ({}) is not in this workspace",
                id.short()
            ),
        ),
        Some(_) => {}
        None => {
            if let Some(last) = cycle::last(ctx.reviews).filter(|l| l.date() > held) {
                block(
                    ReviewField::Held,
                    format!(
                        "the last review was held on {}; a new review cannot be dated before it (to put that review right, correct it instead)",
                        day(last.date())
                    ),
                );
            }
        }
    }
    if let Some(next) = review.next_review
        && next <= held
    {
        block(
            ReviewField::NextReview,
            format!(
                "the next review must come after this one (held {})",
                day(held)
            ),
        );
    }

    let previous = cycle::previous(ctx.reviews, review);
    let diff = review_diff(previous, review, ctx.needs);
    let statement_of = |id: &Id| -> String {
        diff.iter().find(|d| &d.objective == id).map_or_else(
            || format!("objective {}", id.short()),
            |d| quote(&d.statement),
        )
    };

    let mut seen: Vec<&Id> = Vec::new();
    for c in &review.changes {
        let field = ReviewField::Objective(c.objective.clone());
        if seen.contains(&&c.objective) {
            block(
                field,
                format!("{} has two decisions: keep one", statement_of(&c.objective)),
            );
            continue;
        }
        seen.push(&c.objective);
        let Some(entry) = diff.iter().find(|d| d.objective == c.objective) else {
            block(
                field,
                format!(
                    "objective {} is not in the plan, so nothing can be decided about it",
                    c.objective.short()
                ),
            );
            continue;
        };
        if c.outcome.is_change() && c.reason.trim().is_empty() {
            block(
                field,
                format!(
                    "{} is marked {}: say why (every change needs a reason)",
                    quote(&entry.statement),
                    c.outcome.label()
                ),
            );
            continue;
        }
        if c.outcome == Outcome::Added && entry.difference != Difference::Added {
            block(
                field,
                format!(
                    "{} was already in the plan at the last review: choose kept or revised",
                    quote(&entry.statement)
                ),
            );
        }
    }

    for entry in diff.iter().filter(|d| d.needs_reason()) {
        let what = match entry.difference {
            Difference::Added => "is new in the plan".to_string(),
            Difference::Removed => "was removed from the plan".to_string(),
            Difference::Changed | Difference::Same => {
                format!("changed since the last review ({})", entry.changed_fields())
            }
        };
        let field = ReviewField::Objective(entry.objective.clone());
        match review.decision(&entry.objective) {
            None => block(
                field,
                format!(
                    "{} {what}: {} and say why",
                    quote(&entry.statement),
                    fitting(entry.difference)
                ),
            ),
            Some(c) if c.outcome == Outcome::Kept => block(
                field,
                format!(
                    "{} {what}, so “kept” does not fit: {} and say why",
                    quote(&entry.statement),
                    fitting(entry.difference)
                ),
            ),
            Some(_) => {}
        }
    }

    let mut note = |field: ReviewField, message: String| {
        issues.push(Issue {
            field,
            message,
            blocking: false,
        })
    };
    if review.who().is_empty() {
        note(
            ReviewField::Participants,
            "no one is named: assessors look for reviews agreed with your manager, mentor or assessor"
                .to_string(),
        );
    }
    if review.summary.trim().is_empty() {
        note(
            ReviewField::Summary,
            "no summary: a sentence or two on how the plan is going helps your portfolio"
                .to_string(),
        );
    }
    match review.next_review {
        None => note(
            ReviewField::NextReview,
            "no next review date: assessors look for a regular, dated cycle".to_string(),
        ),
        Some(next) => {
            let limit = held.checked_add_days(Days::new(u64::from(ctx.interval_days)));
            if limit.is_some_and(|limit| next > limit) {
                note(
                    ReviewField::NextReview,
                    format!(
                        "{} days after this review, longer than your review interval of {} days",
                        (next - held).num_days(),
                        ctx.interval_days
                    ),
                );
            }
        }
    }
    issues.sort_by_key(|i| !i.blocking);
    issues
}

/// `Err` with the first blocking issue's message when the review cannot be saved.
pub fn refuse(issues: &[Issue]) -> Result<(), &Issue> {
    match issues.iter().find(|i| i.blocking) {
        Some(issue) => Err(issue),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;
    use crate::domain::{ObjectiveStatus, Participant};

    fn ctx(reviews: &[Review]) -> Context<'_> {
        Context {
            reviews,
            needs: &[],
            today: d(2026, 6, 1),
            interval_days: 90,
        }
    }

    fn blocking(issues: &[Issue]) -> Vec<&str> {
        issues
            .iter()
            .filter(|i| i.blocking)
            .map(|i| i.message.as_str())
            .collect()
    }

    /// A first review of a one-objective plan and a second that revises it.
    fn two_reviews() -> (Review, Review) {
        let csat = objective(
            1,
            "Raise my CSAT from 82% to 88% by 31 March",
            d(2026, 1, 1),
        );
        let mut first = review(10, d(2026, 1, 5));
        first.plan = vec![csat.clone()];
        first.changes = vec![change(&csat.id, Outcome::Added, "CSAT below standard")];
        first.next_review = Some(d(2026, 4, 1));
        first.summary = "First review".into();
        first.participants = vec![Participant {
            name: "Gareth Evans".into(),
            role: "team leader".into(),
        }];
        let mut second = first.clone();
        second.id = id(11);
        second.held = held(d(2026, 4, 1));
        let mut revised = csat.clone();
        revised.target_date = Some(d(2026, 4, 30));
        second.plan = vec![revised];
        second.changes = vec![change(
            &csat.id,
            Outcome::Revised,
            "Two months of sick leave",
        )];
        second.next_review = Some(d(2026, 6, 30));
        (first, second)
    }

    #[test]
    fn a_complete_review_passes() {
        let (first, second) = two_reviews();
        assert_eq!(check(&first, ctx(&[])), vec![]);
        assert_eq!(check(&second, ctx(std::slice::from_ref(&first))), vec![]);
    }

    #[test]
    fn a_change_without_a_reason_is_refused() {
        let (first, mut second) = two_reviews();
        second.changes[0].reason = "   ".into();
        let issues = check(&second, ctx(std::slice::from_ref(&first)));
        assert_eq!(
            blocking(&issues),
            vec![
                "“Raise my CSAT from 82% to 88% by 31 March” is marked revised: say why (every change needs a reason)"
            ]
        );
        assert_eq!(
            issues[0].field,
            ReviewField::Objective(first.plan[0].id.clone())
        );
        assert!(refuse(&issues).is_err());
    }

    #[test]
    fn a_change_with_no_decision_at_all_is_refused() {
        let (first, mut second) = two_reviews();
        second.changes.clear();
        let issues = check(&second, ctx(std::slice::from_ref(&first)));
        assert_eq!(
            blocking(&issues),
            vec![
                "“Raise my CSAT from 82% to 88% by 31 March” changed since the last review (target date): choose revised, achieved or dropped and say why"
            ]
        );
    }

    #[test]
    fn kept_does_not_fit_a_changed_objective() {
        let (first, mut second) = two_reviews();
        second.changes[0].outcome = Outcome::Kept;
        let issues = check(&second, ctx(std::slice::from_ref(&first)));
        assert_eq!(blocking(&issues).len(), 1);
        assert!(
            blocking(&issues)[0].contains("so “kept” does not fit"),
            "{issues:?}"
        );
    }

    #[test]
    fn new_and_removed_objectives_need_reasons_too() {
        let (first, mut second) = two_reviews();
        let email = objective(2, "Answer complaint emails within 4 hours", d(2026, 3, 1));
        second.plan = vec![email.clone()];
        second.changes.clear();
        let issues = check(&second, ctx(std::slice::from_ref(&first)));
        assert_eq!(
            blocking(&issues),
            vec![
                "“Answer complaint emails within 4 hours” is new in the plan: choose “added” and say why",
                "“Raise my CSAT from 82% to 88% by 31 March” was removed from the plan: choose “dropped” and say why",
            ]
        );
        second.changes = vec![
            change(&email.id, Outcome::Added, "Complaints team feedback"),
            change(
                &first.plan[0].id,
                Outcome::Dropped,
                "Moved to the email team",
            ),
        ];
        assert!(refuse(&check(&second, ctx(std::slice::from_ref(&first)))).is_ok());
    }

    #[test]
    fn achieving_an_objective_needs_a_reason() {
        let (first, mut second) = two_reviews();
        second.plan = vec![first.plan[0].clone()];
        second.plan[0].status = ObjectiveStatus::Achieved;
        second.changes = vec![change(&first.plan[0].id, Outcome::Achieved, "")];
        let issues = check(&second, ctx(std::slice::from_ref(&first)));
        assert!(blocking(&issues)[0].contains("is marked achieved: say why"));
    }

    #[test]
    fn added_only_fits_an_objective_new_since_the_last_review() {
        let (first, mut second) = two_reviews();
        second.changes[0].outcome = Outcome::Added;
        let issues = check(&second, ctx(std::slice::from_ref(&first)));
        assert!(
            blocking(&issues)[0].contains("was already in the plan at the last review"),
            "{issues:?}"
        );
    }

    #[test]
    fn dates_must_make_sense() {
        let (first, mut second) = two_reviews();
        second.held = held(d(2026, 7, 1));
        second.next_review = Some(d(2026, 6, 1));
        let issues = check(&second, ctx(std::slice::from_ref(&first)));
        assert_eq!(
            blocking(&issues),
            vec![
                "1 Jul 2026 is in the future: a review is recorded once it has been held",
                "the next review must come after this one (held 1 Jul 2026)",
            ]
        );
        assert_eq!(issues[0].field, ReviewField::Held);
        assert_eq!(issues[1].field, ReviewField::NextReview);
        // Dated before the last review: only a correction may do that.
        second.held = held(d(2026, 1, 1));
        second.next_review = Some(d(2026, 3, 1));
        let issues = check(&second, ctx(std::slice::from_ref(&first)));
        assert!(blocking(&issues)[0].starts_with("the last review was held on 5 Jan 2026"));
    }

    #[test]
    fn a_correction_is_checked_against_the_review_before_the_one_it_corrects() {
        let (first, second) = two_reviews();
        let mut correction = second.clone();
        correction.id = id(12);
        correction.corrects = Some(second.id.clone());
        correction.changes[0].reason = "Three months of sick leave, not two".into();
        let all = vec![first, second];
        assert_eq!(check(&correction, ctx(&all)), vec![]);
        correction.corrects = Some(id(99));
        assert_eq!(
            blocking(&check(&correction, ctx(&all))),
            vec![
                format!(
                    "the review it corrects ({}) is not in this workspace",
                    id(99).short()
                )
                .as_str()
            ]
        );
    }

    #[test]
    fn missing_people_summary_or_next_date_are_noted_but_do_not_block() {
        let (first, mut second) = two_reviews();
        second.participants.clear();
        second.summary.clear();
        second.next_review = Some(d(2026, 12, 1));
        let issues = check(&second, ctx(std::slice::from_ref(&first)));
        assert!(refuse(&issues).is_ok());
        let fields: Vec<&ReviewField> = issues.iter().map(|i| &i.field).collect();
        assert_eq!(
            fields,
            vec![
                &ReviewField::Participants,
                &ReviewField::Summary,
                &ReviewField::NextReview
            ]
        );
        assert_eq!(
            issues[2].message,
            "244 days after this review, longer than your review interval of 90 days"
        );
    }

    #[test]
    fn a_decision_about_an_objective_not_in_the_plan_is_refused() {
        let (first, mut second) = two_reviews();
        second.changes.push(change(&id(77), Outcome::Kept, ""));
        let issues = check(&second, ctx(std::slice::from_ref(&first)));
        assert!(blocking(&issues)[0].contains("is not in the plan"));
    }

    #[test]
    fn long_statements_are_shortened_in_messages() {
        assert_eq!(
            quote(
                "Raise my CSAT from 82% to 88% by 31 March by using the HEAT steps on every call"
            ),
            "“Raise my CSAT from 82% to 88% by 31 March by…”"
        );
        assert_eq!(quote("  "), "an objective with no statement");
    }
}
