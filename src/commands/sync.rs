//! `starlog sync`: keeps the workspace in git. It records the workspace's
//! changes as a commit whose message says what changed ("3 diary entries,
//! 1 review"), and with a remote set pulls and pushes.
//!
//! It runs the learner's own `git` command (no shell), so their
//! credentials, ssh keys and settings work as they are. Every git command
//! names the workspace's own repository (`<workspace>/.git`) and work tree,
//! so a workspace inside another repository never touches that one.
//!
//! Merging is decided by the workspace's files: every record is a file of
//! its own with a unique id, so changes to different records never
//! conflict. When both sides changed the same file, this side's version
//! stays and the other side's is kept beside it as a conflict copy
//! (`<name>.conflict-copy-<time>.txt`, which the app does not load), named
//! in the report: nothing is lost.

use super::Failure;
use crate::store::{self, Mode, RecordKind, Workspace};
use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The exit status when the changes were committed here but the remote
/// could not be reached; see the README.
pub const UNREACHABLE: u8 = 5;

/// git's empty tree: the base of two histories with nothing in common.
const EMPTY_TREE: &str = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

/// Set in the workspace repository's config once the learner agreed.
const AGREED_KEY: &str = "starlog.sync";

/// What `starlog sync` will do, shown before its first use.
pub fn explanation(dir: &Path) -> String {
    format!(
        "starlog sync keeps this workspace in git, so it can travel between your\n\
         computers, or to your assessor or team leader:\n\
         \n\
         - it makes {} a git repository (a .git folder inside it) if it is not\n\
         \x20 one yet, and records your records' changes as commits, using your own\n\
         \x20 git command and settings;\n\
         - drafts, the lock, backups, the load cache and the trash stay out of git\n\
         \x20 (listed in the workspace's .gitignore);\n\
         - with a remote (starlog sync --remote PATH-OR-URL: a USB stick, a shared\n\
         \x20 drive, an ssh or https git server) it pulls and pushes. When the same\n\
         \x20 record was changed on both sides, both are kept: the other side's as a\n\
         \x20 conflict copy beside it (*.conflict-copy-*.txt), named in the report;\n\
         - nothing outside the workspace folder is touched.\n",
        dir.display()
    )
}

