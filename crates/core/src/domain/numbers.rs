//! Numbers as people type them: `1,234`, `86,5`, `6:30`, `90m`, `40%`.
//!
//! The one place a figure typed by a learner (in a form or on the command
//! line) becomes a number. Refusals say in words what is expected, never a
//! parser's message such as "invalid float literal". KPI values, which know
//! their metric, are read by `kpi::parse_value` on top of these.

/// How a plain number may be typed, for refusals.
pub const NUMBER_EXAMPLES: &str = "42, -12, 4.5 or 1,250";

/// A plain number: digits with an optional sign, a decimal point or a
/// decimal comma (`86,5`), and commas between thousands (`1,250`,
/// `12,500.5`). `None` for anything else, including `1e5`, `inf` and `NaN`,
/// which no learner means as a figure.
pub(crate) fn plain_number(text: &str) -> Option<f64> {
    let t = text.trim().replace('\u{2212}', "-");
    let (negative, body) = match t.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, t.strip_prefix('+').unwrap_or(&t).trim_start()),
    };
    if body.is_empty()
        || !body
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return None;
    }
    let digits = match (body.matches(',').count(), body.matches('.').count()) {
        (0, 0 | 1) => body.to_string(),
        (_, 0 | 1) if thousands(body) => body.replace(',', ""),
        // One comma not followed by exactly three digits: a decimal comma.
        (1, 0) => body.replace(',', "."),
        _ => return None,
    };
    if digits.starts_with('.') || digits.ends_with('.') {
        return None;
    }
    let value: f64 = digits.parse().ok()?;
    value
        .is_finite()
        .then_some(if negative { -value } else { value })
}

/// Whether the commas in `body` are thousands separators: `1,250`,
/// `12,500,000.5` (1-3 digits, then groups of exactly three), not `0,500`.
fn thousands(body: &str) -> bool {
    let whole = body.split('.').next().unwrap_or(body);
    let groups: Vec<&str> = whole.split(',').collect();
    let Some((first, rest)) = groups.split_first() else {
        return false;
    };
    (1..=3).contains(&first.len())
        && *first != "0"
        && !rest.is_empty()
        && rest.iter().all(|g| g.len() == 3)
}

/// A plain number as typed, or a refusal that says what is expected.
pub fn parse_number(text: &str) -> Result<f64, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err(format!("no number given: type one, e.g. {NUMBER_EXAMPLES}"));
    }
    plain_number(t)
        .ok_or_else(|| format!("`{t}` is not a number: type digits, e.g. {NUMBER_EXAMPLES}"))
}

/// How a two-part clock time is read: `6:30` is 6 minutes 30 seconds as a
/// handling time, but 6 hours 30 minutes as time spent on an activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Clock {
    MinutesSeconds,
    HoursMinutes,
}

/// Why a duration could not be read: generally, or a colon part out of range.
enum BadDuration {
    NotOne,
    Clock(String),
}

/// A length of time in seconds: `6:30`, `1:02:03`, `390`, `390s`, `6m 30s`,
/// `6.5 min`, `1h 30m`. A bare number counts in `bare` seconds (1 for
/// seconds, 3600 for hours).
fn duration(text: &str, bare: f64, clock: Clock) -> Result<f64, BadDuration> {
    let t = text.trim().to_lowercase();
    if t.contains(':') {
        return clock_time(&t, clock);
    }
    let mut total = 0.0;
    let mut rest = t.as_str();
    let mut pairs = 0;
    while !rest.is_empty() {
        let number_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
            .unwrap_or(rest.len());
        let amount = plain_number(&rest[..number_len]).ok_or(BadDuration::NotOne)?;
        rest = rest[number_len..].trim_start();
        let unit_len = rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        let seconds = match &rest[..unit_len] {
            "" if pairs == 0 => bare,
            "h" | "hr" | "hrs" | "hour" | "hours" => 3600.0,
            "m" | "min" | "mins" | "minute" | "minutes" => 60.0,
            "s" | "sec" | "secs" | "second" | "seconds" => 1.0,
            _ => return Err(BadDuration::NotOne),
        };
        total += amount * seconds;
        pairs += 1;
        rest = rest[unit_len..].trim_start();
        if seconds == bare && unit_len == 0 && !rest.is_empty() {
            return Err(BadDuration::NotOne);
        }
    }
    if pairs == 0 || !total.is_finite() {
        return Err(BadDuration::NotOne);
    }
    Ok(total)
}

