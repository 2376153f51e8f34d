//! Builds the portfolio document from a workspace: profile, readiness,
//! criteria-to-evidence index, self-assessment, the plan with its version
//! history, reviews, activities, feedback, the reflective log, KPIs and the
//! authenticity statement.

use super::doc::{Block, Chart, Doc, Mark, Point, Span, fields, link, strong, text};
use crate::domain::coverage::{self, CoverageState};
use crate::domain::dates::Days;
use crate::domain::kpi::{self, fmt_number};
use crate::domain::readiness::SmartCheck;
use crate::domain::readiness::{self, Verdict};
use crate::domain::refs::RecordRef;
use crate::domain::{
    CriteriaSet, DiaryEntry, FeedbackState, Id, NeedKind, Objective, Records, SignOffState,
    StarPart, WitnessState, WorkspaceHeader, evidence, privacy::Redaction,
};
use chrono::{DateTime, FixedOffset, NaiveDate};
use std::collections::BTreeMap;

/// What an export is made from.
pub struct Input<'a> {
    pub header: &'a WorkspaceHeader,
    /// The records to show (already redacted when the learner asked).
    pub records: &'a Records,
    pub criteria: Option<&'a CriteriaSet>,
    pub verdicts: &'a [Verdict],
    pub today: NaiveDate,
    /// Set when customer details were replaced by placeholders.
    pub redaction: Option<&'a Redaction>,
    /// The SMART check shown under each objective.
    pub smart: SmartCheck<'a>,
    /// The bytes of each attached file that is still as attached.
    pub files: &'a BTreeMap<Id, Vec<u8>>,
    /// The records as they are on disk, before any redaction: signatures
    /// are checked against these (a placeholder is not an edit).
    pub original: &'a Records,
}

/// How every day in an exported document is written: the one `Days`
/// helper in its document style, whatever format the learner's screens use.
static DOCUMENT_DAYS: std::sync::LazyLock<Days> = std::sync::LazyLock::new(Days::document);

/// The plan's SMART check as a document states it: its advice names days
/// as the rest of the document does ("30 September 2026").
pub fn smart_advice(o: &crate::domain::Objective, today: NaiveDate) -> Vec<String> {
    crate::domain::readiness::smart_letters(o, today, &DOCUMENT_DAYS)
}

/// A day as a UK document writes it: "29 November 2026".
pub fn uk_day(d: NaiveDate) -> String {
    DOCUMENT_DAYS.day(d)
}

/// A moment as a UK document writes it: "29 November 2026, 20:48" (in the
/// offset it was recorded at).
pub fn uk_moment(m: DateTime<FixedOffset>) -> String {
    DOCUMENT_DAYS.moment(&m)
}

pub use crate::domain::words::cut_words;

/// The first non-blank line of `text`, whole.
fn first_line(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("")
        .to_string()
}

/// A record's whole title line, for links (never cut).
fn full_title(r: &Records, id: &Id) -> Option<String> {
    let first = first_line;
    match r.get(id)? {
        crate::domain::AnyRecord::Diary(e) => Some(first(e.headline())),
        crate::domain::AnyRecord::Need(n) => Some(first(&n.area)),
        crate::domain::AnyRecord::Objective(o) => Some(first(&o.statement)),
        crate::domain::AnyRecord::Activity(a) => Some(first(&a.title)),
        crate::domain::AnyRecord::Feedback(f) => Some(first(&f.text)),
        crate::domain::AnyRecord::Kpi(k) => Some(k.to_ref().title.to_string()),
        crate::domain::AnyRecord::Review(rv) => Some(review_title(r, &rv)),
        crate::domain::AnyRecord::Evidence(e) => Some(first(&e.title)),
        crate::domain::AnyRecord::Witness(w) => {
            Some(format!("witness statement by {}", w.witness.trim()))
        }
        crate::domain::AnyRecord::SignOff(s) => Some(format!("sign-off by {}", s.who())),
        crate::domain::AnyRecord::Practice(p) => Some(p.headline()),
        crate::domain::AnyRecord::Coaching(c) => Some(c.headline()),
    }
}

/// "Review of 29 November 2026", with the time when another review was held
/// that day (so no two headings read the same).
fn review_title(r: &Records, rv: &crate::domain::Review) -> String {
    let same_day = r.reviews.iter().filter(|x| x.date() == rv.date()).count() > 1;
    let what = if rv.corrects.is_some() {
        "Correction"
    } else {
        "Review"
    };
    if same_day {
        format!("{what} of {}", uk_moment(rv.held))
    } else {
        format!("{what} of {}", uk_day(rv.date()))
    }
}

/// A link to a record by its whole title.
fn link_to(r: &Records, id: &Id) -> Option<Span> {
    full_title(r, id).map(|t| link(t, anchor(id)))
}

/// Links to several records, with "; " between them.
fn links_to(r: &Records, ids: &[Id]) -> Vec<Span> {
    let mut out = Vec::new();
    for id in ids {
        // A title's own full stop would run into the separator (".;").
        if let Some(l) = full_title(r, id).map(|t| link(clause(&t), anchor(id))) {
            if !out.is_empty() {
                out.push(text("; "));
            }
            out.push(l);
        }
    }
    out
}

/// A reason as a clause inside a sentence: no full stop of its own, so
/// ". As it stood" never follows "appraisal.".
fn clause(reason: &str) -> String {
    reason.trim().trim_end_matches('.').trim_end().to_string()
}

/// The anchor of a record inside the document.
pub fn anchor(id: &Id) -> String {
    format!("r-{}", id.as_str().to_ascii_lowercase())
}

fn record_link(records: &Records, r: &RecordRef) -> Span {
    let when = r
        .date
        .map(|d| format!("{}: ", uk_day(d)))
        .unwrap_or_default();
    let title = full_title(records, &r.id).unwrap_or_else(|| r.title.to_string());
    link(format!("{when}{title}"), anchor(&r.id))
}

