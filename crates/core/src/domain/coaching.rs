//! The coaching log of a team leader who coaches others (seed 001): one
//! record (one file in `coaching/`) per coaching session with a coachee,
//! written the way an assessor reads it. The session: what the coachee
//! wanted, what was observed, the feedback given (specific, and timely: the
//! day of what was observed is kept beside the session's day), what the
//! coachee said about it, the actions agreed, the learning preference and
//! the barriers taken into account, how support was adapted, and the day to
//! follow up. Later, the same record gets the impact at Kirkpatrick's four
//! levels, evaluated with the coachee, and the coachee's own view of it.
//!
//! What is due is worked out here too, so the app, the shell and the
//! readiness rules agree: a follow-up whose day has passed with no later
//! session with that coachee, and an impact not yet evaluated once its
//! follow-up day (or a month after the session) has come.

use super::activity::Impact;
use super::refs::{RecordRef, RecordType, short};
use super::{Id, dates};
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

/// Feedback given more than this many days after what it is about is not
/// timely (readiness rule 19).
pub const TIMELY_DAYS: i64 = 7;

/// With no follow-up day, the impact of a session is due this many days
/// after it.
pub const IMPACT_AFTER_DAYS: i64 = 30;

/// Fewer words than this is too brief to be specific feedback.
pub const SPECIFIC_WORDS: usize = 8;

/// One coaching session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CoachingSession {
    pub format: u32,
    pub id: Id,
    /// The day the session was held (and the feedback given).
    #[serde(with = "dates::day")]
    pub date: NaiveDate,
    #[serde(with = "crate::domain::dates::moment")]
    pub created: DateTime<FixedOffset>,
    #[serde(with = "crate::domain::dates::moment")]
    pub updated: DateTime<FixedOffset>,
    /// Who was coached: a colleague's name, never a customer's.
    pub coachee: String,
    /// The coachee's own workspace name under a shared root, when they keep
    /// one (so `starlog team` can put the two side by side); may be empty.
    #[serde(default)]
    pub workspace: String,
    /// What the session was about, e.g. "complaint calls: taking action".
    #[serde(default)]
    pub focus: String,
    /// The coachee's own goal for it, in their words.
    #[serde(default)]
    pub goal: String,
    /// What the coach saw or heard (a call listened to, a desk observed).
    #[serde(default)]
    pub observed: String,
    /// The day of what was observed, when it was not the session's day.
    #[serde(default, with = "dates::opt_day")]
    pub observed_on: Option<NaiveDate>,
    /// The feedback given: specific (what was seen, its effect, what to
    /// keep or change).
    #[serde(default)]
    pub feedback: String,
    /// What the coachee said about the feedback (agreement, doubts,
    /// resistance), in their words where possible.
    #[serde(default)]
    pub response: String,
    /// The actions agreed, who does what by when.
    #[serde(default)]
    pub actions: String,
    /// The coachee's learning preference and how it shaped the approach.
    #[serde(default)]
    pub preference: String,
    /// Barriers (time, confidence, workload, support) and what is done.
    #[serde(default)]
    pub barriers: String,
    /// How support was adapted to the coachee's feedback and progress since
    /// the last session.
    #[serde(default)]
    pub adapted: String,
    /// When to follow up.
    #[serde(default, with = "dates::opt_day")]
    pub follow_up: Option<NaiveDate>,
    /// The impact at Kirkpatrick's levels, for the coachee: 1 how they found
    /// it, 2 what they learned, 3 what they now do differently, 4 the effect
    /// on results (a KPI before and after). Written later.
    #[serde(default)]
    pub impact: Impact,
    /// The day the impact was evaluated with the coachee.
    #[serde(default, with = "dates::opt_day")]
    pub evaluated: Option<NaiveDate>,
    /// The coachee's own view of the impact, as they said it.
    #[serde(default)]
    pub coachee_view: String,
    #[serde(default)]
    pub criteria: Vec<String>,
}

/// Where a session's follow-up stands today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowUp {
    /// No follow-up day was set.
    NotSet,
    /// Set for today or later; nothing held since.
    Planned(NaiveDate),
    /// A later session with the coachee was held, on this day.
    Held(NaiveDate),
    /// The day has passed and no later session was held.
    Overdue(NaiveDate),
}

impl CoachingSession {
    /// A new, empty session held on `date`.
    pub fn new(id: Id, date: NaiveDate, now: DateTime<FixedOffset>) -> CoachingSession {
        CoachingSession {
            format: super::FORMAT,
            id,
            date,
            created: now,
            updated: now,
            coachee: String::new(),
            workspace: String::new(),
            focus: String::new(),
            goal: String::new(),
            observed: String::new(),
            observed_on: None,
            feedback: String::new(),
            response: String::new(),
            actions: String::new(),
            preference: String::new(),
            barriers: String::new(),
            adapted: String::new(),
            follow_up: None,
            impact: Impact::default(),
            evaluated: None,
            coachee_view: String::new(),
            criteria: Vec::new(),
        }
    }

