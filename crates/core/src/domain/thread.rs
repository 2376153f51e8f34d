//! The golden thread: need -> objective -> activities -> feedback and diary
//! entries on them. Assessors follow these links through a portfolio; this
//! module follows them through the records and names the gaps.

use std::collections::HashSet;

use super::{
    Activity, ActivityCategory, ActivityKind, DevelopmentNeed, DiaryEntry, Feedback, Id, NeedKind,
    Objective, ObjectiveStatus, Records,
};

/// A break in the golden thread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gap {
    /// An objective that answers no development need.
    ObjectiveWithoutNeed(Id),
    /// An area to improve that no live objective serves.
    NeedWithoutObjective(Id),
    /// An objective with no development activity logged against it.
    ObjectiveWithoutActivity(Id),
    /// An objective links to a need that is not in the workspace.
    MissingNeed { objective: Id, need: Id },
}

impl Gap {
    /// What the learner reads, given the records to name things by.
    pub fn message(&self, records: &Records) -> String {
        let statement = |id: &Id| {
            records
                .objective(id)
                .map(|o| format!("\"{}\"", o.statement))
                .unwrap_or_else(|| id.to_string())
        };
        match self {
            Gap::ObjectiveWithoutNeed(id) => format!(
                "Objective {} has no development need behind it: link the need it answers",
                statement(id)
            ),
            Gap::NeedWithoutObjective(id) => {
                let area = records
                    .needs
                    .iter()
                    .find(|n| &n.id == id)
                    .map(|n| n.area.as_str())
                    .unwrap_or("?");
                format!("Need \"{area}\" has no objective serving it: add one")
            }
            Gap::ObjectiveWithoutActivity(id) => format!(
                "Objective {} has no development activity yet: log what you did",
                statement(id)
            ),
            Gap::MissingNeed { objective, need } => format!(
                "Objective {} links to need {need}, which is not in this workspace",
                statement(objective)
            ),
        }
    }
}

/// Objectives that count towards the thread: a dropped one no longer serves
/// a need and needs no activities.
fn live(o: &Objective) -> bool {
    o.status != ObjectiveStatus::Dropped
}

/// The gaps of one objective.
pub fn objective_gaps(records: &Records, o: &Objective) -> Vec<Gap> {
    let mut gaps = Vec::new();
    if !live(o) {
        return gaps;
    }
    if o.needs.is_empty() {
        gaps.push(Gap::ObjectiveWithoutNeed(o.id.clone()));
    }
    for need in &o.needs {
        if !records.needs.iter().any(|n| &n.id == need) {
            gaps.push(Gap::MissingNeed {
                objective: o.id.clone(),
                need: need.clone(),
            });
        }
    }
    if !records
        .activities
        .iter()
        .any(|a| a.objectives.contains(&o.id))
    {
        gaps.push(Gap::ObjectiveWithoutActivity(o.id.clone()));
    }
    gaps
}

/// The gaps of one need: only an area to improve needs an objective.
pub fn need_gaps(records: &Records, n: &DevelopmentNeed) -> Vec<Gap> {
    let served = records
        .objectives
        .iter()
        .any(|o| live(o) && o.needs.contains(&n.id));
    if n.kind == NeedKind::Gap && !served {
        vec![Gap::NeedWithoutObjective(n.id.clone())]
    } else {
        Vec::new()
    }
}

