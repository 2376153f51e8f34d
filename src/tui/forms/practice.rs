//! The practice form: one record of what the unit marks beyond the plan
//! (professionalism, a skill, a leadership style, a learning preference, a
//! barrier, a knowledge answer, a change of role). The kind is chosen first;
//! the other fields' labels and questions follow it, from the kind's own
//! table (`PracticeKind::name_label` and `parts`), so the form asks what an
//! assessor reads for that kind.

use super::FieldError;
use super::field::{Field, Fields};
use super::record::{FormRecord, Now, RecordEngine, kind};
use crate::domain::{Id, Practice, PracticeKind, Records};
use chrono::{DateTime, FixedOffset, NaiveDate};

/// The three text fields, in the order of `PracticeKind::parts`.
const PARTS: [&str; 3] = ["first", "second", "third"];

/// The label of a part the chosen kind does not use.
const UNUSED: &str = "(not used)";

/// The open practice form.
pub type PracticeForm = RecordEngine<Practice>;

/// The kind the kind field shows.
fn kind_of(fields: &Fields) -> PracticeKind {
    fields.chosen("kind", &PracticeKind::ALL)
}

/// Gives the name, the parts and the date the labels and questions of the
/// chosen kind.
fn relabel(fields: &mut Fields) {
    let kind = kind_of(fields);
    let (label, hint) = kind.name_label();
    if let Some(f) = fields.get_mut("name") {
        f.label = label;
        f.hint = hint.to_string();
    }
    for (name, (label, hint)) in PARTS.iter().zip(kind.parts()) {
        if let Some(f) = fields.get_mut(name) {
            if label.is_empty() {
                f.label = UNUSED;
                f.hint = format!("A {} has no third part: leave this empty", kind.label());
            } else {
                f.label = label;
                f.hint = hint.to_string();
            }
        }
    }
    if let Some(f) = fields.get_mut("date") {
        if kind == PracticeKind::RoleChange {
            f.label = "Changed on";
            f.hint = "The day the role changed: today, 10/03/2026, -2w".into();
        } else {
            f.label = "Date";
            f.hint = "The day it is about: today, 10/03/2026, -2w".into();
        }
    }
}

impl FormRecord for Practice {
    kind!(
        Practice,
        "Practice record",
        "practice record",
        ["New practice record", "Edit practice record"]
    );
    const CRITERIA: &'static str = "Which assessment criteria does it show? ↑/↓ move, Space ticks";

    fn blank(at: DateTime<FixedOffset>) -> Self {
        Practice::new(
            Id::generate(),
            PracticeKind::Professionalism,
            at.date_naive(),
            at,
        )
    }

    fn fields(&self, _records: &Records, criteria: Field) -> Vec<Field> {
        vec![
            Field::choice_of(
                "kind",
                "Kind",
                "What is it? Space or ←/→ to change; the questions below follow it",
                &PracticeKind::ALL,
                &self.kind,
                |k| k.label().to_string(),
            ),
            Field::line("name", "Name", "", &self.name),
            Field::text("first", UNUSED, "", &self.first),
            Field::text("second", UNUSED, "", &self.second),
            Field::text("third", UNUSED, "", &self.third),
            Field::date(
                "date",
                "Date",
                "The day it is about: today, 10/03/2026, -2w",
                self.date,
            ),
            criteria,
        ]
    }

    fn read(&self, f: &Fields, today: NaiveDate, now: Now) -> Result<Self, FieldError> {
        let mut p = self.clone();
        p.kind = kind_of(f);
        let (name_label, _) = p.kind.name_label();
        p.name = f.text("name").trim().to_string();
        if p.name.is_empty() {
            return Err(FieldError::new(
                "name",
                format!(
                    "{name_label}: say which {} this is before saving",
                    name_label.to_lowercase()
                ),
            ));
        }
        for (n, (name, (label, _))) in PARTS.iter().zip(p.kind.parts()).enumerate() {
            let text = f.text(name).trim().to_string();
            if label.is_empty() && !text.is_empty() {
                // Never drop the learner's words silently.
                return Err(FieldError::new(
                    *name,
                    format!(
                        "A {} has no third part: move this text into another field",
                        p.kind.label()
                    ),
                ));
            }
            *p.part_mut(n) = text;
        }
        p.date = f.day("date", today)?;
        p.updated = now;
        Ok(p)
    }

    /// "Barrier", "Leadership style": the kind saved.
    fn what(&self) -> String {
        let what = self.kind.label();
        let mut first = what.chars();
        first
            .next()
            .map(|c| c.to_uppercase().collect::<String>() + first.as_str())
            .unwrap_or_default()
    }

