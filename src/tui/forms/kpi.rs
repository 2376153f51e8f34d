//! The KPI reading form: a metric, its value on a day, the target at the time,
//! and for a custom metric its unit and which way is better. Values are
//! checked against the metric's scale; a value off the scale is refused at
//! the field, with the scale named.

use super::field::{Field, Fields};
use super::picker::PickOption;
use super::{Advice, Engine, FieldError, RecordForm, Spec, Tone};
use crate::domain::kpi::{self, Better, KpiField};
use crate::domain::{AnyRecord, Draft, DraftForm, FORMAT, Id, KpiReading, Records};
use crate::tui::App;
use chrono::{DateTime, FixedOffset, NaiveDate};

/// The KPI form's spec.
#[derive(Debug)]
pub struct KpiSpec {
    /// The reading before editing (or a blank new one).
    pub base: KpiReading,
    pub editing: bool,
    /// Which way is better for a metric of the learner's own, as they
    /// picked it (a known metric shows its own direction instead).
    own_better: usize,
    /// The metric was a known one when the fields last changed.
    was_known: bool,
}

/// The open KPI form.
pub type KpiForm = Engine<KpiSpec>;

const BETTER: [&str; 2] = ["higher is better", "lower is better"];

fn field_name(field: KpiField) -> &'static str {
    match field {
        KpiField::Metric => "metric",
        KpiField::Value => "value",
        KpiField::Target => "target",
        KpiField::Unit => "unit",
        KpiField::Better => "better",
    }
}

impl KpiForm {
    pub fn new(reading: KpiReading, editing: bool, records: &Records) -> KpiForm {
        let k = &reading;
        let number = |v: Option<f64>| v.map(kpi::fmt_number).unwrap_or_default();
        let better = match k.better {
            Some(Better::Lower) => 1,
            _ => 0,
        };
        let objectives: Vec<PickOption> = records
            .objectives
            .iter()
            .map(|o| PickOption {
                value: o.id.as_str().to_string(),
                label: crate::tui::truncate(&o.statement, 60),
            })
            .collect();
        let linked: Vec<String> = k
            .objective
            .iter()
            .map(|id| id.as_str().to_string())
            .collect();
        let objective = Field::pick(
            "objective",
            "Objective",
            "Which objective does this figure measure? (for before and after)",
            objectives,
            &linked,
            "No objectives yet: the reading stands on its own.",
        )
        .single();
        let fields = Fields::new(vec![
            Field::short(
                "metric",
                "Metric",
                "FCR, CSAT, NPS, AHT, CES, or your own (e.g. \"complaints\", \"SLA met\")",
                &k.metric,
            ),
            Field::short(
                "value",
                "Value",
                "The figure: FCR and CSAT in % (85%), NPS -100..100, AHT in seconds (390 or 6:30), CES 1-7",
                &if editing {
                    number(Some(k.value))
                } else {
                    String::new()
                },
            ),
            Field::date(
                "date",
                "Date",
                "The day (or end of the period) measured: today, 31/10/2026, 31 Oct 2026, end of month",
                k.date,
            ),
            Field::short(
                "target",
                "Target",
                "The target at the time, on the same scale (leave empty if none)",
                &number(k.target),
            ),
            Field::short(
                "unit",
                "Unit",
                "For your own metric: its unit (\"per week\", \"%\"). For CSAT, 1-5 means the survey mean",
                &k.unit,
            ),
            Field::choice(
                "better",
                "Better",
                "For your own metric: is a higher or a lower figure better?",
                BETTER.iter().map(|s| s.to_string()).collect(),
                better,
            ),
            objective,
            Field::text(
                "note",
                "Note",
                "Where the figure came from, anything unusual about the period",
                &k.note,
            ),
        ]);
        let mut spec = KpiSpec {
            base: reading,
            editing,
            own_better: better,
            was_known: false,
        };
        let mut fields = fields;
        spec.changed(&mut fields);
        Engine::build(spec, fields)
    }

    /// A blank reading for `today`, with the metric, unit, direction, target
    /// and objective of `like` (the metric selected on the Progress screen).
    pub fn blank(like: Option<&KpiReading>, now: DateTime<FixedOffset>) -> KpiReading {
        KpiReading {
            format: FORMAT,
            id: Id::generate(),
            metric: like.map(|k| k.metric_name()).unwrap_or_default(),
            date: now.date_naive(),
            created: now,
            value: 0.0,
            target: like.and_then(|k| k.target),
            unit: like.map(|k| k.unit.clone()).unwrap_or_default(),
            note: String::new(),
            objective: like.and_then(|k| k.objective.clone()),
            better: like.and_then(|k| k.better),
        }
    }

    pub fn from_draft(draft: &Draft, records: &Records) -> KpiForm {
        Engine::of_draft(
            draft,
            draft
                .editing
                .as_ref()
                .and_then(|id| records.kpis.iter().find(|k| &k.id == id)),
            || KpiForm::blank(None, draft.saved_at),
            |reading, editing| KpiForm::new(reading, editing, records),
        )
    }
}

