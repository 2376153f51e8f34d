//! KPI readings: one measured value of a metric on a day.

use super::{Id, dates};
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

/// Whether a bigger number is better for a metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Better {
    Higher,
    Lower,
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
}
