//! `starlog team`: the caseload, one line per learner workspace under a
//! root, as a table or JSON. Reads only: no lock is taken and nothing is
//! written into any learner's workspace (see `crate::caseload`).

use super::Failure;
use super::out::Out;
use crate::caseload;
use crate::domain::caseload::{Member, MemberState, SortKey, sort};
use crate::store::team::TeamProgress;
use crate::tui::search::view::thousands;
use chrono::NaiveDate;
use std::io::{IsTerminal, Write};
use std::path::Path;
use unicode_width::UnicodeWidthStr;

/// In a terminal (without `--json`), opens the Team screen; else reads the
/// caseload under `root` and prints it. Exit status 0 (a learner who could
/// not be read is a line of the report, not a failure).
pub fn run(
    root: &caseload::Root,
    key: SortKey,
    as_json: bool,
    settings: &crate::config::LoadedConfig,
) -> Result<u8, Failure> {
    let today = crate::clock::today();
    if !as_json && std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        if !root.path.is_dir() {
            return Err(Failure::Open(crate::store::OpenError::Io {
                path: root.path.clone(),
                source: std::io::Error::from(std::io::ErrorKind::NotFound),
            }));
        }
        let mut team = crate::tui::screens::team::Team::new(root.clone(), today, &settings.config);
        team.sort = key;
        crate::tui::screens::team::run_terminal(&mut team, settings)
            .map_err(|e| super::terminal_failed(&e))?;
        return Ok(0);
    }
    // On a terminal, stderr says how far the read has got (stdout is the
    // report, so it stays clean for a pipe or `--json`).
    let ticker = std::io::stderr()
        .is_terminal()
        .then(|| Ticker::new(std::io::stderr()));
    let started = std::time::Instant::now();
    let progress = TeamProgress::default();
    let (read, mut ticker) = read_showing(&root.path, today, &progress, ticker);
    let mut members = read?;
    sort(&mut members, key);
    let text = if as_json {
        json(&root.path, today, &members)
    } else {
        table(root, today, &members)
    };
    let mut out = Out::stdout();
    let _ = out.write_all(text.as_bytes());
    out.finish()?;
    if let Some(ticker) = &mut ticker {
        ticker.done(&progress, started.elapsed());
    }
    Ok(0)
}

