//! The shell commands: each opens the workspace the way it needs and prints
//! plain text. Problems with individual files go to stderr; the command goes on.

pub mod check;
pub mod coach;
pub mod config;
pub mod criteria;
pub mod demo;
pub mod evidence;
pub mod export;
pub mod feedback;
pub mod import;
pub mod kpi;
pub mod out;
pub mod plan;
pub mod practice;
pub mod review;
pub mod search;
pub mod shell;
pub mod sync;
pub mod team;

use crate::cli::{
    Cli, CoachCommand, Command, CriteriaCommand, EvidenceCommand, FeedbackCommand, ImportCommand,
    KpiCommand, PracticeCommand,
};
/// Now, to the second, on the day `STARLOG_TODAY` pins (see [`crate::clock`]).
pub use crate::clock::now;
use crate::clock::today;
use crate::domain::{self, DiaryEntry, Id};
use crate::store::{self, Mode, OpenError, Problem, SaveError, Severity, Workspace};
use chrono::NaiveDate;
use std::io::Write;
use std::path::PathBuf;

/// Why a command failed, with its exit status.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Open(#[from] OpenError),
    #[error(transparent)]
    Save(#[from] SaveError),
    #[error("{0}")]
    Other(String),
    /// Something other than a record could not be written (an export, standard output).
    #[error("{0}")]
    Write(String),
}

impl Failure {
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Usage(_) => 2,
            Failure::Open(_) => 3,
            // A field too long is the learner's input, not the disk.
            Failure::Save(SaveError::TooLarge { .. }) => 2,
            Failure::Save(_) => 4,
            Failure::Other(_) => 1,
            Failure::Write(_) => 4,
        }
    }
}

/// The folder holding the workspaces: `--dir`, `STARLOG_DIR`, or the platform default.
pub fn root(cli: &Cli) -> Result<PathBuf, Failure> {
    match &cli.dir {
        Some(dir) => Ok(dir.clone()),
        None => store::default_root().ok_or_else(|| {
            Failure::Usage(
                "could not find your data folder; pass --dir PATH or set STARLOG_DIR".into(),
            )
        }),
    }
}

/// Lets go of what a command loaded without freeing it piece by piece: the
/// command ends right after, and the system takes the memory back at once,
/// where freeing 100,000 records one string at a time takes longer than
/// searching them.
pub(crate) fn leave<T>(loaded: T) {
    std::mem::forget(loaded);
}

/// Prints file problems to stderr (skipping notices unless nothing else).
pub fn report_problems(problems: &[Problem]) {
    let mut err = out::Out::stderr();
    for p in problems {
        let label = match p.severity {
            Severity::Error => "skipped",
            Severity::Warning => "warning",
            Severity::Notice => "note",
        };
        let _ = writeln!(err, "{label}: {p}");
    }
}

/// Criterion ids as given on the command line: each `--criterion` may hold
/// several, separated by commas (`-c 2.1,2.3`).
fn criteria_ids(given: &[String]) -> Vec<String> {
    given
        .iter()
        .flat_map(|c| c.split(','))
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty())
        .collect()
}

fn parse_day(text: &str) -> Result<NaiveDate, Failure> {
    domain::dates::parse_natural_day(text, today()).map_err(Failure::Usage)
}

