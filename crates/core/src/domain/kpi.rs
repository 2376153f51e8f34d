//! KPI readings: one measured value of a metric on a day, and the scale each
//! metric is measured on, so a reading off its scale is refused at the field.

use super::{Id, dates, numbers};
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

/// Whether a bigger number is better for a metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Better {
    Higher,
    Lower,
}

impl Better {
    pub fn label(self) -> &'static str {
        match self {
            Better::Higher => "higher is better",
            Better::Lower => "lower is better",
        }
    }

    /// Reads `higher`/`up`/`lower`/`down` as typed on the command line or in a form.
    pub fn parse(text: &str) -> Option<Better> {
        match text.trim().to_ascii_lowercase().as_str() {
            "higher" | "high" | "up" | "more" | "higher is better" => Some(Better::Higher),
            "lower" | "low" | "down" | "less" | "lower is better" => Some(Better::Lower),
            _ => None,
        }
    }

    /// True when `a` is better than `b` on this direction.
    pub fn improved(self, from: f64, to: f64) -> bool {
        match self {
            Better::Higher => to > from,
            Better::Lower => to < from,
        }
    }

    /// True when `value` meets `target`.
    pub fn meets(self, value: f64, target: f64) -> bool {
        match self {
            Better::Higher => value >= target,
            Better::Lower => value <= target,
        }
    }
}

/// The scale a metric is measured on, with which way is better.
#[derive(Debug, Clone, PartialEq)]
pub struct Scale {
    /// The metric's name as shown ("CSAT", or the custom name as typed).
    pub metric: String,
    /// The unit shown after a value ("%", "s", "complaints/week").
    pub unit: String,
    pub better: Better,
    /// Lowest and highest value allowed, when the scale has bounds.
    pub min: Option<f64>,
    pub max: Option<f64>,
}

/// The largest reading, either way, of any metric: far beyond any real
/// figure, and small enough that charts and sums stay finite.
pub const MAX_READING: f64 = 1e9;

/// True for a value a chart can draw: finite and within [`MAX_READING`]
/// (a file edited by hand may hold `inf`, `NaN` or `1e308`).
pub fn drawable(value: f64) -> bool {
    value.is_finite() && value.abs() <= MAX_READING
}

impl Scale {
    /// Whether `value` is on this scale; the error says which scale, for the field.
    pub fn check(&self, value: f64) -> Result<(), String> {
        if !value.is_finite() {
            return Err("the value must be a number".into());
        }
        if value.abs() > MAX_READING {
            return Err(format!(
                "{} {value} is too large to be a reading: keep it between -1000000000 and 1000000000",
                self.metric
            ));
        }
        let range = match (self.min, self.max) {
            (Some(lo), Some(hi)) => format!("{} to {}", fmt_number(lo), fmt_number(hi)),
            (Some(lo), None) => format!("{} or more", fmt_number(lo)),
            (None, Some(hi)) => format!("{} or less", fmt_number(hi)),
            (None, None) => return Ok(()),
        };
        let low = self.min.is_some_and(|lo| value < lo);
        let high = self.max.is_some_and(|hi| value > hi);
        if low || high {
            let unit = if self.unit.is_empty() {
                String::new()
            } else {
                format!(" ({})", self.unit)
            };
            return Err(format!(
                "{} {} is off the scale: {} runs from {range}{unit}",
                self.metric,
                fmt_number(value),
                self.metric
            ));
        }
        Ok(())
    }
}

