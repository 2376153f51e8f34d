//! The Team screen (`starlog team` in a terminal): the caseload, one line
//! per learner workspace under a root, read in the background with its
//! progress shown; `s` sorts (name, readiness, next review, last entry),
//! `f` filters by typed words, `Enter` opens the learner read-only in the
//! ordinary app and quitting that app comes back here, `r` reads again.
//!
//! The screen is not a tab of a learner's app: it has its own small state,
//! update and loop, and hands the terminal to the app (`tui::run`) while a
//! learner is open. Nothing here writes into a learner's workspace: the
//! caseload reads them read-only, and the app is opened read-only.

pub mod view;

use crate::caseload::Root;
use crate::config::{Config, LoadedConfig};
use crate::domain::caseload::{self, Filter, Member, MemberState, SortKey};
use crate::store::team::TeamProgress;
use crate::tui::keymap::{Context, Keymap};
use crate::tui::{Action, App, Theme};
use chrono::NaiveDate;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::Duration;

/// A read of the caseload running in the background.
#[derive(Debug)]
pub struct Reading {
    pub progress: Arc<TeamProgress>,
    done: Receiver<Result<Vec<Member>, String>>,
}

/// The Team screen's state.
#[derive(Debug)]
pub struct Team {
    pub root: Root,
    pub today: NaiveDate,
    /// Every learner, in the order of `sort`.
    pub members: Vec<Member>,
    pub sort: SortKey,
    /// The filter as typed.
    pub filter: String,
    /// The filter line has the keyboard.
    pub typing: bool,
    /// The help (keys and what each column means) is open over the list.
    pub help: bool,
    /// Indexes into `members` the filter keeps, in order.
    pub visible: Vec<usize>,
    /// Index into `visible`.
    pub selected: usize,
    /// The caseload has been read at least once.
    pub read_once: bool,
    pub reading: Option<Reading>,
    /// A message for the status line (an error, or what just happened).
    pub message: Option<String>,
    pub keymap: Keymap,
    pub theme: Theme,
    pub config: Config,
}

/// What a key asks of the loop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Stay,
    Quit,
    /// Open this learner's workspace folder read-only in the app.
    Open(PathBuf),
}

impl Team {
    pub fn new(root: Root, today: NaiveDate, config: &Config) -> Team {
        let (keymap, _) = Keymap::with_overrides(&config.keys);
        Team {
            root,
            today,
            members: Vec::new(),
            sort: SortKey::default(),
            filter: String::new(),
            typing: false,
            help: false,
            visible: Vec::new(),
            selected: 0,
            read_once: false,
            reading: None,
            message: None,
            keymap,
            theme: Theme::of(config.effective_theme()),
            config: config.clone(),
        }
    }

    /// Starts reading the caseload in the background (again, with `r`).
    pub fn start_reading(&mut self) {
        if self.reading.is_some() {
            return;
        }
        let progress = Arc::new(TeamProgress::default());
        let (tx, done) = std::sync::mpsc::channel();
        let root = self.root.path.clone();
        let today = self.today;
        let counting = Arc::clone(&progress);
        let spawned = std::thread::Builder::new()
            .name("starlog-team".into())
            .spawn(move || {
                let read =
                    crate::caseload::read(&root, today, &counting).map_err(|e| e.to_string());
                let _ = tx.send(read);
            });
        match spawned {
            Ok(_) => self.reading = Some(Reading { progress, done }),
            Err(e) => self.message = Some(format!("Could not start reading: {e}")),
        }
    }

    /// Takes in a finished read; true when something changed.
    pub fn poll(&mut self) -> bool {
        let Some(reading) = &self.reading else {
            return false;
        };
        match reading.done.try_recv() {
            Ok(Ok(members)) => {
                self.reading = None;
                self.take(members);
                true
            }
            Ok(Err(why)) => {
                self.reading = None;
                self.read_once = true;
                self.message = Some(format!(
                    "Could not read {}: {why}",
                    self.root.path.display()
                ));
                true
            }
            Err(TryRecvError::Empty) => false,
            Err(TryRecvError::Disconnected) => {
                self.reading = None;
                self.message =
                    Some("The read stopped before it finished (a fault in starlog)".into());
                true
            }
        }
    }

