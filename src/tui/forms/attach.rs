//! The attach form: a file from a typed path (Tab completes the path, as a
//! shell does), what it is, its date, what it is evidence for. Saving copies
//! the file into the workspace (`evidence/<id>/<name>`) with its size and
//! SHA-256; the original is only read.
//!
//! The fields are the engine's; the form wraps the engine only so that Tab
//! in the path field completes the path (Tab again lists the matches, and a
//! third Tab moves on, as the engine's Tab does everywhere else).

use super::field::{Field, Fields, Input};
use super::picker::{PickOption, record_option};
use super::{Advice, Engine, EngineForm, FieldError, FocusedText, FormState, Spec, Tone};
use crate::domain::evidence::size_label;
use crate::domain::{Draft, DraftForm, EvidenceKind, Records};
use crate::store::evidence::{Attach, EVIDENCE_MAX_BYTES};
use crate::tui::App;
use crate::tui::paths::{complete_path, expand_home, home_dir};
use chrono::{DateTime, FixedOffset};
use ratatui::crossterm::event::KeyEvent;

/// The attach form's spec.
#[derive(Debug, Default)]
pub struct AttachSpec {
    /// The names the last Tab found, shown under the form.
    pub matches: Vec<String>,
    /// The last Tab listed the matches without completing anything.
    listed: bool,
}

/// The open attach form: the engine's form, with Tab completing paths.
#[derive(Debug)]
pub struct AttachForm {
    pub engine: Engine<AttachSpec>,
}

/// Needs, objectives and reviews a file can be evidence for.
pub fn link_options(records: &Records) -> Vec<PickOption> {
    let objectives = records.objectives.iter().map(|o| o.to_ref());
    let needs = records.needs.iter().map(|n| n.to_ref());
    let activities = records.activities.iter().map(|a| a.to_ref());
    objectives
        .chain(needs)
        .chain(activities)
        .map(record_option)
        .collect()
}

const GUESS: &str = "guess from the file's name";

impl AttachForm {
    pub fn new(app: &App) -> AttachForm {
        let mut kinds = vec![GUESS.to_string()];
        kinds.extend(EvidenceKind::ALL.iter().map(|k| k.label().to_string()));
        let fields = Fields::new(vec![
            Field::line(
                "path",
                "File",
                "The file's path (Tab completes it; ~ is your home folder). It is copied in; your original is only read",
                "",
            ),
            Field::line(
                "title",
                "Title",
                "What it is, e.g. \"Call observation by Gareth, 14 October\" (empty: from the file's name)",
                "",
            ),
            Field::choice(
                "kind",
                "Kind",
                "What kind of evidence? Space or ←/→ to change",
                kinds,
                0,
            ),
            Field::date(
                "date",
                "Date",
                "The document's date: today, 14/10/2026, -2w",
                app.today,
            ),
            Field::text(
                "description",
                "About it",
                "What it shows, in a sentence or two (the assessor reads this beside it)",
                "",
            ),
            Field::pick(
                "links",
                "Evidence for",
                "Which objectives, needs or activities does it show? ↑/↓ move, Space ticks",
                link_options(&app.model.records),
                &[],
                "Nothing in the plan yet to link it to.",
            ),
            Field::criteria(
                "Which assessment criteria does it show? ↑/↓ move, Space ticks",
                app.criteria.as_ref(),
                &[],
            ),
        ]);
        AttachForm {
            engine: Engine::build(AttachSpec::default(), fields),
        }
    }

    /// The same form holding a draft's fields, as typed (the path too,
    /// even when it no longer leads to a file).
    pub fn from_draft(draft: &Draft, app: &App) -> AttachForm {
        let mut form = AttachForm::new(app);
        form.engine.restore(draft);
        form
    }