/// A number without a trailing ".0" (86, 86.5, -12).
pub fn fmt_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// The scale of `metric`. Known metrics have a fixed scale; CSAT is a % unless
/// `unit` says it is the 1-5 mean. A custom metric needs its unit and direction.
pub fn scale(metric: &str, unit: &str, better: Option<Better>) -> Result<Scale, String> {
    let name = metric.trim();
    if name.is_empty() {
        return Err("name the metric: FCR, CSAT, NPS, AHT, CES or your own".into());
    }
    let unit = unit.trim();
    let known = |m: &str, u: &str, b: Better, lo: Option<f64>, hi: Option<f64>| Scale {
        metric: m.into(),
        unit: u.into(),
        better: b,
        min: lo,
        max: hi,
    };
    Ok(match name.to_ascii_uppercase().as_str() {
        "FCR" => known("FCR", "%", Better::Higher, Some(0.0), Some(100.0)),
        "CSAT" if unit == "1-5" || unit.eq_ignore_ascii_case("mean") => {
            known("CSAT", "1-5", Better::Higher, Some(1.0), Some(5.0))
        }
        "CSAT" => known("CSAT", "%", Better::Higher, Some(0.0), Some(100.0)),
        "NPS" => known("NPS", "", Better::Higher, Some(-100.0), Some(100.0)),
        "AHT" => known("AHT", "s", Better::Lower, Some(0.0), None),
        "CES" => known("CES", "1-7", Better::Higher, Some(1.0), Some(7.0)),
        _ => {
            if name.chars().count() > 40 {
                return Err("keep the metric's name short (40 characters at most)".into());
            }
            if unit.is_empty() {
                return Err(format!(
                    "{name} is a custom metric: give its unit (e.g. \"complaints/week\", \"%\")"
                ));
            }
            let Some(better) = better else {
                return Err(format!(
                    "{name} is a custom metric: say whether higher or lower is better"
                ));
            };
            let (lo, hi) = if unit == "%" {
                (Some(0.0), Some(100.0))
            } else {
                (None, None)
            };
            known(name, unit, better, lo, hi)
        }
    })
}

/// What kind of figure a metric's value is, which decides how it may be typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    /// FCR, CSAT as a % and custom metrics in %: `85` or `85%`.
    Percent,
    /// AHT and custom metrics in seconds: `390`, `6:30`, `1:02:03`.
    Seconds,
    /// Everything else (NPS, CES, CSAT 1-5, custom units): a plain number.
    Number,
}

/// The kind of figure `metric` (with `unit`, for CSAT and custom metrics) takes.
pub fn figure(metric: &str, unit: &str) -> Figure {
    let unit = scale(metric, unit, Some(Better::Higher))
        .map(|s| s.unit.to_ascii_lowercase())
        .unwrap_or_default();
    match unit.as_str() {
        "%" | "percent" => Figure::Percent,
        "s" | "sec" | "secs" | "second" | "seconds" => Figure::Seconds,
        _ => Figure::Number,
    }
}

/// Reads a KPI value or target as people write it, for `metric` measured in
/// `unit` (empty for the known metrics): `85%` or `85` for a percentage,
/// `6:30`, `1:02:03` or `390` for a time in seconds (AHT), `1,250` or
/// `86,5` for any figure, and a custom metric's own unit after the number
/// (`3 per week`). Whether the value is on the metric's scale is
/// [`Scale::check`]'s job. The one reader of KPI figures for forms and the
/// command line.
pub fn parse_value(metric: &str, unit: &str, text: &str) -> Result<f64, String> {
    let t = text.trim();
    let name = known_metric(metric)
        .map(|m| m.0.to_string())
        .unwrap_or_else(|| metric.trim().to_string());
    let name = if name.is_empty() {
        "this metric".to_string()
    } else {
        name
    };
    let percent = t.strip_suffix('%').map(str::trim_end);
    match figure(metric, unit) {
        Figure::Percent => {
            let expected = "type a percentage, e.g. 85 or 85%";
            let digits = percent.unwrap_or(t);
            if digits.is_empty() {
                return Err(format!("no figure given: {expected}"));
            }
            if digits.contains(':') {
                return Err(format!(
                    "`{t}` is a time, but {name} is a percentage: {expected}"
                ));
            }
            numbers::plain_number(digits)
                .ok_or_else(|| format!("`{t}` is not a percentage: {expected}"))
        }
        Figure::Seconds => {
            if percent.is_some() {
                return Err(format!(
                    "{name} is a time, not a percentage: type seconds (390) or minutes and seconds (6:30)"
                ));
            }
            numbers::parse_seconds(t)
        }
        Figure::Number => {
            let expected = format!("type a number, e.g. {}", numbers::NUMBER_EXAMPLES);
            let unit = unit.trim();
            let digits = if unit.len() > 1 {
                strip_suffix_ignoring_case(t, unit).unwrap_or(t).trim_end()
            } else {
                t
            };
            if digits.is_empty() {
                return Err(format!("no figure given: {expected}"));
            }
            if percent.is_some() {
                return Err(format!("{name} is not a percentage: {expected}"));
            }
            if digits.contains(':') {
                return Err(format!(
                    "`{t}` is a time, but {name} is not measured in time: {expected}"
                ));
            }
            numbers::plain_number(digits)
                .ok_or_else(|| format!("`{t}` is not a number: {expected}"))
        }
    }
}

