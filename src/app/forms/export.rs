//! The export form on the Progress screen: the format, the file, and what to
//! do about customer personal data found in the records (listed beside the
//! form). Saving starts the export in the background; the status line shows
//! how far it has got.

use super::FieldError;
use super::FormState;
use super::field::{Field, Fields};
use crate::domain::privacy::Hit;
use crate::export::{Format, PersonalData};
use chrono::NaiveDate;
use ratatui::crossterm::event::KeyEvent;
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

#[derive(Debug)]
pub struct ExportForm {
    pub fields: Fields,
    /// Possible customer details found when the form opened.
    pub hits: Vec<Hit>,
    pub save_error: Option<FieldError>,
    /// The learner's name and the day, for the default file name.
    name: String,
    today: NaiveDate,
}

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
                "HTML for your assessor (print it to PDF from a browser), or Markdown. Space or ←/→",
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
        let mut fields = fields;
        // The cursor starts at the end of the suggested path, ready to change the name.
        if let Some(f) = fields.list.iter_mut().find(|f| f.name == "file")
            && let super::field::Input::Line(area, _) = &mut f.input
        {
            area.move_cursor(ratatui_textarea::CursorMove::End);
        }
        ExportForm {
            fields,
            hits,
            save_error: None,
            name: name.to_string(),
            today,
        }
    }

    /// The learner's choice, or the field to fix and why.
    pub fn to_choice(&self) -> Result<ExportChoice, FieldError> {
        let f = &self.fields;
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
                    field: "file",
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
                field: "personal",
                message: format!(
                    "Customer data: {} possible detail(s) found (listed): remove them from those records, or choose placeholders",
                    self.hits.len()
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

impl FormState for ExportForm {
    fn handle_key(&mut self, key: &KeyEvent) -> bool {
        let changed = self.fields.handle_key(key);
        if changed {
            self.save_error = None;
        }
        changed
    }
    fn next_field(&mut self, step: isize) {
        self.fields.next_field(step);
    }
    fn dirty(&self) -> bool {
        // Nothing the learner typed here is worth asking about on Esc.
        false
    }
    fn paste(&mut self, text: &str) -> bool {
        self.fields.paste(text)
    }
    fn focused_kind(&mut self) -> Option<super::field::FieldKind> {
        Some(self.fields.focused_kind())
    }
    fn field_action(&mut self, action: &crate::app::Action) -> bool {
        self.fields.handle_action(action)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::privacy;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid")
    }

    fn set_file(form: &mut ExportForm, path: &str) {
        form.fields.focus_on("file");
        for _ in 0..200 {
            crate::app::forms::give_key(
                form,
                &crate::app::keymap::Keymap::default(),
                &KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE),
            );
        }
        for c in path.chars() {
            crate::app::forms::give_key(
                form,
                &crate::app::keymap::Keymap::default(),
                &KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
            );
        }
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
        crate::app::forms::give_key(
            &mut form,
            &crate::app::keymap::Keymap::default(),
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
        crate::app::forms::give_key(
            &mut form,
            &crate::app::keymap::Keymap::default(),
            &KeyEvent::new(KeyCode::Left, KeyModifiers::NONE),
        );
        let e = form.to_choice().expect_err("stops");
        assert_eq!(e.field, "personal");
    }
}
