//! Builders for the domain's unit tests: single records, and a small
//! workspace that meets every readiness rule, for tests to break one at a time.

use super::*;
use chrono::{DateTime, FixedOffset, NaiveDate};

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test day")
}

pub fn at(d: NaiveDate) -> DateTime<FixedOffset> {
    let s = format!("{d}T10:00:00+00:00");
    DateTime::parse_from_rfc3339(&s).expect("valid test moment")
}

pub fn id(n: u8) -> Id {
    Id::from_parts(u64::from(n) * 1000, [n; 10])
}

pub fn unit() -> CriteriaSet {
    crate::assets::criteria_set("").expect("the default criteria set")
}

pub fn star_entry(n: u8, date: NaiveDate) -> DiaryEntry {
    let mut e = DiaryEntry::new(id(n), date, at(date));
    e.situation = "A customer rang about a catch-up bill after two estimated reads.".into();
    e.task = "I had to explain the bill and agree a payment plan.".into();
    e.action = "I listened, apologised, read the meter history with her and set up a plan.".into();
    e.result = "She agreed a 6-month plan and thanked me; no escalation.".into();
    e.reflection = "Walking through the history first calmed her down.".into();
    e
}

pub fn need(n: u8, kind: NeedKind, from: &[NeedSource]) -> DevelopmentNeed {
    let date = day(2026, 1, 10);
    DevelopmentNeed {
        format: FORMAT,
        id: id(n),
        date,
        created: at(date),
        updated: at(date),
        area: format!("Area {n}"),
        kind,
        identified_from: from.to_vec(),
        evidence: "CSAT 82% against the 85% service standard.".into(),
        agreed_with: "Team leader".into(),
        criteria: vec!["1.1".into(), "1.2".into()],
    }
}

pub fn objective(n: u8, needs: &[Id]) -> Objective {
    let date = day(2026, 1, 20);
    Objective {
        format: FORMAT,
        id: id(n),
        created: at(date),
        updated: at(date),
        statement: "Raise my CSAT from 82% to 88% by 31 July using HEAT on complaint calls".into(),
        measure: Measure {
            baseline: "82%".into(),
            target: "88%".into(),
            how: "monthly CSAT report".into(),
            kpi: "CSAT".into(),
        },
        support: "Coaching from my team leader".into(),
        relevance: "Complaints are most of my calls".into(),
        serves: String::new(),
        needs: needs.to_vec(),
        criteria: vec!["2.1".into(), "1.3".into()],
        target_date: Some(day(2026, 7, 31)),
        review_date: Some(day(2026, 4, 30)),
        status: ObjectiveStatus::InProgress,
        progress: Vec::new(),
    }
}

pub fn activity(n: u8, kind: ActivityKind, date: NaiveDate, objective: Option<&Id>) -> Activity {
    Activity {
        format: FORMAT,
        id: id(n),
        date,
        created: at(date),
        updated: at(date),
        kind,
        title: format!("Activity {n}"),
        resource: format!("Resource {n}"),
        hours: 2.0,
        objectives: objective.into_iter().cloned().collect(),
        impact: Impact {
            reaction: "Useful.".into(),
            learning: "The HEAT steps.".into(),
            behaviour: "I now let the customer finish before I offer a fix.".into(),
            results: String::new(),
        },
        applied: "Used it on three complaint calls that week.".into(),
        effectiveness: String::new(),
        method_suited: None,
        criteria: vec!["2.2".into()],
    }
}

pub fn feedback_from(n: u8, source: FeedbackSource) -> Feedback {
    let date = day(2026, 3, 1);
    Feedback {
        format: FORMAT,
        id: id(n),
        date,
        created: at(date),
        updated: at(date),
        source,
        method: FeedbackMethod::Observation,
        who: String::new(),
        role: String::new(),
        text: "You jump to the fix before the customer feels heard.".into(),
        valence: Valence::Constructive,
        state: FeedbackState::Actioned,
        reflection: "Fair: I rush when the queue is long.".into(),
        action: "Added 'let them finish' to my objective.".into(),
        objectives: Vec::new(),
        entries: Vec::new(),
        tags: Vec::new(),
        criteria: vec!["2.3".into()],
        activity: None,
    }
}

pub fn kpi(n: u8, metric: &str, date: NaiveDate, value: f64) -> KpiReading {
    KpiReading {
        format: FORMAT,
        id: id(n),
        metric: metric.into(),
        date,
        created: at(date),
        value,
        target: Some(88.0),
        unit: String::new(),
        note: String::new(),
        objective: None,
        better: None,
    }
}

pub fn review(n: u8, date: NaiveDate, changes: Vec<ObjectiveChange>) -> Review {
    Review {
        format: FORMAT,
        id: id(n),
        held: at(date),
        participants: vec![Participant {
            name: "Gareth Evans".into(),
            role: "team leader".into(),
        }],
        summary: "Went through the plan.".into(),
        changes,
        next_review: None,
        corrects: None,
        plan: Vec::new(),
        criteria: vec!["2.4".into()],
    }
}

