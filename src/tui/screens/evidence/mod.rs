//! The Evidence view (`E`): every attached file, witness statement and
//! sign-off in one list, with the details of the selected one. `a` attaches
//! a file from a typed path (Tab completes the path), Enter or `o` opens a
//! file in the system's viewer without waiting for it, `w` writes down a
//! witness statement, `s` lets the witness sign it, `S` records a sign-off,
//! `e` edits, `d` deletes (to the trash). A search hit on an evidence file or
//! a witness statement lands here, selected.

pub mod view;

use crate::domain::{AnyRecord, EvidenceFile, Id, Records};
use crate::store::RecordKind;
use crate::tui::forms::Form;
use crate::tui::forms::attach::AttachForm;
use crate::tui::forms::signoff::SignOffForm;
use crate::tui::forms::witness::{WitnessForm, WitnessSignForm};
use crate::tui::jobs::{Jobs, Kind};
use crate::tui::screens::{Lettered, Screens};
use crate::tui::{Action, App, Screen};
use std::collections::HashMap;
use std::path::Path;

/// What a row of the Evidence view is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    File,
    Witness,
    SignOff,
}

/// How an attached file stood when the view opened: there at the size it
/// was attached, missing, or not as attached. (Its SHA-256 is checked by
/// `starlog check` and the export, which read every byte.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileStatus {
    Present,
    Missing,
    Changed,
}

/// The Evidence view's state while it is open.
#[derive(Debug, Clone, Default)]
pub struct EvidenceState {
    pub selected: usize,
    /// How each attached file stood when the view opened.
    pub files: HashMap<Id, FileStatus>,
}

/// The rows of the view: files, then witness statements, then sign-offs,
/// each newest first.
pub fn rows(records: &Records) -> Vec<(RowKind, Id)> {
    let mut files: Vec<_> = records.evidence.iter().collect();
    files.sort_by(|a, b| b.date.cmp(&a.date).then(b.id.cmp(&a.id)));
    let mut witnesses: Vec<_> = records.witnesses.iter().collect();
    witnesses.sort_by(|a, b| b.date.cmp(&a.date).then(b.id.cmp(&a.id)));
    let mut signoffs: Vec<_> = records.signoffs.iter().collect();
    signoffs.sort_by(|a, b| b.signed.cmp(&a.signed).then(b.id.cmp(&a.id)));
    files
        .into_iter()
        .map(|e| (RowKind::File, e.id.clone()))
        .chain(
            witnesses
                .into_iter()
                .map(|w| (RowKind::Witness, w.id.clone())),
        )
        .chain(
            signoffs
                .into_iter()
                .map(|s| (RowKind::SignOff, s.id.clone())),
        )
        .collect()
}

/// The command that shows a file in the system's viewer, and whether its
/// exit status says if that worked.
fn viewer_command(path: &Path) -> (&'static str, std::process::Command, bool) {
    #[cfg(target_os = "macos")]
    {
        let mut c = std::process::Command::new("open");
        c.arg(path);
        ("open", c, true)
    }
    #[cfg(windows)]
    {
        // Explorer opens a file with its program, with no shell reading the
        // name (`cmd /C start` would take a `&` in it for a second command).
        // Its exit status is 1 even when it worked, so it is not read.
        let mut c = std::process::Command::new("explorer");
        c.arg(path);
        ("explorer", c, false)
    }
    #[cfg(not(any(target_os = "macos", windows)))]
    {
        let mut c = std::process::Command::new("xdg-open");
        c.arg(path);
        ("xdg-open", c, true)
    }
}