/// Runs `starlog sync [--remote PATH-OR-URL] [--yes]`.
pub fn run(root: &Path, workspace: &str, remote: Option<&str>, yes: bool) -> Result<u8, Failure> {
    // Write mode: the lock keeps the app and other commands out while
    // files change under them.
    let ws = Workspace::open(root, workspace, Mode::Write)?;
    let dir = ws.dir().to_path_buf();
    let git = Git { dir: dir.clone() };
    let dot_git = dir.join(".git");
    match std::fs::symlink_metadata(&dot_git) {
        Ok(m) if !m.is_dir() => {
            return Err(Failure::Usage(format!(
                "{} is not a folder (a submodule or a linked work tree?); starlog sync \
                 only works with the workspace's own repository",
                dot_git.display()
            )));
        }
        _ => {}
    }
    let agreed = dot_git.is_dir()
        && git
            .text(&["config", "--get", AGREED_KEY])
            .is_ok_and(|v| v == "agreed");
    if !agreed && !ask(&dir, yes)? {
        println!("Nothing was changed.");
        return Ok(0);
    }
    if !dot_git.is_dir() {
        git.run(&["init", "--quiet"]).map_err(missing_git)?;
    }
    git.run(&["config", AGREED_KEY, "agreed"])
        .map_err(Failure::Write)?;
    ensure_ignored(&dir)?;
    let identity = identity(&git, &ws);

    // 1. Record what changed here.
    git.run(&["add", "--all"]).map_err(Failure::Write)?;
    let changed = staged(&git).map_err(Failure::Write)?;
    if changed.is_empty() {
        println!("Nothing new to record here.");
    } else {
        let summary = summary(&changed);
        git.commit(&identity, &[&summary, "Recorded by starlog sync."])
            .map_err(Failure::Write)?;
        println!("Recorded: {summary}.");
    }

    // 2. The remote, when there is one.
    if let Some(url) = remote {
        let url = remote_location(url);
        let set = if git.text(&["remote", "get-url", "origin"]).is_ok() {
            git.run(&["remote", "set-url", "origin", &url])
        } else {
            git.run(&["remote", "add", "origin", &url])
        };
        set.map_err(Failure::Write)?;
    }
    let Ok(url) = git.text(&["remote", "get-url", "origin"]) else {
        println!(
            "No remote set: the changes are recorded here only. `starlog sync --remote \
             PATH-OR-URL` sets one (a USB stick, a shared drive, a git server)."
        );
        return Ok(0);
    };
    if let Err(e) = git.network(&["fetch", "--quiet", "origin"]) {
        eprintln!(
            "starlog: could not reach the remote {url}: {e}\n\
             Your changes are recorded here; run starlog sync again when it can be reached."
        );
        return Ok(UNREACHABLE);
    }
    let branch = git
        .text(&["symbolic-ref", "--short", "HEAD"])
        .map_err(Failure::Write)?;
    let theirs = format!("refs/remotes/origin/{branch}");
    let before = git.text(&["rev-parse", "HEAD"]).map_err(Failure::Write)?;
    if git
        .text(&["rev-parse", "--quiet", "--verify", &theirs])
        .is_ok()
    {
        if git.ok(&["merge-base", "--is-ancestor", &theirs, "HEAD"]) {
            // Nothing new over there.
        } else if git.ok(&["merge-base", "--is-ancestor", "HEAD", &theirs]) {
            git.run(&["merge", "--quiet", "--ff-only", &theirs])
                .map_err(Failure::Write)?;
        } else {
            let copies = merge(&git, &ws, &identity, &theirs, &url)?;
            for copy in &copies {
                match &copy.moved_from {
                    None => println!(
                        "Changed on both sides: {} (yours); theirs is kept as {}",
                        copy.original, copy.copy
                    ),
                    Some(from) => println!(
                        "Changed on both sides: {} (yours); theirs, at {from} after a \
                         change of date or name, is kept as {}",
                        copy.original, copy.copy
                    ),
                }
            }
            if !copies.is_empty() {
                println!(
                    "Choose which version to keep with `starlog sync --conflicts`, or \
                     in the app (V)."
                );
            }
        }
        let received = changes_between(&git, &before, "HEAD").map_err(Failure::Write)?;
        if !received.is_empty() {
            println!("Received: {}.", summary(&received));
        }
    }
    if let Err(e) = git.network(&[
        "push",
        "--quiet",
        "origin",
        &format!("HEAD:refs/heads/{branch}"),
    ]) {
        eprintln!(
            "starlog: could not send the changes to {url}: {e}\n\
             Your changes are recorded here; run starlog sync again later."
        );
        return Ok(UNREACHABLE);
    }
    println!("In step with {url}.");
    Ok(0)
}

/// Explains what sync will do and asks once; `--yes` agrees for scripts.
fn ask(dir: &Path, yes: bool) -> Result<bool, Failure> {
    print!("{}", explanation(dir));
    if yes {
        println!("\nAgreed with --yes.");
        return Ok(true);
    }
    if !std::io::stdin().is_terminal() {
        return Err(Failure::Usage(
            "sync asks once before its first use; run it in a terminal, or add \
             --yes to agree from a script"
                .into(),
        ));
    }
    print!("\nGo ahead? [y/N] ");
    let _ = std::io::stdout().flush();
    let mut answer = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut answer)
        .map_err(|e| Failure::Usage(format!("could not read the answer: {e}")))?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes" | "Yes"))
}

fn missing_git(e: String) -> Failure {
    Failure::Write(format!(
        "starlog sync needs the git command, and it could not be run: {e}"
    ))
}

