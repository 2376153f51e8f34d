//! The review form: holding a review of the plan, or recording a correction
//! of one. Objectives edited since the last review come first, each a row of
//! the same two fields (its outcome, already chosen as its change suggests,
//! and the reason); every change needs a reason before the review can be
//! saved (`domain::review::check`).

use super::field::{Field, FieldId, Fields, LineKind};
use super::{Advice, Engine, FieldError, RecordForm, Spec, Tone};
use crate::domain::review::check::{self, Context, Issue, ReviewField};
use crate::domain::review::diff::{Difference, ObjectiveDiff, review_diff, to_decide};
use crate::domain::review::{ObjectiveChange, Outcome, Participant, Review, cycle, plan_after};
use crate::domain::{
    AnyRecord, CriteriaSet, Draft, DraftField, DraftForm, FORMAT, Id, Objective, Records,
};
use crate::tui::App;
use chrono::{DateTime, Days, FixedOffset, NaiveDate, TimeZone};

/// One objective to decide on: how it differs from the review before (with
/// the suggestion) and the outcomes that fit, in the order ←/→ walks them.
#[derive(Debug)]
pub struct Decision {
    pub diff: ObjectiveDiff,
    pub choices: Vec<Outcome>,
}

/// The review form's spec.
#[derive(Debug)]
pub struct ReviewSpec {
    /// The review this form corrects, if it is a correction.
    pub corrects: Option<Box<Review>>,
    /// The plan the decisions apply to: today's plan, or for a correction
    /// the plan the corrected review recorded.
    pub base_plan: Vec<Objective>,
    /// One per row of outcome and reason.
    pub decisions: Vec<Decision>,
    pub interval_days: u32,
}

/// The open review form.
pub type ReviewForm = Engine<ReviewSpec>;

/// The outcome field of row `i`.
pub fn outcome_id(i: usize) -> FieldId {
    FieldId::at_row("outcome", i)
}

/// The reason field of row `i`.
pub fn reason_id(i: usize) -> FieldId {
    FieldId::at_row("reason", i)
}

/// The outcomes that fit an objective's difference.
fn choices_for(difference: Difference) -> Vec<Outcome> {
    match difference {
        Difference::Added => vec![Outcome::Added, Outcome::Dropped],
        Difference::Removed => vec![Outcome::Dropped],
        Difference::Changed | Difference::Same => vec![
            Outcome::Kept,
            Outcome::Revised,
            Outcome::Achieved,
            Outcome::Dropped,
        ],
    }
}