    /// Tab in the path field: completes it, or lists what matches; true
    /// when the focus should stay (something was completed or listed).
    fn complete(&mut self) -> bool {
        let fields = &mut self.engine.fields;
        if fields.focused_name() != "path" {
            return false;
        }
        // As typed, untrimmed: "observation " is how "observation 20
        // nov.pdf" is reached.
        let typed = match fields.get("path").map(|f| &f.input) {
            Some(Input::Line(area, _)) => area.lines().join(""),
            _ => return false,
        };
        if typed.trim().is_empty() {
            return false;
        }
        let (text, matches) = complete_path(&typed, home_dir().as_deref());
        let spec = &mut self.engine.spec;
        if text != typed {
            if let Some(f) = fields.get_mut("path") {
                f.set_text(&text);
            }
            fields.focus_on("path");
            fields.dirty = true;
            self.engine.error = None;
            spec.listed = false;
            spec.matches = if matches.len() > 1 {
                matches
            } else {
                Vec::new()
            };
            return true;
        }
        if matches.len() > 1 && !spec.listed {
            spec.matches = matches;
            spec.listed = true;
            return true;
        }
        false
    }
}

impl Spec for AttachSpec {
    fn record(&self) -> Option<super::RecordForm> {
        Some(super::RecordForm {
            draft: DraftForm::Attach,
            title: "Attach a file".into(),
            editing: None,
        })
    }

    fn changed(&mut self, _fields: &mut Fields) {
        self.matches.clear();
        self.listed = false;
    }

    fn advice(&self, _fields: &Fields, _app: &App) -> Option<Advice> {
        let mut a = Advice::new("The file");
        if !self.matches.is_empty() {
            a.text(Tone::Heading, "Matching names:");
            for m in self.matches.iter().take(12) {
                a.text(Tone::Plain, format!("  {m}"));
            }
            if self.matches.len() > 12 {
                a.text(
                    Tone::Dim,
                    format!(
                        "  … and {} more: type more of the name",
                        self.matches.len() - 12
                    ),
                );
            }
            a.text(Tone::Plain, "");
        }
        a.text(
            Tone::Dim,
            format!(
                "Any file up to {}: a PDF, a photo or scan, a document, a spreadsheet, a recording.",
                size_label(EVIDENCE_MAX_BYTES)
            ),
        );
        a.text(
            Tone::Dim,
            "starlog cannot read inside PDFs and images: check them for customer details yourself.",
        );
        Some(a)
    }

    fn submit(&mut self, f: &Fields, app: &mut App) -> Result<String, FieldError> {
        let typed = f.text("path");
        if typed.is_empty() {
            return Err(FieldError::new(
                "path",
                "File: type the path of the file to attach (Tab completes it)",
            ));
        }
        let date = f.day("date", app.today)?;
        let kind = match f.choice("kind") {
            0 => None,
            i => EvidenceKind::ALL.get(i - 1).copied(),
        };
        let links = f.picked_ids("links");
        let about = Attach {
            title: f.text("title"),
            kind,
            date,
            description: f.text("description").trim().to_string(),
            links,
            criteria: f.picked("criteria"),
        };
        let source = expand_home(&typed, home_dir().as_deref());
        let Some(ws) = &app.session.ws else {
            return Err(FieldError::new("", "NOT ATTACHED: no workspace is open"));
        };
        let record = ws
            .attach(&source, about, app.now)
            .map_err(|e| FieldError::new("path", format!("Not attached: {e}")))?;
        app.took_in(&record);
        Ok(format!(
            "Attached {} ({}) as “{}”; your original was only read",
            record.stored_name,
            size_label(record.size),
            record.title
        ))
    }
}