    fn changed(fields: &mut Fields) {
        relabel(fields);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::forms::give_key;
    use crate::tui::forms::testkit::type_in;
    use crate::tui::forms::testkit::{key, now};
    use crate::tui::keymap::Keymap;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn blank() -> PracticeForm {
        let p = Practice::new(
            Id::generate(),
            PracticeKind::Professionalism,
            now().date_naive(),
            now(),
        );
        PracticeForm::new(p, false, &Records::default(), None)
    }

    fn choose(form: &mut PracticeForm, kind: PracticeKind) {
        form.fields.focus_on("kind");
        while kind_of(&form.fields) != kind {
            give_key(form, &Keymap::default(), &key(' '));
        }
    }

    #[test]
    fn every_kind_saves_its_words_in_the_right_slots() {
        for kind in PracticeKind::ALL {
            let mut form = blank();
            choose(&mut form, kind);
            type_in(&mut form, "name", "Name words");
            let used = kind.parts().iter().filter(|(l, _)| !l.is_empty()).count();
            for (n, name) in PARTS.iter().enumerate().take(used) {
                type_in(&mut form, name, &format!("part {n}"));
            }
            let p = form.to_record(now().date_naive(), now()).expect("saves");
            assert_eq!(p.kind, kind);
            assert_eq!(p.name, "Name words");
            assert_eq!(p.first, "part 0");
            assert_eq!(p.second, "part 1");
            assert_eq!(p.third, if used == 3 { "part 2" } else { "" });
            assert!(p.is_complete(), "{kind:?}");
        }
    }

    #[test]
    fn the_labels_and_questions_follow_the_kind() {
        let mut form = blank();
        let label = |form: &PracticeForm, name: &str| form.fields.get(name).map(|f| f.label);
        assert_eq!(label(&form, "name"), Some("Behaviour"));
        assert_eq!(label(&form, "first"), Some("Example"));
        assert_eq!(label(&form, "third"), Some(UNUSED));
        choose(&mut form, PracticeKind::Skill);
        assert_eq!(label(&form, "first"), Some("Task"));
        assert_eq!(label(&form, "second"), Some("Outcome"));
        choose(&mut form, PracticeKind::Leadership);
        assert_eq!(label(&form, "name"), Some("Style"));
        assert_eq!(label(&form, "first"), Some("Scenario"));
        assert_eq!(label(&form, "second"), Some("Why it fits"));
        assert_eq!(label(&form, "third"), Some("What happened"));
        choose(&mut form, PracticeKind::Barrier);
        assert_eq!(label(&form, "name"), Some("Barrier"));
        assert_eq!(label(&form, "second"), Some("What was done"));
        choose(&mut form, PracticeKind::RoleChange);
        assert_eq!(label(&form, "date"), Some("Changed on"));
    }

    #[test]
    fn text_in_a_part_the_kind_does_not_use_is_kept_and_refused() {
        let mut form = blank();
        choose(&mut form, PracticeKind::Leadership);
        type_in(&mut form, "name", "Coaching");
        type_in(&mut form, "third", "She took the next call herself");
        choose(&mut form, PracticeKind::Skill);
        let e = form
            .to_record(now().date_naive(), now())
            .expect_err("third part not used by a skill");
        assert_eq!(e.field, "third");
        assert_eq!(form.fields.text("third"), "She took the next call herself");
        let e = blank()
            .to_record(now().date_naive(), now())
            .expect_err("empty name");
        assert_eq!(e.field, "name");
        assert!(e.message.starts_with("Behaviour:"), "{}", e.message);
    }

    #[test]
    fn typing_into_a_prefilled_field_adds_to_the_words_there() {
        let mut p = Practice::new(
            Id::generate(),
            PracticeKind::Skill,
            now().date_naive(),
            now(),
        );
        p.name = "Active listening".into();
        p.first = "Billing disputes".into();
        p.second = "Repeat calls down".into();
        let mut form = PracticeForm::new(p, true, &Records::default(), None);
        assert_eq!(form.fields.get("first").map(|f| f.label), Some("Task"));
        form.fields.focus_on("second");
        give_key(
            &mut form,
            &Keymap::default(),
            &KeyEvent::new(KeyCode::End, KeyModifiers::NONE),
        );
        for c in " from 9 to 4 a week".chars() {
            give_key(&mut form, &Keymap::default(), &key(c));
        }
        let saved = form.to_record(now().date_naive(), now()).expect("saves");
        assert_eq!(saved.second, "Repeat calls down from 9 to 4 a week");
        assert_eq!(saved.name, "Active listening");
        assert_eq!(saved.first, "Billing disputes");
    }

    #[test]
    fn a_draft_comes_back_with_its_kind_and_labels() {
        let mut form = blank();
        choose(&mut form, PracticeKind::Barrier);
        type_in(&mut form, "name", "Time");
        type_in(&mut form, "second", "Swapped a shift");
        let draft = crate::tui::forms::FormState::to_draft(&form, now()).expect("draft");
        assert_eq!(draft.form, crate::domain::DraftForm::Practice);
        let back = PracticeForm::from_draft(&draft, &Records::default(), None);
        assert_eq!(kind_of(&back.fields), PracticeKind::Barrier);
        assert_eq!(back.fields.get("name").map(|f| f.label), Some("Barrier"));
        assert_eq!(back.fields.text("second"), "Swapped a shift");
    }
}