fn strip_suffix_ignoring_case<'a>(text: &'a str, suffix: &str) -> Option<&'a str> {
    let cut = text.len().checked_sub(suffix.len())?;
    (text.is_char_boundary(cut) && text[cut..].eq_ignore_ascii_case(suffix)).then(|| &text[..cut])
}

/// The scale a stored reading was recorded on. Readings written by hand with
/// a custom metric and no direction are read as "higher is better".
pub fn scale_of(reading: &KpiReading) -> Scale {
    scale(&reading.metric, &reading.unit, reading.better).unwrap_or_else(|_| Scale {
        metric: reading.metric.trim().to_string(),
        unit: reading.unit.trim().to_string(),
        better: reading.better.unwrap_or(Better::Higher),
        min: None,
        max: None,
    })
}

/// Checks a reading about to be saved: its value and target against the
/// metric's scale. Errors name the field they belong to.
pub fn validate(reading: &KpiReading) -> Result<(), (KpiField, String)> {
    let scale = scale(&reading.metric, &reading.unit, reading.better).map_err(|e| {
        let field = if e.contains("unit") {
            KpiField::Unit
        } else if e.contains("higher or lower") {
            KpiField::Better
        } else {
            KpiField::Metric
        };
        (field, e)
    })?;
    scale
        .check(reading.value)
        .map_err(|e| (KpiField::Value, e))?;
    if let Some(t) = reading.target {
        scale
            .check(t)
            .map_err(|e| (KpiField::Target, format!("target: {e}")))?;
    }
    Ok(())
}

/// The fields of a KPI reading a learner types, for errors shown at the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KpiField {
    Metric,
    Value,
    Target,
    Unit,
    Better,
}

/// The well-known contact-centre metrics and which way is better.
pub fn known_metric(metric: &str) -> Option<(&'static str, &'static str, Better)> {
    let m = metric.trim().to_ascii_uppercase();
    Some(match m.as_str() {
        "FCR" => ("FCR", "first contact resolution, %", Better::Higher),
        "CSAT" => ("CSAT", "customer satisfaction, %", Better::Higher),
        "NPS" => ("NPS", "net promoter score, -100..100", Better::Higher),
        "AHT" => ("AHT", "average handling time, seconds", Better::Lower),
        "CES" => ("CES", "customer effort score, 1-7", Better::Higher),
        _ => return None,
    })
}

/// One reading of a KPI.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KpiReading {
    pub format: u32,
    pub id: Id,
    /// "FCR", "CSAT", "NPS", "AHT", "CES" or a custom name.
    pub metric: String,
    #[serde(with = "dates::day")]
    pub date: NaiveDate,
    #[serde(with = "crate::domain::dates::moment")]
    pub created: DateTime<FixedOffset>,
    pub value: f64,
    #[serde(default)]
    pub target: Option<f64>,
    /// Unit for custom metrics ("complaints/week"); empty for the known ones.
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub note: String,
    /// The objective this reading measures, if any.
    #[serde(default)]
    pub objective: Option<Id>,
    /// Which way is better, for custom metrics (the known ones have their own).
    #[serde(default)]
    pub better: Option<Better>,
}

