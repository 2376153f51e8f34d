//! The coaching session forms, for a team leader's coaching log (`C`): the
//! session as held (who, when, what about, the coachee's own goal, what was
//! observed and when, the feedback given, what the coachee said about it,
//! the actions agreed, the learning preference and barriers considered, how
//! support was adapted, the follow-up day), and later the impact of the same
//! session at Kirkpatrick's levels, evaluated with the coachee, with their
//! own view (`i` in the log). Both change the one record.

use super::field::{Field, Fields};
use super::record::{FormRecord, Now, RecordEngine, kind};
use super::{Advice, Engine, FieldError, RecordForm, Spec, Tone};
use crate::domain::coaching::{self, FollowUp, SPECIFIC_WORDS, TIMELY_DAYS};
use crate::domain::{AnyRecord, CoachingSession, Draft, DraftForm, Id, Records};
use crate::tui::App;
use chrono::NaiveDate;

/// The open coaching session form.
pub type CoachingForm = RecordEngine<CoachingSession>;

impl FormRecord for CoachingSession {
    kind!(
        Coaching,
        "Coaching session",
        "coaching session",
        ["New coaching session", "Edit coaching session"]
    );
    const CRITERIA: &'static str = "Which criteria does this session show? ↑/↓ move, Space ticks";

    fn blank(at: Now) -> Self {
        CoachingSession::new(Id::generate(), at.date_naive(), at)
    }

    fn fields(&self, _records: &Records, criteria: Field) -> Vec<Field> {
        vec![
            Field::line(
                "coachee",
                "Coachee",
                "Who you coached: a colleague's name (never a customer's)",
                &self.coachee,
            ),
            Field::date(
                "date",
                "Date held",
                "The day of the session: today, 14/10/2026, -2d",
                self.date,
            ),
            Field::line(
                "focus",
                "Focus",
                "What the session was about, e.g. \"complaint calls: taking action\"",
                &self.focus,
            ),
            Field::text(
                "goal",
                "Their goal",
                "The coachee's own goal for it, in their words",
                &self.goal,
            ),
            Field::text(
                "observed",
                "Observed",
                "What you saw or heard: a call listened to, a reply read, a desk observed",
                &self.observed,
            ),
            Field::optional_date(
                "observed_on",
                "Observed on",
                "The day of what you observed, when not the session's day (empty: in the session)",
                self.observed_on,
            ),
            Field::text(
                "feedback",
                "Feedback given",
                "Specific: what you saw, its effect on the customer, what to keep or change",
                &self.feedback,
            ),
            Field::text(
                "response",
                "Their response",
                "What the coachee said about it: agreement, doubts, resistance",
                &self.response,
            ),
            Field::text(
                "actions",
                "Agreed actions",
                "Who does what by when",
                &self.actions,
            ),
            Field::text(
                "preference",
                "Learning pref.",
                "How the coachee prefers to learn, and how that shaped your approach",
                &self.preference,
            ),
            Field::text(
                "barriers",
                "Barriers",
                "Time, confidence, workload, support: what holds them back and what is done",
                &self.barriers,
            ),
            Field::text(
                "adapted",
                "Support adapted",
                "How you changed your support after their feedback and progress",
                &self.adapted,
            ),
            Field::optional_date(
                "follow_up",
                "Follow-up",
                "When to follow up: +2w, 12/12/2026, end of month",
                self.follow_up,
            ),
            Field::line(
                "workspace",
                "Their workspace",
                "Optional: the coachee's own starlog workspace name in a shared folder",
                &self.workspace,
            ),
            criteria,
        ]
    }

    /// The session to save, or the field to fix and why.
    fn read(&self, f: &Fields, today: NaiveDate, now: Now) -> Result<Self, FieldError> {
        let mut s = self.clone();
        s.coachee = f.required("coachee", "Coachee: name who you coached")?;
        s.date = f.day("date", today)?;
        s.observed_on = f.optional_day("observed_on", today)?;
        if let Some(o) = s.observed_on.filter(|o| *o > s.date) {
            return Err(FieldError::new(
                "observed_on",
                format!("Observed on: {o} is after the session; feedback follows what it is about"),
            ));
        }
        s.follow_up = f.optional_day("follow_up", today)?;
        if let Some(d) = s.follow_up.filter(|d| *d <= s.date) {
            return Err(FieldError::new(
                "follow_up",
                format!("Follow-up: {d} is not after the session; give a later day"),
            ));
        }
        s.focus = f.text("focus").trim().to_string();
        s.workspace = f.text("workspace").trim().to_string();
        for (name, slot) in [
            ("goal", &mut s.goal),
            ("observed", &mut s.observed),
            ("feedback", &mut s.feedback),
            ("response", &mut s.response),
            ("actions", &mut s.actions),
            ("preference", &mut s.preference),
            ("barriers", &mut s.barriers),
            ("adapted", &mut s.adapted),
        ] {
            *slot = f.text(name).trim_end().to_string();
        }
        s.updated = now;
        Ok(s)
    }

