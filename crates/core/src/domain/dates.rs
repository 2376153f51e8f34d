//! Days and moments: how they are written in files and typed by people.
//!
//! A record's own day is a `NaiveDate` written `YYYY-MM-DD`; a moment is a
//! `DateTime<FixedOffset>` written in RFC 3339. The serde helpers here give a
//! learner-readable message for an impossible date such as `2026-02-30`, which
//! chrono would otherwise report as "input is out of range".

use chrono::{DateTime, Datelike, Duration, FixedOffset, Months, NaiveDate, Weekday};
use serde::{Deserialize, Deserializer, Serializer};

/// How a screen shows a day unless the learner's settings say otherwise.
pub const SCREEN_DAY_FORMAT: &str = "%d %b %Y";

/// The one way days are shown to people: on screen in the learner's
/// `date_format` (plain, padded for a column, with the weekday for a title,
/// or with the time for a moment), and in an exported document in the UK
/// style a manager reads ("29 November 2026", "29 November 2026, 20:48").
/// Every screen, form and export shows days through this.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Days {
    format: String,
    /// What stands between a moment's day and its time.
    between: &'static str,
    /// The widest a day is shown (months and weekdays vary), for columns.
    width: usize,
}

impl Default for Days {
    fn default() -> Self {
        Days::new(SCREEN_DAY_FORMAT)
    }
}

impl Days {
    /// Days as a screen shows them, in a strftime `format` such as `%d %b %Y`.
    pub fn new(format: &str) -> Days {
        Days::with(format, " ")
    }

    /// Days as an exported document writes them, whatever the screen's
    /// format: "29 November 2026", and "29 November 2026, 20:48" for a moment.
    pub fn document() -> Days {
        Days::with("%-d %B %Y", ", ")
    }

    fn with(format: &str, between: &'static str) -> Days {
        let mut days = Days {
            format: format.to_string(),
            between,
            width: 0,
        };
        days.width = (1..=12u32)
            .flat_map(|m| (22..=28u32).map(move |d| (m, d)))
            .filter_map(|(m, d)| NaiveDate::from_ymd_opt(2026, m, d))
            .map(|day| unicode_width::UnicodeWidthStr::width(days.day(day).as_str()))
            .max()
            .unwrap_or(0);
        days
    }

    /// "29 Nov 2026" (or as the format says).
    pub fn day(&self, day: NaiveDate) -> String {
        day.format(&self.format).to_string()
    }

    /// A day padded to the widest day of the format, so rows line up.
    pub fn column(&self, day: NaiveDate) -> String {
        let text = self.day(day);
        let pad = self
            .width
            .saturating_sub(unicode_width::UnicodeWidthStr::width(text.as_str()));
        format!("{text}{}", " ".repeat(pad))
    }

    /// "Sunday 29 Nov 2026": a day with its weekday, for titles.
    pub fn long(&self, day: NaiveDate) -> String {
        if self.format.contains("%A") || self.format.contains("%a") {
            self.day(day)
        } else {
            format!("{} {}", day.format("%A"), self.day(day))
        }
    }

    /// "29 Nov 2026 14:05": a moment's day, then its time (in the offset it
    /// was recorded at).
    pub fn moment(&self, at: &DateTime<FixedOffset>) -> String {
        format!(
            "{}{}{}",
            self.day(at.date_naive()),
            self.between,
            at.format("%H:%M")
        )
    }

    /// The widest a day of this format is shown.
    pub fn width(&self) -> usize {
        self.width
    }
}

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

/// serde helpers for a required day: `YYYY-MM-DD` in a file, and a day
/// number where the format is not for people (the load cache), which reads
/// back without parsing any text.
pub mod day {
    use super::*;

