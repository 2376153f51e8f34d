//! The demo workspace: one learner's story across every record type, plus as
//! many generated diary entries as wanted for trying large journals; and
//! the demo team: her team leader's coaching log on three coachees (her,
//! one who is behind, one who has just started) with the coachees' own
//! workspaces, for a caseload under one root folder.
//!
//! The story lives in `assets/demo/story.ron` with absolute dates and fixed
//! ids. When it is written out every day and moment moves forward by whole
//! weeks (so weekdays stay weekdays) until the story ends in the week before
//! today: the last review about a month ago, the next one still to come, one
//! objective past its target date. Texts name days and months through
//! `[[d:YYYY-MM-DD]]` ("31 March") and `[[m:YYYY-MM-DD]]` ("March"), which
//! move with the story.

use crate::domain::{
    Activity, DevelopmentNeed, DiaryEntry, FORMAT, Feedback, Id, KpiReading, LearnerProfile,
    Measure, Objective, ObjectiveChange, ObjectiveStatus, Participant, Records, Review, Settings,
    WorkspaceHeader, dates,
};
use chrono::{DateTime, Datelike, Days, Duration, FixedOffset, NaiveDate, NaiveTime, TimeZone};
use serde::Deserialize;

/// The story, as shipped.
pub const STORY: &str = include_str!("../../../assets/demo/story.ron");

/// The demo team's other workspaces, each a story of its own (same anchor
/// as [`STORY`], so they move together), by workspace name: the coach and
/// two coachees. The third coachee is [`STORY`]'s learner, as `priya`.
pub const TEAM: [(&str, &str); 3] = [
    ("coach", include_str!("../../../assets/demo/team/coach.ron")),
    ("tom", include_str!("../../../assets/demo/team/tom.ron")),
    ("ana", include_str!("../../../assets/demo/team/ana.ron")),
];

/// The workspace name of [`STORY`]'s learner in the demo team.
pub const TEAM_STORY: &str = "priya";

/// [`STORY`] as its learner finishes it in the demo team, ready for
/// assessment: records that replace the story's ones with their ids.
pub const TEAM_STORY_FINISHED: &str = include_str!("../../../assets/demo/team/priya.ron");

/// The demo's attached files: a call observation report (a one-page PDF)
/// and a course certificate (a small PNG), made for the story.
pub const OBSERVATION_PDF: &[u8] = include_bytes!("../../../assets/demo/observation.pdf");
pub const CERTIFICATE_PNG: &[u8] = include_bytes!("../../../assets/demo/certificate.png");

/// The seed of the generated entries `starlog demo --entries N` adds.
pub const GENERATED_SEED: u64 = 0x5EED_57A2_1065;

/// `assets/demo/story.ron`: the demo learner's records with absolute dates.
#[derive(Debug, Clone, Deserialize)]
pub struct DemoStory {
    pub format: u32,
    /// The day the story was written to end on; it is moved to this week.
    #[serde(with = "dates::day")]
    pub anchor: NaiveDate,
    pub profile: LearnerProfile,
    #[serde(default)]
    pub settings: Settings,
    pub needs: Vec<DevelopmentNeed>,
    pub objectives: Vec<Objective>,
    pub activities: Vec<Activity>,
    pub feedback: Vec<Feedback>,
    pub kpis: Vec<KpiSeries>,
    pub diary: Vec<DiaryEntry>,
    pub reviews: Vec<StoryReview>,
    /// Professionalism, skills, leadership, learning, barriers, knowledge
    /// answers and the change of role.
    #[serde(default)]
    pub practice: Vec<crate::domain::Practice>,
    /// A team leader's coaching sessions (the team's coach).
    #[serde(default)]
    pub coaching: Vec<crate::domain::CoachingSession>,
}

/// Readings of one metric, written as a table rather than one record each.
#[derive(Debug, Clone, Deserialize)]
pub struct KpiSeries {
    pub metric: String,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub target: Option<f64>,
    #[serde(default)]
    pub objective: Option<Id>,
    pub readings: Vec<KpiPoint>,
}

/// One reading of a [`KpiSeries`].
#[derive(Debug, Clone, Deserialize)]
pub struct KpiPoint {
    pub id: Id,
    #[serde(with = "dates::day")]
    pub date: NaiveDate,
    pub value: f64,
    #[serde(default)]
    pub note: String,
}

/// A review whose plan snapshot is written as changes to the objectives'
/// final versions (progress notes after the review are left out).
#[derive(Debug, Clone, Deserialize)]
pub struct StoryReview {
    pub id: Id,
    pub held: DateTime<FixedOffset>,
    #[serde(default)]
    pub participants: Vec<Participant>,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub changes: Vec<ObjectiveChange>,
    #[serde(default, with = "dates::opt_day")]
    pub next_review: Option<NaiveDate>,
    #[serde(default)]
    pub plan: Vec<PlanAsItStood>,
    #[serde(default)]
    pub criteria: Vec<String>,
}