/// Runs a parsed command line; returns the exit status on success.
pub fn run(mut cli: Cli) -> Result<u8, Failure> {
    crate::clock::pinned_day().map_err(Failure::Usage)?;
    let settings = crate::config::load(cli.config.as_deref());
    crate::config::remember_path(settings.path.clone());
    // The app shows them on its status line; the alternate screen would hide stderr.
    if !matches!(cli.command, None | Some(Command::Star)) {
        for problem in &settings.problems {
            eprintln!("starlog: {}", out::escape_controls(&problem.to_string()));
        }
    }
    // `starlog demo` makes `demo` unless told otherwise, whatever the config says.
    let demo_defaulted = cli.workspace_defaulted;
    if cli.workspace_defaulted {
        cli.workspace = settings.config.default_workspace.clone();
    }
    match &cli.command {
        Some(Command::Config {
            print_default,
            path,
        }) => return config::run(&settings, *print_default, *path),
        Some(Command::Completions { shell }) => return shell::completions(*shell),
        Some(Command::Man) => return shell::man(),
        _ => {}
    }
    let root = root(&cli)?;
    refuse_a_new_named_workspace(&cli, &root, &settings.config.default_workspace)?;
    match cli.command {
        None => run_app(&root, &cli.workspace, cli.read_only, false, &settings),
        Some(Command::Star) => run_app(&root, &cli.workspace, cli.read_only, true, &settings),
        Some(Command::Import { source }) => match source {
            ImportCommand::Jrnl { file } => {
                import::run(&root, &cli.workspace, crate::import::Source::Jrnl, &file)
            }
            ImportCommand::TuiJournal { file } => import::run(
                &root,
                &cli.workspace,
                crate::import::Source::TuiJournal,
                &file,
            ),
        },
        Some(Command::Config { .. } | Command::Completions { .. } | Command::Man) => Ok(0),
        Some(Command::Add { text, tags, date }) => {
            let ws = Workspace::open(&root, &cli.workspace, Mode::Capture)?;
            let date = match date {
                Some(d) => parse_day(&d)?,
                None => today(),
            };
            let entry = add_entry(&ws, &text.join(" "), &tags, date)?;
            let mut out = out::Out::stdout();
            let _ = writeln!(
                out,
                "Added {} entry {} to {}",
                entry.date,
                entry.id.short(),
                ws.dir().display()
            );
            out.finish()?;
            warn_personal_data(&entry, "entry");
            Ok(0)
        }
        Some(Command::List { last, since, tags }) => {
            let ws = Workspace::open(&root, &cli.workspace, Mode::ReadOnly)?;
            let since = since.as_deref().map(parse_day).transpose()?;
            let filtered = since.is_some() || !tags.is_empty();
            let (entries, problems) = match last {
                Some(n) if !filtered => ws.newest_diary(n),
                _ => ws.load_diary(),
            };
            report_problems(&problems);
            let mut out = out::Out::stdout();
            let matches = entries
                .iter()
                .filter(|e| since.is_none_or(|s| e.date >= s))
                .filter(|e| {
                    tags.iter().all(|t| {
                        e.tags
                            .iter()
                            .any(|et| et.eq_ignore_ascii_case(t.trim_start_matches('#')))
                    })
                })
                .take(last.unwrap_or(usize::MAX));
            for entry in matches {
                if writeln!(out, "{}", list_line(entry)).is_err() {
                    break; // stdout closed (e.g. `| head`) or failed: stop
                }
            }
            out.finish()?;
            Ok(0)
        }
        Some(Command::Review) => review::run(&root, &cli.workspace),
        Some(Command::Plan) => plan::run(&root, &cli.workspace),
        Some(Command::Feedback {
            command: FeedbackCommand::Add(args),
        }) => feedback::run_add(&root, &cli.workspace, cli.read_only, args),
        Some(Command::Kpi {
            command: KpiCommand::Add(args),
        }) => kpi::run_add(&root, &cli.workspace, cli.read_only, args),
        Some(Command::Evidence {
            command: EvidenceCommand::Add(args),
        }) => evidence::run_add(&root, &cli.workspace, cli.read_only, args),
        Some(Command::Evidence {
            command: EvidenceCommand::List,
        }) => evidence::run_list(&root, &cli.workspace),
        Some(Command::Practice {
            command: PracticeCommand::Add(args),
        }) => practice::run_add(&root, &cli.workspace, cli.read_only, *args),
        Some(Command::Practice {
            command: PracticeCommand::List,
        }) => practice::run_list(&root, &cli.workspace),
        Some(Command::Coach {
            command: CoachCommand::Add(args),
        }) => coach::run_add(&root, &cli.workspace, cli.read_only, *args),
        Some(Command::Coach {
            command: CoachCommand::List { json },
        }) => coach::run_list(&root, &cli.workspace, json),
        Some(Command::Check { json }) => check::run(&root, &cli.workspace, json),
        Some(Command::Criteria { command }) => match command {
            CriteriaCommand::List => criteria::list(&root, &cli.workspace),
            CriteriaCommand::Show { id } => criteria::show(&root, &id),
            CriteriaCommand::Check { file } => criteria::check(&file),
        },
        Some(Command::Search { query, kind, json }) => {
            search::run(&root, &cli.workspace, &query, kind.as_deref(), json)
        }
        Some(Command::Export {
            format,
            output,
            allow_personal_data,
            redact,
            force,
        }) => export::run(
            &root,
            &cli.workspace,
            format,
            output.as_deref().map(|o| (o, force)),
            allow_personal_data,
            redact,
        ),
        Some(Command::Team {
            root: given,
            sort,
            json,
        }) => {
            let root = crate::caseload::root(
                given.as_deref(),
                settings.config.team_root.as_deref(),
                &root,
            );
            team::run(&root, sort, json, &settings)
        }
        Some(Command::Sync {
            conflicts: true, ..
        }) => sync::list_conflicts(&root, &cli.workspace, &settings.config.days()),
        Some(Command::Sync {
            resolve: Some(which),
            keep: Some(choice),
            ..
        }) => sync::resolve(
            &root,
            &cli.workspace,
            &which,
            choice,
            &settings.config.days(),
        ),
        Some(Command::Sync { remote, yes, .. }) => {
            sync::run(&root, &cli.workspace, remote.as_deref(), yes)
        }
        Some(Command::Demo { team: true, .. }) => {
            let written = crate::demo::write_team(&root, now()).map_err(|e| match e {
                crate::demo::TeamError::Open(e) => Failure::Open(e),
                crate::demo::TeamError::Save(e) => Failure::Save(e),
                e @ crate::demo::TeamError::NotEmpty(_) => Failure::Usage(e.to_string()),
            })?;
            let mut out = out::Out::stdout();
            let _ = writeln!(out, "Created the demo team in {}:", root.display());
            for (name, person) in &written {
                let _ = writeln!(out, "  {name:<6} {person}");
            }
            let _ = writeln!(
                out,
                "The coach's log: starlog --dir {} --workspace coach (then C). Each is a normal workspace; `starlog team --root {}` reads them all.",
                root.display(),
                root.display()
            );
            out.finish()?;
            Ok(0)
        }
        Some(Command::Demo { entries, .. }) => {
            let name = if demo_defaulted {
                "demo".to_string()
            } else {
                cli.workspace.clone()
            };
            let ws = Workspace::open(&root, &name, Mode::Write)?;
            let (_, header_state, _) = ws.load_header()?;
            if !ws.has_no_records() {
                return Err(Failure::Usage(format!(
                    "{} already holds records; remove that folder first, or pick another name with --workspace",
                    ws.dir().display()
                )));
            }
            let counts = crate::demo::write_demo(&ws, header_state.as_ref(), entries, now())?;
            let mut out = out::Out::stdout();
            let _ = writeln!(
                out,
                "Created the demo workspace in {} ({counts}).\nOpen it with: starlog --workspace {name}",
                ws.dir().display()
            );
            out.finish()?;
            Ok(0)
        }
    }
}

