//! The development-need form: one self-assessment finding (a strength or an
//! area to improve), where it was identified, the evidence and who agreed it.

use super::FieldError;
use super::field::{Field, Fields};
use super::picker::PickOption;
use super::record::{FormRecord, Now, RecordEngine, kind};
use crate::domain::{DevelopmentNeed, Id, NeedKind, NeedSource, Records};
use chrono::{DateTime, FixedOffset, NaiveDate};

/// The open need form.
pub type NeedForm = RecordEngine<DevelopmentNeed>;

fn source_options() -> Vec<PickOption> {
    NeedSource::ALL
        .iter()
        .map(|s| PickOption {
            value: s.label().to_string(),
            label: s.label().to_string(),
        })
        .collect()
}

impl FormRecord for DevelopmentNeed {
    kind!(
        Need,
        "Need",
        "development need",
        ["New development need or strength", "Edit development need"]
    );
    const CRITERIA: &'static str =
        "Which assessment criteria does this self-assessment show? ↑/↓ move, Space ticks";

    fn blank(at: DateTime<FixedOffset>) -> Self {
        DevelopmentNeed::new(Id::generate(), at.date_naive(), at)
    }

    fn fields(&self, _records: &Records, criteria: Field) -> Vec<Field> {
        let sources: Vec<String> = self
            .identified_from
            .iter()
            .map(|s| s.label().to_string())
            .collect();
        vec![
            Field::text(
                "area",
                "Area",
                "The skill or behaviour, e.g. \"Handling complaint calls when the customer is angry\"",
                &self.area,
            ),
            Field::choice_of(
                "kind",
                "Kind",
                "An area to improve, or a strength to keep? Space or ←/→ to change",
                &NeedKind::ALL,
                &self.kind,
                |k| k.label().to_string(),
            ),
            Field::date(
                "date",
                "Identified",
                "When was it identified? today, 10/03/2026, -2w",
                self.date,
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
                &self.evidence,
            ),
            Field::line(
                "agreed",
                "Agreed with",
                "Who agreed it with you (your line manager, assessor) and when?",
                &self.agreed_with,
            ),
            criteria,
        ]
    }

    fn read(&self, f: &Fields, today: NaiveDate, now: Now) -> Result<Self, FieldError> {
        let mut n = self.clone();
        n.area = f.required("area", "Area: name the skill or behaviour before saving")?;
        n.kind = f.chosen("kind", &NeedKind::ALL);
        n.date = f.day("date", today)?;
        let picked = f.picked("sources");
        n.identified_from = NeedSource::ALL
            .iter()
            .filter(|s| picked.iter().any(|p| p == s.label()))
            .copied()
            .collect();
        n.evidence = f.text("evidence").trim().to_string();
        n.agreed_with = f.text("agreed");
        n.updated = now;
        Ok(n)
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
        let mut form = NeedForm::new(blank, false, &Records::default(), None);
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
        let n = form.to_record(now().date_naive(), now()).expect("saves");
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
        let mut form = NeedForm::new(blank, false, &Records::default(), None);
        assert_eq!(
            form.to_record(now().date_naive(), now())
                .expect_err("empty")
                .field,
            "area"
        );
        crate::tui::forms::give_key(&mut form, &crate::tui::keymap::Keymap::default(), &key('x'));
        form.fields.focus_on("date");
        crate::tui::forms::give_key(&mut form, &crate::tui::keymap::Keymap::default(), &key('z'));
        let e = form
            .to_record(now().date_naive(), now())
            .expect_err("bad date");
        assert_eq!(e.field, "date");
        assert!(e.message.starts_with("Identified:"), "{}", e.message);
    }
}
