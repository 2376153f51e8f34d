//! The export form on the Progress screen: the format, the file, and what to
//! do about customer personal data found in the records (listed beside the
//! form). Saving starts the export in the background; the status line shows
//! how far it has got.

use super::field::{Field, Fields};
use super::{Advice, Engine, FieldError, Manner, Spec, Tone};
use crate::domain::privacy::Hit;
use crate::export::{Format, PersonalData};
use crate::tui::App;
use chrono::NaiveDate;
use std::path::PathBuf;

const FORMATS: [&str; 3] = [
    "HTML: one file, prints to PDF",
    "Markdown",
    "Zip: HTML, Markdown and attached files",
];

const PERSONAL: [&str; 3] = [
    "Stop if any are found",
    "Replace them with placeholders (\"Customer A\")",
    "Keep them: they are not customers' details",
];

/// The export form's spec.
#[derive(Debug)]
pub struct ExportSpec {
    /// Possible customer details found when the form opened.
    pub hits: Vec<Hit>,
    /// The learner's name and the day, for the default file name.
    name: String,
    today: NaiveDate,
}

/// The open export form.
pub type ExportForm = Engine<ExportSpec>;

/// What the learner chose.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportChoice {
    pub format: Format,
    pub path: PathBuf,
    pub personal_data: PersonalData,
    /// A file of that name is there already.
    pub exists: bool,
    /// The learner agreed to replace it.
    pub overwrite: bool,
}

impl ExportForm {
    pub fn new(name: &str, today: NaiveDate, hits: Vec<Hit>) -> ExportForm {
        let path = crate::store::export_file::default_path(name, today, Format::Html);
        let personal = if hits.is_empty() { 0 } else { 1 };
        let fields = Fields::new(vec![
            Field::choice(
                "format",
                "Format",
                "HTML for your assessor (print it to PDF from a browser), Markdown, or a zip of both with the attached files",
                FORMATS.iter().map(|s| s.to_string()).collect(),
                0,
            ),
            Field::line(
                "file",
                "File",
                "Where to write it (the extension follows the format)",
                &path.display().to_string(),
            ),
            Field::choice(
                "personal",
                "Customer data",
                "E-mail addresses, phone numbers, card numbers or postcodes found in your records:",
                PERSONAL.iter().map(|s| s.to_string()).collect(),
                personal,
            ),
        ]);
        Engine::build(
            ExportSpec {
                hits,
                name: name.to_string(),
                today,
            },
            fields,
        )
    }

    /// The learner's choice, or the field to fix and why.
    pub fn to_choice(&self) -> Result<ExportChoice, FieldError> {
        self.spec.to_choice(&self.fields)
    }
}

impl ExportSpec {
    /// The learner's choice, or the field to fix and why.
    pub fn to_choice(&self, f: &Fields) -> Result<ExportChoice, FieldError> {
        let format = match f.choice("format") {
            1 => Format::Markdown,
            2 => Format::Zip,
            _ => Format::Html,
        };
        let typed = f.text("file");
        let mut path = if typed.trim().is_empty() {
            crate::store::export_file::default_path(&self.name, self.today, format)
        } else {
            PathBuf::from(typed.trim())
        };
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        if matches!(
            ext.as_deref(),
            None | Some("html") | Some("htm") | Some("md") | Some("markdown") | Some("zip")
        ) {
            path.set_extension(format.extension());
        }
        let exists = match crate::store::export_file::check_target(&path) {
            Ok(target) => target == crate::store::export_file::Target::Existing,
            Err(why) => {
                return Err(FieldError {
                    field: "file".into(),
                    message: format!("File: {why}"),
                });
            }
        };
        let personal_data = match f.choice("personal") {
            1 => PersonalData::Redact,
            2 => PersonalData::Allow,
            _ => PersonalData::Refuse,
        };
        if personal_data == PersonalData::Refuse && !self.hits.is_empty() {
            return Err(FieldError {
                field: "personal".into(),
                message: format!(
                    "Customer data: {} found (listed): remove them from those records, or choose placeholders",
                    crate::domain::words::count(
                        self.hits.len(),
                        "possible detail",
                        "possible details"
                    )
                ),
            });
        }
        Ok(ExportChoice {
            format,
            path,
            personal_data,
            exists,
            overwrite: false,
        })
    }
}

