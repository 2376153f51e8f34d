//! `starlog config`: where the settings file is, whether it reads cleanly,
//! and a commented default file to start from.

use super::Failure;
use crate::config::{self, LoadedConfig};
use std::io::Write;

/// `--print-default`, `--path`, or a check of the file in force.
pub fn run(loaded: &LoadedConfig, print_default: bool, path_only: bool) -> Result<u8, Failure> {
    let mut out = super::out::Out::stdout();
    let result = report(&mut out, loaded, print_default, path_only);
    out.finish()?;
    result
}

fn report(
    out: &mut impl Write,
    loaded: &LoadedConfig,
    print_default: bool,
    path_only: bool,
) -> Result<u8, Failure> {
    if print_default {
        let _ = out.write_all(config::DEFAULT_FILE.as_bytes());
        return Ok(0);
    }
    let Some(path) = &loaded.path else {
        return Err(Failure::Usage(
            "this system has no config folder; pass --config PATH or set STARLOG_CONFIG".into(),
        ));
    };
    if path_only {
        let _ = writeln!(out, "{}", path.display());
        return Ok(0);
    }
    if !path.exists() {
        let _ = writeln!(
            out,
            "No settings file at {} yet: starlog uses the defaults.\nCreate one with: starlog config --print-default > \"{}\"",
            path.display(),
            path.display()
        );
        return Ok(0);
    }
    // The key table checks the overrides as the app does, so this reports
    // every problem the app would.
    let (_, key_problems) = crate::tui::keymap::Keymap::with_overrides(&loaded.config.keys);
    for problem in &key_problems {
        eprintln!(
            "starlog: {}: {}",
            path.display(),
            super::out::escape_controls(problem)
        );
    }
    let count = loaded.problems.len() + key_problems.len();
    if count == 0 {
        let c = &loaded.config;
        let _ = writeln!(out, "{} reads cleanly:", path.display());
        let _ = writeln!(out, "  theme: {}", c.theme.name());
        let _ = writeln!(out, "  date_format: \"{}\"", c.date_format);
        let _ = writeln!(out, "  week_start: {}", c.week_start.name());
        let _ = writeln!(out, "  review_interval_days: {}", c.review_interval_days);
        let _ = writeln!(
            out,
            "  draft_autosave_seconds: {}",
            c.draft_autosave.as_secs_f64()
        );
        let _ = writeln!(out, "  default_workspace: {}", c.default_workspace);
        if let Some(folder) = &c.team_root {
            let _ = writeln!(out, "  team_root: {}", folder.display());
        }
        for (action, keys) in &c.keys {
            let _ = writeln!(out, "  keys: {action} = {}", keys.join(", "));
        }
        Ok(0)
    } else {
        // The file's own problems were printed when it was read.
        Err(Failure::Usage(format!(
            "{} has {}; the defaults are used where noted",
            path.display(),
            crate::domain::words::count(count, "problem", "problems")
        )))
    }
}