impl KpiSpec {
    /// The metric's scale as typed so far, for the advice beside the form.
    pub fn scale_note(f: &Fields) -> Result<kpi::Scale, String> {
        let better = Some(if f.choice("better") == 1 {
            Better::Lower
        } else {
            Better::Higher
        });
        kpi::scale(&f.text("metric"), &f.text("unit"), better)
    }

    /// The reading to save, or the field to fix and why.
    pub fn to_reading(&self, f: &Fields, today: NaiveDate) -> Result<KpiReading, FieldError> {
        let err = |field: &'static str, label: &str, e: String| {
            FieldError::new(field, format!("{label}: {e}"))
        };
        let mut k = self.base.clone();
        let metric = f.text("metric");
        let known = kpi::known_metric(&metric).is_some();
        k.metric = if known {
            metric.trim().to_ascii_uppercase()
        } else {
            metric.trim().to_string()
        };
        let (unit, target) = (f.text("unit"), f.text("target"));
        k.value = kpi::parse_value(&metric, &unit, &f.text("value"))
            .map_err(|e| err("value", "Value", e))?;
        k.target = (!target.trim().is_empty())
            .then(|| kpi::parse_value(&metric, &unit, &target))
            .transpose()
            .map_err(|e| err("target", "Target", e))?;
        k.date = f.day("date", today)?;
        k.unit = f.text("unit").trim().to_string();
        k.better = if known {
            None
        } else if f.choice("better") == 1 {
            Some(Better::Lower)
        } else {
            Some(Better::Higher)
        };
        k.objective = f.picked_id("objective");
        k.note = f.text("note").trim().to_string();
        kpi::validate(&k).map_err(|(field, message)| {
            let name = field_name(field);
            let label = f.get(name).map(|x| x.label).unwrap_or("Value");
            FieldError {
                field: name.into(),
                message: format!("{label}: {message}"),
            }
        })?;
        Ok(k)
    }
}

impl Spec for KpiSpec {
    /// "Better" shows a known metric's direction (its own, whatever is
    /// picked), and for the learner's own metric what they picked.
    fn changed(&mut self, fields: &mut Fields) {
        match kpi::known_metric(&fields.text("metric")) {
            Some((_, _, better)) => {
                fields.set_choice("better", usize::from(better == Better::Lower));
                self.was_known = true;
            }
            None if self.was_known => {
                fields.set_choice("better", self.own_better);
                self.was_known = false;
            }
            None => self.own_better = fields.choice("better"),
        }
    }

    fn record(&self) -> Option<RecordForm> {
        let titles = ["New KPI reading", "Edit KPI reading"];
        RecordForm::of(DraftForm::Kpi, titles, self.editing, &self.base.id)
    }

    fn submit(&mut self, fields: &Fields, app: &mut App) -> Result<String, FieldError> {
        let reading = self.to_reading(fields, app.today)?;
        kpi::same_scale(&reading, &app.model.records.kpis)
            .map_err(|m| FieldError::new("unit", m))?;
        let name = reading.metric_name();
        let value = kpi::fmt_number(reading.value);
        app.save_record(AnyRecord::Kpi(reading), self.editing)
            .map_err(|m| FieldError::new("", m))?;
        app.show_kpi(&name);
        Ok(format!("Recorded {name} {value}"))
    }

    /// The metric's scale, as the metric and unit are typed.
    fn advice(&self, fields: &Fields, _app: &App) -> Option<Advice> {
        let mut advice = Advice::new("Scale");
        match KpiSpec::scale_note(fields) {
            Ok(s) => {
                let range = match (s.min, s.max) {
                    (Some(lo), Some(hi)) => {
                        format!("{} to {}", kpi::fmt_number(lo), kpi::fmt_number(hi))
                    }
                    (Some(lo), None) => format!("{} or more", kpi::fmt_number(lo)),
                    (None, Some(hi)) => format!("up to {}", kpi::fmt_number(hi)),
                    (None, None) => "any number".into(),
                };
                let unit = if s.unit.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", s.unit)
                };
                advice.text(
                    Tone::Good,
                    format!("{}: {range}{unit}, {}", s.metric, s.better.label()),
                );
            }
            Err(e) => advice.text(Tone::Dim, e),
        }
        Some(advice)
    }
}

