//! `starlog feedback add`: capture feedback from the shell straight after a
//! call. It only creates a new file, so it runs while the app is open (the app
//! picks the item up on its next reload).

use super::{Failure, now, parse_day, today};
use crate::cli::FeedbackAddArgs;
use crate::domain::{self, Feedback, FeedbackMethod, FeedbackSource, Id, Valence};
use crate::store::{Mode, Workspace};
use chrono::NaiveDate;
use std::io::Write;
use std::path::Path;

/// What `starlog feedback add` was given.
#[derive(Debug, Clone, PartialEq)]
pub struct NewFeedback {
    pub source: FeedbackSource,
    pub valence: Valence,
    pub method: FeedbackMethod,
    pub who: String,
    pub role: String,
    pub tags: Vec<String>,
    pub date: NaiveDate,
    pub text: String,
}

/// Runs `starlog feedback add`.
pub fn run_add(
    root: &Path,
    workspace: &str,
    read_only: bool,
    args: FeedbackAddArgs,
) -> Result<u8, Failure> {
    if read_only {
        return Err(Failure::Usage(
            "`starlog feedback add` needs to write: drop --read-only".into(),
        ));
    }
    // Check the input before touching the workspace, so a typo never half-happens.
    let date = match args.date {
        Some(d) => parse_day(&d)?,
        None => today(),
    };
    let new = NewFeedback {
        source: args.source,
        valence: args.valence,
        method: args.method.unwrap_or(FeedbackMethod::Conversation),
        who: args.who.unwrap_or_default(),
        role: args.role.unwrap_or_default(),
        tags: args.tags,
        date,
        text: args.text.join(" "),
    };
    if new.text.trim().is_empty() {
        return Err(Failure::Usage(
            "the feedback text is empty: nothing was added".into(),
        ));
    }
    let ws = Workspace::open(root, workspace, Mode::Capture)?;
    let f = add_feedback(&ws, new)?;
    let mut out = super::out::Out::stdout();
    let _ = writeln!(
        out,
        "Added {} {} feedback {} ({}, from {}) to {}",
        f.valence.label(),
        f.source.label(),
        f.id.short(),
        f.date,
        f.who_label(),
        ws.dir().display()
    );
    if f.valence.needs_reflection() {
        let _ = writeln!(
            out,
            "Reflect on it in the Feedback inbox: run starlog and press 3."
        );
    }
    out.finish()?;
    super::warn_personal_data(&f, "feedback");
    Ok(0)
}

/// Creates a new, untriaged feedback record.
pub fn add_feedback(ws: &Workspace, new: NewFeedback) -> Result<Feedback, Failure> {
    if new.text.trim().is_empty() {
        return Err(Failure::Usage(
            "the feedback text is empty: nothing was added".into(),
        ));
    }
    let mut f = Feedback::new(
        Id::generate(),
        new.date,
        now(),
        new.source,
        new.method,
        new.valence,
        new.text.trim().to_string(),
    );
    f.who = new.who.trim().to_string();
    f.role = new.role.trim().to_string();
    f.tags = domain::clean_tags(&new.tags);
    ws.create(&f)?;
    Ok(f)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::{parse_method, parse_source, parse_valence};
    use crate::domain::FeedbackState;

    fn sample() -> NewFeedback {
        NewFeedback {
            source: FeedbackSource::Customer,
            valence: Valence::Negative,
            method: FeedbackMethod::Complaint,
            who: "  ".into(),
            role: " post-call survey ".into(),
            tags: vec!["#hold, billing".into()],
            date: NaiveDate::from_ymd_opt(2026, 11, 20).expect("valid"),
            text: "  On hold three times.\n".into(),
        }
    }

    #[test]
    fn adds_a_new_untriaged_file_while_the_app_holds_the_lock() {
        let root = tempfile::tempdir().expect("temp dir");
        // The open app holds the lock; capture must still work beside it.
        let app = Workspace::open(root.path(), "default", Mode::Write).expect("app");
        let ws = Workspace::open(root.path(), "default", Mode::Capture).expect("capture");
        let f = add_feedback(&ws, sample()).expect("added");
        let loaded = app.load().expect("load");
        assert_eq!(loaded.records.feedback, std::slice::from_ref(&f));
        assert_eq!(f.state, FeedbackState::New);
        assert_eq!(f.text, "On hold three times.");
        assert_eq!(f.who, "", "blank name is anonymous");
        assert_eq!(f.role, "post-call survey");
        assert_eq!(f.tags, ["hold", "billing"]);
        assert_eq!(f.who_label(), "anonymous, post-call survey");
    }

    #[test]
    fn empty_text_adds_nothing() {
        let root = tempfile::tempdir().expect("temp dir");
        let ws = Workspace::open(root.path(), "default", Mode::Capture).expect("capture");
        let mut blank = sample();
        blank.text = " \n ".into();
        let err = add_feedback(&ws, blank).expect_err("empty");
        assert_eq!(err.exit_code(), 2);
        assert!(ws.load().expect("load").records.feedback.is_empty());
    }

    #[test]
    fn wrong_words_name_what_is_accepted() {
        let err = parse_source("boss").expect_err("not a source");
        assert!(err.contains("manager (or supervisor)"), "{err}");
        assert!(
            parse_valence("meh")
                .expect_err("no")
                .contains("positive, constructive or negative")
        );
        assert!(
            parse_method("fax")
                .expect_err("no")
                .contains("mystery-shopping")
        );
        assert_eq!(
            parse_method("mystery-shopping"),
            Ok(FeedbackMethod::MysteryShopping)
        );
        assert_eq!(
            parse_source("other-department"),
            Ok(FeedbackSource::OtherDepartment)
        );
    }
}
