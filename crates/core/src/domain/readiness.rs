//! Portfolio readiness: the examiners' marking points (DOMAIN.md, "Portfolio
//! readiness") as rules a program can apply. Each verdict says pass or fail in
//! plain words, names the records behind it and what would satisfy the rule,
//! so the learner sees what is missing before the assessor does.

use super::coverage::{self, CoverageState};
use super::refs::RecordRef;
use super::{
    ActivityCategory, CriteriaSet, FeedbackSource, KpiReading, NeedKind, NeedSource, Objective,
    ObjectiveStatus, Records, Valence, WorkspaceHeader, privacy,
};
use chrono::NaiveDate;
use std::collections::BTreeSet;

/// One readiness rule: a stable id (for `starlog check --json` and scripts),
/// its number in DOMAIN.md and a short title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub number: u8,
    pub id: &'static str,
    pub title: &'static str,
}

/// The rules, in DOMAIN.md's order.
pub const RULES: [Rule; 10] = [
    Rule {
        number: 1,
        id: "self-assessment",
        title: "Self-assessment against job role and service standards",
    },
    Rule {
        number: 2,
        id: "smart-objectives",
        title: "Every objective is SMART and linked to a need",
    },
    Rule {
        number: 3,
        id: "development-activities",
        title: "Formal and informal development activities with their impact",
    },
    Rule {
        number: 4,
        id: "self-study",
        title: "Three self-study resources, each applied",
    },
    Rule {
        number: 5,
        id: "feedback",
        title: "Feedback from three sources, acted upon",
    },
    Rule {
        number: 6,
        id: "review-cycle",
        title: "Regular, dated reviews that update the plan",
    },
    Rule {
        number: 7,
        id: "reflective-log",
        title: "A reflective log kept over time",
    },
    Rule {
        number: 8,
        id: "measures",
        title: "KPI and feedback measures, before and after",
    },
    Rule {
        number: 9,
        id: "criteria-evidence",
        title: "Evidence for every assessment criterion",
    },
    Rule {
        number: 10,
        id: "personal-data",
        title: "No customer personal data",
    },
];

/// A rule applied to a workspace.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub rule: Rule,
    pub passed: bool,
    /// What was found, in plain words.
    pub message: String,
    /// The records behind the verdict: the ones at fault when it fails, the
    /// ones that satisfy it when it passes.
    pub records: Vec<RecordRef>,
    /// What would satisfy the rule (when it fails: the next step).
    pub satisfy: String,
}

/// The SMART check of an objective: one reason per failing letter, empty
/// when it passes. Passed in so this module needs no copy of the check.
pub type SmartCheck<'a> = &'a dyn Fn(&Objective, NaiveDate) -> Vec<String>;

/// The plan's SMART check (`domain::smart`) as the rules read it: one
/// "letter: reason" per failing letter.
pub fn smart_letters(o: &Objective, today: NaiveDate) -> Vec<String> {
    super::smart::check(o, today)
        .letters
        .iter()
        .filter(|c| !c.passes())
        .map(|c| {
            let reason = c.flags.first().map(|f| f.reason.as_str()).unwrap_or("");
            format!("{}: {reason}", c.letter.initial())
        })
        .collect()
}

/// Everything the rules look at.
pub struct Portfolio<'a> {
    pub header: &'a WorkspaceHeader,
    pub records: &'a Records,
    /// The learner's criteria set; `None` when none is chosen or it is unknown.
    pub criteria: Option<&'a CriteriaSet>,
    pub today: NaiveDate,
    pub smart: SmartCheck<'a>,
}

/// At least this many complete STAR entries make a reflective log...
pub const MIN_STAR_ENTRIES: usize = 3;
/// ...spread over at least this many days.
pub const MIN_LOG_DAYS: i64 = 30;

/// Applies every rule.
pub fn check(p: &Portfolio) -> Vec<Verdict> {
    check_with(p, None)
}

/// Applies every rule, reusing `coverage` of the learner's criteria set when
/// the caller has already worked it out.
pub fn check_with(p: &Portfolio, coverage: Option<&coverage::Coverage>) -> Vec<Verdict> {
    vec![
        self_assessment(p),
        smart_objectives(p),
        development_activities(p),
        self_study(p),
        feedback(p),
        review_cycle(p),
        reflective_log(p),
        measures(p),
        criteria_evidence(p, coverage),
        personal_data(p),
    ]
}

