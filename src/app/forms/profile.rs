//! The learner profile form, shown on first run and with `p`.

use super::picker::{PickOption, Picker};
use crate::domain::{CriteriaSet, LearnerProfile};
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileField {
    Name,
    JobRole,
    Organisation,
    Qualification,
    Level,
    CriteriaSet,
}

impl ProfileField {
    pub const ALL: [ProfileField; 6] = [
        ProfileField::Name,
        ProfileField::JobRole,
        ProfileField::Organisation,
        ProfileField::Qualification,
        ProfileField::Level,
        ProfileField::CriteriaSet,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ProfileField::Name => "Your name",
            ProfileField::JobRole => "Job role",
            ProfileField::Organisation => "Organisation",
            ProfileField::Qualification => "Qualification",
            ProfileField::Level => "Level (2 or 3)",
            ProfileField::CriteriaSet => "Criteria sets",
        }
    }
}

#[derive(Debug)]
pub struct ProfileForm {
    /// Shown as a welcome on first run.
    pub first_run: bool,
    pub texts: [TextArea<'static>; 5],
    /// Every criteria set the learner can tick; several may be.
    pub criteria: Picker,
    /// The set that was first in the profile, kept first while ticked.
    first_set: String,
    pub focus: ProfileField,
    pub dirty: bool,
    pub error: Option<String>,
}

fn line(text: &str) -> TextArea<'static> {
    let mut area = TextArea::new(vec![text.replace('\n', " ")]);
    area.set_cursor_line_style(ratatui::style::Style::default());
    area
}

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
        ProfileForm {
            first_run,
            texts: [
                line(&profile.name),
                line(&profile.job_role),
                line(&profile.organisation),
                line(&qualification),
                line(&profile.level.map(|l| l.to_string()).unwrap_or_default()),
            ],
            criteria: Picker::new(options, &current, false),
            first_set: first,
            focus: ProfileField::Name,
            dirty: false,
            error: None,
        }
    }

    pub fn text(&self, field: ProfileField) -> String {
        let i = ProfileField::ALL
            .iter()
            .position(|f| *f == field)
            .unwrap_or(0);
        self.texts
            .get(i)
            .map(|t| t.lines().join(" ").trim().to_string())
            .unwrap_or_default()
    }

    pub fn text_area(&self, field: ProfileField) -> Option<&TextArea<'static>> {
        let i = ProfileField::ALL.iter().position(|f| *f == field)?;
        self.texts.get(i)
    }

    /// The focused text field (not the criteria picker), for paste.
    pub fn focused_text(&mut self) -> Option<&mut TextArea<'static>> {
        if self.focus == ProfileField::CriteriaSet {
            return None;
        }
        let i = ProfileField::ALL.iter().position(|f| *f == self.focus)?;
        self.texts.get_mut(i)
    }

    pub fn next_field(&mut self, step: isize) {
        let all = ProfileField::ALL;
        let i = all.iter().position(|f| *f == self.focus).unwrap_or(0) as isize;
        self.focus = all[((i + step).rem_euclid(all.len() as isize)) as usize];
    }

    pub fn handle_key(&mut self, key: &KeyEvent) -> bool {
        if key.code == KeyCode::Enter {
            self.next_field(1);
            return false;
        }
        let changed = if self.focus == ProfileField::CriteriaSet {
            self.criteria.handle_key(key)
        } else {
            let i = ProfileField::ALL
                .iter()
                .position(|f| *f == self.focus)
                .unwrap_or(0);
            self.texts[i].input(*key)
        };
        if changed {
            self.dirty = true;
            self.error = None;
        }
        changed
    }

    /// The profile as typed, or what is wrong.
    pub fn to_profile(&self) -> Result<LearnerProfile, String> {
        let level_text = self.text(ProfileField::Level);
        let level = match level_text.as_str() {
            "" => None,
            "2" => Some(2),
            "3" => Some(3),
            other => {
                return Err(format!(
                    "Level: `{other}` is not 2 or 3 (or leave it empty)"
                ));
            }
        };
        // The set chosen first stays first while it is ticked; the others
        // are checked alongside it.
        let mut ticked = self.criteria.selected();
        if ticked.is_empty() {
            return Err("Criteria sets: tick at least one criteria set (Space)".into());
        }
        let first = match ticked.iter().position(|id| *id == self.first_set) {
            Some(i) => ticked.remove(i),
            None => ticked.remove(0),
        };
        let more = ticked;
        Ok(LearnerProfile {
            name: self.text(ProfileField::Name),
            job_role: self.text(ProfileField::JobRole),
            organisation: self.text(ProfileField::Organisation),
            qualification: self.text(ProfileField::Qualification),
            level,
            criteria_set: first,
            more_criteria_sets: more,
        })
    }
}
