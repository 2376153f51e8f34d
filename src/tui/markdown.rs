//! Markdown in previews: free-text entries are often written in Markdown out
//! of habit, so headings, lists, emphasis, quotes and code are shown as such.
//!
//! A pure function from text to ratatui lines (no I/O, no state). Line breaks
//! the learner typed are kept (a diary is not a web page), and anything the
//! parser does not style is shown as written, so no words ever disappear.

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

/// The styles Markdown needs, taken from the screen's theme.
#[derive(Debug, Clone, Copy, Default)]
pub struct MarkdownStyles {
    pub heading: Style,
    pub code: Style,
    /// Quote bars, list bullets, link targets.
    pub dim: Style,
    pub bullet: Style,
}

/// Renders Markdown `text` as lines to show in a wrapping paragraph.
pub fn render(text: &str, styles: &MarkdownStyles) -> Vec<Line<'static>> {
    let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let mut r = Renderer {
        styles: *styles,
        ..Renderer::default()
    };
    for event in Parser::new_ext(text, options) {
        r.event(event);
    }
    r.flush();
    r.lines
}

#[derive(Default)]
struct Renderer {
    styles: MarkdownStyles,
    lines: Vec<Line<'static>>,
    current: Vec<Span<'static>>,
    /// Inline styles in force, innermost last.
    inline: Vec<Style>,
    /// Open lists: the next number for ordered ones.
    lists: Vec<Option<u64>>,
    /// The bullet or number waiting to start an item's first line.
    marker: Option<String>,
    /// Width of the innermost item's marker, for its continuation lines.
    marker_widths: Vec<usize>,
    quotes: usize,
    in_code_block: bool,
    /// Link targets, shown after the link text when they differ from it.
    links: Vec<String>,
    blank_before_next_block: bool,
}

impl Renderer {
    fn style(&self) -> Style {
        self.inline
            .iter()
            .fold(Style::default(), |acc, s| acc.patch(*s))
    }