/// "Gareth Evans (team leader), Helen Okafor (assessor)".
pub fn participants_text(participants: &[Participant]) -> String {
    participants
        .iter()
        .map(|p| {
            if p.role.trim().is_empty() {
                p.name.trim().to_string()
            } else {
                format!("{} ({})", p.name.trim(), p.role.trim())
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads "Name (role), Name (role); Name" into participants.
pub fn parse_participants(text: &str) -> Vec<Participant> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut current = String::new();
    let mut push = |piece: &str| {
        let piece = piece.trim();
        if piece.is_empty() {
            return;
        }
        let (name, role) = match (piece.find('('), piece.rfind(')')) {
            (Some(open), Some(close)) if open < close => (
                piece[..open].trim().to_string(),
                piece[open + 1..close].trim().to_string(),
            ),
            _ => (piece.to_string(), String::new()),
        };
        if name.is_empty() {
            return;
        }
        out.push(Participant { name, role });
    };
    // Commas inside brackets belong to the role ("assessor (by video, late)").
    for c in text.chars() {
        match c {
            '(' => {
                depth += 1;
                current.push(c);
            }
            ')' => {
                depth = depth.saturating_sub(1);
                current.push(c);
            }
            ',' | ';' | '\n' if depth == 0 => {
                push(&current);
                current.clear();
            }
            c => current.push(c),
        }
    }
    push(&current);
    out
}

fn first_line(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("")
        .to_string()
}

/// What is decided about each objective, as the form opens.
struct Start {
    decision: Decision,
    outcome: Outcome,
    reason: String,
}

/// The form's fields: when, who, the summary, a row of outcome and reason
/// per objective, the next review and the criteria.
fn build(
    spec: ReviewSpec,
    starts: Vec<Start>,
    texts: [String; 4],
    ticked: &[String],
    criteria: Option<&CriteriaSet>,
) -> ReviewForm {
    let [held, with, summary, next] = texts;
    let since = if spec.corrects.is_some() {
        "at that review"
    } else {
        "since the last review"
    };
    let mut list = vec![
        Field::typed_line(
            "held",
            "Held on",
            "When was it held? 23/11/2026, 23 Nov 2026, today, yesterday, -3d",
            &held,
            LineKind::Date,
        ),
        Field::line(
            "with",
            "Who took part",
            "Who took part, with their roles: Gareth Evans (team leader), Helen Okafor (assessor)",
            &with,
        ),
        Field::text(
            "summary",
            "Summary",
            "How is the plan going overall, and what was agreed?",
            &summary,
        ),
    ];
    let n = starts.len();
    let mut decisions = Vec::new();
    for (i, start) in starts.into_iter().enumerate() {
        let d = &start.decision;
        let key = d.diff.objective.to_string();
        let what = match d.diff.difference {
            Difference::Added => format!("new {since}"),
            Difference::Removed => format!("removed from the plan {since}"),
            Difference::Changed => format!("changed {since}"),
            Difference::Same => format!("unchanged {since}"),
        };
        let statement = first_line(&d.diff.statement);
        let index = d
            .choices
            .iter()
            .position(|o| *o == start.outcome)
            .unwrap_or(0);
        list.push(
            Field::choice(
                "outcome",
                "Outcome",
                &format!(
                    "Objective {} of {n}, {what}. What did the review decide?",
                    i + 1
                ),
                d.choices.iter().map(|o| o.label().to_string()).collect(),
                index,
            )
            .in_row(i, &key, format!("{}. {statement}", i + 1)),
        );
        list.push(
            Field::text(
                "reason",
                "Reason",
                &format!(
                    "Why, for objective {}? What did the evidence show (KPI, feedback)? \
                     Needed for any change; optional when kept as it was",
                    i + 1
                ),
                &start.reason,
            )
            .in_row(i, &key, "   reason".into()),
        );
        decisions.push(start.decision);
    }
    list.extend([
        Field::typed_line(
            "next",
            "Next review",
            &format!(
                "When is the next review? Your review interval is {} days. +3m, 31/03/2027, or empty",
                spec.interval_days
            ),
            &next,
            LineKind::OptionalDate,
        ),
        Field::criteria("Which assessment criteria is this review evidence for?", criteria, ticked),
    ]);
    let correction = spec.corrects.is_some();
    let mut fields = Fields::new(list);
    fields.focus_on(if correction { "summary" } else { "held" });
    Engine::build(ReviewSpec { decisions, ..spec }, fields)
}

fn day_text(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

impl ReviewForm {
    /// A new review of today's plan, held `today`.
    pub fn new(
        records: &Records,
        interval_days: u32,
        today: NaiveDate,
        criteria: Option<&CriteriaSet>,
    ) -> ReviewForm {
        let last = cycle::last(&records.reviews);
        let starts = to_decide(last, &records.objectives, &records.needs)
            .into_iter()
            .map(|diff| Start {
                outcome: diff.suggested,
                reason: String::new(),
                decision: Decision {
                    choices: choices_for(diff.difference),
                    diff,
                },
            })
            .collect();
        let next = today
            .checked_add_days(Days::new(u64::from(interval_days.max(1))))
            .map(day_text)
            .unwrap_or_default();
        // A review is the evidence for "review progress and update the plan".
        let ticked: Vec<String> = criteria
            .and_then(|set| set.assessable().find(|c| c.id == "2.4"))
            .map(|c| vec![c.id.clone()])
            .unwrap_or_default();
        let spec = ReviewSpec {
            corrects: None,
            base_plan: records.objectives.clone(),
            decisions: Vec::new(),
            interval_days,
        };
        let texts = [
            day_text(today),
            // The same people usually take part; shown so they can be changed.
            last.map(|r| participants_text(&r.participants))
                .unwrap_or_default(),
            String::new(),
            next,
        ];
        build(spec, starts, texts, &ticked, criteria)
    }

    /// A correction of `original`: everything it said, ready to be put right.
    pub fn correction(
        records: &Records,
        original: &Review,
        interval_days: u32,
        criteria: Option<&CriteriaSet>,
    ) -> ReviewForm {
        let previous = cycle::previous(&records.reviews, original);
        let starts = review_diff(previous, original, &records.needs)
            .into_iter()
            .filter(|d| {
                d.decision.is_some()
                    || d.needs_reason()
                    || d.after.as_ref().is_some_and(|o| o.status.is_open())
            })
            .map(|diff| {
                let mut choices = choices_for(diff.difference);
                let outcome = diff.decision.as_ref().map_or(diff.suggested, |c| c.outcome);
                if !choices.contains(&outcome) {
                    choices.push(outcome);
                }
                Start {
                    outcome,
                    reason: diff
                        .decision
                        .as_ref()
                        .map(|c| c.reason.clone())
                        .unwrap_or_default(),
                    decision: Decision { choices, diff },
                }
            })
            .collect();
        let spec = ReviewSpec {
            corrects: Some(Box::new(original.clone())),
            base_plan: original.plan.clone(),
            decisions: Vec::new(),
            interval_days,
        };
        let texts = [
            day_text(original.date()),
            participants_text(&original.participants),
            original.summary.clone(),
            original.next_review.map(day_text).unwrap_or_default(),
        ];
        build(spec, starts, texts, &original.criteria, criteria)
    }

    /// A form holding a draft that was offered back.
    pub fn from_draft(
        draft: &Draft,
        records: &Records,
        criteria: Option<&CriteriaSet>,
    ) -> Option<ReviewForm> {
        let today = draft.saved_at.date_naive();
        let mut form = match &draft.editing {
            Some(id) => {
                let original = records.reviews.iter().find(|r| &r.id == id)?;
                ReviewForm::correction(records, original, 90, criteria)
            }
            None => ReviewForm::new(records, 90, today, criteria),
        };
        let mut draft = draft.clone();
        for f in &mut draft.fields {
            // Drafts from before the engine listed criteria with commas.
            if f.name == "criteria" && !f.text.contains('\n') {
                f.text = f
                    .text
                    .split(',')
                    .map(str::trim)
                    .collect::<Vec<_>>()
                    .join("\n");
            }
        }
        form.restore(&draft);
        // Reasons typed for objectives no longer in the list are not dropped:
        // they come back in the summary, where the learner can see them.
        let orphans: Vec<&str> = draft
            .fields
            .iter()
            .filter(|f| {
                f.name.starts_with("reason:")
                    && !form.fields.list.iter().any(|x| x.draft_name() == f.name)
            })
            .map(|f| f.text.trim())
            .filter(|t| !t.is_empty())
            .collect();
        if !orphans.is_empty() {
            let mut summary = form.fields.text("summary");
            summary
                .push_str("\n\n(Reasons from your draft for objectives no longer in the plan:)\n");
            summary.push_str(&orphans.join("\n"));
            if let Some(f) = form.fields.get_mut("summary") {
                f.set_text(&summary);
            }
        }
        Some(form)
    }

    pub fn is_correction(&self) -> bool {
        self.spec.corrects.is_some()
    }

    /// The review as the form stands; see `ReviewSpec::to_review`.
    pub fn to_review(
        &self,
        id: &Id,
        today: NaiveDate,
        now: DateTime<FixedOffset>,
    ) -> Result<Review, FieldError> {
        self.spec.to_review(&self.fields, id, today, now)
    }

    /// Everything wrong or worth a word; see `ReviewSpec::issues`.
    pub fn issues(
        &self,
        records: &Records,
        today: NaiveDate,
        now: DateTime<FixedOffset>,
    ) -> Vec<(FieldId, Issue)> {
        self.spec.issues(&self.fields, records, today, now)
    }
}

impl ReviewSpec {
    /// The outcome chosen in row `i`.
    pub fn outcome(&self, fields: &Fields, i: usize) -> Outcome {
        let index = match fields.get_id(outcome_id(i)).map(|f| &f.input) {
            Some(super::field::Input::Choice { index, .. }) => *index,
            _ => 0,
        };
        self.decisions
            .get(i)
            .and_then(|d| d.choices.get(index).copied())
            .unwrap_or(Outcome::Kept)
    }

    /// The reason typed in row `i`.
    pub fn reason(fields: &Fields, i: usize) -> String {
        fields
            .get_id(reason_id(i))
            .map(Field::text_value)
            .unwrap_or_default()
            .trim()
            .to_string()
    }

    /// The moment it was held: a correction that keeps its day keeps its
    /// time; today is now; another day is that day at this time of day.
    fn held_moment(
        &self,
        day: NaiveDate,
        now: DateTime<FixedOffset>,
    ) -> Option<DateTime<FixedOffset>> {
        if let Some(original) = &self.corrects
            && original.date() == day
        {
            return Some(original.held);
        }
        if day == now.date_naive() {
            return Some(now);
        }
        now.offset()
            .from_local_datetime(&day.and_time(now.time()))
            .single()
    }

    /// The review as the form stands, or the field that is wrong and why.
    pub fn to_review(
        &self,
        fields: &Fields,
        id: &Id,
        today: NaiveDate,
        now: DateTime<FixedOffset>,
    ) -> Result<Review, FieldError> {
        let day = fields.day("held", today)?;
        let held = self
            .held_moment(day, now)
            .ok_or_else(|| FieldError::new("held", "Held on: that day cannot be used"))?;
        let next_review = fields.optional_day("next", today)?;
        let changes: Vec<ObjectiveChange> = self
            .decisions
            .iter()
            .enumerate()
            .map(|(i, d)| ObjectiveChange {
                objective: d.diff.objective.clone(),
                outcome: self.outcome(fields, i),
                reason: ReviewSpec::reason(fields, i),
            })
            .collect();
        let plan = plan_after(&self.base_plan, &changes);
        Ok(Review {
            format: FORMAT,
            id: id.clone(),
            held,
            participants: parse_participants(&fields.text("with")),
            summary: fields.text("summary").trim().to_string(),
            changes,
            next_review,
            corrects: self.corrects.as_ref().map(|r| r.id.clone()),
            plan,
            criteria: fields.picked("criteria"),
        })
    }

    /// Where an issue belongs on this form.
    pub fn field_of(&self, issue: &Issue) -> FieldId {
        match &issue.field {
            ReviewField::Held | ReviewField::Corrects => "held".into(),
            ReviewField::Participants => "with".into(),
            ReviewField::Summary => "summary".into(),
            ReviewField::NextReview => "next".into(),
            ReviewField::Objective(id) => {
                let i = self
                    .decisions
                    .iter()
                    .position(|d| &d.diff.objective == id)
                    .unwrap_or(0);
                // A wrong outcome is put right at the outcome; the rest at the reason.
                if issue.message.contains("does not fit") || issue.message.contains("choose kept") {
                    outcome_id(i)
                } else {
                    reason_id(i)
                }
            }
        }
    }

    /// Everything wrong or worth a word, each at its field: a date that does
    /// not parse, or the review check's issues (blocking ones first).
    pub fn issues(
        &self,
        fields: &Fields,
        records: &Records,
        today: NaiveDate,
        now: DateTime<FixedOffset>,
    ) -> Vec<(FieldId, Issue)> {
        // The id only matters for telling a review from the one it corrects.
        let id = Id::from_parts(0, [0; 10]);
        match self.to_review(fields, &id, today, now) {
            Err(e) => vec![(
                e.field,
                Issue {
                    field: ReviewField::Held,
                    message: e.message,
                    blocking: true,
                },
            )],
            Ok(review) => {
                let ctx = Context {
                    reviews: &records.reviews,
                    needs: &records.needs,
                    today,
                    interval_days: self.interval_days,
                };
                check::check(&review, ctx)
                    .into_iter()
                    .map(|issue| (self.field_of(&issue), issue))
                    .collect()
            }
        }
    }
}

impl Spec for ReviewSpec {
    fn record(&self) -> Option<RecordForm> {
        let title = match self.corrects {
            Some(_) => "Correct a review (the original is kept)",
            None => "Hold a review",
        };
        Some(RecordForm {
            draft: DraftForm::Review,
            title: title.into(),
            editing: self.corrects.as_ref().map(|r| r.id.clone()),
        })
    }

    /// What the draft is, for the "restore it?" question.
    fn fill_draft(&self, fields: &Fields, draft: &mut Draft) {
        let what = if self.corrects.is_some() {
            "Correction of a review"
        } else {
            "Review"
        };
        let held = fields.text("held");
        let title = match first_line(&fields.text("summary")).as_str() {
            "" => format!("{what} held {held}"),
            first => format!("{what} held {held}: {first}"),
        };
        draft.fields.insert(
            0,
            DraftField {
                name: "title".into(),
                text: title,
            },
        );
    }

    /// Checks the review, closes the objectives it marked achieved or
    /// dropped, then writes the review (a new file, never a rewrite).
    fn submit(&mut self, fields: &Fields, app: &mut App) -> Result<String, FieldError> {
        let id = Id::generate();
        let review = self.to_review(fields, &id, app.today, app.now)?;
        let issues = self.issues(fields, &app.model.records, app.today, app.now);
        if let Some((field, issue)) = issues.iter().find(|(_, i)| i.blocking) {
            return Err(FieldError::new(
                *field,
                format!("NOT SAVED: {}", issue.message),
            ));
        }
        // A new review closes what it decided was achieved or dropped, so the
        // live plan agrees with the snapshot. A correction leaves the live
        // plan alone: it puts right a record of the past.
        if self.corrects.is_none() {
            for c in &review.changes {
                let Some(live) = app.model.records.objective(&c.objective).cloned() else {
                    continue;
                };
                let status = c.outcome.status_after(live.status);
                if status == live.status {
                    continue;
                }
                let mut closed = live;
                closed.status = status;
                closed.updated = app.now;
                app.save_record(AnyRecord::Objective(closed), true)
                    .map_err(|m| FieldError::new(FieldId::NONE, m))?;
            }
        }
        let due = review.next_review;
        let held = review.date();
        app.save_record(AnyRecord::Review(review), false)
            .map_err(|m| FieldError::new(FieldId::NONE, m))?;
        app.select_record(&id);
        let next = match due {
            Some(d) => {
                let days = app.config.days();
                cycle::Due::at(d, app.today).describe_with(&|d| days.day(d))
            }
            None => "no next review date set".to_string(),
        };
        Ok(if self.corrects.is_some() {
            format!("Correction saved (the original is kept). Next review {next}")
        } else {
            format!(
                "Review of {} saved. Next review {next}",
                app.config.format_day(held)
            )
        })
    }

    /// On an objective's row: what changed. Then what stops saving, and
    /// what is worth a word, each with where it is.
    fn advice(&self, fields: &Fields, app: &App) -> Option<Advice> {
        let mut advice = Advice::new("Before saving");
        if let Some(i) = fields.focused_id().row
            && let Some(d) = self.decisions.get(i)
        {
            advice.title = format!("Objective {} of {}", i + 1, self.decisions.len());
            advice.text(Tone::Plain, first_line(&d.diff.statement));
            for f in &d.diff.fields {
                advice.line(vec![
                    (Tone::Dim, format!("{}: ", f.field.label())),
                    (
                        Tone::Plain,
                        format!("{} → {}", first_line(&f.before), first_line(&f.after)),
                    ),
                ]);
            }
            let outcome = self.outcome(fields, i);
            advice.text(
                Tone::Dim,
                if outcome.is_change() || d.diff.needs_reason() {
                    "A reason is required."
                } else {
                    "A reason is optional when it is kept."
                },
            );
        }
        let issues = self.issues(fields, &app.model.records, app.today, app.now);
        for (at, issue) in &issues {
            let place = match at.row {
                Some(i) => format!("Objective {}: ", i + 1),
                None => String::new(),
            };
            let tone = if issue.blocking {
                Tone::Bad
            } else {
                Tone::Hint
            };
            advice.line(vec![(tone, format!("{place}{}", issue.message))]);
        }
        (!advice.lines.is_empty()).then_some(advice)
    }

    fn footer(&self, _fields: &Fields) -> Option<String> {
        Some("A saved review is never edited: a correction is a new review".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::forms::FormState;
    use crate::tui::forms::testkit::{press, type_in, type_text};
    use ratatui::crossterm::event::KeyCode;

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-23T09:30:00+00:00").expect("valid")
    }

    fn demo() -> Records {
        crate::demo::story(now().date_naive()).1
    }

    /// The demo with its first open objective's target changed since the
    /// last review, and that objective's id.
    fn demo_with_a_revised_target() -> (Records, Id) {
        let mut records = demo();
        let edited = records
            .objectives
            .iter_mut()
            .find(|o| o.status.is_open())
            .expect("an open objective");
        edited.measure.target = "90%".into();
        let id = edited.id.clone();
        (records, id)
    }

    fn outcome(form: &ReviewForm, i: usize) -> Outcome {
        form.spec.outcome(&form.fields, i)
    }

    fn wants_reason(form: &ReviewForm, i: usize) -> bool {
        (outcome(form, i).is_change() || form.spec.decisions[i].diff.needs_reason())
            && ReviewSpec::reason(&form.fields, i).is_empty()
    }

    fn set(form: &mut ReviewForm, name: &str, text: &str) {
        if let Some(f) = form.fields.get_mut(name) {
            f.set_text(text);
        }
    }

    #[test]
    fn participants_are_read_with_their_roles() {
        let people = parse_participants(
            "Gareth Evans (team leader), Helen Okafor (assessor, by video); Tom",
        );
        assert_eq!(
            people,
            vec![
                Participant {
                    name: "Gareth Evans".into(),
                    role: "team leader".into()
                },
                Participant {
                    name: "Helen Okafor".into(),
                    role: "assessor, by video".into()
                },
                Participant {
                    name: "Tom".into(),
                    role: String::new()
                },
            ]
        );
        assert_eq!(
            participants_text(&people),
            "Gareth Evans (team leader), Helen Okafor (assessor, by video), Tom"
        );
        assert!(parse_participants(" , ;").is_empty());
    }

    #[test]
    fn a_new_review_lists_edited_objectives_first_with_the_outcome_prefilled() {
        let (records, edited_id) = demo_with_a_revised_target();
        let form = ReviewForm::new(&records, 90, now().date_naive(), None);
        assert_eq!(form.spec.decisions[0].diff.objective, edited_id);
        assert_eq!(outcome(&form, 0), Outcome::Revised);
        assert!(wants_reason(&form, 0));
        assert!((1..form.spec.decisions.len()).all(|i| outcome(&form, i) == Outcome::Kept));
        assert_eq!(form.fields.text("held"), "2026-11-23");
        assert_eq!(form.fields.text("next"), "2027-02-21", "90 days on");
        assert!(form.fields.text("with").starts_with("Gareth Evans"));
    }

    #[test]
    fn saving_without_a_reason_is_refused_at_the_objective() {
        let (records, _) = demo_with_a_revised_target();
        let mut form = ReviewForm::new(&records, 90, now().date_naive(), None);
        let issues = form.issues(&records, now().date_naive(), now());
        let (field, issue) = issues.first().expect("an issue");
        assert!(issue.blocking);
        assert_eq!(*field, reason_id(0));
        assert!(
            issue.message.contains("is marked revised: say why"),
            "{}",
            issue.message
        );
        form.fields.focus_id(reason_id(0));
        type_text(&mut form, "Team target raised to 90%");
        let issues = form.issues(&records, now().date_naive(), now());
        assert!(issues.iter().all(|(_, i)| !i.blocking), "{issues:?}");
        let review = form
            .to_review(&Id::generate(), now().date_naive(), now())
            .expect("a review");
        assert_eq!(review.held, now());
        assert_eq!(review.changes[0].reason, "Team target raised to 90%");
        assert_eq!(review.plan.len(), records.objectives.len());
    }

    #[test]
    fn outcomes_are_chosen_like_any_choice() {
        let records = demo();
        let mut form = ReviewForm::new(&records, 90, now().date_naive(), None);
        form.fields.focus_id(outcome_id(0));
        assert_eq!(outcome(&form, 0), Outcome::Kept);
        assert!(press(&mut form, KeyCode::Right));
        assert_eq!(outcome(&form, 0), Outcome::Revised);
        assert!(press(&mut form, KeyCode::Char(' ')));
        assert_eq!(outcome(&form, 0), Outcome::Achieved);
        assert!(press(&mut form, KeyCode::Left));
        assert_eq!(outcome(&form, 0), Outcome::Revised);
        // A letter picks the outcome starting with it, in sight.
        assert!(press(&mut form, KeyCode::Char('d')));
        assert_eq!(outcome(&form, 0), Outcome::Dropped);
        assert!(form.dirty());
        press(&mut form, KeyCode::Enter);
        assert_eq!(form.fields.focused_id(), reason_id(0));
    }

    /// The issue's bug: typing in the pre-filled "Who took part" went in
    /// front of the old value.
    #[test]
    fn typing_in_who_took_part_goes_after_the_people_already_there() {
        let records = demo();
        let mut form = ReviewForm::new(&records, 90, now().date_naive(), None);
        let before = form.fields.text("with");
        assert!(!before.is_empty(), "pre-filled from the last review");
        form.next_field(1);
        assert_eq!(form.fields.focused_name(), "with");
        type_text(&mut form, ", Sam Lee (mentor)");
        assert_eq!(
            form.fields.text("with"),
            format!("{before}, Sam Lee (mentor)")
        );
    }

    #[test]
    fn dates_are_typed_naturally_and_errors_name_the_field() {
        let records = demo();
        let mut form = ReviewForm::new(&records, 90, now().date_naive(), None);
        set(&mut form, "held", "yesterday");
        set(&mut form, "next", "+3m");
        let review = form
            .to_review(&Id::generate(), now().date_naive(), now())
            .expect("a review");
        assert_eq!(review.date(), now().date_naive() - Days::new(1));
        assert_eq!(review.next_review, NaiveDate::from_ymd_opt(2027, 2, 23));
        set(&mut form, "next", "31/02/2027");
        let e = form
            .to_review(&Id::generate(), now().date_naive(), now())
            .expect_err("no 31 February");
        assert_eq!(e.field, "next");
        assert!(e.message.starts_with("Next review: "), "{}", e.message);
    }

    #[test]
    fn a_correction_starts_from_the_review_it_corrects() {
        let records = demo();
        let original = records.reviews.last().expect("a review");
        let form = ReviewForm::correction(&records, original, 90, None);
        assert!(form.is_correction());
        assert_eq!(
            form.fields.text("held"),
            original.date().format("%Y-%m-%d").to_string()
        );
        let review = form
            .to_review(&Id::generate(), now().date_naive(), now())
            .expect("a review");
        assert_eq!(review.held, original.held, "same day, same moment");
        assert_eq!(review.corrects.as_ref(), Some(&original.id));
        assert_eq!(review.summary, original.summary);
        assert_eq!(review.next_review, original.next_review);
        for c in &original.changes {
            assert!(review.changes.contains(c), "{c:?} carried over");
        }
        assert!(form.issues(&records, now().date_naive(), now()).is_empty());
    }

    #[test]
    fn a_draft_brings_back_every_typed_field() {
        let records = demo();
        let mut form = ReviewForm::new(&records, 90, now().date_naive(), None);
        type_in(&mut form, "summary", "Good progress");
        form.fields.focus_id(outcome_id(1));
        press(&mut form, KeyCode::Right);
        form.fields.focus_id(reason_id(1));
        type_text(&mut form, "Target moved");
        type_in(&mut form, "held", "yesterday");
        let draft = form.to_draft(now()).expect("a draft");
        let back = ReviewForm::from_draft(&draft, &records, None).expect("form");
        assert_eq!(back.fields.text("summary"), "Good progress");
        assert_eq!(back.fields.text("held"), "yesterday");
        assert_eq!(outcome(&back, 1), Outcome::Revised);
        assert_eq!(ReviewSpec::reason(&back.fields, 1), "Target moved");
        assert!(back.dirty());
        assert_eq!(back.draft_id, form.draft_id);
        assert_eq!(draft.field("title"), "Review held yesterday: Good progress");
    }
}
