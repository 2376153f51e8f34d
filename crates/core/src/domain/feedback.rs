//! Feedback received, and its triage from new to archived.
//!
//! Triage is a small state machine: new -> reflected -> actioned -> archived.
//! Each step is a pure function from one version of a `Feedback` to the next,
//! refusing with a learner-readable reason when the step does not make sense
//! (above all: constructive or negative feedback is never archived unread,
//! because assessors credit feedback that was analysed and acted on, not filed).
//! `triangulation` counts feedback by source and valence over a review period
//! and spots repeated themes; `filter` narrows the inbox.

pub mod filter;
pub mod triangulation;

pub use filter::FeedbackFilter;
pub use triangulation::{ReviewPeriod, Theme, Triangulation, TriangulationWarning};

use super::{Id, dates};
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

/// Who the feedback came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum FeedbackSource {
    Customer,
    Colleague,
    Manager,
    Mentor,
    Assessor,
    OtherDepartment,
    SelfAssessment,
}

impl FeedbackSource {
    pub const ALL: [FeedbackSource; 7] = [
        FeedbackSource::Customer,
        FeedbackSource::Colleague,
        FeedbackSource::Manager,
        FeedbackSource::Mentor,
        FeedbackSource::Assessor,
        FeedbackSource::OtherDepartment,
        FeedbackSource::SelfAssessment,
    ];

    pub fn label(self) -> &'static str {
        match self {
            FeedbackSource::Customer => "customer",
            FeedbackSource::Colleague => "colleague",
            FeedbackSource::Manager => "manager",
            FeedbackSource::Mentor => "mentor",
            FeedbackSource::Assessor => "assessor",
            FeedbackSource::OtherDepartment => "other department",
            FeedbackSource::SelfAssessment => "self",
        }
    }

    /// Reads a source as typed on the command line (`customer`, `peer`, `manager`...).
    pub fn parse(text: &str) -> Option<FeedbackSource> {
        let t = text
            .trim()
            .to_ascii_lowercase()
            .replace(['-', '_', ' '], "");
        Some(match t.as_str() {
            "customer" | "client" => FeedbackSource::Customer,
            "colleague" | "peer" | "colleaguepeer" => FeedbackSource::Colleague,
            "manager" | "supervisor" | "teamleader" | "managersupervisor" => {
                FeedbackSource::Manager
            }
            "mentor" | "coach" => FeedbackSource::Mentor,
            "assessor" => FeedbackSource::Assessor,
            "otherdepartment" | "department" => FeedbackSource::OtherDepartment,
            "self" => FeedbackSource::SelfAssessment,
            _ => return None,
        })
    }
}

/// How the feedback was gathered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FeedbackMethod {
    Survey,
    Observation,
    PeerReview,
    Appraisal,
    Complaint,
    Compliment,
    MysteryShopping,
    Conversation,
}

impl FeedbackMethod {
    pub const ALL: [FeedbackMethod; 8] = [
        FeedbackMethod::Survey,
        FeedbackMethod::Observation,
        FeedbackMethod::PeerReview,
        FeedbackMethod::Appraisal,
        FeedbackMethod::Complaint,
        FeedbackMethod::Compliment,
        FeedbackMethod::MysteryShopping,
        FeedbackMethod::Conversation,
    ];

    pub fn label(self) -> &'static str {
        match self {
            FeedbackMethod::Survey => "survey",
            FeedbackMethod::Observation => "observation",
            FeedbackMethod::PeerReview => "peer review",
            FeedbackMethod::Appraisal => "appraisal",
            FeedbackMethod::Complaint => "complaint",
            FeedbackMethod::Compliment => "compliment",
            FeedbackMethod::MysteryShopping => "mystery shopping",
            FeedbackMethod::Conversation => "conversation",
        }
    }

    /// Reads a method as typed on the command line (`survey`, `peer-review`,
    /// `mystery shopping`...).
    pub fn parse(text: &str) -> Option<FeedbackMethod> {
        let t = text
            .trim()
            .to_ascii_lowercase()
            .replace(['-', '_', ' '], "");
        Some(match t.as_str() {
            "survey" | "questionnaire" => FeedbackMethod::Survey,
            "observation" | "observed" => FeedbackMethod::Observation,
            "peerreview" | "peer" => FeedbackMethod::PeerReview,
            "appraisal" | "onetoone" | "121" => FeedbackMethod::Appraisal,
            "complaint" => FeedbackMethod::Complaint,
            "compliment" => FeedbackMethod::Compliment,
            "mysteryshopping" | "mysteryshop" | "mysteryshopper" => FeedbackMethod::MysteryShopping,
            "conversation" | "call" | "chat" | "talk" => FeedbackMethod::Conversation,
            _ => return None,
        })
    }
}