/// Starts `command` with no terminal attached (the app owns the screen) and
/// waits for it on a thread of its own; its outcome arrives on the channel.
/// `Err` when it could not start at all.
pub fn spawn_viewer<T: 'static>(
    program: &str,
    mut command: std::process::Command,
    status_tells: bool,
    jobs: &Jobs<T>,
    ended: impl FnOnce(&mut T, Result<(), String>) + Send + 'static,
) -> Result<(), String> {
    use std::process::Stdio;
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                format!("no program to open files is available here ({program} was not found)")
            } else {
                format!("{program} could not start: {e}")
            }
        })?;
    let program = program.to_string();
    let waiting = jobs.start(Kind::Viewer, move |post| {
        let outcome = match child.wait() {
            Ok(status) if status.success() || !status_tells => Ok(()),
            Ok(status) => Err(match status.code() {
                Some(code) => format!("{program} found no program for it (exit status {code})"),
                None => format!("{program} was stopped"),
            }),
            Err(e) => Err(format!("{program} could not be waited for: {e}")),
        };
        post.post(move |app| ended(app, outcome));
    });
    // Not waited for, the viewer still runs; only a failure goes unsaid.
    drop(waiting);
    Ok(())
}

impl App {
    /// `E`: opens the Evidence view.
    pub(in crate::tui) fn open_evidence(&mut self) {
        let files = self.file_statuses();
        self.show_lettered(Lettered::Evidence);
        self.screens.evidence.files = files;
        self.clamp_evidence();
        if !self.model.complete {
            self.set_status("Still loading: more may appear in a moment");
        }
    }

    /// Opens the Evidence view with `id` selected (a search hit).
    pub(in crate::tui) fn open_evidence_at(&mut self, id: &Id) {
        self.open_evidence();
        if let Some(pos) = rows(&self.model.records).iter().position(|(_, x)| x == id) {
            self.screens.evidence.selected = pos;
        }
    }

    /// Whether each attached file is there at its size (no hashing: the
    /// view opens at once whatever the files weigh).
    fn file_statuses(&self) -> HashMap<Id, FileStatus> {
        let Some(ws) = &self.session.ws else {
            return HashMap::new();
        };
        self.model
            .records
            .evidence
            .iter()
            .map(|e| {
                let status = match ws
                    .evidence_path(e)
                    .and_then(|p| std::fs::symlink_metadata(p).ok())
                {
                    None => FileStatus::Missing,
                    Some(m) if m.is_file() && m.len() == e.size => FileStatus::Present,
                    Some(_) => FileStatus::Changed,
                };
                (e.id.clone(), status)
            })
            .collect()
    }

    fn clamp_evidence(&mut self) {
        let len = rows(&self.model.records).len();
        let view = &mut self.screens.evidence;
        view.selected = view.selected.min(len.saturating_sub(1));
    }

    /// The selected row, if the view is open and has one.
    pub fn selected_evidence(&self) -> Option<(RowKind, Id)> {
        if !self.screens.is_open(Lettered::Evidence) {
            return None;
        }
        rows(&self.model.records)
            .get(self.screens.evidence.selected)
            .cloned()
    }

    /// Keys in the Evidence view (moving and Esc are the same on every
    /// lettered screen: see `screens::App::update_current`).
    fn evidence_action(&mut self, action: Action) {
        let selected = self.selected_evidence();
        match action {
            Action::AttachFile => self.open_attach_form(),
            Action::NewWitness => self.open_witness_form(),
            Action::OpenFile => match selected {
                Some((RowKind::File, id)) => self.open_file(&id),
                _ => self.set_status("o opens an attached file: select one of the files"),
            },
            Action::Open => match selected {
                Some((RowKind::File, id)) => self.open_file(&id),
                Some((RowKind::Witness, id)) => self.edit_witness(&id),
                Some((RowKind::SignOff, _)) => self.set_status(
                    "A sign-off is never edited: S records a new one, d deletes this one",
                ),
                None => self.set_status("Nothing here yet: a attaches a file"),
            },
            Action::Edit => match selected {
                Some((RowKind::Witness, id)) => self.edit_witness(&id),
                Some((RowKind::File, _)) => self.set_status(
                    "An attached file is not changed here: its details stay as attached",
                ),
                Some((RowKind::SignOff, _)) => {
                    self.set_status("A sign-off is never edited: S records a new one")
                }
                None => {}
            },
            Action::SignWitness => match selected {
                Some((RowKind::Witness, id)) => self.sign_witness(&id),
                _ => self.set_status("s is for the witness to sign: select a witness statement"),
            },
            Action::SignOff => self.open_signoff_form(None),
            Action::Undo => {
                self.undo_delete();
                // The restored record may be a file of this list.
                self.screens.evidence.files = self.file_statuses();
            }
            Action::Delete => match selected {
                Some((_, id)) => self.trash_record(&id),
                None => self.set_status("Nothing to delete"),
            },
            _ => {}
        }
    }