/// How many verdicts passed.
pub fn passed(verdicts: &[Verdict]) -> usize {
    verdicts.iter().filter(|v| v.passed).count()
}

fn verdict(
    number: u8,
    problems: Vec<String>,
    ok: String,
    records: Vec<RecordRef>,
    satisfy: &str,
) -> Verdict {
    let rule = RULES[usize::from(number) - 1];
    let passed = problems.is_empty();
    Verdict {
        rule,
        passed,
        message: if passed { ok } else { problems.join("; ") },
        records,
        satisfy: satisfy.to_string(),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn self_assessment(p: &Portfolio) -> Verdict {
    let needs = &p.records.needs;
    let satisfy = "Record your self-assessment on the Plan screen: at least one strength and one area to improve, identified from three sources or more, including your job role (job description, competency framework or appraisal) and your service standards";
    let mut problems = Vec::new();
    if needs.is_empty() {
        problems.push("no self-assessment recorded yet".to_string());
        return verdict(1, problems, String::new(), Vec::new(), satisfy);
    }
    if !needs.iter().any(|n| n.kind == NeedKind::Strength) {
        problems.push("no strength named".into());
    }
    if !needs.iter().any(|n| n.kind == NeedKind::Gap) {
        problems.push("no area to improve named".into());
    }
    let mut sources: Vec<NeedSource> = Vec::new();
    for s in needs.iter().flat_map(|n| n.identified_from.iter().copied()) {
        if !sources.contains(&s) {
            sources.push(s);
        }
    }
    if sources.len() < 3 {
        problems.push(format!(
            "drawn from {} (three sources or more wanted)",
            plural(sources.len(), "source", "sources")
        ));
    }
    let job = [
        NeedSource::JobDescription,
        NeedSource::CompetencyFramework,
        NeedSource::Appraisal,
    ];
    if !sources.iter().any(|s| job.contains(s)) {
        problems.push("nothing compared with your job role (job description, competency framework or appraisal)".into());
    }
    if !sources.contains(&NeedSource::ServiceStandard) {
        problems.push("nothing compared with your service standards".into());
    }
    if p.header.profile.job_role.trim().is_empty() {
        problems.push("your job role is not in your profile".into());
    }
    let strengths = needs
        .iter()
        .filter(|n| n.kind == NeedKind::Strength)
        .count();
    let ok = format!(
        "{} and {} from {} sources",
        plural(strengths, "strength", "strengths"),
        plural(
            needs.len() - strengths,
            "area to improve",
            "areas to improve"
        ),
        sources.len()
    );
    let records = needs.iter().map(|n| n.to_ref()).collect();
    verdict(1, problems, ok, records, satisfy)
}

fn smart_objectives(p: &Portfolio) -> Verdict {
    let satisfy = "Make each objective pass the SMART check (the Plan screen explains each letter) and link it to the development need it serves";
    let live: Vec<&Objective> = p
        .records
        .objectives
        .iter()
        .filter(|o| o.status != ObjectiveStatus::Dropped)
        .collect();
    if live.is_empty() {
        return verdict(
            2,
            vec!["no objectives in your plan yet".into()],
            String::new(),
            Vec::new(),
            satisfy,
        );
    }
    let mut problems = Vec::new();
    let mut at_fault = Vec::new();
    for o in &live {
        let fails = (p.smart)(o, p.today);
        let linked = o
            .needs
            .iter()
            .any(|id| p.records.needs.iter().any(|n| &n.id == id));
        let mut why = Vec::new();
        if !fails.is_empty() {
            let letters: Vec<&str> = fails.iter().filter_map(|f| f.split(':').next()).collect();
            why.push(format!("fails SMART ({})", letters.join(", ")));
        }
        if !linked {
            why.push("no development need behind it".into());
        }
        if !why.is_empty() {
            problems.push(format!("“{}” {}", o.to_ref().title, why.join(" and ")));
            at_fault.push(o.to_ref());
        }
    }
    let ok = format!(
        "{} SMART, each linked to a need",
        plural(live.len(), "objective is", "objectives are")
    );
    let records = if at_fault.is_empty() {
        live.iter().map(|o| o.to_ref()).collect()
    } else {
        at_fault
    };
    verdict(2, problems, ok, records, satisfy)
}

fn has_impact(a: &super::Activity) -> bool {
    !a.impact.behaviour.trim().is_empty()
        || !a.impact.results.trim().is_empty()
        || !a.applied.trim().is_empty()
}

fn distinct_key(a: &super::Activity) -> String {
    a.title.trim().to_lowercase()
}

fn development_activities(p: &Portfolio) -> Verdict {
    let satisfy = "Log at least two development activities, one formal (course, e-learning) and one informal (coaching, shadowing, on-the-job), and describe for each what you now do differently with customers";
    let acts: Vec<&super::Activity> = p
        .records
        .activities
        .iter()
        .filter(|a| a.kind.category() != ActivityCategory::SelfStudy)
        .collect();
    let distinct: BTreeSet<String> = acts.iter().map(|a| distinct_key(a)).collect();
    let formal = acts
        .iter()
        .any(|a| a.kind.category() == ActivityCategory::Formal);
    let informal = acts
        .iter()
        .any(|a| a.kind.category() == ActivityCategory::Informal);
    let mut problems = Vec::new();
    if distinct.len() < 2 {
        problems.push(format!(
            "{} logged (two or more wanted)",
            plural(distinct.len(), "activity", "activities")
        ));
    }
    if !formal {
        problems.push("no formal activity".into());
    }
    if !informal {
        problems.push("no informal activity".into());
    }
    let no_impact: Vec<RecordRef> = acts
        .iter()
        .filter(|a| !has_impact(a))
        .map(|a| a.to_ref())
        .collect();
    if !no_impact.is_empty() {
        problems.push(format!(
            "{} without its impact on customer service",
            plural(no_impact.len(), "activity", "activities")
        ));
    }
    let ok = format!(
        "{}, formal and informal, each with its impact",
        plural(distinct.len(), "activity", "activities")
    );
    let records = if no_impact.is_empty() {
        acts.iter().map(|a| a.to_ref()).collect()
    } else {
        no_impact
    };
    verdict(3, problems, ok, records, satisfy)
}

fn self_study(p: &Portfolio) -> Verdict {
    let satisfy = "Log at least three different self-study resources (reading, online course, video, industry publication) and say for each how you applied it with real customers";
    let acts: Vec<&super::Activity> = p
        .records
        .activities
        .iter()
        .filter(|a| a.kind.category() == ActivityCategory::SelfStudy)
        .collect();
    let resource = |a: &super::Activity| {
        let r = a.resource.trim().to_lowercase();
        if r.is_empty() { distinct_key(a) } else { r }
    };
    let distinct: BTreeSet<String> = acts.iter().map(|a| resource(a)).collect();
    let unapplied: Vec<RecordRef> = acts
        .iter()
        .filter(|a| a.applied.trim().is_empty())
        .map(|a| a.to_ref())
        .collect();
    let mut problems = Vec::new();
    if distinct.len() < 3 {
        problems.push(format!(
            "{} (three or more wanted)",
            plural(
                distinct.len(),
                "self-study resource",
                "self-study resources"
            )
        ));
    }
    if !unapplied.is_empty() {
        problems.push(format!(
            "{} without how you applied it",
            plural(unapplied.len(), "resource", "resources")
        ));
    }
    let ok = format!(
        "{}, each applied",
        plural(
            distinct.len(),
            "self-study resource",
            "self-study resources"
        )
    );
    let records = if unapplied.is_empty() {
        acts.iter().map(|a| a.to_ref()).collect()
    } else {
        unapplied
    };
    verdict(4, problems, ok, records, satisfy)
}

fn feedback(p: &Portfolio) -> Verdict {
    let satisfy = "Get feedback from at least three kinds of source (customers, colleagues, your manager, a mentor...) and give every constructive or negative item a reflection and the action you took";
    let fb = &p.records.feedback;
    let sources: BTreeSet<FeedbackSource> = fb
        .iter()
        .map(|f| f.source)
        .filter(|s| *s != FeedbackSource::SelfAssessment)
        .collect();
    let mut problems = Vec::new();
    if sources.len() < 3 {
        problems.push(format!(
            "feedback from {} (three or more wanted)",
            plural(sources.len(), "kind of source", "kinds of source")
        ));
    }
    let unanswered: Vec<RecordRef> = fb
        .iter()
        .filter(|f| f.valence != Valence::Positive)
        .filter(|f| f.reflection.trim().is_empty() || f.action.trim().is_empty())
        .map(|f| f.to_ref())
        .collect();
    if !unanswered.is_empty() {
        problems.push(format!(
            "{} without a reflection and an action",
            plural(
                unanswered.len(),
                "constructive or negative item",
                "constructive or negative items"
            )
        ));
    }
    let labels: Vec<&str> = sources.iter().map(|s| s.label()).collect();
    let ok = format!(
        "{} from {}; every critical item reflected on and acted upon",
        plural(fb.len(), "item", "items"),
        labels.join(", ")
    );
    let records = if unanswered.is_empty() {
        fb.iter().map(|f| f.to_ref()).collect()
    } else {
        unanswered
    };
    verdict(5, problems, ok, records, satisfy)
}

fn review_cycle(p: &Portfolio) -> Verdict {
    let interval = i64::from(p.header.settings.review_interval_days.max(1));
    let satisfy = format!(
        "Hold a dated review with your manager or assessor at least every {interval} days, give a reason for every change to the plan, and update the plan at a review at least once"
    );
    let reviews = &p.records.reviews;
    if reviews.is_empty() {
        return verdict(
            6,
            vec!["no reviews held yet".into()],
            String::new(),
            Vec::new(),
            &satisfy,
        );
    }
    let mut problems = Vec::new();
    let mut at_fault = Vec::new();
    for pair in reviews.windows(2) {
        let gap = (pair[1].date() - pair[0].date()).num_days();
        if gap > interval {
            problems.push(format!(
                "{gap} days between the reviews of {} and {}",
                pair[0].date(),
                pair[1].date()
            ));
            at_fault.push(pair[1].to_ref());
        }
    }
    if let Some(last) = reviews.last() {
        let since = (p.today - last.date()).num_days();
        if since > interval {
            problems.push(format!("the last review was {since} days ago"));
            at_fault.push(last.to_ref());
        }
    }
    let unjustified: Vec<&super::Review> = reviews
        .iter()
        .filter(|r| {
            r.changes
                .iter()
                .any(|c| c.outcome.is_change() && c.reason.trim().is_empty())
        })
        .collect();
    if !unjustified.is_empty() {
        problems.push(format!(
            "{} a change without a reason",
            plural(unjustified.len(), "review has", "reviews have")
        ));
        at_fault.extend(unjustified.iter().map(|r| r.to_ref()));
    }
    let updated = reviews
        .iter()
        .skip(1)
        .any(|r| r.changes.iter().any(|c| c.outcome.is_change()));
    if !updated {
        problems.push("the plan has not been updated at a review since it was agreed".into());
    }
    let ok = format!(
        "{}, none more than {interval} days apart, every change explained",
        plural(reviews.len(), "review", "reviews")
    );
    let records = if at_fault.is_empty() {
        reviews.iter().map(|r| r.to_ref()).collect()
    } else {
        at_fault
    };
    verdict(6, problems, ok, records, &satisfy)
}

fn reflective_log(p: &Portfolio) -> Verdict {
    let satisfy = format!(
        "Keep writing STAR reflections (Situation, Task, Action, Result all filled in): {MIN_STAR_ENTRIES} or more, spread over at least {MIN_LOG_DAYS} days"
    );
    let complete: Vec<&super::DiaryEntry> = p
        .records
        .diary
        .iter()
        .filter(|e| e.is_complete_star())
        .collect();
    let incomplete: Vec<RecordRef> = p
        .records
        .diary
        .iter()
        .filter(|e| e.is_star() && !e.is_complete_star())
        .map(|e| e.to_ref())
        .collect();
    let first = complete.iter().map(|e| e.date).min();
    let last = complete.iter().map(|e| e.date).max();
    let span = match (first, last) {
        (Some(a), Some(b)) => (b - a).num_days(),
        _ => 0,
    };
    let mut problems = Vec::new();
    if complete.len() < MIN_STAR_ENTRIES {
        problems.push(format!(
            "{} ({MIN_STAR_ENTRIES} or more wanted)",
            plural(
                complete.len(),
                "complete STAR entry",
                "complete STAR entries"
            )
        ));
    } else if span < MIN_LOG_DAYS {
        problems.push(format!(
            "your complete entries span {} ({MIN_LOG_DAYS} or more wanted)",
            plural(span as usize, "day", "days")
        ));
    }
    let mut ok = format!(
        "{} from {} to {}",
        plural(
            complete.len(),
            "complete STAR entry",
            "complete STAR entries"
        ),
        first.map(|d| d.to_string()).unwrap_or_default(),
        last.map(|d| d.to_string()).unwrap_or_default()
    );
    if !incomplete.is_empty() {
        let note = format!(
            "{} still to complete",
            plural(incomplete.len(), "STAR entry", "STAR entries")
        );
        ok.push_str("; ");
        ok.push_str(&note);
        if !problems.is_empty() {
            problems.push(note);
        }
    }
    let records = if incomplete.is_empty() {
        complete.iter().map(|e| e.to_ref()).collect()
    } else {
        incomplete
    };
    verdict(7, problems, ok, records, &satisfy)
}

/// A KPI before and after an objective's development activities.
#[derive(Debug, Clone, PartialEq)]
pub struct BeforeAfter<'a> {
    pub objective: &'a Objective,
    pub metric: String,
    /// The first activity's day: readings on or before it are "before".
    pub from: NaiveDate,
    /// The last activity's day.
    pub to: NaiveDate,
    pub before: &'a KpiReading,
    pub after: &'a KpiReading,
}

/// The KPI `objective` moves, read before its first activity and at the
/// latest reading after it; `None` when there is no such pair.
pub fn before_after<'a>(objective: &'a Objective, records: &'a Records) -> Option<BeforeAfter<'a>> {
    let metric = if objective.measure.kpi.trim().is_empty() {
        records
            .kpis
            .iter()
            .find(|k| k.objective.as_ref() == Some(&objective.id))?
            .metric_name()
    } else {
        let m = objective.measure.kpi.trim();
        super::kpi::known_metric(m)
            .map(|k| k.0.to_string())
            .unwrap_or_else(|| m.to_string())
    };
    let days: Vec<NaiveDate> = records
        .activities
        .iter()
        .filter(|a| a.objectives.contains(&objective.id))
        .map(|a| a.date)
        .collect();
    let from = *days.iter().min()?;
    let to = *days.iter().max()?;
    let readings: Vec<&KpiReading> = records
        .kpis
        .iter()
        .filter(|k| k.metric_name().eq_ignore_ascii_case(&metric))
        .filter(|k| k.objective.as_ref().is_none_or(|o| o == &objective.id))
        .collect();
    let before = readings
        .iter()
        .filter(|k| k.date <= from)
        .max_by_key(|k| k.date)?;
    let after = readings
        .iter()
        .filter(|k| k.date > from)
        .max_by_key(|k| k.date)?;
    Some(BeforeAfter {
        objective,
        metric,
        from,
        to,
        before,
        after,
    })
}

fn measures(p: &Portfolio) -> Verdict {
    let satisfy = "Record KPI readings (CSAT, FCR...) before and after the activities of an objective (set the objective's KPI in its measure), and keep the feedback that shows the change";
    let r = p.records;
    let mut problems = Vec::new();
    let mut metrics: Vec<String> = r.kpis.iter().map(|k| k.metric_name()).collect();
    metrics.sort();
    metrics.dedup();
    let series = metrics
        .iter()
        .filter(|m| r.kpis.iter().filter(|k| &k.metric_name() == *m).count() >= 2)
        .count();
    if series == 0 {
        problems.push("no KPI with two readings or more".to_string());
    }
    if r.feedback.is_empty() {
        problems.push("no feedback recorded".into());
    }
    let pairs: Vec<BeforeAfter> = r
        .objectives
        .iter()
        .filter_map(|o| before_after(o, r))
        .collect();
    if pairs.is_empty() {
        problems.push("no objective has a KPI reading before and after its activities".into());
    }
    let ok = pairs
        .first()
        .map(|b| {
            format!(
                "{} {} before, {} after “{}”",
                b.metric,
                super::kpi::fmt_number(b.before.value),
                super::kpi::fmt_number(b.after.value),
                b.objective.to_ref().title
            )
        })
        .unwrap_or_default();
    let mut records: Vec<RecordRef> = Vec::new();
    for b in &pairs {
        records.push(b.objective.to_ref());
        records.push(b.before.to_ref());
        records.push(b.after.to_ref());
    }
    verdict(8, problems, ok, records, satisfy)
}

fn criteria_evidence(p: &Portfolio, known: Option<&coverage::Coverage>) -> Verdict {
    let Some(set) = p.criteria else {
        return verdict(
            9,
            vec!["no criteria set chosen".into()],
            String::new(),
            Vec::new(),
            "Choose the unit you are assessed on in your profile",
        );
    };
    let computed;
    let cov = match known.filter(|c| c.set_id == set.id) {
        Some(c) => c,
        None => {
            computed = coverage::coverage(set, p.records);
            &computed
        }
    };
    let missing: Vec<&str> = cov
        .in_state(CoverageState::None)
        .map(|c| c.id.as_str())
        .collect();
    let claimed: Vec<&str> = cov
        .in_state(CoverageState::Claimed)
        .map(|c| c.id.as_str())
        .collect();
    let mut problems = Vec::new();
    if !missing.is_empty() {
        problems.push(format!("no evidence for {}", missing.join(", ")));
    }
    let mut ok = format!("all {} criteria have evidence", cov.criteria.len());
    if !claimed.is_empty() {
        ok.push_str(&format!(" ({} only claimed so far)", claimed.join(", ")));
    }
    if !cov.over_mapped.is_empty() {
        ok.push_str(&format!(
            "; {} mapped to {} criteria or more",
            plural(cov.over_mapped.len(), "record is", "records are"),
            coverage::OVER_MAPPED_AT
        ));
    }
    let mut records: Vec<RecordRef> = cov
        .criteria
        .iter()
        .flat_map(|c| c.evidence.iter())
        .filter(|e| !e.substantive)
        .map(|e| e.record.clone())
        .collect();
    records.extend(cov.over_mapped.iter().map(|o| o.record.clone()));
    records.dedup();
    verdict(
        9,
        problems,
        ok,
        records,
        &format!(
            "Link at least one record to each criterion of {} (the Criteria field of each form)",
            set.title
        ),
    )
}

fn personal_data(p: &Portfolio) -> Verdict {
    let hits = privacy::scan(p.records);
    let mut problems = Vec::new();
    if !hits.is_empty() {
        let mut kinds: Vec<&str> = hits.iter().map(|h| h.kind.label()).collect();
        kinds.sort();
        kinds.dedup();
        problems.push(format!(
            "{} that may be a customer's ({})",
            plural(hits.len(), "detail", "details"),
            kinds.join(", ")
        ));
    }
    let mut records: Vec<RecordRef> = hits.iter().map(|h| h.record.clone()).collect();
    records.dedup();
    verdict(
        10,
        problems,
        "no e-mail addresses, phone numbers, card numbers or postcodes found".into(),
        records,
        "Remove customers' e-mail addresses, phone numbers, card numbers and postcodes from your records, or export with --redact to replace them with placeholders",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::*;
    use crate::domain::*;

    fn verdicts(records: &Records) -> Vec<Verdict> {
        verdicts_with(records, &header())
    }

    fn verdicts_with(records: &Records, header: &WorkspaceHeader) -> Vec<Verdict> {
        let set = unit();
        check(&Portfolio {
            header,
            records,
            criteria: Some(&set),
            today: today(),
            smart: &smart,
        })
    }

    fn rule(records: &Records, id: &str) -> Verdict {
        verdicts(records)
            .into_iter()
            .find(|v| v.rule.id == id)
            .expect("rule exists")
    }

    fn failing(records: &Records) -> Vec<&'static str> {
        verdicts(records)
            .into_iter()
            .filter(|v| !v.passed)
            .map(|v| v.rule.id)
            .collect()
    }

    #[test]
    fn the_ready_workspace_passes_every_rule() {
        let all = verdicts(&ready());
        for v in &all {
            assert!(v.passed, "{}: {}", v.rule.id, v.message);
            assert!(!v.satisfy.is_empty());
        }
        assert_eq!(passed(&all), 10);
    }

    #[test]
    fn the_plans_smart_check_is_read_letter_by_letter() {
        let mut o = ready().objectives[0].clone();
        o.statement = "Improve my communication skills".into();
        o.measure = Measure::default();
        o.target_date = None;
        let letters: Vec<String> = smart_letters(&o, today())
            .iter()
            .map(|f| f[..1].to_string())
            .collect();
        for l in ["S", "M", "T"] {
            assert!(letters.contains(&l.to_string()), "{letters:?}");
        }
    }

    #[test]
    fn rule_ids_are_stable_and_unique() {
        let ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        assert_eq!(
            ids,
            [
                "self-assessment",
                "smart-objectives",
                "development-activities",
                "self-study",
                "feedback",
                "review-cycle",
                "reflective-log",
                "measures",
                "criteria-evidence",
                "personal-data"
            ]
        );
        for (i, r) in RULES.iter().enumerate() {
            assert_eq!(usize::from(r.number), i + 1);
        }
    }

    #[test]
    fn an_empty_workspace_fails_every_rule_but_personal_data() {
        let r = Records::default();
        assert_eq!(
            failing(&r),
            [
                "self-assessment",
                "smart-objectives",
                "development-activities",
                "self-study",
                "feedback",
                "review-cycle",
                "reflective-log",
                "measures",
                "criteria-evidence"
            ]
        );
    }

    #[test]
    fn self_assessment_needs_three_sources_a_strength_and_the_job_role() {
        let mut r = ready();
        r.needs[1].identified_from = vec![NeedSource::Appraisal];
        let v = rule(&r, "self-assessment");
        assert!(!v.passed);
        assert!(v.message.contains("2 sources"), "{}", v.message);
        assert_eq!(v.records.len(), 2);

        let mut r = ready();
        r.needs.retain(|n| n.kind == NeedKind::Gap);
        assert!(rule(&r, "self-assessment").message.contains("no strength"));

        let mut h = header();
        h.profile.job_role.clear();
        let v = verdicts_with(&ready(), &h).remove(0);
        assert!(!v.passed);
        assert!(v.message.contains("job role"));

        let mut r = ready();
        for n in &mut r.needs {
            n.identified_from
                .retain(|s| *s != NeedSource::ServiceStandard);
            n.identified_from.push(NeedSource::SelfReflection);
        }
        assert!(
            rule(&r, "self-assessment")
                .message
                .contains("service standards")
        );
    }

    #[test]
    fn objectives_must_be_smart_and_linked_to_a_need() {
        let mut r = ready();
        r.objectives[0].statement = "Improve my communication skills".into();
        let v = rule(&r, "smart-objectives");
        assert!(!v.passed);
        assert!(v.message.contains("fails SMART (M)"), "{}", v.message);
        assert_eq!(v.records[0].id, r.objectives[0].id);

        let mut r = ready();
        r.objectives[0].needs = vec![id(99)]; // a need that does not exist
        assert!(
            rule(&r, "smart-objectives")
                .message
                .contains("no development need")
        );

        let mut r = ready();
        r.objectives[0].status = ObjectiveStatus::Dropped;
        assert!(
            rule(&r, "smart-objectives")
                .message
                .contains("no objectives")
        );
    }

    #[test]
    fn activities_need_formal_and_informal_with_impact() {
        let mut r = ready();
        r.activities.retain(|a| a.kind != ActivityKind::Shadowing);
        let v = rule(&r, "development-activities");
        assert!(!v.passed);
        assert!(v.message.contains("no informal activity"), "{}", v.message);

        let mut r = ready();
        let course = r
            .activities
            .iter_mut()
            .find(|a| a.kind == ActivityKind::Course)
            .expect("course");
        course.impact.behaviour.clear();
        course.applied.clear();
        let course_id = course.id.clone();
        let v = rule(&r, "development-activities");
        assert!(!v.passed);
        assert_eq!(v.records.len(), 1);
        assert_eq!(v.records[0].id, course_id);
    }

    #[test]
    fn self_study_needs_three_distinct_resources_each_applied() {
        let mut r = ready();
        for a in &mut r.activities {
            if a.kind.category() == ActivityCategory::SelfStudy {
                a.resource = "The same book".into();
            }
        }
        let v = rule(&r, "self-study");
        assert!(!v.passed);
        assert!(v.message.contains("1 self-study resource"), "{}", v.message);

        let mut r = ready();
        let video = r
            .activities
            .iter_mut()
            .find(|a| a.kind == ActivityKind::Video)
            .expect("video");
        video.applied.clear();
        let v = rule(&r, "self-study");
        assert!(!v.passed);
        assert!(v.message.contains("without how you applied it"));
    }

    #[test]
    fn feedback_needs_three_sources_and_answers_to_criticism() {
        let mut r = ready();
        r.feedback.retain(|f| f.source != FeedbackSource::Manager);
        r.feedback
            .push(feedback_from(33, FeedbackSource::SelfAssessment));
        let v = rule(&r, "feedback");
        assert!(!v.passed, "self-assessment is not a third source");

        let mut r = ready();
        let critical = r
            .feedback
            .iter_mut()
            .find(|f| f.valence == Valence::Constructive)
            .expect("constructive");
        critical.action.clear();
        let v = rule(&r, "feedback");
        assert!(!v.passed);
        assert!(v.message.contains("without a reflection and an action"));
        assert_eq!(v.records.len(), 1);
    }

    #[test]
    fn reviews_must_be_regular_justified_and_update_the_plan() {
        let mut r = ready();
        r.reviews[1].held = at(day(2026, 5, 20)); // 120 days after the first
        let v = rule(&r, "review-cycle");
        assert!(!v.passed);
        assert!(v.message.contains("120 days between"), "{}", v.message);

        let mut r = ready();
        r.reviews[1].changes[0].reason.clear();
        assert!(
            rule(&r, "review-cycle")
                .message
                .contains("without a reason")
        );

        let mut r = ready();
        r.reviews.truncate(1);
        let v = rule(&r, "review-cycle");
        assert!(v.message.contains("has not been updated"), "{}", v.message);

        // Overdue: the last review long before today.
        let r = ready();
        let set = unit();
        let later = check(&Portfolio {
            header: &header(),
            records: &r,
            criteria: Some(&set),
            today: day(2026, 9, 1),
            smart: &smart,
        });
        assert!(
            later[5]
                .message
                .contains("the last review was 139 days ago")
        );

        // A longer interval in the settings is honoured.
        let mut h = header();
        h.settings.review_interval_days = 200;
        assert!(verdicts_with(&r, &h)[5].passed);
    }

    #[test]
    fn the_reflective_log_needs_complete_entries_over_time() {
        let mut r = ready();
        r.diary[0].action.clear();
        let v = rule(&r, "reflective-log");
        assert!(!v.passed);
        assert!(
            v.message.contains("2 complete STAR entries"),
            "{}",
            v.message
        );
        assert_eq!(v.records.len(), 1, "the incomplete entry is named");

        let mut r = ready();
        for e in &mut r.diary {
            e.date = day(2026, 4, 20);
        }
        assert!(rule(&r, "reflective-log").message.contains("span 0 days"));
    }

    #[test]
    fn measures_need_a_kpi_before_and_after_an_objectives_activities() {
        let v = rule(&ready(), "measures");
        assert!(
            v.message.starts_with("CSAT 82 before, 87 after"),
            "{}",
            v.message
        );
        assert_eq!(v.records.len(), 3);

        let mut r = ready();
        r.kpis.retain(|k| k.date > day(2026, 2, 1));
        assert!(
            rule(&r, "measures")
                .message
                .contains("no objective has a KPI reading before")
        );

        let mut r = ready();
        r.feedback.clear();
        assert!(rule(&r, "measures").message.contains("no feedback"));
    }

    #[test]
    fn every_criterion_needs_evidence() {
        let mut r = ready();
        for rv in &mut r.reviews {
            rv.criteria.clear();
        }
        let v = rule(&r, "criteria-evidence");
        assert!(!v.passed);
        assert_eq!(v.message, "no evidence for 2.4");

        let set = unit();
        let none = check(&Portfolio {
            header: &header(),
            records: &ready(),
            criteria: None,
            today: today(),
            smart: &smart,
        });
        assert!(!none[8].passed);
        assert!(set.get("2.4").is_some());
    }

    #[test]
    fn customer_details_fail_the_personal_data_rule() {
        let mut r = ready();
        r.diary[1].situation = "Mrs K rang from 07700 900123 about her bill.".into();
        let v = rule(&r, "personal-data");
        assert!(!v.passed);
        assert!(v.message.contains("phone number"));
        assert_eq!(v.records[0].id, r.diary[1].id);
    }
}

#[cfg(test)]
mod demo_tests {
    use super::*;
    use crate::domain::testkit::unit;

    #[test]
    fn the_demo_workspace_passes_most_rules_but_not_all() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid");
        let (header, records) = crate::demo::story(today);
        let set = unit();
        let all = check(&Portfolio {
            header: &header,
            records: &records,
            criteria: Some(&set),
            today,
            smart: &smart_letters,
        });
        let n = passed(&all);
        let feedback = &all[4];
        assert!(
            !feedback.passed,
            "the demo leaves two critical items unanswered"
        );
        assert_eq!(feedback.records.len(), 2);
        assert!((7..10).contains(&n), "{n} of 10 passed");
    }
}
