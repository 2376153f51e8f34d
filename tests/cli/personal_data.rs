//! Personal data at capture and at export: `add` and `feedback add` warn
//! about what looks like a customer's detail (the record is saved, the exit
//! code is unchanged), and `export --redact` removes details from every
//! field, the profile's included.

use crate::common::starlog;

#[test]
fn add_warns_about_a_customers_details_and_still_saves() {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path();
    let (code, out, err) = starlog(
        root,
        &[
            "add",
            "Rang Mrs Ali back on 07700 900321",
            "--tag",
            "amina.ali@hotmail.co.uk",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Added"), "{out}");
    assert!(
        err.contains("warning: text: looks like a customer's phone number (••••• ••0321)"),
        "{err}"
    );
    assert!(
        err.contains("warning: tags: looks like a customer's e-mail address"),
        "{err}"
    );
    assert!(
        !err.contains("900321"),
        "the warning masks the detail: {err}"
    );
    let (code, listed, _) = starlog(root, &["list"]);
    assert_eq!(code, 0);
    assert!(listed.contains("07700 900321"), "saved as typed: {listed}");

    let (code, _, err) = starlog(root, &["add", "Quiet day, 38 calls, AHT 380 s"]);
    assert_eq!(code, 0);
    assert!(!err.contains("warning"), "{err}");
}

#[test]
fn feedback_add_warns_about_the_role_and_who() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (code, out, err) = starlog(
        tmp.path(),
        &[
            "feedback",
            "add",
            "Thanks for sorting the refund",
            "--source",
            "customer",
            "--valence",
            "positive",
            "--who",
            "Mrs K",
            "--role",
            "caller, DOB 12/03/1985",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Added"), "{out}");
    assert!(
        err.contains("warning: role: looks like a customer's date of birth"),
        "{err}"
    );
}
