//! The review timeline: reviews as milestones, with the diary entries,
//! feedback, activities, KPI readings and changes of role between them
//! grouped per period.
//!
//! Something dated on the day of a review belongs to the period that review
//! closes (it was there to be discussed). Corrected reviews are not
//! milestones of their own: they hang off the correction that replaces them.

use super::super::{Activity, DiaryEntry, Feedback, KpiReading, Practice, PracticeKind, Records};
use super::{Review, cycle};
use chrono::NaiveDate;

/// One dated thing that happened between reviews.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Event<'a> {
    Diary(&'a DiaryEntry),
    Feedback(&'a Feedback),
    Activity(&'a Activity),
    Kpi(&'a KpiReading),
    /// A change of role (a practice record of that kind): it prompts a
    /// review of the plan, so it is always shown in its period.
    RoleChange(&'a Practice),
}

impl Event<'_> {
    pub fn date(&self) -> NaiveDate {
        match self {
            Event::Diary(e) => e.date,
            Event::Feedback(f) => f.date,
            Event::Activity(a) => a.date,
            Event::Kpi(k) => k.date,
            Event::RoleChange(p) => p.date,
        }
    }

    /// What kind of thing it is, in a learner's words.
    pub fn kind(&self) -> &'static str {
        match self {
            Event::Diary(_) => "diary",
            Event::Feedback(_) => "feedback",
            Event::Activity(_) => "activity",
            Event::Kpi(_) => "KPI",
            Event::RoleChange(_) => "role",
        }
    }

    /// One line about it: a headline, a source, a title or a figure.
    pub fn headline(&self) -> String {
        match self {
            Event::Diary(e) => e.headline().to_string(),
            Event::Feedback(f) => {
                let who = if f.who.trim().is_empty() {
                    f.source.label().to_string()
                } else {
                    f.who.trim().to_string()
                };
                format!(
                    "{} from {who}: {}",
                    f.valence.label(),
                    super::first_line(&f.text)
                )
            }
            Event::Activity(a) => format!("{}: {}", a.kind.label(), a.title.trim()),
            Event::Kpi(k) => {
                let unit = if k.unit.trim().is_empty() {
                    String::new()
                } else {
                    format!(" {}", k.unit.trim())
                };
                match k.target {
                    Some(t) => format!("{} {}{unit} (target {})", k.metric, k.value, t),
                    None => format!("{} {}{unit}", k.metric, k.value),
                }
            }
            Event::RoleChange(p) => format!("Role changed to {}", p.name.trim()),
        }
    }

    fn order_key(&self) -> u8 {
        match self {
            Event::Diary(_) => 0,
            Event::Feedback(_) => 1,
            Event::Activity(_) => 2,
            Event::Kpi(_) => 3,
            Event::RoleChange(_) => 4,
        }
    }

    fn is_role_change(&self) -> bool {
        matches!(self, Event::RoleChange(_))
    }
}

/// How many of each kind a period holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub diary: usize,
    pub feedback: usize,
    pub activities: usize,
    pub kpis: usize,
    pub role_changes: usize,
}

impl Counts {
    pub fn total(&self) -> usize {
        self.diary + self.feedback + self.activities + self.kpis + self.role_changes
    }

    /// "4 diary entries, 1 feedback item, 2 KPI readings" (kinds with none left out).
    pub fn describe(&self) -> String {
        let part = |n: usize, one: &str, many: &str| match n {
            0 => None,
            1 => Some(format!("1 {one}")),
            n => Some(format!("{n} {many}")),
        };
        let parts: Vec<String> = [
            part(self.diary, "diary entry", "diary entries"),
            part(self.feedback, "feedback item", "feedback items"),
            part(self.activities, "activity", "activities"),
            part(self.kpis, "KPI reading", "KPI readings"),
            part(self.role_changes, "role change", "role changes"),
        ]
        .into_iter()
        .flatten()
        .collect();
        if parts.is_empty() {
            "nothing recorded".to_string()
        } else {
            parts.join(", ")
        }
    }
}

/// The time between two reviews, and the review that closes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Period<'a> {
    /// The review that opened the period (`None` before the first review).
    pub since: Option<&'a Review>,
    /// The review that closed it (`None`: the period still running today).
    pub review: Option<&'a Review>,
    /// Reviews the closing review corrects (shown with it, never alone).
    pub corrected: Vec<&'a Review>,
    /// How many of each kind of event it holds.
    pub counts: Counts,
    /// Its newest events, newest first (on one day: diary, feedback,
    /// activities, KPIs, role changes), as many as asked for, and every
    /// change of role in it besides.
    pub newest: Vec<Event<'a>>,
}

