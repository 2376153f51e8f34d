//! The learner's preferences: `config.ron` in the platform config folder.
//!
//! Reading the file is the only I/O here; everything else is a pure function
//! of its text, so every option is unit-tested. A preference can never stop
//! the app: a file that cannot be read gives a message naming the line and
//! the defaults are used; one bad value gives a message and only that option
//! falls back to its default. The file is never written by starlog (the
//! learner owns it); `starlog config --print-default` prints a starting point.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The config file's name inside the config folder.
pub const FILE_NAME: &str = "config.ron";

/// Colours of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    /// Colours chosen for a dark terminal background.
    #[default]
    Dark,
    /// Colours chosen for a light terminal background.
    Light,
    /// No colour at all: bold, dim and reversed text only (`NO_COLOR` picks it).
    Monochrome,
}

impl ThemeName {
    pub const ALL: [ThemeName; 3] = [ThemeName::Dark, ThemeName::Light, ThemeName::Monochrome];

    pub fn name(self) -> &'static str {
        match self {
            ThemeName::Dark => "dark",
            ThemeName::Light => "light",
            ThemeName::Monochrome => "monochrome",
        }
    }

    fn parse(text: &str) -> Option<ThemeName> {
        ThemeName::ALL
            .into_iter()
            .find(|t| t.name().eq_ignore_ascii_case(text.trim()))
    }
}

/// The first day of the week in calendars.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WeekStart {
    #[default]
    Monday,
    Sunday,
}

impl WeekStart {
    pub fn name(self) -> &'static str {
        match self {
            WeekStart::Monday => "monday",
            WeekStart::Sunday => "sunday",
        }
    }

    pub fn weekday(self) -> chrono::Weekday {
        match self {
            WeekStart::Monday => chrono::Weekday::Mon,
            WeekStart::Sunday => chrono::Weekday::Sun,
        }
    }

    fn parse(text: &str) -> Option<WeekStart> {
        [WeekStart::Monday, WeekStart::Sunday]
            .into_iter()
            .find(|w| w.name().eq_ignore_ascii_case(text.trim()))
    }
}

/// Every preference, with its default when the file does not set it.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub theme: ThemeName,
    /// Action name -> the keys that trigger it, patched over the default table.
    pub keys: BTreeMap<String, Vec<String>>,
    /// A chrono `strftime` pattern for days shown in lists and previews.
    pub date_format: String,
    pub week_start: WeekStart,
    /// Longest gap between reviews, for workspaces that have not set their own.
    pub review_interval_days: u32,
    /// How long after the last keystroke an unsaved form is kept as a draft.
    pub draft_autosave: std::time::Duration,
    /// The workspace opened when `--workspace` is not given.
    pub default_workspace: String,
    /// The folder `starlog team` reads learners' workspaces from when
    /// `--root` is not given (`None`: the data folder, as `--dir` says).
    pub team_root: Option<PathBuf>,
}

pub const DEFAULT_DATE_FORMAT: &str = crate::domain::dates::SCREEN_DAY_FORMAT;
pub const DEFAULT_REVIEW_INTERVAL_DAYS: u32 = 90;
pub const DEFAULT_DRAFT_AUTOSAVE_SECONDS: f64 = 2.0;
pub const DEFAULT_WORKSPACE: &str = "default";
/// Bounds of the review interval, in days.
pub const REVIEW_INTERVAL_RANGE: std::ops::RangeInclusive<u32> = 7..=730;
/// Bounds of the draft delay, in seconds.
pub const DRAFT_AUTOSAVE_RANGE: std::ops::RangeInclusive<f64> = 0.2..=600.0;

impl Default for Config {
    fn default() -> Self {
        Config {
            theme: ThemeName::default(),
            keys: BTreeMap::new(),
            date_format: DEFAULT_DATE_FORMAT.to_string(),
            week_start: WeekStart::default(),
            review_interval_days: DEFAULT_REVIEW_INTERVAL_DAYS,
            draft_autosave: std::time::Duration::from_secs_f64(DEFAULT_DRAFT_AUTOSAVE_SECONDS),
            default_workspace: DEFAULT_WORKSPACE.to_string(),
            team_root: None,
        }
    }
}

