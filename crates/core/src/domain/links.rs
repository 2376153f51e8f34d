//! What links to a record: asked before a record others point at is moved
//! to the trash, so the learner knows which links would point at nothing.

use super::words::{and_list, count};
use super::{Id, Records};

/// How many records of each kind link to `id`, in the order the golden
/// thread runs; kinds with none are left out.
pub fn linking_to(records: &Records, id: &Id) -> Vec<(usize, &'static str, &'static str)> {
    let has = |ids: &[Id]| ids.contains(id);
    let counts = [
        (
            records.objectives.iter().filter(|o| has(&o.needs)).count(),
            "objective",
            "objectives",
        ),
        (
            records
                .activities
                .iter()
                .filter(|a| has(&a.objectives))
                .count(),
            "activity",
            "activities",
        ),
        (
            records
                .feedback
                .iter()
                .filter(|f| {
                    has(&f.objectives) || has(&f.entries) || f.activity.as_ref() == Some(id)
                })
                .count(),
            "feedback",
            "feedback",
        ),
        (
            records.diary.iter().filter(|e| has(&e.objectives)).count(),
            "entry",
            "entries",
        ),
        (
            records
                .kpis
                .iter()
                .filter(|k| k.objective.as_ref() == Some(id))
                .count(),
            "KPI reading",
            "KPI readings",
        ),
        (
            records.evidence.iter().filter(|e| has(&e.links)).count(),
            "evidence file",
            "evidence files",
        ),
        (
            records.witnesses.iter().filter(|w| has(&w.links)).count(),
            "witness statement",
            "witness statements",
        ),
        (
            records.signoffs.iter().filter(|s| &s.subject == id).count(),
            "sign-off",
            "sign-offs",
        ),
        (
            records
                .reviews
                .iter()
                .filter(|r| r.corrects.as_ref() == Some(id))
                .count(),
            "review",
            "reviews",
        ),
    ];
    counts.into_iter().filter(|(n, _, _)| *n > 0).collect()
}

/// "5 activities, 2 feedback and 3 entries link to this objective", or
/// `None` when nothing links to it. `what` is the record's label.
pub fn linking_sentence(records: &Records, id: &Id, what: &str) -> Option<String> {
    let counts = linking_to(records, id);
    if counts.is_empty() {
        return None;
    }
    let total: usize = counts.iter().map(|(n, _, _)| n).sum();
    let parts: Vec<String> = counts
        .iter()
        .map(|(n, one, many)| count(*n, one, many))
        .collect();
    let verb = if total == 1 { "links" } else { "link" };
    Some(format!("{} {verb} to this {what}", and_list(&parts)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit;
    use crate::domain::{ActivityKind, FeedbackSource};

    #[test]
    fn the_question_names_every_kind_that_links_to_an_objective() {
        let day = testkit::day(2026, 11, 20);
        let objective = testkit::objective(1, &[]);
        let o = objective.id.clone();
        let mut records = Records {
            objectives: vec![objective],
            ..Records::default()
        };
        for n in 0..5 {
            records.activities.push(testkit::activity(
                10 + n,
                ActivityKind::Shadowing,
                day,
                Some(&o),
            ));
        }
        for n in 0..2 {
            let mut f = testkit::feedback_from(20 + n, FeedbackSource::Customer);
            f.objectives.push(o.clone());
            records.feedback.push(f);
        }
        for n in 0..3 {
            let mut e = testkit::star_entry(30 + n, day);
            e.objectives.push(o.clone());
            records.diary.push(e);
        }
        for n in 0..4 {
            let mut k = testkit::kpi(40 + n, "CSAT", day, 4.0);
            k.objective = Some(o.clone());
            records.kpis.push(k);
        }
        assert_eq!(
            linking_sentence(&records, &o, "objective").as_deref(),
            Some("5 activities, 2 feedback, 3 entries and 4 KPI readings link to this objective")
        );
        let lone = testkit::id(99);
        assert_eq!(linking_sentence(&records, &lone, "objective"), None);
        records.activities.truncate(1);
        records.feedback.clear();
        records.diary.clear();
        records.kpis.clear();
        assert_eq!(
            linking_sentence(&records, &o, "objective").as_deref(),
            Some("1 activity links to this objective")
        );
    }

    #[test]
    fn trashing_an_activity_names_the_feedback_about_it() {
        let day = testkit::day(2026, 11, 20);
        let activity = testkit::activity(10, ActivityKind::Course, day, None);
        let a = activity.id.clone();
        let mut about = testkit::feedback_from(20, FeedbackSource::Manager);
        about.activity = Some(a.clone());
        let records = Records {
            activities: vec![activity],
            feedback: vec![about, testkit::feedback_from(21, FeedbackSource::Colleague)],
            ..Records::default()
        };
        assert_eq!(
            linking_sentence(&records, &a, "activity").as_deref(),
            Some("1 feedback links to this activity")
        );
    }
}