    pub fn serialize<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            s.collect_str(&date.format("%Y-%m-%d"))
        } else {
            s.serialize_i32(date.num_days_from_ce())
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        if d.is_human_readable() {
            d.deserialize_str(DayText)
        } else {
            let n = i32::deserialize(d)?;
            NaiveDate::from_num_days_from_ce_opt(n)
                .ok_or_else(|| serde::de::Error::custom("a day out of range"))
        }
    }

    /// Reads a day from text without making a string of it.
    struct DayText;

    impl serde::de::Visitor<'_> for DayText {
        type Value = NaiveDate;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a date written YYYY-MM-DD")
        }

        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<NaiveDate, E> {
            parse_iso_day(text).map_err(E::custom)
        }
    }
}

/// serde helpers for an optional day (see [`day`]).
pub mod opt_day {
    use super::*;

    /// A present day, written as [`day`] writes it.
    struct Day<'a>(&'a NaiveDate);

    impl serde::Serialize for Day<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            day::serialize(self.0, s)
        }
    }

    /// A present day, read as [`day`] reads it.
    struct Read(NaiveDate);

    impl<'de> Deserialize<'de> for Read {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            day::deserialize(d).map(Read)
        }
    }

    pub fn serialize<S: Serializer>(date: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(date) => s.serialize_some(&Day(date)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        Ok(Option::<Read>::deserialize(d)?.map(|Read(day)| day))
    }
}

/// serde helpers for a moment: RFC 3339 in a file (chrono's own form), and
/// seconds, nanoseconds and offset where the format is not for people (the
/// load cache), which read back without parsing any text.
pub mod moment {
    use super::*;
    use serde::Serialize;

    pub fn serialize<S: Serializer>(at: &DateTime<FixedOffset>, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            at.serialize(s)
        } else {
            (
                at.timestamp(),
                at.timestamp_subsec_nanos(),
                at.offset().local_minus_utc(),
            )
                .serialize(s)
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<FixedOffset>, D::Error> {
        if d.is_human_readable() {
            DateTime::<FixedOffset>::deserialize(d)
        } else {
            let (secs, nanos, offset) = <(i64, u32, i32)>::deserialize(d)?;
            let at = DateTime::from_timestamp(secs, nanos);
            match (at, FixedOffset::east_opt(offset)) {
                (Some(at), Some(offset)) => Ok(at.with_timezone(&offset)),
                _ => Err(serde::de::Error::custom("a moment out of range")),
            }
        }
    }
}

/// How a day may be typed, for hints and refusals.
pub const DAY_EXAMPLES: &str = "31/12/2026, 28 Feb 2027, today, +2w or end of month";

const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const WEEKDAY_NAMES: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The month a word names: `feb`, `Feb`, `sept`, `February` (three letters at least).
fn month_of(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.');
    if w.len() < 3 {
        return None;
    }
    MONTH_NAMES
        .iter()
        .position(|m| m.starts_with(w))
        .map(|i| i as u32 + 1)
}

/// The weekday a word names: `sat`, `Sat`, `thurs`, `Saturday`.
fn weekday_of(word: &str) -> Option<Weekday> {
    let w = word.trim_end_matches('.');
    if w.len() < 3 {
        return None;
    }
    let i = WEEKDAY_NAMES.iter().position(|d| d.starts_with(w))?;
    Weekday::try_from(i as u8).ok()
}

/// A day of the month as written: `28`, `08`, `28th`, `1st`.
fn day_number(word: &str) -> Option<u32> {
    let digits = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| word.strip_suffix(s))
        .unwrap_or(word);
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// A year as written: `2027`, or `27` for 2027.
fn year_number(word: &str) -> Option<i32> {
    let w = word.trim_start_matches('\'');
    if !(w.len() == 2 || w.len() == 4) || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i32 = w.parse().ok()?;
    Some(if w.len() == 2 { 2000 + y } else { y })
}

fn month_name(month: u32) -> String {
    capitalised(MONTH_NAMES[(month as usize).saturating_sub(1) % 12])
}

fn capitalised(name: &str) -> String {
    let mut chars = name.chars();
    chars
        .next()
        .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

fn last_day_of(year: i32, month: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, 1)?
        .checked_add_months(Months::new(1))?
        .pred_opt()
}

/// A day from its numbers, or why there is no such day.
fn real_day(text: &str, year: i32, month: u32, day: u32) -> Result<NaiveDate, String> {
    if !(1..=12).contains(&month) {
        return Err(format!(
            "`{text}` is not a real date: there is no month {month} (the day comes first, as in 31/12/2026)"
        ));
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
        format!(
            "`{text}` is not a real date: {} {year} has no day {day}",
            month_name(month)
        )
    })
}