/// An objective as it stood at a review: what differed from its final version.
#[derive(Debug, Clone, Deserialize)]
pub struct PlanAsItStood {
    pub objective: Id,
    #[serde(default)]
    pub status: Option<ObjectiveStatus>,
    #[serde(default)]
    pub statement: Option<String>,
    #[serde(default)]
    pub measure: Option<Measure>,
    #[serde(default)]
    pub support: Option<String>,
    /// `Some("")` for "no date yet", else `YYYY-MM-DD`.
    #[serde(default)]
    pub target_date: Option<String>,
    #[serde(default)]
    pub review_date: Option<String>,
}

/// Parses the story with its dates moved by `shift` (texts included).
pub fn parse_story(text: &str, shift: Duration) -> Result<DemoStory, String> {
    let expanded = expand_dates(text, shift);
    ron::from_str::<DemoStory>(&expanded).map_err(|e| e.to_string())
}

/// How far the story moves so that it ends in the week up to `today`.
pub fn shift_for(anchor: NaiveDate, today: NaiveDate) -> Duration {
    let days = (today - anchor).num_days();
    Duration::days(days.div_euclid(7) * 7)
}

/// The demo learner's header and records, moved so that the story ends in
/// the week before `today`. Pure: the same `today` gives the same records.
pub fn story(today: NaiveDate) -> (WorkspaceHeader, Records) {
    let (header, mut records, shift) = story_of(STORY, today);
    add_evidence(&mut records, shift);
    records.sort();
    (header, records)
}

/// The demo team, by workspace name: the coach first, then the three
/// coachees. Pure, like [`story`].
pub fn team(today: NaiveDate) -> Vec<(&'static str, WorkspaceHeader, Records)> {
    let mut out: Vec<(&'static str, WorkspaceHeader, Records)> = TEAM
        .iter()
        .map(|(name, text)| {
            let (header, records, _) = story_of(text, today);
            (*name, header, records)
        })
        .collect();
    let (header, records) = finished_story(today);
    out.insert(1, (TEAM_STORY, header, records));
    out
}

/// [`story`] finished as in [`TEAM_STORY_FINISHED`]: its objectives and
/// feedback replace the story's, and its reviews hold the plan as it then
/// stands.
fn finished_story(today: NaiveDate) -> (WorkspaceHeader, Records) {
    use crate::domain::AnyRecord;
    let (header, mut records) = story(today);
    let (_, finish, _) = story_of(TEAM_STORY_FINISHED, today);
    for o in finish.objectives {
        records.upsert(AnyRecord::Objective(o));
    }
    for f in finish.feedback {
        records.upsert(AnyRecord::Feedback(f));
    }
    for mut r in finish.reviews {
        let held = r.held;
        r.plan = records
            .objectives
            .iter()
            .map(|o| {
                let mut o = o.clone();
                o.progress.retain(|n| n.date <= held.date_naive());
                o.updated = o.updated.min(held);
                o
            })
            .collect();
        records.upsert(AnyRecord::Review(r));
    }
    (header, records)
}

/// One story file's header and records, moved so that the story ends in
/// the week before `today`, and how far they moved. The files are compiled
/// in and each is parsed by a unit test, so they always parse.
pub fn story_of(text: &str, today: NaiveDate) -> (WorkspaceHeader, Records, Duration) {
    // The anchor is read first, unshifted, to know how far to move the rest.
    let anchor = parse_story(text, Duration::zero())
        .expect("a demo story parses (a unit test checks each)")
        .anchor;
    let shift = shift_for(anchor, today);
    let s = parse_story(text, shift).expect("a demo story parses");
    let header = WorkspaceHeader {
        format: FORMAT,
        profile: s.profile,
        settings: s.settings,
        onboarded: true,
    };
    let mut records = Records {
        diary: s.diary,
        needs: s.needs,
        objectives: s.objectives,
        activities: s.activities,
        feedback: s.feedback,
        kpis: Vec::new(),
        reviews: Vec::new(),
        ..Records::default()
    };
    for e in &mut records.diary {
        e.date = day(e.date, shift);
        e.created = moment(e.created, shift);
        e.updated = moment(e.updated, shift);
    }
    for n in &mut records.needs {
        n.date = day(n.date, shift);
        n.created = moment(n.created, shift);
        n.updated = moment(n.updated, shift);
    }
    for o in &mut records.objectives {
        shift_objective(o, shift);
    }
    for a in &mut records.activities {
        a.date = day(a.date, shift);
        a.created = moment(a.created, shift);
        a.updated = moment(a.updated, shift);
    }
    for f in &mut records.feedback {
        f.date = day(f.date, shift);
        f.created = moment(f.created, shift);
        f.updated = moment(f.updated, shift);
    }
    records.practice = s.practice;
    for p in &mut records.practice {
        p.date = day(p.date, shift);
        p.created = moment(p.created, shift);
        p.updated = moment(p.updated, shift);
    }
    records.coaching = s.coaching;
    for c in &mut records.coaching {
        c.date = day(c.date, shift);
        c.created = moment(c.created, shift);
        c.updated = moment(c.updated, shift);
        c.observed_on = c.observed_on.map(|d| day(d, shift));
        c.follow_up = c.follow_up.map(|d| day(d, shift));
        c.evaluated = c.evaluated.map(|d| day(d, shift));
    }
    for series in s.kpis {
        for point in series.readings {
            let date = day(point.date, shift);
            // Monthly figures arrive the next morning.
            let created = uk_moment(date + Days::new(1), NaiveTime::from_hms_opt(9, 0, 0));
            records.kpis.push(KpiReading {
                format: FORMAT,
                id: point.id,
                metric: series.metric.clone(),
                date,
                created,
                value: point.value,
                target: series.target,
                unit: series.unit.clone(),
                note: point.note,
                objective: series.objective.clone(),
                better: None,
            });
        }
    }
    for r in s.reviews {
        let held = moment(r.held, shift);
        let plan = r
            .plan
            .iter()
            .filter_map(|p| {
                let current = records.objective(&p.objective)?;
                Some(p.as_it_stood(current, held, shift))
            })
            .collect();
        records.reviews.push(Review {
            format: FORMAT,
            id: r.id,
            held,
            participants: r.participants,
            summary: r.summary,
            changes: r.changes,
            next_review: r.next_review.map(|d| day(d, shift)),
            corrects: None,
            plan,
            criteria: r.criteria,
        });
    }
    records.sort();
    (header, records, shift)
}

fn demo_id(text: &str) -> Id {
    Id::parse(text).expect("a valid demo id")
}

/// The bytes of a demo evidence file, by its stored name.
pub fn demo_file(name: &str) -> Option<&'static [u8]> {
    match name {
        "call-observation.pdf" => Some(OBSERVATION_PDF),
        "heat-course-certificate.png" => Some(CERTIFICATE_PNG),
        _ => None,
    }
}

