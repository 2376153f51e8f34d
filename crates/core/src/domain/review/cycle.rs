//! The review cycle: which reviews stand (a correction replaces the review it
//! corrects), which review another follows, and when the next one is due.
//!
//! The next review is due on the date agreed at the last review; when none
//! was agreed, the workspace's review interval after it. Before the first
//! review, the first is due an interval after the plan was started (the
//! oldest objective), so a plan nobody has ever reviewed is flagged too.

use super::super::{Id, Objective};
use super::Review;
use chrono::{Days, NaiveDate};

/// Within this many days the next review is "due soon".
pub const DUE_SOON_DAYS: i64 = 14;

/// The reviews that stand, oldest first (by day held, then id): every review
/// except those a later correction replaces. When two corrections name the
/// same review, the newer one (by id) stands.
pub fn standing(reviews: &[Review]) -> Vec<&Review> {
    let mut out: Vec<&Review> = reviews
        .iter()
        .filter(|r| corrected_by(reviews, &r.id).is_none())
        .filter(|r| {
            // Of several corrections of one review only the newest stands.
            r.corrects.as_ref().is_none_or(|target| {
                !reviews
                    .iter()
                    .any(|o| o.corrects.as_ref() == Some(target) && o.id > r.id)
            })
        })
        .collect();
    out.sort_by(|a, b| a.held.cmp(&b.held).then_with(|| a.id.cmp(&b.id)));
    out
}

/// The newest review that corrects this one, if any.
pub fn corrected_by<'a>(reviews: &'a [Review], id: &Id) -> Option<&'a Review> {
    reviews
        .iter()
        .filter(|r| r.corrects.as_ref() == Some(id))
        .max_by(|a, b| a.id.cmp(&b.id))
}

/// The last review that stands (the one the next review follows).
pub fn last(reviews: &[Review]) -> Option<&Review> {
    standing(reviews).last().copied()
}

/// The standing review before `review`: what it is compared with. For a
/// correction, the review before the one it corrects.
pub fn previous<'a>(reviews: &'a [Review], review: &Review) -> Option<&'a Review> {
    let key = match review
        .corrects
        .as_ref()
        .and_then(|id| reviews.iter().find(|r| &r.id == id))
    {
        Some(corrected) => (corrected.held, corrected.id.clone()),
        None => (review.held, review.id.clone()),
    };
    standing(reviews)
        .into_iter()
        .filter(|r| r.id != review.id && review.corrects.as_ref() != Some(&r.id))
        .rfind(|r| (r.held, r.id.clone()) < key)
}

/// Why the next review falls on its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// The date agreed at the last review.
    Agreed,
    /// No date was agreed: the review interval after the last review.
    Interval,
    /// No review yet: the interval after the oldest objective was created.
    FirstReview,
}

/// When the next review is due and why; `None` with no review and no plan.
pub fn next_due(
    reviews: &[Review],
    objectives: &[Objective],
    interval_days: u32,
) -> Option<(NaiveDate, Basis)> {
    let interval = Days::new(u64::from(interval_days.max(1)));
    match last(reviews) {
        Some(r) => match r.next_review {
            Some(d) => Some((d, Basis::Agreed)),
            None => Some((r.date().checked_add_days(interval)?, Basis::Interval)),
        },
        None => {
            let started = objectives.iter().map(|o| o.created.date_naive()).min()?;
            Some((started.checked_add_days(interval)?, Basis::FirstReview))
        }
    }
}

/// Where the next review stands today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// No review has been held and there is no plan to review yet.
    Nothing,
    /// More than [`DUE_SOON_DAYS`] away.
    Later {
        date: NaiveDate,
        days: i64,
    },
    /// Within [`DUE_SOON_DAYS`] days (1 = tomorrow).
    Soon {
        date: NaiveDate,
        days: i64,
    },
    Today {
        date: NaiveDate,
    },
    /// Past its date by `days` (at least 1).
    Overdue {
        date: NaiveDate,
        days: i64,
    },
}

impl Due {
    pub fn at(date: NaiveDate, today: NaiveDate) -> Due {
        let days = (date - today).num_days();
        match days {
            d if d < 0 => Due::Overdue { date, days: -d },
            0 => Due::Today { date },
            d if d <= DUE_SOON_DAYS => Due::Soon { date, days: d },
            d => Due::Later { date, days: d },
        }
    }

    pub fn is_overdue(self) -> bool {
        matches!(self, Due::Overdue { .. })
    }

    pub fn date(self) -> Option<NaiveDate> {
        match self {
            Due::Nothing => None,
            Due::Later { date, .. }
            | Due::Soon { date, .. }
            | Due::Today { date }
            | Due::Overdue { date, .. } => Some(date),
        }
    }

    /// "due 11 Dec 2026 (in 18 days)", "overdue by 3 days (was due 11 Dec 2026)".
    pub fn describe(self) -> String {
        self.describe_with(&|d: NaiveDate| d.format("%-d %b %Y").to_string())
    }

    /// As [`Due::describe`], with days shown by `day` (the app's date format).
    pub fn describe_with(self, day: &dyn Fn(NaiveDate) -> String) -> String {
        let days = |n: i64| {
            crate::domain::words::count(
                usize::try_from(n.unsigned_abs()).unwrap_or(usize::MAX),
                "day",
                "days",
            )
        };
        match self {
            Due::Nothing => "not planned yet: add objectives to your plan first".into(),
            Due::Later { date, days: n } | Due::Soon { date, days: n } if n == 1 => {
                format!("due tomorrow, {}", day(date))
            }
            Due::Later { date, days: n } | Due::Soon { date, days: n } => {
                format!("due {} (in {})", day(date), days(n))
            }
            Due::Today { .. } => "due today".into(),
            Due::Overdue { date, days: n } => {
                format!("overdue by {} (was due {})", days(n), day(date))
            }
        }
    }
}