/// The words of a typed day: lower case, commas as spaces, one space between
/// words, without a leading "by", "on" or "the" or a full stop at the end.
fn normalise(text: &str) -> String {
    let lower = text.trim().to_lowercase().replace(',', " ");
    let mut words: Vec<&str> = lower.split_whitespace().collect();
    while let Some(first) = words.first()
        && words.len() > 1
        && matches!(*first, "by" | "on" | "the")
    {
        words.remove(0);
    }
    words.join(" ").trim_end_matches('.').to_string()
}

/// Reads a day the way people type one, relative to `today`: the one date
/// parser behind every form, the command line, search filters and the SMART
/// check.
///
/// Accepts `2026-12-31`; `31/12/2026`, `31/12/26`, `31.12.2026`, `31-12-2026`
/// (UK order, day first); `31/12` (this year); `today`, `yesterday`,
/// `tomorrow`; `+3d`, `+2w`, `+1m`, `+1y`, `-1d`; the app's own ways of
/// showing a day: `28 Feb 2027`, `28 February 2027`, `28 Feb 27`,
/// `Sun 28 Feb 2027`, `Sunday 28 February 2027`, and also `28th of February`,
/// `February 28, 2027`; `end of month`, `end of next month`, `end of year`,
/// `end of February 2027`, `end of Feb`. A day without a year is this year's.
pub fn parse_natural_day(text: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let original = text.trim();
    let t = normalise(text);
    if t.is_empty() {
        return Err(format!("no date given: type one, e.g. {DAY_EXAMPLES}"));
    }
    match t.as_str() {
        "today" | "now" => return Ok(today),
        "yesterday" => return Ok(today - chrono::Days::new(1)),
        "tomorrow" => return Ok(today + chrono::Days::new(1)),
        "eom" => return end_of(original, &["month"], today),
        "eoy" => return end_of(original, &["year"], today),
        _ => {}
    }
    if let Some(rest) = t.strip_prefix("end of ") {
        let words: Vec<&str> = rest.split(' ').collect();
        return end_of(original, &words, today);
    }
    if let Some(sign) = t.chars().next().filter(|c| *c == '+' || *c == '-')
        && t.len() >= 3
        && t.is_ascii()
    {
        let (num, unit) = t[1..].split_at(t.len() - 2);
        if let Ok(n) = num.trim().parse::<i64>() {
            let n = if sign == '-' { -n } else { n };
            let months = |k: i64| u32::try_from(k.unsigned_abs()).ok().map(Months::new);
            let result = match unit {
                "d" => today.checked_add_signed(Duration::try_days(n).unwrap_or(Duration::MAX)),
                "w" => today.checked_add_signed(Duration::try_weeks(n).unwrap_or(Duration::MAX)),
                "m" | "y" => {
                    let k = if unit == "y" { n.saturating_mul(12) } else { n };
                    match months(k) {
                        Some(m) if k >= 0 => today.checked_add_months(m),
                        Some(m) => today.checked_sub_months(m),
                        None => None,
                    }
                }
                _ => None,
            };
            return result.ok_or_else(|| {
                format!("`{original}` is not a date offset: use +3d, +2w, +1m or +1y")
            });
        }
    }
    if t.bytes().all(|b| b.is_ascii_digit() || b"/.-".contains(&b)) && t.contains(['/', '.', '-']) {
        return numeric_day(original, &t, today);
    }
    worded_day(original, &t, today)
}

