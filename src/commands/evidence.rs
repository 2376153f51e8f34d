//! `starlog evidence add` and `starlog evidence list`: attach a file from the
//! shell (like `starlog add` it only creates new files, so it runs while the
//! app is open) and list what is attached, with whether each file is intact.

use super::{Failure, now, parse_day, report_problems, today};
use crate::cli::EvidenceAddArgs;
use crate::domain::{Id, Records};
use crate::store::evidence::{Attach, AttachError, FileCheck, megabytes};
use crate::store::{Mode, Workspace};
use std::io::Write;
use std::path::Path;

/// The record a typed id (or a unique start of one, any case) names.
pub fn resolve_id(records: &Records, typed: &str) -> Result<Id, String> {
    let t = typed.trim().to_ascii_uppercase();
    if t.len() < 4 {
        return Err(format!(
            "`{typed}` is too short to name a record: give at least 4 characters of its id"
        ));
    }
    let mut ids: Vec<Id> = Vec::new();
    let mut consider = |id: &Id| {
        if id.as_str().starts_with(&t) && !ids.contains(id) {
            ids.push(id.clone());
        }
    };
    records.diary.iter().for_each(|r| consider(&r.id));
    records.needs.iter().for_each(|r| consider(&r.id));
    records.objectives.iter().for_each(|r| consider(&r.id));
    records.activities.iter().for_each(|r| consider(&r.id));
    records.feedback.iter().for_each(|r| consider(&r.id));
    records.kpis.iter().for_each(|r| consider(&r.id));
    records.reviews.iter().for_each(|r| consider(&r.id));
    records.witnesses.iter().for_each(|r| consider(&r.id));
    match ids.len() {
        1 => Ok(ids.remove(0)),
        0 => Err(format!(
            "no record has an id starting `{typed}` (`starlog search --json` shows ids)"
        )),
        n => Err(format!(
            "`{typed}` starts {n} records' ids: give more of it"
        )),
    }
}

/// Runs `starlog evidence add`.
pub fn run_add(
    root: &Path,
    workspace: &str,
    read_only: bool,
    args: EvidenceAddArgs,
) -> Result<u8, Failure> {
    if read_only {
        return Err(Failure::Usage(
            "`starlog evidence add` needs to write: drop --read-only".into(),
        ));
    }
    let date = match &args.date {
        Some(d) => parse_day(d)?,
        None => today(),
    };
    let criteria: Vec<String> = super::criteria_ids(&args.criteria);
    let ws = Workspace::open(root, workspace, Mode::Capture)?;
    let mut links = Vec::new();
    if !args.links.is_empty() {
        let loaded = ws.load()?;
        for typed in &args.links {
            let id = resolve_id(&loaded.records, typed)
                .map_err(|e| Failure::Usage(format!("--for: {e}")))?;
            if !links.contains(&id) {
                links.push(id);
            }
        }
    }
    let about = Attach {
        title: args.title.clone().unwrap_or_default(),
        kind: args.kind,
        date,
        description: args.description.clone().unwrap_or_default(),
        links,
        criteria,
    };
    let record = ws.attach(&args.file, about, now()).map_err(|e| match e {
        AttachError::Save(s) => Failure::Save(s),
        AttachError::Write { .. } => Failure::Write(e.to_string()),
        other => Failure::Usage(other.to_string()),
    })?;
    let mut out = super::out::Out::stdout();
    let _ = writeln!(
        out,
        "Attached {} as {} “{}” ({}, SHA-256 {}…)",
        args.file.display(),
        record.kind.label(),
        record.title,
        megabytes(record.size),
        &record.sha256[..12]
    );
    let _ = writeln!(
        out,
        "  stored as evidence/{}/{}",
        record.id, record.stored_name
    );
    out.finish()?;
    Ok(0)
}

/// One line per file for `starlog evidence list`.
pub fn list_text(ws: &Workspace, records: &Records) -> (String, usize) {
    let mut s = String::new();
    let mut bad = 0;
    if records.evidence.is_empty() {
        s.push_str("No evidence files yet: attach one with `starlog evidence add FILE`.\n");
    }
    for e in &records.evidence {
        let check = ws.check_evidence(e);
        let state = match &check {
            FileCheck::Ok => "ok".to_string(),
            _ => {
                bad += 1;
                format!("NOT AS ATTACHED: {}", check.problem())
            }
        };
        s.push_str(&format!(
            "{}  {:<18} {}  ({}, {})\n    evidence/{}/{}  sha256 {}\n",
            e.date,
            e.kind.label(),
            e.title,
            megabytes(e.size),
            state,
            e.id,
            e.stored_name,
            e.sha256
        ));
        let mut also = Vec::new();
        if !e.criteria.is_empty() {
            also.push(format!("criteria {}", e.criteria.join(", ")));
        }
        for id in &e.links {
            if let Some(r) = records.get(id) {
                also.push(format!(
                    "for {} “{}”",
                    r.label(),
                    crate::tui::truncate(
                        &crate::tui::record_title(&r, &crate::config::Days::default()),
                        40
                    )
                ));
            }
        }
        if !also.is_empty() {
            s.push_str(&format!("    {}\n", also.join("; ")));
        }
    }
    (s, bad)
}

/// Runs `starlog evidence list`.
pub fn run_list(root: &Path, workspace: &str) -> Result<u8, Failure> {
    let ws = Workspace::open(root, workspace, Mode::ReadOnly)?;
    let loaded = ws.load()?;
    report_problems(&loaded.problems);
    let (text, bad) = list_text(&ws, &loaded.records);
    let mut out = super::out::Out::stdout();
    let _ = out.write_all(text.as_bytes());
    out.finish()?;
    Ok(if bad == 0 { 0 } else { 1 })
}
