//! `starlog feedback add`: capture feedback from the shell straight after a
//! call. It only creates a new file, so it runs while the app is open (the app
//! picks the item up on its next reload).

use super::{Failure, now, parse_day, today};
use crate::cli::FeedbackAddArgs;
use crate::domain::{self, Feedback, FeedbackMethod, FeedbackSource, Id, Records, Valence};
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
    /// The development activity it is about, if any.
    pub activity: Option<Id>,
}

/// The activity `typed` names: the start of its id (4 characters or more),
/// its whole title (any case), or a part of the title only one activity has.
pub fn find_activity(records: &Records, typed: &str) -> Result<Id, String> {
    let t = typed.trim();
    if t.is_empty() {
        return Err("name the activity by its title or the start of its id".into());
    }
    let upper = t.to_ascii_uppercase();
    let by_id: Vec<&Id> = records
        .activities
        .iter()
        .map(|a| &a.id)
        .filter(|id| upper.len() >= 4 && id.as_str().starts_with(&upper))
        .collect();
    if let [id] = by_id.as_slice() {
        return Ok((*id).clone());
    }
    let lower = t.to_lowercase();
    let whole: Vec<&Id> = records
        .activities
        .iter()
        .filter(|a| a.title.trim().to_lowercase() == lower)
        .map(|a| &a.id)
        .collect();
    if let [id] = whole.as_slice() {
        return Ok((*id).clone());
    }
    let part: Vec<&domain::Activity> = records
        .activities
        .iter()
        .filter(|a| a.title.to_lowercase().contains(&lower))
        .collect();
    match part.as_slice() {
        [a] => Ok(a.id.clone()),
        [] if records.activities.is_empty() => Err(format!(
            "there are no activities yet, so `{t}` names none: add the activity to the plan first"
        )),
        [] => Err(format!(
            "no activity's title or id matches `{t}` (`starlog plan` lists them)"
        )),
        many => Err(format!(
            "`{t}` matches {} activities ({}): give more of the title, or the id",
            many.len(),
            many.iter()
                .map(|a| format!("“{}” {}", a.title, a.id.short()))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
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
    let mut new = NewFeedback {
        source: args.source,
        valence: args.valence,
        method: args.method.unwrap_or(FeedbackMethod::Conversation),
        who: args.who.unwrap_or_default(),
        role: args.role.unwrap_or_default(),
        tags: args.tags,
        date,
        text: args.text.join(" "),
        activity: None,
    };
    if new.text.trim().is_empty() {
        return Err(Failure::Usage(
            "the feedback text is empty: nothing was added".into(),
        ));
    }
    let ws = Workspace::open(root, workspace, Mode::Capture)?;
    let about = match &args.activity {
        Some(typed) => {
            let loaded = ws.load()?;
            let id = find_activity(&loaded.records, typed)
                .map_err(|e| Failure::Usage(format!("--activity: {e}")))?;
            let title = loaded
                .records
                .activities
                .iter()
                .find(|a| a.id == id)
                .map(|a| format!(" about “{}”", a.title))
                .unwrap_or_default();
            new.activity = Some(id);
            title
        }
        None => String::new(),
    };
    let f = add_feedback(&ws, new)?;
    let mut out = super::out::Out::stdout();
    let _ = writeln!(
        out,
        "Added {} {} feedback {} ({}, from {}){about} to {}",
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
    f.activity = new.activity;
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
            activity: None,
        }
    }

    #[test]
    fn an_activity_is_found_by_id_whole_title_or_a_part_only_it_has() {
        use crate::domain::{ActivityKind, testkit};
        let day = NaiveDate::from_ymd_opt(2026, 9, 24).expect("valid");
        let mut course = testkit::activity(1, ActivityKind::Course, day, None);
        course.title = "Complaints e-learning".into();
        let mut refresher = testkit::activity(2, ActivityKind::Course, day, None);
        refresher.title = "Complaints e-learning refresher".into();
        let mut shadowing = testkit::activity(3, ActivityKind::Shadowing, day, None);
        shadowing.title = "Shadowing Aisha on escalations".into();
        let records = Records {
            activities: vec![course.clone(), refresher.clone(), shadowing.clone()],
            ..Records::default()
        };
        assert_eq!(
            find_activity(&records, "complaints E-LEARNING"),
            Ok(course.id.clone()),
            "a whole title wins over the longer one it starts"
        );
        assert_eq!(find_activity(&records, "aisha"), Ok(shadowing.id.clone()));
        assert_eq!(
            find_activity(&records, &shadowing.id.as_str()[..8].to_lowercase()),
            Ok(shadowing.id.clone())
        );
        let both = find_activity(&records, "complaints").expect_err("two match");
        assert!(both.contains("matches 2 activities"), "{both}");
        assert!(both.contains("refresher"), "{both}");
        let none = find_activity(&records, "webinar").expect_err("none");
        assert!(none.contains("starlog plan"), "{none}");
        let empty = find_activity(&Records::default(), "webinar").expect_err("none");
        assert!(empty.contains("no activities yet"), "{empty}");
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
