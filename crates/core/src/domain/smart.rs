//! The SMART check: reads an objective the way an assessor would and says,
//! for each letter, whether it passes or why not, with a suggestion the
//! learner can act on. It is advice, never a gate: saving never depends on it.
//!
//! The rules come from DOMAIN.md ("SMART check"). They are heuristics on
//! plain English, so every flag carries its reason in the learner's words.

use super::dates::Days;
use super::{Objective, dates, numbers};
use chrono::NaiveDate;

/// One letter of SMART.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Letter {
    Specific,
    Measurable,
    Achievable,
    Relevant,
    TimeBound,
}

impl Letter {
    pub const ALL: [Letter; 5] = [
        Letter::Specific,
        Letter::Measurable,
        Letter::Achievable,
        Letter::Relevant,
        Letter::TimeBound,
    ];

    /// The initial shown on badges.
    pub fn initial(self) -> char {
        match self {
            Letter::Specific => 'S',
            Letter::Measurable => 'M',
            Letter::Achievable => 'A',
            Letter::Relevant => 'R',
            Letter::TimeBound => 'T',
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Letter::Specific => "Specific",
            Letter::Measurable => "Measurable",
            Letter::Achievable => "Achievable",
            Letter::Relevant => "Relevant",
            Letter::TimeBound => "Time-bound",
        }
    }
}

/// Why a letter does not pass, and what would make it pass.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    pub reason: String,
    pub suggestion: String,
}

fn flag(reason: impl Into<String>, suggestion: impl Into<String>) -> Flag {
    Flag {
        reason: reason.into(),
        suggestion: suggestion.into(),
    }
}

/// The verdict on one letter: it passes when there are no flags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterCheck {
    pub letter: Letter,
    pub flags: Vec<Flag>,
}

impl LetterCheck {
    pub fn passes(&self) -> bool {
        self.flags.is_empty()
    }
}

/// The verdict on all five letters, in S M A R T order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmartCheck {
    pub letters: [LetterCheck; 5],
}

impl SmartCheck {
    pub fn get(&self, letter: Letter) -> &LetterCheck {
        let i = Letter::ALL.iter().position(|l| *l == letter).unwrap_or(0);
        &self.letters[i]
    }

    pub fn passes(&self, letter: Letter) -> bool {
        self.get(letter).passes()
    }

    /// Every letter passes.
    pub fn all_pass(&self) -> bool {
        self.letters.iter().all(LetterCheck::passes)
    }

    /// The letters that do not pass.
    pub fn failing(&self) -> Vec<Letter> {
        self.letters
            .iter()
            .filter(|c| !c.passes())
            .map(|c| c.letter)
            .collect()
    }

    /// Plain-text badges for the shell: `S✓ M✗ A✓ R✓ T✗`.
    pub fn badge_text(&self) -> String {
        self.letters
            .iter()
            .map(|c| {
                format!(
                    "{}{}",
                    c.letter.initial(),
                    if c.passes() { '✓' } else { '✗' }
                )
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Checks `objective` as it stands on `today`; the advice names days as
/// `days` shows them (the learner's `date_format` on screen).
pub fn check(objective: &Objective, today: NaiveDate, days: &Days) -> SmartCheck {
    let text = Text::new(&objective.statement);
    SmartCheck {
        letters: [
            LetterCheck {
                letter: Letter::Specific,
                flags: specific(&text),
            },
            LetterCheck {
                letter: Letter::Measurable,
                flags: measurable(objective, &text),
            },
            LetterCheck {
                letter: Letter::Achievable,
                flags: achievable(objective, &text),
            },
            LetterCheck {
                letter: Letter::Relevant,
                flags: relevant(objective),
            },
            LetterCheck {
                letter: Letter::TimeBound,
                flags: time_bound(objective, &text, today, days),
            },
        ],
    }
}

/// A statement prepared for matching: lower case, words without the
/// punctuation around them.
struct Text {
    lower: String,
    words: Vec<String>,
}

impl Text {
    fn new(text: &str) -> Text {
        let lower = text.trim().to_lowercase();
        let words = lower
            .split_whitespace()
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric() && c != '%')
                    .to_string()
            })
            .filter(|w| !w.is_empty())
            .collect();
        Text { lower, words }
    }

    /// Contains `phrase` as whole words.
    fn has_phrase(&self, phrase: &str) -> bool {
        let want: Vec<&str> = phrase.split(' ').collect();
        self.words
            .windows(want.len())
            .any(|w| w.iter().zip(&want).all(|(a, b)| a == b))
    }

    fn has_word(&self, word: &str) -> bool {
        self.words.iter().any(|w| w == word)
    }

    fn has_digit(&self) -> bool {
        self.lower.chars().any(|c| c.is_ascii_digit())
    }
}

fn has_digit(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_digit())
}

/// Verbs that promise effort rather than a result.
const VAGUE_PHRASES: [&str; 8] = [
    "try to",
    "be better",
    "get better",
    "work on",
    "do better",
    "aim to",
    "look into",
    "learn more",
];

/// Verbs that need a concrete object to mean anything.
const SOFT_VERBS: [&str; 6] = ["improve", "develop", "enhance", "increase", "boost", "grow"];

/// Words that add nothing concrete after a soft verb ("improve my skills").
const GENERIC_WORDS: [&str; 40] = [
    "my",
    "the",
    "a",
    "an",
    "our",
    "own",
    "of",
    "with",
    "in",
    "at",
    "on",
    "to",
    "for",
    "and",
    "i",
    "me",
    "myself",
    "skill",
    "skills",
    "communication",
    "communications",
    "performance",
    "service",
    "customer",
    "customers",
    "job",
    "work",
    "role",
    "things",
    "confidence",
    "knowledge",
    "overall",
    "general",
    "generally",
    "better",
    "more",
    "good",
    "quality",
    "abilities",
    "ability",
];