/// How many steps [`build`] reports through its progress callback.
pub fn steps(records: &Records) -> usize {
    records.len() + 4
}

/// Builds the document, calling `progress(done, total)` as it goes.
pub fn build(input: &Input, progress: &mut dyn FnMut(usize, usize)) -> Doc {
    let r = input.records;
    let total = steps(r);
    let mut done = 0;
    let mut tick = |n: usize, progress: &mut dyn FnMut(usize, usize)| {
        done += n;
        progress(done.min(total), total);
    };
    let p = &input.header.profile;
    let name = if p.name.trim().is_empty() {
        "the learner".to_string()
    } else {
        p.name.trim().to_string()
    };
    let mut doc = Doc {
        title: format!("Portfolio of evidence: {name}"),
        blocks: Vec::new(),
    };
    doc.heading(1, doc.title.clone(), None);
    let unit = input.criteria.map(|c| c.title.clone()).unwrap_or_default();
    doc.push(fields(vec![
        ("Learner", p.name.clone()),
        ("Job role", p.job_role.clone()),
        ("Organisation", p.organisation.clone()),
        ("Qualification", p.qualification.clone()),
        ("Level", p.level.map(|l| l.to_string()).unwrap_or_default()),
        ("Unit", unit),
        ("Exported", uk_day(input.today)),
    ]));
    if let Some(red) = input.redaction {
        doc.para(vec![
            strong("Customer details replaced."),
            text(format!(
                " {} (e-mail addresses, phone numbers, card and bank numbers, National Insurance numbers, dates of birth, addresses, postcodes) replaced with placeholders such as “Customer A” before export. The same detail always has the same placeholder.",
                match red.placeholders().len() {
                    1 => "1 customer detail was".to_string(),
                    n => format!("{n} customer details were"),
                }
            )),
        ]);
    }
    contents(&mut doc, !r.coaching.is_empty());
    readiness_section(&mut doc, input);
    index_section(&mut doc, input);
    tick(2, progress);
    needs_section(&mut doc, input);
    tick(r.needs.len(), progress);
    plan_section(&mut doc, input);
    tick(r.objectives.len(), progress);
    reviews_section(&mut doc, input);
    tick(r.reviews.len(), progress);
    activities_section(&mut doc, r);
    tick(r.activities.len(), progress);
    feedback_section(&mut doc, input);
    tick(r.feedback.len(), progress);
    // The diary is most of a large workspace: its progress moves per entry.
    diary_section(&mut doc, r, &mut || tick(1, progress));
    kpi_section(&mut doc, r);
    tick(r.kpis.len(), progress);
    evidence_section(&mut doc, input);
    tick(r.evidence.len(), progress);
    witness_section(&mut doc, input);
    tick(r.witnesses.len(), progress);
    signoff_section(&mut doc, input);
    tick(r.signoffs.len(), progress);
    practice_section(&mut doc, r);
    tick(r.practice.len(), progress);
    coaching_section(&mut doc, input);
    tick(r.coaching.len(), progress);
    let clean = input
        .verdicts
        .iter()
        .any(|v| v.rule.id == "personal-data" && v.passed);
    authenticity(&mut doc, &name, clean);
    tick(2, progress);
    doc
}

const SECTIONS: [(&str, &str); 15] = [
    ("Portfolio readiness", "readiness"),
    ("Criteria and evidence", "criteria"),
    ("Self-assessment", "self-assessment"),
    ("Development plan", "plan"),
    ("Reviews", "reviews"),
    ("Development activities", "activities"),
    ("Feedback log", "feedback"),
    ("Reflective log", "reflective-log"),
    ("KPIs", "kpis"),
    ("Evidence files", "evidence"),
    ("Witness statements", "witnesses"),
    ("Sign-offs", "signoffs"),
    ("Professional practice", "practice"),
    ("Coaching log", "coaching"),
    ("Authenticity statement", "authenticity"),
];

/// The coaching log's place in [`SECTIONS`]: shown only when there is one,
/// so a learner who coaches nobody has no empty section.
const COACHING: usize = 13;

fn section(doc: &mut Doc, n: usize) {
    let (title, id) = SECTIONS[n];
    doc.heading(2, title, Some(id.to_string()));
}

fn contents(doc: &mut Doc, coaching: bool) {
    doc.heading(2, "Contents", None);
    doc.push(Block::List(
        SECTIONS
            .iter()
            .enumerate()
            .filter(|(n, _)| coaching || *n != COACHING)
            .map(|(_, (title, id))| vec![link(*title, *id)])
            .collect(),
    ));
}

fn readiness_section(doc: &mut Doc, input: &Input) {
    section(doc, 0);
    let v = input.verdicts;
    doc.para(vec![text(format!(
        "{} of {} readiness checks pass (starlog's reading of the examiners' marking points).",
        readiness::passed(v),
        v.len()
    ))]);
    doc.push(Block::Table {
        head: vec!["#".into(), "Check".into(), "Result".into(), "Found".into()],
        rows: v
            .iter()
            .map(|v| {
                vec![
                    v.rule.number.to_string(),
                    v.rule.title.to_string(),
                    if v.passed { "pass" } else { "not yet" }.to_string(),
                    v.message.clone(),
                ]
            })
            .collect(),
    });
}

