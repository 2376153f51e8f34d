//! The review form: holding a review of the plan, or recording a correction
//! of one. State and editing only; drawing is in `ui/review_form.rs`.
//!
//! Objectives edited since the last review come first, each with the outcome
//! its change suggests already chosen; every change needs a reason before
//! the review can be saved (`domain::review::check`).

use super::picker::Picker;
use super::picker::criteria_options;
use crate::domain::review::check::{self, Context, Issue, ReviewField};
use crate::domain::review::diff::{Difference, ObjectiveDiff, review_diff, to_decide};
use crate::domain::review::{ObjectiveChange, Outcome, Participant, Review, cycle, plan_after};
use crate::domain::{
    CriteriaSet, Draft, DraftField, DraftForm, FORMAT, Id, Objective, Records, dates,
};
use chrono::{DateTime, Days, FixedOffset, NaiveDate, TimeZone};
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

/// The form's fields in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Held,
    With,
    Summary,
    /// The outcome chosen for the i-th objective.
    Outcome(usize),
    /// The reason given for the i-th objective.
    Reason(usize),
    Next,
    /// Assessment criteria the review is evidence for.
    Criteria,
}

impl Field {
    pub fn label(self) -> &'static str {
        match self {
            Field::Held => "Held on",
            Field::With => "Who took part",
            Field::Summary => "Summary",
            Field::Outcome(_) => "Outcome",
            Field::Reason(_) => "Reason",
            Field::Next => "Next review",
            Field::Criteria => "Criteria",
        }
    }

    /// The objective this field is about, if any.
    pub fn objective(self) -> Option<usize> {
        match self {
            Field::Outcome(i) | Field::Reason(i) => Some(i),
            _ => None,
        }
    }
}

/// The decision about one objective, as the form holds it.
#[derive(Debug)]
pub struct Decision {
    /// How the objective differs from the review before (with the suggestion).
    pub diff: ObjectiveDiff,
    /// The outcomes that fit it, in the order ←/→ walks them.
    pub choices: Vec<Outcome>,
    pub outcome: Outcome,
    pub reason: TextArea<'static>,
}

impl Decision {
    pub fn reason_text(&self) -> String {
        self.reason.lines().join("\n").trim().to_string()
    }

    /// A reason is still needed (the same rule the check applies on saving).
    pub fn wants_reason(&self) -> bool {
        (self.outcome.is_change() || self.diff.needs_reason()) && self.reason_text().is_empty()
    }
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

fn text_area(text: &str, single_line: bool) -> TextArea<'static> {
    let lines: Vec<String> = if text.is_empty() {
        vec![String::new()]
    } else {
        text.split('\n').map(str::to_string).collect()
    };
    let mut area = TextArea::new(lines);
    if !single_line {
        area.set_wrap_mode(WrapMode::WordOrGlyph);
    }
    area.set_cursor_line_style(ratatui::style::Style::default());
    // Typing goes after what is already there (a correction, a draft).
    area.move_cursor(CursorMove::Bottom);
    area.move_cursor(CursorMove::End);
    area
}