/// Verbs that start a goal, to spot several goals joined by "and".
const GOAL_VERBS: [&str; 36] = [
    "improve", "raise", "reduce", "increase", "cut", "learn", "complete", "handle", "resolve",
    "answer", "achieve", "get", "become", "attend", "read", "shadow", "deliver", "build",
    "develop", "lower", "lift", "keep", "hit", "pass", "lead", "write", "create", "finish", "gain",
    "boost", "decrease", "respond", "coach", "mentor", "bring", "be",
];

fn specific(text: &Text) -> Vec<Flag> {
    let mut flags = Vec::new();
    if text.words.is_empty() {
        flags.push(flag(
            "There is no statement yet",
            "Say what you will do, in which part of your job, and for whom",
        ));
        return flags;
    }
    if let Some(phrase) = VAGUE_PHRASES.iter().find(|p| text.has_phrase(p)) {
        flags.push(flag(
            format!("\"{phrase}\" describes effort, not a result you can point to"),
            "Name the result: e.g. \"Resolve billing queries at first contact\" instead of \"work on billing\"",
        ));
    } else if let Some(verb) = soft_verb_without_object(text) {
        flags.push(flag(
            format!("\"{verb}\" what, exactly? The rest of the sentence names nothing concrete"),
            "Name the skill, the situation and the customers: e.g. \"explain bill changes in plain words on phone calls\"",
        ));
    }
    let n = text.words.len();
    if n < 8 {
        flags.push(flag(
            format!(
                "It is short ({}): a specific objective says what, where and how",
                super::words::count(n, "word", "words")
            ),
            "Add where it happens (calls, emails, the counter) and how you will do it",
        ));
    }
    let goals = goal_count(text);
    if goals > 1 {
        flags.push(flag(
            format!("It joins {goals} goals with \"and\": each needs its own measure and date"),
            "Split it into one objective per goal",
        ));
    }
    flags
}

/// A soft verb ("improve") whose object is only generic words, up to the
/// first "by", "so", "through" or "using" (where the means begin).
fn soft_verb_without_object(text: &Text) -> Option<&'static str> {
    for (i, w) in text.words.iter().enumerate() {
        let Some(verb) = SOFT_VERBS.iter().find(|v| *v == w) else {
            continue;
        };
        let object: Vec<&String> = text.words[i + 1..]
            .iter()
            .take_while(|w| !matches!(w.as_str(), "by" | "so" | "through" | "using" | "when"))
            .collect();
        let concrete = object.iter().any(|w| !GENERIC_WORDS.contains(&w.as_str()));
        if !concrete {
            return Some(verb);
        }
    }
    None
}

/// How many goals the statement joins: one, plus one for each "and" that
/// starts a new verb ("... and reduce ...", "... and also learn ...").
fn goal_count(text: &Text) -> usize {
    let mut goals = 1;
    for (i, w) in text.words.iter().enumerate() {
        if w != "and" {
            continue;
        }
        let mut next = text.words[i + 1..]
            .iter()
            .map(String::as_str)
            .skip_while(|w| matches!(*w, "also" | "then" | "i" | "will" | "to"));
        if next.next().is_some_and(|v| GOAL_VERBS.contains(&v)) {
            goals += 1;
        }
    }
    goals
}

/// KPI names and words for things that can be counted or observed.
const MEASURE_WORDS: [&str; 30] = [
    "csat",
    "fcr",
    "nps",
    "aht",
    "ces",
    "sla",
    "kpi",
    "score",
    "scores",
    "rate",
    "percent",
    "per",
    "complaints",
    "escalations",
    "observed",
    "observation",
    "survey",
    "audit",
    "checked",
    "certificate",
    "pass",
    "passed",
    "complete",
    "qualification",
    "report",
    "dashboard",
    "feedback",
    "mystery",
    "quality",
    "seconds",
];

fn measurable(o: &Objective, text: &Text) -> Vec<Flag> {
    let m = &o.measure;
    let mut flags = Vec::new();
    let counted = text.has_digit()
        || has_digit(&m.target)
        || !m.kpi.trim().is_empty()
        || MEASURE_WORDS.iter().any(|w| text.has_word(w))
        || !m.how.trim().is_empty();
    if !counted {
        flags.push(flag(
            "Nothing in it can be counted or observed: how will you know you have done it?",
            "Add a number: from what baseline to what target? (e.g. CSAT from 82% to 88%)",
        ));
    }
    let (from, to) = from_to(text);
    let has_baseline = !m.baseline.trim().is_empty() || from.is_some();
    let has_target = !m.target.trim().is_empty() || to.is_some();
    match (has_baseline, has_target) {
        (false, false) => flags.push(flag(
            "No baseline or target: where are you now, and where do you want to be?",
            "Fill in Baseline (today's figure) and Target (the figure you aim for)",
        )),
        (false, true) => flags.push(flag(
            "No baseline: without today's figure nobody can see the change",
            "Add where you start from, e.g. \"68% FCR in October\"",
        )),
        (true, false) => flags.push(flag(
            "No target: the baseline is there but not where you want to get to",
            "Add the figure or result you aim for, e.g. \"75%\"",
        )),
        (true, true) => {}
    }
    flags
}

/// The numbers of a "from X to Y" in the statement, if any.
fn from_to(text: &Text) -> (Option<f64>, Option<f64>) {
    let mut from = None;
    let mut to = None;
    for (i, w) in text.words.iter().enumerate() {
        let next = text.words.get(i + 1).and_then(|n| number(n));
        match w.as_str() {
            "from" if from.is_none() && next.is_some() => from = next,
            "to" | "below" | "under" | "above" | "over" | "least"
                if from.is_some() && to.is_none() && next.is_some() =>
            {
                to = next
            }
            _ => {}
        }
    }
    (from, to)
}