    /// "Sam Okafor: complaint calls".
    pub fn headline(&self) -> String {
        let who = self.coachee.trim();
        let focus = self.focus.trim();
        match (who.is_empty(), focus.is_empty()) {
            (true, true) => "Coaching session".into(),
            (false, true) => format!("Coaching {who}"),
            (true, false) => format!("Coaching: {focus}"),
            (false, false) => format!("{who}: {focus}"),
        }
    }

    /// Its texts with their labels, in the order an assessor reads them,
    /// empty ones left out.
    pub fn parts(&self) -> Vec<(&'static str, &str)> {
        [
            ("Coachee's goal", self.goal.as_str()),
            ("Observed", &self.observed),
            ("Feedback given", &self.feedback),
            ("Coachee's response", &self.response),
            ("Agreed actions", &self.actions),
            ("Learning preference", &self.preference),
            ("Barriers", &self.barriers),
            ("Support adapted", &self.adapted),
            ("Impact L1 reaction", &self.impact.reaction),
            ("Impact L2 learning", &self.impact.learning),
            ("Impact L3 behaviour", &self.impact.behaviour),
            ("Impact L4 results", &self.impact.results),
            ("Coachee's view", &self.coachee_view),
        ]
        .into_iter()
        .map(|(label, text)| (label, text.trim()))
        .filter(|(_, text)| !text.is_empty())
        .collect()
    }

    /// Days from what was observed to the feedback (0 when observed in the
    /// session itself).
    pub fn feedback_delay(&self) -> i64 {
        self.observed_on
            .map(|o| (self.date - o).num_days())
            .unwrap_or(0)
    }

    /// Whether the feedback came within [`TIMELY_DAYS`] of what it is about.
    pub fn is_timely(&self) -> bool {
        (0..=TIMELY_DAYS).contains(&self.feedback_delay())
    }

    /// Whether the feedback is long enough to say what was seen and what
    /// to change.
    pub fn is_specific(&self) -> bool {
        self.feedback.split_whitespace().count() >= SPECIFIC_WORDS
    }

    /// The highest Kirkpatrick level evaluated (1-4), or 0.
    pub fn impact_level(&self) -> u8 {
        self.impact.level_reached()
    }

    /// Evaluated at level 2 or above with the coachee's own view written.
    pub fn impact_with_coachee(&self) -> bool {
        self.impact_level() >= 2 && !self.coachee_view.trim().is_empty()
    }

    /// Whether the impact is due today and not yet evaluated: from the
    /// follow-up day, or [`IMPACT_AFTER_DAYS`] after the session.
    pub fn impact_due(&self, today: NaiveDate) -> bool {
        let from = self
            .follow_up
            .unwrap_or(self.date + chrono::Duration::days(IMPACT_AFTER_DAYS));
        self.impact_level() == 0 && today >= from
    }

    /// Where its follow-up stands among `log` (the whole coaching log).
    pub fn follow_up(&self, log: &[CoachingSession], today: NaiveDate) -> FollowUp {
        let Some(day) = self.follow_up else {
            return FollowUp::NotSet;
        };
        let later = log
            .iter()
            .filter(|s| s.id != self.id && same_person(&s.coachee, &self.coachee))
            .filter(|s| s.date > self.date)
            .map(|s| s.date)
            .min();
        match later {
            Some(held) => FollowUp::Held(held),
            None if day < today => FollowUp::Overdue(day),
            None => FollowUp::Planned(day),
        }
    }

    pub fn to_ref(&self) -> RecordRef {
        RecordRef {
            kind: RecordType::Coaching,
            id: self.id.clone(),
            date: Some(self.date),
            title: short(&self.headline(), 60).into(),
        }
    }
}

/// Whether two typed names are the same coachee (case and spacing aside).
pub fn same_person(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let (a, b) = (norm(a), norm(b));
    !a.is_empty() && a == b
}

/// The coachees named in `log`, as first written, in order of first session.
pub fn coachees(log: &[CoachingSession]) -> Vec<String> {
    let mut by_date: Vec<&CoachingSession> = log.iter().collect();
    by_date.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
    let mut out: Vec<String> = Vec::new();
    for s in by_date {
        let name = s.coachee.trim();
        if !name.is_empty() && !out.iter().any(|o| same_person(o, name)) {
            out.push(name.to_string());
        }
    }
    out
}

/// Each coachee with their sessions, oldest first; coachees in the order
/// of their first session.
pub fn by_coachee(log: &[CoachingSession]) -> Vec<(String, Vec<&CoachingSession>)> {
    coachees(log)
        .into_iter()
        .map(|who| {
            let mut theirs: Vec<&CoachingSession> = log
                .iter()
                .filter(|s| same_person(&s.coachee, &who))
                .collect();
            theirs.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
            (who, theirs)
        })
        .collect()
}

