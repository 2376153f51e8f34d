//! The one test harness: every test that runs the `starlog` binary goes
//! through it, so no test reads the developer's own settings or data.
//!
//! - [`command`] / [`run`] / [`starlog`] run the binary without a terminal;
//!   [`Pty`] runs it in an 80x24 pseudo-terminal and reads its screen through
//!   a vt100 parser (a reader thread always drains the pty master, so the
//!   child never blocks on a full pty buffer, whatever the test is doing).
//! - Both give the child the same sealed environment ([`isolate`]): HOME,
//!   the XDG folders and their Windows equivalents point into a sandbox
//!   folder under the target dir, `STARLOG_CONFIG` is `<root>/config.ron`
//!   (absent unless the test writes it), `STARLOG_DIR`, `NO_COLOR`, `EDITOR`
//!   and `VISUAL` are removed, and `STARLOG_TODAY` pins today to [`TODAY`].
//! - [`decode`] reads a record file the way the store does.

#![allow(dead_code)] // each test group uses a different part of the harness

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Mutex, OnceLock};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// The day every run of the binary takes as today (`STARLOG_TODAY`).
pub const TODAY: &str = "2026-11-29";

/// [`TODAY`] as a date.
pub fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").expect("TODAY is a date")
}

/// Variables removed from every child's environment.
const REMOVED: &[&str] = &["STARLOG_DIR", "NO_COLOR", "EDITOR", "VISUAL"];

/// An empty home for the binary, shared by all tests of a run: HOME, the XDG
/// folders and their macOS / Windows equivalents all point into it.
/// Nothing should ever be written here (tests pass `--dir` and a config),
/// but for the caseload's own cache (`starlog team`), which belongs in the
/// cache folder.
pub fn sandbox_home() -> &'static Path {
    static HOME: OnceLock<PathBuf> = OnceLock::new();
    HOME.get_or_init(|| {
        let home = Path::new(env!("CARGO_TARGET_TMPDIR")).join("starlog-sandbox-home");
        for sub in [
            "config",
            "data",
            "state",
            "cache",
            "AppData/Roaming",
            "AppData/Local",
        ] {
            std::fs::create_dir_all(home.join(sub)).expect("create the sandbox home");
        }
        home
    })
}

/// The sealed environment of a child run on data root `root`: what is set.
pub fn isolated_env(root: &Path) -> Vec<(&'static str, OsString)> {
    let home = sandbox_home();
    vec![
        ("HOME", home.into()),
        ("USERPROFILE", home.into()),
        ("XDG_CONFIG_HOME", home.join("config").into()),
        ("XDG_DATA_HOME", home.join("data").into()),
        ("XDG_STATE_HOME", home.join("state").into()),
        ("XDG_CACHE_HOME", home.join("cache").into()),
        ("APPDATA", home.join("AppData/Roaming").into()),
        ("LOCALAPPDATA", home.join("AppData/Local").into()),
        ("STARLOG_CONFIG", root.join("config.ron").into()),
        ("STARLOG_TODAY", TODAY.into()),
    ]
}

/// Seals `cmd`'s environment for a run on data root `root` (see the module docs).
pub fn isolate<'a>(cmd: &'a mut Command, root: &Path) -> &'a mut Command {
    for key in REMOVED {
        cmd.env_remove(key);
    }
    cmd.envs(isolated_env(root))
}

/// Runs git in `dir`, sealed like the binary (no user config), and returns
/// its stdout; fails the test with git's complaint. For the sync tests'
/// bare remotes and clones (never the network).
pub fn git(dir: &Path, args: &[&str]) -> String {
    let mut cmd = Command::new("git");
    isolate(&mut cmd, dir);
    let out = cmd
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?} in {}: {}",
        dir.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `starlog --dir <root>`, sealed, stdin null, working in `root` or, while
/// it does not exist yet, its nearest parent that does (so a relative path a
/// test passes never lands in the source tree); add arguments and run it.
pub fn command(root: &Path) -> Command {
    let mut cmd = Command::new(bin());
    let cwd = root.ancestors().find(|p| p.is_dir()).unwrap_or(root);
    cmd.arg("--dir")
        .arg(root)
        .current_dir(cwd)
        .stdin(Stdio::null());
    isolate(&mut cmd, root);
    cmd
}

/// Runs `starlog --dir <root> <args...>` without a terminal.
pub fn run(root: &Path, args: &[&str]) -> Output {
    run_with_env(root, args, &[])
}

/// Like [`run`], with extra environment variables (set after the sealed ones).
pub fn run_with_env(root: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    command(root)
        .args(args)
        .envs(env.iter().copied())
        .output()
        .expect("run starlog")
}