/// `m:ss` (or `h:mm`) and `h:mm:ss`: whole numbers, two digits after each
/// colon, each under 60.
fn clock_time(t: &str, clock: Clock) -> Result<f64, BadDuration> {
    let parts: Vec<&str> = t.split(':').map(str::trim).collect();
    if parts.len() > 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(BadDuration::NotOne);
    }
    let after = match clock {
        Clock::MinutesSeconds if parts.len() == 2 => "seconds",
        _ => "minutes",
    };
    let mut values = Vec::with_capacity(parts.len());
    for (i, p) in parts.iter().enumerate() {
        let v: f64 = p.parse().map_err(|_| BadDuration::NotOne)?;
        if i > 0 {
            let what = if i == parts.len() - 1 && parts.len() == 3 {
                "seconds"
            } else {
                after
            };
            if p.len() != 2 {
                return Err(BadDuration::Clock(format!(
                    "write the {what} after a colon with two digits, as in {}",
                    if what == "seconds" { "6:05" } else { "1:05" }
                )));
            }
            if v >= 60.0 {
                return Err(BadDuration::Clock(format!(
                    "the {what} after a colon run from 00 to 59"
                )));
            }
        }
        values.push(v);
    }
    Ok(match (values.as_slice(), clock) {
        ([h, m, s], _) => h * 3600.0 + m * 60.0 + s,
        ([m, s], Clock::MinutesSeconds) => m * 60.0 + s,
        ([h, m], Clock::HoursMinutes) => h * 3600.0 + m * 60.0,
        _ => return Err(BadDuration::NotOne),
    })
}

/// A length of time in seconds, e.g. average handling time: `390`, `390s`,
/// `6:30` (minutes and seconds), `1:02:03` (hours, minutes, seconds),
/// `6m 30s`, `6.5 min`.
pub fn parse_seconds(text: &str) -> Result<f64, String> {
    let t = text.trim();
    let expected = "type seconds (390) or minutes and seconds (6:30, or 1:02:03 with hours)";
    if t.is_empty() {
        return Err(format!("no time given: {expected}"));
    }
    // A plain number first, so `-5` reaches the scale check ("off the
    // scale") rather than being called unreadable.
    if let Some(seconds) = plain_number(t) {
        return Ok(seconds);
    }
    match duration(t, 1.0, Clock::MinutesSeconds) {
        Ok(s) => Ok(s),
        Err(BadDuration::Clock(why)) => Err(format!("`{t}` is not a time: {why}")),
        Err(BadDuration::NotOne) => Err(format!("`{t}` is not a time: {expected}")),
    }
}

/// Hours spent, e.g. on an activity: empty is 0; `1.5`, `1,5`, `90m`,
/// `2h`, `1h 30m` and `1:30` (hours and minutes) are understood. Rounded to
/// the hundredth; 0 to 1000.
pub fn parse_hours(text: &str) -> Result<f64, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(0.0);
    }
    // A plain number first, so `-1` is out of range rather than unreadable.
    let hours = match plain_number(t)
        .ok_or(())
        .or_else(|_| duration(t, 3600.0, Clock::HoursMinutes).map(|s| s / 3600.0))
    {
        Ok(h) => h,
        Err(BadDuration::Clock(why)) => {
            return Err(format!("`{t}` is not a number of hours: {why}"));
        }
        Err(BadDuration::NotOne) => {
            return Err(format!(
                "`{t}` is not a number of hours: try 1.5, 90m or 1:30"
            ));
        }
    };
    if !(0.0..=1000.0).contains(&hours) {
        return Err(format!("`{t}` hours is out of range (0 to 1000)"));
    }
    Ok((hours * 100.0).round() / 100.0)
}