/// The first number in `text` ("82% (Feb)" -> 82).
fn number(text: &str) -> Option<f64> {
    measure_number(text).map(|(n, _)| n)
}

/// The first number in `text`, and whether a `%` follows it, read as a KPI
/// figure is typed: `1,250` is 1250, `6:30` is 390 seconds.
fn measure_number(text: &str) -> Option<(f64, bool)> {
    let start = text.find(|c: char| c.is_ascii_digit())?;
    let written: String = text[start..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ':'))
        .collect();
    let written = written.trim_end_matches(['.', ',', ':']);
    let percent = text[start + written.len()..].trim_start().starts_with('%');
    let value = if written.contains(':') {
        numbers::parse_seconds(written).ok()
    } else {
        numbers::plain_number(written)
    };
    // "3,4 and 5 star reviews": not one figure; its first digits are.
    let value = value.or_else(|| {
        let digits: String = written.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    })?;
    Some((value, percent))
}

/// Phrases that leave no room for a single miss.
const ABSOLUTES: [&str; 14] = [
    "always",
    "never",
    "100%",
    "every call",
    "every customer",
    "every time",
    "every contact",
    "every single",
    "all calls",
    "all customers",
    "all the time",
    "zero complaints",
    "no complaints",
    "perfect",
];

/// Words showing that support or a resource is named in the statement.
const SUPPORT_WORDS: [&str; 14] = [
    "using",
    "coaching",
    "coached",
    "mentor",
    "mentoring",
    "course",
    "training",
    "e-learning",
    "elearning",
    "shadowing",
    "workshop",
    "buddy",
    "module",
    "support",
];

fn achievable(o: &Objective, text: &Text) -> Vec<Flag> {
    let mut flags = Vec::new();
    let target = Text::new(&o.measure.target);
    if let Some(word) = ABSOLUTES
        .iter()
        .find(|p| text.has_phrase(p) || target.has_phrase(p))
    {
        flags.push(flag(
            format!("\"{word}\" leaves no room for one bad day: a single miss fails it"),
            "Aim for a rate you can reach, e.g. \"on 9 out of 10 complaint calls\"",
        ));
    }
    if let Some(reason) = across_the_scale(o) {
        flags.push(flag(
            reason,
            "Give it more time, or aim for a nearer step by this date and raise it at a review",
        ));
    } else if let Some(reason) = implausible_jump(o, text) {
        flags.push(flag(
            reason,
            "Set a nearer step for this date and raise it at your next review",
        ));
    }
    let named_in_statement = SUPPORT_WORDS.iter().any(|w| text.has_word(w))
        || text.has_phrase("with the help")
        || text.has_phrase("supported by");
    if o.support.trim().is_empty() && !named_in_statement {
        flags.push(flag(
            "No support or resources named: who or what will help you get there?",
            "Name a person, course or tool in Support, e.g. \"coaching from my team leader\"",
        ));
    }
    flags
}

/// At most this many days counts as "a few weeks" for a target date...
const FEW_WEEKS_DAYS: i64 = 8 * 7;
/// ...in which a metric should not be asked to cross this share of its scale.
const MOST_OF_SCALE: f64 = 0.5;

/// A KPI that is to cross most of its scale within a few weeks of the
/// objective being set: CES from 2 to 6 in a month, NPS from -40 to +30.
fn across_the_scale(o: &Objective) -> Option<String> {
    let kpi = o.measure.kpi.trim();
    if kpi.is_empty() {
        return None;
    }
    let from = number_signed(&o.measure.baseline)?;
    let to = number_signed(&o.measure.target)?;
    // CSAT as a 1-5 mean when both figures fit that scale.
    let unit = if kpi.eq_ignore_ascii_case("csat") && from <= 5.0 && to <= 5.0 {
        "1-5"
    } else {
        ""
    };
    let scale = super::kpi::scale(kpi, unit, None).ok()?;
    let (lo, hi) = (scale.min?, scale.max?);
    let target = o.target_date?;
    let days = (target - o.created.date_naive()).num_days();
    if hi <= lo || days > FEW_WEEKS_DAYS {
        return None;
    }
    let share = (to - from).abs() / (hi - lo);
    if share < MOST_OF_SCALE {
        return None;
    }
    let weeks = (days as f64 / 7.0).round().max(1.0) as i64;
    Some(format!(
        "{} from {} to {} crosses {:.0}% of its scale ({} to {}) in {} week{}: is that achievable by the target date?",
        scale.metric,
        super::kpi::fmt_number(from),
        super::kpi::fmt_number(to),
        share * 100.0,
        super::kpi::fmt_number(lo),
        super::kpi::fmt_number(hi),
        weeks,
        if weeks == 1 { "" } else { "s" }
    ))
}

/// The first number in `text`, with a minus sign if one goes before it (NPS -40).
fn number_signed(text: &str) -> Option<f64> {
    let start = text.find(|c: char| c.is_ascii_digit())?;
    let n = number(&text[start..])?;
    // "-40" or "(−40)", but not the "5" of "1-5".
    let before: Vec<char> = text[..start].chars().rev().take(2).collect();
    let negative = matches!(before.first(), Some('-' | '−'))
        && before.get(1).is_none_or(|c| !c.is_alphanumeric());
    Some(if negative { -n } else { n })
}