/// Runs `starlog --dir <root> <args...>`: (exit status, stdout, stderr).
pub fn starlog(root: &Path, args: &[&str]) -> (i32, String, String) {
    outcome(&run(root, args))
}

/// An output as (exit status, stdout, stderr); -1 when killed by a signal.
pub fn outcome(out: &Output) -> (i32, String, String) {
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Makes the demo workspace `demo` in `root`.
pub fn demo(root: &Path) {
    let (code, _, err) = starlog(root, &["--workspace", "demo", "demo"]);
    assert_eq!(code, 0, "starlog demo failed: {err}");
}

/// Decodes one record file as the store reads it; fails the test if it does not.
pub fn decode<T: serde::de::DeserializeOwned>(path: &Path) -> T {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    starlog::store::codec::decode::<T>(&bytes)
        .unwrap_or_else(|e| panic!("{} does not decode: {e}", path.display()))
        .record
}

/// The full name of test `name` in module `module` (pass `module_path!()`), as
/// `--exact` wants it: the crate name left off.
pub fn test_name(module: &str, name: &str) -> String {
    match module.split_once("::") {
        Some((_, path)) => format!("{path}::{name}"),
        None => name.to_string(),
    }
}

/// This test binary re-run for the one ignored helper test `name` of
/// `module` (pass `module_path!()`), e.g. a child process to kill.
pub fn rerun_self(module: &str, name: &str) -> Command {
    let mut cmd = Command::new(std::env::current_exe().expect("the test binary"));
    cmd.args([
        &test_name(module, name),
        "--exact",
        "--ignored",
        "--test-threads=1",
    ]);
    cmd
}

pub const ROWS: u16 = 24;
pub const COLS: u16 = 80;
/// Upper bound for anything to appear on screen; tests normally take far less.
pub const TIMEOUT: Duration = Duration::from_secs(10);

pub const TAB: &str = "\t";
pub const ENTER: &str = "\r";
pub const CTRL_S: &str = "\x13";
pub const CTRL_C: &str = "\x03";
pub const CTRL_D: &str = "\x04";
pub const ESC: &str = "\x1b";
pub const DOWN: &str = "\x1b[B";

/// A hostile setting for every variable the harness seals: a config that
/// names another workspace, rebinds quit and autosaves drafts at once, a data
/// root elsewhere, another today, no colour and a failing editor.
const HOSTILE_CONFIG: &str = "(\n  default_workspace: \"someone-else\",\n  keys: {\"quit\": [\"Z\"]},\n  theme: \"light\",\n  draft_autosave_seconds: 0.2,\n  review_interval_days: 7,\n)\n";

/// Re-runs this test binary's tests matching `filters` (skipping `skip`)
/// from a parent environment set up to mislead them: HOME and
/// XDG_CONFIG_HOME hold a hostile `starlog/config.ron`, STARLOG_CONFIG
/// points at it too, and STARLOG_DIR, STARLOG_TODAY, NO_COLOR, EDITOR and
/// VISUAL are all set. The tests must pass all the same.
pub fn rerun_self_in_hostile_env(filters: &[&str], skip: &str) -> Output {
    let home = tempfile::Builder::new()
        .prefix("starlog-hostile-")
        .tempdir()
        .expect("a hostile home");
    let config_dir = home.path().join(".config").join("starlog");
    std::fs::create_dir_all(&config_dir).expect("config folder");
    let config = config_dir.join("config.ron");
    std::fs::write(&config, HOSTILE_CONFIG).expect("hostile config");
    let data = home.path().join(".local/share/starlog");
    std::fs::create_dir_all(data.join("someone-else")).expect("data folder");
    let out = Command::new(std::env::current_exe().expect("the test binary"))
        .args(filters)
        .args(["--skip", skip, "--test-threads=2"])
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join(".config"))
        .env("XDG_DATA_HOME", home.path().join(".local/share"))
        .env("APPDATA", home.path().join(".config"))
        .env("STARLOG_CONFIG", &config)
        .env("STARLOG_DIR", &data)
        .env("STARLOG_TODAY", "2031-01-01")
        .env("NO_COLOR", "1")
        .env("EDITOR", "false")
        .env("VISUAL", "false")
        .stdin(Stdio::null())
        .output()
        .expect("re-run the tests");
    // Nothing reached the hostile data root.
    let touched: Vec<_> = std::fs::read_dir(data.join("someone-else"))
        .expect("data folder")
        .flatten()
        .map(|e| e.path())
        .collect();
    assert!(
        touched.is_empty(),
        "a test wrote to STARLOG_DIR: {touched:?}"
    );
    out
}

/// The path of the binary under test.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_starlog")
}

/// A fresh folder for workspaces, removed when dropped.
pub fn temp_root() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("starlog-test-")
        .tempdir()
        .expect("create a temporary folder")
}