/// The story's documents: Gareth's observation report, the HEAT course
/// certificate, Anita's signed witness statement, and Gareth's sign-off of
/// the complaints need (what criterion 1.3 asks for).
fn add_evidence(records: &mut Records, shift: Duration) {
    use crate::domain::evidence::sha256_hex;
    use crate::domain::{EvidenceFile, EvidenceKind, SignOff, WitnessStatement, signoff};
    let at = |y, m, d, h, min| {
        let date = day(NaiveDate::from_ymd_opt(y, m, d).expect("a demo day"), shift);
        (date, uk_moment(date, NaiveTime::from_hms_opt(h, min, 0)))
    };
    let csat = demo_id("01JQ3XSVS05ZPANY5R1DAV9C1B");
    let fcr = demo_id("01JQ3Y30R0DE1ES7W9QAYTFCJ8");
    let file = |id: &str,
                (date, when): (NaiveDate, DateTime<FixedOffset>),
                title: &str,
                kind: EvidenceKind,
                description: &str,
                links: Vec<Id>,
                criteria: &[&str],
                original: &str,
                stored: &str| {
        let bytes = demo_file(stored).expect("a demo file");
        EvidenceFile {
            format: FORMAT,
            id: demo_id(id),
            date,
            created: when,
            updated: when,
            title: title.into(),
            kind,
            description: description.into(),
            links,
            criteria: criteria.iter().map(|c| c.to_string()).collect(),
            original_name: original.into(),
            stored_name: stored.into(),
            size: bytes.len() as u64,
            sha256: sha256_hex(bytes),
        }
    };
    records.evidence.push(file(
        "01K77FA2Q0WB3M8N4R5T6V7X8Y",
        at(2025, 10, 10, 17, 20),
        "Call observation report by Gareth",
        EvidenceKind::ObservationReport,
        "Gareth's checklist from listening to one of my billing complaint calls: every step met, and his note that I am ready for escalations.",
        vec![csat.clone(), fcr.clone()],
        &["2.2", "2.3"],
        "Observation - P Shah - billing call.pdf",
        "call-observation.pdf",
    ));
    records.evidence.push(file(
        "01JRDQ0Z20CERT0000000000AB",
        at(2025, 4, 9, 18, 5),
        "Certificate: Handling difficult conversations (HEAT)",
        EvidenceKind::Certificate,
        "Certificate of completion from the one-day HEAT workshop.",
        vec![csat.clone()],
        &["2.2"],
        "HEAT course certificate.png",
        "heat-course-certificate.png",
    ));
    let (date, written) = at(2025, 8, 14, 15, 40);
    let mut w = WitnessStatement::new(demo_id("01K2H3J4K50W1TNESS00000000"), date, written);
    w.witness = "Anita Desai".into();
    w.role = "mentor (Quality team)".into();
    w.relationship = "my mentor since June; not my line manager".into();
    w.observed = "I sat beside Priya for an hour on the complaints line. On the hardest call, a customer with a back-dated bill who wanted to leave, she let him finish, read the account history back to him, apologised for the estimates and agreed a payment plan before he asked for one. He thanked her at the end.\nShe used the HEAT steps without notes and kept to the time she promised for the call-back.".into();
    w.criteria = vec!["2.2".into(), "2.3".into()];
    w.links = vec![csat];
    let (_, signed) = at(2025, 8, 14, 15, 52);
    if let Ok(signed) = w.sign("Anita Desai", signed) {
        records.witnesses.push(signed);
    }
    let need = demo_id("01JP05Z2Q0EJ71528R5STJ6XV4");
    let first_review = records.reviews.iter().map(|r| r.held).min();
    if let (Some(n), Some(when)) = (records.needs.iter().find(|n| n.id == need), first_review) {
        let signed = SignOff::sign(
            demo_id("01JQ400000000S1GN0FF000000"),
            signoff::Subject::Need(n),
            "Gareth Evans",
            "team leader (line manager)",
            "Agreed at the plan meeting: complaints first, then billing disputes.",
            vec!["1.3".into()],
            when,
        );
        if let Ok(s) = signed {
            records.signoffs.push(s);
        }
    }
}