fn index_section(doc: &mut Doc, input: &Input) {
    section(doc, 1);
    let Some(set) = input.criteria else {
        doc.para(vec![text(
            "No criteria set is chosen in the learner's profile.",
        )]);
        return;
    };
    let cov = coverage::coverage(set, input.records);
    doc.para(vec![text(format!(
        "Each criterion of “{}” with the evidence mapped to it. Evidenced: at least one record shows it; claimed: records are mapped but hold too little to show it yet.",
        set.title
    ))]);
    for c in &cov.criteria {
        let state = match c.state() {
            CoverageState::None => "no evidence yet",
            CoverageState::Claimed => "claimed",
            CoverageState::Evidenced => "evidenced",
        };
        doc.heading(3, format!("{} {} ({state})", c.id, c.title), None);
        if c.evidence.is_empty() {
            continue;
        }
        doc.push(Block::List(
            c.evidence
                .iter()
                .map(|e| {
                    let mut item = vec![
                        text(format!("{}: ", e.kind.label())),
                        record_link(input.records, &e.record),
                    ];
                    if !e.substantive {
                        item.push(text(format!(" ({})", e.why_weak)));
                    }
                    item
                })
                .collect(),
        ));
    }
    if !cov.over_mapped.is_empty() {
        doc.para(vec![
            strong("Mapped to many criteria:"),
            text(format!(
                " {} {} criteria or more; an assessor may ask which part shows which.",
                match cov.over_mapped.len() {
                    1 => "1 record claims".to_string(),
                    n => format!("{n} records claim"),
                },
                coverage::OVER_MAPPED_AT
            )),
        ]);
    }
}

fn needs_section(doc: &mut Doc, input: &Input) {
    let r = input.records;
    section(doc, 2);
    if r.needs.is_empty() {
        doc.para(vec![text("No self-assessment recorded.")]);
        return;
    }
    for (kind, title) in [
        (NeedKind::Strength, "Strengths"),
        (NeedKind::Gap, "Areas to improve"),
    ] {
        let needs: Vec<_> = r.needs.iter().filter(|n| n.kind == kind).collect();
        if needs.is_empty() {
            continue;
        }
        doc.heading(3, title, None);
        for n in needs {
            doc.heading(4, n.area.clone(), Some(anchor(&n.id)));
            let from: Vec<&str> = n.identified_from.iter().map(|s| s.label()).collect();
            let mut block = fields(vec![
                ("Recorded", uk_day(n.date)),
                ("Identified from", from.join(", ")),
                ("Agreed with", n.agreed_with.clone()),
                ("Criteria", n.criteria.join(", ")),
            ]);
            if let Block::Fields(ref mut list) = block {
                list.extend(signoff_fields(input, &n.id));
                let objectives: Vec<Id> = r
                    .objectives
                    .iter()
                    .filter(|o| o.needs.contains(&n.id))
                    .map(|o| o.id.clone())
                    .collect();
                let served = links_to(r, &objectives);
                if !served.is_empty() {
                    list.push(("Objectives for it".into(), served));
                }
            }
            doc.push(block);
            doc.words(&n.evidence);
        }
    }
}

/// "Signed off" lines for a need, objective or review: each sign-off with
/// whether it still holds.
fn signoff_fields(input: &Input, subject: &Id) -> Vec<(String, Vec<Span>)> {
    input
        .records
        .signoffs
        .iter()
        .filter(|s| &s.subject == subject)
        .map(|s| {
            let state = s.state(input.original);
            let mut line = format!("by {} on {}", s.who(), uk_moment(s.signed));
            if state != SignOffState::Valid {
                line.push_str(&format!(" ({})", state.label()));
            }
            ("Signed off".to_string(), vec![text(line)])
        })
        .collect()
}

fn objective_title(r: &Records, id: &Id) -> Span {
    match r.objective(id) {
        Some(o) => link(first_line(&o.statement), anchor(&o.id)),
        None => text("(an objective no longer in the plan)"),
    }
}

/// Links to objectives, with "; " between them.
fn objective_titles(r: &Records, ids: &[Id]) -> Vec<Span> {
    let mut out = Vec::new();
    for id in ids {
        if !out.is_empty() {
            out.push(text("; "));
        }
        out.push(objective_title(r, id));
    }
    out
}

fn date_or(d: Option<NaiveDate>, none: &str) -> String {
    d.map(uk_day).unwrap_or_else(|| none.to_string())
}

/// A KPI's name as the learner's organisation writes it: the known metrics
/// in capitals (`csat` is CSAT), a custom one as typed.
fn metric_name(kpi: &str) -> String {
    let k = kpi.trim();
    kpi::known_metric(k)
        .map(|m| m.0.to_string())
        .unwrap_or_else(|| k.to_string())
}

/// A one-line summary of an objective as it stood at a review.
fn as_it_stood(o: &Objective) -> String {
    format!("{}; {}", wording(o), o.status.label())
}

/// What an objective asks for: its statement, target and date (not its
/// status, which moves between reviews without the objective changing).
fn wording(o: &Objective) -> String {
    let mut s = format!("“{}”", o.statement.trim());
    if !o.measure.target.trim().is_empty() {
        s.push_str(&format!("; target {}", o.measure.target.trim()));
    }
    s.push_str(&format!("; by {}", date_or(o.target_date, "no date")));
    s
}