/// A command that writes creates the default workspace (`default`, or the
/// one config.ron names) on first use, as a new learner expects; a workspace named with --workspace that is not
/// there is most likely a typo, so it is created only with --create (or
/// when the learner says yes, for the app).
fn refuse_a_new_named_workspace(
    cli: &Cli,
    root: &std::path::Path,
    default_name: &str,
) -> Result<(), Failure> {
    let writes = matches!(
        cli.command,
        None | Some(
            Command::Star
                | Command::Add { .. }
                | Command::Feedback { .. }
                | Command::Kpi { .. }
                | Command::Practice {
                    command: PracticeCommand::Add(_)
                }
                | Command::Coach {
                    command: CoachCommand::Add(_)
                }
                | Command::Import { .. }
                | Command::Sync { .. }
        )
    );
    if !writes
        || cli.workspace_defaulted
        || cli.workspace == "default"
        || cli.workspace == default_name
        || cli.create
        || cli.read_only
        || store::workspace_exists(root, &cli.workspace)
    {
        return Ok(());
    }
    store::check_workspace_name(&cli.workspace)
        .map_err(|m| Failure::Open(OpenError::BadName(m)))?;
    let missing = OpenError::NotFound {
        name: cli.workspace.clone(),
        root: root.to_path_buf(),
        others: store::workspace_names(root),
        can_create: true,
    };
    use std::io::IsTerminal;
    let app = matches!(cli.command, None | Some(Command::Star));
    if app && std::io::stdin().is_terminal() && std::io::stderr().is_terminal() {
        eprint!(
            "starlog: there is no workspace `{}` in {} yet. Start it? [y/N] ",
            out::escape_controls(&cli.workspace),
            root.display()
        );
        let mut answer = String::new();
        let _ = std::io::stdin().read_line(&mut answer);
        if answer.trim().eq_ignore_ascii_case("y") {
            return Ok(());
        }
    }
    Err(missing.into())
}

/// Opens the workspace for the app: with the lock, or read-only when asked
/// or when another starlog holds it and the learner agrees.
fn open_for_app(
    root: &std::path::Path,
    name: &str,
    read_only: bool,
    quick: bool,
) -> Result<(Workspace, Option<String>), Failure> {
    if read_only {
        return Ok((
            Workspace::open(root, name, Mode::ReadOnly)?,
            Some("opened with --read-only".into()),
        ));
    }
    match Workspace::open(root, name, Mode::Write) {
        Ok(ws) => Ok((ws, None)),
        Err(OpenError::Lock(store::LockError::Held(holder))) => {
            if quick {
                // A new entry only creates a new file: safe beside the open app.
                return Ok((Workspace::open(root, name, Mode::Capture)?, None));
            }
            use std::io::IsTerminal;
            let message = format!("this workspace is open in {holder}");
            if !std::io::stdin().is_terminal() {
                return Err(Failure::Open(OpenError::Lock(store::LockError::Held(
                    holder,
                ))));
            }
            eprint!("starlog: {message}.\nOpen it read-only? [y/N] ");
            let mut answer = String::new();
            let _ = std::io::stdin().read_line(&mut answer);
            if answer.trim().eq_ignore_ascii_case("y") {
                Ok((Workspace::open(root, name, Mode::ReadOnly)?, Some(message)))
            } else {
                Err(Failure::Open(OpenError::Lock(store::LockError::Held(
                    holder,
                ))))
            }
        }
        Err(e) => Err(e.into()),
    }
}

