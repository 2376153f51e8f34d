//! Writes the portfolio document as Markdown (CommonMark with pipe tables).
//! The learner's words are escaped so a `#` or `*` they typed stays text.

use super::doc::{Block, Doc, Span};
use crate::domain::kpi::fmt_number;

/// Escapes characters Markdown would read as markup.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if "\\`*_[]<>|#&".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes one line of the learner's words, including markers that only
/// matter at the start of a line ("- ", "1. ", "> ").
fn escape_line(line: &str) -> String {
    let e = escape(line.trim_end());
    let trimmed = e.trim_start();
    let lead = &e[..e.len() - trimmed.len()];
    let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
    if trimmed.starts_with(['-', '+', '='])
        || (digits > 0 && trimmed[digits..].starts_with(['.', ')']))
    {
        if digits > 0 {
            format!("{lead}{}\\{}", &trimmed[..digits], &trimmed[digits..])
        } else {
            format!("{lead}\\{trimmed}")
        }
    } else {
        e
    }
}

fn spans(s: &[Span]) -> String {
    s.iter()
        .map(|s| match s {
            Span::Text(t) => escape(t),
            Span::Strong(t) => format!("**{}**", escape(t)),
            Span::Link { text, anchor } => format!("[{}](#{anchor})", escape(text)),
        })
        .collect()
}

fn cell(s: &str) -> String {
    escape(&s.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Renders `doc` as Markdown.
pub fn render(doc: &Doc) -> String {
    let mut out = String::new();
    for b in &doc.blocks {
        match b {
            Block::Heading {
                level,
                text,
                anchor,
            } => {
                if let Some(a) = anchor {
                    out.push_str(&format!("<a id=\"{a}\"></a>\n\n"));
                }
                out.push_str(&"#".repeat(usize::from(*level)));
                out.push(' ');
                out.push_str(&escape(text));
                out.push('\n');
            }
            Block::Para(s) => {
                out.push_str(&spans(s));
                out.push('\n');
            }
            Block::Words(w) => {
                let paras: Vec<String> = w
                    .split("\n\n")
                    .map(|p| {
                        p.lines()
                            .filter(|l| !l.trim().is_empty())
                            .map(escape_line)
                            .collect::<Vec<_>>()
                            .join("\\\n")
                    })
                    .filter(|p| !p.is_empty())
                    .collect();
                out.push_str(&paras.join("\n\n"));
                out.push('\n');
            }
            Block::Fields(f) => {
                if f.is_empty() {
                    continue;
                }
                for (k, v) in f {
                    out.push_str(&format!("- **{}:** {}\n", escape(k), spans(v)));
                }
            }
            Block::List(items) => {
                for i in items {
                    out.push_str(&format!("- {}\n", spans(i)));
                }
            }
            Block::Table { head, rows } => {
                out.push_str(&format!(
                    "| {} |\n",
                    head.iter().map(|h| cell(h)).collect::<Vec<_>>().join(" | ")
                ));
                out.push_str(&format!("|{}\n", "---|".repeat(head.len())));
                for r in rows {
                    out.push_str(&format!(
                        "| {} |\n",
                        r.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | ")
                    ));
                }
            }
            Block::Chart(c) => {
                // Markdown has no charts: the first and latest reading in words;
                // the table that follows holds every value.
                if let (Some(first), Some(last)) = (c.points.first(), c.points.last()) {
                    let target = c
                        .target
                        .map(|t| format!(", target {}", fmt_number(t)))
                        .unwrap_or_default();
                    out.push_str(&format!(
                        "{} from {} ({}) to {} ({}){target}; {}.\n",
                        crate::domain::words::count(c.points.len(), "reading", "readings"),
                        first.date,
                        fmt_number(first.value),
                        last.date,
                        fmt_number(last.value),
                        c.better
                    ));
                }
            }
            Block::Image(i) => {
                out.push_str(&format!(
                    "![{}]({})\n\n*{}*\n",
                    escape(&i.alt),
                    i.path.replace(' ', "%20"),
                    escape(&i.caption)
                ));
            }
            Block::Signatures(lines) => {
                for l in lines {
                    out.push_str(&format!(
                        "{}: ______________________________\n\n",
                        escape(l)
                    ));
                }
                out.pop();
            }
        }
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learners_markup_characters_stay_text() {
        assert_eq!(escape("a *b* | c"), "a \\*b\\* \\| c");
        assert_eq!(escape_line("- not a list"), "\\- not a list");
        assert_eq!(escape_line("1. not a list"), "1\\. not a list");
        assert_eq!(escape_line("# not a heading"), "\\# not a heading");
    }
}
