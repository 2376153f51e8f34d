//! The terminal is put back as the shell had it on every way out: raw mode,
//! the alternate screen, mouse and paste reporting off, the cursor shown.

use crate::common;
use common::{Pty, TIMEOUT, TerminalModes};

/// Opens the app on a workspace with one entry, waits for its screen, checks
/// the app really changed the terminal, and returns it.
fn running_app(root: &std::path::Path) -> Pty {
    let (code, _, err) = common::starlog(root, &["add", "Zephyr caller angry about late parcel"]);
    assert_eq!(code, 0, "{err}");
    let mut app = Pty::spawn(root, &[]);
    app.expect("Zephyr caller angry about late parcel");
    let modes = app.modes();
    assert!(
        modes.alternate_screen && modes.mouse_reporting && modes.raw,
        "{modes:?}"
    );
    app
}

fn assert_restored(app: &Pty, how: &str) {
    assert_eq!(
        app.modes(),
        TerminalModes::default(),
        "after {how} the terminal is as the shell had it"
    );
}

#[test]
fn q_restores_the_terminal() {
    let root = common::temp_root();
    let mut app = running_app(root.path());
    app.send("q");
    assert_eq!(app.wait_exit(TIMEOUT), 0);
    assert_restored(&app, "q");
}

#[cfg(unix)]
#[test]
fn every_signal_restores_the_terminal() {
    for (signal, code) in [("TERM", 143), ("INT", 130), ("HUP", 129)] {
        let root = common::temp_root();
        let mut app = running_app(root.path());
        app.signal(signal);
        assert_eq!(app.wait_exit(TIMEOUT), code, "SIG{signal}");
        assert_restored(&app, &format!("SIG{signal}"));
    }
}