fn plan_section(doc: &mut Doc, input: &Input) {
    let r = input.records;
    section(doc, 3);
    if r.objectives.is_empty() {
        doc.para(vec![text("No objectives in the plan.")]);
        return;
    }
    for o in &r.objectives {
        doc.heading(3, o.statement.trim().to_string(), Some(anchor(&o.id)));
        let m = &o.measure;
        let measure = match (m.baseline.trim(), m.target.trim()) {
            ("", "") => String::new(),
            (b, "") => format!("from {b}"),
            ("", t) => format!("to {t}"),
            (b, t) => format!("from {b} to {t}"),
        };
        let fails = (input.smart)(o, input.today);
        let smart = if fails.is_empty() {
            "passes all five letters (specific, measurable, achievable, relevant, time-bound)"
                .to_string()
        } else {
            format!("not yet: {}", fails.join("; "))
        };
        let mut f = vec![
            ("Status", o.status.label().to_string()),
            ("SMART check", smart),
            ("Measure", measure),
            ("Checked by", m.how.clone()),
            ("KPI", metric_name(&m.kpi)),
            ("Support and resources", o.support.clone()),
            ("Relevance", o.relevance.clone()),
            ("Target date", date_or(o.target_date, "")),
            ("Review date", date_or(o.review_date, "")),
            ("Criteria", o.criteria.join(", ")),
        ];
        if let Some(p) = o.percent() {
            f.insert(1, ("Progress", format!("{p}%")));
        }
        let mut block = fields(f);
        if let Block::Fields(ref mut list) = block {
            let needs = links_to(r, &o.needs);
            if !needs.is_empty() {
                list.push(("Serves the need".into(), needs));
            }
            // The golden thread, forwards: what was done for it and what shows it.
            let mut acts: Vec<&crate::domain::Activity> = r
                .activities
                .iter()
                .filter(|a| a.objectives.contains(&o.id))
                .collect();
            acts.sort_by_key(|a| a.date);
            let acts: Vec<Id> = acts.iter().map(|a| a.id.clone()).collect();
            let acts = links_to(r, &acts);
            if !acts.is_empty() {
                list.push(("Activities".into(), acts));
            }
            let mut entries: Vec<&DiaryEntry> = r
                .diary
                .iter()
                .filter(|e| e.objectives.contains(&o.id))
                .collect();
            entries.sort_by_key(|e| e.date);
            let entries: Vec<Id> = entries.iter().map(|e| e.id.clone()).collect();
            let entries = links_to(r, &entries);
            if !entries.is_empty() {
                list.push(("Reflective accounts".into(), entries));
            }
            let mut shown: Vec<Id> = r
                .evidence
                .iter()
                .filter(|e| e.links.contains(&o.id))
                .map(|e| e.id.clone())
                .collect();
            shown.extend(
                r.witnesses
                    .iter()
                    .filter(|w| w.links.contains(&o.id))
                    .map(|w| w.id.clone()),
            );
            let shown = links_to(r, &shown);
            if !shown.is_empty() {
                list.push(("Evidence".into(), shown));
            }
            list.extend(signoff_fields(input, &o.id));
        }
        doc.push(block);
        if !o.progress.is_empty() {
            doc.heading(4, "Progress notes", None);
            doc.push(Block::List(
                o.progress
                    .iter()
                    .map(|n| {
                        let pct = n.percent.map(|p| format!(" ({p}%)")).unwrap_or_default();
                        vec![
                            strong(uk_day(n.date)),
                            text(format!("{pct}: {}", n.text.trim())),
                        ]
                    })
                    .collect(),
            ));
        }
        // The version history: the objective as first agreed at a review,
        // then only the reviews that changed it, with the reason and how it
        // read afterwards (an unchanged objective is not repeated).
        let mut history = Vec::new();
        let mut last_wording: Option<String> = None;
        for rv in &r.reviews {
            let change = rv
                .changes
                .iter()
                .find(|c| c.objective == o.id)
                .filter(|c| c.outcome.is_change());
            let stood = rv.plan.iter().find(|p| p.id == o.id);
            let first = last_wording.is_none() && stood.is_some();
            let reworded = stood
                .map(wording)
                .filter(|w| last_wording.as_ref().is_some_and(|l| l != w));
            if !first && change.is_none() && reworded.is_none() {
                continue;
            }
            let mut item = vec![link(review_title(r, rv), anchor(&rv.id))];
            match change {
                Some(c) => {
                    item.push(text(format!(": {}", c.outcome.label())));
                    let reason = clause(&c.reason);
                    if !reason.is_empty() {
                        item.push(text(format!(" because {reason}")));
                    }
                }
                None if first => item.push(text(": agreed")),
                None => item.push(text(": reworded")),
            }
            match stood {
                Some(v) if first => item.push(text(format!(". As agreed: {}", as_it_stood(v)))),
                Some(v) if reworded.is_some() => {
                    item.push(text(format!(". Now: {}", as_it_stood(v))))
                }
                _ => item.push(text(".")),
            }
            history.push(item);
            if let Some(v) = stood {
                last_wording = Some(wording(v));
            }
        }
        if !history.is_empty() {
            doc.heading(4, "Version history", None);
            doc.push(Block::List(history));
        }
    }
}

fn reviews_section(doc: &mut Doc, input: &Input) {
    let r = input.records;
    section(doc, 4);
    if r.reviews.is_empty() {
        doc.para(vec![text("No reviews held.")]);
        return;
    }
    for rv in &r.reviews {
        doc.heading(3, review_title(r, rv), Some(anchor(&rv.id)));
        let who: Vec<String> = rv
            .participants
            .iter()
            .map(|p| {
                if p.role.trim().is_empty() {
                    p.name.clone()
                } else {
                    format!("{} ({})", p.name, p.role)
                }
            })
            .collect();
        let mut f = vec![
            ("Held", uk_moment(rv.held)),
            ("Took part", who.join(", ")),
            ("Next review", date_or(rv.next_review, "")),
            ("Criteria", rv.criteria.join(", ")),
        ];
        if let Some(c) = &rv.corrects {
            let when = r
                .reviews
                .iter()
                .find(|x| &x.id == c)
                .map(|x| review_title(r, x))
                .unwrap_or_else(|| c.short().to_string());
            f.push(("Corrects", when));
        }
        let mut block = fields(f);
        if let Block::Fields(ref mut list) = block {
            list.extend(signoff_fields(input, &rv.id));
        }
        doc.push(block);
        doc.words(&rv.summary);
        // What changed first, then what was kept, each with the reason
        // given at the review (the learner's words, never dropped).
        let mut changes: Vec<_> = rv.changes.iter().collect();
        changes.sort_by_key(|c| !c.outcome.is_change());
        let items: Vec<Vec<Span>> = changes
            .iter()
            .map(|c| {
                let mut item = vec![
                    objective_title(r, &c.objective),
                    text(format!(": {}", c.outcome.label())),
                ];
                let reason = clause(&c.reason);
                if !reason.is_empty() {
                    item.push(text(format!(" because {reason}")));
                }
                item
            })
            .collect();
        if !items.is_empty() {
            doc.push(Block::List(items));
        }
    }
}