/// A local path as an absolute one (git runs inside the workspace); a URL
/// or `host:path` as it is.
fn remote_location(url: &str) -> String {
    let path = Path::new(url);
    let looks_like_url = url.contains("://") || (url.contains(':') && !path.exists());
    if looks_like_url || path.is_absolute() {
        return url.to_string();
    }
    std::env::current_dir()
        .map(|d| d.join(path).display().to_string())
        .unwrap_or_else(|_| url.to_string())
}

/// Adds to the workspace's `.gitignore` whatever of starlog's local-only
/// list it lacks; the learner's own lines are kept as they are.
fn ensure_ignored(dir: &Path) -> Result<(), Failure> {
    let path = dir.join(store::GITIGNORE_FILE);
    if std::fs::symlink_metadata(&path).is_ok_and(|m| !m.is_file()) {
        return Err(Failure::Write(format!(
            "{} is not a plain file; starlog sync needs it to keep drafts, the lock, \
             backups, the cache and the trash out of git",
            path.display()
        )));
    }
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(Failure::Write(format!("{}: {e}", path.display()))),
    };
    let have: Vec<&str> = text.lines().map(str::trim).collect();
    let missing: Vec<&str> = store::LOCAL_ONLY
        .iter()
        .copied()
        .filter(|p| !have.contains(p))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let out = if text.is_empty() {
        store::gitignore_text()
    } else {
        let mut out = text.clone();
        if !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str("# Added by starlog sync: what belongs to this computer, not the portfolio\n");
        for p in &missing {
            out.push_str(p);
            out.push('\n');
        }
        out
    };
    store::fsio::write_atomic(&path, out.as_bytes())
        .map_err(|e| Failure::Write(format!("{}: {e}", path.display())))
}

/// `-c user.name/-c user.email` when git has no identity set (a fresh
/// machine): the learner's name from their profile.
fn identity(git: &Git, ws: &Workspace) -> Vec<String> {
    if git.text(&["config", "user.email"]).is_ok() {
        return Vec::new();
    }
    let name = ws
        .load_header()
        .ok()
        .map(|(h, _, _)| h.profile.name.trim().to_string())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "starlog learner".into());
    vec![
        "-c".into(),
        format!("user.name={name}"),
        "-c".into(),
        "user.email=starlog@localhost".into(),
    ]
}

/// One changed file: git's status letter and its path in the workspace.
type Change = (char, String);

/// The changes staged for the next commit.
fn staged(git: &Git) -> Result<Vec<Change>, String> {
    let out = git.bytes(&["diff", "--cached", "--name-status", "--no-renames", "-z"])?;
    Ok(name_status(&out))
}

fn changes_between(git: &Git, from: &str, to: &str) -> Result<Vec<Change>, String> {
    let out = git.bytes(&["diff", "--name-status", "--no-renames", "-z", from, to])?;
    Ok(name_status(&out))
}

fn name_status(out: &[u8]) -> Vec<Change> {
    let mut parts = out.split(|b| *b == 0).filter(|p| !p.is_empty());
    let mut changes = Vec::new();
    while let (Some(status), Some(path)) = (parts.next(), parts.next()) {
        let letter = status.first().map_or('M', |b| *b as char);
        changes.push((letter, String::from_utf8_lossy(path).into_owned()));
    }
    changes
}

