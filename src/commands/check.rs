//! `starlog check`: the portfolio-readiness report, as text or JSON. Exit
//! status 1 when any rule fails, so scripts and prompts can nag.

use super::{Failure, report_problems, today};
use crate::domain::readiness::{self, Verdict};
use crate::domain::refs::RecordRef;
use crate::domain::{CriteriaSet, WorkspaceHeader};
use crate::domain::{Records, SignOffState, WitnessState};
use crate::store::evidence::FileCheck;
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

/// Something an assessor would doubt: an attached file that is missing or
/// changed, a witness statement edited after it was signed, a sign-off of a
/// need or objective that changed since.
#[derive(Debug, Clone, PartialEq)]
pub struct Doubt {
    pub record: RecordRef,
    /// Where the file should be, for evidence files.
    pub path: Option<String>,
    pub problem: String,
}

/// Every doubt about the evidence of a workspace.
pub fn doubts(ws: &Workspace, records: &Records) -> Vec<Doubt> {
    let mut out = Vec::new();
    for e in &records.evidence {
        let check = ws.check_evidence(e);
        if check != FileCheck::Ok {
            out.push(Doubt {
                record: e.to_ref(),
                path: Some(format!("evidence/{}/{}", e.id, e.stored_name)),
                problem: check.problem(),
            });
        }
    }
    for w in &records.witnesses {
        let state = w.state(records);
        if matches!(
            state,
            WitnessState::ChangedAfterSigning | WitnessState::ScanMissing
        ) {
            out.push(Doubt {
                record: w.to_ref(),
                path: None,
                problem: state.label().to_string(),
            });
        }
    }
    for s in &records.signoffs {
        let state = s.state(records);
        if state != SignOffState::Valid {
            out.push(Doubt {
                record: s.to_ref(),
                path: None,
                problem: state.label().to_string(),
            });
        }
    }
    out
}

/// The doubts as text, after the verdicts.
pub fn doubts_text(doubts: &[Doubt]) -> String {
    if doubts.is_empty() {
        return String::new();
    }
    let mut s = format!("\nEvidence to put right ({}):\n", doubts.len());
    for d in doubts {
        match &d.path {
            Some(path) => s.push_str(&format!(
                "  {path} ({} “{}”): {}\n",
                d.record.kind.label(),
                d.record.title,
                d.problem
            )),
            None => s.push_str(&format!("  {}: {}\n", d.record.describe(), d.problem)),
        }
    }
    s
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
        // Command output keeps its own fixed form of a day.
        smart: &|o, t| readiness::smart_letters(o, t, &Default::default()),
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
pub fn json(verdicts: &[Verdict], doubts: &[Doubt]) -> String {
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
                    "title": &*r.title,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let doc = serde_json::json!({
        "passed": readiness::passed(verdicts),
        "total": verdicts.len(),
        "ready": verdicts.iter().all(|v| v.passed),
        "rules": rules,
        "evidence_problems": doubts.iter().map(|d| serde_json::json!({
            "kind": d.record.kind.key(),
            "id": d.record.id.as_str(),
            "title": &*d.record.title,
            "path": d.path,
            "problem": d.problem,
        })).collect::<Vec<_>>(),
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

/// Runs `starlog check`.
pub fn run(root: &Path, workspace: &str, as_json: bool) -> Result<u8, Failure> {
    let (loaded, set, more) = load_all(root, workspace)?;
    let v = verdicts(&loaded.header, &loaded, set.as_ref(), &more);
    let ws = Workspace::open(root, workspace, Mode::ReadOnly)?;
    let doubts = doubts(&ws, &loaded.records);
    let out = if as_json {
        json(&v, &doubts)
    } else {
        format!("{}{}", text(&v), doubts_text(&doubts))
    };
    // A closed stdout (`| head`) is not a failure; the exit status still tells.
    let mut stdout = super::out::Out::stdout();
    let _ = stdout.write_all(out.as_bytes());
    stdout.finish()?;
    let status = if v.iter().all(|v| v.passed) && doubts.is_empty() {
        0
    } else {
        1
    };
    super::leave((loaded, v));
    Ok(status)
}
