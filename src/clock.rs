//! The one place the program asks what day and time it is.
//!
//! Everything that dates a record, judges a deadline or says "today" goes
//! through [`now`] / [`today`]. For tests only, the `STARLOG_TODAY`
//! environment variable (`2026-11-29`) pins the calendar day: the time of day
//! and the offset stay the real ones, the date is the pinned one. It is not
//! meant for learners; a value that is not a date is refused at start-up.

use chrono::{DateTime, FixedOffset, Local, NaiveDate, Timelike};

/// The environment variable that pins today's date (tests only).
pub const TODAY_ENV: &str = "STARLOG_TODAY";

/// The day pinned by `STARLOG_TODAY`, if it is set.
///
/// `Err` holds a message for the learner when the value is not a date.
pub fn pinned_day() -> Result<Option<NaiveDate>, String> {
    match std::env::var_os(TODAY_ENV) {
        None => Ok(None),
        Some(value) => {
            let text = value.to_string_lossy();
            NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
                .map(Some)
                .map_err(|_| format!("{TODAY_ENV} must be a date like 2026-11-29, not {text:?}"))
        }
    }
}

/// Now, to the second (sub-second digits only make files noisier), on the
/// pinned day when `STARLOG_TODAY` is set.
pub fn now() -> DateTime<FixedOffset> {
    let real = Local::now().fixed_offset();
    let real = real.with_nanosecond(0).unwrap_or(real);
    match pinned_day() {
        Ok(Some(day)) => on_day(real, day),
        _ => real,
    }
}

/// Today's date: the pinned one when `STARLOG_TODAY` is set.
pub fn today() -> NaiveDate {
    now().date_naive()
}

/// `time` moved by whole days onto `day`, keeping its time of day and offset.
fn on_day(time: DateTime<FixedOffset>, day: NaiveDate) -> DateTime<FixedOffset> {
    let days = day.signed_duration_since(time.date_naive());
    time.checked_add_signed(days).unwrap_or(time)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pinned_day_keeps_the_time_of_day_and_offset() {
        let time = DateTime::parse_from_rfc3339("2024-02-29T23:59:58+05:30").expect("valid");
        let day = NaiveDate::from_ymd_opt(2026, 11, 29).expect("valid");
        let moved = on_day(time, day);
        assert_eq!(moved.to_rfc3339(), "2026-11-29T23:59:58+05:30");
    }
}