    fn open_attach_form(&mut self) {
        if !self.writable() {
            return;
        }
        if self.session.ws.is_none() {
            self.set_error("No workspace is open to attach files to");
            return;
        }
        self.layers.form = Some(Form::Attach(Box::new(AttachForm::new(self))));
    }

    fn open_witness_form(&mut self) {
        if self.writable() {
            self.layers.form = Some(Form::Witness(Box::new(WitnessForm::blank(self))));
        }
    }

    fn edit_witness(&mut self, id: &Id) {
        let Some(w) = self
            .model
            .records
            .witnesses
            .iter()
            .find(|w| &w.id == id)
            .cloned()
        else {
            return;
        };
        if !self.editable(id, "witness statement") {
            return;
        }
        self.layers.form = Some(Form::Witness(Box::new(WitnessForm::editing(w, self))));
    }

    fn sign_witness(&mut self, id: &Id) {
        let Some(w) = self
            .model
            .records
            .witnesses
            .iter()
            .find(|w| &w.id == id)
            .cloned()
        else {
            return;
        };
        if !self.editable(id, "witness statement") {
            return;
        }
        if w.observed.trim().is_empty() || w.witness.trim().is_empty() {
            self.set_status(
                "Write down the witness's name and what they saw first (e), then they sign",
            );
            return;
        }
        self.layers.form = Some(Form::WitnessSign(Box::new(WitnessSignForm::new(w))));
    }

    /// `S`: a sign-off of `subject`, or of a need, objective or review
    /// chosen in the form.
    pub(in crate::tui) fn open_signoff_form(&mut self, subject: Option<Id>) {
        if !self.writable() {
            return;
        }
        if self.model.records.needs.is_empty()
            && self.model.records.objectives.is_empty()
            && self.model.records.reviews.is_empty()
        {
            self.set_status("Nothing to sign off yet: add a need, an objective or a review first");
            return;
        }
        self.layers.form = Some(Form::SignOff(Box::new(SignOffForm::new(
            self,
            subject.as_ref(),
        ))));
    }

    /// `S` on the Plan or Reviews screen: signs off the selected need,
    /// objective or review.
    pub(in crate::tui) fn sign_off_selected(&mut self) {
        let subject = self
            .selected_id(self.screen)
            .filter(|id| crate::domain::signoff::subject(&self.model.records, id).is_some());
        match (self.screen, subject) {
            (Screen::Plan | Screen::Reviews, Some(id)) => self.open_signoff_form(Some(id)),
            (Screen::Plan, None) => {
                self.set_status("Select a need or an objective to sign off (activities are not)")
            }
            _ => self.open_signoff_form(None),
        }
    }