/// `31/12/2026`, `31.12.26`, `31-12-2026`, `31/12`, `2026-12-31`.
fn numeric_day(original: &str, t: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    if t.len() == 10 && t.as_bytes()[4] == b'-' {
        return parse_iso_day(t).map_err(|_| iso_refusal(original, t));
    }
    let parts: Vec<&str> = t.split(['/', '.', '-']).collect();
    if let [y, m, d] = parts.as_slice()
        && y.len() == 4
        && let (Ok(y), Ok(m), Ok(d)) = (y.parse(), m.parse(), d.parse())
    {
        return real_day(original, y, m, d);
    }
    let nums: Option<Vec<u32>> = parts
        .iter()
        .map(|p| {
            (!p.is_empty() && p.len() <= 4)
                .then(|| p.parse().ok())
                .flatten()
        })
        .collect();
    match (nums.as_deref(), parts.as_slice()) {
        (Some([d, m, _]), [_, _, y]) => {
            let year = year_number(y).ok_or_else(|| {
                format!("`{original}` is not a date: write the year as 2027 or 27, e.g. 31/12/2026")
            })?;
            real_day(original, year, *m, *d)
        }
        (Some([d, m]), _) => real_day(original, today.year(), *m, *d),
        _ => Err(not_a_date(original)),
    }
}

fn iso_refusal(original: &str, t: &str) -> String {
    match parse_iso_day(t) {
        Err(e) => e.replacen(&format!("`{t}`"), &format!("`{original}`"), 1),
        Ok(_) => not_a_date(original),
    }
}

fn not_a_date(original: &str) -> String {
    format!("`{original}` is not a date: try {DAY_EXAMPLES}")
}

/// `end of month`, `end of next month`, `end of year`, `end of February`,
/// `end of February 2027`.
fn end_of(original: &str, words: &[&str], today: NaiveDate) -> Result<NaiveDate, String> {
    let words: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| !matches!(*w, "the" | "this"))
        .collect();
    let this_month = (today.year(), today.month());
    let (year, month) = match words.as_slice() {
        ["month"] => this_month,
        ["next", "month"] => {
            let next = today.with_day(1).unwrap_or(today) + Months::new(1);
            (next.year(), next.month())
        }
        ["year"] => (today.year(), 12),
        ["next", "year"] => (today.year() + 1, 12),
        [m] if month_of(m).is_some() => (today.year(), month_of(m).unwrap_or(1)),
        [m, y] if month_of(m).is_some() && year_number(y).is_some() => (
            year_number(y).unwrap_or(today.year()),
            month_of(m).unwrap_or(1),
        ),
        _ => {
            return Err(format!(
                "`{original}` is not a date: try end of month, end of year or end of February 2027"
            ));
        }
    };
    last_day_of(year, month).ok_or_else(|| not_a_date(original))
}

/// `28 Feb 2027`, `Sun 28 February 27`, `28th of Feb`, `February 28, 2027`.
fn worded_day(original: &str, t: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let mut words: Vec<&str> = t.split(' ').filter(|w| *w != "of").collect();
    let weekday = match words.first().and_then(|w| weekday_of(w)) {
        Some(w) if words.len() > 1 => {
            words.remove(0);
            Some(w)
        }
        _ => None,
    };
    let (day, month, year) = match words.as_slice() {
        [d, m] | [m, d] if day_number(d).is_some() && month_of(m).is_some() => {
            (day_number(d), month_of(m), Some(today.year()))
        }
        [d, m, y] | [m, d, y] if day_number(d).is_some() && month_of(m).is_some() => {
            let Some(year) = year_number(y) else {
                return Err(format!(
                    "`{original}` is not a date: write the year as 2027 or 27, e.g. 28 Feb 2027"
                ));
            };
            (day_number(d), month_of(m), Some(year))
        }
        [m, y] if month_of(m).is_some() && year_number(y).is_some() => {
            let name = month_name(month_of(m).unwrap_or(1));
            let year = year_number(y).unwrap_or(today.year());
            return Err(format!(
                "`{original}` is a month, not a day: try end of {name} {year} or 1 {name} {year}"
            ));
        }
        [m] if month_of(m).is_some() => {
            let name = month_name(month_of(m).unwrap_or(1));
            return Err(format!(
                "`{original}` is a month, not a day: try end of {name} or 1 {name}"
            ));
        }
        _ => return Err(not_a_date(original)),
    };
    let (Some(day), Some(month), Some(year)) = (day, month, year) else {
        return Err(not_a_date(original));
    };
    let date = real_day(original, year, month, day)?;
    if let Some(said) = weekday
        && date.weekday() != said
    {
        return Err(format!(
            "`{original}` does not add up: {} is a {}, not a {}",
            date.format("%-d %b %Y"),
            date.format("%A"),
            capitalised(WEEKDAY_NAMES[said.num_days_from_monday() as usize])
        ));
    }
    Ok(date)
}

