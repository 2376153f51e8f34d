//! The sign-off form: a line manager, mentor or assessor confirms a
//! development need, an objective or a review by typing their name under the
//! declaration (with their role and an optional remark); the moment is
//! recorded. A need signed off by a line manager is what criterion 1.3
//! ("agree development needs with a line manager") asks for.

use super::field::{Field, Fields, Input};
use super::picker::{PickOption, record_option};
use super::{Advice, Engine, FieldError, Spec, Tone};
use crate::domain::signoff::{self, SIGNOFF_DECLARATION, SignOff, Subject};
use crate::domain::{AnyRecord, Id, Records};
use crate::tui::App;

/// The sign-off form's spec.
#[derive(Debug, Default)]
pub struct SignOffSpec {
    /// The subject when the form opened, so its criteria default follows it.
    subject: Option<String>,
}

/// The open sign-off form.
pub type SignOffForm = Engine<SignOffSpec>;

/// Every need, objective and review, newest plan first.
fn subject_options(records: &Records) -> Vec<PickOption> {
    let needs = records.needs.iter().map(|n| record_option(n.to_ref()));
    let objectives = records.objectives.iter().map(|o| record_option(o.to_ref()));
    let reviews = records.reviews.iter().rev().map(|r| PickOption {
        value: r.id.to_string(),
        label: format!("review of {}", r.held.format("%-d %B %Y")),
    });
    needs.chain(objectives).chain(reviews).collect()
}

/// The criteria a sign-off of this subject usually shows: agreeing the
/// needs (1.3) for a need, when the criteria set has it.
fn default_criteria(app: &App, subject: Option<&Id>) -> Vec<String> {
    let is_need = subject.is_some_and(|id| app.model.records.needs.iter().any(|n| &n.id == id));
    let has_13 = app
        .criteria
        .as_ref()
        .is_some_and(|set| set.assessable().any(|c| c.id == "1.3"));
    if is_need && has_13 {
        vec!["1.3".to_string()]
    } else {
        Vec::new()
    }
}

impl SignOffForm {
    /// A sign-off of `subject` (or one to choose).
    pub fn new(app: &App, subject: Option<&Id>) -> SignOffForm {
        let chosen: Vec<String> = subject.map(|id| id.to_string()).into_iter().collect();
        let fields = vec![
            Field::pick(
                "subject",
                "Signing off",
                "Which need, objective or review is confirmed? ↑/↓ move, Space ticks one",
                subject_options(&app.model.records),
                &chosen,
                "Nothing to sign off yet.",
            )
            .single(),
            Field::line(
                "name",
                "Name",
                "The person confirming it types their own full name",
                "",
            ),
            Field::line(
                "role",
                "Role",
                "Their role, e.g. \"line manager\", \"mentor\", \"NVQ assessor\"",
                "",
            ),
            Field::text(
                "remark",
                "Remark",
                "Anything they want to add (optional)",
                "",
            ),
            Field::criteria(
                "Which assessment criteria does this confirmation show? ↑/↓ move, Space ticks",
                app.criteria.as_ref(),
                &default_criteria(app, subject),
            ),
        ];
        let mut fields = Fields::new(fields);
        if subject.is_some() {
            // The subject is chosen: the person signing starts at their name.
            fields.focus_on("name");
        }
        Engine::build(
            SignOffSpec {
                subject: chosen.first().cloned(),
            },
            fields,
        )
    }
}

impl Spec for SignOffSpec {
    fn title(&self) -> String {
        "Sign-off".into()
    }

    fn changed(&mut self, fields: &mut Fields) {
        // A need chosen here brings 1.3 along, unless criteria were ticked.
        let now = fields.picked("subject").first().cloned();
        if now == self.subject {
            return;
        }
        self.subject = now;
        let is_need = match fields.get("subject").map(|f| &f.input) {
            Some(Input::Pick(p)) => p
                .selected_labels()
                .first()
                .is_some_and(|l| l.starts_with("need: ")),
            _ => false,
        };
        let offers_13 = match fields.get("criteria").map(|f| &f.input) {
            Some(Input::Pick(p)) => p.options.iter().any(|o| o.value == "1.3"),
            _ => false,
        };
        if is_need
            && offers_13
            && fields.picked("criteria").is_empty()
            && let Some(f) = fields.get_mut("criteria")
        {
            f.set_text("1.3");
        }
    }

    fn advice(&self, fields: &Fields, app: &App) -> Option<Advice> {
        let mut a = Advice::new("What is signed");
        let chosen = fields
            .picked_id("subject")
            .and_then(|id| signoff::subject(&app.model.records, &id));
        match chosen {
            Some(s) => {
                a.text(Tone::Heading, format!("The {}:", s.label()));
                match s {
                    Subject::Need(n) => {
                        a.text(Tone::Plain, n.area.trim().to_string());
                        if !n.evidence.trim().is_empty() {
                            a.text(Tone::Dim, n.evidence.trim().to_string());
                        }
                        if !n.agreed_with.trim().is_empty() {
                            a.text(Tone::Dim, format!("Agreed with: {}", n.agreed_with.trim()));
                        }
                    }
                    Subject::Objective(o) => {
                        a.text(Tone::Plain, o.statement.trim().to_string());
                    }
                    Subject::Review(r) => {
                        a.text(Tone::Plain, r.summary.trim().to_string());
                    }
                }
                let earlier = app
                    .model
                    .records
                    .valid_signoffs(match s {
                        Subject::Need(n) => &n.id,
                        Subject::Objective(o) => &o.id,
                        Subject::Review(r) => &r.id,
                    })
                    .iter()
                    .map(|x| x.who())
                    .collect::<Vec<_>>();
                if !earlier.is_empty() {
                    a.text(
                        Tone::Good,
                        format!("Already signed off by {}.", earlier.join(", ")),
                    );
                }
            }
            None => a.text(Tone::Hint, "Choose what is being signed off."),
        }
        a.text(Tone::Plain, "");
        a.text(Tone::Heading, format!("“{SIGNOFF_DECLARATION}”"));
        a.text(
            Tone::Dim,
            "Ctrl-S signs, recording the moment. If the need or objective is changed later, \
             the sign-off no longer counts until it is signed again.",
        );
        Some(a)
    }

    fn submit(&mut self, fields: &Fields, app: &mut App) -> Result<String, FieldError> {
        let Some(id) = fields.picked_id("subject") else {
            return Err(FieldError::new(
                "subject",
                "Signing off: choose the need, objective or review (Space)",
            ));
        };
        let Some(subject) = signoff::subject(&app.model.records, &id) else {
            return Err(FieldError::new(
                "subject",
                "Signing off: that record is no longer in the workspace",
            ));
        };
        let what = format!("{} “{}”", subject.label(), subject.title());
        let s = SignOff::sign(
            Id::generate(),
            subject,
            &fields.text("name"),
            &fields.text("role"),
            &fields.text("remark"),
            fields.picked("criteria"),
            app.now,
        )
        .map_err(|e| FieldError::new("name", format!("Not signed: {e}")))?;
        let who = s.who();
        let new_id = s.id.clone();
        app.save_record(AnyRecord::SignOff(s), false)
            .map_err(|e| FieldError::new("", e))?;
        app.select_evidence(&new_id);
        Ok(format!("Signed off by {who}: {what}"))
    }
}