impl Config {
    /// The theme in force: `NO_COLOR` (set and not empty) always means monochrome.
    pub fn theme_with_env(&self, no_color: Option<&std::ffi::OsStr>) -> ThemeName {
        if no_color.is_some_and(|v| !v.is_empty()) {
            ThemeName::Monochrome
        } else {
            self.theme
        }
    }

    /// The theme in force in this process.
    pub fn effective_theme(&self) -> ThemeName {
        self.theme_with_env(std::env::var_os("NO_COLOR").as_deref())
    }

    /// A day in the learner's chosen format.
    pub fn format_day(&self, day: chrono::NaiveDate) -> String {
        self.days().day(day)
    }

    /// How days are shown on every screen (the view keeps one in `Styles`).
    pub fn days(&self) -> Days {
        Days::new(&self.date_format)
    }
}

/// The one way days are shown (it lives with the domain so exports use it too).
pub use crate::domain::dates::Days;

/// The file as written: every field optional, values checked one by one.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RawConfig {
    theme: Option<String>,
    keys: Option<BTreeMap<String, Vec<String>>>,
    date_format: Option<String>,
    week_start: Option<String>,
    review_interval_days: Option<u32>,
    draft_autosave_seconds: Option<f64>,
    default_workspace: Option<String>,
    team_root: Option<String>,
}

/// The outcome of reading a config file.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedConfig {
    pub config: Config,
    /// Where it was read from (`None`: no config folder on this system).
    pub path: Option<PathBuf>,
    /// One message per problem, each naming the file and line.
    pub problems: Vec<String>,
}

/// Where the config file lives: the platform config folder
/// (`~/.config/starlog/config.ron` on Linux, `~/Library/Application
/// Support/starlog/config.ron` on macOS, `%APPDATA%\starlog\config\config.ron`
/// on Windows).
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "starlog").map(|d| d.config_dir().join(FILE_NAME))
}

/// The settings file in use, noted once at start-up so the `criteria`
/// folder beside it is found by every command and by the app.
static IN_USE: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();

/// Notes where the settings file in use is (once, at start-up).
pub fn remember_path(path: Option<PathBuf>) {
    let _ = IN_USE.set(path);
}

/// The folders searched for criteria set files for data root `root`:
/// `<root>/criteria`, then `criteria` beside the settings file in use.
pub fn criteria_folders(root: &Path) -> Vec<PathBuf> {
    starlog_store::criteria::folders(root, IN_USE.get().and_then(|p| p.as_deref()))
}

/// Reads the config at `path`, or the default path; a missing file means defaults.
pub fn load(path: Option<&Path>) -> LoadedConfig {
    let path = path.map(Path::to_path_buf).or_else(default_path);
    let Some(path) = path else {
        return LoadedConfig {
            config: Config::default(),
            path: None,
            problems: Vec::new(),
        };
    };
    let (config, problems) = match std::fs::read(&path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => parse(&text, &path.display().to_string()),
            Err(_) => (
                Config::default(),
                vec![format!(
                    "{}: not UTF-8 text; using the default settings",
                    path.display()
                )],
            ),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Config::default(), Vec::new()),
        Err(e) => (
            Config::default(),
            vec![format!(
                "{}: could not be read ({}); using the default settings",
                path.display(),
                crate::store::io_reason(&e)
            )],
        ),
    };
    LoadedConfig {
        config,
        path: Some(path),
        problems,
    }
}