    fn advice(&self, f: &Fields, app: &App) -> Option<Advice> {
        let mut a = Advice::new("What an assessor looks for");
        let feedback = f.text("feedback");
        let words = feedback.split_whitespace().count();
        let (tone, text) = if words == 0 {
            (
                Tone::Hint,
                "Feedback given: say what you saw, its effect, what to keep or change.".to_string(),
            )
        } else if words < SPECIFIC_WORDS {
            (
                Tone::Hint,
                format!(
                    "Feedback: {} is brief; specific feedback names what you saw and what to change.",
                    crate::domain::words::count(words, "word", "words")
                ),
            )
        } else {
            (
                Tone::Good,
                "Feedback: specific enough to act on.".to_string(),
            )
        };
        a.text(tone, text);
        let date = f.day("date", app.today).ok();
        let observed = f.optional_day("observed_on", app.today).ok().flatten();
        if let (Some(d), Some(o)) = (date, observed) {
            let days = (d - o).num_days();
            if (0..=TIMELY_DAYS).contains(&days) {
                a.text(
                    Tone::Good,
                    format!("Timely: {days} days after what you observed."),
                );
            } else if days > TIMELY_DAYS {
                a.text(Tone::Hint, format!("{days} days after what you observed: feedback within {TIMELY_DAYS} days is timely."));
            }
        }
        if f.text("response").trim().is_empty() {
            a.text(
                Tone::Hint,
                "Their response: what did the coachee say about the feedback?",
            );
        }
        if f.text("follow_up").trim().is_empty() {
            a.text(
                Tone::Hint,
                "Follow-up: set a day, so the log shows when it is due.",
            );
        }
        let who = f.text("coachee");
        let earlier = app
            .model
            .records
            .coaching
            .iter()
            .filter(|s| s.id != self.id && coaching::same_person(&s.coachee, &who))
            .count();
        if earlier > 0 && f.text("adapted").trim().is_empty() {
            a.text(
                Tone::Hint,
                format!(
                    "Support adapted: {} earlier with them; how did you change your support?",
                    crate::domain::words::count(earlier, "session", "sessions")
                ),
            );
        }
        a.text(Tone::Plain, "");
        a.text(
            Tone::Dim,
            "The impact (Kirkpatrick's levels, with the coachee) is added later: i in the coaching log.",
        );
        Some(a)
    }

    fn save(self, _before: &Self, editing: bool, app: &mut App) -> Result<String, FieldError> {
        let id = self.id.clone();
        let who = self.coachee.clone();
        app.save_record(AnyRecord::Coaching(self), editing)
            .map_err(|e| FieldError::new("", e))?;
        app.select_coaching(&id);
        Ok(if editing {
            format!("Coaching session with {who} saved")
        } else {
            format!("Coaching session with {who} saved: i adds its impact later")
        })
    }
}

/// The impact form's spec: the impact of one session at Kirkpatrick's
/// levels, evaluated with the coachee, and their own view.
#[derive(Debug)]
pub struct ImpactSpec {
    pub base: CoachingSession,
}

/// The open impact form.
pub type ImpactForm = Engine<ImpactSpec>;

impl ImpactForm {
    pub fn new(s: CoachingSession, app: &App) -> ImpactForm {
        let mut fields = Fields::new(vec![
            Field::date(
                "evaluated",
                "Evaluated on",
                "The day you evaluated it with the coachee",
                s.evaluated.unwrap_or(app.today),
            ),
            Field::text(
                "reaction",
                "L1 Reaction",
                "How the coachee found the coaching",
                &s.impact.reaction,
            ),
            Field::text(
                "learning",
                "L2 Learning",
                "What they learned: what they can now explain or do",
                &s.impact.learning,
            ),
            Field::text(
                "behaviour",
                "L3 Behaviour",
                "What they now do differently at work (what you saw)",
                &s.impact.behaviour,
            ),
            Field::text(
                "results",
                "L4 Results",
                "The effect on results: a KPI before and after",
                &s.impact.results,
            ),
            Field::text(
                "coachee_view",
                "Their view",
                "The coachee's own view of the impact, as they said it",
                &s.coachee_view,
            ),
        ]);
        // The day is filled in with today, so the form opens on the first
        // part of the impact still to write: a coach's first words go there.
        let next = [
            "reaction",
            "learning",
            "behaviour",
            "results",
            "coachee_view",
        ]
        .into_iter()
        .find(|name| fields.text(name).trim().is_empty());
        if let Some(name) = next {
            fields.focus_on(name);
        }
        Engine::build(ImpactSpec { base: s }, fields)
    }

