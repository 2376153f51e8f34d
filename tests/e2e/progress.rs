//! End-to-end tests of the Progress screen: the real binary in a pty records
//! a KPI reading (one off the scale is refused at the field first), sees it
//! charted, and exports the portfolio from the screen.

use crate::common;

use common::{CTRL_S, Pty, TAB, TIMEOUT};
use std::path::Path;

fn kpi_files(root: &Path) -> Vec<std::path::PathBuf> {
    common::ron_files(&root.join("demo").join("kpis"))
}

#[test]
fn record_a_reading_then_export_from_the_progress_screen() {
    let root = common::temp_root();
    let out = common::run(root.path(), &["--workspace", "demo", "demo"]);
    assert!(out.status.success(), "{out:?}");
    let before = kpi_files(root.path()).len();

    let mut app = Pty::spawn(root.path(), &["--workspace", "demo"]);
    app.expect("Priya Shah");
    app.send("5");
    app.expect("19/22 readiness checks pass");
    app.expect("AHT (lower is better)");

    // AHT is selected first; its form comes set up for AHT.
    app.send("n");
    app.expect("New KPI reading");
    app.send(TAB);
    app.send("-5");
    app.send(CTRL_S);
    app.expect("AHT -5 is off the scale");
    assert_eq!(kpi_files(root.path()).len(), before, "nothing saved");
    // AHT as people write it: minutes and seconds, stored as seconds.
    app.send("\x7f\x7f5:50");
    app.send(CTRL_S);
    app.expect("Recorded AHT 350");
    let after = kpi_files(root.path());
    assert_eq!(after.len(), before + 1);
    assert!(
        after
            .iter()
            .any(|p| common::read(p).contains("value: 350.0")),
        "the reading is on disk"
    );

    // Export from the screen to a file of our choosing.
    let target = root.path().join("for-my-assessor.html");
    app.pause_after_form();
    app.send("x");
    app.expect("Export the portfolio");
    app.send(TAB);
    app.send(&"\x7f".repeat(200));
    app.send(&target.display().to_string());
    app.send(CTRL_S);
    app.wait_for("Exported to", TIMEOUT);
    let html = common::read(&target);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("Portfolio of evidence: Priya Shah"));
    assert!(html.contains("350 s"), "the new reading is in the export");
    app.pause_after_form();
    app.send("q");
    assert_eq!(app.wait_exit(TIMEOUT), 0);
}