/// A target that is a big leap from the baseline, judged on the numbers in
/// the measure (or a "from X to Y" in the statement).
fn implausible_jump(o: &Objective, text: &Text) -> Option<String> {
    let (from_text, to_text) = from_to(text);
    let statement_percent = text.lower.contains('%');
    let (from, from_pct) =
        measure_number(&o.measure.baseline).or(from_text.map(|n| (n, statement_percent)))?;
    let (to, to_pct) =
        measure_number(&o.measure.target).or(to_text.map(|n| (n, statement_percent)))?;
    let kpi = o.measure.kpi.trim().to_lowercase();
    let percent = (from_pct && to_pct) || matches!(kpi.as_str(), "fcr" | "csat" | "sla");
    if percent && to > 100.0 {
        return Some(format!("A target of {to}% is more than 100%"));
    }
    if percent || kpi == "nps" {
        let limit = if kpi == "nps" { 30.0 } else { 20.0 };
        let gap = (to - from).abs();
        if gap > limit {
            return Some(format!(
                "From {from} to {to} is a jump of {gap} points: is that achievable by the target date?"
            ));
        }
        return None;
    }
    if from > 0.0 && (to / from > 2.0 || to / from < 0.5) {
        return Some(format!(
            "From {from} to {to} more than doubles or halves the figure: is that achievable by the target date?"
        ));
    }
    None
}

/// Words that tie an objective to customer service or the job itself.
const SERVICE_WORDS: [&str; 72] = [
    "customer",
    "customers",
    "caller",
    "callers",
    "call",
    "calls",
    "client",
    "clients",
    "complaint",
    "complaints",
    "service",
    "services",
    "enquiry",
    "enquiries",
    "contact",
    "contacts",
    "queue",
    "csat",
    "fcr",
    "nps",
    "aht",
    "ces",
    "sla",
    "slas",
    "kpi",
    "kpis",
    "escalation",
    "escalations",
    "resolution",
    "resolve",
    "team",
    "colleague",
    "colleagues",
    "role",
    "job",
    "shift",
    "shifts",
    "account",
    "accounts",
    "billing",
    "refund",
    "refunds",
    "order",
    "orders",
    "communication",
    "communicate",
    "listening",
    "empathy",
    "rapport",
    "product",
    "products",
    "phone",
    "telephone",
    "email",
    "emails",
    "chat",
    "sales",
    "store",
    "shop",
    "counter",
    "guest",
    "guests",
    "passenger",
    "passengers",
    "patient",
    "patients",
    "tenant",
    "tenants",
    "member",
    "members",
    "policy",
    "policies",
];

fn relevant(o: &Objective) -> Vec<Flag> {
    let stated = !o.relevance.trim().is_empty() || !o.serves.trim().is_empty();
    if o.needs.is_empty() && o.criteria.is_empty() && !stated {
        return vec![flag(
            "Not linked to a development need, your job role or a criterion",
            "Tick the need it answers, or say in Relevance why it matters in your job",
        )];
    }
    let said = format!(
        "{} {} {} {}",
        o.statement, o.measure.baseline, o.measure.target, o.measure.how
    );
    let text = Text::new(&said);
    let about_work = SERVICE_WORDS.iter().any(|w| text.has_word(w));
    if !stated && !about_work {
        return vec![flag(
            "Nothing ties it to your job role or the service you give: no relevance is written and the statement never mentions customers, calls or your work",
            "Say in Relevance how it helps your customers or your role, and which business objective, service standard or career goal it serves",
        )];
    }
    Vec::new()
}

/// Words that put off a date.
const NO_DATE_WORDS: [&str; 9] = [
    "soon",
    "asap",
    "ongoing",
    "as soon as possible",
    "eventually",
    "at some point",
    "in the future",
    "over time",
    "when i can",
];