/// One `starlog` process running in its own 80x24 pseudo-terminal.
pub struct Pty {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    parser: Arc<Mutex<vt100::Parser>>,
    reader: Option<JoinHandle<()>>,
    exited: Option<u32>,
}

impl Pty {
    /// Starts `starlog --dir <root> <args...>`.
    pub fn spawn(root: &Path, args: &[&str]) -> Pty {
        Pty::spawn_with_env(root, args, &[])
    }

    /// Starts `starlog --dir <root> <args...>` with extra environment
    /// variables (EDITOR, STARLOG_CONFIG, ...), set after the sealed ones.
    pub fn spawn_with_env(root: &Path, args: &[&str], env: &[(&str, &str)]) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(bin());
        cmd.arg("--dir");
        cmd.arg(root);
        for a in args {
            cmd.arg(a);
        }
        cmd.cwd(root);
        cmd.env("TERM", "xterm-256color");
        for key in REMOVED {
            cmd.env_remove(key);
        }
        for (key, value) in isolated_env(root) {
            cmd.env(key, value);
        }
        for (key, value) in env {
            cmd.env(key, value);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn starlog");
        // Only the child keeps the slave open, so the reader sees EOF when it exits.
        drop(pair.slave);

        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            nonzero(ROWS),
            nonzero(COLS),
            0,
        )));
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let sink = Arc::clone(&parser);
        let reader = std::thread::Builder::new()
            .name("pty-reader".into())
            .spawn(move || {
                let mut buf = [0u8; 8192];
                loop {
                    match reader.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => {
                            if let Ok(mut p) = sink.lock() {
                                p.process(&buf[..n]);
                            }
                        }
                    }
                }
            })
            .expect("start the pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        Pty {
            master: pair.master,
            writer,
            child,
            parser,
            reader: Some(reader),
            exited: None,
        }
    }

    /// The child's process id.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("the child has a pid")
    }

    pub fn send_bytes(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("write to the pty");
        self.writer.flush().expect("flush the pty");
    }

    pub fn send(&mut self, text: &str) {
        self.send_bytes(text.as_bytes());
    }

    /// Sends a lone Esc and gives crossterm a moment to see it is not the
    /// start of an escape sequence.
    /// Waits as a person does before a command key after a form closes:
    /// keys typed on without a pause are taken as the end of the typing
    /// and are not used as commands (`starlog::tui::TYPING_PAUSE`).
    pub fn pause_after_form(&mut self) {
        std::thread::sleep(starlog::tui::TYPING_PAUSE + Duration::from_millis(150));
    }

    pub fn send_esc(&mut self) {
        self.send(ESC);
        std::thread::sleep(Duration::from_millis(100));
    }

    /// What the terminal shows now, row by row.
    pub fn screen(&self) -> String {
        self.parser
            .lock()
            .map(|p| p.screen().contents())
            .unwrap_or_else(|e| e.into_inner().screen().contents())
    }

    /// The modes the program has left the terminal in (read them after it
    /// exits to see whether it put the terminal back).
    pub fn modes(&self) -> TerminalModes {
        let (alternate_screen, cursor_hidden, mouse_reporting, bracketed_paste) = {
            let parser = self.parser.lock().unwrap_or_else(|e| e.into_inner());
            let s = parser.screen();
            (
                s.alternate_screen(),
                s.hide_cursor(),
                s.mouse_protocol_mode() != vt100::MouseProtocolMode::None,
                s.bracketed_paste(),
            )
        };
        TerminalModes {
            alternate_screen,
            cursor_hidden,
            mouse_reporting,
            bracketed_paste,
            raw: self.raw_mode(),
        }
    }

    /// True when the terminal neither echoes nor waits for whole lines.
    #[cfg(unix)]
    fn raw_mode(&self) -> bool {
        let Some(fd) = self.master.as_raw_fd() else {
            return false;
        };
        // SAFETY: a zeroed termios is a valid value to be filled in, and fd
        // is the open pty master this Pty owns.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        if unsafe { libc::tcgetattr(fd, &mut t) } != 0 {
            return false;
        }
        t.c_lflag & (libc::ICANON | libc::ECHO) == 0
    }

    #[cfg(not(unix))]
    fn raw_mode(&self) -> bool {
        false
    }

    /// Waits until the screen shows `text`; fails with the screen on timeout.
    pub fn wait_for(&mut self, text: &str, timeout: Duration) {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return;
            }
            if start.elapsed() > timeout {
                let status = self.poll_exit();
                panic!(
                    "timed out after {timeout:?} waiting for {text:?} (child exit: {status:?}); screen:\n{}",
                    framed(&screen)
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until `done(screen)` holds; fails naming `what`, with the screen.
    pub fn wait_until(&mut self, what: &str, timeout: Duration, done: impl Fn(&str) -> bool) {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if done(&screen) {
                return;
            }
            if start.elapsed() > timeout {
                let status = self.poll_exit();
                panic!(
                    "timed out after {timeout:?} waiting until {what} (child exit: {status:?}); screen:\n{}",
                    framed(&screen)
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Like `wait_for` with the default upper bound.
    pub fn expect(&mut self, text: &str) {
        self.wait_for(text, TIMEOUT);
    }

    /// The exit code if the child has exited.
    pub fn poll_exit(&mut self) -> Option<u32> {
        if self.exited.is_none()
            && let Ok(Some(status)) = self.child.try_wait()
        {
            self.exited = Some(status.exit_code());
        }
        self.exited
    }

    /// Waits for the child to exit and returns its exit code.
    pub fn wait_exit(&mut self, timeout: Duration) -> u32 {
        let start = Instant::now();
        loop {
            if let Some(code) = self.poll_exit() {
                // Let the reader take in the last output (it stops at EOF).
                let drained = Instant::now();
                while self.reader.as_ref().is_some_and(|r| !r.is_finished())
                    && drained.elapsed() < Duration::from_secs(2)
                {
                    std::thread::sleep(Duration::from_millis(10));
                }
                return code;
            }
            if start.elapsed() > timeout {
                let screen = self.screen();
                let _ = self.child.kill();
                panic!(
                    "starlog did not exit within {timeout:?}; screen:\n{}",
                    framed(&screen)
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Sends a signal to the child with `kill -<SIG> <pid>`.
    #[cfg(unix)]
    pub fn signal(&self, name: &str) {
        let status = std::process::Command::new("kill")
            .arg(format!("-{name}"))
            .arg(self.pid().to_string())
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -{name} failed: {status}");
    }
}

/// What [`Pty::modes`] reads: each true while the program has it on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TerminalModes {
    pub alternate_screen: bool,
    pub cursor_hidden: bool,
    pub mouse_reporting: bool,
    pub bracketed_paste: bool,
    pub raw: bool,
}

impl Drop for Pty {
    fn drop(&mut self) {
        if self.poll_exit().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a terminal size is never zero")
}

fn framed(screen: &str) -> String {
    let bar = "-".repeat(COLS as usize);
    format!("{bar}\n{screen}\n{bar}")
}

/// Copies a folder tree (a fixture workspace) to `to`, its files private
/// as the app would have written them.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("read fixture") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600))
                    .expect("chmod");
            }
        }
    }
}

/// A workspace `name` in `root` with `n` onboarded diary entries, one a day
/// back from the day before [`TODAY`]: more than the app's first page.
pub fn big_diary(root: &Path, name: &str, n: usize) {
    use starlog::domain::{DiaryEntry, Id};
    use starlog::store::{Mode, Workspace};
    let ws = Workspace::open(root, name, Mode::Write).expect("open");
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-29T09:00:00+00:00").expect("time");
    for i in 0..n {
        let day = today() - chrono::Duration::days(i as i64 + 1);
        let mut e = DiaryEntry::new(Id::generate(), day, now);
        e.text = format!("Call log {i}: refund queue");
        ws.create(&e).expect("create");
    }
    let (mut header, state, _) = ws.load_header().expect("header");
    header.onboarded = true;
    ws.save_header(&header, state.as_ref()).expect("header");
}

/// The workspace folder of the default workspace.
pub fn workspace(root: &Path) -> PathBuf {
    root.join("default")
}

/// Every `.ron` file under `dir` (recursively), sorted.
pub fn ron_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "ron") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The diary record files of the default workspace.
pub fn diary_files(root: &Path) -> Vec<PathBuf> {
    ron_files(&workspace(root).join("diary"))
}

/// The draft files of the default workspace.
pub fn draft_files(root: &Path) -> Vec<PathBuf> {
    ron_files(&workspace(root).join("drafts"))
}

/// Everything in the drafts folder, whatever its name.
pub fn drafts_folder_entries(root: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(workspace(root).join("drafts"))
        .map(|rd| rd.flatten().map(|e| e.path()).collect())
        .unwrap_or_default()
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// Every file and folder under `dir`: its bytes (files) and modification
/// time, to show that a read-only command changed nothing there.
pub fn tree(
    dir: &Path,
) -> std::collections::BTreeMap<PathBuf, (Option<Vec<u8>>, std::time::SystemTime)> {
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("list").flatten() {
            let path = entry.path();
            let meta = std::fs::symlink_metadata(&path).expect("stat");
            let mtime = meta.modified().expect("mtime");
            if meta.is_dir() {
                stack.push(path.clone());
                out.insert(path, (None, mtime));
            } else {
                out.insert(
                    path.clone(),
                    (Some(std::fs::read(&path).expect("read")), mtime),
                );
            }
        }
    }
    out
}