impl FormState for AttachForm {
    fn handle_key(&mut self, key: &KeyEvent) -> bool {
        self.engine.handle_key(key)
    }
    fn next_field(&mut self, step: isize) {
        if step == 1 && self.complete() {
            return;
        }
        self.engine.next_field(step);
    }
    fn dirty(&self) -> bool {
        self.engine.dirty()
    }
    fn focused_text(&mut self) -> Option<FocusedText<'_>> {
        self.engine.focused_text()
    }
    fn text_changed(&mut self) {
        self.engine.text_changed()
    }
    fn focused_kind(&mut self) -> Option<super::field::FieldKind> {
        self.engine.focused_kind()
    }
    fn field_action(&mut self, action: &crate::tui::Action) -> bool {
        self.engine.field_action(action)
    }
    fn paste(&mut self, text: &str) -> bool {
        self.engine.paste(text)
    }
    fn to_draft(&self, now: DateTime<FixedOffset>) -> Option<Draft> {
        self.engine.to_draft(now)
    }
}

impl EngineForm for AttachForm {
    fn title(&self) -> String {
        self.engine.title()
    }
    fn fields(&self) -> &Fields {
        &self.engine.fields
    }
    fn error(&self) -> Option<&FieldError> {
        self.engine.error.as_ref()
    }
    fn advice(&self, app: &App) -> Option<Advice> {
        EngineForm::advice(&self.engine, app)
    }
    fn footer(&self) -> Option<String> {
        None
    }
    fn submit(&mut self, app: &mut App) -> Result<String, FieldError> {
        EngineForm::submit(&mut self.engine, app)
    }
    fn refuse(&mut self, error: FieldError) {
        self.engine.refuse(error)
    }
    fn popup(&self) -> bool {
        false
    }
    fn applies_on_enter(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use crate::store::{Mode, Workspace};
    use crate::tui::{App, Confirm, Form};
    use chrono::DateTime;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn press(app: &mut App, code: KeyCode) {
        app.handle_key(&KeyEvent::new(code, KeyModifiers::NONE));
    }

    fn typed(app: &mut App, text: &str) {
        for c in text.chars() {
            press(app, KeyCode::Char(c));
        }
    }

    /// The bug: the attach form kept no draft, so a description typed
    /// there was lost on Ctrl-C or a crash. Now it is kept like every
    /// other form's text and offered back at the next start.
    #[test]
    fn a_description_typed_in_the_attach_form_survives_ctrl_c_and_is_offered_back() {
        let root = tempfile::tempdir().expect("root");
        let now = DateTime::parse_from_rfc3339("2026-11-29T10:00:00+00:00").expect("time");
        let ws = Workspace::open(root.path(), "default", Mode::Write).expect("workspace");
        let mut app = App::open(ws, now).expect("opens");
        let loaded = app.session.ws.as_ref().expect("ws").load().expect("loads");
        app.apply_loaded(loaded);
        app.model.header.onboarded = true;
        press(&mut app, KeyCode::Char('E'));
        press(&mut app, KeyCode::Char('a'));
        assert!(matches!(app.layers.form, Some(Form::Attach(_))));
        typed(&mut app, "~/Documents/observation.pdf");
        // Past the title, kind and date to "About it".
        for _ in 0..4 {
            press(&mut app, KeyCode::Tab);
        }
        typed(&mut app, "Gareth listened to my refund call");
        app.write_draft();
        app.handle_key(&KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
        assert_eq!(
            app.kept_draft.as_deref(),
            Some("file to attach “Gareth listened to my refund call”")
        );
        drop(app);

        let ws = Workspace::open(root.path(), "default", Mode::Write).expect("workspace");
        let mut app = App::open(ws, now).expect("opens again");
        assert!(
            matches!(app.layers.confirm, Some(Confirm::RestoreDraft(_))),
            "the draft is offered back"
        );
        press(&mut app, KeyCode::Char('y'));
        let Some(Form::Attach(form)) = &app.layers.form else {
            panic!("the attach form is open again");
        };
        assert_eq!(
            form.engine.fields.text("description"),
            "Gareth listened to my refund call"
        );
        assert_eq!(
            form.engine.fields.text("path"),
            "~/Documents/observation.pdf"
        );
        assert!(
            app.model.records.evidence.is_empty(),
            "nothing attached yet"
        );
    }
}