    fn prefix(&mut self) -> Vec<Span<'static>> {
        let mut spans = Vec::new();
        if self.quotes > 0 {
            spans.push(Span::styled("│ ".repeat(self.quotes), self.styles.dim));
        }
        if !self.marker_widths.is_empty() {
            let outer: usize = self.marker_widths[..self.marker_widths.len() - 1]
                .iter()
                .sum();
            let indent = " ".repeat(outer);
            match self.marker.take() {
                Some(marker) => {
                    if !indent.is_empty() {
                        spans.push(Span::raw(indent));
                    }
                    spans.push(Span::styled(marker, self.styles.bullet));
                }
                None => {
                    let inner = self.marker_widths.last().copied().unwrap_or(0);
                    spans.push(Span::raw(" ".repeat(outer + inner)));
                }
            }
        }
        spans
    }

    fn push(&mut self, text: String, style: Style) {
        if self.current.is_empty() {
            self.current = self.prefix();
        }
        self.current.push(Span::styled(text, style));
    }

    /// Ends the line being built, if any.
    fn flush(&mut self) {
        if self.marker.is_some() && self.current.is_empty() {
            // An item with nothing in it still shows its bullet.
            self.current = self.prefix();
        }
        if !self.current.is_empty() {
            self.lines
                .push(Line::from(std::mem::take(&mut self.current)));
        }
    }

    fn start_block(&mut self) {
        self.flush();
        if self.blank_before_next_block && !self.lines.is_empty() {
            let bar = if self.quotes > 0 {
                vec![Span::styled("│ ".repeat(self.quotes), self.styles.dim)]
            } else {
                Vec::new()
            };
            self.lines.push(Line::from(bar));
        }
        self.blank_before_next_block = false;
    }

    fn end_block(&mut self) {
        self.flush();
        self.blank_before_next_block = true;
    }

    fn event(&mut self, event: Event) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) if self.in_code_block => {
                for line in text.split_inclusive('\n') {
                    let line = line.trim_end_matches('\n').to_string();
                    self.push(format!("  {line}"), self.styles.code);
                    self.flush();
                }
            }
            Event::Text(text) => {
                let style = self.style();
                self.push(text.into_string(), style);
            }
            Event::Code(code) => {
                let style = self.style().patch(self.styles.code);
                self.push(code.into_string(), style);
            }
            Event::InlineMath(t) | Event::DisplayMath(t) => {
                let style = self.style();
                self.push(t.into_string(), style);
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                // Shown as typed: `<customer>` in a diary is words, not markup.
                for (i, part) in html.split('\n').enumerate() {
                    if i > 0 {
                        self.flush();
                    }
                    if !part.is_empty() {
                        let style = self.style();
                        self.push(part.to_string(), style);
                    }
                }
            }
            Event::FootnoteReference(name) => {
                let style = self.style();
                self.push(format!("[^{name}]"), style);
            }
            Event::SoftBreak | Event::HardBreak => self.flush(),
            Event::Rule => {
                self.start_block();
                self.push("─".repeat(24), self.styles.dim);
                self.end_block();
            }
            Event::TaskListMarker(done) => {
                let box_ = if done { "[x] " } else { "[ ] " };
                if let Some(marker) = &mut self.marker {
                    marker.push_str(box_);
                } else {
                    self.push(box_.to_string(), self.styles.bullet);
                }
            }
        }
    }

    fn start(&mut self, tag: Tag) {
        match tag {
            Tag::Paragraph => self.start_block(),
            Tag::Heading { level, .. } => {
                self.start_block();
                let style = match level {
                    HeadingLevel::H1 => self
                        .styles
                        .heading
                        .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                    HeadingLevel::H2 => self.styles.heading.add_modifier(Modifier::BOLD),
                    _ => Style::default().add_modifier(Modifier::BOLD),
                };
                self.inline.push(style);
            }
            Tag::BlockQuote(_) => {
                self.start_block();
                self.quotes += 1;
            }
            Tag::CodeBlock(kind) => {
                self.start_block();
                self.in_code_block = true;
                if let CodeBlockKind::Fenced(lang) = kind
                    && !lang.is_empty()
                {
                    self.push(format!("  {lang}"), self.styles.dim);
                    self.flush();
                }
            }
            Tag::HtmlBlock => self.start_block(),
            Tag::List(start) => {
                if self.lists.is_empty() {
                    self.start_block();
                } else {
                    self.flush();
                }
                self.lists.push(start);
            }
            Tag::Item => {
                self.flush();
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        let m = format!("{n}. ");
                        *n += 1;
                        m
                    }
                    _ => "• ".to_string(),
                };
                self.marker_widths.push(marker.chars().count());
                self.marker = Some(marker);
                // A loose list's paragraphs must not push a blank line
                // between the bullet and its text.
                self.blank_before_next_block = false;
            }
            Tag::Emphasis => self
                .inline
                .push(Style::default().add_modifier(Modifier::ITALIC)),
            Tag::Strong => self
                .inline
                .push(Style::default().add_modifier(Modifier::BOLD)),
            Tag::Strikethrough => self
                .inline
                .push(Style::default().add_modifier(Modifier::CROSSED_OUT)),
            Tag::Superscript | Tag::Subscript => self.inline.push(Style::default()),
            Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => {
                self.links.push(dest_url.into_string());
                self.inline
                    .push(Style::default().add_modifier(Modifier::UNDERLINED));
            }
            Tag::FootnoteDefinition(name) => {
                self.start_block();
                self.push(format!("[^{name}]: "), self.styles.dim);
            }
            Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
            | Tag::TableCell
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::MetadataBlock(_) => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::HtmlBlock | TagEnd::FootnoteDefinition => self.end_block(),
            TagEnd::Heading(_) => {
                self.inline.pop();
                self.end_block();
            }
            TagEnd::BlockQuote(_) => {
                self.flush();
                self.quotes = self.quotes.saturating_sub(1);
                self.blank_before_next_block = true;
            }
            TagEnd::CodeBlock => {
                self.in_code_block = false;
                self.end_block();
            }
            TagEnd::List(_) => {
                self.flush();
                self.lists.pop();
                if self.lists.is_empty() {
                    self.blank_before_next_block = true;
                }
            }
            TagEnd::Item => {
                self.flush();
                self.marker = None;
                self.marker_widths.pop();
            }
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript => {
                self.inline.pop();
            }
            TagEnd::Link | TagEnd::Image => {
                self.inline.pop();
                if let Some(url) = self.links.pop() {
                    let shown = self.current.last().map(|s| s.content.as_ref());
                    if !url.is_empty() && shown != Some(url.as_str()) {
                        self.push(format!(" ({url})"), self.styles.dim);
                    }
                }
            }
            TagEnd::TableCell => self.push("  ".into(), Style::default()),
            TagEnd::TableHead | TagEnd::TableRow => self.flush(),
            TagEnd::Table => self.end_block(),
            TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::MetadataBlock(_) => self.flush(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Color;

    fn styles() -> MarkdownStyles {
        MarkdownStyles {
            heading: Style::default().fg(Color::Cyan),
            code: Style::default().fg(Color::Yellow),
            dim: Style::default().fg(Color::DarkGray),
            bullet: Style::default().fg(Color::Magenta),
        }
    }

    fn text_of(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    fn span<'a>(lines: &'a [Line], content: &str) -> &'a Span<'a> {
        lines
            .iter()
            .flat_map(|l| l.spans.iter())
            .find(|s| s.content == content)
            .unwrap_or_else(|| panic!("no span {content:?} in {:?}", text_of(lines)))
    }

    #[test]
    fn plain_text_keeps_its_line_breaks() {
        let lines = render(
            "Called the customer back.\nShe was upset.\n\nNext day: fine.",
            &styles(),
        );
        assert_eq!(
            text_of(&lines),
            vec![
                "Called the customer back.",
                "She was upset.",
                "",
                "Next day: fine."
            ]
        );
    }

    #[test]
    fn headings_are_styled_without_their_hashes() {
        let lines = render("# Week one\n\n## What went well\n\n### Detail", &styles());
        assert_eq!(
            text_of(&lines),
            vec!["Week one", "", "What went well", "", "Detail"]
        );
        let h1 = span(&lines, "Week one").style;
        assert_eq!(h1.fg, Some(Color::Cyan));
        assert!(
            h1.add_modifier
                .contains(Modifier::BOLD | Modifier::UNDERLINED)
        );
        assert!(
            span(&lines, "Detail")
                .style
                .add_modifier
                .contains(Modifier::BOLD)
        );
    }

    #[test]
    fn lists_get_bullets_numbers_and_nesting() {
        let lines = render(
            "Steps:\n\n- heard him out\n- apologised\n  - sincerely\n\n1. first\n2. second\n- [x] done",
            &styles(),
        );
        assert_eq!(
            text_of(&lines),
            vec![
                "Steps:",
                "",
                "• heard him out",
                "• apologised",
                "  • sincerely",
                "",
                "1. first",
                "2. second",
                "",
                "• [x] done",
            ]
        );
        assert_eq!(span(&lines, "• ").style.fg, Some(Color::Magenta));
    }

    #[test]
    fn emphasis_strong_code_and_strike() {
        let lines = render(
            "I *listened*, then **acted**, ran `refund` and ~~gave up~~.",
            &styles(),
        );
        assert!(
            span(&lines, "listened")
                .style
                .add_modifier
                .contains(Modifier::ITALIC)
        );
        assert!(
            span(&lines, "acted")
                .style
                .add_modifier
                .contains(Modifier::BOLD)
        );
        assert_eq!(span(&lines, "refund").style.fg, Some(Color::Yellow));
        assert!(
            span(&lines, "gave up")
                .style
                .add_modifier
                .contains(Modifier::CROSSED_OUT)
        );
        assert_eq!(
            text_of(&lines),
            vec!["I listened, then acted, ran refund and gave up."]
        );
    }

    #[test]
    fn quotes_code_blocks_links_and_rules() {
        let lines = render(
            "> she said thanks\n\n```\nline one\nline two\n```\n\nSee [policy](https://example.com/p).\n\n---\n\nend",
            &styles(),
        );
        assert_eq!(
            text_of(&lines),
            vec![
                "│ she said thanks",
                "",
                "  line one",
                "  line two",
                "",
                "See policy (https://example.com/p).",
                "",
                &"─".repeat(24),
                "",
                "end",
            ]
        );
    }

    #[test]
    fn words_in_angle_brackets_are_not_lost() {
        let lines = render("Spoke to <customer name> about <b>it</b>.", &styles());
        assert_eq!(
            text_of(&lines),
            vec!["Spoke to <customer name> about <b>it</b>."]
        );
    }

    #[test]
    fn odd_input_never_panics() {
        for text in [
            "",
            "\n\n",
            "-",
            "1.",
            "> ",
            "```",
            "* * *",
            "- [ ]",
            "#",
            "[a]: b",
            "|a|b|\n|-|-|",
        ] {
            let _ = render(text, &styles());
        }
        assert!(render("", &styles()).is_empty());
    }
}