    /// The same form holding a draft's fields, for the session it names.
    pub fn from_draft(draft: &Draft, app: &App) -> Option<ImpactForm> {
        let id = draft.editing.as_ref()?;
        let s = app
            .model
            .records
            .coaching
            .iter()
            .find(|s| &s.id == id)?
            .clone();
        let mut form = ImpactForm::new(s, app);
        form.restore(draft);
        Some(form)
    }
}

impl Spec for ImpactSpec {
    fn record(&self) -> Option<RecordForm> {
        let titles = [
            "Impact of a coaching session",
            "Impact of a coaching session",
        ];
        RecordForm::of(DraftForm::Coaching, titles, true, &self.base.id)
    }

    fn fill_draft(&self, _fields: &Fields, draft: &mut Draft) {
        draft.fields.push(crate::domain::DraftField {
            name: "impact".into(),
            text: "yes".into(),
        });
    }

    fn advice(&self, f: &Fields, app: &App) -> Option<Advice> {
        let s = &self.base;
        let mut a = Advice::new(s.headline());
        a.text(Tone::Dim, format!("Held {}", s.date.format("%-d %B %Y")));
        if !s.actions.trim().is_empty() {
            a.text(Tone::Plain, format!("Agreed: {}", s.actions.trim()));
        }
        match s.follow_up(&app.model.records.coaching, app.today) {
            FollowUp::Held(d) => a.text(Tone::Good, format!("Followed up {}", d.format("%-d %B"))),
            FollowUp::Overdue(d) => a.text(
                Tone::Bad,
                format!("Follow-up due {} not held yet", d.format("%-d %B")),
            ),
            _ => {}
        }
        a.text(Tone::Plain, "");
        let level = [
            f.text("reaction"),
            f.text("learning"),
            f.text("behaviour"),
            f.text("results"),
        ]
        .iter()
        .rposition(|t| !t.trim().is_empty())
        .map(|i| i + 1)
        .unwrap_or(0);
        if level >= 2 {
            a.text(Tone::Good, format!("Evaluated to level {level}."));
        } else {
            a.text(
                Tone::Hint,
                "An assessor looks for level 2 at least: what they learned.",
            );
        }
        if f.text("coachee_view").trim().is_empty() {
            a.text(
                Tone::Hint,
                "Their view: involve the coachee; write what they said.",
            );
        }
        Some(a)
    }

