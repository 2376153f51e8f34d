//! `starlog coach add COACHEE ...` and `starlog coach list [--json]`: a team
//! leader's coaching log from the shell. `add` only creates a new file (like
//! `starlog add`, it runs while the app is open) and warns about anything
//! that looks like a customer's details; `list` prints the sessions by
//! coachee, oldest first, after what is due (follow-ups past their day,
//! impact not yet evaluated), the same reading the app and the readiness
//! rules make.

use super::{Failure, now, parse_day, report_problems, today};
use crate::cli::CoachAddArgs;
use crate::domain::coaching::{self, Due, FollowUp};
use crate::domain::{CoachingSession, Id, Records};
use crate::store::{Mode, Workspace};
use chrono::NaiveDate;
use std::io::Write;
use std::path::Path;

/// Runs `starlog coach add`.
pub fn run_add(
    root: &Path,
    workspace: &str,
    read_only: bool,
    args: CoachAddArgs,
) -> Result<u8, Failure> {
    if read_only {
        return Err(Failure::Usage(
            "`starlog coach add` needs to write: drop --read-only".into(),
        ));
    }
    let coachee = args.coachee.join(" ").trim().to_string();
    if coachee.is_empty() {
        return Err(Failure::Usage(
            "name the coachee (a colleague's name): nothing was added".into(),
        ));
    }
    let date = match &args.date {
        Some(d) => parse_day(d)?,
        None => today(),
    };
    let mut s = CoachingSession::new(Id::generate(), date, now());
    s.coachee = coachee;
    s.observed_on = args.observed_on.as_deref().map(parse_day).transpose()?;
    if let Some(o) = s.observed_on.filter(|o| *o > date) {
        return Err(Failure::Usage(format!(
            "--observed-on {o} is after the session ({date}): feedback follows what it is about"
        )));
    }
    s.follow_up = args.follow_up.as_deref().map(parse_day).transpose()?;
    if let Some(f) = s.follow_up.filter(|f| *f <= date) {
        return Err(Failure::Usage(format!(
            "--follow-up {f} is not after the session ({date}): give a later day"
        )));
    }
    for (slot, value) in [
        (&mut s.focus, &args.focus),
        (&mut s.goal, &args.goal),
        (&mut s.observed, &args.observed),
        (&mut s.feedback, &args.feedback),
        (&mut s.response, &args.response),
        (&mut s.actions, &args.actions),
        (&mut s.preference, &args.preference),
        (&mut s.barriers, &args.barriers),
        (&mut s.adapted, &args.adapted),
        (&mut s.workspace, &args.coachee_workspace),
    ] {
        if let Some(text) = value {
            *slot = text.trim().to_string();
        }
    }
    s.criteria = super::criteria_ids(&args.criteria);
    let ws = Workspace::open(root, workspace, Mode::Capture)?;
    ws.create(&s)?;
    let mut out = super::out::Out::stdout();
    let _ = writeln!(
        out,
        "Added coaching session with {} ({}) {} to {}",
        s.coachee,
        s.date,
        s.id.short(),
        ws.dir().display()
    );
    let missing: Vec<&str> = [
        ("feedback", &s.feedback),
        ("response", &s.response),
        ("actions", &s.actions),
    ]
    .into_iter()
    .filter(|(_, text)| text.is_empty())
    .map(|(flag, _)| flag)
    .collect();
    if !missing.is_empty() {
        let _ = writeln!(
            out,
            "An assessor looks for the feedback you gave, what the coachee said and the actions agreed: add --{} (or in the app: C, then e).",
            missing.join(", --")
        );
    } else if !s.feedback.is_empty() && !s.is_specific() {
        let _ = writeln!(
            out,
            "The feedback is brief: an assessor looks for what you saw, its effect and what to keep or change."
        );
    }
    if s.follow_up.is_none() {
        let _ = writeln!(
            out,
            "No follow-up day: add one (--follow-up +2w) so the log shows when it is due."
        );
    }
    out.finish()?;
    warn_personal_data(&s);
    Ok(0)
}

/// Warns, by the parts' own labels, about anything that looks like a
/// customer's detail (the record is kept; the exit code does not change).
fn warn_personal_data(s: &CoachingSession) {
    let mut texts = vec![("coachee", s.coachee.as_str()), ("focus", s.focus.as_str())];
    texts.extend(s.parts());
    super::warn_personal_data_in(texts, || {
        format!(
            "The session was saved as typed: edit coaching/{}.ron (or the session in the app: C, then e) to take the details out.",
            s.id
        )
    });
}

