//! The assessor-ready portfolio: one Markdown or one self-contained HTML file
//! built from a workspace, after a check for customer personal data.

pub mod build;
pub mod doc;
pub mod html;
pub mod markdown;

use crate::domain::privacy::{self, Hit};
use crate::domain::readiness::{self, SmartCheck};
use crate::domain::{CriteriaSet, Records, WorkspaceHeader};
use chrono::NaiveDate;

/// The file formats a portfolio can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
}

impl Format {
    pub fn parse(text: &str) -> Option<Format> {
        match text.trim().to_ascii_lowercase().as_str() {
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" => Some(Format::Html),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
        }
    }
}

/// What to do about customer personal data found in the records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonalData {
    /// Refuse to export while any is found (the default).
    Refuse,
    /// Replace each detail with a stable placeholder ("Customer A").
    Redact,
    /// Export as it is: the learner has checked and it is not customers'.
    Allow,
}

/// Why an export was not written.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// Personal data was found and the learner did not choose what to do.
    PersonalData(Vec<Hit>),
}

impl Refusal {
    /// The message for the learner: each hit, where it is, and the ways on.
    pub fn message(&self) -> String {
        match self {
            Refusal::PersonalData(hits) => {
                let mut s = format!(
                    "not exported: {} possible customer detail(s) found:\n",
                    hits.len()
                );
                for h in hits {
                    s.push_str(&format!(
                        "  {} in the {} of {} ({})\n",
                        h.kind.label(),
                        h.field,
                        h.record.describe(),
                        h.masked()
                    ));
                }
                s.push_str("Remove them from those records, or export with --redact to replace them with placeholders (\"Customer A\"), or with --allow-personal-data if they are not customers' details.");
                s
            }
        }
    }
}

/// Everything an export needs.
pub struct Request<'a> {
    pub header: &'a WorkspaceHeader,
    pub records: &'a Records,
    pub criteria: Option<&'a CriteriaSet>,
    pub today: NaiveDate,
    pub smart: SmartCheck<'a>,
    pub format: Format,
    pub personal_data: PersonalData,
}

/// A finished export.
#[derive(Debug, Clone, PartialEq)]
pub struct Exported {
    pub text: String,
    /// How many details were replaced by placeholders.
    pub redacted: usize,
    /// How many readiness checks passed, of how many.
    pub passed: (usize, usize),
}

/// Builds the portfolio text, or refuses because of personal data.
/// `progress(done, total)` is called as records are written out.
pub fn export(req: &Request, progress: &mut dyn FnMut(usize, usize)) -> Result<Exported, Refusal> {
    let hits = privacy::scan(req.records);
    let redacted;
    let (records, redaction) = match req.personal_data {
        PersonalData::Refuse if !hits.is_empty() => return Err(Refusal::PersonalData(hits)),
        PersonalData::Redact if !hits.is_empty() => {
            redacted = privacy::redact_records(req.records);
            (&redacted.0, Some(&redacted.1))
        }
        _ => (req.records, None),
    };
    let verdicts = readiness::check(&readiness::Portfolio {
        header: req.header,
        records,
        criteria: req.criteria,
        today: req.today,
        smart: req.smart,
    });
    let doc = build::build(
        &build::Input {
            header: req.header,
            records,
            criteria: req.criteria,
            verdicts: &verdicts,
            today: req.today,
            redaction,
        },
        progress,
    );
    let text = match req.format {
        Format::Markdown => markdown::render(&doc),
        Format::Html => html::render(&doc),
    };
    Ok(Exported {
        text,
        redacted: redaction.map(|r| r.placeholders().len()).unwrap_or(0),
        passed: (readiness::passed(&verdicts), verdicts.len()),
    })
}

/// What is at the path an export is to be written to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Nothing yet: the export creates it.
    New,
    /// A plain file the learner's own: replaced only when they say so.
    Existing,
}

/// Checks where an export may go, before anything is built: never over a
/// link, a folder or a device, never inside a workspace (it could replace a
/// record), and never into a folder that does not exist. The message is in
/// the learner's words.
pub fn check_target(path: &std::path::Path) -> Result<Target, String> {
    use std::path::Path;
    let shown = path.display();
    let target = match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            return Err(format!(
                "{shown} is a link to another file; starlog writes a portfolio only to an ordinary file: choose another name"
            ));
        }
        Ok(meta) if meta.is_dir() => {
            return Err(format!("{shown} is a folder: add a file name"));
        }
        Ok(meta) if !meta.is_file() => {
            return Err(format!(
                "{shown} is not an ordinary file (a device or a pipe?): choose another name"
            ));
        }
        Ok(_) => Target::Existing,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Target::New,
        Err(e) => {
            return Err(format!(
                "could not look at {shown}: {}",
                crate::store::io_reason(&e)
            ));
        }
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let dir = match std::fs::canonicalize(dir) {
        Ok(dir) if dir.is_dir() => dir,
        _ => {
            return Err(format!(
                "the folder {} does not exist: create it first, or choose another",
                dir.display()
            ));
        }
    };
    if let Some(ws) = dir
        .ancestors()
        .find(|d| d.join(crate::store::HEADER_FILE).is_file())
    {
        return Err(format!(
            "{shown} is inside the workspace {}, where it could replace a record: choose a folder outside it (your Documents folder, say)",
            ws.display()
        ));
    }
    Ok(target)
}

/// Writes an export to `path` whole (a temporary file beside it, synced, then
/// renamed over), so a reader or a crash never leaves half a portfolio. An
/// existing file is replaced only when `overwrite` is set (the learner said
/// so); one that appeared meanwhile is never replaced.
pub fn write_file(path: &std::path::Path, bytes: &[u8], overwrite: bool) -> std::io::Result<()> {
    use std::io::Write;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => std::path::Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    if overwrite {
        tmp.persist(path).map_err(|e| e.error)?;
    } else {
        tmp.persist_noclobber(path).map_err(|e| e.error)?;
    }
    Ok(())
}

/// Where a portfolio is saved unless the learner says otherwise: the
/// Documents folder (else home, else the current folder), named for the
/// learner and the day.
pub fn default_path(name: &str, today: NaiveDate, format: Format) -> std::path::PathBuf {
    let dir = directories::UserDirs::new()
        .and_then(|u| {
            u.document_dir()
                .map(std::path::Path::to_path_buf)
                .or_else(|| Some(u.home_dir().to_path_buf()))
        })
        .unwrap_or_else(|| std::path::PathBuf::from("."));
    let who: String = name
        .trim()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let stem = if who.is_empty() {
        format!("portfolio-{today}")
    } else {
        format!("portfolio-{who}-{today}")
    };
    dir.join(format!("{stem}.{}", format.extension()))
}

#[cfg(test)]
mod tests;
