//! The witness statement forms: writing down what a witness saw (who they
//! are, how they know the learner, the day, what they saw, the criteria it
//! shows), and the witness signing it by typing their name under the
//! declaration. A signature holds a hash of the statement, so any later
//! edit leaves it reading as unsigned until the witness signs again.

use super::field::{Field, Fields, LineKind};
use super::{Advice, Engine, FieldError, RecordForm, Spec, Tone};
use crate::domain::witness::{Confirmation, WITNESS_DECLARATION, WitnessState};
use crate::domain::{AnyRecord, Draft, DraftForm, Id, WitnessStatement, dates};
use crate::tui::App;
use crate::tui::forms::attach::link_options;

/// The witness statement form's spec.
#[derive(Debug)]
pub struct WitnessSpec {
    /// The statement before editing (or a blank new one).
    pub base: WitnessStatement,
    pub editing: bool,
}

/// The open witness statement form.
pub type WitnessForm = Engine<WitnessSpec>;

impl WitnessForm {
    /// A new statement about today.
    pub fn blank(app: &App) -> WitnessForm {
        let w = WitnessStatement::new(Id::generate(), app.today, app.now);
        WitnessForm::build_for(w, false, app)
    }

    /// The statement as it is, to change.
    pub fn editing(w: WitnessStatement, app: &App) -> WitnessForm {
        WitnessForm::build_for(w, true, app)
    }

    fn build_for(w: WitnessStatement, editing: bool, app: &App) -> WitnessForm {
        let links: Vec<String> = w.links.iter().map(|i| i.to_string()).collect();
        let fields = Fields::new(vec![
            Field::line(
                "witness",
                "Witness",
                "Who saw it: their full name, as they will type it to sign",
                &w.witness,
            ),
            Field::line(
                "role",
                "Role",
                "Their job, e.g. \"team leader\", \"quality coach\"",
                &w.role,
            ),
            Field::line(
                "relationship",
                "Knows you as",
                "How they know you, e.g. \"my line manager\", \"a colleague on my team\"",
                &w.relationship,
            ),
            Field::typed_line(
                "date",
                "Date seen",
                "The day they saw it: today, 14/10/2026, -2w",
                &w.date.format("%Y-%m-%d").to_string(),
                LineKind::Date,
            ),
            Field::text(
                "observed",
                "What they saw",
                "In the witness's words: what you did, with whom, and how it went",
                &w.observed,
            ),
            Field::pick(
                "links",
                "Evidence for",
                "Which objectives, needs or activities does it show? ↑/↓ move, Space ticks",
                link_options(&app.model.records),
                &links,
                "Nothing in the plan yet to link it to.",
            ),
            Field::criteria(
                "Which assessment criteria does it show? ↑/↓ move, Space ticks",
                app.criteria.as_ref(),
                &w.criteria,
            ),
        ]);
        Engine::build(WitnessSpec { base: w, editing }, fields)
    }

    /// The same form holding a draft's fields, as typed.
    pub fn from_draft(draft: &Draft, app: &App) -> WitnessForm {
        let existing = draft
            .editing
            .as_ref()
            .and_then(|id| app.model.records.witnesses.iter().find(|w| &w.id == id));
        let mut form = match existing {
            Some(w) => WitnessForm::editing(w.clone(), app),
            None => WitnessForm::build_for(
                WitnessStatement::new(Id::generate(), draft.saved_at.date_naive(), draft.saved_at),
                false,
                app,
            ),
        };
        form.fields.restore(&draft.fields);
        form.draft_id = draft.id.clone();
        form
    }
}

impl WitnessSpec {
    /// The statement to save, or the field to fix and why. The
    /// confirmation is kept as it was: a changed statement no longer
    /// matches its signature, which is what makes it read as unsigned.
    pub fn to_statement(&self, f: &Fields, app: &App) -> Result<WitnessStatement, FieldError> {
        if let Some((field, message)) = f.first_problem(app.today) {
            return Err(FieldError { field, message });
        }
        let mut w = self.base.clone();
        w.witness = f.text("witness").trim().to_string();
        if w.witness.is_empty() {
            return Err(FieldError::new(
                "witness",
                "Witness: name who saw it; they type this name to sign",
            ));
        }
        w.role = f.text("role").trim().to_string();
        w.relationship = f.text("relationship").trim().to_string();
        w.date = dates::parse_natural_day(&f.text("date"), app.today)
            .map_err(|e| FieldError::new("date", format!("Date seen: {e}")))?;
        w.observed = f.text("observed").trim_end().to_string();
        if w.observed.trim().is_empty() {
            return Err(FieldError::new(
                "observed",
                "What they saw: write down what the witness saw before saving",
            ));
        }
        w.links = f
            .picked("links")
            .iter()
            .filter_map(|v| Id::parse(v).ok())
            .collect();
        w.criteria = f.picked("criteria");
        w.updated = app.now;
        Ok(w)
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

impl Spec for WitnessSpec {
    fn record(&self) -> Option<RecordForm> {
        let titles = ["New witness statement", "Edit witness statement"];
        RecordForm::of(DraftForm::Witness, titles, self.editing, &self.base.id)
    }

    fn advice(&self, _fields: &Fields, app: &App) -> Option<Advice> {
        let mut a = Advice::new("Witness testimony");
        a.text(
            Tone::Plain,
            "Someone who saw you at work (a team leader, a colleague, a customer's \
             representative) says what they saw, in their words.",
        );
        a.text(Tone::Plain, "");
        signature_advice(&mut a, &self.base, app);
        Some(a)
    }

    fn submit(&mut self, fields: &Fields, app: &mut App) -> Result<String, FieldError> {
        let w = self.to_statement(fields, app)?;
        let was_signed = self.base.state(&app.model.records) == WitnessState::Signed;
        let id = w.id.clone();
        let unsigned_now = w.state(&app.model.records) == WitnessState::ChangedAfterSigning;
        app.save_record(AnyRecord::Witness(w), self.editing)
            .map_err(|e| FieldError::new("", e))?;
        app.select_evidence(&id);
        Ok(if was_signed && unsigned_now {
            "Witness statement saved. It now reads as unsigned: the witness signed the earlier words (s to sign again)".into()
        } else if self.editing {
            "Witness statement saved".into()
        } else {
            "Witness statement saved: the witness signs it with s".into()
        })
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