impl KpiReading {
    /// The metric's name as shown: known metrics in capitals, custom as typed.
    pub fn metric_name(&self) -> String {
        known_metric(&self.metric)
            .map(|m| m.0.to_string())
            .unwrap_or_else(|| self.metric.trim().to_string())
    }
}

/// How a unit reads in a sentence: "%", "a 1-5 scale", "no unit".
fn unit_words(unit: &str) -> String {
    match unit {
        "" => "plain numbers".into(),
        "%" => "%".into(),
        "s" => "seconds".into(),
        u if u.contains('-') => format!("a {u} scale"),
        u => u.into(),
    }
}

/// Refuses a reading whose unit differs from the other readings of the same
/// metric: one chart line never mixes scales (87% then 4.2 out of 5 would
/// draw a plunge that never happened). The reason says what to do instead.
pub fn same_scale<'a>(
    reading: &KpiReading,
    others: impl IntoIterator<Item = &'a KpiReading>,
) -> Result<(), String> {
    let name = reading.metric_name();
    let unit = scale_of(reading).unit;
    let clash = others
        .into_iter()
        .find(|o| o.id != reading.id && o.metric_name() == name && scale_of(o).unit != unit);
    match clash {
        None => Ok(()),
        Some(o) => {
            let theirs = scale_of(o).unit;
            Err(format!(
                "{name} is recorded in {} ({}{} on {}), so {} in {} would mix two scales in one chart: give it in {}, or record it as a metric of its own (e.g. \"{name} {}\")",
                unit_words(&theirs),
                fmt_number(o.value),
                if theirs == "%" { "%" } else { "" },
                o.date.format("%-d %b %Y"),
                fmt_number(reading.value),
                unit_words(&unit),
                unit_words(&theirs),
                if unit.is_empty() {
                    "new"
                } else {
                    unit.as_str()
                },
            ))
        }
    }
}