impl PlanAsItStood {
    fn as_it_stood(
        &self,
        current: &Objective,
        held: DateTime<FixedOffset>,
        shift: Duration,
    ) -> Objective {
        let mut o = current.clone();
        if let Some(status) = self.status {
            o.status = status;
        }
        if let Some(statement) = &self.statement {
            o.statement = statement.clone();
        }
        if let Some(measure) = &self.measure {
            o.measure = measure.clone();
        }
        if let Some(support) = &self.support {
            o.support = support.clone();
        }
        let when = |text: &str| dates::parse_iso_day(text).ok().map(|d| day(d, shift));
        if let Some(t) = &self.target_date {
            o.target_date = when(t);
        }
        if let Some(t) = &self.review_date {
            o.review_date = when(t);
        }
        o.progress.retain(|n| n.date <= held.date_naive());
        o.updated = o.updated.min(held);
        o
    }
}

fn shift_objective(o: &mut Objective, shift: Duration) {
    o.created = moment(o.created, shift);
    o.updated = moment(o.updated, shift);
    o.target_date = o.target_date.map(|d| day(d, shift));
    o.review_date = o.review_date.map(|d| day(d, shift));
    for note in &mut o.progress {
        note.date = day(note.date, shift);
    }
}

fn day(d: NaiveDate, shift: Duration) -> NaiveDate {
    d.checked_add_signed(shift).unwrap_or(d)
}

/// Moves a moment, keeping its wall-clock time in the UK (GMT or BST).
fn moment(m: DateTime<FixedOffset>, shift: Duration) -> DateTime<FixedOffset> {
    let local = m.naive_local();
    let local = local.checked_add_signed(shift).unwrap_or(local);
    uk_moment(local.date(), Some(local.time()))
}

/// A wall-clock time in the UK on `date`, with that day's offset.
fn uk_moment(date: NaiveDate, time: Option<NaiveTime>) -> DateTime<FixedOffset> {
    let offset = uk_offset(date);
    let local = date.and_time(time.unwrap_or_default());
    offset
        .from_local_datetime(&local)
        .single()
        .unwrap_or_else(|| offset.from_utc_datetime(&local))
}

/// GMT, or BST from the last Sunday of March to the last Sunday of October.
fn uk_offset(date: NaiveDate) -> FixedOffset {
    let last_sunday = |month: u32| {
        let last = NaiveDate::from_ymd_opt(date.year(), month, 31).unwrap_or(date);
        last - Days::new(u64::from(last.weekday().num_days_from_sunday()))
    };
    let summer = date >= last_sunday(3) && date < last_sunday(10);
    FixedOffset::east_opt(if summer { 3600 } else { 0 }).expect("0 or 1 hour is a valid offset")
}

/// Replaces `[[d:YYYY-MM-DD]]` with "31 March" and `[[m:YYYY-MM-DD]]` with
/// "March", each day moved by `shift`. Anything else is left as it is.
pub fn expand_dates(text: &str, shift: Duration) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("[[") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find("]]") else {
            out.push_str(&rest[start..]);
            return out;
        };
        let rendered = after[..end].split_once(':').and_then(|(kind, text)| {
            let d = day(dates::parse_iso_day(text).ok()?, shift);
            match kind {
                "d" => Some(d.format("%-d %B").to_string()),
                "m" => Some(d.format("%B").to_string()),
                _ => None,
            }
        });
        match rendered {
            Some(r) => out.push_str(&r),
            None => out.push_str(&rest[start..start + 2 + end + 2]),
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

/// SplitMix64: a tiny, good-enough generator for repeatable demo data.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn bytes(&mut self) -> [u8; 10] {
        let a = self.next().to_be_bytes();
        let b = self.next().to_be_bytes();
        let mut out = [0u8; 10];
        out[..8].copy_from_slice(&a);
        out[8..].copy_from_slice(&b[..2]);
        out
    }
}

const CUSTOMERS: &[&str] = &[
    "A customer who had just moved into a new flat",
    "A pensioner living on his own",
    "A small-business owner running a café",
    "A customer whose partner usually deals with the bills",
    "A student sharing a house with four others",
    "A landlord with three rented properties",
    "A customer who had been with us for twenty years",
    "A nurse ringing between night shifts",
    "A customer whose first language is not English",
    "A mother with a newborn baby",
    "A customer calling on behalf of her elderly aunt",
    "A customer who had switched to us only last month",
];