/// Where the next review stands today.
pub fn due(
    reviews: &[Review],
    objectives: &[Objective],
    interval_days: u32,
    today: NaiveDate,
) -> Due {
    match next_due(reviews, objectives, interval_days) {
        Some((date, _)) => Due::at(date, today),
        None => Due::Nothing,
    }
}

/// The gaps between standing reviews, in days, oldest first.
pub fn gaps(reviews: &[Review]) -> Vec<(NaiveDate, NaiveDate, i64)> {
    standing(reviews)
        .windows(2)
        .map(|w| {
            let (a, b) = (w[0].date(), w[1].date());
            (a, b, (b - a).num_days())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn next_review_is_the_agreed_date_else_the_interval_after_the_last() {
        let mut a = review(1, d(2026, 1, 10));
        a.next_review = Some(d(2026, 3, 1));
        assert_eq!(
            next_due(std::slice::from_ref(&a), &[], 90),
            Some((d(2026, 3, 1), Basis::Agreed))
        );
        a.next_review = None;
        assert_eq!(
            next_due(&[a], &[], 90),
            Some((d(2026, 4, 10), Basis::Interval))
        );
    }

    #[test]
    fn the_first_review_is_due_an_interval_after_the_plan_started() {
        let objectives = vec![
            objective(5, "Raise my CSAT", d(2026, 2, 1)),
            objective(6, "Cut my AHT", d(2026, 1, 2)),
        ];
        assert_eq!(
            next_due(&[], &objectives, 30),
            Some((d(2026, 2, 1), Basis::FirstReview))
        );
        assert_eq!(due(&[], &[], 90, d(2026, 5, 1)), Due::Nothing);
        assert!(due(&[], &objectives, 30, d(2026, 2, 2)).is_overdue());
    }

    #[test]
    fn due_rules_around_the_date() {
        let due_on = d(2026, 3, 1);
        assert_eq!(
            Due::at(due_on, d(2026, 1, 1)),
            Due::Later {
                date: due_on,
                days: 59
            }
        );
        assert_eq!(
            Due::at(due_on, d(2026, 2, 15)),
            Due::Soon {
                date: due_on,
                days: 14
            }
        );
        assert_eq!(Due::at(due_on, due_on), Due::Today { date: due_on });
        assert!(
            !Due::at(due_on, due_on).is_overdue(),
            "due today is not late"
        );
        assert_eq!(
            Due::at(due_on, d(2026, 3, 2)),
            Due::Overdue {
                date: due_on,
                days: 1
            }
        );
        assert_eq!(
            Due::at(due_on, d(2026, 3, 4)).describe(),
            "overdue by 3 days (was due 1 Mar 2026)"
        );
        assert_eq!(
            Due::at(due_on, d(2026, 2, 28)).describe(),
            "due tomorrow, 1 Mar 2026"
        );
    }

    #[test]
    fn a_correction_stands_in_place_of_the_review_it_corrects() {
        let a = review(1, d(2026, 1, 10));
        let b = review(2, d(2026, 4, 10));
        let mut c = review(3, d(2026, 4, 10));
        c.corrects = Some(b.id.clone());
        c.next_review = Some(d(2026, 7, 1));
        let all = vec![a.clone(), b.clone(), c.clone()];
        let ids: Vec<&Id> = standing(&all).iter().map(|r| &r.id).collect();
        assert_eq!(ids, vec![&a.id, &c.id]);
        assert_eq!(last(&all).map(|r| &r.id), Some(&c.id));
        assert_eq!(corrected_by(&all, &b.id).map(|r| &r.id), Some(&c.id));
        // The correction and the review it corrects both follow `a`.
        assert_eq!(previous(&all, &c).map(|r| &r.id), Some(&a.id));
        assert_eq!(previous(&all, &b).map(|r| &r.id), Some(&a.id));
        assert_eq!(previous(&all, &a), None);
        assert_eq!(
            next_due(&all, &[], 90),
            Some((d(2026, 7, 1), Basis::Agreed))
        );
    }

    #[test]
    fn a_late_correction_of_an_old_review_does_not_become_the_last() {
        let a = review(1, d(2026, 1, 10));
        let b = review(2, d(2026, 4, 10));
        // Written after b, but about the January review.
        let mut c = review(3, d(2026, 1, 10));
        c.corrects = Some(a.id.clone());
        let all = vec![a, b.clone(), c.clone()];
        assert_eq!(last(&all).map(|r| &r.id), Some(&b.id));
        assert_eq!(previous(&all, &b).map(|r| &r.id), Some(&c.id));
        assert_eq!(previous(&all, &c), None);
    }

    #[test]
    fn of_two_corrections_of_one_review_the_newer_stands() {
        let a = review(1, d(2026, 1, 10));
        let mut c1 = review(2, d(2026, 1, 10));
        c1.corrects = Some(a.id.clone());
        let mut c2 = review(3, d(2026, 1, 10));
        c2.corrects = Some(a.id.clone());
        let all = vec![a, c1, c2.clone()];
        let ids: Vec<&Id> = standing(&all).iter().map(|r| &r.id).collect();
        assert_eq!(ids, vec![&c2.id]);
    }

    #[test]
    fn gaps_between_reviews() {
        let all = vec![
            review(1, d(2026, 1, 1)),
            review(2, d(2026, 3, 2)),
            review(3, d(2026, 7, 1)),
        ];
        assert_eq!(
            gaps(&all),
            vec![
                (d(2026, 1, 1), d(2026, 3, 2), 60),
                (d(2026, 3, 2), d(2026, 7, 1), 121)
            ]
        );
    }
}