/// Reads the caseload; with a ticker, on a thread of its own while this one
/// shows the progress every tenth of a second, then clears the line.
fn read_showing<W: Write>(
    root: &Path,
    today: NaiveDate,
    progress: &TeamProgress,
    ticker: Option<Ticker<W>>,
) -> (Result<Vec<Member>, Failure>, Option<Ticker<W>>) {
    let Some(mut ticker) = ticker else {
        return (
            caseload::read(root, today, progress).map_err(Failure::from),
            None,
        );
    };
    let read = std::thread::scope(|s| {
        let job = s.spawn(|| caseload::read(root, today, progress));
        while !job.is_finished() {
            ticker.show(progress);
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        ticker.clear();
        job.join()
    });
    let read = match read {
        Ok(read) => read.map_err(Failure::from),
        Err(_) => Err(Failure::Other(
            "reading the learners' workspaces stopped with an internal error".into(),
        )),
    };
    (read, Some(ticker))
}

/// The progress line on stderr: "Reading the learners' workspaces… 37 of
/// 200 (36,000 records)", rewritten in place, the same words as the Team
/// screen's.
struct Ticker<W: Write> {
    out: W,
    /// How wide the last line was, to rub it out.
    shown: usize,
}

impl<W: Write> Ticker<W> {
    fn new(out: W) -> Self {
        Ticker { out, shown: 0 }
    }

    fn show(&mut self, progress: &TeamProgress) {
        let (read, found, records) = counts(progress);
        let line = if found == 0 {
            "Looking for learners' workspaces…".to_string()
        } else {
            format!(
                "Reading the learners' workspaces… {read} of {found} ({} records)",
                thousands(records)
            )
        };
        self.put(&line);
    }

    fn put(&mut self, line: &str) {
        let width = line.width();
        let rub = " ".repeat(self.shown.saturating_sub(width));
        let _ = write!(self.out, "\r{line}{rub}");
        let _ = self.out.flush();
        self.shown = width;
    }

    /// Rubs the line out, so the report starts on a clean line.
    fn clear(&mut self) {
        if self.shown > 0 {
            let _ = write!(self.out, "\r{}\r", " ".repeat(self.shown));
            let _ = self.out.flush();
            self.shown = 0;
        }
    }

    /// After the report: how much was read, and how long it took.
    fn done(&mut self, progress: &TeamProgress, took: std::time::Duration) {
        let (read, _, records) = counts(progress);
        let _ = writeln!(
            self.out,
            "Read {} ({} records) in {:.1} s.",
            crate::domain::words::count(read, "learner workspace", "learner workspaces"),
            thousands(records),
            took.as_secs_f64()
        );
    }
}

fn counts(progress: &TeamProgress) -> (usize, usize, usize) {
    use std::sync::atomic::Ordering::Relaxed;
    (
        progress.read.load(Relaxed),
        progress.workspaces.load(Relaxed),
        progress.records.load(Relaxed),
    )
}

fn day(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_else(|| "-".into())
}

/// Pads `text` to `width` columns (wide characters count twice).
fn pad(text: &str, width: usize) -> String {
    let shown = if text.width() > width {
        let mut cut = String::new();
        for c in text.chars() {
            if cut.width() + unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) + 1 > width {
                break;
            }
            cut.push(c);
        }
        cut.push('…');
        cut
    } else {
        text.to_string()
    };
    let fill = width.saturating_sub(shown.width());
    format!("{shown}{}", " ".repeat(fill))
}

/// The report as a table: one line per learner, the failing rules under it.
pub fn table(root: &caseload::Root, today: NaiveDate, members: &[Member]) -> String {
    let mut s = format!(
        "Caseload in {} ({}): {} on {today}\n",
        root.path.display(),
        root.from,
        crate::domain::words::count(members.len(), "learner workspace", "learner workspaces"),
    );
    if members.is_empty() {
        s.push_str(
            "No learner workspaces here (a workspace is a folder holding workspace.ron). \
             Give the folder of your learners' workspaces with --root DIR, or set team_root in config.ron.\n",
        );
        return s;
    }
    let name_width = members
        .iter()
        .map(|m| m.display_name().width())
        .max()
        .unwrap_or(0)
        .clamp(7, 24);
    s.push_str(&format!(
        "\n{}  LVL  READY  LAST ENTRY  NEXT REVIEW             UNREFLECTED  OVERDUE OBJ  COACHED\n",
        pad("LEARNER", name_width)
    ));
    for m in members {
        let name = pad(m.display_name(), name_width);
        match &m.state {
            MemberState::Problem(why) => {
                s.push_str(&format!("{name}  could not be read: {why}\n"));
            }
            MemberState::Read {
                summary,
                unreadable_files,
            } => {
                let level = summary
                    .level
                    .map(|l| l.to_string())
                    .unwrap_or_else(|| "-".into());
                let review = match (summary.next_review, summary.review_overdue_days(today)) {
                    (Some(date), Some(days)) => format!("{date} OVERDUE {days}d"),
                    (Some(date), None) => date.to_string(),
                    (None, _) => "-".into(),
                };
                s.push_str(&format!(
                    "{name}  {level:>3}  {:>5}  {:<10}  {}  {:>11}  {:>11}  {}\n",
                    summary.readiness_label(),
                    day(summary.last_entry),
                    pad(&review, 22),
                    summary.unreflected,
                    summary.overdue_objectives,
                    day(summary.last_coaching),
                ));
                if m.display_name() != m.folder {
                    s.push_str(&format!("    folder: {}\n", m.folder));
                }
                if !summary.failing.is_empty() {
                    let rules: Vec<String> = summary
                        .failing
                        .iter()
                        .map(|r| format!("{} {}", r.number, r.id))
                        .collect();
                    s.push_str(&format!("    not yet: {}\n", rules.join(", ")));
                }
                if *unreadable_files > 0 {
                    s.push_str(&format!(
                        "    {} could not be read (`starlog check` in that workspace names them)\n",
                        crate::domain::words::count(*unreadable_files, "file", "files")
                    ));
                }
            }
        }
    }
    s
}