/// "3 diary entries, 1 review, 1 feedback": the changed records by kind,
/// then the profile, attached files and anything else.
pub fn summary(changes: &[Change]) -> String {
    let mut counts = vec![0usize; RecordKind::ALL.len()];
    let (mut profile, mut ignore, mut attached, mut copies, mut other) = (false, false, 0, 0, 0);
    for (_, path) in changes {
        let parts: Vec<&str> = path.split('/').collect();
        if path.contains(".conflict-copy-") {
            copies += 1;
        } else if path == store::HEADER_FILE {
            profile = true;
        } else if path == store::GITIGNORE_FILE {
            ignore = true;
        } else if let Some(i) = RecordKind::ALL.iter().position(|k| {
            parts.len() >= 2
                && parts[0] == k.dir()
                && path.ends_with(".ron")
                && parts.len() <= k.depth() + 1
        }) {
            counts[i] += 1;
        } else if parts.first() == Some(&RecordKind::Evidence.dir()) {
            attached += 1;
        } else {
            other += 1;
        }
    }
    let mut out: Vec<String> = RecordKind::ALL
        .iter()
        .zip(&counts)
        .filter(|(_, n)| **n > 0)
        .map(|(k, n)| format!("{n} {}", plural(k.label(), *n)))
        .collect();
    if attached > 0 {
        out.push(format!("{attached} {}", plural("attached file", attached)));
    }
    if profile {
        out.push("the profile".into());
    }
    if ignore {
        out.push("the .gitignore".into());
    }
    if copies > 0 {
        out.push(format!("{copies} {}", plural("conflict copy", copies)));
    }
    if other > 0 {
        out.push(format!("{other} {}", plural("other file", other)));
    }
    out.join(", ")
}

fn plural(label: &str, n: usize) -> String {
    if n == 1 || label == "feedback" {
        return label.to_string();
    }
    match label.strip_suffix('y') {
        Some(stem) if !stem.ends_with(['a', 'e', 'o', 'u']) => format!("{stem}ies"),
        _ => format!("{label}s"),
    }
}

/// A file both sides changed: this side's version stays at `original`,
/// the other side's is kept at `copy`.
#[derive(Debug)]
struct ConflictCopy {
    original: String,
    copy: String,
    /// Where the other side's version was before it became the copy: the
    /// record moved to another file there (a diary entry's date changed).
    moved_from: Option<String>,
}

/// Merges `theirs` into this side. git merges the files only one side
/// changed; for a file both changed, this side's version stays whole and
/// the other side's is written beside it as a conflict copy (a file one
/// side deleted and the other changed is kept, changed).
fn merge(
    git: &Git,
    ws: &Workspace,
    identity: &[String],
    theirs: &str,
    url: &str,
) -> Result<Vec<ConflictCopy>, Failure> {
    let base = git
        .text(&["merge-base", "HEAD", theirs])
        .unwrap_or_else(|_| EMPTY_TREE.to_string());
    let ours_changed = changes_between(git, &base, "HEAD").map_err(Failure::Write)?;
    let theirs_changed = changes_between(git, &base, theirs).map_err(Failure::Write)?;
    let both: Vec<String> = ours_changed
        .iter()
        .map(|(_, p)| p.clone())
        .filter(|p| theirs_changed.iter().any(|(_, q)| q == p))
        .collect();
    // -X ours only settles lines both changed; every file both changed is
    // rewritten whole below, so no record is a mix of the two.
    let mut merge_args: Vec<&str> = identity.iter().map(String::as_str).collect();
    merge_args.extend([
        "merge",
        "--quiet",
        "--no-ff",
        "--no-commit",
        "--allow-unrelated-histories",
        "-X",
        "ours",
        "-X",
        "no-renames",
        theirs,
    ]);
    let merged = git.run(&merge_args);
    if git
        .text(&["rev-parse", "--quiet", "--verify", "MERGE_HEAD"])
        .is_err()
    {
        let why = merged.err().unwrap_or_default();
        return Err(Failure::Write(format!(
            "git could not merge the remote's changes ({why}); nothing was changed here"
        )));
    }
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S").to_string();
    let mut copies = Vec::new();
    for path in &both {
        let ours = git.text(&["rev-parse", "--quiet", "--verify", &format!("HEAD:{path}")]);
        let other = git.text(&[
            "rev-parse",
            "--quiet",
            "--verify",
            &format!("{theirs}:{path}"),
        ]);
        match (ours, other) {
            (Ok(o), Ok(t)) if o == t => {}
            (Ok(o), Ok(t)) => {
                git.write_blob(&o, path)?;
                let copy = copy_name(&git.dir, path, &stamp);
                git.write_blob(&t, &copy)?;
                copies.push(ConflictCopy {
                    original: path.clone(),
                    copy,
                    moved_from: None,
                });
            }
            (Ok(o), Err(_)) => git.write_blob(&o, path)?,
            (Err(_), Ok(t)) => git.write_blob(&t, path)?,
            (Err(_), Err(_)) => {}
        }
    }
    copies.extend(split_twins(git, ws, &stamp)?);
    git.run(&["add", "--all"]).map_err(Failure::Write)?;
    let mut message = format!("Merge the changes from {url}");
    let names: Vec<String> = copies
        .iter()
        .map(|c| format!("{} (theirs as {})", c.original, c.copy))
        .collect();
    let body = if names.is_empty() {
        String::new()
    } else {
        format!("Changed on both sides, both kept: {}", names.join(", "))
    };
    if !body.is_empty() {
        message.push_str(" (with conflict copies)");
    }
    git.commit(identity, &[&message, &body])
        .map_err(Failure::Write)?;
    Ok(copies)
}

