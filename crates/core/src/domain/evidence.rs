//! Evidence files: documents an assessor can hold in their hand (an
//! observation report, a certificate, a scanned witness statement...),
//! copied into the workspace and described by a record that carries their
//! size and SHA-256, so any later change to the file shows.
//!
//! The record knows nothing of the disk: the store copies the file into
//! `evidence/<id>/<stored_name>` and checks it against `size` and `sha256`.

use super::{Id, dates};
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// What sort of document an evidence file is (the kinds assessors name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EvidenceKind {
    ObservationReport,
    WitnessStatement,
    WorkProduct,
    Certificate,
    QaReport,
    KpiReport,
    AppraisalExtract,
    Screenshot,
    Other,
}

impl EvidenceKind {
    pub const ALL: [EvidenceKind; 9] = [
        EvidenceKind::ObservationReport,
        EvidenceKind::WitnessStatement,
        EvidenceKind::WorkProduct,
        EvidenceKind::Certificate,
        EvidenceKind::QaReport,
        EvidenceKind::KpiReport,
        EvidenceKind::AppraisalExtract,
        EvidenceKind::Screenshot,
        EvidenceKind::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            EvidenceKind::ObservationReport => "observation report",
            EvidenceKind::WitnessStatement => "witness statement",
            EvidenceKind::WorkProduct => "work product",
            EvidenceKind::Certificate => "certificate",
            EvidenceKind::QaReport => "QA report",
            EvidenceKind::KpiReport => "KPI report",
            EvidenceKind::AppraisalExtract => "appraisal extract",
            EvidenceKind::Screenshot => "screenshot",
            EvidenceKind::Other => "other",
        }
    }

    /// Reads a kind as people type it: `certificate`, `observation`,
    /// `witness-statement`, `qa`, `kpi`... (any unambiguous start of a label).
    pub fn parse(text: &str) -> Option<EvidenceKind> {
        let t: String = text
            .trim()
            .to_lowercase()
            .chars()
            .map(|c| if c == '-' || c == '_' { ' ' } else { c })
            .collect();
        if t.is_empty() {
            return None;
        }
        if let Some(k) = EvidenceKind::ALL.into_iter().find(|k| k.label() == t) {
            return Some(k);
        }
        let mut starting = EvidenceKind::ALL
            .into_iter()
            .filter(|k| k.label().to_lowercase().starts_with(&t));
        match (starting.next(), starting.next()) {
            (Some(k), None) => Some(k),
            _ => None,
        }
    }

    /// A guess from the file's name, for when the learner gives no kind.
    pub fn guess(file_name: &str) -> EvidenceKind {
        let lower = file_name.to_lowercase();
        let has = |words: &[&str]| words.iter().any(|w| lower.contains(w));
        if has(&["certificate", "cert"]) {
            EvidenceKind::Certificate
        } else if has(&["observation"]) {
            EvidenceKind::ObservationReport
        } else if has(&["witness"]) {
            EvidenceKind::WitnessStatement
        } else if has(&["appraisal"]) {
            EvidenceKind::AppraisalExtract
        } else if has(&["screenshot", "screen shot"]) {
            EvidenceKind::Screenshot
        } else {
            EvidenceKind::Other
        }
    }
}

/// One attached file and what it shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvidenceFile {
    pub format: u32,
    pub id: Id,
    /// The day the document is from (an observation's day, a certificate's date).
    #[serde(with = "dates::day")]
    pub date: NaiveDate,
    #[serde(with = "crate::domain::dates::moment")]
    pub created: DateTime<FixedOffset>,
    #[serde(with = "crate::domain::dates::moment")]
    pub updated: DateTime<FixedOffset>,
    pub title: String,
    pub kind: EvidenceKind,
    #[serde(default)]
    pub description: String,
    /// Records this file is evidence for (objectives, entries, needs...).
    #[serde(default)]
    pub links: Vec<Id>,
    #[serde(default)]
    pub criteria: Vec<String>,
    /// The file's name where the learner attached it from.
    #[serde(default)]
    pub original_name: String,
    /// The file's name inside `evidence/<id>/` (made safe on every system).
    pub stored_name: String,
    /// Size in bytes when attached.
    pub size: u64,
    /// SHA-256 of the file's bytes when attached, in lower-case hex.
    pub sha256: String,
}

impl EvidenceFile {
    /// Whether the file is an image an HTML page can show (by its name).
    pub fn is_image(&self) -> bool {
        image_type(&self.stored_name).is_some()
    }
}

/// The media type of an image file a browser shows, from its name.
pub fn image_type(name: &str) -> Option<&'static str> {
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    match ext.as_str() {
        "png" => Some("image/png"),
        "jpg" | "jpeg" => Some("image/jpeg"),
        "gif" => Some("image/gif"),
        "webp" => Some("image/webp"),
        _ => None,
    }
}