fn activities_section(doc: &mut Doc, r: &Records) {
    section(doc, 5);
    if r.activities.is_empty() {
        doc.para(vec![text("No development activities logged.")]);
        return;
    }
    let mut acts: Vec<_> = r.activities.iter().collect();
    acts.sort_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
    let mut hours = std::collections::BTreeMap::new();
    for a in &acts {
        *hours.entry(a.kind.category()).or_insert(0.0) += a.hours;
    }
    doc.para(vec![text(
        hours
            .iter()
            .map(|(c, h)| format!("{}: {} h", c.label(), fmt_number(*h)))
            .collect::<Vec<_>>()
            .join("; "),
    )]);
    for a in acts {
        doc.heading(
            3,
            format!("{} ({})", a.title.trim(), a.kind.label()),
            Some(anchor(&a.id)),
        );
        let mut block = fields(vec![
            ("Date", uk_day(a.date)),
            (
                "Kind",
                format!("{}, {}", a.kind.category().label(), a.kind.label()),
            ),
            ("Resource", a.resource.clone()),
            (
                "Hours",
                if a.hours > 0.0 {
                    fmt_number(a.hours)
                } else {
                    String::new()
                },
            ),
            ("Criteria", a.criteria.join(", ")),
        ]);
        if let Block::Fields(ref mut list) = block {
            let objs = objective_titles(r, &a.objectives);
            if !objs.is_empty() {
                let label = if a.objectives.len() == 1 {
                    "For the objective"
                } else {
                    "For the objectives"
                };
                list.push((label.into(), objs));
            }
        }
        doc.push(block);
        let i = &a.impact;
        doc.push(fields(vec![
            ("Reaction (level 1)", i.reaction.trim().to_string()),
            ("Learning (level 2)", i.learning.trim().to_string()),
            ("Behaviour (level 3)", i.behaviour.trim().to_string()),
            ("Results (level 4)", i.results.trim().to_string()),
            ("Applied with customers", a.applied.trim().to_string()),
        ]));
        // The feedback on the activity itself: how it went, in others' words.
        let mut spans = Vec::new();
        for f in crate::domain::thread::feedback_on(r, &a.id) {
            if !spans.is_empty() {
                spans.push(text("; "));
            }
            spans.push(link(
                format!(
                    "{}: {} feedback, {} ({})",
                    uk_day(f.date),
                    f.source.label(),
                    f.method.label(),
                    f.valence.label()
                ),
                anchor(&f.id),
            ));
        }
        if !spans.is_empty() {
            doc.push(Block::Fields(vec![("Feedback it drew".into(), spans)]));
        }
    }
}

/// What a piece of feedback's triage state means, for an assessor.
fn response(f: &crate::domain::Feedback) -> &'static str {
    let reflected = !f.reflection.trim().is_empty();
    let acted = !f.action.trim().is_empty() || !f.objectives.is_empty() || !f.entries.is_empty();
    match f.state {
        FeedbackState::New => "not yet reflected on",
        FeedbackState::Reflected => "reflected on",
        FeedbackState::Actioned => "reflected on and acted upon",
        FeedbackState::Archived if reflected && acted => "reflected on and acted upon; closed",
        FeedbackState::Archived if reflected => "reflected on; closed",
        FeedbackState::Archived => "noted and closed",
    }
}

fn feedback_section(doc: &mut Doc, input: &Input) {
    let r = input.records;
    section(doc, 6);
    if r.feedback.is_empty() {
        doc.para(vec![text("No feedback recorded.")]);
        return;
    }
    triangulation(doc, input);
    let mut items: Vec<_> = r.feedback.iter().collect();
    items.sort_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
    for f in items {
        let who = match (f.who.trim(), f.role.trim()) {
            ("", "") => "anonymous".to_string(),
            (w, "") => w.to_string(),
            ("", r) => r.to_string(),
            (w, r) => format!("{w} ({r})"),
        };
        doc.heading(
            3,
            format!(
                "{}: {} feedback, {}",
                uk_day(f.date),
                f.source.label(),
                f.method.label()
            ),
            Some(anchor(&f.id)),
        );
        doc.push(fields(vec![
            ("From", who),
            ("Valence", f.valence.label().to_string()),
            ("Response", response(f).to_string()),
            ("Criteria", f.criteria.join(", ")),
        ]));
        doc.words(&f.text);
        let mut after = fields(vec![
            ("My reflection", f.reflection.trim().to_string()),
            ("Action taken", f.action.trim().to_string()),
        ]);
        if let Block::Fields(ref mut list) = after {
            let objs = objective_titles(r, &f.objectives);
            if !objs.is_empty() {
                let label = if f.objectives.len() == 1 {
                    "Linked objective"
                } else {
                    "Linked objectives"
                };
                list.push((label.into(), objs));
            }
            let entries = links_to(r, &f.entries);
            if !entries.is_empty() {
                list.push(("Acted on in".into(), entries));
            }
            let about = links_to(r, f.activity.as_slice());
            if !about.is_empty() {
                list.push(("About the activity".into(), about));
            }
        }
        doc.push(after);
    }
}

/// Feedback by source and method, and the themes that come back: the
/// triangulation an assessor looks for.
fn triangulation(doc: &mut Doc, input: &Input) {
    use crate::domain::{FeedbackMethod, FeedbackSource, ReviewPeriod, Triangulation};
    let r = input.records;
    let period = ReviewPeriod {
        start: NaiveDate::MIN,
        end: input.today,
        since_review: None,
    };
    let t = Triangulation::count(&r.feedback, period);
    doc.heading(3, "Feedback by source and method", None);
    let mut rows = Vec::new();
    for s in FeedbackSource::ALL {
        let Some(c) = t.sources.iter().find(|c| c.source == s) else {
            continue;
        };
        if c.total() == 0 {
            continue;
        }
        let methods: Vec<String> = FeedbackMethod::ALL
            .iter()
            .filter_map(|m| {
                let n = r
                    .feedback
                    .iter()
                    .filter(|f| f.source == s && f.method == *m)
                    .count();
                (n > 0).then(|| format!("{} {n}", m.label()))
            })
            .collect();
        rows.push(vec![
            s.label().to_string(),
            c.total().to_string(),
            c.positive.to_string(),
            c.constructive.to_string(),
            c.negative.to_string(),
            methods.join(", "),
        ]);
    }
    doc.push(Block::Table {
        head: vec![
            "Source".into(),
            "Items".into(),
            "Positive".into(),
            "Constructive".into(),
            "Negative".into(),
            "Gathered by".into(),
        ],
        rows,
    });
    let themes: Vec<String> = t
        .themes
        .iter()
        .map(|th| format!("“{}” in {} items", th.word, th.items.len()))
        .collect();
    if !themes.is_empty() {
        doc.para(vec![
            strong("Themes that come back:"),
            text(format!(" {}.", themes.join("; "))),
        ]);
    }
}

