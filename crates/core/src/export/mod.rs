//! The assessor-ready portfolio: one Markdown or one self-contained HTML file
//! built from a workspace, after a check for customer personal data.

pub mod build;
pub mod doc;
pub mod html;
pub mod markdown;

use crate::domain::privacy::{self, Hit};
use crate::domain::readiness::{self, SmartCheck};
use crate::domain::{CriteriaSet, Id, Records, WorkspaceHeader};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// The file formats a portfolio can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
    /// One file to hand over: the HTML, the Markdown and every attached file.
    Zip,
}

impl Format {
    pub fn parse(text: &str) -> Option<Format> {
        match text.trim().to_ascii_lowercase().as_str() {
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" => Some(Format::Html),
            "zip" => Some(Format::Zip),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Zip => "zip",
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
    /// The zip archive could not be built.
    Zip(String),
}

impl Refusal {
    /// The message for the learner: each hit, where it is, and the ways on.
    pub fn message(&self) -> String {
        match self {
            Refusal::PersonalData(hits) => {
                let mut s = format!(
                    "not exported: {} found:\n",
                    crate::domain::words::count(
                        hits.len(),
                        "possible customer detail",
                        "possible customer details"
                    )
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
                s.push_str("Remove them from those records (or those attached files), or export with --redact to replace them with placeholders (\"Customer A\"), or with --allow-personal-data if they are not customers' details.");
                s
            }
            Refusal::Unredactable(e) => {
                format!("not exported: {e}; remove the customer's details from it by hand")
            }
            Refusal::Zip(why) => format!("not exported: the zip could not be built ({why})"),
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
    /// The bytes of each attached file that is still as attached (the store
    /// reads them); a file not here is shown as missing or changed.
    pub files: &'a BTreeMap<Id, Vec<u8>>,
}

/// A finished export.
#[derive(Debug, Clone, PartialEq)]
pub struct Exported {
    /// The Markdown or HTML (empty for a zip: see `bytes`).
    pub text: String,
    /// What to write to the file: the text, or the zip archive.
    pub bytes: Vec<u8>,
    /// Attached files that could not be scanned for customer details (not
    /// text): "title (evidence/<id>/<name>)", for the learner to check.
    pub unscanned: Vec<String>,
    /// How many details were replaced by placeholders.
    pub redacted: usize,
    /// How many readiness checks passed, of how many.
    pub passed: (usize, usize),
}

/// The details found in attached text files (a binary file cannot be
/// scanned; those are returned for the learner to check by eye).
fn scan_files(records: &Records, files: &BTreeMap<Id, Vec<u8>>) -> (Vec<Hit>, Vec<String>) {
    let mut hits = Vec::new();
    let mut unscanned = Vec::new();
    for e in &records.evidence {
        let Some(bytes) = files.get(&e.id) else {
            continue;
        };
        match plain_text(&e.stored_name, bytes) {
            Some(text) => {
                for f in privacy::find(text) {
                    hits.push(Hit {
                        kind: f.kind,
                        record: e.to_ref(),
                        field: "file",
                        text: text[f.start..f.end].to_string(),
                    });
                }
            }
            None => unscanned.push(format!(
                "{} (evidence/{}/{})",
                e.title.trim(),
                e.id,
                e.stored_name
            )),
        }
    }
    (hits, unscanned)
}

/// The text of an attached file that is plain text (a note, a CSV, an
/// e-mail saved as text), read by the same scan as the records. A PDF, an
/// image or a document is not, even when its bytes happen to be ASCII: what
/// the learner reads in it is not what its bytes say (a PDF's cross-reference
/// table looks like a column of phone numbers).
fn plain_text<'b>(name: &str, bytes: &'b [u8]) -> Option<&'b str> {
    const TEXT: [&str; 12] = [
        "txt", "text", "md", "markdown", "csv", "tsv", "log", "json", "ron", "eml", "htm", "html",
    ];
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    if !ext.is_empty() && !TEXT.contains(&ext.as_str()) {
        return None;
    }
    std::str::from_utf8(bytes)
        .ok()
        .filter(|t| !t.contains('\0'))
}

/// How many steps [`export`] reports through its progress callback: the
/// checks first (customer details, readiness), then each record written
/// out, then the rendering, weighted by about the time each takes.
pub fn steps(records: &Records) -> usize {
    checking_steps(records) + build::steps(records) + rendering_steps(records)
}

fn checking_steps(records: &Records) -> usize {
    records.len() / 2 + 1
}

fn rendering_steps(records: &Records) -> usize {
    records.len() / 4 + 1
}

/// Builds the portfolio, or refuses because of personal data.
/// `progress(done, total)` is called as it goes, up to [`steps`].
pub fn export(req: &Request, progress: &mut dyn FnMut(usize, usize)) -> Result<Exported, Refusal> {
    let total = steps(req.records);
    let checked = checking_steps(req.records);
    progress(0, total);
    let mut hits = privacy::scan_workspace(req.header, req.records);
    let (file_hits, unscanned) = scan_files(req.records, req.files);
    hits.extend(file_hits.iter().cloned());
    let redacted;
    let (header, records, redaction) = match req.personal_data {
        PersonalData::Refuse if !hits.is_empty() => return Err(Refusal::PersonalData(hits)),
        // Placeholders cannot be put into a file: a file with customer
        // details is refused even when redacting.
        PersonalData::Redact if !file_hits.is_empty() => {
            return Err(Refusal::PersonalData(file_hits));
        }
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
    progress(checked, total);
    let doc = build::build(
        &build::Input {
            header,
            records,
            criteria: req.criteria,
            verdicts: &verdicts,
            today: req.today,
            redaction,
            smart: req.smart,
            files: req.files,
            original: req.records,
        },
        &mut |done, _| progress(checked + done, total),
    );
    let (text, bytes) = match req.format {
        Format::Markdown => {
            let t = markdown::render(&doc);
            let b = t.clone().into_bytes();
            (t, b)
        }
        Format::Html => {
            let t = html::render(&doc);
            let b = t.clone().into_bytes();
            (t, b)
        }
        Format::Zip => (
            String::new(),
            zip_archive(&doc, records, req.files, req.today)
                .map_err(|e| Refusal::Zip(e.to_string()))?,
        ),
    };
    progress(total, total);
    Ok(Exported {
        text,
        bytes,
        unscanned,
        redacted: redaction.map(|r| r.placeholders().len()).unwrap_or(0),
        passed: (readiness::passed(&verdicts), verdicts.len()),
    })
}

/// The zip to hand over: `portfolio.html`, `portfolio.md` and every intact
/// attached file at `evidence/<id>/<name>`, the paths the Markdown names.
fn zip_archive(
    doc: &doc::Doc,
    records: &Records,
    files: &BTreeMap<Id, Vec<u8>>,
    today: NaiveDate,
) -> zip::result::ZipResult<Vec<u8>> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    use chrono::Datelike;
    let mut options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .unix_permissions(0o600);
    // Dated the day of the export (the zip's default is 1 January 1980,
    // which an assessor unpacking it would query).
    if let Ok(day) = zip::DateTime::from_date_and_time(
        u16::try_from(today.year()).unwrap_or(1980),
        today.month() as u8,
        today.day() as u8,
        0,
        0,
        0,
    ) {
        options = options.last_modified_time(day);
    }
    zip.start_file("portfolio.html", options)?;
    zip.write_all(html::render(doc).as_bytes())?;
    zip.start_file("portfolio.md", options)?;
    zip.write_all(markdown::render(doc).as_bytes())?;
    for e in &records.evidence {
        if let Some(bytes) = files.get(&e.id)
            && e.stored_name_is_safe()
        {
            zip.start_file(format!("evidence/{}/{}", e.id, e.stored_name), options)?;
            zip.write_all(bytes)?;
        }
    }
    Ok(zip.finish()?.into_inner())
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