/// One thing due in the coaching log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Due {
    /// The follow-up of this session is past its day with nothing held.
    FollowUp { session: Id, day: NaiveDate },
    /// This session's impact is due and not yet evaluated.
    Impact { session: Id },
}

/// What is due in `log` today, oldest session first.
pub fn due(log: &[CoachingSession], today: NaiveDate) -> Vec<Due> {
    let mut by_date: Vec<&CoachingSession> = log.iter().collect();
    by_date.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
    let mut out = Vec::new();
    for s in by_date {
        if let FollowUp::Overdue(day) = s.follow_up(log, today) {
            out.push(Due::FollowUp {
                session: s.id.clone(),
                day,
            });
        }
        if s.impact_due(today) {
            out.push(Due::Impact {
                session: s.id.clone(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::*;

    fn session(n: u8, who: &str, date: NaiveDate) -> CoachingSession {
        let mut s = CoachingSession::new(id(n), date, at(date));
        s.coachee = who.into();
        s.focus = "complaint calls".into();
        s
    }

    #[test]
    fn a_session_reads_back_from_its_file() {
        let d = day(2026, 10, 3);
        let mut s = session(1, "Sam Okafor", d);
        s.observed_on = Some(day(2026, 10, 1));
        s.feedback = "You acknowledged the delay straight away; next, give the date of the fix before the customer asks".into();
        s.follow_up = Some(day(2026, 10, 17));
        s.impact.learning = "Sam can name the four HEAT steps".into();
        let text = ron::ser::to_string_pretty(&s, ron::ser::PrettyConfig::default()).expect("ron");
        let back: CoachingSession = ron::from_str(&text).expect("reads");
        assert_eq!(back, s);
        let json = serde_json::to_string(&s).expect("json");
        assert_eq!(
            serde_json::from_str::<CoachingSession>(&json).expect("json back"),
            s
        );
        assert_eq!(s.headline(), "Sam Okafor: complaint calls");
        assert_eq!(s.feedback_delay(), 2);
        assert!(s.is_timely() && s.is_specific());
        assert_eq!(s.impact_level(), 2);
        assert!(!s.impact_with_coachee(), "no view from Sam yet");
    }

    #[test]
    fn feedback_a_fortnight_after_the_call_is_not_timely() {
        let mut s = session(1, "Sam", day(2026, 10, 15));
        s.observed_on = Some(day(2026, 10, 1));
        assert!(!s.is_timely());
        s.observed_on = Some(day(2026, 10, 20));
        assert!(!s.is_timely(), "observed after the session: a typing slip");
        s.feedback = "Good call".into();
        assert!(!s.is_specific());
    }

    #[test]
    fn a_follow_up_is_held_by_any_later_session_with_the_same_coachee() {
        let today = day(2026, 11, 29);
        let mut first = session(1, "Sam Okafor", day(2026, 10, 1));
        first.follow_up = Some(day(2026, 10, 15));
        let other = session(2, "Lee Grant", day(2026, 10, 20));
        let log = vec![first.clone(), other];
        assert_eq!(
            first.follow_up(&log, today),
            FollowUp::Overdue(day(2026, 10, 15))
        );
        let again = session(3, "  sam  okafor ", day(2026, 10, 16));
        let log = vec![first.clone(), again];
        assert_eq!(
            first.follow_up(&log, today),
            FollowUp::Held(day(2026, 10, 16))
        );
        first.follow_up = Some(day(2026, 12, 1));
        assert_eq!(
            first.follow_up(&[first.clone()], today),
            FollowUp::Planned(day(2026, 12, 1))
        );
        first.follow_up = None;
        assert_eq!(first.follow_up(&[], today), FollowUp::NotSet);
    }

    #[test]
    fn what_is_due_lists_overdue_follow_ups_and_unevaluated_impact() {
        let today = day(2026, 11, 29);
        let mut old = session(1, "Sam", day(2026, 9, 1));
        old.follow_up = Some(day(2026, 9, 15));
        let mut evaluated = session(2, "Lee", day(2026, 9, 2));
        evaluated.impact.reaction = "Found it useful".into();
        let recent = session(3, "Ana", day(2026, 11, 20));
        let log = vec![recent, evaluated, old];
        assert_eq!(
            due(&log, today),
            vec![
                Due::FollowUp {
                    session: id(1),
                    day: day(2026, 9, 15)
                },
                Due::Impact { session: id(1) },
            ],
            "Lee's impact is evaluated; Ana's session is not a month old"
        );
        assert_eq!(coachees(&log), vec!["Sam", "Lee", "Ana"]);
    }
}
