//! The command line: clap definitions of the commands and common flags.

use crate::domain::kpi::Better;
use crate::domain::{EvidenceKind, FeedbackMethod, FeedbackSource, PracticeKind, Valence};
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

pub const EXIT_CODES: &str = "\
Exit status:
  0  success
  1  a check found something missing or overdue (check, review), export found customer personal data, or search found nothing
  2  bad usage or input (unknown flag, impossible date, empty text)
  3  the workspace could not be opened (held by another starlog, unreadable folder, bad workspace.ron, or --workspace named one that does not exist: add --create)
  4  a record, an export or the output could not be written (disk full, read-only folder, file changed on disk, export file exists without --force)
Unreadable record files are reported on stderr and skipped; they do not change the exit status.";

/// starlog: a STAR reflective diary, development plan, feedback inbox and review
/// timeline for customer-service learners. Offline; your words stay in files you own.
#[derive(Debug, Parser)]
#[command(name = "starlog", version, after_help = EXIT_CODES)]
pub struct Cli {
    /// Folder holding the workspaces (default: STARLOG_DIR when set and not
    /// empty, else your local data folder).
    #[arg(long, global = true, value_name = "PATH")]
    pub dir: Option<PathBuf>,

    /// Which learner's workspace to use (default: `default_workspace` in
    /// config.ron, else `default`).
    #[arg(long, global = true, value_name = "NAME", default_value = "default")]
    pub workspace: String,

    /// True when --workspace was not given (config.ron may then choose).
    #[arg(skip)]
    pub workspace_defaulted: bool,

    /// The settings file (default: STARLOG_CONFIG when set and not empty,
    /// else config.ron in your config folder; see `starlog config`).
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Create the workspace named by --workspace if it does not exist yet
    /// (the default workspace is created on first use without it).
    #[arg(long, global = true)]
    pub create: bool,