/// What the call was about, and the tags that go with it.
const ISSUES: &[(&str, &[&str])] = &[
    (
        "rang about a bill almost twice what they had expected",
        &["billing", "complaint"],
    ),
    (
        "called because their direct debit had gone up without any warning they could remember",
        &["direct-debit"],
    ),
    (
        "got in touch because an engineer had not turned up for a booked appointment",
        &["engineer-visit", "complaint"],
    ),
    (
        "rang to dispute an estimated meter reading far higher than their actual one",
        &["billing", "estimated-read"],
    ),
    (
        "called about a refund that had been promised a month ago and never arrived",
        &["refund", "complaint"],
    ),
    (
        "wanted to know why they had received two bills for the same period",
        &["billing"],
    ),
    (
        "rang because their prepayment meter had stopped accepting top-ups",
        &["prepayment", "vulnerable-customer"],
    ),
    (
        "called to complain that nobody had rung back as promised",
        &["complaint", "FCR"],
    ),
    (
        "got in touch about a final bill from a property they had left months ago",
        &["billing", "moving-home"],
    ),
    (
        "wanted to close the account of a relative who had died",
        &["bereavement", "vulnerable-customer"],
    ),
    (
        "rang because a smart meter installation had left the display blank",
        &["smart-meter"],
    ),
    (
        "called to ask for help after falling behind with payments",
        &["payment-difficulty"],
    ),
];

const COMPLICATIONS: &[&str] = &[
    "This was the third time they had called about it, and each adviser had said something different.",
    "They were already angry when the call connected, after a long wait in the queue.",
    "The account notes were thin, so I could not see what had been promised before.",
    "They had read about compensation online and expected a large payment.",
    "There was a background of worry about money that came through in everything they said.",
    "The system was slow that afternoon, which made every check take longer than usual.",
    "They did not want to go through security again and said so firmly.",
    "Part of the problem sat with another team, so I could not fix all of it myself.",
];

const TASKS: &[&str] = &[
    "My job was to find out what had really gone wrong and put it right on this call if I could.",
    "I needed to calm the call down first, then agree a clear next step the customer could trust.",
    "I had to explain the bill in plain words and make sure the customer agreed with the figures.",
    "The aim was to avoid yet another callback and resolve it at the first contact.",
    "I had to keep to the process while still treating the customer as a person, not a case number.",
    "I wanted to use the HEAT steps properly, without sounding as if I was reading from a card.",
];

const TASK_LIMITS: &[&str] = &[
    "The queue was over twenty calls, so I also had to keep an eye on my handling time.",
    "Whatever I agreed had to fit the back-billing rules and our guaranteed standards.",
    "I had to do it without passing the customer to yet another team if I possibly could.",
    "It also had to be noted well enough that nobody would ask the customer the same questions again.",
    "I wanted the customer to end the call knowing the next step, its date and who owned it.",
];

const FEELINGS: &[&str] = &[
    "I felt nervous at the start, mostly because the customer was so upset.",
    "I was pleased with how calm I stayed, though I felt the pressure of the queue.",
    "Afterwards I felt frustrated that the problem had been allowed to drag on for so long.",
    "It was a satisfying call once the customer could see I was on their side.",
    "I felt out of my depth for a minute when the rules were not clear to me.",
];

const ACTIONS: &[&str] = &[
    "I let the customer finish without interrupting and noted each point as they made it.",
    "I summarised what I had heard and asked whether I had understood it correctly before moving on.",
    "I apologised for the trouble it had caused, in my own words, before explaining anything.",
    "I checked the account history and the meter-read dates before promising anything.",
    "I explained what I was doing while I did it, so the silences did not feel like being ignored.",
    "I used the rebill tool to correct the estimate while the customer stayed on the line.",
    "I offered a payment plan that matched what the customer said they could afford each month.",
    "I raised a referral to the team that owned the fix, with notes in the format they had asked for.",
    "I gave a date for the next step that I knew we could keep, rather than the earliest possible one.",
    "I checked whether the customer should be on the Priority Services Register and explained what it offers.",
    "I said no clearly where the answer was no, and offered what I could actually do instead.",
    "I confirmed everything in a short email with the next step and its date in the first line.",
    "I asked a colleague for a second opinion on the tariff rules instead of guessing.",
    "I used the note template so whoever picked the case up next would not need to ask again.",
];

const RESULTS: &[&str] = &[
    "The customer accepted the corrected bill and said it was the clearest explanation they had had.",
    "The issue was resolved on the call, so there was no repeat contact for the customer or for us.",
    "The call ended calmly, with the customer knowing exactly what would happen next and when.",
    "The customer agreed a payment plan and thanked me for not making them feel judged.",
    "It still needed another team, but the customer left the call with a date and my name.",
    "The post-call survey came back with a 5 out of 5 and a comment about being listened to.",
    "The complaint was closed at the first stage, without needing to go to the Complaints team.",
    "My handling time was longer than average, but the customer did not need to call back.",
    "The customer was still unhappy about the policy, but accepted the explanation and the goodwill gesture.",
    "The refund was issued the same day and the customer received the confirmation email before we hung up.",
];

const LEARNED: &[&str] = &[
    "Listening properly at the start saved time later, even if it felt slow while I was doing it.",
    "Checking the account history first meant I did not have to take anything back later in the call.",
    "Customers accept a clear no much better than a vague maybe.",
    "An apology for how the customer feels is not the same as admitting fault, and it changes the whole call.",
    "I still rush when the queue is long, and the customer can hear it.",
    "Giving a date I can keep builds more trust than a quick promise I might break.",
    "Writing the next step down for the customer helps me check that I actually know what it is.",
    "I lean on the policy wording when I am unsure, which sounds defensive.",
];