/// Newest first; on one day in a fixed order of kinds.
fn newer(a: &Event<'_>, b: &Event<'_>) -> bool {
    (a.date(), std::cmp::Reverse(a.order_key())) > (b.date(), std::cmp::Reverse(b.order_key()))
}

/// The timeline, newest period first, each with its counts and its `keep`
/// newest events. The first period is the one still running (since the last
/// review) when anything happened since, or when there is no review; the rest
/// each end with a review. One pass over the records: a 100,000-entry diary
/// costs no more than its length, whatever `keep` is kept small.
pub fn periods(records: &Records, keep: usize) -> Vec<Period<'_>> {
    let standing = cycle::standing(&records.reviews);
    // The reviews a standing review replaces: the chain it corrects, and
    // older corrections of the same reviews.
    let corrected = |r: &Review| -> Vec<&Review> {
        let mut out: Vec<&Review> = Vec::new();
        let mut target = r.corrects.as_ref();
        // Bounded: a hand-edited loop of corrections must not hang the app.
        for _ in 0..records.reviews.len() {
            let Some(id) = target else { break };
            for c in records.reviews.iter() {
                let replaced = &c.id == id || (c.corrects.as_ref() == Some(id) && c.id != r.id);
                if replaced && !out.iter().any(|o| o.id == c.id) {
                    out.push(c);
                }
            }
            target = records
                .reviews
                .iter()
                .find(|o| &o.id == id)
                .and_then(|o| o.corrects.as_ref());
        }
        out
    };
    // Oldest first while filling: period i ends with standing[i]; the last
    // slot is the running period after the last review.
    let mut slots: Vec<Period<'_>> = (0..=standing.len())
        .map(|i| Period {
            since: i.checked_sub(1).map(|j| standing[j]),
            review: standing.get(i).copied(),
            corrected: standing.get(i).map(|r| corrected(r)).unwrap_or_default(),
            counts: Counts::default(),
            newest: Vec::new(),
        })
        .collect();
    let ends: Vec<NaiveDate> = standing.iter().map(|r| r.date()).collect();
    let events = records
        .diary
        .iter()
        .map(Event::Diary)
        .chain(records.feedback.iter().map(Event::Feedback))
        .chain(records.activities.iter().map(Event::Activity))
        .chain(records.kpis.iter().map(Event::Kpi))
        .chain(
            records
                .practice
                .iter()
                .filter(|p| p.kind == PracticeKind::RoleChange)
                .map(Event::RoleChange),
        );
    for event in events {
        // Something on a review's day belongs to the period that review closes.
        let slot = &mut slots[ends.partition_point(|end| *end < event.date())];
        match event {
            Event::Diary(_) => slot.counts.diary += 1,
            Event::Feedback(_) => slot.counts.feedback += 1,
            Event::Activity(_) => slot.counts.activities += 1,
            Event::Kpi(_) => slot.counts.kpis += 1,
            Event::RoleChange(_) => slot.counts.role_changes += 1,
        }
        // The `keep` newest of the rest, and every role change besides.
        let oldest_plain = slot.newest.iter().rposition(|e| !e.is_role_change());
        let full = slot.newest.iter().filter(|e| !e.is_role_change()).count() >= keep;
        if keep == 0
            || (!event.is_role_change()
                && full
                && oldest_plain.is_some_and(|i| !newer(&event, &slot.newest[i])))
        {
            continue;
        }
        let at = slot.newest.partition_point(|e| !newer(&event, e));
        slot.newest.insert(at, event);
        if slot.newest.iter().filter(|e| !e.is_role_change()).count() > keep
            && let Some(i) = slot.newest.iter().rposition(|e| !e.is_role_change())
        {
            slot.newest.remove(i);
        }
    }
    let running_is_empty = slots.last().is_some_and(|p| p.counts.total() == 0);
    if running_is_empty && !standing.is_empty() {
        slots.pop();
    }
    slots.reverse();
    slots
}