/// A whole percentage 0 to 100, e.g. how far along an objective is: empty
/// is none; `40` and `40%` are 40.
pub fn parse_percent(text: &str) -> Result<Option<u8>, String> {
    let t = text.trim();
    let digits = t.strip_suffix('%').unwrap_or(t).trim();
    if digits.is_empty() {
        return Ok(None);
    }
    match digits.parse::<u32>() {
        Ok(p) if p <= 100 && digits.bytes().all(|b| b.is_ascii_digit()) => Ok(Some(p as u8)),
        _ => Err(format!(
            "`{t}` is not a percentage: a whole number 0 to 100, e.g. 40 or 40%"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_numbers_as_people_write_them() {
        for (text, value) in [
            ("86", 86.0),
            (" 86.5 ", 86.5),
            ("86,5", 86.5),
            ("-12", -12.0),
            ("\u{2212}12", -12.0),
            ("+40", 40.0),
            ("- 12", -12.0),
            ("1,250", 1250.0),
            ("12,500,000", 12_500_000.0),
            ("1,250.75", 1250.75),
            ("0,500", 0.5),
            ("0.5", 0.5),
        ] {
            assert_eq!(parse_number(text), Ok(value), "{text}");
        }
    }

    #[test]
    fn things_that_are_not_numbers_are_refused_in_words() {
        for text in [
            "eighty", "1e5", "inf", "NaN", "1.2.3", "1,25,0", "12,50.5", ".5", "5.", "1 250",
            "--1", "85%",
        ] {
            assert_eq!(
                parse_number(text),
                Err(format!(
                    "`{text}` is not a number: type digits, e.g. 42, -12, 4.5 or 1,250"
                )),
                "{text}"
            );
        }
        assert_eq!(
            parse_number("  "),
            Err("no number given: type one, e.g. 42, -12, 4.5 or 1,250".into())
        );
    }

    #[test]
    fn handling_times_in_seconds() {
        for (text, seconds) in [
            ("390", 390.0),
            ("390s", 390.0),
            ("390 seconds", 390.0),
            ("6:30", 390.0),
            ("0:45", 45.0),
            ("06:30", 390.0),
            ("1:02:03", 3723.0),
            ("6m 30s", 390.0),
            ("6m30s", 390.0),
            ("6 min 30 sec", 390.0),
            ("6.5 min", 390.0),
            ("1h 2m 3s", 3723.0),
            ("1,200", 1200.0),
            ("-5", -5.0),
        ] {
            assert_eq!(parse_seconds(text), Ok(seconds), "{text}");
        }
    }

    #[test]
    fn times_that_cannot_be_read_say_what_is_expected() {
        let expected = "type seconds (390) or minutes and seconds (6:30, or 1:02:03 with hours)";
        for text in [
            "six and a half",
            "6:30:",
            ":30",
            "6:3a",
            "1:2:3:4",
            "-6:30",
            "6 weeks",
            "6 30",
        ] {
            assert_eq!(
                parse_seconds(text),
                Err(format!("`{text}` is not a time: {expected}")),
                "{text}"
            );
        }
        assert_eq!(
            parse_seconds("6:75"),
            Err("`6:75` is not a time: the seconds after a colon run from 00 to 59".into())
        );
        assert_eq!(
            parse_seconds("6:5"),
            Err(
                "`6:5` is not a time: write the seconds after a colon with two digits, as in 6:05"
                    .into()
            )
        );
        assert_eq!(
            parse_seconds("1:75:00"),
            Err("`1:75:00` is not a time: the minutes after a colon run from 00 to 59".into())
        );
        assert_eq!(parse_seconds(""), Err(format!("no time given: {expected}")));
    }

    #[test]
    fn hours_spent() {
        assert_eq!(parse_hours(""), Ok(0.0));
        assert_eq!(parse_hours("1.5"), Ok(1.5));
        assert_eq!(parse_hours("1,5"), Ok(1.5));
        assert_eq!(parse_hours("90m"), Ok(1.5));
        assert_eq!(parse_hours("90 min"), Ok(1.5));
        assert_eq!(parse_hours("2h"), Ok(2.0));
        assert_eq!(parse_hours("3 hours"), Ok(3.0));
        assert_eq!(parse_hours("1h 30m"), Ok(1.5));
        assert_eq!(parse_hours("1:30"), Ok(1.5), "h:mm for hours spent");
        assert_eq!(parse_hours("20m"), Ok(0.33));
        assert_eq!(
            parse_hours("two"),
            Err("`two` is not a number of hours: try 1.5, 90m or 1:30".into())
        );
        assert_eq!(
            parse_hours("-1"),
            Err("`-1` hours is out of range (0 to 1000)".into())
        );
        assert_eq!(
            parse_hours("1001"),
            Err("`1001` hours is out of range (0 to 1000)".into())
        );
        assert_eq!(
            parse_hours("1:90"),
            Err(
                "`1:90` is not a number of hours: the minutes after a colon run from 00 to 59"
                    .into()
            )
        );
    }

    #[test]
    fn whole_percentages() {
        assert_eq!(parse_percent("40%"), Ok(Some(40)));
        assert_eq!(parse_percent(" 40 % "), Ok(Some(40)));
        assert_eq!(parse_percent("100"), Ok(Some(100)));
        assert_eq!(parse_percent(""), Ok(None));
        for text in ["140", "40.5", "-5", "+5", "half"] {
            assert_eq!(
                parse_percent(text),
                Err(format!(
                    "`{text}` is not a percentage: a whole number 0 to 100, e.g. 40 or 40%"
                )),
                "{text}"
            );
        }
    }
}