impl Spec for ExportSpec {
    fn title(&self) -> String {
        "Export the portfolio".into()
    }

    /// Nothing typed here is worth asking about on Esc.
    fn manner(&self) -> Manner {
        Manner {
            closes_quietly: true,
            ..Manner::default()
        }
    }

    /// Starts the export; a file that is there already is replaced only
    /// when the learner says so (the question keeps the form open).
    fn submit(&mut self, fields: &Fields, app: &mut App) -> Result<String, FieldError> {
        let choice = self.to_choice(fields)?;
        if choice.exists && !choice.overwrite {
            app.layers.confirm = Some(crate::tui::Confirm::OverwriteExport(choice));
            return Err(FieldError::new(
                "file",
                "That file is there already: replace it?",
            ));
        }
        app.start_export(choice);
        Ok(String::new())
    }

    /// The customer details found, masked, with where they are.
    fn advice(&self, _fields: &Fields, _app: &App) -> Option<Advice> {
        let mut advice = Advice::new("Customer personal data");
        if self.hits.is_empty() {
            advice.text(
                Tone::Good,
                "No e-mail addresses, phone numbers, card numbers or postcodes found.",
            );
            advice.text(Tone::Plain, "");
            advice.text(
                Tone::Dim,
                "Names cannot be detected: check that customers are not named.",
            );
            return Some(advice);
        }
        advice.text(
            Tone::Hint,
            format!(
                "{}:",
                crate::domain::words::count(
                    self.hits.len(),
                    "possible customer detail",
                    "possible customer details"
                )
            ),
        );
        for h in self.hits.iter().take(12) {
            advice.line(vec![
                (Tone::Hint, format!("{} ", h.kind.label())),
                (Tone::Plain, h.masked()),
            ]);
            advice.text(
                Tone::Dim,
                format!("in the {} of {}", h.field, h.record.describe()),
            );
        }
        if self.hits.len() > 12 {
            advice.text(Tone::Dim, format!("and {} more", self.hits.len() - 12));
        }
        Some(advice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::privacy;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid")
    }

    fn set_file(form: &mut ExportForm, path: &str) {
        form.fields.focus_on("file");
        for _ in 0..200 {
            crate::tui::forms::testkit::press(form, KeyCode::Backspace);
        }
        crate::tui::forms::testkit::type_text(form, path);
    }

    #[test]
    fn the_extension_follows_the_format() {
        let tmp = tempfile::tempdir().expect("tmp");
        let mut form = ExportForm::new("Priya Shah", today(), Vec::new());
        set_file(
            &mut form,
            &tmp.path().join("mine.html").display().to_string(),
        );
        form.fields.focus_on("format");
        crate::tui::forms::give_key(
            &mut form,
            &crate::tui::keymap::Keymap::default(),
            &KeyEvent::new(KeyCode::Char(' '), KeyModifiers::NONE),
        );
        let c = form.to_choice().expect("fine");
        assert_eq!(c.format, Format::Markdown);
        assert_eq!(c.path, tmp.path().join("mine.md"));
        assert_eq!(c.personal_data, PersonalData::Refuse);
    }

    #[test]
    fn a_missing_folder_is_refused_at_the_file() {
        let mut form = ExportForm::new("", today(), Vec::new());
        set_file(&mut form, "/no/such/folder/p.html");
        let e = form.to_choice().expect_err("no folder");
        assert_eq!(e.field, "file");
        assert!(e.message.contains("does not exist"), "{}", e.message);
    }

    #[test]
    fn found_details_default_to_placeholders_and_stop_when_asked() {
        let mut r = crate::domain::Records::default();
        let mut e = crate::domain::testkit::star_entry(1, today());
        e.situation = "Rang 07700 900123".into();
        r.diary.push(e);
        let tmp = tempfile::tempdir().expect("tmp");
        let mut form = ExportForm::new("", today(), privacy::scan(&r));
        set_file(&mut form, &tmp.path().join("p.html").display().to_string());
        assert_eq!(
            form.to_choice().expect("redacts").personal_data,
            PersonalData::Redact
        );
        form.fields.focus_on("personal");
        crate::tui::forms::give_key(
            &mut form,
            &crate::tui::keymap::Keymap::default(),
            &KeyEvent::new(KeyCode::Left, KeyModifiers::NONE),
        );
        let e = form.to_choice().expect_err("stops");
        assert_eq!(e.field, "personal");
    }
}