/// Every review in timeline order, newest first: each standing review
/// followed by the reviews it replaces. Every review appears exactly once
/// (a hand-made loop of corrections is listed at the end, oldest first).
pub fn display_order(reviews: &[Review]) -> Vec<&Review> {
    let records = Records {
        reviews: reviews.to_vec(),
        ..Records::default()
    };
    let mut out: Vec<&Review> = Vec::with_capacity(reviews.len());
    let find = |id: &super::super::Id| reviews.iter().find(|r| &r.id == id);
    for p in periods(&records, 0) {
        let Some(r) = p.review.and_then(|r| find(&r.id)) else {
            continue;
        };
        for r in std::iter::once(r).chain(p.corrected.iter().filter_map(|c| find(&c.id))) {
            if !out.iter().any(|o| o.id == r.id) {
                out.push(r);
            }
        }
    }
    for r in reviews {
        if !out.iter().any(|o| o.id == r.id) {
            out.push(r);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;
    use crate::domain::Id;

    fn entry(n: u64, date: NaiveDate, text: &str) -> DiaryEntry {
        let mut e = DiaryEntry::new(id(n), date, held(date));
        e.text = text.into();
        e
    }

    fn kpi(n: u64, date: NaiveDate, value: f64) -> KpiReading {
        KpiReading {
            format: 1,
            id: id(n),
            metric: "CSAT".into(),
            date,
            created: held(date),
            value,
            target: Some(88.0),
            unit: String::new(),
            note: String::new(),
            objective: None,
            better: None,
        }
    }

    fn ids<'a>(p: &'a Period<'_>) -> Vec<&'a Id> {
        p.newest
            .iter()
            .map(|e| match e {
                Event::Diary(x) => &x.id,
                Event::Feedback(x) => &x.id,
                Event::Activity(x) => &x.id,
                Event::Kpi(x) => &x.id,
                Event::RoleChange(x) => &x.id,
            })
            .collect()
    }

    #[test]
    fn a_role_change_is_an_event_of_its_period_even_when_the_period_is_full() {
        let first = review(10, d(2026, 1, 10));
        let mut role = Practice::new(
            id(20),
            PracticeKind::RoleChange,
            d(2026, 2, 1),
            held(d(2026, 2, 1)),
        );
        role.name = "Team leader (acting)".into();
        let mut skill = Practice::new(
            id(21),
            PracticeKind::Skill,
            d(2026, 2, 2),
            held(d(2026, 2, 2)),
        );
        skill.name = "Teamwork".into();
        let records = Records {
            diary: vec![
                entry(1, d(2026, 3, 1), "Newer"),
                entry(2, d(2026, 3, 2), "Newest"),
            ],
            practice: vec![role.clone(), skill],
            reviews: vec![first],
            ..Records::default()
        };
        let p = periods(&records, 2);
        assert_eq!(p[0].counts.role_changes, 1, "only the role change counts");
        assert_eq!(p[0].counts.describe(), "2 diary entries, 1 role change");
        assert_eq!(
            ids(&p[0]),
            vec![&id(2), &id(1), &id(20)],
            "kept beyond the two newest"
        );
        assert_eq!(
            p[0].newest[2].headline(),
            "Role changed to Team leader (acting)"
        );
        assert_eq!(p[0].newest[2].kind(), "role");
    }

    #[test]
    fn events_are_grouped_between_reviews_newest_first() {
        let first = review(10, d(2026, 1, 10));
        let second = review(11, d(2026, 4, 10));
        let records = Records {
            diary: vec![
                entry(1, d(2026, 1, 2), "Before the first review"),
                entry(2, d(2026, 1, 10), "The day of the first review"),
                entry(3, d(2026, 2, 1), "Between"),
                entry(4, d(2026, 5, 1), "After the last review"),
            ],
            kpis: vec![kpi(5, d(2026, 3, 31), 86.0)],
            reviews: vec![second.clone(), first.clone()],
            ..Records::default()
        };
        let p = periods(&records, 10);
        assert_eq!(p.len(), 3);
        assert_eq!(
            (p[0].since.map(|r| &r.id), p[0].review),
            (Some(&second.id), None)
        );
        assert_eq!(ids(&p[0]), vec![&id(4)]);
        assert_eq!(p[1].review.map(|r| &r.id), Some(&second.id));
        assert_eq!(p[1].since.map(|r| &r.id), Some(&first.id));
        assert_eq!(ids(&p[1]), vec![&id(5), &id(3)]);
        assert_eq!(p[2].review.map(|r| &r.id), Some(&first.id));
        assert_eq!(p[2].since, None);
        assert_eq!(
            ids(&p[2]),
            vec![&id(2), &id(1)],
            "the review day goes with it"
        );
        assert_eq!(p[1].counts.describe(), "1 diary entry, 1 KPI reading");
    }

    #[test]
    fn nothing_since_the_last_review_means_no_running_period() {
        let first = review(10, d(2026, 1, 10));
        let records = Records {
            diary: vec![entry(1, d(2026, 1, 2), "Before")],
            reviews: vec![first],
            ..Records::default()
        };
        let p = periods(&records, 10);
        assert_eq!(p.len(), 1);
        assert!(p[0].review.is_some());
    }

    #[test]
    fn with_no_review_everything_is_in_the_running_period() {
        let records = Records {
            diary: vec![
                entry(1, d(2026, 1, 2), "One"),
                entry(2, d(2026, 1, 3), "Two"),
            ],
            ..Records::default()
        };
        let p = periods(&records, 10);
        assert_eq!(p.len(), 1);
        assert_eq!(ids(&p[0]), vec![&id(2), &id(1)]);
        assert_eq!(periods(&Records::default(), 10).len(), 1);
        assert_eq!(
            periods(&Records::default(), 10)[0].counts.describe(),
            "nothing recorded"
        );
    }

    #[test]
    fn a_corrected_review_hangs_off_its_correction() {
        let first = review(10, d(2026, 1, 10));
        let mut fix = review(11, d(2026, 1, 10));
        fix.corrects = Some(first.id.clone());
        let records = Records {
            reviews: vec![first.clone(), fix.clone()],
            ..Records::default()
        };
        let p = periods(&records, 10);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].review.map(|r| &r.id), Some(&fix.id));
        let corrected: Vec<&Id> = p[0].corrected.iter().map(|r| &r.id).collect();
        assert_eq!(corrected, vec![&first.id]);
        let second = review(12, d(2026, 4, 10));
        let all = vec![first.clone(), fix.clone(), second.clone()];
        let order: Vec<&Id> = display_order(&all).iter().map(|r| &r.id).collect();
        assert_eq!(order, vec![&second.id, &fix.id, &first.id]);
    }

    #[test]
    fn a_loop_of_corrections_still_lists_every_review() {
        let mut a = review(10, d(2026, 1, 10));
        let mut b = review(11, d(2026, 1, 10));
        a.corrects = Some(b.id.clone());
        b.corrects = Some(a.id.clone());
        let all = vec![a, b];
        assert_eq!(display_order(&all).len(), 2);
        assert_eq!(
            periods(
                &Records {
                    reviews: all.clone(),
                    ..Records::default()
                },
                5
            )
            .len(),
            1
        );
    }
}