/// Where a session's follow-up stands, in words.
pub fn follow_up_words(state: FollowUp) -> String {
    match state {
        FollowUp::NotSet => "no follow-up set".into(),
        FollowUp::Planned(d) => format!("follow up {d}"),
        FollowUp::Held(d) => format!("followed up {d}"),
        FollowUp::Overdue(d) => format!("follow-up {d} OVERDUE"),
    }
}

/// The machine name of a follow-up state (`--json`).
fn follow_up_key(state: FollowUp) -> &'static str {
    match state {
        FollowUp::NotSet => "none",
        FollowUp::Planned(_) => "planned",
        FollowUp::Held(_) => "held",
        FollowUp::Overdue(_) => "overdue",
    }
}

/// The coaching log as text: what is due, then each coachee's sessions.
pub fn list_text(records: &Records, today: NaiveDate) -> String {
    let log = &records.coaching;
    let mut s = String::new();
    if log.is_empty() {
        s.push_str("No coaching sessions yet: add one with `starlog coach add COACHEE --focus ... --feedback ... --response ...`, or press C in the app.\n");
        return s;
    }
    let due = coaching::due(log, today);
    if due.is_empty() {
        s.push_str("Nothing due: every follow-up held or ahead, every impact due evaluated.\n\n");
    } else {
        s.push_str("Due\n");
        for d in &due {
            let (id, what) = match d {
                Due::FollowUp { session, day } => (session, format!("follow-up was due {day}")),
                Due::Impact { session } => (
                    session,
                    "impact not yet evaluated with the coachee".to_string(),
                ),
            };
            if let Some(session) = log.iter().find(|x| &x.id == id) {
                s.push_str(&format!(
                    "  {}  {}  {what}\n",
                    session.date,
                    session.headline()
                ));
            }
        }
        s.push('\n');
    }
    for (who, theirs) in coaching::by_coachee(log) {
        s.push_str(&format!(
            "{who} ({})\n",
            crate::domain::words::count(theirs.len(), "session", "sessions")
        ));
        for x in theirs {
            let impact = match x.impact_level() {
                0 => "impact not evaluated".to_string(),
                l if x.impact_with_coachee() => format!("impact L{l}, with the coachee"),
                l => format!("impact L{l}"),
            };
            s.push_str(&format!(
                "  {}  {}  {}; {}; {impact}\n",
                x.date,
                x.id.short(),
                if x.focus.trim().is_empty() {
                    "(no focus)"
                } else {
                    x.focus.trim()
                },
                follow_up_words(x.follow_up(log, today)),
            ));
            for (label, text) in x.parts() {
                s.push_str(&format!("      {label}: {}\n", text.replace('\n', " ")));
            }
        }
    }
    let nameless = log.iter().filter(|x| x.coachee.trim().is_empty()).count();
    if nameless > 0 {
        s.push_str(&format!(
            "{} name no coachee.\n",
            crate::domain::words::count(nameless, "session", "sessions")
        ));
    }
    s
}

/// The coaching log as JSON: every field of each session, newest first,
/// with where its follow-up stands and whether its impact is due.
pub fn list_json(records: &Records, today: NaiveDate) -> String {
    let log = &records.coaching;
    let items: Vec<serde_json::Value> = log
        .iter()
        .map(|x| {
            let mut v = serde_json::to_value(x).unwrap_or(serde_json::Value::Null);
            let state = x.follow_up(log, today);
            if let Some(map) = v.as_object_mut() {
                map.insert("follow_up_state".into(), follow_up_key(state).into());
                map.insert("impact_level".into(), x.impact_level().into());
                map.insert("impact_due".into(), x.impact_due(today).into());
                map.insert("feedback_days".into(), x.feedback_delay().into());
                map.insert("timely".into(), x.is_timely().into());
            }
            v
        })
        .collect();
    serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".to_string())
}

/// Runs `starlog coach list`.
pub fn run_list(root: &Path, workspace: &str, as_json: bool) -> Result<u8, Failure> {
    let ws = Workspace::open(root, workspace, Mode::ReadOnly)?;
    let loaded = ws.load()?;
    report_problems(&loaded.problems);
    let mut out = super::out::Out::stdout();
    let text = if as_json {
        list_json(&loaded.records, today()) + "\n"
    } else {
        list_text(&loaded.records, today())
    };
    let _ = out.write_all(text.as_bytes());
    out.finish()?;
    Ok(0)
}