    /// Shows a read's lines, keeping the selected learner selected.
    pub fn take(&mut self, members: Vec<Member>) {
        let was = self.selected_member().map(|m| m.folder.clone());
        self.members = members;
        self.read_once = true;
        caseload::sort(&mut self.members, self.sort);
        self.refilter(was.as_deref());
    }

    pub fn selected_member(&self) -> Option<&Member> {
        self.visible
            .get(self.selected)
            .and_then(|&i| self.members.get(i))
    }

    /// Works out which lines the filter keeps, and selects `keep` if it is
    /// still there (else the first line).
    fn refilter(&mut self, keep: Option<&str>) {
        let filter = Filter::parse(&self.filter);
        self.visible = caseload::visible(&self.members, &filter, self.today);
        self.selected = keep
            .and_then(|folder| {
                self.visible
                    .iter()
                    .position(|&i| self.members[i].folder == folder)
            })
            .unwrap_or(0);
    }

    fn resort(&mut self, key: SortKey) {
        let was = self.selected_member().map(|m| m.folder.clone());
        self.sort = key;
        caseload::sort(&mut self.members, key);
        self.refilter(was.as_deref());
    }

    /// Workspaces read so far and found, and records read, for the progress line.
    pub fn progress(&self) -> Option<(usize, usize, usize)> {
        self.reading.as_ref().map(|r| {
            (
                r.progress.read.load(Ordering::Relaxed),
                r.progress.workspaces.load(Ordering::Relaxed),
                r.progress.records.load(Ordering::Relaxed),
            )
        })
    }

    /// Handles one key.
    pub fn key(&mut self, key: KeyEvent) -> Outcome {
        if key.kind == KeyEventKind::Release {
            return Outcome::Stay;
        }
        if self.typing {
            return self.type_filter(key);
        }
        if self.help {
            // Esc, ? or q close the help; nothing else reaches the list.
            if matches!(
                key.code,
                KeyCode::Esc | KeyCode::Char('?') | KeyCode::Char('q')
            ) {
                self.help = false;
            }
            return Outcome::Stay;
        }
        self.message = None;
        // Esc clears a filter first; with none, it is not bound here.
        if key.code == KeyCode::Esc && !self.filter.is_empty() {
            let was = self.selected_member().map(|m| m.folder.clone());
            self.filter.clear();
            self.refilter(was.as_deref());
            return Outcome::Stay;
        }
        let Some(action) = self.keymap.resolve(Context::Team, &key) else {
            return Outcome::Stay;
        };
        self.update(action)
    }

    /// Carries out one action of the Team screen's key table.
    pub fn update(&mut self, action: Action) -> Outcome {
        let last = self.visible.len().saturating_sub(1);
        match action {
            Action::Quit => return Outcome::Quit,
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Top => self.selected = 0,
            Action::Bottom => self.selected = last,
            Action::PageDown => self.selected = (self.selected + 10).min(last),
            Action::PageUp => self.selected = self.selected.saturating_sub(10),
            Action::Sort => self.resort(self.sort.next()),
            Action::Filter => self.typing = true,
            Action::Help => self.help = true,
            Action::Refresh => {
                self.start_reading();
                self.message = Some("Reading every workspace again".into());
            }
            Action::Open => return self.open_selected(),
            _ => {}
        }
        Outcome::Stay
    }

    fn open_selected(&mut self) -> Outcome {
        let Some(member) = self.selected_member() else {
            return Outcome::Stay;
        };
        match &member.state {
            MemberState::Problem(why) => {
                self.message = Some(format!("{} cannot be opened: {why}", member.folder));
                Outcome::Stay
            }
            MemberState::Read { .. } => {
                // The root itself may be the one workspace.
                let root = &self.root.path;
                if root.join(crate::store::HEADER_FILE).is_file() {
                    Outcome::Open(root.clone())
                } else {
                    Outcome::Open(root.join(&member.folder))
                }
            }
        }
    }

