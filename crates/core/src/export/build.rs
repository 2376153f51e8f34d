//! Builds the portfolio document from a workspace: profile, readiness,
//! criteria-to-evidence index, self-assessment, the plan with its version
//! history, reviews, activities, feedback, the reflective log, KPIs and the
//! authenticity statement.

use super::doc::{Block, Chart, Doc, Mark, Point, Span, fields, link, strong, text};
use crate::domain::coverage::{self, CoverageState};
use crate::domain::kpi::{self, fmt_number};
use crate::domain::readiness::{self, Verdict};
use crate::domain::refs::RecordRef;
use crate::domain::{
    CriteriaSet, DiaryEntry, Id, NeedKind, Objective, Records, StarPart, WorkspaceHeader,
    privacy::Redaction,
};
use chrono::NaiveDate;

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
}

/// The anchor of a record inside the document.
pub fn anchor(id: &Id) -> String {
    format!("r-{}", id.as_str().to_ascii_lowercase())
}

fn record_link(r: &RecordRef) -> Span {
    let when = r.date.map(|d| format!("{d} ")).unwrap_or_default();
    link(format!("{when}{}", r.title), anchor(&r.id))
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
        ("Exported", input.today.to_string()),
    ]));
    if let Some(red) = input.redaction {
        doc.para(vec![
            strong("Customer details replaced."),
            text(format!(
                " {} customer detail(s) (e-mail addresses, phone numbers, card numbers, postcodes) were replaced with placeholders such as “Customer A” before export. The same detail always has the same placeholder.",
                red.placeholders().len()
            )),
        ]);
    }
    contents(&mut doc);
    readiness_section(&mut doc, input);
    index_section(&mut doc, input);
    tick(2, progress);
    needs_section(&mut doc, r);
    tick(r.needs.len(), progress);
    plan_section(&mut doc, r);
    tick(r.objectives.len(), progress);
    reviews_section(&mut doc, r);
    tick(r.reviews.len(), progress);
    activities_section(&mut doc, r);
    tick(r.activities.len(), progress);
    feedback_section(&mut doc, r);
    tick(r.feedback.len(), progress);
    diary_section(&mut doc, r);
    tick(r.diary.len(), progress);
    kpi_section(&mut doc, r);
    tick(r.kpis.len(), progress);
    let clean = input
        .verdicts
        .iter()
        .any(|v| v.rule.id == "personal-data" && v.passed);
    authenticity(&mut doc, &name, clean);
    tick(2, progress);
    doc
}

const SECTIONS: [(&str, &str); 10] = [
    ("Portfolio readiness", "readiness"),
    ("Criteria and evidence", "criteria"),
    ("Self-assessment", "self-assessment"),
    ("Development plan", "plan"),
    ("Reviews", "reviews"),
    ("Development activities", "activities"),
    ("Feedback log", "feedback"),
    ("Reflective log", "reflective-log"),
    ("KPIs", "kpis"),
    ("Authenticity statement", "authenticity"),
];

fn section(doc: &mut Doc, n: usize) {
    let (title, id) = SECTIONS[n];
    doc.heading(2, title, Some(id.to_string()));
}

fn contents(doc: &mut Doc) {
    doc.heading(2, "Contents", None);
    doc.push(Block::List(
        SECTIONS
            .iter()
            .map(|(title, id)| vec![link(*title, *id)])
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
                        record_link(&e.record),
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
        doc.para(vec![strong("Mapped to many criteria:"), text(format!(
            " {} record(s) claim {} criteria or more; an assessor may ask which part shows which.",
            cov.over_mapped.len(),
            coverage::OVER_MAPPED_AT
        ))]);
    }
}

fn needs_section(doc: &mut Doc, r: &Records) {
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
            doc.push(fields(vec![
                ("Recorded", n.date.to_string()),
                ("Identified from", from.join(", ")),
                ("Agreed with", n.agreed_with.clone()),
                ("Criteria", n.criteria.join(", ")),
            ]));
            doc.words(&n.evidence);
        }
    }
}

fn objective_title(r: &Records, id: &Id) -> Span {
    match r.objective(id) {
        Some(o) => link(o.to_ref().title, anchor(&o.id)),
        None => text("(an objective no longer in the plan)"),
    }
}

fn date_or(d: Option<NaiveDate>, none: &str) -> String {
    d.map(|d| d.to_string()).unwrap_or_else(|| none.to_string())
}

/// A one-line summary of an objective as it stood at a review.
fn as_it_stood(o: &Objective) -> String {
    let mut s = format!("“{}”", o.statement.trim());
    if !o.measure.target.trim().is_empty() {
        s.push_str(&format!("; target {}", o.measure.target.trim()));
    }
    s.push_str(&format!("; by {}", date_or(o.target_date, "no date")));
    s.push_str(&format!("; {}", o.status.label()));
    s
}