/// One record in two files after the merge: one side moved it to another
/// file (a diary entry whose date changed) while the other changed it in
/// place, and git, which sees two files, kept both. This side's file (the
/// one in HEAD) stays; the other side's becomes a conflict copy beside it,
/// so the workspace never holds one id twice.
fn split_twins(git: &Git, ws: &Workspace, stamp: &str) -> Result<Vec<ConflictCopy>, Failure> {
    let (conflicts, _) = ws.conflicts();
    let in_head = |rel: &Path| {
        let path = store::trash::slashed(rel);
        git.ok(&["cat-file", "-e", &format!("HEAD:{path}")])
    };
    let mut copies = Vec::new();
    for c in conflicts {
        let Some(mine) = &c.mine else { continue };
        if c.origin != store::conflicts::Origin::SameId {
            continue;
        }
        // The pair is ours and theirs only when exactly one was here.
        let (ours, other) = match (in_head(&mine.rel_path), in_head(&c.theirs.rel_path)) {
            (true, false) => (&mine.rel_path, &c.theirs.rel_path),
            (false, true) => (&c.theirs.rel_path, &mine.rel_path),
            _ => continue,
        };
        let original = store::trash::slashed(ours);
        let from = store::trash::slashed(other);
        let copy = copy_name(&git.dir, &original, stamp);
        let (at, to) = (git.dir.join(other), git.dir.join(&copy));
        std::fs::rename(&at, &to).map_err(|e| Failure::Write(format!("{}: {e}", at.display())))?;
        copies.push(ConflictCopy {
            original,
            copy,
            moved_from: Some(from),
        });
    }
    Ok(copies)
}

/// `diary/2026/2026-11-20-<id>.ron` → `diary/2026/2026-11-20-<id>.conflict-copy-<time>.txt`
/// (a name the app does not load as a record), unused so far.
fn copy_name(dir: &Path, path: &str, stamp: &str) -> String {
    let stem = path.strip_suffix(".ron").unwrap_or(path);
    let mut name = format!("{stem}.conflict-copy-{stamp}.txt");
    let mut n = 2;
    while dir.join(&name).exists() {
        name = format!("{stem}.conflict-copy-{stamp}-{n}.txt");
        n += 1;
    }
    name
}

/// The workspace's own repository.
struct Git {
    dir: PathBuf,
}

