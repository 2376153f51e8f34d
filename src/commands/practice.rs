//! `starlog practice add KIND NAME ...` and `starlog practice list`: record
//! professionalism, a transferable skill, a leadership style, a learning
//! preference, a barrier, a knowledge answer or a change of role from the
//! shell (like `starlog add` it only creates new files, so it runs while the
//! app is open), and print them grouped as an assessor reads them.

use super::{Failure, now, parse_day, report_problems, today};
use crate::cli::PracticeAddArgs;
use crate::domain::practice::{KNOWLEDGE_POINTS, knowledge_point};
use crate::domain::{Id, Practice, PracticeKind, Records};
use crate::store::{Mode, Workspace};
use std::io::Write;
use std::path::Path;

/// Which text slot each `--flag` fills for each kind, in the order of
/// [`PracticeKind::parts`].
fn slot(kind: PracticeKind, flag: &str) -> Option<usize> {
    use PracticeKind::*;
    Some(match (kind, flag) {
        (Professionalism, "example") => 0,
        (Professionalism, "why") => 1,
        (Skill, "task") => 0,
        (Skill, "outcome") => 1,
        (Leadership, "scenario") => 0,
        (Leadership, "why") => 1,
        (Leadership, "happened") => 2,
        (LearningPreference, "preference") => 0,
        (LearningPreference, "methods") => 1,
        (Barrier, "effect") => 0,
        (Barrier, "done") => 1,
        (Knowledge, "answer") => 0,
        (Knowledge, "example") => 1,
        (RoleChange, "from") => 0,
        (RoleChange, "changes") => 1,
        _ => return None,
    })
}

/// The flags a kind takes, for messages.
fn flags_of(kind: PracticeKind) -> Vec<&'static str> {
    [
        "example",
        "why",
        "task",
        "outcome",
        "scenario",
        "happened",
        "preference",
        "methods",
        "effect",
        "done",
        "answer",
        "from",
        "changes",
    ]
    .into_iter()
    .filter(|f| slot(kind, f).is_some())
    .collect()
}

/// Runs `starlog practice add`.
pub fn run_add(
    root: &Path,
    workspace: &str,
    read_only: bool,
    args: PracticeAddArgs,
) -> Result<u8, Failure> {
    if read_only {
        return Err(Failure::Usage(
            "`starlog practice add` needs to write: drop --read-only".into(),
        ));
    }
    let kind = args.kind;
    let name = args.name.join(" ").trim().to_string();
    if name.is_empty() {
        return Err(Failure::Usage(format!(
            "name the {} ({}): nothing was added",
            kind.label(),
            kind.name_label().1
        )));
    }
    if kind == PracticeKind::Knowledge && knowledge_point(&name).is_none() {
        let keys: Vec<&str> = KNOWLEDGE_POINTS.iter().map(|(k, _)| *k).collect();
        return Err(Failure::Usage(format!(
            "`{name}` is not one of criterion 3's knowledge points: use one of {}",
            keys.join(", ")
        )));
    }
    let date = match &args.date {
        Some(d) => parse_day(d)?,
        None => today(),
    };
    let mut record = Practice::new(Id::generate(), kind, date, now());
    record.name = name;
    for (flag, value) in [
        ("example", &args.example),
        ("why", &args.why),
        ("task", &args.task),
        ("outcome", &args.outcome),
        ("scenario", &args.scenario),
        ("happened", &args.happened),
        ("preference", &args.preference),
        ("methods", &args.methods),
        ("effect", &args.effect),
        ("done", &args.done),
        ("answer", &args.answer),
        ("from", &args.from),
        ("changes", &args.changes),
    ] {
        let Some(text) = value else { continue };
        let Some(n) = slot(kind, flag) else {
            return Err(Failure::Usage(format!(
                "--{flag} is not part of a {}: it takes --{}",
                kind.label(),
                flags_of(kind).join(", --")
            )));
        };
        *record.part_mut(n) = text.trim().to_string();
    }
    record.criteria = super::criteria_ids(&args.criteria);
    let ws = Workspace::open(root, workspace, Mode::Capture)?;
    ws.create(&record)?;
    let mut out = super::out::Out::stdout();
    let _ = writeln!(
        out,
        "Added {} “{}” ({}) {} to {}",
        kind.label(),
        record.name,
        record.date,
        record.id.short(),
        ws.dir().display()
    );
    let missing: Vec<&str> = kind
        .parts()
        .iter()
        .zip([&record.first, &record.second, &record.third])
        .enumerate()
        .filter(|(_, ((label, _), text))| !label.is_empty() && text.is_empty())
        .filter_map(|(n, _)| {
            flags_of(kind)
                .into_iter()
                .find(|f| slot(kind, f) == Some(n))
        })
        .collect();
    if !missing.is_empty() {
        let _ = writeln!(
            out,
            "An assessor will look for the rest: add --{} (or edit the file).",
            missing.join(", --")
        );
    }
    if kind == PracticeKind::RoleChange {
        let _ = writeln!(
            out,
            "Your role changed: review your plan with your manager (`starlog check` reminds you until a review is held)."
        );
    }
    out.finish()?;
    warn_personal_data(&record);
    Ok(0)
}

/// Warns, by the parts' own labels, about anything that looks like a
/// customer's detail (the record is kept; the exit code does not change).
fn warn_personal_data(record: &Practice) {
    let mut texts = vec![(record.kind.name_label().0, record.name.as_str())];
    texts.extend(record.parts());
    super::warn_personal_data_in(texts, || {
        format!(
            "The {} was saved as typed: edit practice/{}.ron to take the details out.",
            record.kind.label(),
            record.id
        )
    });
}

/// Every practice record, grouped by kind, with its parts.
pub fn list_text(records: &Records) -> String {
    let mut s = String::new();
    if records.practice.is_empty() {
        s.push_str(
            "No practice records yet: add one with `starlog practice add KIND NAME` (kinds: professionalism, skill, leadership, learning, barrier, knowledge, role-change).\n",
        );
        return s;
    }
    for kind in PracticeKind::ALL {
        let mut list: Vec<&Practice> = records.practice.iter().filter(|p| p.kind == kind).collect();
        if list.is_empty() {
            continue;
        }
        list.sort_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
        s.push_str(&format!("{}\n", kind.heading()));
        for p in list {
            s.push_str(&format!(
                "  {}  {}  {}\n",
                p.date,
                p.id.short(),
                p.name.trim()
            ));
            for (label, text) in p.parts() {
                s.push_str(&format!("      {label}: {}\n", text.replace('\n', " ")));
            }
        }
    }
    s
}

/// Runs `starlog practice list`.
pub fn run_list(root: &Path, workspace: &str) -> Result<u8, Failure> {
    let ws = Workspace::open(root, workspace, Mode::ReadOnly)?;
    let loaded = ws.load()?;
    report_problems(&loaded.problems);
    let mut out = super::out::Out::stdout();
    let _ = out.write_all(list_text(&loaded.records).as_bytes());
    out.finish()?;
    Ok(0)
}
