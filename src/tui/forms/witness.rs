//! The witness statement forms: writing down what a witness saw (who they
//! are, how they know the learner, the day, what they saw, the criteria it
//! shows), and the witness signing it by typing their name under the
//! declaration. A signature holds a hash of the statement, so any later
//! edit leaves it reading as unsigned until the witness signs again.

use super::field::{Field, Fields};
use super::record::{FormRecord, Now, RecordEngine, kind};
use super::{Advice, Engine, FieldError, Spec, Tone};
use crate::domain::witness::{Confirmation, WITNESS_DECLARATION, WitnessState};
use crate::domain::{AnyRecord, Id, Records, WitnessStatement};
use crate::tui::App;
use crate::tui::forms::attach::link_options;
use chrono::NaiveDate;

/// The open witness statement form.
pub type WitnessForm = RecordEngine<WitnessStatement>;

impl FormRecord for WitnessStatement {
    kind!(
        Witness,
        "Witness statement",
        "witness statement",
        ["New witness statement", "Edit witness statement"]
    );
    const CRITERIA: &'static str = "Which assessment criteria does it show? ↑/↓ move, Space ticks";

    fn blank(at: Now) -> Self {
        WitnessStatement::new(Id::generate(), at.date_naive(), at)
    }

    fn fields(&self, records: &Records, criteria: Field) -> Vec<Field> {
        vec![
            Field::line(
                "witness",
                "Witness",
                "Who saw it: their full name, as they will type it to sign",
                &self.witness,
            ),
            Field::line(
                "role",
                "Role",
                "Their job, e.g. \"team leader\", \"quality coach\"",
                &self.role,
            ),
            Field::line(
                "relationship",
                "Knows you as",
                "How they know you, e.g. \"my line manager\", \"a colleague on my team\"",
                &self.relationship,
            ),
            Field::date(
                "date",
                "Date seen",
                "The day they saw it: today, 14/10/2026, -2w",
                self.date,
            ),
            Field::text(
                "observed",
                "What they saw",
                "In the witness's words: what you did, with whom, and how it went",
                &self.observed,
            ),
            Field::pick_ids(
                "links",
                "Evidence for",
                "Which objectives, needs or activities does it show? ↑/↓ move, Space ticks",
                link_options(records),
                &self.links,
                "Nothing in the plan yet to link it to.",
            ),
            criteria,
        ]
    }

    /// The statement to save, or the field to fix and why. The
    /// confirmation is kept as it was: a changed statement no longer
    /// matches its signature, which is what makes it read as unsigned.
    fn read(&self, f: &Fields, today: NaiveDate, now: Now) -> Result<Self, FieldError> {
        let mut w = self.clone();
        w.witness = f.required(
            "witness",
            "Witness: name who saw it; they type this name to sign",
        )?;
        w.role = f.text("role").trim().to_string();
        w.relationship = f.text("relationship").trim().to_string();
        w.date = f.day("date", today)?;
        f.required(
            "observed",
            "What they saw: write down what the witness saw before saving",
        )?;
        w.observed = f.text("observed").trim_end().to_string();
        w.links = f.picked_ids("links");
        w.updated = now;
        Ok(w)
    }

    fn advice(&self, _fields: &Fields, app: &App) -> Option<Advice> {
        let mut a = Advice::new("Witness testimony");
        a.text(
            Tone::Plain,
            "Someone who saw you at work (a team leader, a colleague, a customer's \
             representative) says what they saw, in their words.",
        );
        a.text(Tone::Plain, "");
        signature_advice(&mut a, self, app);
        Some(a)
    }

