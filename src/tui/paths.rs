//! Paths typed by the learner (the file to attach): `~` for the home
//! folder, and completion the way a shell completes.

use std::path::{Path, PathBuf};

/// Completes a typed path the way a shell does: `~` is the home folder; one
/// match is completed whole (a folder gets its `/`), several as far as they
/// agree. Returns the new text and the names that match.
pub fn complete_path(typed: &str, home: Option<&Path>) -> (String, Vec<String>) {
    let sep = |c: char| c == '/' || (cfg!(windows) && c == '\\');
    let (dir_part, prefix) = match typed.rfind(sep) {
        Some(i) => (&typed[..=i], &typed[i + 1..]),
        None => ("", typed),
    };
    let dir: PathBuf = if dir_part.is_empty() {
        PathBuf::from(".")
    } else {
        expand_home(dir_part, home)
    };
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return (typed.to_string(), Vec::new());
    };
    let fold = |s: &str| {
        if cfg!(windows) {
            s.to_lowercase()
        } else {
            s.to_string()
        }
    };
    let mut matches: Vec<(String, bool)> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_str()?.to_string();
            let hidden = name.starts_with('.') && !prefix.starts_with('.');
            (!hidden && fold(&name).starts_with(&fold(prefix))).then(|| {
                let is_dir = std::fs::metadata(e.path()).is_ok_and(|m| m.is_dir());
                (name, is_dir)
            })
        })
        .collect();
    matches.sort();
    let names: Vec<String> = matches
        .iter()
        .map(|(n, d)| if *d { format!("{n}/") } else { n.clone() })
        .collect();
    match names.as_slice() {
        [] => (typed.to_string(), names),
        [one] => (format!("{dir_part}{one}"), names),
        _ => {
            let mut common: Vec<char> = names[0].chars().collect();
            for n in &names[1..] {
                let same = common
                    .iter()
                    .zip(n.chars())
                    .take_while(|(a, b)| fold(&a.to_string()) == fold(&b.to_string()))
                    .count();
                common.truncate(same);
            }
            let common: String = common.into_iter().collect();
            if common.chars().count() > prefix.chars().count() {
                (format!("{dir_part}{common}"), names)
            } else {
                (typed.to_string(), names)
            }
        }
    }
}

/// `~/x` as the home folder's `x`; anything else as typed.
pub fn expand_home(typed: &str, home: Option<&Path>) -> PathBuf {
    match (typed.strip_prefix('~'), home) {
        (Some(""), Some(h)) => h.to_path_buf(),
        (Some(rest), Some(h)) if rest.starts_with('/') || rest.starts_with('\\') => {
            h.join(&rest[1..])
        }
        _ => PathBuf::from(typed),
    }
}

/// The learner's home folder, for `~` in typed paths.
pub fn home_dir() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_is_completed_like_a_shell_completes_it() {
        let dir = tempfile::tempdir().expect("tmp");
        let d = dir.path();
        std::fs::write(d.join("observation-14-oct.pdf"), b"x").expect("write");
        std::fs::write(d.join("observation-20-nov.pdf"), b"x").expect("write");
        std::fs::create_dir(d.join("certificates")).expect("dir");
        std::fs::write(d.join(".hidden"), b"x").expect("write");
        let base = format!("{}/", d.display());
        // Several matches: as far as they agree, and all of them listed.
        let (text, names) = complete_path(&format!("{base}obs"), None);
        assert_eq!(text, format!("{base}observation-"));
        assert_eq!(names, ["observation-14-oct.pdf", "observation-20-nov.pdf"]);
        // One match: whole; a folder gets its separator.
        let (text, _) = complete_path(&format!("{base}observation-2"), None);
        assert_eq!(text, format!("{base}observation-20-nov.pdf"));
        let (text, _) = complete_path(&format!("{base}cer"), None);
        assert_eq!(text, format!("{base}certificates/"));
        // Hidden files only when asked for; nothing matching leaves the text.
        let (_, names) = complete_path(&base, None);
        assert!(!names.iter().any(|n| n.starts_with('.')), "{names:?}");
        let (text, names) = complete_path(&format!("{base}zzz"), None);
        assert_eq!(text, format!("{base}zzz"));
        assert!(names.is_empty());
        // ~ is the home folder.
        let (text, _) = complete_path("~/obs", Some(d));
        assert_eq!(text, "~/observation-");
        assert_eq!(
            expand_home("~/observation-14-oct.pdf", Some(d)),
            d.join("observation-14-oct.pdf")
        );
    }
}