impl Git {
    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new("git");
        cmd.arg("--git-dir")
            .arg(self.dir.join(".git"))
            .arg("--work-tree")
            .arg(&self.dir)
            .args(args)
            .current_dir(&self.dir);
        cmd
    }

    /// Runs a local git command; its output, or git's own message.
    fn bytes(&self, args: &[&str]) -> Result<Vec<u8>, String> {
        let out = self
            .command(args)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("git: {e}"))?;
        if out.status.success() {
            Ok(out.stdout)
        } else {
            Err(git_message(&out.stderr, args))
        }
    }

    fn text(&self, args: &[&str]) -> Result<String, String> {
        self.bytes(args)
            .map(|b| String::from_utf8_lossy(&b).trim().to_string())
    }

    fn run(&self, args: &[&str]) -> Result<(), String> {
        self.bytes(args).map(drop)
    }

    fn ok(&self, args: &[&str]) -> bool {
        self.bytes(args).is_ok()
    }

    /// fetch and push: the terminal stays the learner's, so an ssh
    /// passphrase or a credential prompt works as with git itself.
    fn network(&self, args: &[&str]) -> Result<(), String> {
        let out = self
            .command(args)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .output()
            .map_err(|e| format!("git: {e}"))?;
        if out.status.success() {
            Ok(())
        } else {
            Err(git_message(&out.stderr, args))
        }
    }

    fn commit(&self, identity: &[String], message: &[&str]) -> Result<(), String> {
        let mut args: Vec<&str> = identity.iter().map(String::as_str).collect();
        args.extend(["commit", "--quiet", "--no-verify"]);
        for part in message.iter().filter(|m| !m.is_empty()) {
            args.extend(["-m", part]);
        }
        self.run(&args)
    }

    /// Writes a stored version of a file into the workspace at `path`.
    fn write_blob(&self, blob: &str, path: &str) -> Result<(), Failure> {
        if Path::new(path)
            .components()
            .any(|c| !matches!(c, std::path::Component::Normal(_)))
        {
            return Err(Failure::Write(format!(
                "git named a file outside the workspace: {path}"
            )));
        }
        let bytes = self
            .bytes(&["cat-file", "blob", blob])
            .map_err(Failure::Write)?;
        let target = self.dir.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| Failure::Write(format!("{}: {e}", parent.display())))?;
        }
        store::fsio::write_atomic(&target, &bytes)
            .map_err(|e| Failure::Write(format!("{}: {e}", target.display())))
    }
}

/// git's last line of complaint, or what was run when it said nothing.
fn git_message(stderr: &[u8], args: &[&str]) -> String {
    let text = String::from_utf8_lossy(stderr);
    text.lines()
        .map(str::trim)
        .rfind(|l| !l.is_empty())
        .map(str::to_string)
        .unwrap_or_else(|| format!("git {} failed", args.join(" ")))
}

/// `starlog sync --conflicts`: every record with two versions, numbered,
/// both versions in words. Exit status 0.
pub fn list_conflicts(
    root: &Path,
    workspace: &str,
    days: &crate::config::Days,
) -> Result<u8, Failure> {
    let ws = Workspace::open(root, workspace, Mode::ReadOnly)?;
    let (conflicts, problems) = ws.conflicts();
    for p in &problems {
        eprintln!("starlog: {p}");
    }
    let mut out = super::out::Out::stdout();
    for copy in ws.header_copies() {
        let _ = writeln!(
            out,
            "Your profile and settings were changed on both sides: yours are in {}, \
             theirs in {}. Compare them and copy what you want by hand, then delete the copy.\n",
            store::HEADER_FILE,
            store::trash::slashed(&copy)
        );
    }
    if conflicts.is_empty() {
        let _ = writeln!(
            out,
            "No record has two versions: nothing to choose between."
        );
    } else {
        let _ = writeln!(
            out,
            "{} changed on two computers. Choose with `starlog sync --resolve N --keep \
             mine|theirs|both` (the version dropped goes to the trash), or in the app (V).",
            crate::domain::words::count(conflicts.len(), "record was", "records were")
        );
        for (i, c) in conflicts.iter().enumerate() {
            let _ = write!(out, "\n{}", describe(i + 1, c, days));
        }
    }
    out.finish()?;
    Ok(0)
}