fn run_app(
    root: &std::path::Path,
    name: &str,
    read_only: bool,
    quick: bool,
    settings: &crate::config::LoadedConfig,
) -> Result<u8, Failure> {
    let (ws, reason) = open_for_app(root, name, read_only, quick)?;
    if quick && reason.is_some() {
        return Err(Failure::Usage(
            "`starlog star` needs to write: drop --read-only".into(),
        ));
    }
    // Every record is read in the background from the start, while the
    // app reads the first page and draws it.
    let preload = crate::tui::run::preload(&ws);
    let mut app = crate::tui::App::open(ws, now())?;
    if let Some(preload) = preload {
        app.take_over(preload);
    }
    app.apply_config(settings);
    if let Some(reason) = reason {
        app.session.read_only_reason = Some(reason);
    }
    if quick {
        app.quick_capture = true;
        if app.layers.confirm.is_none() {
            app.new_entry();
        }
    }
    let exit = crate::tui::run::run_terminal(&mut app).map_err(|e| terminal_failed(&e))?;
    if let Some(what) = &app.kept_draft {
        eprintln!("{}", crate::tui::kept_draft_line(what));
    }
    Ok(match exit {
        crate::tui::Exit::Done => 0,
        crate::tui::Exit::Interrupted => 130,
    })
}

/// The screens could not take over the terminal, said in the learner's
/// words (not the system's number): most often there is none, as when
/// starlog's input or output is a file or a pipe.
pub(crate) fn terminal_failed(e: &std::io::Error) -> Failure {
    use std::io::IsTerminal;
    let why = if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        "its input or output is not one (a file or a pipe?)".to_string()
    } else {
        format!("this one could not be set up ({})", store::io_reason(e))
    };
    Failure::Other(format!(
        "the app needs a terminal window, but {why}. Run starlog in a terminal, or use its commands from a script (`starlog --help` lists them)"
    ))
}

/// One line of `starlog list`: date, first line, tags.
pub fn list_line(entry: &DiaryEntry) -> String {
    let mut line = format!("{}  {}", entry.date, entry.headline());
    for tag in &entry.tags {
        line.push_str("  #");
        line.push_str(tag);
    }
    line
}

/// Warns on standard error about anything in a record just saved that looks
/// like a customer's personal data, field by field, so the learner can take
/// it out while they remember. The record is kept as typed; the exit code
/// does not change.
pub fn warn_personal_data<T: serde::Serialize>(record: &T, what: &str) {
    let warnings = domain::privacy::capture_warnings(record);
    if warnings.is_empty() {
        return;
    }
    let mut err = out::Out::stderr();
    for w in &warnings {
        let _ = writeln!(err, "warning: {w}");
    }
    let _ = writeln!(
        err,
        "The {what} was saved as typed: open it in the app (starlog) to take the details out."
    );
}

/// As [`warn_personal_data`], for a record whose parts carry their own
/// labels (a practice record's "example", a coaching session's
/// "observed"): warns per labelled text, then says how to take the details
/// out (`then`), and only when something was found.
pub fn warn_personal_data_in<'a>(
    texts: impl IntoIterator<Item = (&'a str, &'a str)>,
    then: impl FnOnce() -> String,
) {
    let mut err = out::Out::stderr();
    let mut any = false;
    for (label, text) in texts {
        if let Some(note) = domain::privacy::capture_note(text) {
            let _ = writeln!(err, "warning: {}: {note}", label.to_lowercase());
            any = true;
        }
    }
    if any {
        let _ = writeln!(err, "{}", then());
    }
}

/// Creates a free-text diary entry (used by `starlog add`).
pub fn add_entry(
    ws: &Workspace,
    text: &str,
    tags: &[String],
    date: NaiveDate,
) -> Result<DiaryEntry, Failure> {
    if text.trim().is_empty() {
        return Err(Failure::Usage(
            "the entry is empty: nothing was added".into(),
        ));
    }
    let now = now();
    let mut entry = DiaryEntry::new(Id::generate(), date, now);
    entry.text = text.to_string();
    entry.tags = domain::clean_tags(tags);
    ws.create(&entry)?;
    Ok(entry)
}