fn time_bound(o: &Objective, text: &Text, today: NaiveDate, days: &Days) -> Vec<Flag> {
    let mut flags = Vec::new();
    if let Some(word) = NO_DATE_WORDS.iter().find(|p| text.has_phrase(p)) {
        flags.push(flag(
            format!("\"{word}\" is not a date"),
            "Put a date on it: e.g. \"by 31 March\", and fill in Target date",
        ));
    }
    match o.target_date {
        None => {
            // The same reading of a day as the Target date field, so a
            // date the statement names can be typed there as written.
            flags.push(if let Some(day) = dates::find_day(&o.statement, today) {
                // A day without a year reads as this year's; name it only
                // when that is still ahead, so the advice never misleads.
                let named = if day >= today {
                    format!(" ({})", days.day(day))
                } else {
                    String::new()
                };
                flag(
                    "The statement names a date but Target date is empty",
                    format!(
                        "Fill in Target date too{named}, so the plan can warn you when it is due"
                    ),
                )
            } else {
                flag(
                    "No target date: by when?",
                    "Add a target date, e.g. 31/03/2027, +6w or end of month",
                )
            });
        }
        Some(date) if date < today && o.status.is_open() => flags.push(flag(
            format!(
                "The target date ({}) has passed and it is still open ({})",
                days.day(date),
                o.status.label()
            ),
            "Mark it achieved or dropped, or agree a new date at a review",
        )),
        Some(_) => {}
    }
    // Once achieved or dropped, the review dates have done their job.
    if o.status.is_open() {
        match (o.review_date, o.target_date) {
            (None, _) => flags.push(flag(
                "No review date: when will you check how it is going?",
                "Add a review date before the target, e.g. +4w",
            )),
            (Some(review), Some(target)) if review > target => flags.push(flag(
                "The review date is after the target date",
                "Review before it is due, so there is time to change course",
            )),
            _ => {}
        }
    }
    flags
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Id, Measure, ObjectiveStatus};
    use chrono::{DateTime, FixedOffset};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("test date")
    }

    fn today() -> NaiveDate {
        day(2026, 11, 23)
    }

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-23T10:00:00+00:00").expect("test time")
    }

    /// A bare objective: just the statement.
    fn bare(statement: &str) -> Objective {
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
            needs: Vec::new(),
            criteria: Vec::new(),
            target_date: None,
            review_date: None,
            status: ObjectiveStatus::NotStarted,
            progress: Vec::new(),
        }
    }

    /// An objective with every field filled sensibly, so one rule at a time
    /// can be tested by changing one thing.
    fn full(statement: &str, baseline: &str, target: &str) -> Objective {
        let mut o = bare(statement);
        o.measure = Measure {
            baseline: baseline.into(),
            target: target.into(),
            how: "Monthly report, discussed in my one-to-one".into(),
            kpi: String::new(),
        };
        o.support = "Coaching from my team leader".into();
        o.relevance = "Part of my role on the billing line".into();
        o.needs = vec![Id::generate()];
        o.target_date = Some(day(2027, 3, 31));
        o.review_date = Some(day(2027, 1, 15));
        o.status = ObjectiveStatus::InProgress;
        o
    }

    fn fails(o: &Objective) -> Vec<char> {
        check(o, today(), &Days::default())
            .failing()
            .iter()
            .map(|l| l.initial())
            .collect()
    }

    fn reasons(o: &Objective, letter: Letter) -> String {
        check(o, today(), &Days::default())
            .get(letter)
            .flags
            .iter()
            .map(|f| format!("{} / {}", f.reason, f.suggestion))
            .collect::<Vec<_>>()
            .join("\n")
    }

    // The two examples DOMAIN.md names.

    #[test]
    fn improve_my_communication_skills_fails_s_m_and_t() {
        let mut o = bare("Improve my communication skills");
        o.needs = vec![Id::generate()];
        o.support = "Coaching from my team leader".into();
        assert_eq!(fails(&o), vec!['S', 'M', 'T']);
        let s = reasons(&o, Letter::Specific);
        assert!(s.contains("\"improve\" what, exactly?"), "{s}");
        assert!(s.contains("short (4 words)"), "{s}");
        let m = reasons(&o, Letter::Measurable);
        assert!(m.contains("from what baseline to what target?"), "{m}");
        assert!(reasons(&o, Letter::TimeBound).contains("No target date"));
    }

    #[test]
    fn a_bare_vague_statement_fails_every_letter() {
        let o = bare("Improve my communication skills");
        assert_eq!(fails(&o), vec!['S', 'M', 'A', 'R', 'T']);
    }

    #[test]
    fn the_heat_csat_objective_passes() {
        let mut o = bare(
            "Raise my CSAT from 82% to 88% by 31 March by using the HEAT steps on every \
             complaint call, checked in monthly one-to-ones",
        );
        o.needs = vec![Id::generate()];
        o.target_date = Some(day(2027, 3, 31));
        o.review_date = Some(day(2027, 1, 12));
        let check = check(&o, today(), &Days::default());
        assert!(check.all_pass(), "{check:#?}");
        assert_eq!(check.badge_text(), "S✓ M✓ A✓ R✓ T✓");
    }

    // Good objectives, as a learner on a contact-centre floor might write them.

    #[test]
    fn good_objectives_pass() {
        let good = [
            (
                "Raise my first contact resolution on billing calls from 68% to 75% by \
                 completing the back-billing e-learning and shadowing Billing Exceptions",
                "68% (February)",
                "75%",
            ),
            (
                "Bring my average handling time down from 412 to 370 seconds by using note \
                 templates for after-call work",
                "412 seconds",
                "370 seconds",
            ),
            (
                "Send every follow-up email within one working day using the three-line \
                 template, checked in the weekly quality sample",
                "75% sent within a day",
                "90% sent within a day",
            ),
            (
                "Use the LAST steps on complaint calls so that my quality score for \
                 empathy rises from 3 to 4 out of 5",
                "3 out of 5",
                "4 out of 5",
            ),
            (
                "Complete the Level 2 complaint-handling e-learning module, passing its \
                 assessment with at least 80%",
                "not started",
                "passed, 80% or more",
            ),
            (
                "Cut the number of calls I transfer to the billing team from 12 to 8 a week \
                 by learning the refund rules",
                "12 transfers a week",
                "8 transfers a week",
            ),
            (
                "Lift my NPS on live chat from 20 to 35 by ending every chat with a clear \
                 next step and a named contact",
                "20",
                "35",
            ),
            (
                "Answer 85% of emails in the shared inbox within our 24-hour SLA on my \
                 shifts by triaging the inbox at 9am and 2pm",
                "71% within SLA",
                "85% within SLA",
            ),
            (
                "Explain the Priority Services Register to eligible customers on 9 out of 10 \
                 relevant calls, observed by my team leader",
                "5 out of 10 calls observed",
                "9 out of 10 calls observed",
            ),
            (
                "Reduce repeat contacts about estimated bills from 30 to 20 a month by \
                 checking the meter history before I end each call",
                "30 a month",
                "20 a month",
            ),
        ];
        for (statement, baseline, target) in good {
            let o = full(statement, baseline, target);
            let c = check(&o, today(), &Days::default());
            assert!(c.all_pass(), "{statement}\n{c:#?}");
        }
    }

    // Specific.

    #[test]
    fn vague_phrases_fail_specific() {
        for statement in [
            "Work on my written emails to customers",
            "Try to be more patient with angry customers on the phone every day",
            "Get better at billing queries so customers do not need to call back",
            "Be better at handling complaints on the phone from upset customers",
        ] {
            let o = full(statement, "60%", "70%");
            assert!(fails(&o).contains(&'S'), "{statement}");
        }
        let o = full("Work on my written emails to customers", "", "");
        assert!(reasons(&o, Letter::Specific).contains("\"work on\" describes effort"));
    }

    #[test]
    fn improve_with_a_concrete_object_is_specific() {
        let o = full(
            "Improve my knowledge of the refund policy so I can resolve refund calls \
             without a callback",
            "4 callbacks a week",
            "1 callback a week",
        );
        assert!(
            !fails(&o).contains(&'S'),
            "{}",
            reasons(&o, Letter::Specific)
        );
        let o = full(
            "Improve my customer service skills by using better communication",
            "3",
            "4",
        );
        assert!(fails(&o).contains(&'S'));
    }

    #[test]
    fn short_statements_fail_specific() {
        let o = full("Reduce AHT to 360 seconds", "400 seconds", "360 seconds");
        let s = reasons(&o, Letter::Specific);
        assert!(s.contains("short (5 words)"), "{s}");
    }

    #[test]
    fn several_goals_joined_by_and_fail_specific() {
        let o = full(
            "Raise my CSAT to 88% on complaint calls and reduce my handling time to 360 seconds",
            "82%",
            "88%",
        );
        let s = reasons(&o, Letter::Specific);
        assert!(s.contains("joins 2 goals"), "{s}");
        // "and" inside one goal is fine.
        let o = full(
            "Handle complaint calls calmly and politely using the HEAT steps, observed \
             monthly by my team leader",
            "2 of 4 calls",
            "4 of 4 calls",
        );
        assert!(
            !fails(&o).contains(&'S'),
            "{}",
            reasons(&o, Letter::Specific)
        );
    }

    #[test]
    fn an_empty_statement_says_so() {
        let o = full("", "1", "2");
        assert!(reasons(&o, Letter::Specific).contains("no statement yet"));
    }

    // Measurable.

    #[test]
    fn no_number_or_evidence_fails_measurable() {
        let mut o = full(
            "Be more confident when I speak to customers who are upset about their bill",
            "",
            "",
        );
        o.measure.how.clear();
        let m = reasons(&o, Letter::Measurable);
        assert!(m.contains("Nothing in it can be counted"), "{m}");
        assert!(m.contains("No baseline or target"), "{m}");
    }

    #[test]
    fn a_target_without_a_baseline_fails_measurable() {
        let o = full(
            "Reach a CSAT of 88% on my complaint calls by using the HEAT steps",
            "",
            "88%",
        );
        let m = reasons(&o, Letter::Measurable);
        assert!(m.contains("No baseline"), "{m}");
        assert!(!m.contains("No target"), "{m}");
    }

    #[test]
    fn a_baseline_without_a_target_fails_measurable() {
        let o = full(
            "Raise my first contact resolution on billing calls using the exceptions guide",
            "68%",
            "",
        );
        assert!(reasons(&o, Letter::Measurable).contains("No target"));
    }

    #[test]
    fn from_and_to_in_the_statement_count_as_baseline_and_target() {
        let o = full(
            "Raise my FCR on billing calls from 68% to 75% by shadowing the exceptions team",
            "",
            "",
        );
        assert!(
            !fails(&o).contains(&'M'),
            "{}",
            reasons(&o, Letter::Measurable)
        );
    }

    #[test]
    fn observable_evidence_counts_as_measurable() {
        let mut o = full(
            "Use the customer's name and recap the next step at the end of each call, \
             observed by my team leader",
            "seen on 2 of 5 calls",
            "seen on 5 of 5 calls",
        );
        o.measure.how = "Call observation".into();
        assert!(!fails(&o).contains(&'M'));
    }

    // Achievable.

    #[test]
    fn absolutes_fail_achievable() {
        for (statement, target) in [
            (
                "Always resolve billing disputes on the first call using the exceptions guide",
                "75%",
            ),
            (
                "Never transfer a customer to another team without a warm handover",
                "90%",
            ),
            (
                "Get zero complaints about my follow-up emails during the next quarter",
                "0",
            ),
            (
                "Score full marks in the quality check on every call I take this quarter",
                "90%",
            ),
            (
                "Resolve first-contact billing queries on my shifts using the exceptions guide",
                "100%",
            ),
        ] {
            let o = full(statement, "70%", target);
            let a = reasons(&o, Letter::Achievable);
            assert!(
                a.contains("leaves no room for one bad day"),
                "{statement}: {a}"
            );
        }
    }

    #[test]
    fn an_implausible_jump_fails_achievable() {
        let o = full(
            "Raise my CSAT on complaint calls by using the HEAT steps on each call",
            "60%",
            "95%",
        );
        let a = reasons(&o, Letter::Achievable);
        assert!(a.contains("jump of 35 points"), "{a}");
        let o = full(
            "Bring my average handling time down on billing calls with note templates",
            "420 seconds",
            "180 seconds",
        );
        assert!(reasons(&o, Letter::Achievable).contains("halves"));
        let o = full(
            "Raise my share of 4-5 survey answers on calls by using the HEAT steps",
            "82%",
            "120%",
        );
        assert!(reasons(&o, Letter::Achievable).contains("more than 100%"));
    }

    #[test]
    fn a_modest_step_is_achievable() {
        let o = full(
            "Raise my CSAT on complaint calls by using the HEAT steps on each call",
            "82%",
            "88%",
        );
        assert!(!fails(&o).contains(&'A'));
    }

    #[test]
    fn no_support_fails_achievable_unless_the_statement_names_it() {
        let mut o = full(
            "Raise my FCR on billing calls from 68% to 75% by reading the process notes",
            "",
            "",
        );
        o.support.clear();
        assert!(reasons(&o, Letter::Achievable).contains("No support or resources"));
        o.statement = "Raise my FCR on billing calls from 68% to 75% with coaching from Tom".into();
        assert!(
            !fails(&o).contains(&'A'),
            "{}",
            reasons(&o, Letter::Achievable)
        );
    }

    // Relevant.

    #[test]
    fn no_link_fails_relevant_and_any_link_passes() {
        let mut o = full(
            "Raise my CSAT on complaint calls from 82% to 88% using the HEAT steps",
            "",
            "",
        );
        o.needs.clear();
        o.relevance.clear();
        assert!(reasons(&o, Letter::Relevant).contains("Not linked"));
        o.criteria = vec!["2.1".into()];
        assert!(!fails(&o).contains(&'R'));
        o.criteria.clear();
        o.relevance = "Complaint calls are half of my job".into();
        assert!(!fails(&o).contains(&'R'));
    }

    #[test]
    fn an_objective_unrelated_to_the_role_fails_relevant() {
        let mut o = full(
            "Complete a half marathon in under 2 hours 10 minutes by 31 March",
            "2 hours 40 minutes",
            "2 hours 10 minutes",
        );
        o.needs = vec![Id::generate()];
        o.relevance.clear();
        assert!(reasons(&o, Letter::Relevant).contains("Nothing ties it to your job role"));
        o.serves = "Career goal: team leader by 2028 (fitness for long shifts)".into();
        assert!(!fails(&o).contains(&'R'));
    }

    #[test]
    fn a_metric_crossing_most_of_its_scale_in_weeks_fails_achievable() {
        let mut o = full(
            "Raise my customer effort score on billing chats from 3.5 to 6.8 using the chat templates",
            "3.5",
            "6.8",
        );
        o.measure.kpi = "CES".into();
        o.target_date = Some(o.created.date_naive() + chrono::Days::new(28));
        o.review_date = Some(o.created.date_naive() + chrono::Days::new(14));
        let a = reasons(&o, Letter::Achievable);
        assert!(
            a.contains("crosses 55% of its scale (1 to 7) in 4 weeks"),
            "{a}"
        );
        // Given half a year, the same step is for the review to judge.
        o.target_date = Some(o.created.date_naive() + chrono::Days::new(180));
        o.review_date = Some(o.created.date_naive() + chrono::Days::new(60));
        assert!(
            !fails(&o).contains(&'A'),
            "{}",
            reasons(&o, Letter::Achievable)
        );
        // NPS runs from -100: the sign counts.
        o.measure = Measure {
            baseline: "-40".into(),
            target: "+70".into(),
            how: "monthly NPS".into(),
            kpi: "NPS".into(),
        };
        o.target_date = Some(o.created.date_naive() + chrono::Days::new(21));
        assert!(reasons(&o, Letter::Achievable).contains("crosses 55%"));
    }

    // Time-bound.

    #[test]
    fn put_off_words_fail_time_bound() {
        for word in ["soon", "ASAP", "ongoing", "as soon as possible"] {
            let o = full(
                &format!("Raise my FCR on billing calls from 68% to 75% {word} with coaching"),
                "",
                "",
            );
            let t = reasons(&o, Letter::TimeBound);
            assert!(t.contains("is not a date"), "{word}: {t}");
        }
    }

    #[test]
    fn a_date_in_the_statement_but_not_the_field_is_pointed_out() {
        let mut o = full(
            "Raise my CSAT from 82% to 88% by 31 March using the HEAT steps on complaint calls",
            "",
            "",
        );
        o.target_date = None;
        let t = reasons(&o, Letter::TimeBound);
        assert!(t.contains("names a date but Target date is empty"), "{t}");
    }

    #[test]
    fn a_date_the_statement_names_is_read_as_the_target_date_field_reads_it() {
        for (statement, named) in [
            ("by the end of February 2027", "(28 Feb 2027)"),
            ("by 28 Feb 2027", "(28 Feb 2027)"),
            ("by Sunday 28 February 2027", "(28 Feb 2027)"),
            ("by 31/03/2027", "(31 Mar 2027)"),
            ("in March 2027", "(31 Mar 2027)"),
        ] {
            let mut o = full(
                &format!("Raise my CSAT from 82% to 88% {statement} using the HEAT steps"),
                "",
                "",
            );
            o.target_date = None;
            let t = reasons(&o, Letter::TimeBound);
            assert!(
                t.contains("names a date but Target date is empty"),
                "{statement}: {t}"
            );
            assert!(t.contains(named), "{statement}: {t}");
            let typed = statement
                .trim_start_matches("by ")
                .trim_start_matches("in ");
            if typed != "March 2027" {
                let day = dates::parse_natural_day(typed, today()).expect("the field takes it");
                assert_eq!(day.format("(%-d %b %Y)").to_string(), named);
            }
        }
        let mut o = full(
            "Raise my CSAT from 82% to 88% using the HEAT steps on complaint calls",
            "",
            "",
        );
        o.target_date = None;
        assert!(reasons(&o, Letter::TimeBound).contains("No target date"));
    }

    /// The advice names a day as the learner's `date_format` shows every
    /// other day (it once wrote "30 Sep 2026" whatever the setting).
    #[test]
    fn the_advice_names_days_as_the_learners_date_format_shows_them() {
        let dotted = Days::new("%d.%m.%Y");
        let mut o = full(
            "Raise my FCR on billing calls from 68% to 75% with coaching from Tom",
            "",
            "",
        );
        o.target_date = Some(day(2026, 9, 30));
        o.review_date = Some(day(2026, 9, 1));
        let passed = check(&o, today(), &dotted);
        let reason = &passed.get(Letter::TimeBound).flags[0].reason;
        assert_eq!(
            reason,
            "The target date (30.09.2026) has passed and it is still open (in progress)"
        );
        o.statement = "Raise my CSAT from 82% to 88% by 28 Feb 2027 using the HEAT steps".into();
        o.target_date = None;
        let named = check(&o, today(), &dotted);
        let advice = &named.get(Letter::TimeBound).flags[0].suggestion;
        assert!(advice.contains("(28.02.2027)"), "{advice}");
        assert!(!advice.contains("Feb"), "{advice}");
    }

    #[test]
    fn a_past_target_date_on_an_open_objective_fails_time_bound() {
        let mut o = full(
            "Raise my FCR on billing calls from 68% to 75% with coaching from Tom",
            "",
            "",
        );
        o.target_date = Some(day(2026, 9, 30));
        o.review_date = Some(day(2026, 9, 1));
        let t = reasons(&o, Letter::TimeBound);
        assert!(
            t.contains("30 Sep 2026) has passed and it is still open (in progress)"),
            "{t}"
        );
        o.status = ObjectiveStatus::Achieved;
        assert!(!fails(&o).contains(&'T'));
    }

    #[test]
    fn no_review_date_or_a_late_one_fails_time_bound() {
        let mut o = full(
            "Raise my FCR on billing calls from 68% to 75% with coaching from Tom",
            "",
            "",
        );
        o.review_date = None;
        assert!(reasons(&o, Letter::TimeBound).contains("No review date"));
        o.review_date = Some(day(2027, 6, 1));
        assert!(reasons(&o, Letter::TimeBound).contains("after the target date"));
    }

    #[test]
    fn figures_in_the_measure_are_read_as_the_kpi_form_reads_them() {
        assert_eq!(measure_number("1,250 calls a week"), Some((1250.0, false)));
        assert_eq!(measure_number("AHT 6:30 (Feb)"), Some((390.0, false)));
        assert_eq!(measure_number("82% (Feb)"), Some((82.0, true)));
        assert_eq!(measure_number("86,5 %"), Some((86.5, true)));
        assert_eq!(measure_number("about 300."), Some((300.0, false)));
        assert_eq!(measure_number("none yet"), None);
        // From 6:30 to 4:00 is a cut of more than a third, not "6 to 4".
        let mut o = full(
            "Bring my AHT on billing calls from 6:30 to 2:45 using call flow coaching",
            "6:30",
            "2:45",
        );
        o.measure.kpi = "AHT".into();
        assert!(
            reasons(&o, Letter::Achievable).contains("From 390 to 165 more than doubles or halves"),
            "{}",
            reasons(&o, Letter::Achievable)
        );
    }

    #[test]
    fn a_percentage_elsewhere_in_the_target_does_not_make_seconds_a_percentage() {
        let mut o = full(
            "Bring my average handling time down from 412 to 370 seconds, without my CSAT \
             falling, by using note templates for after-call work",
            "412 seconds (February)",
            "370 seconds, with CSAT not below 82%",
        );
        o.measure.kpi = "AHT".into();
        assert!(
            !fails(&o).contains(&'A'),
            "{}",
            reasons(&o, Letter::Achievable)
        );
    }

    #[test]
    fn an_achieved_objective_needs_no_review_date() {
        let mut o = full(
            "Raise my FCR on billing calls from 68% to 75% with coaching from Tom",
            "",
            "",
        );
        o.review_date = None;
        o.status = ObjectiveStatus::Achieved;
        assert!(!fails(&o).contains(&'T'));
        o.review_date = Some(day(2027, 6, 1));
        assert!(!fails(&o).contains(&'T'));
    }

    // More real-sounding objectives, each with the letters it should fail.

    #[test]
    fn a_range_of_learner_objectives() {
        let cases: [(&str, &str, &str, &[char]); 10] = [
            ("Be more professional", "", "", &['S', 'M']),
            (
                "Handle complaints better and learn the new billing system and get promoted",
                "",
                "",
                &['S', 'M'],
            ),
            (
                "Always answer the phone within three rings on every shift I work this year",
                "5 rings",
                "3 rings",
                &['A'],
            ),
            (
                "Raise my CSAT on complaint calls from 70% to 98% using the HEAT steps",
                "",
                "",
                &['A'],
            ),
            (
                "Learn the Consumer Rights Act 2015 refund rules and apply them on returns calls",
                "2 wrong refunds a month",
                "at most 1 wrong refund a month",
                &[],
            ),
            (
                "Develop my product knowledge of the new broadband bundles for sales calls",
                "quiz 60%",
                "quiz 80%",
                &[],
            ),
            ("Improve my confidence", "", "", &['S', 'M']),
            (
                "Keep my after-call work under 60 seconds on billing calls using note templates",
                "95 seconds",
                "60 seconds",
                &[],
            ),
            ("Enhance my performance", "", "", &['S', 'M']),
            (
                "Reply to every customer email within 24 hours during the January sale period",
                "70% within 24 hours",
                "90% within 24 hours",
                &['A'],
            ),
        ];
        for (statement, baseline, target, expected) in cases {
            let mut o = full(statement, baseline, target);
            if baseline.is_empty() && target.is_empty() && !statement.contains('%') {
                o.measure.how.clear();
            }
            assert_eq!(
                fails(&o),
                expected.to_vec(),
                "{statement}\n{:#?}",
                check(&o, today(), &Days::default())
            );
        }
    }

    #[test]
    fn every_flag_has_a_reason_and_a_suggestion() {
        let o = bare("soon");
        for c in check(&o, today(), &Days::default()).letters {
            for f in c.flags {
                assert!(!f.reason.is_empty() && !f.suggestion.is_empty());
            }
        }
    }

    #[test]
    fn badges_show_each_letter() {
        let mut o = bare("Improve my communication skills");
        o.needs = vec![Id::generate()];
        o.support = "Coaching".into();
        assert_eq!(
            check(&o, today(), &Days::default()).badge_text(),
            "S✗ M✗ A✓ R✓ T✗"
        );
    }
}