    /// A key while the filter line has the keyboard: the filter follows
    /// every key; Enter keeps it, Esc clears it.
    fn type_filter(&mut self, key: KeyEvent) -> Outcome {
        let was = self.selected_member().map(|m| m.folder.clone());
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Char('c') if ctrl => return Outcome::Quit,
            KeyCode::Char('u') if ctrl => self.filter.clear(),
            KeyCode::Char(c) if !ctrl => self.filter.push(c),
            KeyCode::Backspace => {
                self.filter.pop();
            }
            KeyCode::Enter => self.typing = false,
            KeyCode::Esc => {
                self.filter.clear();
                self.typing = false;
            }
            KeyCode::Down => {
                self.selected = (self.selected + 1).min(self.visible.len().saturating_sub(1))
            }
            KeyCode::Up => self.selected = self.selected.saturating_sub(1),
            _ => return Outcome::Stay,
        }
        if !matches!(key.code, KeyCode::Down | KeyCode::Up) {
            self.refilter(was.as_deref());
        }
        Outcome::Stay
    }
}

/// Runs the Team screen in the terminal until it is quit; `Enter` on a
/// learner runs the ordinary app on their workspace, read-only, and its
/// `q` comes back here.
pub fn run_terminal(team: &mut Team, settings: &LoadedConfig) -> std::io::Result<()> {
    // SIGTERM, SIGHUP and SIGINT put the terminal back (no draft to keep here).
    crate::tui::run::spawn_signal_thread(Arc::new(std::sync::Mutex::new(None)))?;
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        crate::tui::run::restore_terminal();
        hook(info);
    }));
    team.start_reading();
    loop {
        let mut terminal = ratatui::try_init()?;
        let outcome = team_loop(&mut terminal, team);
        crate::tui::run::restore_terminal();
        match outcome? {
            Outcome::Quit => return Ok(()),
            Outcome::Stay => {}
            Outcome::Open(dir) => {
                team.message = Some(match open_learner(&dir, settings) {
                    Ok(name) => format!("Back from {name} (nothing was changed there)"),
                    Err(why) => why,
                });
            }
        }
    }
}

fn team_loop(terminal: &mut ratatui::DefaultTerminal, team: &mut Team) -> std::io::Result<Outcome> {
    loop {
        team.poll();
        terminal.draw(|frame| view::draw(team, frame))?;
        // While reading, wake to show the progress; else wait for a key.
        let wait = if team.reading.is_some() {
            Duration::from_millis(100)
        } else {
            Duration::from_secs(3600)
        };
        if !event::poll(wait)? {
            continue;
        }
        if let Event::Key(key) = event::read()? {
            match team.key(key) {
                Outcome::Stay => {}
                other => return Ok(other),
            }
        }
    }
}

/// Runs the app on the workspace at `dir`, read-only, until it is quit.
/// Returns the learner's name, or why it could not be opened.
fn open_learner(dir: &std::path::Path, settings: &LoadedConfig) -> Result<String, String> {
    let (Some(parent), Some(name)) = (dir.parent(), dir.file_name().and_then(|n| n.to_str()))
    else {
        return Err(format!("{} cannot be opened", dir.display()));
    };
    let ws = crate::store::Workspace::open(parent, name, crate::store::Mode::ReadOnly)
        .map_err(|e| format!("Could not open {name}: {e}"))?;
    let mut app =
        App::open(ws, crate::clock::now()).map_err(|e| format!("Could not open {name}: {e}"))?;
    app.apply_config(settings);
    app.session.read_only_reason = Some("opened read-only from the Team screen".into());
    app.set_status("Read-only, from the Team screen: q goes back to it");
    let who = if app.model.header.profile.name.trim().is_empty() {
        name.to_string()
    } else {
        app.model.header.profile.name.trim().to_string()
    };
    crate::tui::run::run_terminal(&mut app)
        .map_err(|e| format!("The terminal failed: {}", crate::store::io_reason(&e)))?;
    Ok(who)
}

#[cfg(test)]
mod tests;