    /// Opens an attached file in the system's viewer; the app goes on at
    /// once, and a failure is reported when the viewer gives up.
    fn open_file(&mut self, id: &Id) {
        let Some(e) = self
            .model
            .records
            .evidence
            .iter()
            .find(|e| &e.id == id)
            .cloned()
        else {
            return;
        };
        let Some(path) = self.session.ws.as_ref().and_then(|ws| ws.evidence_path(&e)) else {
            self.set_error("That file's record names a file outside its folder: not opened");
            return;
        };
        match std::fs::symlink_metadata(&path) {
            Ok(m) if m.is_file() => {}
            Ok(_) => {
                self.set_error(format!(
                    "Not opened: something other than a file is at {}",
                    path.display()
                ));
                return;
            }
            Err(_) => {
                self.set_error(format!(
                    "Not opened: {} is missing from the workspace",
                    e.stored_name
                ));
                return;
            }
        }
        let (program, command, status_tells) = viewer_command(&path);
        let (name, shown) = (e.stored_name.clone(), path.clone());
        let failed = move |app: &mut App, outcome: Result<(), String>| {
            if let Err(why) = outcome {
                app.set_error(format!(
                    "Could not open {name}: {why}. The file is at {}",
                    shown.display()
                ));
            }
        };
        match spawn_viewer(program, command, status_tells, &self.jobs, failed) {
            Ok(()) => self.set_status(format!("Opening {} in your viewer…", e.stored_name)),
            Err(why) => self.set_error(format!(
                "Not opened: {why}. The file is at {}",
                path.display()
            )),
        }
    }

    /// Takes in a record the store has just written (an attached file):
    /// into memory, with its file state, as if saved here.
    pub(in crate::tui) fn took_in(&mut self, record: &EvidenceFile) {
        let Some(ws) = &self.session.ws else { return };
        let rel = crate::store::rel_path_of(&AnyRecord::Evidence(record.clone()));
        if let Ok((any, state, _)) = ws.read_any(RecordKind::Evidence, &rel) {
            let id = any.id().clone();
            self.session
                .saved
                .insert(id.clone(), (any.clone(), state.clone()));
            self.model.files.insert(id, state);
            self.model.records.change().upsert(any);
        }
        if self.screens.is_open(Lettered::Evidence) {
            let view = &mut self.screens.evidence;
            view.files.insert(record.id.clone(), FileStatus::Present);
            self.select_evidence(&record.id);
        }
    }

    /// After a witness statement or sign-off is saved from the view: it is
    /// selected there.
    pub(in crate::tui) fn select_evidence(&mut self, id: &Id) {
        if !self.screens.is_open(Lettered::Evidence) {
            return;
        }
        self.clamp_evidence();
        if let Some(pos) = rows(&self.model.records).iter().position(|(_, x)| x == id) {
            self.screens.evidence.selected = pos;
        }
    }
}

/// The Evidence view, behind the [`Screen`](crate::tui::screens::Screen)
/// trait.
pub struct EvidenceScreen;

impl crate::tui::screens::Screen for EvidenceScreen {
    fn len(&self, app: &App) -> usize {
        rows(&app.model.records).len()
    }
    fn ids(&self, app: &App) -> Vec<Id> {
        rows(&app.model.records)
            .into_iter()
            .map(|(_, id)| id)
            .collect()
    }
    fn selected(&self, screens: &Screens) -> usize {
        screens.evidence.selected
    }
    fn selection<'a>(&self, screens: &'a mut Screens) -> &'a mut usize {
        &mut screens.evidence.selected
    }
    fn update(&self, app: &mut App, action: Action) {
        app.evidence_action(action)
    }
    fn view(
        &self,
        app: &App,
        frame: &mut crate::tui::widgets::Canvas,
        area: ratatui::layout::Rect,
        st: &crate::tui::theme::Styles,
    ) {
        view::draw(app, frame, area, st);
    }
}