fn area_text(area: &TextArea<'_>) -> String {
    area.lines().join("\n")
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

#[derive(Debug)]
pub struct ReviewForm {
    /// The review this form corrects, if it is a correction.
    pub corrects: Option<Box<Review>>,
    /// The plan the decisions apply to: today's plan, or for a correction
    /// the plan the corrected review recorded.
    pub base_plan: Vec<Objective>,
    pub held: TextArea<'static>,
    pub with: TextArea<'static>,
    pub summary: TextArea<'static>,
    pub next: TextArea<'static>,
    pub criteria: Picker,
    pub decisions: Vec<Decision>,
    pub focus: Field,
    /// Typed since opened.
    pub dirty: bool,
    pub draft_id: Id,
    /// Why the last Ctrl-S did not save; shown at its field.
    pub save_error: Option<(Field, String)>,
    pub interval_days: u32,
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
        let decisions = to_decide(last, &records.objectives, &records.needs)
            .into_iter()
            .map(|diff| Decision {
                choices: choices_for(diff.difference),
                outcome: diff.suggested,
                reason: text_area("", false),
                diff,
            })
            .collect();
        let next = today
            .checked_add_days(Days::new(u64::from(interval_days.max(1))))
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default();
        ReviewForm {
            corrects: None,
            base_plan: records.objectives.clone(),
            held: text_area(&today.format("%Y-%m-%d").to_string(), true),
            // The same people usually take part; shown so they can be changed.
            with: text_area(
                &last
                    .map(|r| participants_text(&r.participants))
                    .unwrap_or_default(),
                true,
            ),
            summary: text_area("", false),
            next: text_area(&next, true),
            // A review is the evidence for "review progress and update the plan".
            criteria: Picker::new(
                criteria_options(criteria),
                &criteria
                    .and_then(|set| set.assessable().find(|c| c.id == "2.4"))
                    .map(|c| vec![c.id.clone()])
                    .unwrap_or_default(),
                false,
            ),
            decisions,
            focus: Field::Held,
            dirty: false,
            draft_id: Id::generate(),
            save_error: None,
            interval_days,
        }
    }

    /// A correction of `original`: everything it said, ready to be put right.
    pub fn correction(
        records: &Records,
        original: &Review,
        interval_days: u32,
        criteria: Option<&CriteriaSet>,
    ) -> ReviewForm {
        let previous = cycle::previous(&records.reviews, original);
        let decided = review_diff(previous, original, &records.needs);
        let decisions = decided
            .into_iter()
            .filter(|d| {
                d.decision.is_some()
                    || d.needs_reason()
                    || d.after.as_ref().is_some_and(|o| o.status.is_open())
            })
            .map(|diff| {
                let choices = choices_for(diff.difference);
                let outcome = diff.decision.as_ref().map_or(diff.suggested, |c| c.outcome);
                let reason = diff
                    .decision
                    .as_ref()
                    .map(|c| c.reason.clone())
                    .unwrap_or_default();
                let mut choices = choices;
                if !choices.contains(&outcome) {
                    choices.push(outcome);
                }
                Decision {
                    choices,
                    outcome,
                    reason: text_area(&reason, false),
                    diff,
                }
            })
            .collect();
        ReviewForm {
            base_plan: original.plan.clone(),
            held: text_area(&original.date().format("%Y-%m-%d").to_string(), true),
            with: text_area(&participants_text(&original.participants), true),
            summary: text_area(&original.summary, false),
            next: text_area(
                &original
                    .next_review
                    .map(|d| d.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
                true,
            ),
            criteria: Picker::new(criteria_options(criteria), &original.criteria, false),
            decisions,
            focus: Field::Summary,
            dirty: false,
            draft_id: Id::generate(),
            save_error: None,
            interval_days,
            corrects: Some(Box::new(original.clone())),
        }
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
        let ticked: Vec<String> = draft
            .field("criteria")
            .split(',')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .collect();
        form.criteria = Picker::new(criteria_options(criteria), &ticked, false);
        form.held = text_area(draft.field("held"), true);
        form.with = text_area(draft.field("with"), true);
        form.summary = text_area(draft.field("summary"), false);
        form.next = text_area(draft.field("next"), true);
        for d in &mut form.decisions {
            let id = d.diff.objective.to_string();
            let outcome = draft.field(&format!("outcome:{id}"));
            if let Some(o) = d.choices.iter().find(|o| o.label() == outcome) {
                d.outcome = *o;
            }
            d.reason = text_area(draft.field(&format!("reason:{id}")), false);
        }
        // Reasons typed for objectives no longer in the list are not dropped:
        // they come back in the summary, where the learner can see them.
        let known: Vec<String> = form
            .decisions
            .iter()
            .map(|d| format!("reason:{}", d.diff.objective))
            .collect();
        let orphans: Vec<&str> = draft
            .fields
            .iter()
            .filter(|f| f.name.starts_with("reason:") && !known.contains(&f.name))
            .map(|f| f.text.trim())
            .filter(|t| !t.is_empty())
            .collect();
        if !orphans.is_empty() {
            let mut summary = area_text(&form.summary);
            summary
                .push_str("\n\n(Reasons from your draft for objectives no longer in the plan:)\n");
            summary.push_str(&orphans.join("\n"));
            form.summary = text_area(&summary, false);
        }
        form.draft_id = draft.id.clone();
        form.dirty = true;
        Some(form)
    }

    pub fn is_correction(&self) -> bool {
        self.corrects.is_some()
    }

    /// The fields in Tab order.
    pub fn fields(&self) -> Vec<Field> {
        let mut out = vec![Field::Held, Field::With, Field::Summary];
        for i in 0..self.decisions.len() {
            out.push(Field::Outcome(i));
            out.push(Field::Reason(i));
        }
        out.push(Field::Next);
        out.push(Field::Criteria);
        out
    }

    pub fn next_field(&mut self, step: isize) {
        let fields = self.fields();
        let i = fields.iter().position(|f| *f == self.focus).unwrap_or(0) as isize;
        let n = fields.len() as isize;
        self.focus = fields[((i + step).rem_euclid(n)) as usize];
    }

    pub fn text_area(&self, field: Field) -> Option<&TextArea<'static>> {
        match field {
            Field::Held => Some(&self.held),
            Field::With => Some(&self.with),
            Field::Summary => Some(&self.summary),
            Field::Next => Some(&self.next),
            Field::Reason(i) => self.decisions.get(i).map(|d| &d.reason),
            Field::Outcome(_) | Field::Criteria => None,
        }
    }

    fn text_area_mut(&mut self, field: Field) -> Option<&mut TextArea<'static>> {
        match field {
            Field::Held => Some(&mut self.held),
            Field::With => Some(&mut self.with),
            Field::Summary => Some(&mut self.summary),
            Field::Next => Some(&mut self.next),
            Field::Reason(i) => self.decisions.get_mut(i).map(|d| &mut d.reason),
            Field::Outcome(_) | Field::Criteria => None,
        }
    }

    fn single_line(field: Field) -> bool {
        matches!(field, Field::Held | Field::With | Field::Next)
    }

    /// Steps the i-th outcome through its choices.
    fn step_outcome(&mut self, i: usize, step: isize) -> bool {
        let Some(d) = self.decisions.get_mut(i) else {
            return false;
        };
        let n = d.choices.len() as isize;
        let at = d.choices.iter().position(|o| *o == d.outcome).unwrap_or(0) as isize;
        let next = d.choices[((at + step).rem_euclid(n)) as usize];
        let changed = next != d.outcome;
        d.outcome = next;
        changed
    }

    /// Gives a key to the focused field. Returns true when anything changed.
    pub fn handle_key(&mut self, key: &KeyEvent) -> bool {
        let changed = match self.focus {
            Field::Criteria => self.criteria.handle_key(key),
            Field::Outcome(i) => match key.code {
                KeyCode::Enter => {
                    self.next_field(1);
                    false
                }
                KeyCode::Right | KeyCode::Char(' ') | KeyCode::Char('l') => self.step_outcome(i, 1),
                KeyCode::Left | KeyCode::Char('h') => self.step_outcome(i, -1),
                // Typing here is meant for the reason: it goes there, so a
                // learner who thinks they are in the reason loses nothing and
                // never flips the outcome by accident.
                KeyCode::Char(_) => {
                    self.focus = Field::Reason(i);
                    match self.decisions.get_mut(i) {
                        Some(d) => d.reason.input(*key),
                        None => false,
                    }
                }
                _ => false,
            },
            field => {
                if Self::single_line(field) && key.code == KeyCode::Enter {
                    self.next_field(1);
                    return false;
                }
                match self.text_area_mut(field) {
                    Some(area) => area.input(*key),
                    None => false,
                }
            }
        };
        if changed {
            self.dirty = true;
            self.save_error = None;
        }
        changed
    }

    /// Inserts pasted text into the focused text field.
    pub fn paste(&mut self, text: &str) -> bool {
        let text = if Self::single_line(self.focus) {
            text.replace(['\r', '\n'], " ")
        } else {
            text.replace("\r\n", "\n").replace('\r', "\n")
        };
        let changed = match self.text_area_mut(self.focus) {
            Some(area) => area.insert_str(text),
            None => false,
        };
        if changed {
            self.dirty = true;
            self.save_error = None;
        }
        changed
    }

    pub fn held_text(&self) -> String {
        area_text(&self.held).trim().to_string()
    }

    pub fn next_text(&self) -> String {
        area_text(&self.next).trim().to_string()
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
        id: &Id,
        today: NaiveDate,
        now: DateTime<FixedOffset>,
    ) -> Result<Review, (Field, String)> {
        let day = dates::parse_natural_day(&self.held_text(), today)
            .map_err(|e| (Field::Held, format!("Held on: {e}")))?;
        let held = self
            .held_moment(day, now)
            .ok_or_else(|| (Field::Held, "Held on: that day cannot be used".to_string()))?;
        let next_text = self.next_text();
        let next_review = if next_text.is_empty() {
            None
        } else {
            Some(
                dates::parse_natural_day(&next_text, today)
                    .map_err(|e| (Field::Next, format!("Next review: {e}")))?,
            )
        };
        let changes: Vec<ObjectiveChange> = self
            .decisions
            .iter()
            .map(|d| ObjectiveChange {
                objective: d.diff.objective.clone(),
                outcome: d.outcome,
                reason: d.reason_text(),
            })
            .collect();
        let plan = plan_after(&self.base_plan, &changes);
        Ok(Review {
            format: FORMAT,
            id: id.clone(),
            held,
            participants: parse_participants(&area_text(&self.with)),
            summary: area_text(&self.summary).trim().to_string(),
            changes,
            next_review,
            corrects: self.corrects.as_ref().map(|r| r.id.clone()),
            plan,
            criteria: self.criteria.selected(),
        })
    }

    /// Where an issue belongs on this form.
    pub fn field_of(&self, issue: &Issue) -> Field {
        match &issue.field {
            ReviewField::Held | ReviewField::Corrects => Field::Held,
            ReviewField::Participants => Field::With,
            ReviewField::Summary => Field::Summary,
            ReviewField::NextReview => Field::Next,
            ReviewField::Objective(id) => {
                let i = self
                    .decisions
                    .iter()
                    .position(|d| &d.diff.objective == id)
                    .unwrap_or(0);
                // A wrong outcome is put right at the outcome; the rest at the reason.
                if issue.message.contains("does not fit") || issue.message.contains("choose kept") {
                    Field::Outcome(i)
                } else {
                    Field::Reason(i)
                }
            }
        }
    }

    /// Everything wrong or worth a word, each at its field: a date that does
    /// not parse, or the review check's issues (blocking ones first).
    pub fn issues(
        &self,
        records: &Records,
        today: NaiveDate,
        now: DateTime<FixedOffset>,
    ) -> Vec<(Field, Issue)> {
        // The id only matters for telling a review from the one it corrects.
        let id = Id::from_parts(0, [0; 10]);
        match self.to_review(&id, today, now) {
            Err((field, message)) => vec![(
                field,
                Issue {
                    field: ReviewField::Held,
                    message,
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

    pub fn to_draft(&self, now: DateTime<FixedOffset>) -> Draft {
        let summary = area_text(&self.summary);
        let what = if self.is_correction() {
            "Correction of a review"
        } else {
            "Review"
        };
        let mut fields = vec![
            // What the draft is, for the "restore it?" question.
            DraftField {
                name: "title".into(),
                text: match summary.lines().map(str::trim).find(|l| !l.is_empty()) {
                    Some(first) => format!("{what} held {}: {first}", self.held_text()),
                    None => format!("{what} held {}", self.held_text()),
                },
            },
            DraftField {
                name: "held".into(),
                text: area_text(&self.held),
            },
            DraftField {
                name: "with".into(),
                text: area_text(&self.with),
            },
            DraftField {
                name: "summary".into(),
                text: area_text(&self.summary),
            },
            DraftField {
                name: "next".into(),
                text: area_text(&self.next),
            },
            DraftField {
                name: "criteria".into(),
                text: self.criteria.selected().join(", "),
            },
        ];
        for d in &self.decisions {
            let id = &d.diff.objective;
            fields.push(DraftField {
                name: format!("outcome:{id}"),
                text: d.outcome.label().to_string(),
            });
            fields.push(DraftField {
                name: format!("reason:{id}"),
                text: area_text(&d.reason),
            });
        }
        Draft::of_fields(
            self.draft_id.clone(),
            now,
            self.corrects.as_ref().map(|r| r.id.clone()),
            DraftForm::Review,
            fields,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyModifiers;

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-23T09:30:00+00:00").expect("valid")
    }

    fn demo() -> Records {
        crate::demo::story(now().date_naive()).1
    }

    fn key(form: &mut ReviewForm, code: KeyCode) -> bool {
        form.handle_key(&KeyEvent::new(code, KeyModifiers::NONE))
    }

    fn type_text(form: &mut ReviewForm, text: &str) {
        for c in text.chars() {
            key(form, KeyCode::Char(c));
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
        let mut records = demo();
        let edited = records
            .objectives
            .iter_mut()
            .find(|o| o.status.is_open())
            .expect("an open objective");
        edited.measure.target = "90%".into();
        let edited_id = edited.id.clone();
        let form = ReviewForm::new(&records, 90, now().date_naive(), None);
        assert_eq!(form.decisions[0].diff.objective, edited_id);
        assert_eq!(form.decisions[0].outcome, Outcome::Revised);
        assert!(form.decisions[0].wants_reason());
        assert!(
            form.decisions[1..]
                .iter()
                .all(|d| d.outcome == Outcome::Kept)
        );
        assert_eq!(form.held_text(), "2026-11-23");
        assert_eq!(form.next_text(), "2027-02-21", "90 days on");
        assert!(
            form.text_area(Field::With)
                .is_some_and(|t| t.lines()[0].starts_with("Gareth Evans"))
        );
    }

    #[test]
    fn saving_without_a_reason_is_refused_at_the_objective() {
        let mut records = demo();
        let edited = records
            .objectives
            .iter_mut()
            .find(|o| o.status.is_open())
            .expect("an open objective");
        edited.measure.target = "90%".into();
        let mut form = ReviewForm::new(&records, 90, now().date_naive(), None);
        let issues = form.issues(&records, now().date_naive(), now());
        let (field, issue) = issues.first().expect("an issue");
        assert!(issue.blocking);
        assert_eq!(*field, Field::Reason(0));
        assert!(
            issue.message.contains("is marked revised: say why"),
            "{}",
            issue.message
        );
        form.focus = Field::Reason(0);
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
    fn outcomes_are_chosen_with_arrows_and_typing_goes_to_the_reason() {
        let records = demo();
        let mut form = ReviewForm::new(&records, 90, now().date_naive(), None);
        form.focus = Field::Outcome(0);
        assert_eq!(form.decisions[0].outcome, Outcome::Kept);
        assert!(key(&mut form, KeyCode::Right));
        assert_eq!(form.decisions[0].outcome, Outcome::Revised);
        assert!(key(&mut form, KeyCode::Char(' ')));
        assert_eq!(form.decisions[0].outcome, Outcome::Achieved);
        assert!(key(&mut form, KeyCode::Left));
        assert_eq!(form.decisions[0].outcome, Outcome::Revised);
        assert!(form.dirty);
        key(&mut form, KeyCode::Enter);
        assert_eq!(form.focus, Field::Reason(0));
        // Letters typed at the outcome land in the reason, outcome untouched.
        form.focus = Field::Outcome(0);
        type_text(&mut form, "Kept going");
        assert_eq!(form.focus, Field::Reason(0));
        assert_eq!(form.decisions[0].outcome, Outcome::Revised);
        assert_eq!(form.decisions[0].reason_text(), "Kept going");
    }

    #[test]
    fn dates_are_typed_naturally_and_errors_name_the_field() {
        let records = demo();
        let mut form = ReviewForm::new(&records, 90, now().date_naive(), None);
        form.held = text_area("yesterday", true);
        form.next = text_area("+3m", true);
        let review = form
            .to_review(&Id::generate(), now().date_naive(), now())
            .expect("a review");
        assert_eq!(review.date(), now().date_naive() - Days::new(1));
        assert_eq!(review.next_review, NaiveDate::from_ymd_opt(2027, 2, 23));
        form.next = text_area("31/02/2027", true);
        let (field, message) = form
            .to_review(&Id::generate(), now().date_naive(), now())
            .expect_err("no 31 February");
        assert_eq!(field, Field::Next);
        assert!(message.starts_with("Next review: "), "{message}");
    }

    #[test]
    fn a_correction_starts_from_the_review_it_corrects() {
        let records = demo();
        let original = records.reviews.last().expect("a review");
        let form = ReviewForm::correction(&records, original, 90, None);
        assert!(form.is_correction());
        assert_eq!(
            form.held_text(),
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
        form.focus = Field::Summary;
        type_text(&mut form, "Good progress");
        form.focus = Field::Outcome(1);
        key(&mut form, KeyCode::Right);
        form.focus = Field::Reason(1);
        type_text(&mut form, "Target moved");
        form.held = text_area("yesterday", true);
        let draft = form.to_draft(now());
        let back = ReviewForm::from_draft(&draft, &records, None).expect("form");
        assert_eq!(area_text(&back.summary), "Good progress");
        assert_eq!(back.held_text(), "yesterday");
        assert_eq!(back.decisions[1].outcome, Outcome::Revised);
        assert_eq!(back.decisions[1].reason_text(), "Target moved");
        assert!(back.dirty);
        assert_eq!(back.draft_id, form.draft_id);
        assert_eq!(draft.field("title"), "Review held yesterday: Good progress");
    }
}