/// The report as JSON for tools: every learner with the same keys, `null`
/// where a value is unknown.
pub fn json(root: &Path, today: NaiveDate, members: &[Member]) -> String {
    let learners: Vec<serde_json::Value> = members
        .iter()
        .map(|m| match &m.state {
            MemberState::Read {
                summary: s,
                unreadable_files,
            } => serde_json::json!({
                "folder": m.folder,
                "name": s.name,
                "level": s.level,
                "readiness": {
                    "passed": s.passed,
                    "total": s.rules,
                    "failing": s.failing.iter().map(|r| serde_json::json!({
                        "number": r.number,
                        "id": r.id,
                        "title": r.title,
                    })).collect::<Vec<_>>(),
                },
                "last_entry": s.last_entry.map(|d| d.to_string()),
                "next_review": s.next_review.map(|d| d.to_string()),
                "review_overdue_days": s.review_overdue_days(today),
                "unreflected_feedback": s.unreflected,
                "overdue_objectives": s.overdue_objectives,
                "last_coaching": s.last_coaching.map(|d| d.to_string()),
                "unreadable_files": unreadable_files,
                "problem": serde_json::Value::Null,
            }),
            MemberState::Problem(why) => serde_json::json!({
                "folder": m.folder,
                "name": serde_json::Value::Null,
                "level": serde_json::Value::Null,
                "readiness": serde_json::Value::Null,
                "last_entry": serde_json::Value::Null,
                "next_review": serde_json::Value::Null,
                "review_overdue_days": serde_json::Value::Null,
                "unreflected_feedback": serde_json::Value::Null,
                "overdue_objectives": serde_json::Value::Null,
                "last_coaching": serde_json::Value::Null,
                "unreadable_files": serde_json::Value::Null,
                "problem": why,
            }),
        })
        .collect();
    let doc = serde_json::json!({
        "root": root.display().to_string(),
        "today": today.to_string(),
        "learners": learners,
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".into());
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::Ordering::Relaxed;

    #[test]
    fn the_progress_line_is_rewritten_in_place_and_rubbed_out_before_the_report() {
        let progress = TeamProgress::default();
        let mut ticker = Ticker::new(Vec::new());
        ticker.show(&progress);
        progress.workspaces.store(200, Relaxed);
        progress.read.store(37, Relaxed);
        progress.records.store(36_000, Relaxed);
        ticker.show(&progress);
        progress.read.store(200, Relaxed);
        ticker.clear();
        ticker.done(&progress, std::time::Duration::from_millis(1500));
        let text = String::from_utf8(ticker.out).expect("utf-8");
        let steps: Vec<&str> = text.split('\r').collect();
        assert_eq!(steps[1], "Looking for learners' workspaces…");
        assert!(
            steps[2].starts_with("Reading the learners' workspaces… 37 of 200 (36,000 records)"),
            "{text:?}"
        );
        // The clear writes spaces over the whole last line and goes back.
        assert_eq!(steps[3].trim(), "");
        assert_eq!(
            steps[3].chars().count(),
            steps[2].chars().count(),
            "{text:?}"
        );
        assert_eq!(
            steps[4],
            "Read 200 learner workspaces (36,000 records) in 1.5 s.\n"
        );
    }
}