    /// Open without taking the workspace lock; nothing can be changed.
    #[arg(long, global = true)]
    pub read_only: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open straight into a new STAR entry; exit after saving (Esc on an untouched form exits too).
    Star,
    /// Add a free-text diary entry without opening the app.
    Add {
        /// The entry's text (several words are joined with spaces).
        #[arg(required = true, num_args = 1..)]
        text: Vec<String>,
        /// A tag (repeat for more): --tag complaint --tag HEAT
        #[arg(long = "tag", short = 't', value_name = "T")]
        tags: Vec<String>,
        /// The day it is about: 2026-11-22, 22/11/2026, 28 Feb 2027, yesterday, -2d (default: today).
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
    },
    /// Print diary entries, newest first: date, first line, tags.
    List {
        /// Only the newest N entries.
        #[arg(long, value_name = "N")]
        last: Option<usize>,
        /// Only entries on or after this day: 2026-11-01, 1/11/2026, 1 Nov 2026, -2w.
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// Only entries with this tag (repeat: all must match).
        #[arg(long = "tag", short = 't', value_name = "T")]
        tags: Vec<String>,
    },
    /// Print the development plan: objectives with their SMART badges, due dates,
    /// progress and activities; the needs behind them; hours by kind; the gaps
    /// in the golden thread.
    Plan,
    /// When the last review was, what has changed in the plan since, and when
    /// the next review is due. Exit status 1 when it is overdue, for a shell
    /// prompt or a login script: `starlog review >/dev/null || echo "review overdue"`.
    Review,
    /// Capture feedback from the shell (see `starlog feedback add --help`).
    Feedback {
        #[command(subcommand)]
        command: FeedbackCommand,
    },
    /// Record KPI readings from the shell (see `starlog kpi add --help`).
    Kpi {
        #[command(subcommand)]
        command: KpiCommand,
    },
    /// Portfolio-readiness report: each rule, pass or not yet, the records
    /// behind it and what would satisfy it. Exit status 1 when any rule fails.
    Check {
        /// Print JSON for tools instead of text.
        #[arg(long)]
        json: bool,
    },
    /// The criteria sets evidence can be mapped to: the built-in ones and
    /// those dropped as RON files into a `criteria` folder (in the data
    /// folder, or beside the settings file). Choose them in your profile.
    Criteria {
        #[command(subcommand)]
        command: CriteriaCommand,
    },
    /// Write the portfolio for your assessor: Markdown, or one self-contained
    /// HTML file that prints cleanly to PDF. Refuses while customer personal
    /// data (e-mail addresses, phone numbers, card numbers, postcodes) is found.
    Export {
        /// md or html.
        #[arg(long, short = 'f', value_name = "FORMAT", value_parser = crate::commands::export::parse_format)]
        format: crate::export::Format,
        /// The file to write (default: print to standard output).
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
        /// Export even though personal data was found (you checked: it is not customers').
        #[arg(long, conflicts_with = "redact")]
        allow_personal_data: bool,
        /// Replace customer details with placeholders ("[Customer A e-mail]") in the export.
        #[arg(long)]
        redact: bool,
        /// Replace FILE if it already exists (an ordinary file only).
        #[arg(long, requires = "output")]
        force: bool,
    },
    /// Copy entries from another journal into the diary; the source file is
    /// only read. Importing the same file again adds nothing.
    Import {
        #[command(subcommand)]
        source: ImportCommand,
    },
    /// Show where the settings file is and check it.
    Config {
        /// Print a commented settings file with every default, to start from:
        /// starlog config --print-default > "$(starlog config --path)"
        #[arg(long)]
        print_default: bool,
        /// Print only the settings file's path.
        #[arg(long, conflicts_with = "print_default")]
        path: bool,
    },
    /// Print a shell completion script: starlog completions bash > ~/.local/share/bash-completion/completions/starlog
    Completions {
        /// bash, zsh, fish, powershell or elvish.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): starlog man > starlog.1 && man ./starlog.1
    Man,
    /// Search every record (diary entries, needs, objectives, activities,
    /// feedback, reviews), best match first: day, type, title, and where the
    /// words were found. Filters: #tag, type:feedback, source:customer,
    /// before:2026-12-01, after:DATE, criterion:2.3, is:overdue; "quoted
    /// phrase". Exit status 1 when nothing matches.
    Search {
        /// Words, phrases and filters (several words: every one must be found).
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        /// Only this type: diary, need, objective, activity, feedback, review.
        #[arg(long = "type", short = 't', value_name = "T")]
        kind: Option<String>,
        /// Print a JSON array for tools instead of lines.
        #[arg(long)]
        json: bool,
    },
    /// Attach files (observation reports, certificates, scanned witness
    /// statements...) as evidence, and list them (see `starlog evidence add --help`).
    Evidence {
        #[command(subcommand)]
        command: EvidenceCommand,
    },
    /// Record professionalism, transferable skills, leadership styles,
    /// learning preferences, barriers, knowledge answers and changes of role,
    /// and list them (see `starlog practice add --help`).
    Practice {
        #[command(subcommand)]
        command: PracticeCommand,
    },
    /// A team leader's coaching log: record a coaching session with a
    /// coachee, and list the sessions with what is due (see `starlog coach
    /// add --help`).
    Coach {
        #[command(subcommand)]
        command: CoachCommand,
    },
    /// Keep the workspace in git: record its changes as a commit saying what
    /// changed, and with a remote pull and push (your own git command and
    /// settings). The same record changed on both sides keeps both: the other
    /// side's as a conflict copy. Asks once before its first use. Exit status
    /// 5 when the remote could not be reached (the changes are committed here).
    /// `--conflicts` lists the records with two versions, `--resolve N --keep
    /// mine|theirs|both` chooses (the version dropped goes to the trash).
    Sync {
        /// Where to sync with (kept for next time): a folder such as a USB
        /// stick or shared drive holding a bare repository, or an ssh/https git URL.
        #[arg(long, value_name = "PATH-OR-URL")]
        remote: Option<String>,
        /// Agree to what sync does without being asked (for scripts).
        #[arg(long)]
        yes: bool,
        /// List the records changed on two computers (a conflict copy, or
        /// one record in two files), numbered, both versions in words. Runs
        /// no git.
        #[arg(long, conflicts_with_all = ["remote", "yes", "resolve"])]
        conflicts: bool,
        /// Choose a version of the record numbered N by --conflicts (or
        /// named by the path of either of its files), with --keep.
        #[arg(long, value_name = "N", requires = "keep", conflicts_with_all = ["remote", "yes"])]
        resolve: Option<String>,
        /// mine: yours stays, theirs goes to the trash; theirs: theirs takes
        /// its place, yours goes to the trash; both: theirs becomes a new
        /// record of its own. `u` in the app undoes it.
        #[arg(long, value_name = "mine|theirs|both", requires = "resolve", value_parser = parse_choice)]
        keep: Option<crate::store::conflicts::Choice>,
    },
    /// The caseload for a team leader or assessor: every learner workspace
    /// under a folder (their synced or cloned workspaces), one line each:
    /// name and level, readiness with the rules not yet passed, last diary
    /// entry, next review (overdue marked), unreflected constructive or
    /// negative feedback, overdue objectives, last coaching session. Reads
    /// only: takes no learner's lock and writes nothing into their folders.
    /// The folder: --root, else `team_root` in config.ron, else the data
    /// folder (--dir, STARLOG_DIR). A workspace that cannot be read is listed
    /// with the reason.
    Team {
        /// The folder holding the learners' workspaces (searched three levels
        /// deep for folders with a workspace.ron).
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
        /// Order: name, readiness (least ready first), next-review (soonest
        /// first) or last-entry (longest silent first).
        #[arg(long, value_name = "KEY", default_value = "name", value_parser = parse_sort)]
        sort: crate::domain::caseload::SortKey,
        /// Print JSON for tools instead of the table.
        #[arg(long)]
        json: bool,
    },
    /// Create a demo workspace (named `demo` unless --workspace is given) with a
    /// realistic learner's story across every record type.
    Demo {
        /// Extra generated diary entries, for trying large journals.
        #[arg(long, value_name = "N", default_value_t = 0)]
        entries: usize,
        /// Write the demo team instead, under the data folder (--dir): a
        /// team leader's workspace `coach` with a coaching log on three
        /// coachees, and their own workspaces `priya` (ready), `tom`
        /// (behind) and `ana` (new), for `starlog team --root DIR`.
        #[arg(long, conflicts_with = "entries")]
        team: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum CriteriaCommand {
    /// Every criteria set, where it comes from; `*` marks those your profile chooses.
    List,
    /// A set's criteria, with their levels and what each asks for.
    Show {
        /// The set's id, e.g. customer-service-practitioner.
        id: String,
    },
    /// Check a criteria set file before you use it: what is wrong, at which
    /// line and column. Exit status 1 when it cannot be used.
    Check {
        /// The .ron file.
        file: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// A jrnl plain-text journal: `[YYYY-MM-DD HH:MM] title` lines, then the
    /// body; @tags anywhere become tags.
    Jrnl {
        /// The journal file (e.g. ~/.local/share/jrnl/journal.txt).
        file: PathBuf,
    },
    /// A tui-journal JSON export (or its JSON storage file).
    TuiJournal {
        /// The exported .json file.
        file: PathBuf,
    },
}

fn parse_sort(text: &str) -> Result<crate::domain::caseload::SortKey, String> {
    crate::domain::caseload::SortKey::parse(text).ok_or_else(|| {
        format!("`{text}` is not an order: use name, readiness, next-review or last-entry")
    })
}

fn parse_choice(text: &str) -> Result<crate::store::conflicts::Choice, String> {
    crate::store::conflicts::Choice::parse(text)
        .ok_or_else(|| format!("`{text}` is not a choice: use mine, theirs or both"))
}

/// Parses the process's arguments, noting whether --workspace was given.
pub fn parse() -> Cli {
    use clap::{CommandFactory, FromArgMatches};
    let matches = Cli::command().get_matches();
    let mut cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    cli.workspace_defaulted = matches!(
        matches.value_source("workspace"),
        None | Some(clap::parser::ValueSource::DefaultValue)
    );
    // An empty variable (`STARLOG_DIR=`) counts as unset, as shells mean it.
    let from_env = |name: &str| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    cli.dir = cli.dir.take().or_else(|| from_env("STARLOG_DIR"));
    cli.config = cli.config.take().or_else(|| from_env("STARLOG_CONFIG"));
    cli
}

#[derive(Debug, Subcommand)]
pub enum FeedbackCommand {
    /// Add feedback without opening the app, e.g. straight after a call:
    /// starlog feedback add --source customer --valence negative "Kept on hold too long"
    Add(FeedbackAddArgs),
}

#[derive(Debug, Args)]
pub struct FeedbackAddArgs {
    /// What they said (several words are joined with spaces).
    #[arg(required = true, num_args = 1..)]
    pub text: Vec<String>,
    /// Who it came from: customer, colleague (peer), manager (supervisor), mentor,
    /// assessor, other-department, self.
    #[arg(long, short = 's', value_name = "SOURCE", value_parser = parse_source)]
    pub source: crate::domain::FeedbackSource,
    /// positive, constructive or negative.
    #[arg(long, short = 'v', value_name = "VALENCE", value_parser = parse_valence)]
    pub valence: crate::domain::Valence,
    /// How it was gathered: survey, observation, peer-review, appraisal, complaint,
    /// compliment, mystery-shopping, conversation (default: conversation).
    #[arg(long, short = 'm', value_name = "METHOD", value_parser = parse_method)]
    pub method: Option<crate::domain::FeedbackMethod>,
    /// Their name (leave out for anonymous feedback).
    #[arg(long, value_name = "NAME")]
    pub who: Option<String>,
    /// Their role, e.g. "team leader" or "post-call survey".
    #[arg(long, value_name = "ROLE")]
    pub role: Option<String>,
    /// The day it was given: 2026-11-22, 22/11/2026, 28 Feb 2027, yesterday, -2d (default: today).
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// A tag (repeat for more): --tag billing --tag hold
    #[arg(long = "tag", short = 't', value_name = "T")]
    pub tags: Vec<String>,
    /// The development activity it is about: its title, a part of the title
    /// only it has, or the start of its id. --activity "complaints e-learning"
    #[arg(long, value_name = "ACTIVITY")]
    pub activity: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum EvidenceCommand {
    /// Copy a file into the workspace as evidence (the original is only read),
    /// with its size and SHA-256, e.g.
    /// starlog evidence add ~/Downloads/observation.pdf --kind observation --for 01M25P --criterion 2.2
    Add(EvidenceAddArgs),
    /// Print every evidence file: day, kind, title, size, and whether the
    /// file is still as attached. Exit status 1 when one is missing or changed.
    List,
}

#[derive(Debug, Args)]
pub struct EvidenceAddArgs {
    /// The file to attach (PDF, image, document, audio, spreadsheet; up to 50 MB).
    pub file: PathBuf,
    /// What it is, in your words (default: the file's name).
    #[arg(long, value_name = "T")]
    pub title: Option<String>,
    /// observation-report, witness-statement, work-product, certificate,
    /// qa-report, kpi-report, appraisal-extract, screenshot or other
    /// (default: guessed from the file's name, else other).
    #[arg(long, value_name = "K", value_parser = parse_kind)]
    pub kind: Option<crate::domain::EvidenceKind>,
    /// A record it is evidence for (its id, or the start of it; repeat for more).
    #[arg(long = "for", value_name = "RECORD-ID")]
    pub links: Vec<String>,
    /// An assessment criterion it shows, e.g. 2.2 (repeat for more).
    #[arg(long = "criterion", short = 'c', value_name = "C")]
    pub criteria: Vec<String>,
    /// The day the document is from: 2026-11-22, 22/11/2026, yesterday (default: today).
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// What it shows.
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum PracticeCommand {
    /// Add one record, e.g.
    /// starlog practice add skill "Active listening" --task "billing disputes" --outcome "repeat calls down from 9 to 4 a week"
    Add(Box<PracticeAddArgs>),
    /// Print every practice record, grouped by kind.
    List,
}

#[derive(Debug, Args)]
pub struct PracticeAddArgs {
    /// professionalism, skill, leadership, learning, barrier, knowledge or role-change.
    #[arg(value_name = "KIND", value_parser = parse_practice_kind)]
    pub kind: PracticeKind,
    /// The behaviour, skill, style, learning model, barrier, knowledge point
    /// (self-review, feedback, development, plan, customers) or new role.
    #[arg(value_name = "NAME", required = true)]
    pub name: Vec<String>,
    /// professionalism: a concrete customer example; knowledge: a workplace example.
    #[arg(long, value_name = "TEXT")]
    pub example: Option<String>,
    /// professionalism: why it mattered; leadership: why the style fits or not.
    #[arg(long, value_name = "TEXT")]
    pub why: Option<String>,
    /// skill: the customer-service task it was used in.
    #[arg(long, value_name = "TEXT")]
    pub task: Option<String>,
    /// skill: what improved because of it.
    #[arg(long, value_name = "TEXT")]
    pub outcome: Option<String>,
    /// leadership: the situation (urgency, the team's experience).
    #[arg(long, value_name = "TEXT")]
    pub scenario: Option<String>,
    /// leadership: what happened when it was used.
    #[arg(long, value_name = "TEXT")]
    pub happened: Option<String>,
    /// learning: how you prefer to learn.
    #[arg(long, value_name = "TEXT")]
    pub preference: Option<String>,
    /// learning: how that shaped the methods you chose.
    #[arg(long, value_name = "TEXT")]
    pub methods: Option<String>,
    /// barrier: how it held your development back.
    #[arg(long, value_name = "TEXT")]
    pub effect: Option<String>,
    /// barrier: what was done about it.
    #[arg(long, value_name = "TEXT")]
    pub done: Option<String>,
    /// knowledge: the point answered in your own words.
    #[arg(long, value_name = "TEXT")]
    pub answer: Option<String>,
    /// role-change: the role or duties before.
    #[arg(long, value_name = "TEXT")]
    pub from: Option<String>,
    /// role-change: what the new role means for your plan.
    #[arg(long, value_name = "TEXT")]
    pub changes: Option<String>,
    /// An assessment criterion it shows, e.g. 3 (repeat for more).
    #[arg(long = "criterion", short = 'c', value_name = "C")]
    pub criteria: Vec<String>,
    /// The day it is about: 2026-11-22, 22/11/2026, yesterday (default: today).
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum CoachCommand {
    /// Record one coaching session, e.g.
    /// starlog coach add "Sam Okafor" --focus "complaint calls" --feedback "..." --response "..." --follow-up +2w
    Add(Box<CoachAddArgs>),
    /// Print the coaching log by coachee, with follow-ups overdue and
    /// impact not yet evaluated.
    List {
        /// Print JSON instead (every field, and where each follow-up stands).
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct CoachAddArgs {
    /// Who was coached (a colleague's name).
    #[arg(value_name = "COACHEE", required = true)]
    pub coachee: Vec<String>,
    /// What the session was about, e.g. "complaint calls: taking action".
    #[arg(long, value_name = "TEXT")]
    pub focus: Option<String>,
    /// The coachee's own goal for it, in their words.
    #[arg(long, value_name = "TEXT")]
    pub goal: Option<String>,
    /// What you observed (a call listened to, a desk observed).
    #[arg(long, value_name = "TEXT")]
    pub observed: Option<String>,
    /// The day of what you observed, when it was not the session's day.
    #[arg(long, value_name = "DATE")]
    pub observed_on: Option<String>,
    /// The feedback you gave: what you saw, its effect, what to keep or change.
    #[arg(long, value_name = "TEXT")]
    pub feedback: Option<String>,
    /// What the coachee said about the feedback.
    #[arg(long, value_name = "TEXT")]
    pub response: Option<String>,
    /// The actions you agreed: who does what by when.
    #[arg(long, value_name = "TEXT")]
    pub actions: Option<String>,
    /// The coachee's learning preference and how it shaped your approach.
    #[arg(long, value_name = "TEXT")]
    pub preference: Option<String>,
    /// Barriers (time, confidence, workload, support) and what is done.
    #[arg(long, value_name = "TEXT")]
    pub barriers: Option<String>,
    /// How you adapted your support to their feedback and progress.
    #[arg(long, value_name = "TEXT")]
    pub adapted: Option<String>,
    /// When to follow up: 2026-12-10, +2w, end of month.
    #[arg(long, value_name = "DATE")]
    pub follow_up: Option<String>,
    /// The coachee's own workspace name under a shared root, if they keep one.
    #[arg(long, value_name = "NAME")]
    pub coachee_workspace: Option<String>,
    /// An assessment criterion it shows, e.g. C1 (repeat for more).
    #[arg(long = "criterion", short = 'c', value_name = "C")]
    pub criteria: Vec<String>,
    /// The day the session was held (default: today).
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum KpiCommand {
    /// Record one KPI reading, e.g. `starlog kpi add csat 86 --date 2026-11-20`
    /// or a custom metric: `starlog kpi add complaints 3 --unit "per week" --better lower`.
    Add(KpiAddArgs),
}

#[derive(Debug, Args)]
pub struct KpiAddArgs {
    /// FCR, CSAT, NPS, AHT, CES, or your own metric's name.
    pub metric: String,
    /// The value on the metric's scale: FCR and CSAT in % (85 or 85%), NPS -100..100,
    /// AHT in seconds (390, or 6:30 for minutes and seconds), CES 1-7.
    #[arg(allow_negative_numbers = true)]
    pub value: String,
    /// The day measured: 2026-11-22, 22/11/2026, 28 Feb 2027, yesterday, end of month (default: today).
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// The target at the time, written like the value.
    #[arg(long, value_name = "VALUE", allow_negative_numbers = true)]
    pub target: Option<String>,
    /// The unit, for a custom metric ("per week", "%"); `1-5` makes CSAT the survey mean.
    #[arg(long, value_name = "UNIT")]
    pub unit: Option<String>,
    /// For a custom metric: is higher or lower better?
    #[arg(long, value_name = "higher|lower", value_parser = parse_better)]
    pub better: Option<crate::domain::kpi::Better>,
    /// A note: where the figure came from, what was unusual.
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

// Value parsers: how flags' words become domain values (here, with the
// flags, so the commands that take the parsed arguments never import back).

/// Reads `--source` (for clap, so a wrong word is a usage error).
pub fn parse_source(text: &str) -> Result<FeedbackSource, String> {
    FeedbackSource::parse(text).ok_or_else(|| {
        format!(
            "`{text}` is not a source: use customer, colleague (or peer), manager (or supervisor), \
             mentor, assessor, other-department or self"
        )
    })
}

/// Reads `--valence`.
pub fn parse_valence(text: &str) -> Result<Valence, String> {
    Valence::parse(text)
        .ok_or_else(|| format!("`{text}` is not a valence: use positive, constructive or negative"))
}

/// Reads `--method`.
pub fn parse_method(text: &str) -> Result<FeedbackMethod, String> {
    FeedbackMethod::parse(text).ok_or_else(|| {
        format!(
            "`{text}` is not a method: use survey, observation, peer-review, appraisal, complaint, \
             compliment, mystery-shopping or conversation"
        )
    })
}

/// Reads `--better` (for clap, so a wrong word is a usage error).
pub fn parse_better(text: &str) -> Result<Better, String> {
    Better::parse(text).ok_or_else(|| format!("`{text}` is not a direction: use higher or lower"))
}

/// Reads `--kind` (for clap, so a wrong word is a usage error).
pub fn parse_kind(text: &str) -> Result<EvidenceKind, String> {
    EvidenceKind::parse(text).ok_or_else(|| {
        let names: Vec<String> = EvidenceKind::ALL
            .iter()
            .map(|k| k.label().to_lowercase().replace(' ', "-"))
            .collect();
        format!(
            "`{text}` is not a kind of evidence: use one of {}",
            names.join(", ")
        )
    })
}

/// Reads a practice record's KIND (for clap, so a wrong word is a usage error).
pub fn parse_practice_kind(text: &str) -> Result<PracticeKind, String> {
    PracticeKind::parse(text).ok_or_else(|| {
        let names: Vec<&str> = PracticeKind::ALL.iter().map(|k| k.key()).collect();
        format!(
            "`{text}` is not a kind of practice record: use one of {}",
            names.join(", ")
        )
    })
}