/// Every gap in the workspace: objectives first (in list order), then needs.
/// Drawn on every frame of the Plan screen, so it indexes the links once
/// rather than searching the lists for each record.
pub fn gaps(records: &Records) -> Vec<Gap> {
    let need_ids: HashSet<&Id> = records.needs.iter().map(|n| &n.id).collect();
    let with_activity: HashSet<&Id> = records
        .activities
        .iter()
        .flat_map(|a| a.objectives.iter())
        .collect();
    let served: HashSet<&Id> = records
        .objectives
        .iter()
        .filter(|o| live(o))
        .flat_map(|o| o.needs.iter())
        .collect();
    let mut out = Vec::new();
    for o in records.objectives.iter().filter(|o| live(o)) {
        if o.needs.is_empty() {
            out.push(Gap::ObjectiveWithoutNeed(o.id.clone()));
        }
        for need in o.needs.iter().filter(|n| !need_ids.contains(n)) {
            out.push(Gap::MissingNeed {
                objective: o.id.clone(),
                need: need.clone(),
            });
        }
        if !with_activity.contains(&o.id) {
            out.push(Gap::ObjectiveWithoutActivity(o.id.clone()));
        }
    }
    for n in &records.needs {
        if n.kind == NeedKind::Gap && !served.contains(&n.id) {
            out.push(Gap::NeedWithoutObjective(n.id.clone()));
        }
    }
    out
}

/// Everything linked to one objective, both ways along the thread.
#[derive(Debug, Clone)]
pub struct ObjectiveThread<'a> {
    pub objective: &'a Objective,
    pub needs: Vec<&'a DevelopmentNeed>,
    pub activities: Vec<&'a Activity>,
    pub diary: Vec<&'a DiaryEntry>,
    pub feedback: Vec<&'a Feedback>,
    pub gaps: Vec<Gap>,
}

/// The feedback about the activity `id` (feedback on the development
/// activities themselves), oldest first.
pub fn feedback_on<'a>(records: &'a Records, id: &Id) -> Vec<&'a Feedback> {
    let mut about: Vec<&Feedback> = records
        .feedback
        .iter()
        .filter(|f| f.activity.as_ref() == Some(id))
        .collect();
    about.sort_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
    about
}

/// The thread through `objective`.
pub fn objective_thread<'a>(records: &'a Records, objective: &'a Objective) -> ObjectiveThread<'a> {
    let id = &objective.id;
    ObjectiveThread {
        objective,
        needs: records
            .needs
            .iter()
            .filter(|n| objective.needs.contains(&n.id))
            .collect(),
        activities: records
            .activities
            .iter()
            .filter(|a| a.objectives.contains(id))
            .collect(),
        diary: records
            .diary
            .iter()
            .filter(|e| e.objectives.contains(id))
            .collect(),
        feedback: records
            .feedback
            .iter()
            .filter(|f| f.objectives.contains(id))
            .collect(),
        gaps: objective_gaps(records, objective),
    }
}

/// A need and the objectives that serve it.
#[derive(Debug, Clone)]
pub struct NeedThread<'a> {
    pub need: &'a DevelopmentNeed,
    pub objectives: Vec<&'a Objective>,
    pub gaps: Vec<Gap>,
}

pub fn need_thread<'a>(records: &'a Records, need: &'a DevelopmentNeed) -> NeedThread<'a> {
    NeedThread {
        need,
        objectives: records
            .objectives
            .iter()
            .filter(|o| o.needs.contains(&need.id))
            .collect(),
        gaps: need_gaps(records, need),
    }
}

/// Hours logged per kind of activity, in the order of `ActivityKind::ALL`,
/// kinds with no activity left out.
pub fn hours_by_kind(activities: &[Activity]) -> Vec<(ActivityKind, f64)> {
    ActivityKind::ALL
        .iter()
        .filter_map(|kind| {
            let of_kind: Vec<&Activity> = activities.iter().filter(|a| a.kind == *kind).collect();
            (!of_kind.is_empty()).then(|| (*kind, of_kind.iter().map(|a| a.hours).sum()))
        })
        .collect()
}

/// Hours per broad category (formal, informal, self-study), all three
/// always present.
pub fn hours_by_category(activities: &[Activity]) -> [(ActivityCategory, f64); 3] {
    let sum = |c: ActivityCategory| {
        activities
            .iter()
            .filter(|a| a.kind.category() == c)
            .map(|a| a.hours)
            .sum()
    };
    [
        (ActivityCategory::Formal, sum(ActivityCategory::Formal)),
        (ActivityCategory::Informal, sum(ActivityCategory::Informal)),
        (
            ActivityCategory::SelfStudy,
            sum(ActivityCategory::SelfStudy),
        ),
    ]
}