fn diary_section(doc: &mut Doc, r: &Records, written: &mut dyn FnMut()) {
    section(doc, 7);
    if r.diary.is_empty() {
        doc.para(vec![text("No diary entries.")]);
        return;
    }
    let mut entries: Vec<&DiaryEntry> = r.diary.iter().collect();
    entries.sort_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
    for e in entries {
        doc.heading(
            3,
            format!("{}: {}", uk_day(e.date), cut_words(e.headline(), 90)),
            Some(anchor(&e.id)),
        );
        let mut f = Vec::new();
        if !e.tags.is_empty() {
            f.push((
                "Tags",
                e.tags
                    .iter()
                    .map(|t| format!("#{t}"))
                    .collect::<Vec<_>>()
                    .join(" "),
            ));
        }
        f.push(("Criteria", e.criteria.join(", ")));
        let theories = e.theories();
        if !theories.is_empty() {
            f.push((
                "Theory and law applied",
                crate::domain::theory::summary(&theories),
            ));
        }
        let mut block = fields(f);
        if let Block::Fields(ref mut list) = block {
            let objs = objective_titles(r, &e.objectives);
            if !objs.is_empty() {
                let label = if e.objectives.len() == 1 {
                    "For the objective"
                } else {
                    "For the objectives"
                };
                list.push((label.into(), objs));
            }
            let answers: Vec<Id> = r
                .feedback
                .iter()
                .filter(|f| f.entries.contains(&e.id))
                .map(|f| f.id.clone())
                .collect();
            let answers = links_to(r, &answers);
            if !answers.is_empty() {
                list.push(("Acts on the feedback".into(), answers));
            }
        }
        doc.push(block);
        for part in StarPart::ALL {
            let t = e.part(part).trim();
            if !t.is_empty() {
                doc.heading(4, part.label(), None);
                doc.words(t);
            }
        }
        doc.words(&e.text);
        written();
    }
}

fn kpi_section(doc: &mut Doc, r: &Records) {
    section(doc, 8);
    if r.kpis.is_empty() {
        doc.para(vec![text("No KPI readings recorded.")]);
        return;
    }
    let mut metrics: Vec<String> = r.kpis.iter().map(|k| k.metric_name()).collect();
    metrics.sort();
    metrics.dedup();
    for metric in metrics {
        let chart = chart_for(r, &metric);
        doc.heading(3, format!("{metric} ({})", chart.better), None);
        let unit = chart.unit.clone();
        let readings: Vec<_> = r
            .kpis
            .iter()
            .filter(|k| k.metric_name() == metric)
            .collect();
        doc.push(Block::Chart(chart));
        doc.push(Block::Table {
            head: vec![
                "Date".into(),
                "Value".into(),
                "Target".into(),
                "Note".into(),
            ],
            rows: readings
                .iter()
                .map(|k| {
                    vec![
                        uk_day(k.date),
                        format!("{}{}", fmt_number(k.value), unit_suffix(&unit)),
                        k.target
                            .map(|t| format!("{}{}", fmt_number(t), unit_suffix(&unit)))
                            .unwrap_or_default(),
                        k.note.trim().to_string(),
                    ]
                })
                .collect(),
        });
        for o in &r.objectives {
            if let Some(ba) = readiness::before_after(o, r).filter(|b| b.metric == metric) {
                // Before: the baseline the objective states, when it gives a
                // figure (that is what was agreed); else the last reading
                // before its first activity.
                let before = match kpi::stated_figure(&o.measure.baseline) {
                    Some(v) => {
                        let figure = format!("{}{}", fmt_number(v), unit_suffix(&unit));
                        let stated = o.measure.baseline.trim();
                        if stated == figure {
                            format!("{figure} (the stated baseline)")
                        } else {
                            format!("{figure} (the stated baseline, “{stated}”)")
                        }
                    }
                    None => format!(
                        "{}{} on {}, before the first activity ({})",
                        fmt_number(ba.before.value),
                        unit_suffix(&unit),
                        uk_day(ba.before.date),
                        uk_day(ba.from)
                    ),
                };
                doc.para(vec![
                    strong("Before and after:"),
                    text(" "),
                    link(first_line(&o.statement), anchor(&o.id)),
                    text(format!(
                        ": before {before}; after {}{} on {}.",
                        fmt_number(ba.after.value),
                        unit_suffix(&unit),
                        uk_day(ba.after.date)
                    )),
                ]);
            }
        }
    }
}

fn unit_suffix(unit: &str) -> String {
    match unit {
        "" => String::new(),
        "%" => "%".into(),
        "s" => " s".into(),
        u if u.contains('-') => String::new(),
        u => format!(" {u}"),
    }
}