/// Reads a config from its text. `name` (the path) starts each message.
/// Pure: the tests drive every option through here.
pub fn parse(text: &str, name: &str) -> (Config, Vec<String>) {
    let mut problems = Vec::new();
    let mut config = Config::default();
    if text.trim().is_empty() {
        return (config, problems);
    }
    let mut unknown = Vec::new();
    let raw = match read_raw(text, &mut unknown) {
        Ok(raw) => raw,
        Err(e) => {
            problems.push(format!(
                "{name} line {}, column {}: {}; using the default settings",
                e.span.start.line,
                e.span.start.col,
                explain(&e.code.to_string())
            ));
            return (config, problems);
        }
    };
    for field in unknown {
        let top = field.split('.').next().unwrap_or(&field);
        problems.push(format!(
            "{name}{}: `{field}` is not a setting starlog knows; it was ignored (see `starlog config --print-default`)",
            at_line(text, top)
        ));
    }
    if let Some(theme) = raw.theme {
        match ThemeName::parse(&theme) {
            Some(t) => config.theme = t,
            None => problems.push(format!(
                "{name}{}: theme `{theme}` is not one of dark, light, monochrome; using dark",
                at_line(text, "theme")
            )),
        }
    }
    if let Some(keys) = raw.keys {
        config.keys = keys;
    }
    if let Some(format) = raw.date_format {
        match check_date_format(&format) {
            Ok(()) => config.date_format = format,
            Err(why) => problems.push(format!(
                "{name}{}: date_format `{format}` {why}; using \"{DEFAULT_DATE_FORMAT}\"",
                at_line(text, "date_format")
            )),
        }
    }
    if let Some(week) = raw.week_start {
        match WeekStart::parse(&week) {
            Some(w) => config.week_start = w,
            None => problems.push(format!(
                "{name}{}: week_start `{week}` is not monday or sunday; using monday",
                at_line(text, "week_start")
            )),
        }
    }
    if let Some(days) = raw.review_interval_days {
        if REVIEW_INTERVAL_RANGE.contains(&days) {
            config.review_interval_days = days;
        } else {
            problems.push(format!(
                "{name}{}: review_interval_days must be from {} to {}, not {days}; using {DEFAULT_REVIEW_INTERVAL_DAYS}",
                at_line(text, "review_interval_days"),
                REVIEW_INTERVAL_RANGE.start(),
                REVIEW_INTERVAL_RANGE.end()
            ));
        }
    }
    if let Some(seconds) = raw.draft_autosave_seconds {
        if DRAFT_AUTOSAVE_RANGE.contains(&seconds) {
            config.draft_autosave = std::time::Duration::from_secs_f64(seconds);
        } else {
            problems.push(format!(
                "{name}{}: draft_autosave_seconds must be from {} to {}, not {seconds}; using {DEFAULT_DRAFT_AUTOSAVE_SECONDS}",
                at_line(text, "draft_autosave_seconds"),
                DRAFT_AUTOSAVE_RANGE.start(),
                DRAFT_AUTOSAVE_RANGE.end()
            ));
        }
    }
    if let Some(workspace) = raw.default_workspace {
        match crate::store::check_workspace_name(&workspace) {
            Ok(()) => config.default_workspace = workspace,
            Err(why) => problems.push(format!(
                "{name}{}: default_workspace: {why}; using `{DEFAULT_WORKSPACE}`",
                at_line(text, "default_workspace")
            )),
        }
    }
    if let Some(folder) = raw.team_root {
        match team_root(&folder, home().as_deref()) {
            Ok(path) => config.team_root = Some(path),
            Err(why) => problems.push(format!(
                "{name}{}: team_root {why}; `starlog team` reads the data folder",
                at_line(text, "team_root")
            )),
        }
    }
    (config, problems)
}

/// The home folder, for a `team_root` written as `~/...`.
fn home() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf())
}

/// Reads `team_root`: a folder path, `~/` standing for the home folder.
fn team_root(text: &str, home: Option<&Path>) -> Result<PathBuf, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("is empty: give a folder, e.g. \"~/learners\"".into());
    }
    match text.strip_prefix("~/").or_else(|| text.strip_prefix("~\\")) {
        Some(rest) => match home {
            Some(home) => Ok(home.join(rest)),
            None => Err(format!(
                "`{text}` starts with ~, but this system has no home folder"
            )),
        },
        None if text == "~" => home
            .map(Path::to_path_buf)
            .ok_or_else(|| "is ~, but this system has no home folder".to_string()),
        None => Ok(PathBuf::from(text)),
    }
}