/// Shows hours without a needless ".0" ("7 h", "1.5 h").
pub fn format_hours(hours: f64) -> String {
    if (hours - hours.round()).abs() < 0.01 {
        format!("{} h", hours.round() as i64)
    } else {
        format!("{:.1} h", hours)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Impact, Measure};
    use chrono::{DateTime, FixedOffset, NaiveDate};

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-23T10:00:00+00:00").expect("test time")
    }

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 1).expect("test date")
    }

    fn need(area: &str, kind: NeedKind) -> DevelopmentNeed {
        DevelopmentNeed {
            format: 1,
            id: Id::generate(),
            date: day(),
            created: now(),
            updated: now(),
            area: area.into(),
            kind,
            identified_from: Vec::new(),
            evidence: String::new(),
            agreed_with: String::new(),
            criteria: Vec::new(),
        }
    }

    fn objective(statement: &str, needs: &[&DevelopmentNeed]) -> Objective {
        Objective {
            format: 1,
            id: Id::generate(),
            created: now(),
            updated: now(),
            statement: statement.into(),
            measure: Measure::default(),
            support: String::new(),
            relevance: String::new(),
            serves: String::new(),
            needs: needs.iter().map(|n| n.id.clone()).collect(),
            criteria: Vec::new(),
            target_date: None,
            review_date: None,
            status: ObjectiveStatus::InProgress,
            progress: Vec::new(),
        }
    }

    fn activity(kind: ActivityKind, hours: f64, objectives: &[&Objective]) -> Activity {
        Activity {
            format: 1,
            id: Id::generate(),
            date: day(),
            created: now(),
            updated: now(),
            kind,
            title: format!("{} session", kind.label()),
            resource: String::new(),
            hours,
            objectives: objectives.iter().map(|o| o.id.clone()).collect(),
            impact: Impact::default(),
            applied: String::new(),
            effectiveness: String::new(),
            method_suited: None,
            criteria: Vec::new(),
        }
    }

    #[test]
    fn a_complete_thread_has_no_gaps() {
        let n = need("Handling angry callers", NeedKind::Gap);
        let o = objective("Raise CSAT", &[&n]);
        let a = activity(ActivityKind::Course, 7.0, &[&o]);
        let records = Records {
            needs: vec![n],
            objectives: vec![o],
            activities: vec![a],
            ..Records::default()
        };
        assert_eq!(gaps(&records), Vec::new());
    }

    #[test]
    fn each_kind_of_gap_is_found() {
        let served = need("Billing disputes", NeedKind::Gap);
        let unserved = need("Writing emails", NeedKind::Gap);
        let strength = need("Patience with vulnerable customers", NeedKind::Strength);
        let orphan = objective("Learn the new CRM", &[]);
        let idle = objective("Raise FCR", &[&served]);
        let records = Records {
            needs: vec![served, unserved.clone(), strength],
            objectives: vec![orphan.clone(), idle.clone()],
            ..Records::default()
        };
        assert_eq!(
            gaps(&records),
            vec![
                Gap::ObjectiveWithoutNeed(orphan.id.clone()),
                Gap::ObjectiveWithoutActivity(orphan.id.clone()),
                Gap::ObjectiveWithoutActivity(idle.id.clone()),
                Gap::NeedWithoutObjective(unserved.id.clone()),
            ]
        );
        let text = Gap::NeedWithoutObjective(unserved.id).message(&records);
        assert_eq!(
            text,
            "Need \"Writing emails\" has no objective serving it: add one"
        );
        let text = Gap::ObjectiveWithoutNeed(orphan.id).message(&records);
        assert!(text.contains("\"Learn the new CRM\" has no development need"));
    }

    #[test]
    fn a_dropped_objective_serves_nothing_and_needs_nothing() {
        let n = need("Billing disputes", NeedKind::Gap);
        let mut o = objective("Raise FCR", &[&n]);
        o.status = ObjectiveStatus::Dropped;
        let records = Records {
            needs: vec![n.clone()],
            objectives: vec![o],
            ..Records::default()
        };
        assert_eq!(gaps(&records), vec![Gap::NeedWithoutObjective(n.id)]);
    }

    #[test]
    fn a_link_to_a_missing_need_is_a_gap() {
        let gone = need("Deleted", NeedKind::Gap);
        let o = objective("Raise FCR", &[&gone]);
        let a = activity(ActivityKind::Coaching, 1.0, &[&o]);
        let records = Records {
            objectives: vec![o.clone()],
            activities: vec![a],
            ..Records::default()
        };
        assert_eq!(
            gaps(&records),
            vec![Gap::MissingNeed {
                objective: o.id,
                need: gone.id
            }]
        );
    }

    #[test]
    fn the_thread_from_an_objective_and_from_a_need() {
        let n = need("Billing disputes", NeedKind::Gap);
        let o = objective("Raise FCR", &[&n]);
        let other = objective("Other", &[]);
        let a = activity(ActivityKind::Shadowing, 3.5, &[&o]);
        let unrelated = activity(ActivityKind::Reading, 1.0, &[&other]);
        let mut entry = DiaryEntry::new(Id::generate(), day(), now());
        entry.objectives = vec![o.id.clone()];
        let records = Records {
            needs: vec![n.clone()],
            objectives: vec![o.clone(), other],
            activities: vec![a.clone(), unrelated],
            diary: vec![entry.clone()],
            ..Records::default()
        };
        let t = objective_thread(&records, &records.objectives[0]);
        assert_eq!(t.needs, vec![&n]);
        assert_eq!(t.activities, vec![&a]);
        assert_eq!(t.diary, vec![&entry]);
        assert!(t.feedback.is_empty());
        assert!(t.gaps.is_empty());
        let t = need_thread(&records, &records.needs[0]);
        assert_eq!(t.objectives, vec![&o]);
        assert!(t.gaps.is_empty());
    }

    #[test]
    fn the_whole_workspace_agrees_with_each_record() {
        let (_, mut records) =
            crate::demo::story(NaiveDate::from_ymd_opt(2026, 11, 23).expect("date"));
        // Add one of each gap to the demo's complete thread.
        let unserved = need("Using the new CRM", NeedKind::Gap);
        let gone = need("Deleted", NeedKind::Gap);
        records.objectives.push(objective("Learn the CRM", &[]));
        records.objectives.push(objective("Raise FCR", &[&gone]));
        records.needs.push(unserved);
        let mut one_by_one: Vec<Gap> = records
            .objectives
            .iter()
            .flat_map(|o| objective_gaps(&records, o))
            .collect();
        one_by_one.extend(records.needs.iter().flat_map(|n| need_gaps(&records, n)));
        assert_eq!(one_by_one.len(), 5, "{one_by_one:?}");
        assert_eq!(gaps(&records), one_by_one);
    }

    #[test]
    fn hours_add_up_by_kind_and_category() {
        let o = objective("x", &[]);
        let acts = vec![
            activity(ActivityKind::Course, 7.0, &[&o]),
            activity(ActivityKind::Reading, 1.5, &[&o]),
            activity(ActivityKind::Course, 3.0, &[&o]),
            activity(ActivityKind::Shadowing, 4.0, &[&o]),
            activity(ActivityKind::Video, 0.5, &[&o]),
        ];
        assert_eq!(
            hours_by_kind(&acts),
            vec![
                (ActivityKind::Course, 10.0),
                (ActivityKind::Shadowing, 4.0),
                (ActivityKind::Reading, 1.5),
                (ActivityKind::Video, 0.5),
            ]
        );
        assert_eq!(
            hours_by_category(&acts),
            [
                (ActivityCategory::Formal, 10.0),
                (ActivityCategory::Informal, 4.0),
                (ActivityCategory::SelfStudy, 2.0),
            ]
        );
        assert_eq!(format_hours(10.0), "10 h");
        assert_eq!(format_hours(1.5), "1.5 h");
    }
}