pub fn change(objective: &Id, outcome: Outcome, reason: &str) -> ObjectiveChange {
    ObjectiveChange {
        objective: objective.clone(),
        outcome,
        reason: reason.into(),
    }
}

/// The day the ready workspace is checked on.
pub fn today() -> NaiveDate {
    day(2026, 6, 1)
}

/// A header for a learner with a job role.
pub fn header() -> WorkspaceHeader {
    let mut h = WorkspaceHeader::default();
    h.profile.name = "Sam Test".into();
    h.profile.job_role = "Customer Service Adviser".into();
    h.onboarded = true;
    h
}

/// A small workspace that meets every readiness rule on [`today`].
pub fn ready() -> Records {
    let gap = need(
        1,
        NeedKind::Gap,
        &[NeedSource::Appraisal, NeedSource::ServiceStandard],
    );
    let strength = need(2, NeedKind::Strength, &[NeedSource::Feedback]);
    let obj = objective(10, std::slice::from_ref(&gap.id));
    let mut activities = vec![
        activity(20, ActivityKind::Course, day(2026, 2, 1), Some(&obj.id)),
        activity(21, ActivityKind::Shadowing, day(2026, 2, 15), Some(&obj.id)),
        activity(22, ActivityKind::Reading, day(2026, 3, 1), None),
        activity(23, ActivityKind::Video, day(2026, 3, 5), None),
        activity(24, ActivityKind::OnlineCourse, day(2026, 3, 9), None),
    ];
    activities[4].criteria.push("3".into());
    for a in &mut activities {
        a.objectives = vec![obj.id.clone()];
        a.effectiveness = "It worked: I use what it taught me on most complaint calls.".into();
    }
    let mut fb = vec![
        feedback_from(30, FeedbackSource::Customer),
        feedback_from(31, FeedbackSource::Colleague),
        feedback_from(32, FeedbackSource::Manager),
    ];
    fb[0].valence = Valence::Positive;
    fb[0].method = FeedbackMethod::Survey;
    fb[0].objectives = vec![obj.id.clone()];
    fb[0].reflection.clear();
    fb[0].action.clear();
    let mut diary = vec![
        star_entry(40, day(2026, 2, 3)),
        star_entry(41, day(2026, 3, 10)),
        star_entry(42, day(2026, 4, 20)),
    ];
    diary[0].criteria = vec!["1.1".into(), "3".into()];
    let reviews = vec![
        review(
            50,
            day(2026, 1, 20),
            vec![change(&obj.id, Outcome::Added, "CSAT below standard")],
        ),
        review(
            51,
            day(2026, 4, 15),
            vec![change(
                &obj.id,
                Outcome::Revised,
                "Target date moved after two weeks off",
            )],
        ),
    ];
    let kpis = vec![
        kpi(60, "CSAT", day(2026, 1, 31), 82.0),
        kpi(61, "CSAT", day(2026, 3, 31), 85.5),
        kpi(62, "CSAT", day(2026, 4, 30), 87.0),
    ];
    activities[1].method_suited = Some(true);
    let mut r = Records {
        diary,
        needs: vec![gap, strength],
        objectives: vec![obj],
        activities,
        feedback: fb,
        kpis,
        reviews,
        practice: practice_set(day(2026, 3, 20)),
        ..Records::default()
    };
    r.sort();
    r
}

/// One practice record of `kind`, every part written.
pub fn practice(n: u8, kind: PracticeKind, name: &str, date: NaiveDate) -> Practice {
    let mut p = Practice::new(id(n), kind, date, at(date));
    p.name = name.into();
    for (i, (label, _)) in kind.parts().iter().enumerate() {
        if !label.is_empty() {
            *p.part_mut(i) = format!("{label} of {name}: written in full.");
        }
    }
    p
}

/// Everything the unit asks beyond the plan, at any level: three
/// behaviours, two skills, two leadership styles, a learning preference, a
/// barrier and the five knowledge points.
pub fn practice_set(date: NaiveDate) -> Vec<Practice> {
    use PracticeKind::*;
    let mut out = vec![
        practice(100, Professionalism, "Punctuality", date),
        practice(101, Professionalism, "Appropriate language", date),
        practice(102, Professionalism, "Following policy", date),
        practice(103, Skill, "Active listening", date),
        practice(104, Skill, "Problem-solving", date),
        practice(105, Leadership, "Coaching", date),
        practice(106, Leadership, "Autocratic", date),
        practice(107, LearningPreference, "VAK", date),
        practice(108, Barrier, "Time", date),
    ];
    for (n, (key, _)) in super::practice::KNOWLEDGE_POINTS.iter().enumerate() {
        out.push(practice(110 + n as u8, Knowledge, key, date));
    }
    out
}

/// A SMART check for tests: an objective without a number is not measurable.
pub fn smart(o: &Objective, _today: NaiveDate) -> Vec<String> {
    if o.statement.chars().any(|c| c.is_ascii_digit()) {
        Vec::new()
    } else {
        vec!["M: no number or measure".into()]
    }
}
