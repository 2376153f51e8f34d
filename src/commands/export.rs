//! `starlog export`: the portfolio as Markdown or self-contained HTML, to a
//! file (written whole, then renamed into place) or to standard output.

use super::{Failure, today};
use crate::export::{self, Format, PersonalData, Request};
use crate::store::{Mode, Workspace};
use std::io::{IsTerminal, Write};
use std::path::Path;

/// Reads `--format` (for clap, so a wrong word is a usage error).
pub fn parse_format(text: &str) -> Result<Format, String> {
    Format::parse(text).ok_or_else(|| format!("`{text}` is not a format: use md, html or zip"))
}

/// Runs `starlog export`.
pub fn run(
    root: &Path,
    workspace: &str,
    format: Format,
    output: Option<(&Path, bool)>,
    allow_personal_data: bool,
    redact: bool,
) -> Result<u8, Failure> {
    if format == Format::Zip && output.is_none() {
        return Err(Failure::Usage(
            "a zip is a file to hand over, not text to print: add -o portfolio.zip".into(),
        ));
    }
    // Refuse a bad target before the (possibly long) build.
    if let Some((path, force)) = output {
        match crate::store::export_file::check_target(path).map_err(Failure::Write)? {
            crate::store::export_file::Target::Existing if !force => {
                return Err(Failure::Write(format!(
                    "{} already exists and was left as it is: add --force to replace it, or choose another name",
                    path.display()
                )));
            }
            _ => {}
        }
    }
    let (loaded, set) = super::check::load(root, workspace)?;
    let ws = Workspace::open(root, workspace, Mode::ReadOnly)?;
    let files = ws.intact_files(&loaded.records.evidence);
    let personal_data = if redact {
        PersonalData::Redact
    } else if allow_personal_data {
        PersonalData::Allow
    } else {
        PersonalData::Refuse
    };
    let show_progress = output.is_some() && std::io::stderr().is_terminal();
    let mut last = 0;
    let mut progress = |done: usize, total: usize| {
        let pct = done * 100 / total.max(1);
        if show_progress && total > 200 && pct != last {
            last = pct;
            eprint!("\rExporting… {pct}%");
        }
    };
    let result = export::export(
        &Request {
            header: &loaded.header,
            records: &loaded.records,
            criteria: set.as_ref(),
            today: today(),
            smart: &crate::export::build::smart_advice,
            format,
            personal_data,
            files: &files,
        },
        &mut progress,
    );
    if show_progress && last > 0 {
        eprintln!();
    }
    let done = result.map_err(|refusal| Failure::Other(refusal.message()))?;
    match output {
        None => {
            // Escaped only on a terminal: piped or redirected, it is the file.
            let terminal = std::io::stdout().is_terminal();
            let mut out = super::out::Out::new(std::io::stdout().lock(), terminal);
            let _ = out.write_all(done.text.as_bytes());
            out.finish()?;
        }
        Some((path, force)) => {
            crate::store::export_file::write_file(path, &done.bytes, force).map_err(|e| {
                Failure::Write(if e.kind() == std::io::ErrorKind::AlreadyExists {
                    format!(
                        "{} appeared while exporting and was left as it is: add --force to replace it",
                        path.display()
                    )
                } else {
                    format!(
                        "could not write {}: {}",
                        path.display(),
                        crate::store::io_reason(&e)
                    )
                })
            })?;
            let redacted = if done.redacted > 0 {
                format!(
                    "; {} replaced with placeholders",
                    crate::domain::words::count(
                        done.redacted,
                        "customer detail",
                        "customer details"
                    )
                )
            } else {
                String::new()
            };
            eprintln!(
                "Wrote {} ({} of {} readiness checks pass{redacted}).",
                path.display(),
                done.passed.0,
                done.passed.1
            );
        }
    }
    if !done.unscanned.is_empty() {
        eprintln!(
            "Check these files for customer details yourself (starlog cannot read inside them):"
        );
        for f in &done.unscanned {
            eprintln!("  {}", super::out::escape_controls(f));
        }
    }
    Ok(0)
}