#[cfg(test)]
impl KpiForm {
    /// Types one character into the focused field (tests elsewhere in the app).
    pub(crate) fn handle_key_for_test(&mut self, c: char) {
        use crate::tui::FormState;
        use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        FormState::handle_key(self, &KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::forms::testkit::now;
    use crate::tui::forms::testkit::{press, type_in};
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn blank() -> KpiForm {
        KpiForm::new(KpiForm::blank(None, now()), false, &Records::default())
    }

    #[test]
    fn a_reading_is_built_from_its_fields() {
        let mut form = blank();
        type_in(&mut form, "metric", "csat");
        type_in(&mut form, "value", "86,5%");
        type_in(&mut form, "target", "88");
        let k = form
            .spec
            .to_reading(&form.fields, now().date_naive())
            .expect("saves");
        assert_eq!(k.metric, "CSAT");
        assert_eq!(k.value, 86.5);
        assert_eq!(k.target, Some(88.0));
        assert_eq!(k.better, None, "a known metric has its own direction");
        assert_eq!(k.date, now().date_naive());
    }

    #[test]
    fn figures_are_read_as_people_write_them() {
        let mut form = blank();
        type_in(&mut form, "metric", "aht");
        type_in(&mut form, "value", "6:30");
        type_in(&mut form, "target", "6:00");
        let k = form
            .spec
            .to_reading(&form.fields, now().date_naive())
            .expect("saves");
        assert_eq!((k.value, k.target), (390.0, Some(360.0)));
        let mut form = blank();
        type_in(&mut form, "metric", "CSAT");
        type_in(&mut form, "value", "85%");
        assert_eq!(
            form.spec
                .to_reading(&form.fields, now().date_naive())
                .expect("saves")
                .value,
            85.0
        );
        let mut form = blank();
        type_in(&mut form, "metric", "AHT");
        type_in(&mut form, "value", "85%");
        let e = form
            .spec
            .to_reading(&form.fields, now().date_naive())
            .expect_err("not a time");
        assert_eq!(e.field, "value");
        assert_eq!(
            e.message,
            "Value: AHT is a time, not a percentage: type seconds (390) or minutes and seconds (6:30)"
        );
    }

    #[test]
    fn a_value_off_the_scale_is_refused_at_the_value() {
        let mut form = blank();
        type_in(&mut form, "metric", "CES");
        type_in(&mut form, "value", "9");
        let e = form
            .spec
            .to_reading(&form.fields, now().date_naive())
            .expect_err("off scale");
        assert_eq!(e.field, "value");
        assert_eq!(
            e.message,
            "Value: CES 9 is off the scale: CES runs from 1 to 7 (1-7)"
        );
        let mut form = blank();
        type_in(&mut form, "metric", "CSAT");
        type_in(&mut form, "value", "eighty");
        assert_eq!(
            form.spec
                .to_reading(&form.fields, now().date_naive())
                .expect_err("nan")
                .field,
            "value"
        );
    }

    #[test]
    fn a_custom_metric_needs_its_unit_and_keeps_its_direction() {
        let mut form = blank();
        type_in(&mut form, "metric", "complaints");
        type_in(&mut form, "value", "3");
        assert_eq!(
            form.spec
                .to_reading(&form.fields, now().date_naive())
                .expect_err("unit")
                .field,
            "unit"
        );
        type_in(&mut form, "unit", "per week");
        form.fields.focus_on("better");
        crate::tui::forms::give_key(
            &mut form,
            &crate::tui::keymap::Keymap::default(),
            &KeyEvent::new(KeyCode::Char(' '), KeyModifiers::NONE),
        );
        let k = form
            .spec
            .to_reading(&form.fields, now().date_naive())
            .expect("saves");
        assert_eq!(k.better, Some(Better::Lower));
        assert_eq!(k.metric, "complaints");
    }

    /// Found trying it at 80x24: a new AHT reading said "Better: higher is
    /// better" beside "AHT: lower is better". A known metric's direction
    /// is shown; a metric of the learner's own keeps their own pick.
    #[test]
    fn better_follows_a_known_metric_and_keeps_the_learners_own_pick() {
        let mut form = blank();
        type_in(&mut form, "metric", "aht");
        assert_eq!(form.fields.text("better"), "lower is better");
        type_in(&mut form, "metric", "csat");
        assert_eq!(form.fields.text("better"), "higher is better");
        type_in(&mut form, "metric", "complaints");
        form.fields.focus_on("better");
        press(&mut form, KeyCode::Char(' '));
        assert_eq!(form.fields.text("better"), "lower is better");
        type_in(&mut form, "metric", "FCR");
        assert_eq!(form.fields.text("better"), "higher is better");
        type_in(&mut form, "metric", "complaints");
        assert_eq!(
            form.fields.text("better"),
            "lower is better",
            "the learner's own pick comes back"
        );
        let mut reading = KpiForm::blank(None, now());
        reading.metric = "AHT".into();
        let form = KpiForm::new(reading, false, &Records::default());
        assert_eq!(form.fields.text("better"), "lower is better", "on opening");
    }

    #[test]
    fn a_blank_form_takes_the_selected_metric() {
        let mut like = KpiForm::blank(None, now());
        like.metric = "aht".into();
        like.target = Some(360.0);
        let form = KpiForm::new(
            KpiForm::blank(Some(&like), now()),
            false,
            &Records::default(),
        );
        assert_eq!(form.fields.text("metric"), "AHT");
        assert_eq!(form.fields.text("target"), "360");
        assert_eq!(form.fields.text("value"), "", "the value is typed fresh");
    }
}