// The viewer test runs `sh` scripts as viewers, so it is Unix-only.
#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn the_viewer_never_blocks_and_a_missing_or_failing_one_is_explained() {
        use std::time::{Duration, Instant};
        type Outcomes = Vec<Result<(), String>>;
        let note = |outcomes: &mut Outcomes, outcome| outcomes.push(outcome);
        // Each viewer's outcome, posted when it ends.
        let outcome = |jobs: &Jobs<Outcomes>| {
            let mut outcomes = Outcomes::new();
            for update in jobs.wait(Duration::from_secs(10)) {
                update(&mut outcomes);
            }
            outcomes.pop().expect("ends")
        };
        let jobs = Jobs::<Outcomes>::default();
        let missing = spawn_viewer(
            "no-such-viewer",
            std::process::Command::new("no-such-viewer-starlog"),
            true,
            &jobs,
            note,
        )
        .expect_err("not there");
        assert!(missing.contains("no program to open files"), "{missing}");
        // A viewer that takes its time: the call returns at once.
        let started = Instant::now();
        let mut slow = std::process::Command::new("sh");
        slow.args(["-c", "sleep 2"]);
        spawn_viewer("sh", slow, true, &jobs, note).expect("starts");
        assert!(started.elapsed() < Duration::from_secs(1));
        assert!(jobs.take().is_empty(), "still running");
        assert!(jobs.running(Kind::Viewer));
        let outcome_of_slow = outcome(&jobs);
        assert_eq!(outcome_of_slow, Ok(()));
        let command = std::process::Command::new("false");
        spawn_viewer("false", command, true, &jobs, note).expect("starts");
        assert!(
            outcome(&jobs).expect_err("fails").contains("exit status 1"),
            "the failure is reported"
        );
        // Explorer's exit status means nothing: it is not read as a failure.
        let command = std::process::Command::new("false");
        spawn_viewer("explorer", command, false, &jobs, note).expect("starts");
        assert_eq!(outcome(&jobs), Ok(()));
    }
}

#[cfg(all(test, unix))]
mod app_tests {
    use super::*;
    use crate::domain::coverage::{EvidenceType, coverage};
    use crate::domain::witness::WitnessState;
    use crate::store::{Mode, Workspace};
    use chrono::DateTime;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    /// An app on a workspace holding the demo's plan and reviews.
    fn app(root: &Path) -> App {
        let now = DateTime::parse_from_rfc3339("2026-11-23T09:30:00+00:00").expect("valid");
        let ws = Workspace::open(root, "learner", Mode::Write).expect("open");
        let (header, r) = crate::demo::story(now.date_naive());
        let (_, state, _) = ws.load_header().expect("header");
        ws.save_header(&header, state.as_ref()).expect("header");
        r.needs
            .iter()
            .for_each(|x| drop(ws.create(x).expect("need")));
        r.objectives
            .iter()
            .for_each(|x| drop(ws.create(x).expect("objective")));
        r.reviews
            .iter()
            .for_each(|x| drop(ws.create(x).expect("review")));
        let mut app = App::open(ws, now).expect("app");
        let loaded = app.session.ws.as_ref().expect("ws").load().expect("load");
        app.apply_loaded(loaded);
        app
    }

    fn press(app: &mut App, code: KeyCode) {
        app.handle_key(&KeyEvent::new(code, KeyModifiers::NONE));
    }

    fn typed(app: &mut App, text: &str) {
        for c in text.chars() {
            press(app, KeyCode::Char(c));
        }
    }