    fn submit(&mut self, f: &Fields, app: &mut App) -> Result<String, FieldError> {
        let mut s = app
            .model
            .records
            .coaching
            .iter()
            .find(|x| x.id == self.base.id)
            .cloned()
            .unwrap_or_else(|| self.base.clone());
        s.evaluated = Some(f.day("evaluated", app.today)?);
        s.impact.reaction = f.text("reaction").trim_end().to_string();
        s.impact.learning = f.text("learning").trim_end().to_string();
        s.impact.behaviour = f.text("behaviour").trim_end().to_string();
        s.impact.results = f.text("results").trim_end().to_string();
        s.coachee_view = f.text("coachee_view").trim_end().to_string();
        if s.impact_level() == 0 {
            s.evaluated = None;
        }
        s.updated = app.now;
        let id = s.id.clone();
        let level = s.impact_level();
        app.save_record(AnyRecord::Coaching(s), true)
            .map_err(|e| FieldError::new("", e))?;
        app.select_coaching(&id);
        Ok(match level {
            0 => "Impact cleared: not evaluated yet".into(),
            l => format!("Impact saved: level {l}"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::app::testkit::demo_app;
    use crate::tui::forms::give_key;
    use crate::tui::forms::testkit::key;
    use crate::tui::forms::testkit::{fill, type_in};
    use crate::tui::keymap::Keymap;

    fn set<S: Spec>(form: &mut Engine<S>, field: &str, text: &str) {
        if let Some(f) = form.fields.get_mut(field) {
            f.set_text(text);
        }
    }

    #[test]
    fn a_session_is_read_from_its_fields_and_bad_days_are_refused_at_their_field() {
        let app = demo_app();
        let mut form = CoachingForm::blank(&app);
        let e = form.to_record(app.today, app.now).expect_err("no coachee");
        assert_eq!(e.field, "coachee");
        let typed = [
            ("coachee", "Sam Okafor"),
            ("focus", "complaint calls"),
            (
                "feedback",
                "You apologised early; next give the fix date first",
            ),
            ("observed_on", "-2d"),
            ("follow_up", "+2w"),
        ];
        fill(&mut form, &typed);
        let s = form.to_record(app.today, app.now).expect("a session");
        assert_eq!(s.coachee, "Sam Okafor");
        assert_eq!(s.feedback_delay(), 2);
        assert_eq!(s.follow_up, Some(app.today + chrono::Duration::days(14)));
        // A follow-up on or before the session is a slip, said at its field.
        set(&mut form, "follow_up", "-1d");
        let e = form
            .to_record(app.today, app.now)
            .expect_err("follow-up before");
        assert_eq!(e.field, "follow_up");
        set(&mut form, "follow_up", "");
        set(&mut form, "observed_on", "+1d");
        let e = form
            .to_record(app.today, app.now)
            .expect_err("observed after");
        assert_eq!(e.field, "observed_on");
    }

    #[test]
    fn the_advice_asks_for_what_an_assessor_looks_for() {
        let app = demo_app();
        let mut form = CoachingForm::blank(&app);
        type_in(&mut form, "feedback", "Good call");
        let advice = form.spec.advice(&form.fields, &app).expect("advice");
        let text: Vec<String> = advice
            .lines
            .iter()
            .flatten()
            .map(|(_, t)| t.clone())
            .collect();
        let text = text.join("\n");
        assert!(text.contains("2 words is brief"), "{text}");
        assert!(text.contains("Their response:"), "{text}");
        assert!(text.contains("Follow-up: set a day"), "{text}");
    }

    #[test]
    fn the_impact_form_opens_on_the_first_level_still_to_write() {
        let mut app = demo_app();
        let mut s = CoachingSession::new(Id::generate(), app.today, app.now);
        s.coachee = "Sam".into();
        app.model
            .records
            .change()
            .upsert(AnyRecord::Coaching(s.clone()));
        // Nothing evaluated yet: typing goes into L1, the day stays today.
        let mut form = ImpactForm::new(s.clone(), &app);
        assert_eq!(form.fields.focused_name(), "reaction");
        for c in "Liked it".chars() {
            give_key(&mut form, &Keymap::default(), &key(c));
        }
        assert_eq!(form.fields.text("reaction"), "Liked it");
        assert_eq!(
            form.fields.text("evaluated"),
            app.today.format("%Y-%m-%d").to_string()
        );
        // L1 and L2 written: it opens on L3.
        s.impact.reaction = "Liked it".into();
        s.impact.learning = "Can name the HEAT steps".into();
        let form = ImpactForm::new(s, &app);
        assert_eq!(form.fields.focused_name(), "behaviour");
    }

    #[test]
    fn a_draft_of_the_impact_form_comes_back_as_the_impact_form_of_its_session() {
        let mut app = demo_app();
        let mut s = CoachingSession::new(Id::generate(), app.today, app.now);
        s.coachee = "Sam".into();
        app.model
            .records
            .change()
            .upsert(AnyRecord::Coaching(s.clone()));
        let mut form = ImpactForm::new(s.clone(), &app);
        type_in(&mut form, "learning", "Can name the HEAT steps");
        let draft = crate::tui::forms::FormState::to_draft(&form, app.now).expect("a draft");
        assert_eq!(draft.form, DraftForm::Coaching);
        assert_eq!(draft.field("impact"), "yes");
        assert_eq!(draft.editing, Some(s.id.clone()));
        let back = ImpactForm::from_draft(&draft, &app).expect("the session is there");
        assert_eq!(back.fields.text("learning"), "Can name the HEAT steps");
        // The session form's draft is not taken for the impact's.
        let session = CoachingForm::editing(s, &app);
        let draft = crate::tui::forms::FormState::to_draft(&session, app.now).expect("a draft");
        assert!(draft.field("impact").is_empty());
    }
}
