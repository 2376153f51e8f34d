//! `starlog criteria list | show | check`: criteria sets built in and from
//! files, as a centre adding its own unit meets them.

use crate::common::starlog;
use std::path::Path;

const CENTRE_UNIT: &str = r#"// Our centre's own unit.
CriteriaSet(
    format: 1,
    id: "centre-unit-4",
    title: "Unit 4: Resolve customer service problems",
    criteria: [
        Criterion(id: "1.1", title: "Spot problems from the customer's point of view", levels: [2, 3]),
        Criterion(id: "1.2", title: "Agree a solution with the customer", levels: [2, 3]),
    ],
)
"#;

fn put(root: &Path, rel: &str, text: &str) -> std::path::PathBuf {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().expect("folder")).expect("create folder");
    std::fs::write(&path, text).expect("write");
    path
}

#[test]
fn a_set_dropped_into_the_criteria_folder_is_listed_shown_and_chosen() {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path();
    put(root, "criteria/unit-4.ron", CENTRE_UNIT);
    let (code, out, err) = starlog(root, &["criteria", "list"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.is_empty(), "{err}");
    for id in [
        "centre-unit-4",
        "develop-personal-performance",
        "customer-service-practitioner",
        "customer-service-specialist",
    ] {
        assert!(out.contains(&format!("  {id}  ")), "{id} listed: {out}");
    }
    assert!(out.contains("2 criteria, levels 2, 3;"), "{out}");
    assert!(out.contains(&root.join("criteria/unit-4.ron").display().to_string()));

    let (code, out, _) = starlog(root, &["criteria", "show", "develop-personal-performance"]);
    assert_eq!(code, 0);
    assert!(out.contains("1.3  Agree development needs with a line manager [level 2, 3]"));
    assert!(out.contains("Asks that somebody named agreed your development needs."));
    let (code, _, err) = starlog(root, &["criteria", "show", "unit-9"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("there is no criteria set `unit-9` (known: centre-unit-4"),
        "{err}"
    );

    // Chosen in the profile alongside the unit: marked, and checked.
    let (code, _, err) = starlog(root, &["add", "A first note"]);
    assert_eq!(code, 0, "{err}");
    let header = root.join("default/workspace.ron");
    let text = std::fs::read_to_string(&header).expect("header");
    let text = text.replace(
        "criteria_set: \"\",",
        "criteria_set: \"develop-personal-performance\",\n        more_criteria_sets: [\"centre-unit-4\"],",
    );
    std::fs::write(&header, text).expect("write header");
    let (_, out, _) = starlog(root, &["criteria", "list"]);
    assert!(out.contains("* centre-unit-4  "), "{out}");
    assert!(out.contains("* develop-personal-performance  "), "{out}");
    assert!(out.contains("  customer-service-specialist  "), "{out}");
    let (code, out, _) = starlog(root, &["check", "--json"]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let cov = v["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .find(|r| r["id"] == "criteria-evidence")
        .expect("criteria rule");
    assert!(
        cov["message"]
            .as_str()
            .unwrap_or("")
            .contains("no evidence for 1.1, 1.2 of Unit 4: Resolve customer service problems"),
        "{cov}"
    );
}

#[test]
fn check_names_the_line_column_and_what_was_expected() {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path();
    let good = put(root, "unit-4.ron", CENTRE_UNIT);
    let (code, out, err) = starlog(root, &["criteria", "check", "unit-4.ron"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("unit-4.ron: a criteria set `centre-unit-4` (“Unit 4: Resolve customer service problems”) with 2 criteria, levels 2, 3."),
        "{out}"
    );
    assert!(good.exists());

    put(
        root,
        "bad.ron",
        &CENTRE_UNIT.replace(
            "title: \"Agree a solution with the customer\"",
            "title: Agree",
        ),
    );
    let (code, out, err) = starlog(root, &["criteria", "check", "bad.ron"]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert_eq!(
        err,
        "bad.ron:8:36: Expected string (put text in double quotes, e.g. title: \"Communication\")\n"
    );

    put(
        root,
        "twice.ron",
        &CENTRE_UNIT
            .replace("id: \"1.2\"", "id: \"1.1\"")
            .replace("levels: [2, 3]),\n    ]", "levels: [4, 9]),\n    ]"),
    );
    let (code, _, err) = starlog(root, &["criteria", "check", "twice.ron"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("twice.ron: criterion `1.1` is listed twice"),
        "{err}"
    );
    assert!(err.contains("levels run from 1 to 8"), "{err}");

    let (code, _, err) = starlog(root, &["criteria", "check", "missing.ron"]);
    assert_eq!(code, 1);
    assert_eq!(err, "missing.ron: there is no such file\n");
}