/// The chart of `metric`: its readings, the latest target, the activities of
/// the objectives it measures and every review in its time span.
pub fn chart_for(r: &Records, metric: &str) -> Chart {
    let readings: Vec<_> = r
        .kpis
        .iter()
        .filter(|k| k.metric_name() == metric)
        .collect();
    let scale = readings
        .last()
        .map(|k| kpi::scale_of(k))
        .unwrap_or_else(|| kpi::scale_of(&r.kpis[0]));
    let mut points: Vec<Point> = readings
        .iter()
        .filter(|k| kpi::drawable(k.value))
        .map(|k| Point {
            date: k.date,
            value: k.value,
        })
        .collect();
    points.sort_by_key(|p| p.date);
    let target = readings
        .iter()
        .rev()
        .find_map(|k| k.target)
        .filter(|t| kpi::drawable(*t));
    let objectives: Vec<&Id> = r
        .objectives
        .iter()
        .filter(|o| {
            o.measure.kpi.trim().eq_ignore_ascii_case(metric)
                || readings.iter().any(|k| k.objective.as_ref() == Some(&o.id))
        })
        .map(|o| &o.id)
        .collect();
    let mut activities: Vec<Mark> = r
        .activities
        .iter()
        .filter(|a| a.objectives.iter().any(|id| objectives.contains(&id)))
        .map(|a| Mark {
            date: a.date,
            label: a.title.trim().to_string(),
        })
        .collect();
    activities.sort_by_key(|m| m.date);
    let reviews = r
        .reviews
        .iter()
        .map(|rv| Mark {
            date: rv.date(),
            label: format!("review {}", rv.date()),
        })
        .collect();
    Chart {
        metric: metric.to_string(),
        unit: scale.unit,
        better: scale.better.label().to_string(),
        points,
        target,
        activities,
        reviews,
    }
}

fn evidence_section(doc: &mut Doc, input: &Input) {
    let r = input.records;
    section(doc, 9);
    if r.evidence.is_empty() {
        doc.para(vec![text("No files attached.")]);
        return;
    }
    doc.para(vec![text(
        "Each file was copied into the portfolio when it was attached; its SHA-256 is the fingerprint of its bytes then, so any later change to a file shows.",
    )]);
    let mut files: Vec<_> = r.evidence.iter().collect();
    files.sort_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
    doc.push(Block::Table {
        head: vec![
            "Title".into(),
            "Kind".into(),
            "Date".into(),
            "For".into(),
            "Criteria".into(),
            "SHA-256".into(),
        ],
        rows: files
            .iter()
            .map(|e| {
                let linked: Vec<String> =
                    e.links.iter().filter_map(|id| full_title(r, id)).collect();
                vec![
                    e.title.trim().to_string(),
                    e.kind.label().to_string(),
                    uk_day(e.date),
                    linked.join("; "),
                    e.criteria.join(", "),
                    e.sha256.clone(),
                ]
            })
            .collect(),
    });
    for e in files {
        doc.heading(3, e.title.trim().to_string(), Some(anchor(&e.id)));
        let path = format!("evidence/{}/{}", e.id, e.stored_name);
        let mut block = fields(vec![
            ("Kind", e.kind.label().to_string()),
            ("Date", uk_day(e.date)),
            ("File", format!("{path} ({})", evidence::size_label(e.size))),
            ("SHA-256", e.sha256.clone()),
            ("Criteria", e.criteria.join(", ")),
        ]);
        if let Block::Fields(ref mut list) = block {
            let linked = links_to(r, &e.links);
            if !linked.is_empty() {
                list.push(("Evidence for".into(), linked));
            }
        }
        doc.push(block);
        doc.words(&e.description);
        match (input.files.get(&e.id), evidence::image_type(&e.stored_name)) {
            (Some(bytes), Some(media_type)) => doc.push(Block::Image(super::doc::Image {
                media_type,
                bytes: bytes.clone(),
                alt: e.title.trim().to_string(),
                caption: format!(
                    "{} ({}), {}",
                    e.title.trim(),
                    e.kind.label(),
                    uk_day(e.date)
                ),
                path,
            })),
            (Some(_), None) => {}
            (None, _) => doc.para(vec![strong(
                "This file is missing or has changed since it was attached; it is not included.",
            )]),
        }
    }
}

fn witness_section(doc: &mut Doc, input: &Input) {
    let r = input.records;
    section(doc, 10);
    if r.witnesses.is_empty() {
        doc.para(vec![text("No witness statements.")]);
        return;
    }
    let mut list: Vec<_> = r.witnesses.iter().collect();
    list.sort_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
    for w in list {
        let title = if w.role.trim().is_empty() {
            format!("{}: {}", uk_day(w.date), w.witness.trim())
        } else {
            format!(
                "{}: {}, {}",
                uk_day(w.date),
                w.witness.trim(),
                w.role.trim()
            )
        };
        doc.heading(3, title, Some(anchor(&w.id)));
        // Checked on the records as written: a placeholder put in by
        // redaction is not an edit after signing.
        let original = input
            .original
            .witnesses
            .iter()
            .find(|o| o.id == w.id)
            .unwrap_or(w);
        let state = original.state(input.original);
        let confirmed = match (&original.confirmation, state) {
            (crate::domain::Confirmation::Signed { name, signed, .. }, WitnessState::Signed) => {
                vec![text(format!(
                    "signed by the witness, who typed their name ({name}) under the declaration on {}",
                    uk_moment(*signed)
                ))]
            }
            (crate::domain::Confirmation::Scanned { evidence }, WitnessState::Scanned) => {
                let mut v = vec![text("a signed statement on paper, scanned: ")];
                v.extend(link_to(r, evidence));
                v
            }
            (_, state) => vec![strong(state.label())],
        };
        let mut block = fields(vec![
            ("Witness", w.witness.trim().to_string()),
            ("Role", w.role.trim().to_string()),
            (
                "Relationship to the learner",
                w.relationship.trim().to_string(),
            ),
            ("Date observed", uk_day(w.date)),
            ("Criteria", w.criteria.join(", ")),
        ]);
        if let Block::Fields(ref mut l) = block {
            let linked = links_to(r, &w.links);
            if !linked.is_empty() {
                l.push(("Evidence for".into(), linked));
            }
            l.push(("Confirmation".into(), confirmed));
        }
        doc.push(block);
        doc.words(&w.observed);
        if state == WitnessState::Signed {
            doc.para(vec![text(format!(
                "Declaration: “{}”",
                crate::domain::witness::WITNESS_DECLARATION
            ))]);
        }
    }
}

