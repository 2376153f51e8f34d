//! Criteria sets from files: a centre or a learner drops a criteria set RON
//! file into a `criteria` folder (beside the workspaces in the data folder,
//! or beside the settings file in the config folder) and picks it in the
//! profile. Sets from files come first, so a file can replace a built-in set
//! by using its id; a file that cannot be read is reported (path, line,
//! column, what was expected) and the other sets still load.

use crate::codec;
use crate::domain::{CriteriaSet, LearnerProfile};
use std::path::{Path, PathBuf};

/// The folder name, inside the data root and inside the config folder.
pub const FOLDER: &str = "criteria";

/// Where a set came from.
#[derive(Debug, Clone, PartialEq)]
pub enum SetSource {
    /// Shipped inside the binary (`assets/criteria/`).
    BuiltIn,
    File(PathBuf),
}

impl SetSource {
    /// "built in", or the file's path.
    pub fn describe(&self) -> String {
        match self {
            SetSource::BuiltIn => "built in".into(),
            SetSource::File(path) => path.display().to_string(),
        }
    }
}

/// One criteria set and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundSet {
    pub set: CriteriaSet,
    pub source: SetSource,
}

/// The folders searched for criteria set files: `<data root>/criteria` and
/// `<config folder>/criteria`, in that order.
pub fn folders(root: &Path, config_file: Option<&Path>) -> Vec<PathBuf> {
    let mut out = vec![root.join(FOLDER)];
    if let Some(dir) = config_file.and_then(Path::parent) {
        let dir = dir.join(FOLDER);
        if !out.contains(&dir) {
            out.push(dir);
        }
    }
    out
}

/// Reads one criteria set file: the set, or what is wrong with it as
/// "line:column: what was expected" (or the set's own problems, one per line).
pub fn read_set(path: &Path) -> Result<CriteriaSet, String> {
    let bytes = std::fs::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => "there is no such file".to_string(),
        std::io::ErrorKind::IsADirectory => "this is a folder, not a criteria set file".into(),
        _ => format!("could not be read ({})", e.kind()),
    })?;
    let decoded = codec::decode::<CriteriaSet>(&bytes).map_err(|e| {
        let why = e.to_string();
        if why.ends_with("Expected string") {
            format!("{why} (put text in double quotes, e.g. title: \"Communication\")")
        } else {
            why
        }
    })?;
    let mut problems = decoded.record.problems();
    for field in &decoded.unknown_fields {
        problems.push(format!(
            "`{field}` is not a field of a criteria set (a typo? see docs/FORMAT.md)"
        ));
    }
    if problems.is_empty() {
        Ok(decoded.record)
    } else {
        Err(problems.join("\n"))
    }
}

/// Every criteria set: those in files (each folder's `*.ron`, by name), then
/// the built-in ones whose id no file has taken. Problems name the file.
pub fn all_sets(folders: &[PathBuf]) -> (Vec<FoundSet>, Vec<String>) {
    let mut found: Vec<FoundSet> = Vec::new();
    let mut problems = Vec::new();
    for folder in folders {
        let Ok(entries) = std::fs::read_dir(folder) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "ron") && p.is_file())
            .collect();
        paths.sort();
        for path in paths {
            match read_set(&path) {
                Ok(set) => {
                    if let Some(first) = found.iter().find(|f| f.set.id == set.id) {
                        problems.push(format!(
                            "{}: the id `{}` is already used by {}; this file is skipped",
                            path.display(),
                            set.id,
                            first.source.describe()
                        ));
                    } else {
                        found.push(FoundSet {
                            set,
                            source: SetSource::File(path),
                        });
                    }
                }
                Err(why) => {
                    for line in why.lines() {
                        problems.push(format!("{}: {line}", path.display()));
                    }
                }
            }
        }
    }
    for set in starlog_core::assets::criteria_sets() {
        if !found.iter().any(|f| f.set.id == set.id) {
            found.push(FoundSet {
                set,
                source: SetSource::BuiltIn,
            });
        }
    }
    (found, problems)
}

