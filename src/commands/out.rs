//! Standard output and error for the commands: a learner's text never
//! reaches the terminal as control characters (a record holding
//! `ESC ]0;…` would set the window title, `ESC [2J` clear the screen), and a
//! failed write (a full disk, `> /dev/full`) is reported with exit status 4
//! instead of being ignored.

use super::Failure;
use std::borrow::Cow;
use std::io::{self, Write};

/// True for the characters shown escaped: C0 controls except tab and
/// newline, DEL, and the C1 controls (U+0080 to U+009F), which some
/// terminals obey even when they arrive as UTF-8.
fn is_escaped(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || c == '\u{7f}'
}

fn push_escaped(out: &mut String, c: char) {
    let n = c as u32;
    match n {
        0x7f => out.push_str("^?"),
        0..=0x1f => {
            out.push('^');
            out.push(char::from(b'@' + n as u8));
        }
        _ => {
            // C1: `M-^[` for U+009B, as `cat -v` shows it.
            out.push_str("M-^");
            out.push(char::from(b'@' + (n - 0x80) as u8));
        }
    }
}

/// `text` with every control character (but tab and newline) shown as
/// `^[`, `^G`... so it prints as the characters it holds, not as commands.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_escaped) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_escaped(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A writer that escapes control characters (see [`escape_controls`]) in
/// everything written through it, and remembers the first write error so
/// [`Out::finish`] can report it. Output a command builds itself with
/// deliberate escape sequences (search's bold) goes through [`Out::raw`].
pub struct Out<W: Write> {
    inner: W,
    escape: bool,
    /// An incomplete UTF-8 sequence left at the end of the last write.
    pending: Vec<u8>,
    error: Option<io::Error>,
}

impl Out<io::StdoutLock<'static>> {
    /// Standard output, escaping control characters.
    pub fn stdout() -> Self {
        Out::new(io::stdout().lock(), true)
    }
}

impl Out<io::StderrLock<'static>> {
    /// Standard error, escaping control characters.
    pub fn stderr() -> Self {
        Out::new(io::stderr().lock(), true)
    }
}

impl<W: Write> Out<W> {
    pub fn new(inner: W, escape: bool) -> Self {
        Out {
            inner,
            escape,
            pending: Vec::new(),
            error: None,
        }
    }

    /// Writes `bytes` as they are: for text the command made itself.
    pub fn raw(&mut self, bytes: &[u8]) {
        if self.error.is_none()
            && let Err(e) = self.inner.write_all(bytes)
        {
            self.error = Some(e);
        }
    }

    /// True once a write has failed (the rest is then skipped).
    pub fn failed(&self) -> bool {
        self.error.is_some()
    }

    /// Flushes and reports the first failed write. A closed pipe (`| head`)
    /// is not a failure: the reader has what it wanted.
    pub fn finish(mut self) -> Result<(), Failure> {
        if !self.pending.is_empty() {
            let rest = std::mem::take(&mut self.pending);
            let text = String::from_utf8_lossy(&rest).into_owned();
            self.raw(text.as_bytes());
        }
        if self.error.is_none()
            && let Err(e) = self.inner.flush()
        {
            self.error = Some(e);
        }
        match self.error {
            None => Ok(()),
            Some(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
            Some(e) => Err(Failure::Write(format!(
                "could not write the output: {}",
                crate::store::io_reason(&e)
            ))),
        }
    }
}

impl<W: Write> Write for Out<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if let Some(e) = &self.error {
            return Err(io::Error::new(e.kind(), e.to_string()));
        }
        if !self.escape {
            self.raw(buf);
        } else {
            self.pending.extend_from_slice(buf);
            let pending = std::mem::take(&mut self.pending);
            let (text, rest) = match std::str::from_utf8(&pending) {
                Ok(text) => (Cow::Borrowed(text), &[][..]),
                Err(e) if e.error_len().is_none() => {
                    // A character cut in two: keep its start for the next write.
                    let (done, rest) = pending.split_at(e.valid_up_to());
                    (String::from_utf8_lossy(done), rest)
                }
                Err(_) => (String::from_utf8_lossy(&pending), &[][..]),
            };
            let escaped = escape_controls(&text).into_owned();
            self.pending = rest.to_vec();
            self.raw(escaped.as_bytes());
        }
        match &self.error {
            Some(e) => Err(io::Error::new(e.kind(), e.to_string())),
            None => Ok(buf.len()),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.error.is_none()
            && let Err(e) = self.inner.flush()
        {
            self.error = Some(e);
        }
        match &self.error {
            Some(e) => Err(io::Error::new(e.kind(), e.to_string())),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_print_as_what_they_are() {
        assert_eq!(
            escape_controls("X \u{1b}]0;PWNED\u{7}\u{1b}[2J"),
            "X ^[]0;PWNED^G^[[2J"
        );
        assert_eq!(escape_controls("a\rb\u{7f}c\u{9b}31m"), "a^Mb^?cM-^[31m");
        assert_eq!(
            escape_controls("tab\tand\nnewline é"),
            "tab\tand\nnewline é"
        );
        assert!(matches!(escape_controls("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn a_character_split_across_writes_is_kept_whole() {
        let mut out = Out::new(Vec::new(), true);
        let bytes = "é\u{1b}".as_bytes();
        out.write_all(&bytes[..1]).expect("write");
        out.write_all(&bytes[1..]).expect("write");
        assert_eq!(String::from_utf8(out.inner.clone()).expect("utf8"), "é^[");
    }

    struct Full;
    impl Write for Full {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::from(io::ErrorKind::StorageFull))
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_failed_write_is_reported_with_exit_4() {
        let mut out = Out::new(Full, true);
        let _ = writeln!(out, "one");
        let _ = writeln!(out, "two");
        assert!(out.failed());
        let failure = out.finish().expect_err("reported");
        assert_eq!(failure.exit_code(), 4);
        assert!(
            failure.to_string().contains("the disk is full"),
            "{failure}"
        );
    }
}
