//! The text `starlog review` prints: when the last review was and what it
//! decided, what has changed in the plan since, and when the next is due.

use super::super::Records;
use super::cycle::{self, Basis, Due};
use super::diff::{Difference, since_review};
use super::timeline;
use super::{Review, first_line};
use chrono::NaiveDate;
use std::fmt::Write;

/// What `starlog review` prints, and whether a review is overdue (exit 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub text: String,
    pub overdue: bool,
}

fn day(d: NaiveDate) -> String {
    d.format("%a %-d %b %Y").to_string()
}

fn ago(days: i64) -> String {
    match days {
        0 => "today".to_string(),
        1 => "yesterday".to_string(),
        -1 => "tomorrow".to_string(),
        n if n < 0 => format!("in {} days", -n),
        n => format!("{n} days ago"),
    }
}

/// Builds the report for `today` (pure: same records, same text).
pub fn report(records: &Records, interval_days: u32, today: NaiveDate) -> Report {
    let mut t = String::new();
    let last = cycle::last(&records.reviews);
    match last {
        Some(r) => last_review(&mut t, records, r, today),
        None => {
            let _ = writeln!(t, "No review held yet.");
        }
    }

    let since = since_review(last, &records.objectives, &records.needs);
    let changed: Vec<_> = since.iter().filter(|d| d.needs_reason()).collect();
    let label = if last.is_some() {
        "Changed in the plan since then"
    } else {
        "In the plan, to agree at a first review"
    };
    if changed.is_empty() {
        let _ = writeln!(
            t,
            "\n{}",
            if last.is_some() {
                "No changes to the plan since then."
            } else {
                "The plan has no objectives yet."
            }
        );
    } else {
        let _ = writeln!(t, "\n{label} ({}):", changed.len());
        for d in changed {
            let what = match d.difference {
                Difference::Added => "new",
                Difference::Removed => "removed",
                Difference::Changed | Difference::Same => "changed",
            };
            let _ = writeln!(t, "  {what:<8} {}", check_quote(&d.statement));
            for f in d.fields.iter().filter(|f| f.needs_reason) {
                let _ = writeln!(
                    t,
                    "           {}: {} → {}",
                    f.field.label(),
                    first_line(&f.before),
                    first_line(&f.after)
                );
            }
        }
    }
    if let Some(r) = last {
        let counts = timeline::periods(records, 0)
            .first()
            .filter(|p| p.review.is_none())
            .map(|p| p.counts)
            .unwrap_or_default();
        let _ = writeln!(
            t,
            "Recorded since {}: {}.",
            r.date().format("%-d %b"),
            counts.describe()
        );
    }

    let due = cycle::due(&records.reviews, &records.objectives, interval_days, today);
    let basis = cycle::next_due(&records.reviews, &records.objectives, interval_days)
        .map(|(_, basis)| basis);
    let why = match basis {
        Some(Basis::Agreed) => " as agreed at the last review",
        Some(Basis::Interval) => {
            " (no date was agreed: your review interval after the last review)"
        }
        Some(Basis::FirstReview) => {
            " (the first review: your review interval after the plan was started)"
        }
        None => "",
    };
    let _ = writeln!(t, "\nNext review: {}{why}.", due.describe());
    if due.is_overdue() || matches!(due, Due::Today { .. }) {
        let _ = writeln!(
            t,
            "Hold it in the app: `starlog`, then 4 for Reviews and n for a new review."
        );
    }
    Report {
        text: t,
        overdue: due.is_overdue(),
    }
}

fn check_quote(statement: &str) -> String {
    super::check::quote(statement)
}

