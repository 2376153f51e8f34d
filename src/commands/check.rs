//! `starlog check`: the portfolio-readiness report, as text or JSON. Exit
//! status 1 when any rule fails, so scripts and prompts can nag.

use super::{Failure, report_problems, today};
use crate::domain::readiness::{self, Verdict};
use crate::domain::{CriteriaSet, WorkspaceHeader};
use crate::store::{Loaded, Mode, Workspace, criteria};
use std::io::Write;
use std::path::Path;

/// Loads a workspace to read (beside an open app) with its criteria set.
pub fn load(root: &Path, workspace: &str) -> Result<(Loaded, Option<CriteriaSet>), Failure> {
    let (loaded, set, _) = load_all(root, workspace)?;
    Ok((loaded, set))
}

/// Loads a workspace with every criteria set its profile chooses (built in
/// or from a `criteria` folder); unreadable set files and unknown ids are
/// reported on stderr.
pub fn load_all(
    root: &Path,
    workspace: &str,
) -> Result<(Loaded, Option<CriteriaSet>, Vec<CriteriaSet>), Failure> {
    let ws = Workspace::open(root, workspace, Mode::ReadOnly)?;
    let loaded = ws.load()?;
    report_problems(&loaded.problems);
    let (sets, mut problems) = criteria::all_sets(&crate::config::criteria_folders(root));
    let (first, more, unknown) = criteria::chosen(&sets, &loaded.header.profile);
    problems.extend(unknown);
    for p in &problems {
        eprintln!("starlog: {p}");
    }
    Ok((loaded, first, more))
}

/// The verdicts for a loaded workspace, today.
pub fn verdicts(
    header: &WorkspaceHeader,
    loaded: &Loaded,
    set: Option<&CriteriaSet>,
    more: &[CriteriaSet],
) -> Vec<Verdict> {
    readiness::check(&readiness::Portfolio {
        header,
        records: &loaded.records,
        criteria: set,
        more_criteria: more,
        today: today(),
        smart: &readiness::smart_letters,
    })
}

/// The report as text.
pub fn text(verdicts: &[Verdict]) -> String {
    let mut s = format!(
        "Portfolio readiness: {} of {} checks pass\n",
        readiness::passed(verdicts),
        verdicts.len()
    );
    for v in verdicts {
        let mark = if v.passed { "pass   " } else { "NOT YET" };
        s.push_str(&format!(
            "\n{mark} {:>2}. {} [{}]\n        {}\n",
            v.rule.number, v.rule.title, v.rule.id, v.message
        ));
        if !v.passed {
            for r in v.records.iter().take(8) {
                s.push_str(&format!("        - {}\n", r.describe()));
            }
            if v.records.len() > 8 {
                s.push_str(&format!("        - and {} more\n", v.records.len() - 8));
            }
            s.push_str(&format!("        To satisfy it: {}.\n", v.satisfy));
        }
    }
    s
}

/// The report as JSON, for tools.
pub fn json(verdicts: &[Verdict]) -> String {
    let rules: Vec<serde_json::Value> = verdicts
        .iter()
        .map(|v| {
            serde_json::json!({
                "number": v.rule.number,
                "id": v.rule.id,
                "title": v.rule.title,
                "passed": v.passed,
                "message": v.message,
                "satisfy": v.satisfy,
                "records": v.records.iter().map(|r| serde_json::json!({
                    "kind": r.kind.key(),
                    "id": r.id.as_str(),
                    "date": r.date.map(|d| d.to_string()),
                    "title": r.title,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let doc = serde_json::json!({
        "passed": readiness::passed(verdicts),
        "total": verdicts.len(),
        "ready": verdicts.iter().all(|v| v.passed),
        "rules": rules,
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

/// Runs `starlog check`.
pub fn run(root: &Path, workspace: &str, as_json: bool) -> Result<u8, Failure> {
    let (loaded, set, more) = load_all(root, workspace)?;
    let v = verdicts(&loaded.header, &loaded, set.as_ref(), &more);
    let out = if as_json { json(&v) } else { text(&v) };
    // A closed stdout (`| head`) is not a failure; the exit status still tells.
    let mut stdout = super::out::Out::stdout();
    let _ = stdout.write_all(out.as_bytes());
    stdout.finish()?;
    Ok(if v.iter().all(|v| v.passed) { 0 } else { 1 })
}