    /// Ctrl-S, then a pause in typing (keys straight after a form closes
    /// are not commands).
    fn save(app: &mut App) {
        app.handle_key(&KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
        app.typing_guard = None;
    }

    fn reloaded(root: &Path) -> Records {
        Workspace::open(root, "learner", Mode::ReadOnly)
            .expect("open")
            .load()
            .expect("load")
            .records
    }

    #[test]
    fn a_file_is_attached_from_a_typed_path_completed_with_tab() {
        let root = tempfile::tempdir().expect("root");
        let docs = tempfile::tempdir().expect("docs");
        let original = docs.path().join("observation 14 Oct.pdf");
        std::fs::write(&original, b"%PDF-1.4 observation").expect("write");
        std::fs::write(docs.path().join("other.txt"), b"x").expect("write");
        let mut app = app(root.path());
        press(&mut app, KeyCode::Char('E'));
        assert_eq!(app.context(), crate::tui::Context::Evidence);
        press(&mut app, KeyCode::Char('a'));
        // A path that is not there is refused at the field, form kept.
        typed(&mut app, &format!("{}/nothing.pdf", docs.path().display()));
        save(&mut app);
        assert!(
            matches!(&app.layers.form, Some(Form::Attach(f))
                if f.engine.error.as_ref().is_some_and(|e| e.field == "path"
                    && e.message.contains("is not there"))),
            "the form stays open with the reason at the path"
        );
        // Retype it with Tab completing the name.
        for _ in 0.."nothing.pdf".len() {
            press(&mut app, KeyCode::Backspace);
        }
        typed(&mut app, "obs");
        press(&mut app, KeyCode::Tab);
        let Some(Form::Attach(form)) = &app.layers.form else {
            panic!("still the attach form");
        };
        assert_eq!(
            form.engine.fields.text("path"),
            original.display().to_string(),
            "Tab completed the name and stayed in the field"
        );
        assert_eq!(form.engine.fields.focused_name(), "path");
        save(&mut app);
        assert!(app.layers.form.is_none(), "attached and closed");
        let e = app
            .model
            .records
            .evidence
            .first()
            .expect("in memory")
            .clone();
        assert_eq!(e.original_name, "observation 14 Oct.pdf");
        assert_eq!(e.title, "observation 14 Oct");
        assert_eq!(
            app.selected_evidence(),
            Some((RowKind::File, e.id.clone())),
            "the new file is selected in the view"
        );
        let copy = app
            .session
            .ws
            .as_ref()
            .and_then(|ws| ws.evidence_path(&e))
            .expect("path");
        assert_eq!(
            std::fs::read(copy).expect("copied"),
            b"%PDF-1.4 observation"
        );
        assert_eq!(
            std::fs::read(&original).expect("original"),
            b"%PDF-1.4 observation",
            "the original is only read"
        );
        assert_eq!(reloaded(root.path()).evidence.len(), 1);
    }

    #[test]
    fn the_witness_signs_in_the_app_and_a_later_edit_unsigns_it() {
        let root = tempfile::tempdir().expect("root");
        let mut app = app(root.path());
        press(&mut app, KeyCode::Char('E'));
        press(&mut app, KeyCode::Char('w'));
        typed(&mut app, "Tom Reilly");
        press(&mut app, KeyCode::Tab);
        typed(&mut app, "senior adviser");
        for _ in 0..3 {
            press(&mut app, KeyCode::Tab);
        }
        typed(&mut app, "Priya calmed an angry caller.");
        save(&mut app);
        let w = app.model.records.witnesses.first().expect("saved").clone();
        assert_eq!(w.state(&app.model.records), WitnessState::Unconfirmed);
        assert_eq!(
            app.selected_evidence(),
            Some((RowKind::Witness, w.id.clone()))
        );

        // Somebody else's name is not a signature.
        press(&mut app, KeyCode::Char('s'));
        typed(&mut app, "Priya Shah");
        save(&mut app);
        assert!(app.layers.form.is_some(), "refused: not the witness");
        for _ in 0.."Priya Shah".len() {
            press(&mut app, KeyCode::Backspace);
        }
        typed(&mut app, "tom  reilly");
        save(&mut app);
        assert!(app.layers.form.is_none());
        let on_disk = reloaded(root.path());
        assert_eq!(on_disk.witnesses[0].state(&on_disk), WitnessState::Signed);
        let crate::domain::witness::Confirmation::Signed { signed, .. } =
            &on_disk.witnesses[0].confirmation
        else {
            panic!("signed");
        };
        assert_eq!(*signed, app.now, "the moment is recorded");

        // The learner changes one word: it reads as unsigned, and says so.
        press(&mut app, KeyCode::Char('e'));
        for _ in 0..4 {
            press(&mut app, KeyCode::Tab);
        }
        typed(&mut app, " Twice.");
        save(&mut app);
        assert!(
            app.status
                .as_ref()
                .is_some_and(|s| s.text.contains("now reads as unsigned")),
            "{:?}",
            app.status
        );
        let on_disk = reloaded(root.path());
        assert_eq!(
            on_disk.witnesses[0].state(&on_disk),
            WitnessState::ChangedAfterSigning
        );
        assert!(on_disk.witnesses[0].observed.ends_with("Twice."));
    }

    #[test]
    fn a_need_signed_off_from_the_plan_evidences_criterion_1_3() {
        let root = tempfile::tempdir().expect("root");
        let mut app = app(root.path());
        app.update(Action::ShowScreen(Screen::Plan));
        let need = app.model.records.needs[0].id.clone();
        let pos = app
            .ids(Screen::Plan)
            .iter()
            .position(|x| x == &need)
            .expect("listed");
        app.select(Screen::Plan, pos);
        press(&mut app, KeyCode::Char('S'));
        assert!(matches!(app.layers.form, Some(Form::SignOff(_))));
        typed(&mut app, "Gareth Evans");
        press(&mut app, KeyCode::Tab);
        typed(&mut app, "line manager");
        save(&mut app);
        assert!(app.layers.form.is_none(), "{:?}", app.status);
        let on_disk = reloaded(root.path());
        let s = on_disk.signoffs.first().expect("saved");
        assert_eq!(s.subject, need);
        assert_eq!(s.name, "Gareth Evans");
        assert_eq!(s.signed, app.now);
        assert_eq!(s.criteria, ["1.3"], "a need's sign-off shows 1.3");
        let set = app.criteria.clone().expect("the demo's unit");
        let cov = coverage(&set, &on_disk);
        assert!(
            cov.get("1.3")
                .expect("1.3")
                .types()
                .contains(&EvidenceType::SignOff)
        );
    }

    #[test]
    fn a_file_deleted_in_the_view_goes_to_the_trash_with_its_file_and_u_brings_it_back() {
        let root = tempfile::tempdir().expect("root");
        let docs = tempfile::tempdir().expect("docs");
        let original = docs.path().join("certificate.png");
        std::fs::write(&original, b"png bytes").expect("write");
        let mut app = app(root.path());
        let about = crate::store::evidence::Attach {
            title: "HEAT certificate".into(),
            kind: None,
            date: app.today,
            description: String::new(),
            links: Vec::new(),
            criteria: Vec::new(),
        };
        let e = app
            .session
            .ws
            .as_ref()
            .expect("ws")
            .attach(&original, about, app.now)
            .expect("attached");
        app.took_in(&e);
        let copy = app
            .session
            .ws
            .as_ref()
            .and_then(|ws| ws.evidence_path(&e))
            .expect("path");
        press(&mut app, KeyCode::Char('E'));
        press(&mut app, KeyCode::Char('d'));
        assert!(app.model.records.evidence.is_empty());
        assert!(!copy.exists(), "the file went to the trash with its record");
        assert_eq!(
            app.context(),
            crate::tui::Context::Evidence,
            "still in the view"
        );
        press(&mut app, KeyCode::Char('u'));
        assert_eq!(app.model.records.evidence.len(), 1);
        assert_eq!(std::fs::read(&copy).expect("back"), b"png bytes");
        assert_eq!(
            app.screens.evidence.files.get(&e.id),
            Some(&FileStatus::Present)
        );
    }

    #[test]
    fn a_search_hit_on_a_witness_statement_opens_the_evidence_view_on_it() {
        let root = tempfile::tempdir().expect("root");
        let mut app = app(root.path());
        let mut w = crate::domain::WitnessStatement::new(Id::generate(), app.today, app.now);
        w.witness = "Marcus Adeyemi".into();
        w.observed = "Handled the escalation calmly.".into();
        app.save_record(AnyRecord::Witness(w.clone()), false)
            .expect("saved");
        app.jump_to(crate::search::Kind::Witness, &w.id);
        assert_eq!(app.context(), crate::tui::Context::Evidence);
        assert_eq!(app.selected_evidence(), Some((RowKind::Witness, w.id)));
    }
}