const NEXT_STEPS: &[&str] = &[
    "Next time I will summarise before I start any checks.",
    "I will ask my team leader to listen to a similar call in my next one-to-one.",
    "I want to learn the tariff rules well enough not to need a second opinion.",
    "My next step is to practise saying no plainly and then offering an alternative.",
    "I will add this to my prompt card so I do it on every call like this.",
    "I will look at my handling time for this call type on the dashboard next week.",
    "I will share what worked at the next team huddle.",
    "Next time I will check for payment difficulty before moving on to the bill itself.",
];

/// How it was handled, tagged now and then.
const METHOD_TAGS: &[&str] = &["HEAT", "AHT", "escalation", "saying-no", "email", "notes"];

const CRITERIA: &[&str] = &["1.1", "1.2", "2.2", "2.3", "2.4", "3"];

/// `n` repeatable, realistic STAR entries of about 1.5 KB each on disk,
/// spread backwards from `last_day` (several a day when `n` is large).
pub fn generated_entries(n: usize, seed: u64, last_day: NaiveDate) -> Vec<DiaryEntry> {
    let mut rng = SplitMix(seed ^ 0x57A2_106D_E110);
    // About eight years at most: busier days for bigger journals.
    let per_day = n.div_ceil(3000).max(1);
    let mut out = Vec::with_capacity(n);
    let mut date = last_day;
    while out.len() < n {
        let today_count = rng.below(2 * per_day + 1).min(n - out.len());
        for _ in 0..today_count {
            out.push(generated_entry(&mut rng, date));
        }
        date = date.pred_opt().unwrap_or(date);
    }
    out
}