/// Whether the feedback praises, suggests or criticises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Valence {
    Positive,
    Constructive,
    Negative,
}

impl Valence {
    pub const ALL: [Valence; 3] = [Valence::Positive, Valence::Constructive, Valence::Negative];

    /// Constructive and negative feedback must be reflected on before it is archived.
    pub fn needs_reflection(self) -> bool {
        self != Valence::Positive
    }

    pub fn label(self) -> &'static str {
        match self {
            Valence::Positive => "positive",
            Valence::Constructive => "constructive",
            Valence::Negative => "negative",
        }
    }

    /// The label with a capital, to start a sentence.
    pub fn title(self) -> &'static str {
        match self {
            Valence::Positive => "Positive",
            Valence::Constructive => "Constructive",
            Valence::Negative => "Negative",
        }
    }

    pub fn parse(text: &str) -> Option<Valence> {
        match text.trim().to_ascii_lowercase().as_str() {
            "positive" | "pos" | "+" => Some(Valence::Positive),
            "constructive" | "con" => Some(Valence::Constructive),
            "negative" | "neg" | "-" => Some(Valence::Negative),
            _ => None,
        }
    }
}

/// Triage state: new -> reflected -> actioned -> archived.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum FeedbackState {
    New,
    Reflected,
    Actioned,
    Archived,
}

impl FeedbackState {
    pub const ALL: [FeedbackState; 4] = [
        FeedbackState::New,
        FeedbackState::Reflected,
        FeedbackState::Actioned,
        FeedbackState::Archived,
    ];

    /// Reads a state as typed in a filter (`new`, `reflected`...).
    pub fn parse(text: &str) -> Option<FeedbackState> {
        match text.trim().to_ascii_lowercase().as_str() {
            "new" | "unread" => Some(FeedbackState::New),
            "reflected" => Some(FeedbackState::Reflected),
            "actioned" | "acted" => Some(FeedbackState::Actioned),
            "archived" => Some(FeedbackState::Archived),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            FeedbackState::New => "new",
            FeedbackState::Reflected => "reflected",
            FeedbackState::Actioned => "actioned",
            FeedbackState::Archived => "archived",
        }
    }
}

/// One piece of feedback.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Feedback {
    pub format: u32,
    pub id: Id,
    #[serde(with = "dates::day")]
    pub date: NaiveDate,
    #[serde(with = "crate::domain::dates::moment")]
    pub created: DateTime<FixedOffset>,
    #[serde(with = "crate::domain::dates::moment")]
    pub updated: DateTime<FixedOffset>,
    pub source: FeedbackSource,
    pub method: FeedbackMethod,
    /// Name of who gave it; empty for anonymous.
    #[serde(default)]
    pub who: String,
    /// Their role, e.g. "team leader".
    #[serde(default)]
    pub role: String,
    pub text: String,
    pub valence: Valence,
    pub state: FeedbackState,
    /// The learner's reflection on it.
    #[serde(default)]
    pub reflection: String,
    /// What the learner did about it.
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub objectives: Vec<Id>,
    /// Diary entries that reflect on or act upon it.
    #[serde(default)]
    pub entries: Vec<Id>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub criteria: Vec<String>,
    /// The development activity this feedback is about (a course, a session
    /// shadowing someone...), when it is about one: assessors look for
    /// feedback on the development activities themselves. Files from before
    /// the field read as `None`. Always written (never skipped when `None`):
    /// the load cache's postcard cannot read back a field left out.
    #[serde(default)]
    pub activity: Option<Id>,
}