/// The figure a baseline states ("FCR 68% in April" is 68; "412 seconds" is
/// 412): the first number followed by `%`, else the first number that is not
/// a year, a quarter or part of a date.
pub fn stated_figure(text: &str) -> Option<f64> {
    let mut numbers: Vec<(f64, bool)> = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() {
            let start = i;
            while i < chars.len()
                && (chars[i].is_ascii_digit() || chars[i] == '.' || chars[i] == ',')
            {
                i += 1;
            }
            let raw: String = chars[start..i].iter().filter(|c| **c != ',').collect();
            let raw = raw.trim_end_matches('.');
            let before = start.checked_sub(1).map(|j| chars[j]);
            let after = chars.get(i).copied();
            let percent =
                after == Some('%') || chars.get(i + 1) == Some(&'%') && after == Some(' ');
            let negative = before == Some('-')
                && start >= 1
                && (start < 2 || !chars[start - 2].is_alphanumeric());
            let quarter = matches!(before, Some('Q' | 'q'));
            let dated = matches!(after, Some('/' | '-')) || matches!(before, Some('/'));
            let year = raw.len() == 4
                && !raw.contains('.')
                && (1900..=2100).contains(&raw.parse::<i32>().unwrap_or(0));
            if let Ok(mut v) = raw.parse::<f64>() {
                if negative {
                    v = -v;
                }
                if percent {
                    return Some(v);
                }
                if !quarter && !dated && !year {
                    numbers.push((v, false));
                }
            }
        } else {
            i += 1;
        }
    }
    numbers.first().map(|(v, _)| *v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    fn reading(metric: &str, value: f64) -> KpiReading {
        KpiReading {
            format: 1,
            id: Id::from_parts(1, [1; 10]),
            metric: metric.into(),
            date: NaiveDate::from_ymd_opt(2026, 11, 20).expect("valid"),
            created: DateTime::parse_from_rfc3339("2026-11-20T10:00:00+00:00").expect("valid"),
            value,
            target: None,
            unit: String::new(),
            note: String::new(),
            objective: None,
            better: None,
        }
    }

    #[test]
    fn known_metrics_are_checked_against_their_scales() {
        assert!(validate(&reading("csat", 86.0)).is_ok());
        assert!(validate(&reading("FCR", 0.0)).is_ok());
        assert!(validate(&reading("NPS", -40.0)).is_ok());
        assert!(validate(&reading("AHT", 312.0)).is_ok());
        assert!(validate(&reading("CES", 5.5)).is_ok());
        let (field, msg) = validate(&reading("CSAT", 860.0)).expect_err("off scale");
        assert_eq!(field, KpiField::Value);
        assert_eq!(
            msg,
            "CSAT 860 is off the scale: CSAT runs from 0 to 100 (%)"
        );
        assert!(validate(&reading("NPS", -101.0)).is_err());
        assert!(validate(&reading("AHT", -5.0)).is_err());
        assert!(validate(&reading("CES", 0.0)).is_err());
        assert!(validate(&reading("CES", 8.0)).is_err());
    }

    #[test]
    fn csat_can_be_the_one_to_five_mean() {
        let mut r = reading("CSAT", 4.4);
        r.unit = "1-5".into();
        assert!(validate(&r).is_ok());
        r.value = 86.0;
        assert!(validate(&r).is_err());
    }

    #[test]
    fn a_target_off_the_scale_is_refused_at_the_target() {
        let mut r = reading("FCR", 70.0);
        r.target = Some(120.0);
        let (field, _) = validate(&r).expect_err("target off scale");
        assert_eq!(field, KpiField::Target);
    }

    #[test]
    fn a_custom_value_too_large_to_draw_is_refused() {
        let huge = KpiReading {
            value: 1e308,
            ..reading("complaints", 3.0)
        };
        let huge = KpiReading {
            unit: "per week".into(),
            better: Some(Better::Lower),
            ..huge
        };
        let (field, message) = validate(&huge).expect_err("refused");
        assert_eq!(field, KpiField::Value);
        assert!(message.contains("too large"), "{message}");
        assert!(!drawable(f64::INFINITY) && !drawable(f64::NAN) && !drawable(1e308));
        assert!(drawable(-1e9) && drawable(86.0));
    }

    #[test]
    fn a_custom_metric_needs_its_unit_and_direction() {
        let mut r = reading("complaints", 3.0);
        assert_eq!(validate(&r).expect_err("no unit").0, KpiField::Unit);
        r.unit = "per week".into();
        assert_eq!(validate(&r).expect_err("no direction").0, KpiField::Better);
        r.better = Some(Better::Lower);
        assert!(validate(&r).is_ok());
        assert_eq!(scale_of(&r).better, Better::Lower);
        let mut sla = reading("SLA met", 101.0);
        sla.unit = "%".into();
        sla.better = Some(Better::Higher);
        assert!(validate(&sla).is_err(), "a custom % stays within 0-100");
    }

    #[test]
    fn not_a_number_is_refused() {
        assert_eq!(
            validate(&reading("CSAT", f64::NAN)).expect_err("nan").0,
            KpiField::Value
        );
    }

    #[test]
    fn values_as_people_write_them() {
        assert_eq!(parse_value("csat", "", "85%"), Ok(85.0));
        assert_eq!(parse_value("CSAT", "", "85 %"), Ok(85.0));
        assert_eq!(parse_value("FCR", "", "72,5"), Ok(72.5));
        assert_eq!(parse_value("fcr", "", "72"), Ok(72.0));
        assert_eq!(parse_value("aht", "", "6:30"), Ok(390.0));
        assert_eq!(parse_value("AHT", "", "1:02:03"), Ok(3723.0));
        assert_eq!(parse_value("AHT", "", "390"), Ok(390.0));
        assert_eq!(parse_value("AHT", "", "390s"), Ok(390.0));
        assert_eq!(parse_value("NPS", "", "-12"), Ok(-12.0));
        assert_eq!(parse_value("NPS", "", "+40"), Ok(40.0));
        assert_eq!(parse_value("CES", "", "5,5"), Ok(5.5));
        assert_eq!(parse_value("CSAT", "1-5", "4.4"), Ok(4.4));
        assert_eq!(parse_value("calls", "per day", "1,250"), Ok(1250.0));
        assert_eq!(parse_value("complaints", "per week", "3 per week"), Ok(3.0));
        assert_eq!(parse_value("SLA met", "%", "91%"), Ok(91.0));
        assert_eq!(parse_value("wrap time", "seconds", "1:05"), Ok(65.0));
    }

    #[test]
    fn a_refused_value_says_what_the_metric_takes() {
        for (metric, unit, text, refusal) in [
            (
                "CSAT",
                "",
                "eighty",
                "`eighty` is not a percentage: type a percentage, e.g. 85 or 85%",
            ),
            (
                "CSAT",
                "",
                "6:30",
                "`6:30` is a time, but CSAT is a percentage: type a percentage, e.g. 85 or 85%",
            ),
            (
                "FCR",
                "",
                "",
                "no figure given: type a percentage, e.g. 85 or 85%",
            ),
            (
                "AHT",
                "",
                "85%",
                "AHT is a time, not a percentage: type seconds (390) or minutes and seconds (6:30)",
            ),
            (
                "AHT",
                "",
                "six minutes",
                "`six minutes` is not a time: type seconds (390) or minutes and seconds (6:30, or 1:02:03 with hours)",
            ),
            (
                "AHT",
                "",
                "6:75",
                "`6:75` is not a time: the seconds after a colon run from 00 to 59",
            ),
            (
                "NPS",
                "",
                "40%",
                "NPS is not a percentage: type a number, e.g. 42, -12, 4.5 or 1,250",
            ),
            (
                "CES",
                "",
                "6:30",
                "`6:30` is a time, but CES is not measured in time: type a number, e.g. 42, -12, 4.5 or 1,250",
            ),
            (
                "complaints",
                "per week",
                "three",
                "`three` is not a number: type a number, e.g. 42, -12, 4.5 or 1,250",
            ),
            (
                "NPS",
                "",
                "1e5",
                "`1e5` is not a number: type a number, e.g. 42, -12, 4.5 or 1,250",
            ),
        ] {
            assert_eq!(
                parse_value(metric, unit, text),
                Err(refusal.to_string()),
                "{metric} {text}"
            );
        }
        for (metric, text) in [("CSAT", "85%"), ("AHT", "6:30"), ("NPS", "40%")] {
            let message = parse_value(metric, "", text).err().unwrap_or_default();
            assert!(!message.contains("float"), "{message}");
        }
    }

    #[test]
    fn directions_compare_the_right_way() {
        assert!(Better::Lower.improved(320.0, 290.0));
        assert!(!Better::Higher.improved(82.0, 80.0));
        assert!(Better::Lower.meets(280.0, 300.0));
        assert_eq!(Better::parse("down"), Some(Better::Lower));
        assert_eq!(fmt_number(86.0), "86");
        assert_eq!(fmt_number(86.5), "86.5");
    }

    #[test]
    fn a_reading_on_another_scale_is_refused_with_the_reason() {
        let mut pct = reading("csat", 87.0);
        pct.unit = "%".into();
        let mut five = reading("CSAT", 4.2);
        five.unit = "1-5".into();
        five.id = Id::from_parts(2, [2; 10]);
        let err = same_scale(&five, [&pct]).expect_err("mixed scales");
        assert!(err.starts_with("CSAT is recorded in % (87% on "), "{err}");
        assert!(err.contains("a 1-5 scale"), "{err}");
        let mut more = reading("CSAT", 91.0);
        more.unit = "%".into();
        more.id = Id::from_parts(3, [3; 10]);
        assert_eq!(same_scale(&more, [&pct]), Ok(()));
        // Another metric, or the reading itself being corrected, is no clash.
        assert_eq!(same_scale(&five, [&five]), Ok(()));
        assert_eq!(same_scale(&reading("NPS", 30.0), [&pct]), Ok(()));
    }
}