fn last_review(t: &mut String, records: &Records, r: &Review, today: NaiveDate) {
    let _ = write!(
        t,
        "Last review: {} ({})",
        day(r.date()),
        ago((today - r.date()).num_days())
    );
    let who = r.who();
    if !who.is_empty() {
        let _ = write!(t, " with {who}");
    }
    let _ = writeln!(t, ".");
    if let Some(corrected) = r
        .corrects
        .as_ref()
        .and_then(|id| records.reviews.iter().find(|o| &o.id == id))
    {
        let _ = writeln!(
            t,
            "It corrects the review recorded for {}.",
            day(corrected.date())
        );
    }
    let summary = first_line(&r.summary);
    if !summary.is_empty() {
        let _ = writeln!(t, "  {summary}");
    }
    let previous = cycle::previous(&records.reviews, r);
    let decided = super::diff::review_diff(previous, r, &records.needs);
    let changes: Vec<_> = decided.iter().filter(|d| d.outcome().is_change()).collect();
    let kept = r
        .changes
        .len()
        .saturating_sub(r.changes.iter().filter(|c| c.outcome.is_change()).count());
    if !changes.is_empty() {
        let _ = writeln!(t, "Decided:");
        for d in &changes {
            let _ = writeln!(
                t,
                "  {:<8} {}",
                d.outcome().label(),
                check_quote(&d.statement)
            );
            if let Some(reason) = d.reason() {
                let _ = writeln!(t, "           because: {}", first_line(reason));
            }
        }
    }
    if kept > 0 {
        let _ = writeln!(
            t,
            "  {kept} objective{} kept as {}.",
            if kept == 1 { "" } else { "s" },
            if kept == 1 { "it was" } else { "they were" }
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::super::{ObjectiveChange, Outcome, Participant};
    use super::*;

    fn workspace() -> Records {
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
        let mut r = review(10, d(2026, 1, 5));
        r.participants = vec![Participant {
            name: "Gareth Evans".into(),
            role: "team leader".into(),
        }];
        r.summary = "First review after my appraisal.\nMore lines.".into();
        r.plan = vec![csat.clone(), aht.clone()];
        r.changes = vec![
            change(&csat.id, Outcome::Added, "CSAT below the 85% standard"),
            ObjectiveChange {
                objective: aht.id.clone(),
                outcome: Outcome::Added,
                reason: "AHT above 360 s".into(),
            },
        ];
        r.next_review = Some(d(2026, 4, 1));
        let mut csat_now = csat.clone();
        csat_now.target_date = Some(d(2026, 4, 30));
        Records {
            objectives: vec![csat_now, aht],
            reviews: vec![r],
            ..Records::default()
        }
    }

    #[test]
    fn the_report_says_when_what_changed_and_when_next() {
        let report = report(&workspace(), 90, d(2026, 3, 1));
        assert!(!report.overdue);
        assert_eq!(
            report.text,
            "\
Last review: Mon 5 Jan 2026 (55 days ago) with Gareth Evans (team leader).
  First review after my appraisal.
Decided:
  added    “Raise my CSAT from 82% to 88% by 31 March”
           because: CSAT below the 85% standard
  added    “Cut my AHT from 412 s to 370 s by 30 June”
           because: AHT above 360 s

Changed in the plan since then (1):
  changed  “Raise my CSAT from 82% to 88% by 31 March”
           target date: — → 30 Apr 2026
Recorded since 5 Jan: nothing recorded.

Next review: due 1 Apr 2026 (in 31 days) as agreed at the last review.
"
        );
    }

    #[test]
    fn an_overdue_review_is_flagged() {
        let report = report(&workspace(), 90, d(2026, 4, 3));
        assert!(report.overdue);
        assert!(
            report
                .text
                .contains("Next review: overdue by 2 days (was due 1 Apr 2026) as agreed"),
            "{}",
            report.text
        );
        assert!(
            report
                .text
                .contains("then 4 for Reviews and n for a new review")
        );
    }

    #[test]
    fn before_any_review_the_plan_is_listed_and_the_first_review_is_due() {
        let mut records = workspace();
        records.reviews.clear();
        let report = report(&records, 90, d(2026, 2, 1));
        assert!(!report.overdue);
        assert!(
            report
                .text
                .starts_with("No review held yet.\n\nIn the plan, to agree at a first review (2):"),
            "{}",
            report.text
        );
        assert!(
            report
                .text
                .contains("Next review: due 1 Apr 2026 (in 59 days) (the first review")
        );
        let empty = super::report(&Records::default(), 90, d(2026, 2, 1));
        assert_eq!(
            empty.text,
            "No review held yet.\n\nThe plan has no objectives yet.\n\nNext review: not planned yet: add objectives to your plan first.\n"
        );
        assert!(!empty.overdue);
    }
}