fn signoff_section(doc: &mut Doc, input: &Input) {
    let r = input.records;
    section(doc, 11);
    if r.signoffs.is_empty() {
        doc.para(vec![text("Nothing has been signed off yet.")]);
        return;
    }
    doc.para(vec![text(format!(
        "Each person typed their name under the declaration “{}”",
        crate::domain::signoff::SIGNOFF_DECLARATION
    ))]);
    doc.push(Block::List(
        r.signoffs
            .iter()
            .map(|s| {
                let mut item = vec![strong(s.who())];
                item.push(text(format!(" on {}: ", uk_moment(s.signed))));
                match crate::domain::signoff::subject(r, &s.subject) {
                    Some(subject) => {
                        item.push(text(format!("{} ", subject.label())));
                        item.extend(link_to(r, &s.subject));
                    }
                    None => item.push(text("a record no longer in the portfolio")),
                }
                let state = s.state(input.original);
                if state != SignOffState::Valid {
                    item.push(strong(format!(" ({})", state.label())));
                }
                if !s.remark.trim().is_empty() {
                    item.push(text(format!(". “{}”", s.remark.trim())));
                }
                item
            })
            .collect(),
    ));
}

/// Professionalism, transferable skills, leadership styles, learning
/// preferences, barriers, knowledge answers and changes of role: one
/// sub-section each, every record with its parts as the learner wrote them.
fn practice_section(doc: &mut Doc, r: &Records) {
    section(doc, 12);
    if r.practice.is_empty() {
        doc.para(vec![text("No professional practice recorded.")]);
        return;
    }
    for kind in crate::domain::PracticeKind::ALL {
        let mut list: Vec<&crate::domain::Practice> =
            r.practice.iter().filter(|p| p.kind == kind).collect();
        if list.is_empty() {
            continue;
        }
        list.sort_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
        doc.heading(3, kind.heading(), None);
        for p in list {
            let name = p.name.trim();
            doc.heading(
                4,
                format!(
                    "{}: {}",
                    p.date,
                    if name.is_empty() { "(unnamed)" } else { name }
                ),
                Some(anchor(&p.id)),
            );
            let mut f: Vec<(&str, String)> = p
                .parts()
                .into_iter()
                .map(|(label, text)| (label, text.to_string()))
                .collect();
            f.push(("Criteria", p.criteria.join(", ")));
            doc.push(fields(f));
        }
    }
}

/// The coaching log, oldest session first: each session as an assessor
/// reads it (the feedback given and how timely it was, the coachee's
/// response, the follow-up and whether it was held, the impact evaluated
/// with the coachee), after a line on what is still due.
fn coaching_section(doc: &mut Doc, input: &Input) {
    use crate::domain::coaching::{self, FollowUp};
    use crate::domain::words::count as plural;
    let log = &input.records.coaching;
    if log.is_empty() {
        return;
    }
    section(doc, COACHING);
    let today = input.today;
    let people = coaching::coachees(log);
    let overdue = log
        .iter()
        .filter(|s| matches!(s.follow_up(log, today), FollowUp::Overdue(_)))
        .count();
    let with_coachee = log.iter().filter(|s| s.impact_with_coachee()).count();
    doc.para(vec![text(format!(
        "{} with {} ({}). {} evaluated with the coachee at Kirkpatrick level 2 or above; {} overdue.",
        plural(log.len(), "coaching session", "coaching sessions"),
        plural(people.len(), "coachee", "coachees"),
        people.join(", "),
        plural(with_coachee, "session's impact", "sessions' impact"),
        plural(overdue, "follow-up", "follow-ups"),
    ))]);
    let mut list: Vec<&crate::domain::CoachingSession> = log.iter().collect();
    list.sort_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
    for s in list {
        doc.heading(
            3,
            format!("{}: {}", uk_day(s.date), s.headline()),
            Some(anchor(&s.id)),
        );
        let timing = match s.observed_on {
            Some(o) if o != s.date => format!(
                "observed {}, feedback {} later{}",
                uk_day(o),
                plural(s.feedback_delay().max(0) as usize, "day", "days"),
                if s.is_timely() { "" } else { " (not timely)" }
            ),
            _ => "observed and fed back in the session".into(),
        };
        let follow = match s.follow_up(log, today) {
            FollowUp::NotSet => String::new(),
            FollowUp::Planned(d) => format!("{} (planned)", uk_day(d)),
            FollowUp::Held(h) => {
                format!("{} (held {})", uk_day(s.follow_up.unwrap_or(h)), uk_day(h))
            }
            FollowUp::Overdue(d) => format!("{} (overdue: not held yet)", uk_day(d)),
        };
        let mut f: Vec<(&str, String)> = vec![
            ("Coachee", s.coachee.trim().to_string()),
            ("Focus", s.focus.trim().to_string()),
            ("Timing", timing),
        ];
        f.extend(s.parts().into_iter().map(|(l, t)| (l, t.to_string())));
        f.push(("Follow-up", follow));
        let evaluated = match (s.impact_level(), s.evaluated) {
            (0, _) => "not yet evaluated".to_string(),
            (l, Some(d)) => format!("level {l}, evaluated with the coachee on {}", uk_day(d)),
            (l, None) => format!("level {l}"),
        };
        f.push(("Impact", evaluated));
        f.push(("Criteria", s.criteria.join(", ")));
        doc.push(fields(f));
    }
}

fn authenticity(doc: &mut Doc, name: &str, no_customer_details: bool) {
    section(doc, 14);
    let customers = if no_customer_details {
        " Customers are not identified."
    } else {
        ""
    };
    doc.para(vec![text(format!(
        "I, {name}, confirm that the evidence in this portfolio is my own work and describes my own performance in my job role. The reflective accounts, feedback records and plans were written by me at the time shown, and any feedback from others is reported faithfully.{customers}"
    ))]);
    doc.push(Block::Signatures(vec![
        "Learner's signature".into(),
        "Date".into(),
        "Assessor's signature".into(),
        "Date".into(),
    ]));
}