fn generated_entry(rng: &mut SplitMix, date: NaiveDate) -> DiaryEntry {
    let minutes = 8 * 60 + rng.below(10 * 60) as u32;
    let created = uk_moment(date, NaiveTime::from_hms_opt(minutes / 60, minutes % 60, 0));
    let millis = u64::try_from(created.timestamp_millis()).unwrap_or(0);
    let mut entry = DiaryEntry::new(Id::from_parts(millis, rng.bytes()), date, created);
    let (issue, issue_tags) = ISSUES[rng.below(ISSUES.len())];
    entry.situation = format!(
        "{} {issue}. {}",
        rng.pick(CUSTOMERS),
        rng.pick(COMPLICATIONS)
    );
    entry.task = format!("{} {}", rng.pick(TASKS), rng.pick(TASK_LIMITS));
    let first = rng.below(ACTIONS.len());
    let mut second = rng.below(ACTIONS.len() - 1);
    if second >= first {
        second += 1;
    }
    let third = (second + 1 + rng.below(3)) % ACTIONS.len();
    let third = if third == first {
        (third + 1) % ACTIONS.len()
    } else {
        third
    };
    entry.action = format!("{} {} {}", ACTIONS[first], ACTIONS[second], ACTIONS[third]);
    entry.result = format!("{} {}", rng.pick(RESULTS), rng.pick(RESULTS));
    entry.reflection = format!(
        "{} {} {}",
        rng.pick(FEELINGS),
        rng.pick(LEARNED),
        rng.pick(NEXT_STEPS)
    );
    entry.tags = issue_tags.iter().map(|t| t.to_string()).collect();
    if rng.below(3) == 0 {
        let tag = rng.pick(METHOD_TAGS).to_string();
        if !entry.tags.contains(&tag) {
            entry.tags.push(tag);
        }
    }
    entry.criteria.push(rng.pick(CRITERIA).to_string());
    entry
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ActivityCategory, FeedbackState, NeedSource, Valence};
    use std::collections::HashSet;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    #[test]
    fn each_team_story_parses_and_moves_with_the_demo() {
        // (Unknown fields are looked for with the store's reader, in the
        // app's `commands::demo` tests.)
        for (name, text) in TEAM.into_iter().chain([("priya", TEAM_STORY_FINISHED)]) {
            let story =
                parse_story(text, Duration::zero()).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(story.format, FORMAT);
            assert_eq!(
                story.anchor,
                parse_story(STORY, Duration::zero()).expect("story").anchor,
                "{name} moves with the demo story"
            );
        }
    }

    #[test]
    fn the_team_is_a_coach_and_three_coachees_in_different_states() {
        let today = d(2026, 11, 29);
        let team = team(today);
        let names: Vec<&str> = team.iter().map(|(n, _, _)| *n).collect();
        assert_eq!(names, ["coach", "priya", "tom", "ana"]);
        let (_, coach_header, coach) = &team[0];
        assert_eq!(coach_header.profile.name, "Gareth Evans");
        // The coaching log names each coachee and their workspace.
        for (name, header, _) in &team[1..] {
            let sessions: Vec<_> = coach
                .coaching
                .iter()
                .filter(|s| s.workspace == *name)
                .collect();
            assert!(!sessions.is_empty(), "no session with {name}");
            assert!(
                sessions
                    .iter()
                    .all(|s| crate::domain::coaching::same_person(
                        &s.coachee,
                        &header.profile.name
                    )),
                "{name}"
            );
        }
        // Tom is behind: his follow-up was missed, his review is overdue
        // and a complaint is not reflected on.
        let due = crate::domain::coaching::due(&coach.coaching, today);
        let tom = |id: &Id| {
            coach
                .coaching
                .iter()
                .any(|s| &s.id == id && s.workspace == "tom")
        };
        assert!(due.iter().any(
            |d| matches!(d, crate::domain::coaching::Due::FollowUp { session, .. } if tom(session))
        ));
        let (_, _, tom_records) = &team[2];
        let last = tom_records.reviews.last().expect("a review");
        assert!(last.next_review.is_some_and(|d| d < today));
        assert!(
            tom_records
                .feedback
                .iter()
                .any(|f| f.valence == Valence::Negative
                    && f.state == FeedbackState::New
                    && f.reflection.is_empty())
        );
        // Priya is ready for assessment.
        let (_, priya_header, priya) = &team[1];
        let set = crate::assets::criteria_set(&priya_header.profile.criteria_set).expect("her set");
        let verdicts = crate::domain::readiness::check(&crate::domain::readiness::Portfolio {
            header: priya_header,
            records: priya,
            criteria: Some(&set),
            more_criteria: &[],
            today,
            smart: &|o, t| crate::domain::readiness::smart_letters(o, t, &Default::default()),
        });
        let failing: Vec<(&str, &str)> = verdicts
            .iter()
            .filter(|v| !v.passed)
            .map(|v| (v.rule.id, v.message.as_str()))
            .collect();
        assert!(failing.is_empty(), "{failing:?}");
        // Ana has just started: a profile and one diary entry.
        let (_, ana_header, ana) = &team[3];
        assert!(ana_header.onboarded);
        assert_eq!((ana.len(), ana.diary.len()), (1, 1));
        // Every session lies in the past, every follow-up after its session.
        for s in &coach.coaching {
            assert!(s.date < today, "{}", s.headline());
            assert!(s.follow_up.is_none_or(|f| f > s.date));
            assert!(s.observed_on.is_none_or(|o| o <= s.date));
        }
    }

    #[test]
    fn templates_move_with_the_story() {
        let text = "by [[d:2026-03-31]], in [[m:2025-05-30]], [[x:1]] [[d:nope]]";
        assert_eq!(
            expand_dates(text, Duration::zero()),
            "by 31 March, in May, [[x:1]] [[d:nope]]"
        );
        assert_eq!(
            expand_dates(text, Duration::days(7)),
            "by 7 April, in June, [[x:1]] [[d:nope]]"
        );
    }

    #[test]
    fn uk_offsets() {
        assert_eq!(uk_offset(d(2025, 3, 29)).local_minus_utc(), 0);
        assert_eq!(uk_offset(d(2025, 3, 30)).local_minus_utc(), 3600);
        assert_eq!(uk_offset(d(2025, 10, 25)).local_minus_utc(), 3600);
        assert_eq!(uk_offset(d(2025, 10, 26)).local_minus_utc(), 0);
    }

    fn all_ids(r: &Records) -> Vec<Id> {
        let mut ids: Vec<Id> = Vec::new();
        ids.extend(r.diary.iter().map(|x| x.id.clone()));
        ids.extend(r.needs.iter().map(|x| x.id.clone()));
        ids.extend(r.objectives.iter().map(|x| x.id.clone()));
        ids.extend(r.activities.iter().map(|x| x.id.clone()));
        ids.extend(r.feedback.iter().map(|x| x.id.clone()));
        ids.extend(r.kpis.iter().map(|x| x.id.clone()));
        ids.extend(r.reviews.iter().map(|x| x.id.clone()));
        ids
    }

    #[test]
    fn story_has_every_record_type_and_what_an_assessor_looks_for() {
        let (header, r) = story(d(2026, 5, 20));
        assert!(header.onboarded);
        assert_eq!(header.profile.criteria_set, "develop-personal-performance");
        assert_eq!(header.profile.level, Some(3));
        assert!(r.diary.len() >= 15 && r.needs.len() >= 5 && r.objectives.len() >= 4);
        assert!(r.activities.len() >= 6 && r.feedback.len() >= 10 && r.kpis.len() >= 20);
        assert!(r.reviews.len() >= 2);
        assert!(r.diary.iter().filter(|e| e.is_complete_star()).count() >= 15);
        assert!(r.diary.iter().any(|e| !e.is_star() && !e.text.is_empty()));

        let sources: HashSet<NeedSource> = r
            .needs
            .iter()
            .flat_map(|n| n.identified_from.iter().copied())
            .collect();
        assert!(sources.len() >= 3, "{sources:?}");

        let categories: HashSet<ActivityCategory> =
            r.activities.iter().map(|a| a.kind.category()).collect();
        assert_eq!(categories.len(), 3);
        let self_study = r
            .activities
            .iter()
            .filter(|a| a.kind.category() == ActivityCategory::SelfStudy)
            .filter(|a| !a.applied.trim().is_empty())
            .count();
        assert!(self_study >= 3);

        let fsources: HashSet<_> = r.feedback.iter().map(|f| f.source).collect();
        assert!(fsources.len() >= 4);
        for v in [Valence::Positive, Valence::Constructive, Valence::Negative] {
            assert!(r.feedback.iter().any(|f| f.valence == v), "{v:?}");
        }
        for s in [
            FeedbackState::New,
            FeedbackState::Reflected,
            FeedbackState::Actioned,
            FeedbackState::Archived,
        ] {
            assert!(r.feedback.iter().any(|f| f.state == s), "{s:?}");
        }
        assert!(
            r.feedback
                .iter()
                .any(|f| f.valence == Valence::Negative && f.state == FeedbackState::New)
        );
        assert!(r.feedback.iter().any(|f| f.valence == Valence::Negative
            && f.state == FeedbackState::Actioned
            && !f.reflection.is_empty()
            && !f.action.is_empty()));
        // Feedback on a development activity itself, about one that exists.
        assert!(r.feedback.iter().any(|f| {
            f.activity
                .as_ref()
                .is_some_and(|a| r.activities.iter().any(|x| &x.id == a))
        }));

        for metric in ["CSAT", "FCR", "AHT"] {
            let readings: Vec<_> = r.kpis.iter().filter(|k| k.metric == metric).collect();
            assert!(readings.len() >= 8, "{metric}");
            assert!(readings.iter().all(|k| k.target.is_some()));
        }
        for review in &r.reviews {
            assert!(!review.participants.is_empty() && !review.summary.is_empty());
            assert!(!review.plan.is_empty() && review.next_review.is_some());
            for c in review.changes.iter().filter(|c| c.outcome.is_change()) {
                assert!(!c.reason.is_empty(), "a change without a reason");
            }
        }
        let statuses: HashSet<_> = r.objectives.iter().map(|o| o.status).collect();
        assert!(statuses.contains(&ObjectiveStatus::Achieved));
        assert!(statuses.contains(&ObjectiveStatus::Revised));
    }

    #[test]
    fn every_link_points_at_a_record_and_every_criterion_exists() {
        let (header, r) = story(d(2026, 1, 7));
        let ids = all_ids(&r);
        let unique: HashSet<&Id> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "duplicate ids");
        let objectives: HashSet<&Id> = r.objectives.iter().map(|o| &o.id).collect();
        let needs: HashSet<&Id> = r.needs.iter().map(|n| &n.id).collect();
        let entries: HashSet<&Id> = r.diary.iter().map(|e| &e.id).collect();
        let mut objective_links: Vec<&Id> = Vec::new();
        objective_links.extend(r.diary.iter().flat_map(|e| &e.objectives));
        objective_links.extend(r.activities.iter().flat_map(|a| &a.objectives));
        objective_links.extend(r.feedback.iter().flat_map(|f| &f.objectives));
        objective_links.extend(r.kpis.iter().filter_map(|k| k.objective.as_ref()));
        for review in &r.reviews {
            objective_links.extend(review.changes.iter().map(|c| &c.objective));
            objective_links.extend(review.plan.iter().map(|o| &o.id));
        }
        for id in objective_links {
            assert!(objectives.contains(id), "no objective {id}");
        }
        for o in &r.objectives {
            assert!(!o.needs.is_empty(), "{} has no need", o.id);
            for n in &o.needs {
                assert!(needs.contains(n), "no need {n}");
            }
        }
        for id in r.feedback.iter().flat_map(|f| &f.entries) {
            assert!(entries.contains(id), "no diary entry {id}");
        }
        let set = crate::assets::criteria_set(&header.profile.criteria_set).expect("criteria set");
        let mut criteria: Vec<&String> = Vec::new();
        criteria.extend(r.diary.iter().flat_map(|e| &e.criteria));
        criteria.extend(r.needs.iter().flat_map(|e| &e.criteria));
        criteria.extend(r.objectives.iter().flat_map(|e| &e.criteria));
        criteria.extend(r.activities.iter().flat_map(|e| &e.criteria));
        criteria.extend(r.feedback.iter().flat_map(|e| &e.criteria));
        for c in criteria {
            assert!(set.get(c).is_some(), "no criterion {c}");
        }
    }

    #[test]
    fn the_story_ends_recently_whatever_the_day() {
        for today in [
            d(2025, 10, 17),
            d(2026, 2, 3),
            d(2026, 7, 31),
            d(2031, 12, 25),
        ] {
            let (_, r) = story(today);
            let last = r.reviews.last().expect("a review");
            let ago = (today - last.date()).num_days();
            assert!(
                (28..=40).contains(&ago),
                "{today}: last review {ago} days ago"
            );
            assert!(last.next_review.expect("next review") > today);
            assert!(r.objectives.iter().any(|o| o.is_overdue(today)), "{today}");
            let newest = r.diary.first().expect("entries").date;
            assert!(
                newest <= today && (today - newest).num_days() <= 8,
                "{today}"
            );
            assert!(r.diary.iter().all(|e| e.created.date_naive() <= today));
            assert!(r.feedback.iter().all(|f| f.date <= today));
            assert!(r.kpis.iter().all(|k| k.date <= today));
            for review in &r.reviews {
                for o in &review.plan {
                    assert!(o.progress.iter().all(|n| n.date <= review.date()));
                }
            }
        }
        assert_eq!(story(d(2026, 2, 3)), story(d(2026, 2, 3)));
    }
}