/// Deserialises the file, noting fields it does not know instead of failing.
fn read_raw(text: &str, unknown: &mut Vec<String>) -> Result<RawConfig, ron::error::SpannedError> {
    // Implicit `Some`: people write `theme: "light"`, not `theme: Some("light")`.
    let options =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    let mut de = ron::de::Deserializer::from_str_with_options(text, &options)?;
    let raw: RawConfig = serde_ignored::deserialize(&mut de, |path| unknown.push(path.to_string()))
        .map_err(|e| de.span_error(e))?;
    de.end().map_err(|e| de.span_error(e))?;
    Ok(raw)
}

/// " line N" for the first line that sets `key`, or nothing if not found.
fn at_line(text: &str, key: &str) -> String {
    text.lines()
        .position(|line| {
            let line = line.trim_start();
            line.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
                || line
                    .strip_prefix('"')
                    .and_then(|l| l.strip_prefix(key))
                    .is_some_and(|rest| rest.starts_with('"'))
        })
        .map(|i| format!(" line {}", i + 1))
        .unwrap_or_default()
}

/// Adds a hint to RON's own wording where people commonly trip.
fn explain(reason: &str) -> String {
    if reason.contains("Expected string") {
        format!("{reason} (put words in double quotes, e.g. theme: \"light\")")
    } else {
        reason.to_string()
    }
}

/// Checks a chrono date pattern: it must be valid and show something.
pub fn check_date_format(format: &str) -> Result<(), String> {
    use chrono::format::{Item, StrftimeItems};
    let items: Vec<Item> = StrftimeItems::new(format).collect();
    if items.iter().any(|i| matches!(i, Item::Error)) {
        return Err("is not a valid date pattern (see docs/CONFIG.md for the % codes)".into());
    }
    let shows_a_date = items
        .iter()
        .any(|i| matches!(i, Item::Numeric(..) | Item::Fixed(..)));
    if !shows_a_date {
        return Err("shows no part of the date".into());
    }
    // Time-of-day codes cannot be shown for a day; chrono would fail at render.
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default();
    use std::fmt::Write;
    let mut out = String::new();
    if write!(out, "{}", day.format_with_items(items.into_iter())).is_err() {
        return Err(
            "asks for a time of day, but days have no time (use %d %m %Y, %a, %b ...)".into(),
        );
    }
    Ok(())
}