/// The first day written inside a sentence ("Raise CSAT to 88% by the end of
/// February 2027 with coaching"), read by [`parse_natural_day`]; a month with
/// its year ("by March 2027") counts as that month's last day. Words with no
/// number in them ("today", "now") do not count, except "end of ...": a
/// statement's "now" is not a deadline.
pub fn find_day(text: &str, today: NaiveDate) -> Option<NaiveDate> {
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && !"+/".contains(c))
                .to_lowercase()
        })
        .collect();
    const LONGEST: usize = 5;
    for start in 0..words.len() {
        if words[start].is_empty() || matches!(words[start].as_str(), "by" | "on" | "the") {
            continue;
        }
        let end = (start + LONGEST).min(words.len());
        for stop in (start + 1..=end).rev() {
            let window = &words[start..stop];
            if window.iter().any(|w| w.is_empty()) {
                continue;
            }
            let phrase = window.join(" ");
            let counts = phrase.chars().any(|c| c.is_ascii_digit()) || phrase.starts_with("end ");
            if !counts {
                continue;
            }
            if let Ok(day) = parse_natural_day(&phrase, today) {
                return Some(day);
            }
            if let [m, y] = window
                && let (Some(month), Some(year)) = (month_of(m), year_number(y))
                && y.len() == 4
            {
                return last_day_of(year, month);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_writes_days_the_uk_way_whatever_the_screen_shows() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 9).unwrap();
        let at = DateTime::parse_from_rfc3339("2026-11-09T20:48:00+00:00").unwrap();
        assert_eq!(Days::document().day(day), "9 November 2026");
        assert_eq!(Days::document().moment(&at), "9 November 2026, 20:48");
        assert_eq!(Days::default().day(day), "09 Nov 2026");
        assert_eq!(Days::default().moment(&at), "09 Nov 2026 20:48");
        assert_eq!(Days::new("%Y-%m-%d").column(day), "2026-11-09");
        assert_eq!(
            Days::new("%-d %b").column(day),
            "9 Nov ",
            "padded to 28 Nov"
        );
    }

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

    fn today() -> NaiveDate {
        d(2026, 11, 23)
    }

    fn day_of(text: &str) -> NaiveDate {
        parse_natural_day(text, today()).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    fn refusal(text: &str) -> String {
        parse_natural_day(text, today()).expect_err(text)
    }

    #[test]
    fn every_form_accepted_before_is_still_accepted() {
        assert_eq!(day_of("today"), today());
        assert_eq!(day_of("now"), today());
        assert_eq!(day_of("Tomorrow"), d(2026, 11, 24));
        assert_eq!(day_of("yesterday"), d(2026, 11, 22));
        assert_eq!(day_of("+3d"), d(2026, 11, 26));
        assert_eq!(day_of("+2w"), d(2026, 12, 7));
        assert_eq!(day_of("+1m"), d(2026, 12, 23));
        assert_eq!(day_of("+1y"), d(2027, 11, 23));
        assert_eq!(day_of("-1d"), d(2026, 11, 22));
        assert_eq!(day_of("-1m"), d(2026, 10, 23));
        assert_eq!(day_of("end of month"), d(2026, 11, 30));
        assert_eq!(day_of("eom"), d(2026, 11, 30));
        assert_eq!(day_of("end of year"), d(2026, 12, 31));
        assert_eq!(day_of("eoy"), d(2026, 12, 31));
        assert_eq!(day_of("31/12/2026"), d(2026, 12, 31));
        assert_eq!(day_of("31/12/26"), d(2026, 12, 31));
        assert_eq!(day_of("1/2/2027"), d(2027, 2, 1));
        assert_eq!(day_of("31/12"), d(2026, 12, 31));
        assert_eq!(day_of("2026-12-31"), d(2026, 12, 31));
        assert_eq!(day_of("  2026-12-31  "), d(2026, 12, 31));
    }

    #[test]
    fn the_ways_the_app_shows_a_day_are_read_back() {
        // "%d %b %Y", "%-d %B %Y", "%d %b %y", "%a %-d %b %Y", "%A %d %B %Y".
        assert_eq!(day_of("28 Feb 2027"), d(2027, 2, 28));
        assert_eq!(day_of("28 February 2027"), d(2027, 2, 28));
        assert_eq!(day_of("28 Feb 27"), d(2027, 2, 28));
        assert_eq!(day_of("08 Mar 2027"), d(2027, 3, 8));
        assert_eq!(day_of("Sun 28 Feb 2027"), d(2027, 2, 28));
        assert_eq!(day_of("Sunday 28 February 2027"), d(2027, 2, 28));
        assert_eq!(day_of("28 Feb"), d(2026, 2, 28), "no year: this year");
        for shown in [d(2027, 2, 28), d(2026, 12, 1), d(2028, 2, 29)] {
            for format in [
                "%d %b %Y",
                "%-d %B %Y",
                "%d %b %y",
                "%a %-d %b %Y",
                "%A %d %B %Y",
            ] {
                let text = shown.format(format).to_string();
                assert_eq!(day_of(&text), shown, "{text}");
            }
        }
    }

    #[test]
    fn days_as_people_write_them_in_words() {
        assert_eq!(day_of("28th February 2027"), d(2027, 2, 28));
        assert_eq!(day_of("28th of Feb 2027"), d(2027, 2, 28));
        assert_eq!(day_of("1st March"), d(2026, 3, 1));
        assert_eq!(day_of("February 28, 2027"), d(2027, 2, 28));
        assert_eq!(day_of("feb 28 2027"), d(2027, 2, 28));
        assert_eq!(day_of("28 Sept 2027"), d(2027, 9, 28));
        assert_eq!(day_of("28 FEB 2027."), d(2027, 2, 28));
        assert_eq!(day_of("by 31 March 2027"), d(2027, 3, 31));
        assert_eq!(day_of("31.12.2026"), d(2026, 12, 31));
        assert_eq!(day_of("31-12-2026"), d(2026, 12, 31));
        assert_eq!(day_of("2027-3-5"), d(2027, 3, 5));
        assert_eq!(day_of("+ 2 w"), d(2026, 12, 7));
    }

    #[test]
    fn ends_of_months_and_years() {
        assert_eq!(day_of("end of February 2027"), d(2027, 2, 28));
        assert_eq!(day_of("End of Feb 2028"), d(2028, 2, 29));
        assert_eq!(day_of("end of February"), d(2026, 2, 28));
        assert_eq!(day_of("end of December 26"), d(2026, 12, 31));
        assert_eq!(day_of("the end of the month"), d(2026, 11, 30));
        assert_eq!(day_of("end of this month"), d(2026, 11, 30));
        assert_eq!(day_of("end of next month"), d(2026, 12, 31));
        assert_eq!(day_of("end of next year"), d(2027, 12, 31));
        let jan31 = d(2027, 1, 31);
        assert_eq!(
            parse_natural_day("end of next month", jan31),
            Ok(d(2027, 2, 28))
        );
    }

    #[test]
    fn refusals_say_what_is_expected() {
        assert_eq!(
            refusal(""),
            "no date given: type one, e.g. 31/12/2026, 28 Feb 2027, today, +2w or end of month"
        );
        assert_eq!(
            refusal("soon"),
            "`soon` is not a date: try 31/12/2026, 28 Feb 2027, today, +2w or end of month"
        );
        assert_eq!(
            refusal("next fortnight"),
            "`next fortnight` is not a date: try 31/12/2026, 28 Feb 2027, today, +2w or end of month"
        );
        assert_eq!(
            refusal("28 Fbe 2027"),
            "`28 Fbe 2027` is not a date: try 31/12/2026, 28 Feb 2027, today, +2w or end of month"
        );
        assert_eq!(
            refusal("31/02/2026"),
            "`31/02/2026` is not a real date: February 2026 has no day 31"
        );
        assert_eq!(
            refusal("30 February 2027"),
            "`30 February 2027` is not a real date: February 2027 has no day 30"
        );
        assert_eq!(
            refusal("12/31/2026"),
            "`12/31/2026` is not a real date: there is no month 31 (the day comes first, as in 31/12/2026)"
        );
        assert_eq!(
            refusal("2026-02-30"),
            "`2026-02-30` is not a real date: that month has no day 30"
        );
        assert_eq!(
            refusal("1/2/3"),
            "`1/2/3` is not a date: write the year as 2027 or 27, e.g. 31/12/2026"
        );
        assert_eq!(
            refusal("28 Feb 202"),
            "`28 Feb 202` is not a date: write the year as 2027 or 27, e.g. 28 Feb 2027"
        );
        assert_eq!(
            refusal("+3x"),
            "`+3x` is not a date offset: use +3d, +2w, +1m or +1y"
        );
        assert_eq!(
            refusal("+99999999999y"),
            "`+99999999999y` is not a date offset: use +3d, +2w, +1m or +1y"
        );
        assert_eq!(
            refusal("Sat 28 Feb 2027"),
            "`Sat 28 Feb 2027` does not add up: 28 Feb 2027 is a Sunday, not a Saturday"
        );
        assert_eq!(
            refusal("February 2027"),
            "`February 2027` is a month, not a day: try end of February 2027 or 1 February 2027"
        );
        assert_eq!(
            refusal("March"),
            "`March` is a month, not a day: try end of March or 1 March"
        );
        assert_eq!(
            refusal("end of the week"),
            "`end of the week` is not a date: try end of month, end of year or end of February 2027"
        );
    }

    #[test]
    fn a_day_inside_a_sentence_is_found_the_same_way() {
        let find = |text: &str| find_day(text, today());
        assert_eq!(
            find("Raise my CSAT to 88% by the end of February 2027 with coaching"),
            Some(d(2027, 2, 28))
        );
        assert_eq!(
            find("Cut AHT to 6:00 by 28 Feb 2027."),
            Some(d(2027, 2, 28))
        );
        assert_eq!(
            find("Answer 9 in 10 calls by (31/03/2027)"),
            Some(d(2027, 3, 31))
        );
        assert_eq!(find("Pass the module in March 2027"), Some(d(2027, 3, 31)));
        assert_eq!(
            find("Finish it by the end of the month"),
            Some(d(2026, 11, 30))
        );
        assert_eq!(
            find("Raise FCR from 68% to 75% by 31 March"),
            Some(d(2026, 3, 31))
        );
        assert_eq!(find("Raise FCR from 68% to 75% with coaching"), None);
        assert_eq!(
            find("I now handle 20 calls a day"),
            None,
            "\"now\" is no deadline"
        );
        assert_eq!(
            find("Improve in March"),
            None,
            "a month without a day or year"
        );
    }
}
