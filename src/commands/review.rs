//! `starlog review`: when the last review was, what has changed in the plan
//! since, and when the next is due. Exit status 1 when a review is overdue,
//! so a shell prompt or a login script can nag.

use super::{Failure, report_problems, today};
use crate::domain::review::report;
use crate::store::{Mode, Workspace};
use std::io::Write;
use std::path::Path;

/// Runs `starlog review`; reads only, so it runs beside an open app.
pub fn run(root: &Path, workspace: &str) -> Result<u8, Failure> {
    let ws = Workspace::open(root, workspace, Mode::ReadOnly)?;
    let loaded = ws.load()?;
    report_problems(&loaded.problems);
    let report = report::report(
        &loaded.records,
        loaded.header.settings.review_interval_days,
        today(),
    );
    let mut out = super::out::Out::stdout();
    // A closed stdout (`| head`) is not a failure; the exit status still tells.
    let _ = out.write_all(report.text.as_bytes());
    out.finish()?;
    Ok(if report.overdue { 1 } else { 0 })
}