fn plan_section(doc: &mut Doc, r: &Records) {
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
        let mut f = vec![
            ("Status", o.status.label().to_string()),
            ("Measure", measure),
            ("Checked by", m.how.clone()),
            ("KPI", m.kpi.clone()),
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
            let needs: Vec<Span> = o
                .needs
                .iter()
                .filter_map(|id| r.needs.iter().find(|n| &n.id == id))
                .flat_map(|n| [link(n.area.clone(), anchor(&n.id)), text("; ")])
                .collect();
            if !needs.is_empty() {
                let mut needs = needs;
                needs.pop();
                list.push(("Serves the need".into(), needs));
            }
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
                            strong(n.date.to_string()),
                            text(format!("{pct}: {}", n.text.trim())),
                        ]
                    })
                    .collect(),
            ));
        }
        // The version history: what each review decided, why, and how the
        // objective read afterwards when that changed.
        let mut history = Vec::new();
        let mut last_version: Option<String> = None;
        for rv in &r.reviews {
            let change = rv.changes.iter().find(|c| c.objective == o.id);
            let version = rv.plan.iter().find(|p| p.id == o.id).map(as_it_stood);
            let changed_text = version
                .as_ref()
                .filter(|v| Some(*v) != last_version.as_ref());
            if change.is_none() && changed_text.is_none() {
                continue;
            }
            let mut item = vec![link(format!("review {}", rv.date()), anchor(&rv.id))];
            if let Some(c) = change {
                item.push(text(format!(": {}", c.outcome.label())));
                if !c.reason.trim().is_empty() {
                    item.push(text(format!(" because {}", c.reason.trim())));
                }
            }
            if let Some(v) = changed_text {
                item.push(text(format!(". As it stood: {v}")));
            }
            history.push(item);
            if version.is_some() {
                last_version = version;
            }
        }
        if !history.is_empty() {
            doc.heading(4, "Version history", None);
            doc.push(Block::List(history));
        }
    }
}

fn reviews_section(doc: &mut Doc, r: &Records) {
    section(doc, 4);
    if r.reviews.is_empty() {
        doc.para(vec![text("No reviews held.")]);
        return;
    }
    for rv in &r.reviews {
        doc.heading(3, format!("Review of {}", rv.date()), Some(anchor(&rv.id)));
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
            ("Held", rv.held.format("%Y-%m-%d %H:%M %:z").to_string()),
            ("Took part", who.join(", ")),
            ("Next review", date_or(rv.next_review, "")),
            ("Criteria", rv.criteria.join(", ")),
        ];
        if let Some(c) = &rv.corrects {
            let when = r
                .reviews
                .iter()
                .find(|x| &x.id == c)
                .map(|x| x.date().to_string())
                .unwrap_or_else(|| c.short().to_string());
            f.push(("Corrects the review of", when));
        }
        doc.push(fields(f));
        doc.words(&rv.summary);
        if !rv.changes.is_empty() {
            doc.push(Block::List(
                rv.changes
                    .iter()
                    .map(|c| {
                        let mut item = vec![
                            objective_title(r, &c.objective),
                            text(format!(": {}", c.outcome.label())),
                        ];
                        if !c.reason.trim().is_empty() {
                            item.push(text(format!(" because {}", c.reason.trim())));
                        }
                        item
                    })
                    .collect(),
            ));
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
            ("Date", a.date.to_string()),
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
            let objs: Vec<Span> = a
                .objectives
                .iter()
                .map(|id| objective_title(r, id))
                .collect();
            if !objs.is_empty() {
                list.push(("For the objective".into(), objs));
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
    }
}

fn feedback_section(doc: &mut Doc, r: &Records) {
    section(doc, 6);
    if r.feedback.is_empty() {
        doc.para(vec![text("No feedback recorded.")]);
        return;
    }
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
                f.date,
                f.source.label(),
                f.method.label()
            ),
            Some(anchor(&f.id)),
        );
        doc.push(fields(vec![
            ("From", who),
            ("Valence", f.valence.label().to_string()),
            ("State", f.state.label().to_string()),
            ("Criteria", f.criteria.join(", ")),
        ]));
        doc.words(&f.text);
        let mut after = fields(vec![
            ("My reflection", f.reflection.trim().to_string()),
            ("Action taken", f.action.trim().to_string()),
        ]);
        if let Block::Fields(ref mut list) = after {
            let objs: Vec<Span> = f
                .objectives
                .iter()
                .map(|id| objective_title(r, id))
                .collect();
            if !objs.is_empty() {
                list.push(("Linked objective".into(), objs));
            }
        }
        doc.push(after);
    }
}

fn diary_section(doc: &mut Doc, r: &Records) {
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
            format!("{}: {}", e.date, e.to_ref().title),
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
        doc.push(fields(f));
        for part in StarPart::ALL {
            let t = e.part(part).trim();
            if !t.is_empty() {
                doc.heading(4, part.label(), None);
                doc.words(t);
            }
        }
        doc.words(&e.text);
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
                        k.date.to_string(),
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
                doc.para(vec![
                    strong("Before and after:"),
                    text(" "),
                    link(o.to_ref().title, anchor(&o.id)),
                    text(format!(
                        ": {} on {} before the first activity ({}), {} on {} after it.",
                        fmt_number(ba.before.value),
                        ba.before.date,
                        ba.from,
                        fmt_number(ba.after.value),
                        ba.after.date
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

fn authenticity(doc: &mut Doc, name: &str, no_customer_details: bool) {
    section(doc, 9);
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