/// What acting on feedback links it to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActionLink {
    /// An objective in the development plan (existing, or new and made from the feedback).
    Objective(Id),
    /// A diary entry that records what was done.
    Entry(Id),
}

/// Why a triage step was refused, in words for the learner.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TriageError {
    #[error("the reflection is empty: write what this feedback tells you about your work")]
    EmptyReflection,
    #[error(
        "{valence} feedback can't be archived before you reflect on it (press r): assessors \
         credit feedback that was analysed and acted on, not just filed"
    )]
    ArchiveNeedsReflection { valence: &'static str },
    #[error(
        "reflect on this {valence} feedback before acting on it: press r and write what it tells you"
    )]
    ActNeedsReflection { valence: &'static str },
    #[error("this feedback is already linked to that {what}")]
    AlreadyLinked { what: &'static str },
    #[error("this feedback is already archived")]
    AlreadyArchived,
    #[error("this feedback is not archived, so there is nothing to reopen")]
    NotArchived,
}

impl Feedback {
    /// New feedback, untriaged, received on `date` and recorded at `now`.
    pub fn new(
        id: Id,
        date: NaiveDate,
        now: DateTime<FixedOffset>,
        source: FeedbackSource,
        method: FeedbackMethod,
        valence: Valence,
        text: String,
    ) -> Feedback {
        Feedback {
            format: super::FORMAT,
            id,
            date,
            created: now,
            updated: now,
            source,
            method,
            who: String::new(),
            role: String::new(),
            text,
            valence,
            state: FeedbackState::New,
            reflection: String::new(),
            action: String::new(),
            objectives: Vec::new(),
            entries: Vec::new(),
            tags: Vec::new(),
            criteria: Vec::new(),
            activity: None,
        }
    }

    /// "Gareth Evans (team leader)", "a customer (post-call survey)" or "anonymous".
    pub fn who_label(&self) -> String {
        match (self.who.trim(), self.role.trim()) {
            ("", "") => "anonymous".to_string(),
            ("", role) => format!("anonymous, {role}"),
            (who, "") => who.to_string(),
            (who, role) => format!("{who} ({role})"),
        }
    }

    /// The first line of the feedback, for lists.
    pub fn headline(&self) -> &str {
        self.text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("(no text)")
    }

    pub fn is_reflected(&self) -> bool {
        !self.reflection.trim().is_empty()
    }

    /// True when something was done about it: a link or a written action.
    pub fn is_acted_on(&self) -> bool {
        !self.objectives.is_empty() || !self.entries.is_empty() || !self.action.trim().is_empty()
    }

    /// Still waiting for the learner: constructive or negative feedback not yet
    /// reflected on or not yet acted on (readiness rule 5).
    pub fn is_unanswered(&self) -> bool {
        self.valence.needs_reflection() && !(self.is_reflected() && self.is_acted_on())
    }

    /// The state its contents earn, ignoring archiving: used when reopening.
    fn earned_state(&self) -> FeedbackState {
        if self.is_acted_on() && (self.is_reflected() || !self.valence.needs_reflection()) {
            FeedbackState::Actioned
        } else if self.is_reflected() {
            FeedbackState::Reflected
        } else {
            FeedbackState::New
        }
    }

    /// Records (or rewrites) the learner's reflection. New feedback moves to
    /// reflected; later states keep their place.
    pub fn reflect(
        &self,
        reflection: &str,
        now: DateTime<FixedOffset>,
    ) -> Result<Feedback, TriageError> {
        if reflection.trim().is_empty() {
            return Err(TriageError::EmptyReflection);
        }
        let mut next = self.clone();
        next.reflection = reflection.trim_end().to_string();
        if next.state == FeedbackState::New {
            next.state = FeedbackState::Reflected;
        }
        next.updated = now;
        Ok(next)
    }

    /// Links the feedback to what was done about it, with an optional note of
    /// the action, and moves it to actioned (archived feedback stays archived).
    /// Constructive and negative feedback must be reflected on first.
    pub fn act(
        &self,
        link: ActionLink,
        note: &str,
        now: DateTime<FixedOffset>,
    ) -> Result<Feedback, TriageError> {
        if self.valence.needs_reflection() && !self.is_reflected() {
            return Err(TriageError::ActNeedsReflection {
                valence: self.valence.label(),
            });
        }
        let mut next = self.clone();
        match link {
            ActionLink::Objective(id) => {
                if next.objectives.contains(&id) {
                    return Err(TriageError::AlreadyLinked { what: "objective" });
                }
                next.objectives.push(id);
            }
            ActionLink::Entry(id) => {
                if next.entries.contains(&id) {
                    return Err(TriageError::AlreadyLinked {
                        what: "diary entry",
                    });
                }
                next.entries.push(id);
            }
        }
        let note = note.trim();
        if !note.is_empty() {
            if next.action.trim().is_empty() {
                next.action = note.to_string();
            } else {
                next.action = format!("{}\n{note}", next.action.trim_end());
            }
        }
        if next.state != FeedbackState::Archived {
            next.state = FeedbackState::Actioned;
        }
        next.updated = now;
        Ok(next)
    }

    /// Files the feedback away. Positive feedback may be archived straight
    /// from new; constructive and negative feedback needs a reflection first.
    pub fn archive(&self, now: DateTime<FixedOffset>) -> Result<Feedback, TriageError> {
        if self.state == FeedbackState::Archived {
            return Err(TriageError::AlreadyArchived);
        }
        if self.valence.needs_reflection() && !self.is_reflected() {
            return Err(TriageError::ArchiveNeedsReflection {
                valence: self.valence.title(),
            });
        }
        let mut next = self.clone();
        next.state = FeedbackState::Archived;
        next.updated = now;
        Ok(next)
    }

    /// Brings archived feedback back into the inbox, in the state its
    /// reflection and links earn.
    pub fn reopen(&self, now: DateTime<FixedOffset>) -> Result<Feedback, TriageError> {
        if self.state != FeedbackState::Archived {
            return Err(TriageError::NotArchived);
        }
        let mut next = self.clone();
        next.state = self.earned_state();
        next.updated = now;
        Ok(next)
    }

    /// The step that would move this item on, for the status line.
    pub fn next_step(&self) -> NextStep {
        match self.state {
            FeedbackState::New if self.valence.needs_reflection() => NextStep::Reflect,
            FeedbackState::New => NextStep::ActOrArchive,
            FeedbackState::Reflected => NextStep::Act,
            FeedbackState::Actioned => NextStep::Archive,
            FeedbackState::Archived => NextStep::Done,
        }
    }
}

/// What the learner would do next with an item, to guide triage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NextStep {
    Reflect,
    /// Positive feedback: act on it if it shows something worth building on, or file it.
    ActOrArchive,
    Act,
    Archive,
    Done,
}