    fn save(self, before: &Self, editing: bool, app: &mut App) -> Result<String, FieldError> {
        let was_signed = before.state(&app.model.records) == WitnessState::Signed;
        let id = self.id.clone();
        let unsigned_now = self.state(&app.model.records) == WitnessState::ChangedAfterSigning;
        app.save_record(AnyRecord::Witness(self), editing)
            .map_err(|e| FieldError::new("", e))?;
        app.select_evidence(&id);
        Ok(if was_signed && unsigned_now {
            "Witness statement saved. It now reads as unsigned: the witness signed the earlier words (s to sign again)".into()
        } else if editing {
            "Witness statement saved".into()
        } else {
            "Witness statement saved: the witness signs it with s".into()
        })
    }
}

/// How a statement's signature stands, for the forms' advice.
fn signature_advice(a: &mut Advice, w: &WitnessStatement, app: &App) {
    match (&w.confirmation, w.state(&app.model.records)) {
        (Confirmation::Signed { name, signed, .. }, WitnessState::Signed) => {
            a.text(
                Tone::Good,
                format!(
                    "Signed by {name} on {}.",
                    signed.format("%-d %B %Y at %H:%M")
                ),
            );
            a.text(
                Tone::Hint,
                "Saving a change to what they signed marks it unsigned until they sign again.",
            );
        }
        (_, WitnessState::ChangedAfterSigning) => a.text(
            Tone::Bad,
            "Unsigned: changed after the witness signed it. They sign again with s.",
        ),
        (_, WitnessState::Scanned) => {
            a.text(Tone::Good, "Confirmed by a scanned signed statement.")
        }
        _ => a.text(
            Tone::Dim,
            "Not signed yet: after saving, the witness signs it with s in the Evidence view.",
        ),
    }
}

/// The signing form's spec: the statement, the declaration and one field
/// for the witness's name.
#[derive(Debug)]
pub struct WitnessSignSpec {
    pub statement: WitnessStatement,
}

/// The open signing form.
pub type WitnessSignForm = Engine<WitnessSignSpec>;

impl WitnessSignForm {
    pub fn new(statement: WitnessStatement) -> WitnessSignForm {
        let fields = Fields::new(vec![Field::line(
            "name",
            "Your name",
            "Witness: read the statement and the declaration, then type your full name to sign",
            "",
        )]);
        Engine::build(WitnessSignSpec { statement }, fields)
    }
}

impl Spec for WitnessSignSpec {
    fn title(&self) -> String {
        format!("Signing by {}", self.statement.witness.trim())
    }

    fn advice(&self, _fields: &Fields, _app: &App) -> Option<Advice> {
        let w = &self.statement;
        let mut a = Advice::new("The statement");
        let mut who = w.witness.trim().to_string();
        if !w.role.trim().is_empty() {
            who.push_str(&format!(", {}", w.role.trim()));
        }
        if !w.relationship.trim().is_empty() {
            who.push_str(&format!(" ({})", w.relationship.trim()));
        }
        a.text(Tone::Heading, who);
        a.text(
            Tone::Dim,
            format!("What I saw on {}:", w.date.format("%-d %B %Y")),
        );
        for line in w.observed.lines() {
            a.text(Tone::Plain, line.to_string());
        }
        a.text(Tone::Plain, "");
        a.text(Tone::Heading, format!("“{WITNESS_DECLARATION}”"));
        a.text(
            Tone::Dim,
            "Ctrl-S signs, recording the moment. Any later change to the statement marks it unsigned.",
        );
        Some(a)
    }

    fn submit(&mut self, fields: &Fields, app: &mut App) -> Result<String, FieldError> {
        let signed = self
            .statement
            .sign(&fields.text("name"), app.now)
            .map_err(|e| FieldError::new("name", format!("Not signed: {e}")))?;
        let id = signed.id.clone();
        let who = signed.witness.trim().to_string();
        app.save_record(AnyRecord::Witness(signed), true)
            .map_err(|e| FieldError::new("", e))?;
        app.select_evidence(&id);
        Ok(format!(
            "Signed by {who} at {}",
            app.now.format("%H:%M on %-d %B %Y")
        ))
    }
}
