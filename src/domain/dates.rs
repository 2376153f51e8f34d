//! Days and moments: how they are written in files and typed by people.
//!
//! A record's own day is a `NaiveDate` written `YYYY-MM-DD`; a moment is a
//! `DateTime<FixedOffset>` written in RFC 3339. The serde helpers here give a
//! learner-readable message for an impossible date such as `2026-02-30`, which
//! chrono would otherwise report as "input is out of range".

use chrono::{Datelike, Days, Duration, Months, NaiveDate};
use serde::{Deserialize, Deserializer, Serializer};

/// Parses a `YYYY-MM-DD` day, explaining what is wrong when it is not one.
pub fn parse_iso_day(text: &str) -> Result<NaiveDate, String> {
    let parts: Vec<&str> = text.split('-').collect();
    let numbers: Option<Vec<i64>> = if parts.len() == 3 {
        parts.iter().map(|p| p.parse::<i64>().ok()).collect()
    } else {
        None
    };
    match numbers {
        Some(n) if parts[0].len() == 4 && parts[1].len() == 2 && parts[2].len() == 2 => {
            let (y, m, d) = (n[0] as i32, n[1] as u32, n[2] as u32);
            NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| {
                if !(1..=12).contains(&m) {
                    format!("`{text}` is not a real date: there is no month {m}")
                } else {
                    format!("`{text}` is not a real date: that month has no day {d}")
                }
            })
        }
        _ => Err(format!("`{text}` is not a date: expected YYYY-MM-DD")),
    }
}

/// serde helpers for a required day.
pub mod day {
    use super::*;

    pub fn serialize<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&date.format("%Y-%m-%d"))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let text = String::deserialize(d)?;
        parse_iso_day(&text).map_err(serde::de::Error::custom)
    }
}

/// serde helpers for an optional day.
pub mod opt_day {
    use super::*;

    pub fn serialize<S: Serializer>(date: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(date) => s.serialize_some(&date.format("%Y-%m-%d").to_string()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        let text = Option::<String>::deserialize(d)?;
        match text {
            Some(text) => parse_iso_day(&text)
                .map(Some)
                .map_err(serde::de::Error::custom),
            None => Ok(None),
        }
    }
}

/// Reads a day the way people type one, relative to `today`.
///
/// Accepts `2026-12-31`, `31/12/2026` (UK order), `31/12`, `today`,
/// `yesterday`, `tomorrow`, `+3d`, `+2w`, `+1m`, `-1d`, `end of month`,
/// `end of year`.
pub fn parse_natural_day(text: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let t = text.trim().to_ascii_lowercase();
    if t.is_empty() {
        return Err("no date given".to_string());
    }
    match t.as_str() {
        "today" | "now" => return Ok(today),
        "yesterday" => return Ok(today - Days::new(1)),
        "tomorrow" => return Ok(today + Days::new(1)),
        "end of month" | "eom" => {
            let first_next = (today.with_day(1).unwrap_or(today)) + Months::new(1);
            return Ok(first_next - Days::new(1));
        }
        "end of year" | "eoy" => {
            return NaiveDate::from_ymd_opt(today.year(), 12, 31)
                .ok_or_else(|| "that year has no 31 December".to_string());
        }
        _ => {}
    }
    if let Some(sign) = t.chars().next().filter(|c| *c == '+' || *c == '-')
        && t.len() >= 3
    {
        let (num, unit) = t[1..].split_at(t.len() - 2);
        if let Ok(n) = num.parse::<i64>() {
            let n = if sign == '-' { -n } else { n };
            let result = match unit {
                "d" => today.checked_add_signed(Duration::days(n)),
                "w" => today.checked_add_signed(Duration::weeks(n)),
                "m" if n >= 0 => today.checked_add_months(Months::new(n as u32)),
                "m" => today.checked_sub_months(Months::new((-n) as u32)),
                "y" if n >= 0 => today.checked_add_months(Months::new(12 * n as u32)),
                "y" => today.checked_sub_months(Months::new(12 * (-n) as u32)),
                _ => None,
            };
            return result
                .ok_or_else(|| format!("`{text}` is not a date offset: use +3d, +2w, +1m or +1y"));
        }
    }
    if t.contains('/') {
        let parts: Vec<&str> = t.split('/').collect();
        let nums: Option<Vec<i32>> = parts.iter().map(|p| p.parse().ok()).collect();
        return match nums.as_deref() {
            Some([d, m, y]) => {
                let y = if *y < 100 { 2000 + y } else { *y };
                NaiveDate::from_ymd_opt(y, *m as u32, *d as u32)
                    .ok_or_else(|| format!("`{text}` is not a real date (day/month/year)"))
            }
            Some([d, m]) => NaiveDate::from_ymd_opt(today.year(), *m as u32, *d as u32)
                .ok_or_else(|| format!("`{text}` is not a real date (day/month)")),
            _ => Err(format!("`{text}` is not a date: try 31/12/2026")),
        };
    }
    parse_iso_day(&t).map_err(|e| {
        format!("{e} (also accepted: 31/12/2026, today, yesterday, +2w, end of month)")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    #[test]
    fn impossible_iso_dates_are_explained() {
        let err = parse_iso_day("2026-02-30").expect_err("Feb 30 is not a day");
        assert!(err.contains("no day 30"), "{err}");
        let err = parse_iso_day("2026-13-01").expect_err("no month 13");
        assert!(err.contains("no month 13"), "{err}");
        assert!(parse_iso_day("22/11/2026").is_err());
        assert_eq!(parse_iso_day("2026-11-22"), Ok(d(2026, 11, 22)));
    }

    #[test]
    fn natural_days() {
        let today = d(2026, 11, 23);
        assert_eq!(parse_natural_day("today", today), Ok(today));
        assert_eq!(parse_natural_day("yesterday", today), Ok(d(2026, 11, 22)));
        assert_eq!(parse_natural_day("+3w", today), Ok(d(2026, 12, 14)));
        assert_eq!(parse_natural_day("+1m", today), Ok(d(2026, 12, 23)));
        assert_eq!(parse_natural_day("-2d", today), Ok(d(2026, 11, 21)));
        assert_eq!(
            parse_natural_day("end of month", today),
            Ok(d(2026, 11, 30))
        );
        assert_eq!(parse_natural_day("31/12/2026", today), Ok(d(2026, 12, 31)));
        assert_eq!(parse_natural_day("2026-12-31", today), Ok(d(2026, 12, 31)));
        assert_eq!(parse_natural_day("31/12", today), Ok(d(2026, 12, 31)));
        assert!(parse_natural_day("31/02/2026", today).is_err());
        assert!(parse_natural_day("soon", today).is_err());
        assert!(parse_natural_day("+3x", today).is_err());
    }
}
