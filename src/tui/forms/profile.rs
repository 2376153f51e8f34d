//! The learner profile form, shown on first run (a greeting) and with `p`.

use super::field::{Field, Fields};
use super::picker::PickOption;
use super::{Advice, Engine, FieldError, Spec, Tone};
use crate::domain::{CriteriaSet, LearnerProfile};
use crate::tui::App;

/// The profile form's spec.
#[derive(Debug)]
pub struct ProfileSpec {
    /// Shown as a welcome on first run; Esc then skips it for good.
    pub first_run: bool,
    /// The set that was first in the profile, kept first while ticked.
    first_set: String,
}

/// The open profile form.
pub type ProfileForm = Engine<ProfileSpec>;

impl ProfileForm {
    pub fn new(profile: &LearnerProfile, sets: &[CriteriaSet], first_run: bool) -> ProfileForm {
        let options = sets
            .iter()
            .map(|s| PickOption {
                value: s.id.clone(),
                label: s.title.clone(),
            })
            .collect();
        let first = if profile.criteria_set.is_empty() {
            crate::assets::DEFAULT_CRITERIA_SET.to_string()
        } else {
            profile.criteria_set.clone()
        };
        let mut current = vec![first.clone()];
        current.extend(
            profile
                .more_criteria_sets
                .iter()
                .filter(|id| **id != first)
                .cloned(),
        );
        let qualification = if profile.qualification.is_empty() && first_run {
            "NVQ in Customer Service".to_string()
        } else {
            profile.qualification.clone()
        };
        let fields = Fields::new(vec![
            Field::line(
                "name",
                "Your name",
                "As your assessor knows you",
                &profile.name,
            ),
            Field::line(
                "job_role",
                "Job role",
                "Your job, e.g. customer service adviser",
                &profile.job_role,
            ),
            Field::line(
                "organisation",
                "Organisation",
                "Where you work",
                &profile.organisation,
            ),
            Field::short(
                "qualification",
                "Qualification",
                "The qualification you are working towards",
                &qualification,
            ),
            Field::short(
                "level",
                "Level",
                "Its level: 2 or 3 (or leave it empty)",
                &profile.level.map(|l| l.to_string()).unwrap_or_default(),
            ),
            Field::pick(
                "criteria",
                "Criteria sets",
                "What you are assessed on: tick every set that applies; the first ticked is shown first",
                options,
                &current,
                "No criteria sets found.",
            ),
        ]);
        Engine::build(
            ProfileSpec {
                first_run,
                first_set: first,
            },
            fields,
        )
    }
}

impl ProfileSpec {
    /// The profile as typed, or the field to fix and why.
    pub fn to_profile(&self, f: &Fields) -> Result<LearnerProfile, FieldError> {
        let level = match f.text("level").as_str() {
            "" => None,
            "2" => Some(2),
            "3" => Some(3),
            other => {
                return Err(FieldError::new(
                    "level",
                    format!("Level: `{other}` is not 2 or 3 (or leave it empty)"),
                ));
            }
        };
        // The set chosen first stays first while it is ticked; the others
        // are checked alongside it.
        let mut ticked = f.picked("criteria");
        if ticked.is_empty() {
            return Err(FieldError::new(
                "criteria",
                "Criteria sets: tick at least one criteria set (Space)",
            ));
        }
        let first = match ticked.iter().position(|id| *id == self.first_set) {
            Some(i) => ticked.remove(i),
            None => ticked.remove(0),
        };
        Ok(LearnerProfile {
            name: f.text("name"),
            job_role: f.text("job_role"),
            organisation: f.text("organisation"),
            qualification: f.text("qualification"),
            level,
            criteria_set: first,
            more_criteria_sets: ticked,
        })
    }
}

impl Spec for ProfileSpec {
    fn title(&self) -> String {
        if self.first_run {
            "Welcome to starlog".into()
        } else {
            "Your profile".into()
        }
    }

    fn submit(&mut self, fields: &Fields, app: &mut App) -> Result<String, FieldError> {
        let profile = self.to_profile(fields)?;
        app.apply_profile(profile);
        if app.save_header() {
            Ok("Profile saved".into())
        } else {
            let message = app.status.take().map(|s| s.text);
            Err(FieldError::new(
                "",
                message.unwrap_or_else(|| "Profile NOT SAVED".into()),
            ))
        }
    }

    fn advice(&self, _fields: &Fields, _app: &App) -> Option<Advice> {
        let mut advice = Advice::new(if self.first_run { "Welcome" } else { "Profile" });
        if self.first_run {
            advice.text(
                Tone::Plain,
                "starlog keeps the evidence of your development: a STAR diary, your plan, \
                 feedback and reviews, in files on this computer that you own.",
            );
            advice.text(
                Tone::Plain,
                "Tell it a little about you (you can change this later with p).",
            );
            advice.line(vec![
                (Tone::Heading, "Esc".into()),
                (Tone::Plain, " skips this for now.".into()),
            ]);
        } else {
            advice.text(Tone::Plain, "Who you are and what you are assessed on.");
        }
        Some(advice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::forms::testkit::press;

    use ratatui::crossterm::event::KeyCode;

    fn sets() -> Vec<CriteriaSet> {
        vec![crate::domain::testkit::unit()]
    }

    /// The bug: Tab to Level holding 2, Backspace did nothing and
    /// typing 3 gave 32.
    #[test]
    fn a_prefilled_level_is_replaced_and_backspace_works() {
        let profile = LearnerProfile {
            level: Some(2),
            criteria_set: sets()[0].id.clone(),
            ..LearnerProfile::default()
        };
        let mut form = ProfileForm::new(&profile, &sets(), false);
        form.fields.focus_on("name");
        for _ in 0..4 {
            super::super::FormState::next_field(&mut form, 1);
        }
        assert_eq!(form.fields.focused_name(), "level");
        press(&mut form, KeyCode::Char('3'));
        assert_eq!(form.fields.text("level"), "3");
        let p = form.spec.to_profile(&form.fields).expect("valid");
        assert_eq!(p.level, Some(3));

        super::super::FormState::next_field(&mut form, -1);
        super::super::FormState::next_field(&mut form, 1);
        press(&mut form, KeyCode::Backspace);
        assert_eq!(form.fields.text("level"), "", "Backspace clears the level");
    }

    #[test]
    fn a_bad_level_or_no_set_is_refused_at_its_field() {
        let mut form = ProfileForm::new(&LearnerProfile::default(), &sets(), true);
        form.fields.focus_on("level");
        press(&mut form, KeyCode::Char('4'));
        let e = form.spec.to_profile(&form.fields).expect_err("4");
        assert_eq!(e.field, "level");
        press(&mut form, KeyCode::Backspace);
        form.fields.focus_on("criteria");
        press(&mut form, KeyCode::Char(' '));
        let e = form.spec.to_profile(&form.fields).expect_err("no set");
        assert_eq!(e.field, "criteria");
    }
}
