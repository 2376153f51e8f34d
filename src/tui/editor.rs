//! Ctrl-E: the focused long text field, edited in the learner's own editor
//! ($VISUAL, else $EDITOR). The app asks (`editor_request`); the event loop,
//! which owns the terminal, leaves the screen, runs the editor on a private
//! temp file and hands the result back to `finish_editor`. A failed or
//! aborted editor leaves the field exactly as it was.

use super::App;
use std::path::Path;
use std::process::Command;

impl App {
    /// Ctrl-E in a form: queue the focused field's text for the editor.
    pub(super) fn request_editor(&mut self) {
        let Some(form) = &mut self.layers.form else {
            return;
        };
        match form.state_mut().editor_text() {
            Ok(text) => {
                // The typed text is safe on disk whatever the editor does.
                self.write_draft();
                self.editor_request = Some(text);
            }
            Err(why) => self.set_status(why),
        }
    }

    /// Brings the editor's text back into the field, or says why not.
    pub fn finish_editor(&mut self, result: Result<String, String>) {
        match result {
            Ok(text) => {
                let changed = self
                    .layers
                    .form
                    .as_mut()
                    .is_some_and(|f| f.state_mut().set_editor_text(&text));
                if changed {
                    self.draft_due = true;
                    self.set_status("Text brought back from the editor");
                } else {
                    self.set_status("No changes from the editor");
                }
            }
            Err(why) => self.set_error(format!("{why}; the text is unchanged")),
        }
    }
}

/// The editor to run: $VISUAL, else $EDITOR, split into program and arguments
/// (`code --wait` works). `None` when neither is set.
pub fn editor_command(
    visual: Option<std::ffi::OsString>,
    editor: Option<std::ffi::OsString>,
) -> Option<Vec<String>> {
    [visual, editor]
        .into_iter()
        .flatten()
        .map(|v| v.to_string_lossy().into_owned())
        .map(|v| v.split_whitespace().map(str::to_string).collect::<Vec<_>>())
        .find(|parts| !parts.is_empty())
}

/// Writes `text` to a private temp file in `dir`, runs `command` on it and
/// reads it back. Knows nothing of the terminal (the loop handles that).
pub fn edit_in(dir: &Path, text: &str, command: &[String]) -> Result<String, String> {
    let Some((program, args)) = command.split_first() else {
        return Err("Set VISUAL or EDITOR to your editor (e.g. export EDITOR=nano)".into());
    };
    // Messages name the editor briefly: the status line is one row.
    let name = Path::new(program)
        .file_name()
        .map_or_else(|| program.clone(), |n| n.to_string_lossy().into_owned());
    crate::store::fsio::create_private_dir(dir)
        .map_err(|e| format!("Could not make {}: {e}", dir.display()))?;
    // tempfile makes the file readable by its owner only.
    let file = tempfile::Builder::new()
        .prefix("starlog-edit-")
        .suffix(".md")
        .tempfile_in(dir)
        .map_err(|e| {
            format!(
                "Could not make a file for the editor in {}: {e}",
                dir.display()
            )
        })?;
    let mut contents = text.to_string();
    if !contents.ends_with('\n') {
        contents.push('\n');
    }
    std::fs::write(file.path(), contents)
        .map_err(|e| format!("Could not write {}: {e}", file.path().display()))?;
    let status = Command::new(program)
        .args(args)
        .arg(file.path())
        .status()
        .map_err(|e| format!("Could not start the editor `{program}`: {e}"))?;
    if !status.success() {
        return Err(match status.code() {
            Some(code) => format!("The editor {name} exited with status {code}"),
            None => format!("The editor {name} was stopped"),
        });
    }
    // Some editors save by replacing the file: read it by its path.
    let bytes = std::fs::read(file.path())
        .map_err(|e| format!("Could not read the edited file back: {e}"))?;
    let edited =
        String::from_utf8(bytes).map_err(|_| "The edited file is not UTF-8 text".to_string())?;
    let edited = edited.replace("\r\n", "\n");
    // Editors end the file with a newline; the field did not have one.
    let edited = edited.strip_suffix('\n').unwrap_or(&edited);
    Ok(edited.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visual_wins_over_editor_and_arguments_are_kept() {
        let cmd = editor_command(Some("code --wait".into()), Some("nano".into()));
        assert_eq!(cmd, Some(vec!["code".to_string(), "--wait".to_string()]));
        assert_eq!(
            editor_command(None, Some("nano".into())),
            Some(vec!["nano".into()])
        );
        assert_eq!(
            editor_command(Some(" ".into()), Some("vi".into())),
            Some(vec!["vi".into()])
        );
        assert_eq!(editor_command(None, None), None);
    }

    #[test]
    fn no_editor_is_a_message() {
        let dir = tempfile::tempdir().unwrap();
        let err = edit_in(dir.path(), "x", &[]).unwrap_err();
        assert!(err.contains("EDITOR"));
    }

    #[cfg(unix)]
    #[test]
    fn the_editor_edits_a_temp_file_that_is_then_removed() {
        let dir = tempfile::tempdir().unwrap();
        let script = dir.path().join("ed.sh");
        std::fs::write(&script, "#!/bin/sh\nprintf 'added\\n' >> \"$1\"\n").unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
        let drafts = dir.path().join("drafts");
        let out = edit_in(&drafts, "typed", &[script.display().to_string()]).unwrap();
        assert_eq!(out, "typed\nadded");
        assert_eq!(std::fs::read_dir(&drafts).unwrap().count(), 0);
    }

    #[cfg(unix)]
    #[test]
    fn a_failing_editor_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let err = edit_in(dir.path(), "typed", &["false".to_string()]).unwrap_err();
        assert!(err.contains("exited with status 1"), "{err}");
        let err = edit_in(dir.path(), "typed", &["/no/such/editor".to_string()]).unwrap_err();
        assert!(err.contains("Could not start"), "{err}");
    }
}
