//! `starlog feedback add --activity`: feedback about a development activity,
//! named by its title or id, as a learner types it straight after a session.

use crate::common::{self, demo, starlog};
use starlog::domain::{Activity, Feedback};

#[test]
fn feedback_is_added_about_an_activity_named_by_part_of_its_title() {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path();
    demo(root);
    let ws = root.join("demo");
    let shadowing = common::ron_files(&ws.join("activities"))
        .iter()
        .map(|p| common::decode::<Activity>(p))
        .find(|a| a.title == "Shadowing the Billing Exceptions team")
        .expect("the demo's shadowing");
    let before = common::ron_files(&ws.join("feedback"));
    let (code, out, err) = starlog(
        root,
        &[
            "--workspace",
            "demo",
            "feedback",
            "add",
            "Good",
            "questions",
            "while",
            "you",
            "sat",
            "with",
            "us",
            "--source",
            "colleague",
            "--valence",
            "positive",
            "--activity",
            "billing exceptions",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("about “Shadowing the Billing Exceptions team”"),
        "{out}"
    );
    let added: Vec<Feedback> = common::ron_files(&ws.join("feedback"))
        .into_iter()
        .filter(|p| !before.contains(p))
        .map(|p| common::decode::<Feedback>(&p))
        .collect();
    assert_eq!(added.len(), 1);
    assert_eq!(added[0].activity, Some(shadowing.id.clone()));
}

#[test]
fn an_activity_that_names_none_or_several_adds_nothing() {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path();
    demo(root);
    let before = common::ron_files(&root.join("demo/feedback"));
    let add = |activity: &str| {
        starlog(
            root,
            &[
                "--workspace",
                "demo",
                "feedback",
                "add",
                "Useful",
                "--source",
                "self",
                "--valence",
                "positive",
                "--activity",
                activity,
            ],
        )
    };
    let (code, _, err) = add("webinar on tariffs");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("no activity's title or id matches"), "{err}");
    let (code, _, err) = add("the");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("activities ("), "names the candidates: {err}");
    assert_eq!(common::ron_files(&root.join("demo/feedback")), before);
}