/// The sets a profile chooses: the first (or the default unit when none is
/// named) and the further ones; problems name ids that were not found.
pub fn chosen(
    sets: &[FoundSet],
    profile: &LearnerProfile,
) -> (Option<CriteriaSet>, Vec<CriteriaSet>, Vec<String>) {
    let first_id = if profile.criteria_set.trim().is_empty() {
        starlog_core::assets::DEFAULT_CRITERIA_SET
    } else {
        profile.criteria_set.trim()
    };
    let find = |id: &str| sets.iter().find(|f| f.set.id == id).map(|f| f.set.clone());
    let mut problems = Vec::new();
    let first = find(first_id);
    if first.is_none() {
        problems.push(format!(
            "the criteria set `{first_id}` in your profile was not found (see `starlog criteria list`)"
        ));
    }
    let mut more = Vec::new();
    for id in &profile.more_criteria_sets {
        let id = id.trim();
        if id == first_id || more.iter().any(|s: &CriteriaSet| s.id == id) {
            continue;
        }
        match find(id) {
            Some(set) => more.push(set),
            None => problems.push(format!(
                "the criteria set `{id}` in your profile was not found (see `starlog criteria list`)"
            )),
        }
    }
    (first, more, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        std::fs::create_dir_all(dir).expect("folder");
        let path = dir.join(name);
        std::fs::write(&path, text).expect("write");
        path
    }

    const MINE: &str = r#"CriteriaSet(
    format: 1,
    id: "centre-unit-4",
    title: "Unit 4: Resolve customer service problems",
    criteria: [
        Criterion(id: "1.1", title: "Identify problems", levels: [2]),
        Criterion(id: "1.2", title: "Agree a solution", asks: [AgreedNeeds]),
    ],
)
"#;

    #[test]
    fn sets_in_files_join_the_built_in_ones() {
        let tmp = tempfile::tempdir().expect("tmp");
        let dirs = folders(tmp.path(), Some(&tmp.path().join("cfg/config.ron")));
        assert_eq!(dirs[1], tmp.path().join("cfg/criteria"));
        write(&dirs[1], "unit-4.ron", MINE);
        let (sets, problems) = all_sets(&dirs);
        assert!(problems.is_empty(), "{problems:?}");
        let ids: Vec<&str> = sets.iter().map(|s| s.set.id.as_str()).collect();
        assert_eq!(ids[0], "centre-unit-4");
        assert!(ids.contains(&"develop-personal-performance"));
        assert!(ids.contains(&"customer-service-practitioner"));
        assert!(ids.contains(&"customer-service-specialist"));
        assert_eq!(sets[0].source, SetSource::File(dirs[1].join("unit-4.ron")));
    }

    #[test]
    fn a_bad_file_says_where_and_what_and_the_rest_still_load() {
        let tmp = tempfile::tempdir().expect("tmp");
        let dirs = folders(tmp.path(), None);
        let bad = write(
            &dirs[0],
            "broken.ron",
            &MINE.replace("title: \"Agree a solution\"", "title: Agree"),
        );
        let why = read_set(&bad).expect_err("broken");
        assert_eq!(
            why,
            "7:36: Expected string (put text in double quotes, e.g. title: \"Communication\")"
        );
        let (sets, problems) = all_sets(&dirs);
        assert_eq!(sets.len(), starlog_core::assets::CRITERIA_FILES.len());
        assert!(
            problems[0].starts_with(&format!("{}: 7:36:", bad.display())),
            "{problems:?}"
        );

        let twice = write(
            &dirs[0],
            "twice.ron",
            &MINE.replace("id: \"1.2\"", "id: \"1.1\""),
        );
        let why = read_set(&twice).expect_err("problems");
        assert_eq!(why, "criterion `1.1` is listed twice");
        let typo = write(
            &dirs[0],
            "typo.ron",
            &MINE.replace("levels: [2]", "level: [2]"),
        );
        let why = read_set(&typo).expect_err("unknown field");
        assert_eq!(
            why,
            "`criteria.0.level` is not a field of a criteria set (a typo? see docs/FORMAT.md)"
        );
        let title = write(
            &dirs[0],
            "title.ron",
            &MINE.replace("title: \"Identify problems\", ", ""),
        );
        let why = read_set(&title).expect_err("no title");
        assert!(
            why.starts_with("6:")
                && why.contains("the field `title` is missing from this Criterion"),
            "{why}"
        );
    }

    #[test]
    fn a_file_can_replace_a_built_in_set_and_the_profile_picks_several() {
        let tmp = tempfile::tempdir().expect("tmp");
        let dirs = folders(tmp.path(), None);
        write(
            &dirs[0],
            "ours.ron",
            &MINE.replace("centre-unit-4", "develop-personal-performance"),
        );
        let (sets, _) = all_sets(&dirs);
        let profile = LearnerProfile {
            more_criteria_sets: vec!["customer-service-practitioner".into(), "nowhere".into()],
            ..LearnerProfile::default()
        };
        let (first, more, problems) = chosen(&sets, &profile);
        assert_eq!(
            first.map(|s| s.title),
            Some("Unit 4: Resolve customer service problems".to_string())
        );
        assert_eq!(more.len(), 1);
        assert!(problems[0].contains("`nowhere`"), "{problems:?}");
    }
}