impl NextStep {
    pub fn advice(self) -> &'static str {
        match self {
            NextStep::Reflect => "next: reflect on what it tells you",
            NextStep::ActOrArchive => "next: act on it, or archive it",
            NextStep::Act => "next: link it to an objective or a diary entry",
            NextStep::Archive => "next: archive it when you are done",
            NextStep::Done => "archived",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-23T09:00:00+00:00").expect("valid")
    }

    fn later() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-24T17:30:00+00:00").expect("valid")
    }

    fn feedback(valence: Valence) -> Feedback {
        Feedback::new(
            Id::from_parts(1_700_000_000_000, [7; 10]),
            NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid"),
            now(),
            FeedbackSource::Customer,
            FeedbackMethod::Complaint,
            valence,
            "You kept quoting the policy at me.".into(),
        )
    }

    fn objective() -> Id {
        Id::from_parts(1_600_000_000_000, [1; 10])
    }

    fn entry() -> Id {
        Id::from_parts(1_650_000_000_000, [2; 10])
    }

    #[test]
    fn negative_feedback_walks_new_reflected_actioned_archived() {
        let f = feedback(Valence::Negative);
        assert_eq!(f.state, FeedbackState::New);
        assert_eq!(f.next_step(), NextStep::Reflect);

        let f = f
            .reflect("I explained instead of apologising.  \n", later())
            .expect("reflect");
        assert_eq!(f.state, FeedbackState::Reflected);
        assert_eq!(f.reflection, "I explained instead of apologising.");
        assert_eq!(f.updated, later());
        assert_eq!(f.created, now(), "created never moves");
        assert_eq!(f.next_step(), NextStep::Act);

        let f = f
            .act(
                ActionLink::Objective(objective()),
                "Agreed a HEAT objective.",
                later(),
            )
            .expect("act");
        assert_eq!(f.state, FeedbackState::Actioned);
        assert_eq!(f.objectives, [objective()]);
        assert_eq!(f.action, "Agreed a HEAT objective.");
        assert_eq!(f.next_step(), NextStep::Archive);

        let f = f.archive(later()).expect("archive");
        assert_eq!(f.state, FeedbackState::Archived);
        assert_eq!(f.next_step(), NextStep::Done);
        assert_eq!(f.archive(later()), Err(TriageError::AlreadyArchived));
    }

    #[test]
    fn constructive_or_negative_feedback_cannot_be_archived_without_a_reflection() {
        for valence in [Valence::Constructive, Valence::Negative] {
            let f = feedback(valence);
            let err = f.archive(later()).expect_err("refused");
            assert_eq!(
                err,
                TriageError::ArchiveNeedsReflection {
                    valence: valence.title()
                }
            );
            let msg = err.to_string();
            assert!(
                msg.starts_with(&format!(
                    "{} feedback can't be archived before you reflect on it",
                    valence.title()
                )),
                "{msg}"
            );
            assert!(msg.contains("press r"), "says how: {msg}");
            assert!(msg.contains("not just filed"), "says why: {msg}");
            // A blank reflection is no reflection.
            let mut blank = f.clone();
            blank.reflection = "   ".into();
            assert!(blank.archive(later()).is_err());
        }
    }

    #[test]
    fn positive_feedback_can_be_archived_straight_from_new() {
        let f = feedback(Valence::Positive);
        assert_eq!(f.next_step(), NextStep::ActOrArchive);
        let f = f.archive(later()).expect("positive needs no reflection");
        assert_eq!(f.state, FeedbackState::Archived);
    }

    #[test]
    fn reflected_negative_feedback_may_be_archived_without_an_action() {
        let f = feedback(Valence::Negative)
            .reflect(
                "Nothing I could have done: the outage was national.",
                later(),
            )
            .expect("reflect");
        assert_eq!(
            f.archive(later()).expect("archived").state,
            FeedbackState::Archived
        );
    }

    #[test]
    fn an_empty_reflection_is_refused_and_nothing_changes() {
        let f = feedback(Valence::Negative);
        let err = f.reflect(" \n\t", later()).expect_err("empty");
        assert_eq!(err, TriageError::EmptyReflection);
        assert!(
            err.to_string()
                .contains("write what this feedback tells you")
        );
    }

    #[test]
    fn acting_on_negative_feedback_needs_a_reflection_first() {
        let f = feedback(Valence::Negative);
        let err = f
            .act(ActionLink::Entry(entry()), "", later())
            .expect_err("reflect first");
        assert_eq!(
            err.to_string(),
            "reflect on this negative feedback before acting on it: press r and write what it tells you"
        );
        // Positive feedback can be acted on at once (something to build on).
        let p = feedback(Valence::Positive)
            .act(ActionLink::Entry(entry()), "", later())
            .expect("positive");
        assert_eq!(p.state, FeedbackState::Actioned);
        assert_eq!(p.entries, [entry()]);
        assert!(p.action.is_empty(), "no note, no action text");
    }

    #[test]
    fn acting_again_adds_links_and_notes_but_not_twice_the_same_link() {
        let f = feedback(Valence::Constructive)
            .reflect("Fair point.", later())
            .and_then(|f| {
                f.act(
                    ActionLink::Objective(objective()),
                    "New objective.",
                    later(),
                )
            })
            .and_then(|f| f.act(ActionLink::Entry(entry()), "Wrote it up.", later()))
            .expect("two actions");
        assert_eq!(f.objectives, [objective()]);
        assert_eq!(f.entries, [entry()]);
        assert_eq!(f.action, "New objective.\nWrote it up.");
        let err = f
            .act(ActionLink::Objective(objective()), "", later())
            .expect_err("duplicate");
        assert_eq!(
            err.to_string(),
            "this feedback is already linked to that objective"
        );
    }

    #[test]
    fn rewriting_a_reflection_keeps_the_items_place() {
        let f = feedback(Valence::Negative)
            .reflect("First thoughts.", later())
            .and_then(|f| f.act(ActionLink::Entry(entry()), "", later()))
            .expect("actioned");
        let f = f.reflect("Second thoughts.", later()).expect("rewrite");
        assert_eq!(f.state, FeedbackState::Actioned);
        assert_eq!(f.reflection, "Second thoughts.");
    }

    #[test]
    fn acting_on_archived_feedback_keeps_it_archived() {
        let f = feedback(Valence::Positive)
            .archive(later())
            .expect("archived");
        let f = f
            .act(ActionLink::Entry(entry()), "", later())
            .expect("link");
        assert_eq!(f.state, FeedbackState::Archived);
    }

    #[test]
    fn reopening_returns_to_the_state_the_item_earned() {
        let bare = feedback(Valence::Positive)
            .archive(later())
            .expect("archived");
        assert_eq!(
            bare.reopen(later()).expect("reopen").state,
            FeedbackState::New
        );

        let reflected = feedback(Valence::Negative)
            .reflect("Hm.", later())
            .and_then(|f| f.archive(later()))
            .expect("archived");
        assert_eq!(
            reflected.reopen(later()).expect("reopen").state,
            FeedbackState::Reflected
        );

        let acted = feedback(Valence::Negative)
            .reflect("Hm.", later())
            .and_then(|f| f.act(ActionLink::Objective(objective()), "", later()))
            .and_then(|f| f.archive(later()))
            .expect("archived");
        assert_eq!(
            acted.reopen(later()).expect("reopen").state,
            FeedbackState::Actioned
        );

        assert_eq!(
            feedback(Valence::Negative).reopen(later()),
            Err(TriageError::NotArchived)
        );
    }

    #[test]
    fn unanswered_means_constructive_or_negative_without_reflection_and_action() {
        let f = feedback(Valence::Negative);
        assert!(f.is_unanswered());
        let f = f.reflect("Hm.", later()).expect("reflect");
        assert!(f.is_unanswered(), "reflected but not acted on");
        let f = f.act(ActionLink::Entry(entry()), "", later()).expect("act");
        assert!(!f.is_unanswered());
        assert!(!feedback(Valence::Positive).is_unanswered());
    }

    #[test]
    fn who_label_covers_named_role_and_anonymous() {
        let mut f = feedback(Valence::Positive);
        assert_eq!(f.who_label(), "anonymous");
        f.role = "post-call survey".into();
        assert_eq!(f.who_label(), "anonymous, post-call survey");
        f.who = "Gareth Evans".into();
        assert_eq!(f.who_label(), "Gareth Evans (post-call survey)");
        f.role.clear();
        assert_eq!(f.who_label(), "Gareth Evans");
    }

    #[test]
    fn sources_methods_valences_and_states_read_as_typed() {
        assert_eq!(
            FeedbackSource::parse("Peer"),
            Some(FeedbackSource::Colleague)
        );
        assert_eq!(
            FeedbackSource::parse("other-department"),
            Some(FeedbackSource::OtherDepartment)
        );
        assert_eq!(
            FeedbackMethod::parse("mystery shopping"),
            Some(FeedbackMethod::MysteryShopping)
        );
        assert_eq!(
            FeedbackMethod::parse("Peer_Review"),
            Some(FeedbackMethod::PeerReview)
        );
        assert_eq!(FeedbackMethod::parse("telepathy"), None);
        for m in FeedbackMethod::ALL {
            assert_eq!(FeedbackMethod::parse(m.label()), Some(m), "{m:?}");
        }
        for s in FeedbackState::ALL {
            assert_eq!(FeedbackState::parse(s.label()), Some(s), "{s:?}");
        }
        for v in Valence::ALL {
            assert_eq!(Valence::parse(v.label()), Some(v), "{v:?}");
        }
    }
}