/// One conflict in words: the record, its two files, the fields that
/// differ with each version's text, and the fields the same in both.
pub fn describe(n: usize, c: &store::conflicts::Conflict, days: &crate::config::Days) -> String {
    use store::conflicts::Origin;
    let record = c.record();
    let title = crate::tui::truncate(&crate::tui::record_title(record, days), 60);
    let why = match c.origin {
        Origin::SyncCopy => "changed here and on another computer",
        Origin::SameId => "one record in two files (moved on one computer, changed on another)",
    };
    let mut s = format!("{n}. The {} \"{title}\": {why}\n", record.label());
    match &c.mine {
        Some(m) => s.push_str(&format!(
            "   yours:  {}\n",
            store::trash::slashed(&m.rel_path)
        )),
        None => s.push_str("   yours:  gone from this computer (deleted, or in the trash)\n"),
    }
    s.push_str(&format!(
        "   theirs: {}\n",
        store::trash::slashed(&c.theirs.rel_path)
    ));
    let Some(mine) = &c.mine else {
        return s;
    };
    let comparison = crate::domain::versions::compare(&mine.record, &c.theirs.record);
    for change in &comparison.changed {
        s.push_str(&format!("   {}\n", change.field));
        for (who, text) in [("yours ", &change.mine), ("theirs", &change.theirs)] {
            let mut lines = text.lines();
            s.push_str(&format!("     {who}: {}\n", lines.next().unwrap_or("")));
            for more in lines {
                s.push_str(&format!("             {more}\n"));
            }
        }
    }
    if comparison.changed.is_empty() {
        s.push_str("   The two versions hold the same words.\n");
    }
    if !comparison.same.is_empty() {
        s.push_str(&format!(
            "   The same in both: {}\n",
            comparison.same.join(", ")
        ));
    }
    if !c.allows(store::conflicts::Choice::KeepBoth) {
        s.push_str("   (An attached file's record: keep yours or take theirs.)\n");
    }
    s
}

/// `starlog sync --resolve N --keep mine|theirs|both`.
pub fn resolve(
    root: &Path,
    workspace: &str,
    which: &str,
    choice: store::conflicts::Choice,
    days: &crate::config::Days,
) -> Result<u8, Failure> {
    use store::conflicts::Choice;
    let ws = Workspace::open(root, workspace, Mode::Write)?;
    let (conflicts, _) = ws.conflicts();
    let named = |c: &&store::conflicts::Conflict| {
        let as_given = Path::new(which);
        let rel = as_given.strip_prefix(ws.dir()).unwrap_or(as_given);
        c.theirs.rel_path == rel || c.mine.as_ref().is_some_and(|m| m.rel_path == rel)
    };
    let found = match which.parse::<usize>() {
        Ok(n) => n.checked_sub(1).and_then(|i| conflicts.get(i)),
        Err(_) => conflicts.iter().find(named),
    };
    let Some(conflict) = found else {
        return Err(Failure::Usage(if conflicts.is_empty() {
            "no record has two versions: nothing to choose between".into()
        } else {
            format!(
                "{which} is not one of the {} listed by `starlog sync --conflicts`",
                crate::domain::words::count(conflicts.len(), "record", "records")
            )
        }));
    };
    if !conflict.allows(choice) {
        return Err(Failure::Usage(
            "an attached file's record keeps its id, so both cannot be kept: use --keep \
             mine or --keep theirs"
                .into(),
        ));
    }
    let resolved = ws.resolve(conflict, choice)?;
    let record = conflict.record();
    let title = crate::tui::truncate(&crate::tui::record_title(record, days), 50);
    let what = match choice {
        Choice::KeepMine => format!("Kept yours of the {} \"{title}\"", record.label()),
        Choice::TakeTheirs => format!("Took theirs of the {} \"{title}\"", record.label()),
        Choice::KeepBoth => format!(
            "Kept both versions of the {} \"{title}\": theirs is a new record",
            record.label()
        ),
    };
    let dropped = match (choice, &conflict.mine) {
        (Choice::KeepMine, _) => "theirs is",
        (Choice::TakeTheirs, Some(_)) => "yours is",
        (Choice::TakeTheirs, None) => "their copy is",
        (Choice::KeepBoth, _) => "their file, its words now in the new record, is",
    };
    println!(
        "{what}; {dropped} in the trash ({}). u in the app undoes it; T lists the trash.",
        resolved.deletion.trashed
    );
    Ok(0)
}
