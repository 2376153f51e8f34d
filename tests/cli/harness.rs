//! The harness itself: the binary honours the pinned today, refuses a
//! `STARLOG_TODAY` that is not a date, and sees none of the developer's
//! environment.

use crate::common;

#[test]
fn starlog_today_pins_the_day_an_entry_is_dated() {
    let root = common::temp_root();
    let out = common::run_with_env(
        root.path(),
        &["add", "Covered the returns desk alone"],
        &[("STARLOG_TODAY", "2031-02-03")],
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let (code, list, err) = common::starlog(root.path(), &["list"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        list.starts_with("2031-02-03  Covered the returns desk alone"),
        "{list}"
    );
}

#[test]
fn a_starlog_today_that_is_not_a_date_is_bad_usage() {
    let root = common::temp_root();
    let out = common::run_with_env(root.path(), &["list"], &[("STARLOG_TODAY", "tomorrow")]);
    let (code, _, err) = common::outcome(&out);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("STARLOG_TODAY must be a date like 2026-11-29"),
        "{err}"
    );
}

#[test]
fn the_shell_tests_pass_with_a_hostile_parent_environment() {
    let out = common::rerun_self_in_hostile_env(
        &["review::", "progress::", "exits::", "custom::", "search::"],
        "harness::",
    );
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{report}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The two that failed before the harness sealed the config.
    for name in [
        "review::an_empty_workspace_has_nothing_overdue",
        "progress::kpi_add_records_a_reading_and_refuses_one_off_its_scale",
    ] {
        assert!(report.contains(&format!("{name} ... ok")), "{report}");
    }
}
