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
    /// A record could not be redacted, so nothing was written.
    Unredactable(privacy::Unredactable),
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
            Refusal::Unredactable(e) => {
                format!("not exported: {e}; remove the customer's details from it by hand")
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
    let hits = privacy::scan_workspace(req.header, req.records);
    let redacted;
    let (header, records, redaction) = match req.personal_data {
        PersonalData::Refuse if !hits.is_empty() => return Err(Refusal::PersonalData(hits)),
        PersonalData::Redact if !hits.is_empty() => {
            redacted = privacy::redact_workspace(req.header, req.records)
                .map_err(Refusal::Unredactable)?;
            (&redacted.0, &redacted.1, Some(&redacted.2))
        }
        _ => (req.header, req.records, None),
    };
    let verdicts = readiness::check(&readiness::Portfolio {
        header,
        records,
        criteria: req.criteria,
        more_criteria: &[],
        today: req.today,
        smart: req.smart,
    });
    let doc = build::build(
        &build::Input {
            header,
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

/// The file name a portfolio is saved under unless the learner says
/// otherwise: named for the learner and the day.
pub fn file_name(name: &str, today: NaiveDate, format: Format) -> String {
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
    format!("{stem}.{}", format.extension())
}

#[cfg(test)]
mod tests;