/// The file `starlog config --print-default` prints: every option, its
/// default and what it does. Parsing it gives exactly `Config::default()`.
pub const DEFAULT_FILE: &str = r#"// starlog settings. Save this as config.ron in your config folder
// (`starlog config --path` shows where). Every line is optional: delete what
// you do not want to change. A mistake here never stops starlog: it names the
// line and uses the default for that setting.
(
    // Colours: "dark", "light" (for light terminal backgrounds) or
    // "monochrome" (no colour). Setting NO_COLOR always means monochrome.
    theme: "dark",

    // How days are shown in lists and previews, as a strftime pattern:
    // %a Mon, %A Monday, %d 22, %e 22 (no zero), %b Nov, %B November,
    // %m 11, %Y 2026, %y 26. "%d/%m/%Y" gives 22/11/2026,
    // "%a %d %b %Y" gives Sun 22 Nov 2026.
    date_format: "%d %b %Y",

    // The first day of the week in calendars: "monday" or "sunday".
    week_start: "monday",

    // The longest gap between reviews, in days, for workspaces that have not
    // set their own (7 to 730).
    review_interval_days: 90,

    // Seconds after your last keystroke before an unsaved form is kept as a
    // draft (0.2 to 600). Ctrl-C and closing the terminal keep one at once.
    draft_autosave_seconds: 2.0,

    // The workspace opened when --workspace is not given.
    default_workspace: "default",

    // The folder `starlog team` reads learners' workspaces from (a folder
    // of their synced or cloned workspaces) when --root is not given; "~/"
    // is your home folder. Unset: the data folder (--dir, STARLOG_DIR).
    // team_root: "~/learners",

    // Keys: an action name and the keys that do it, replacing its default
    // keys everywhere it works. The help screen (?) shows the keys in force.
    // Keys are written like "x", "X", "Ctrl-e", "F2", "Enter", "Esc", "Tab",
    // "Backspace", "Delete", "Up", "Down", "Left", "Right", "Home", "End",
    // "PageUp", "PageDown", "Space". Action names are listed in docs/CONFIG.md.
    keys: {
        // "quit": ["q"],
        // "new": ["n", "a"],
    },
)
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> (Config, Vec<String>) {
        parse(text, "config.ron")
    }

    #[test]
    fn no_file_or_an_empty_one_means_defaults() {
        let (config, problems) = parsed("");
        assert_eq!(config, Config::default());
        assert!(problems.is_empty());
        let (config, problems) = parsed("()");
        assert_eq!(config, Config::default());
        assert!(problems.is_empty());
    }

    #[test]
    fn the_printed_default_file_is_exactly_the_defaults() {
        let (config, problems) = parsed(DEFAULT_FILE);
        assert_eq!(problems, Vec::<String>::new());
        assert_eq!(config, Config::default());
        let defaults = Config::default();
        assert_eq!(defaults.theme, ThemeName::Dark);
        assert_eq!(defaults.date_format, "%d %b %Y");
        assert_eq!(defaults.week_start, WeekStart::Monday);
        assert_eq!(defaults.review_interval_days, 90);
        assert_eq!(defaults.draft_autosave, std::time::Duration::from_secs(2));
        assert_eq!(defaults.default_workspace, "default");
        assert!(defaults.keys.is_empty());
        assert_eq!(defaults.team_root, None);
    }

    #[test]
    fn team_root_takes_a_folder_and_reads_a_leading_tilde_as_home() {
        let (config, problems) = parsed(r#"(team_root: "/srv/learners")"#);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(config.team_root, Some(PathBuf::from("/srv/learners")));
        let home = Path::new("/home/gareth");
        assert_eq!(
            team_root("~/learners", Some(home)),
            Ok(home.join("learners"))
        );
        assert_eq!(team_root("~", Some(home)), Ok(home.to_path_buf()));
        assert!(team_root("~/learners", None).is_err());
        let (config, problems) = parsed("(\n  team_root: \"  \",\n)");
        assert_eq!(config.team_root, None);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].starts_with("config.ron line 2: team_root is empty"),
            "{problems:?}"
        );
    }

    #[test]
    fn each_option_takes_effect() {
        let text = r#"(
            theme: "light",
            date_format: "%d/%m/%Y",
            week_start: "Sunday",
            review_interval_days: 60,
            draft_autosave_seconds: 0.5,
            default_workspace: "sam",
            keys: { "quit": ["x"], "new": ["a", "Ctrl-n"] },
        )"#;
        let (config, problems) = parsed(text);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(config.theme, ThemeName::Light);
        assert_eq!(config.date_format, "%d/%m/%Y");
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        assert_eq!(config.format_day(day), "22/11/2026");
        assert_eq!(config.week_start, WeekStart::Sunday);
        assert_eq!(config.week_start.weekday(), chrono::Weekday::Sun);
        assert_eq!(config.review_interval_days, 60);
        assert_eq!(config.draft_autosave, std::time::Duration::from_millis(500));
        assert_eq!(config.default_workspace, "sam");
        assert_eq!(config.keys["quit"], vec!["x".to_string()]);
        assert_eq!(config.keys["new"].len(), 2);
        // Whole seconds may be written without a decimal point.
        let (config, problems) = parsed("(draft_autosave_seconds: 5)");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(config.draft_autosave, std::time::Duration::from_secs(5));
    }

    #[test]
    fn no_color_always_means_monochrome() {
        let (config, _) = parsed(r#"(theme: "light")"#);
        assert_eq!(config.theme_with_env(None), ThemeName::Light);
        assert_eq!(
            config.theme_with_env(Some(std::ffi::OsStr::new("1"))),
            ThemeName::Monochrome
        );
        // An empty NO_COLOR does not count (no-color.org).
        assert_eq!(
            config.theme_with_env(Some(std::ffi::OsStr::new(""))),
            ThemeName::Light
        );
        let (config, _) = parsed(r#"(theme: "monochrome")"#);
        assert_eq!(config.theme_with_env(None), ThemeName::Monochrome);
    }

    #[test]
    fn a_broken_file_falls_back_to_defaults_naming_the_line() {
        let text = "(\n    theme: \"light\",\n    review_interval_days: 60\n    week_start: \"sunday\",\n)";
        let (config, problems) = parsed(text);
        assert_eq!(config, Config::default());
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].starts_with("config.ron line 4"), "{problems:?}");
        assert!(problems[0].contains("using the default settings"));
    }

    #[test]
    fn a_wrong_type_names_its_line_and_hints() {
        let (config, problems) = parsed("(\n  theme: dark,\n)");
        assert_eq!(config, Config::default());
        assert!(problems[0].starts_with("config.ron line 2"), "{problems:?}");
        assert!(problems[0].contains("double quotes"), "{problems:?}");
        let (_, problems) = parsed("(\n\n  review_interval_days: \"ninety\",\n)");
        assert!(problems[0].starts_with("config.ron line 3"), "{problems:?}");
    }

    #[test]
    fn one_bad_value_falls_back_alone() {
        let text = "(\n  theme: \"purple\",\n  week_start: \"sunday\",\n  date_format: \"%Q\",\n  review_interval_days: 2,\n  draft_autosave_seconds: 0,\n  default_workspace: \"a/b\",\n)";
        let (config, problems) = parsed(text);
        assert_eq!(config.week_start, WeekStart::Sunday, "good values are kept");
        assert_eq!(config.theme, ThemeName::Dark);
        assert_eq!(config.date_format, DEFAULT_DATE_FORMAT);
        assert_eq!(config.review_interval_days, 90);
        assert_eq!(config.draft_autosave, std::time::Duration::from_secs(2));
        assert_eq!(config.default_workspace, "default");
        assert_eq!(problems.len(), 5, "{problems:?}");
        assert!(problems[0].starts_with("config.ron line 2: theme `purple`"));
        assert!(problems[1].starts_with("config.ron line 4: date_format"));
        assert!(problems[2].starts_with("config.ron line 5: review_interval_days"));
        assert!(problems[3].starts_with("config.ron line 6: draft_autosave_seconds"));
        assert!(problems[4].starts_with("config.ron line 7: default_workspace"));
    }

    #[test]
    fn unknown_settings_are_named_and_the_rest_kept() {
        let (config, problems) = parsed("(\n  theme: \"light\",\n  colour: \"red\",\n)");
        assert_eq!(config.theme, ThemeName::Light);
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].starts_with("config.ron line 3: `colour`"),
            "{problems:?}"
        );
    }

    #[test]
    fn date_patterns_are_checked() {
        assert!(check_date_format("%Y-%m-%d").is_ok());
        assert!(check_date_format("%e %B").is_ok());
        assert!(check_date_format("%Q").is_err());
        assert!(check_date_format("hello").is_err());
        assert!(check_date_format("%H:%M").is_err(), "a day has no time");
    }

    #[test]
    fn loading_a_missing_file_is_quietly_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let loaded = load(Some(&dir.path().join("config.ron")));
        assert_eq!(loaded.config, Config::default());
        assert!(loaded.problems.is_empty());
    }

    #[test]
    fn loading_a_broken_file_names_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.ron");
        std::fs::write(&path, "(theme: \"light\"").unwrap();
        let loaded = load(Some(&path));
        assert_eq!(loaded.config, Config::default());
        assert_eq!(loaded.problems.len(), 1);
        assert!(loaded.problems[0].starts_with(&path.display().to_string()));
        std::fs::write(&path, [0xff, 0xfe, 0x00]).unwrap();
        let loaded = load(Some(&path));
        assert!(loaded.problems[0].contains("not UTF-8"));
    }
}