/// A file's size as people say it: "12.4 MB", "830 KB", "512 bytes".
pub fn size_label(size: u64) -> String {
    if size >= 1024 * 1024 {
        format!("{:.1} MB", size as f64 / (1024.0 * 1024.0))
    } else if size >= 1024 {
        format!("{} KB", size.div_ceil(1024))
    } else if size == 1 {
        "1 byte".into()
    } else {
        format!("{size} bytes")
    }
}

/// SHA-256 of `bytes` in lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Bytes in lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// Hashes text fields one after another, each with its length first, so no
/// two different sets of fields give the same input ("ab","c" vs "a","bc").
#[derive(Default)]
pub struct ContentHasher(Sha256);

impl ContentHasher {
    pub fn field(mut self, text: &str) -> ContentHasher {
        self.0.update((text.len() as u64).to_le_bytes());
        self.0.update(text.as_bytes());
        self
    }

    pub fn finish(self) -> String {
        hex(&self.0.finalize())
    }
}

/// Longest stored file name, in bytes (well under every system's limit,
/// leaving room for the workspace path on Windows).
const MAX_NAME: usize = 100;

/// A file name that is safe on Linux, macOS and Windows: the last part of
/// `original` (no folders), without `/ \ : * ? " < > |` or control
/// characters, not starting with `.` (hidden, or a starlog temp file), not
/// ending in `.` or a space, not a reserved Windows device name, at most 100
/// bytes with its extension kept. Never empty.
pub fn safe_file_name(original: &str) -> String {
    let last = original
        .rsplit(['/', '\\'])
        .find(|p| !p.trim().is_empty())
        .unwrap_or("");
    let mut name: String = last
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '-'
            } else {
                c
            }
        })
        .collect();
    name = name
        .trim_start_matches(['.', ' '])
        .trim_end_matches(['.', ' '])
        .to_string();
    if name.len() > MAX_NAME {
        let (stem, ext) = match name.rsplit_once('.') {
            Some((s, e)) if e.len() <= 10 && !s.is_empty() => (s.to_string(), format!(".{e}")),
            _ => (name.clone(), String::new()),
        };
        let mut cut = MAX_NAME - ext.len();
        while !stem.is_char_boundary(cut) {
            cut -= 1;
        }
        name = format!("{}{ext}", stem[..cut].trim_end_matches(['.', ' ']));
    }
    let stem = name.split('.').next().unwrap_or("").to_ascii_uppercase();
    let reserved = matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ((stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.len() == 4
            && stem.as_bytes()[3].is_ascii_digit());
    if reserved {
        name = format!("_{name}");
    }
    if name.is_empty() {
        name = "file".into();
    }
    name
}

impl EvidenceFile {
    /// True when `stored_name` is one plain file name (a hand-edited record
    /// could name `../../something`; such a record is never followed).
    pub fn stored_name_is_safe(&self) -> bool {
        safe_file_name(&self.stored_name) == self.stored_name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_made_safe_on_every_system() {
        assert_eq!(
            safe_file_name("/home/p/Observation 12:10.pdf"),
            "Observation 12-10.pdf"
        );
        assert_eq!(safe_file_name(r"C:\Users\p\cert.PNG"), "cert.PNG");
        assert_eq!(safe_file_name("../../etc/passwd"), "passwd");
        assert_eq!(safe_file_name(".starlog-abc.tmp"), "starlog-abc.tmp");
        assert_eq!(safe_file_name("report. "), "report");
        assert_eq!(safe_file_name("con.txt"), "_con.txt");
        assert_eq!(safe_file_name("COM3"), "_COM3");
        assert_eq!(safe_file_name("computer.txt"), "computer.txt");
        assert_eq!(safe_file_name("..."), "file");
        assert_eq!(safe_file_name("a\u{7}b?.pdf"), "a-b-.pdf");
        let long = format!("{}.pdf", "é".repeat(80));
        let safe = safe_file_name(&long);
        assert!(safe.len() <= 100 && safe.ends_with(".pdf"), "{safe}");
    }

    #[test]
    fn the_hash_is_sha256_in_hex() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn content_hashes_tell_field_boundaries_apart() {
        let a = ContentHasher::default().field("ab").field("c").finish();
        let b = ContentHasher::default().field("a").field("bc").finish();
        assert_ne!(a, b);
    }

    #[test]
    fn kinds_read_as_people_type_them() {
        assert_eq!(
            EvidenceKind::parse("certificate"),
            Some(EvidenceKind::Certificate)
        );
        assert_eq!(
            EvidenceKind::parse("observation-report"),
            Some(EvidenceKind::ObservationReport)
        );
        assert_eq!(EvidenceKind::parse("qa"), Some(EvidenceKind::QaReport));
        assert_eq!(EvidenceKind::parse("w"), None, "witness or work product");
        assert_eq!(EvidenceKind::parse("wibble"), None);
        assert_eq!(
            EvidenceKind::guess("Food-hygiene-certificate.pdf"),
            EvidenceKind::Certificate
        );
    }
}
