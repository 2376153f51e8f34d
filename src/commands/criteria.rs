//! `starlog criteria list | show ID | check FILE`: the criteria sets a
//! learner can map evidence to, built in or dropped as RON files into a
//! `criteria` folder (in the data folder or beside the settings file).

use super::Failure;
use crate::config::criteria_folders as folders;
use crate::domain::CriteriaSet;
use crate::store::criteria::{self, FoundSet};
use std::io::Write;
use std::path::Path;

fn levels(set: &CriteriaSet) -> String {
    let mut all: Vec<u8> = set
        .criteria
        .iter()
        .flat_map(|c| c.levels.iter().copied())
        .collect();
    all.sort();
    all.dedup();
    match all.as_slice() {
        [] => "any level".into(),
        [one] => format!("level {one}"),
        many => format!(
            "levels {}",
            many.iter()
                .map(u8::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn print(text: &str) {
    // A closed stdout (`| head`) is not a failure.
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

/// `starlog criteria list`: every set, where it comes from; the ones the
/// workspace's profile chooses are marked `*`.
pub fn list(root: &Path, workspace: &str) -> Result<u8, Failure> {
    let dirs = folders(root);
    let (sets, problems) = criteria::all_sets(&dirs);
    for p in &problems {
        eprintln!("starlog: {p}");
    }
    let chosen: Vec<String> =
        crate::store::Workspace::open(root, workspace, crate::store::Mode::ReadOnly)
            .ok()
            .and_then(|ws| ws.load_header().ok())
            .map(|(header, _, _)| {
                let (first, more, _) = criteria::chosen(&sets, &header.profile);
                first.into_iter().chain(more).map(|s| s.id).collect()
            })
            .unwrap_or_default();
    let mut out = String::new();
    for FoundSet { set, source } in &sets {
        let mark = if chosen.contains(&set.id) { "*" } else { " " };
        out.push_str(&format!(
            "{mark} {}  {}\n    {} criteria, {}; {}\n",
            set.id,
            set.title,
            set.assessable().count(),
            levels(set),
            source.describe()
        ));
    }
    out.push_str(&format!(
        "\n* chosen in the profile of `{workspace}`. Add your own: put a criteria set file (see `starlog criteria show {}` and docs/FORMAT.md) in {}.\n",
        crate::assets::DEFAULT_CRITERIA_SET,
        dirs.iter()
            .map(|d| d.display().to_string())
            .collect::<Vec<_>>()
            .join(" or ")
    ));
    print(&out);
    Ok(0)
}

/// `starlog criteria show ID`: a set's criteria, levels and what each asks.
pub fn show(root: &Path, id: &str) -> Result<u8, Failure> {
    let (sets, problems) = criteria::all_sets(&folders(root));
    for p in &problems {
        eprintln!("starlog: {p}");
    }
    let Some(found) = sets.iter().find(|f| f.set.id == id.trim()) else {
        let known: Vec<&str> = sets.iter().map(|f| f.set.id.as_str()).collect();
        return Err(Failure::Usage(format!(
            "there is no criteria set `{id}` (known: {})",
            known.join(", ")
        )));
    };
    let set = &found.set;
    let mut out = format!("{}  {}\n", set.id, set.title);
    if !set.qualification.is_empty() {
        out.push_str(&format!("{}\n", set.qualification));
    }
    out.push_str(&format!("From: {}\n\n", found.source.describe()));
    for c in &set.criteria {
        let levels = if c.levels.is_empty() {
            String::new()
        } else {
            format!(
                " [level {}]",
                c.levels
                    .iter()
                    .map(u8::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        out.push_str(&format!("{:>5}  {}{levels}\n", c.id, c.title));
        if !c.description.is_empty() {
            out.push_str(&format!("       {}\n", c.description));
        }
        for ask in &c.asks {
            out.push_str(&format!("       Asks that {}.\n", ask.label()));
        }
    }
    print(&out);
    Ok(0)
}

/// `starlog criteria check FILE`: whether a criteria set file can be used;
/// what is wrong with it as FILE:LINE:COLUMN: what was expected. Exit 1
/// when it cannot.
pub fn check(file: &Path) -> Result<u8, Failure> {
    match criteria::read_set(file) {
        Ok(set) => {
            print(&format!(
                "{}: a criteria set `{}` (“{}”) with {} criteria, {}. Put it in a `criteria` folder (see `starlog criteria list`) and choose it in your profile.\n",
                file.display(),
                set.id,
                set.title,
                set.assessable().count(),
                levels(&set)
            ));
            Ok(0)
        }
        Err(why) => {
            // "FILE:LINE:COLUMN: what was expected", as compilers print it.
            for line in why.lines() {
                let sep = if line.starts_with(|c: char| c.is_ascii_digit()) {
                    ":"
                } else {
                    ": "
                };
                eprintln!("{}{sep}{line}", file.display());
            }
            Ok(1)
        }
    }
}
