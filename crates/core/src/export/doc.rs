//! The portfolio as a format-free document: headings, paragraphs, lists,
//! tables and KPI charts. Built once from the records, then written out as
//! Markdown or HTML, so both formats always hold the same content.

use chrono::NaiveDate;

/// A piece of text inside a paragraph or list item.
#[derive(Debug, Clone, PartialEq)]
pub enum Span {
    Text(String),
    Strong(String),
    /// A link to a place inside the document (never outside it).
    Link {
        text: String,
        anchor: String,
    },
}

pub fn text(s: impl Into<String>) -> Span {
    Span::Text(s.into())
}

pub fn strong(s: impl Into<String>) -> Span {
    Span::Strong(s.into())
}

pub fn link(s: impl Into<String>, anchor: impl Into<String>) -> Span {
    Span::Link {
        text: s.into(),
        anchor: anchor.into(),
    }
}

/// One point of a KPI chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub date: NaiveDate,
    pub value: f64,
}

/// A mark on a chart's time axis.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub date: NaiveDate,
    pub label: String,
}

/// A KPI over time, with its target and the activities and reviews around it.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub metric: String,
    pub unit: String,
    /// "higher is better" / "lower is better".
    pub better: String,
    pub points: Vec<Point>,
    pub target: Option<f64>,
    pub activities: Vec<Mark>,
    pub reviews: Vec<Mark>,
}

/// An image from the evidence folder.
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    pub media_type: &'static str,
    pub bytes: Vec<u8>,
    pub alt: String,
    pub caption: String,
    /// Where the file is inside the zip export (`evidence/<id>/<name>`).
    pub path: String,
}

/// A block of the document.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Heading {
        level: u8,
        text: String,
        anchor: Option<String>,
    },
    Para(Vec<Span>),
    /// The learner's own words, kept as written (line breaks included).
    Words(String),
    /// "Label: value" lines.
    Fields(Vec<(String, Vec<Span>)>),
    List(Vec<Vec<Span>>),
    Table {
        head: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    Chart(Chart),
    /// An attached image, embedded in HTML (Markdown names its file).
    Image(Image),
    /// Lines to sign on paper.
    Signatures(Vec<String>),
}

/// The whole portfolio.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Doc {
    pub title: String,
    pub blocks: Vec<Block>,
}

impl Doc {
    pub fn push(&mut self, b: Block) {
        self.blocks.push(b);
    }

    pub fn heading(&mut self, level: u8, text: impl Into<String>, anchor: Option<String>) {
        self.push(Block::Heading {
            level,
            text: text.into(),
            anchor,
        });
    }

    pub fn para(&mut self, spans: Vec<Span>) {
        self.push(Block::Para(spans));
    }

    /// The learner's words, or nothing when they are empty.
    pub fn words(&mut self, s: &str) {
        if !s.trim().is_empty() {
            self.push(Block::Words(s.trim().to_string()));
        }
    }
}

/// Fields, leaving out the empty ones.
pub fn fields(pairs: Vec<(&str, String)>) -> Block {
    Block::Fields(
        pairs
            .into_iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(k, v)| (k.to_string(), vec![text(v)]))
            .collect(),
    )
}
