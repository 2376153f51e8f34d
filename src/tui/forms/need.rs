//! The development-need form: one self-assessment finding (a strength or an
//! area to improve), where it was identified, the evidence and who agreed it.

use super::field::{Field, Fields, LineKind};
use super::picker::PickOption;
use super::{Engine, FieldError, RecordForm, Spec};
use crate::domain::AnyRecord;
use crate::domain::{
    CriteriaSet, DevelopmentNeed, Draft, DraftForm, Id, NeedKind, NeedSource, Records, dates,
};
use crate::tui::App;
use chrono::{DateTime, FixedOffset, NaiveDate};

/// The need form's spec.
#[derive(Debug)]
pub struct NeedSpec {
    /// The record before editing (or a blank new one).
    pub base: DevelopmentNeed,
    pub editing: bool,
}

/// The open need form.
pub type NeedForm = Engine<NeedSpec>;

fn source_options() -> Vec<PickOption> {
    NeedSource::ALL
        .iter()
        .map(|s| PickOption {
            value: s.label().to_string(),
            label: s.label().to_string(),
        })
        .collect()
}

impl NeedForm {
    pub fn new(need: DevelopmentNeed, editing: bool, criteria: Option<&CriteriaSet>) -> NeedForm {
        let n = &need;
        let kinds: Vec<String> = NeedKind::ALL
            .iter()
            .map(|k| k.label().to_string())
            .collect();
        let kind = NeedKind::ALL.iter().position(|k| *k == n.kind).unwrap_or(0);
        let sources: Vec<String> = n
            .identified_from
            .iter()
            .map(|s| s.label().to_string())
            .collect();
        let fields = Fields::new(vec![
            Field::text(
                "area",
                "Area",
                "The skill or behaviour, e.g. \"Handling complaint calls when the customer is angry\"",
                &n.area,
            ),
            Field::choice(
                "kind",
                "Kind",
                "An area to improve, or a strength to keep? Space or ←/→ to change",
                kinds,
                kind,
            ),
            Field::typed_line(
                "date",
                "Identified",
                "When was it identified? today, 10/03/2026, -2w",
                &n.date.format("%Y-%m-%d").to_string(),
                LineKind::Date,
            ),
            Field::pick(
                "sources",
                "Found in",
                "Where was it identified? Tick every source: more than one makes it stronger",
                source_options(),
                &sources,
                "",
            ),
            Field::text(
                "evidence",
                "Evidence",
                "What shows it: scores against the service standard, examples, quotes from feedback",
                &n.evidence,
            ),
            Field::line(
                "agreed",
                "Agreed with",
                "Who agreed it with you (your line manager, assessor) and when?",
                &n.agreed_with,
            ),
            Field::criteria(
                "Which assessment criteria does this self-assessment show? ↑/↓ move, Space ticks",
                criteria,
                &n.criteria,
            ),
        ]);
        Engine::build(
            NeedSpec {
                base: need,
                editing,
            },
            fields,
        )
    }

    pub fn from_draft(
        draft: &Draft,
        records: &Records,
        criteria: Option<&CriteriaSet>,
    ) -> NeedForm {
        let id = draft.editing.as_ref();
        Engine::of_draft(
            draft,
            id.and_then(|id| records.needs.iter().find(|n| &n.id == id)),
            || DevelopmentNeed::new(Id::generate(), draft.saved_at.date_naive(), draft.saved_at),
            |need, editing| NeedForm::new(need, editing, criteria),
        )
    }
}

impl NeedSpec {
    /// The record to save, or the field to fix and why.
    pub fn to_need(
        &self,
        f: &Fields,
        today: NaiveDate,
        now: DateTime<FixedOffset>,
    ) -> Result<DevelopmentNeed, FieldError> {
        let mut n = self.base.clone();
        n.area = f.text("area").trim().to_string();
        if n.area.is_empty() {
            return Err(FieldError {
                field: "area".into(),
                message: "Area: name the skill or behaviour before saving".into(),
            });
        }
        n.kind = NeedKind::ALL
            .get(f.choice("kind"))
            .copied()
            .unwrap_or(NeedKind::Gap);
        n.date = dates::parse_natural_day(&f.text("date"), today).map_err(|e| FieldError {
            field: "date".into(),
            message: format!("Identified: {e}"),
        })?;
        let picked = f.picked("sources");
        n.identified_from = NeedSource::ALL
            .iter()
            .filter(|s| picked.iter().any(|p| p == s.label()))
            .copied()
            .collect();
        n.evidence = f.text("evidence").trim().to_string();
        n.agreed_with = f.text("agreed");
        n.criteria = f.picked("criteria");
        n.updated = now;
        Ok(n)
    }
}

impl Spec for NeedSpec {
    fn record(&self) -> Option<RecordForm> {
        let titles = ["New development need or strength", "Edit development need"];
        RecordForm::of(DraftForm::Need, titles, self.editing, &self.base.id)
    }

    fn submit(&mut self, fields: &Fields, app: &mut App) -> Result<String, FieldError> {
        let record = self.to_need(fields, app.today, app.now)?;
        app.save_plan_record(AnyRecord::Need(record), self.editing, "Need")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::forms::testkit::{key, now};
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    #[test]
    fn a_need_is_built_from_its_fields() {
        let blank = DevelopmentNeed::new(Id::generate(), now().date_naive(), now());
        let mut form = NeedForm::new(blank, false, None);
        for c in "Writing clear follow-up emails".chars() {
            crate::tui::forms::give_key(&mut form, &crate::tui::keymap::Keymap::default(), &key(c));
        }
        form.fields.focus_on("kind");
        crate::tui::forms::give_key(&mut form, &crate::tui::keymap::Keymap::default(), &key(' '));
        form.fields.focus_on("sources");
        crate::tui::forms::give_key(&mut form, &crate::tui::keymap::Keymap::default(), &key(' '));
        crate::tui::forms::give_key(
            &mut form,
            &crate::tui::keymap::Keymap::default(),
            &KeyEvent::new(KeyCode::Down, KeyModifiers::NONE),
        );
        crate::tui::forms::give_key(&mut form, &crate::tui::keymap::Keymap::default(), &key(' '));
        let n = form
            .spec
            .to_need(&form.fields, now().date_naive(), now())
            .expect("saves");
        assert_eq!(n.area, "Writing clear follow-up emails");
        assert_eq!(n.kind, NeedKind::Strength);
        assert_eq!(
            n.identified_from,
            vec![NeedSource::Appraisal, NeedSource::JobDescription]
        );
    }

    #[test]
    fn an_empty_area_or_a_bad_date_is_refused_at_the_field() {
        let blank = DevelopmentNeed::new(Id::generate(), now().date_naive(), now());
        let mut form = NeedForm::new(blank, false, None);
        assert_eq!(
            form.spec
                .to_need(&form.fields, now().date_naive(), now())
                .expect_err("empty")
                .field,
            "area"
        );
        crate::tui::forms::give_key(&mut form, &crate::tui::keymap::Keymap::default(), &key('x'));
        form.fields.focus_on("date");
        crate::tui::forms::give_key(&mut form, &crate::tui::keymap::Keymap::default(), &key('z'));
        let e = form
            .spec
            .to_need(&form.fields, now().date_naive(), now())
            .expect_err("bad date");
        assert_eq!(e.field, "date");
        assert!(e.message.starts_with("Identified:"), "{}", e.message);
    }
}
