//! Writes the portfolio document as one self-contained HTML file: styles
//! inline, KPI charts as inline SVG, images as `data:` URIs, no scripts and
//! no reference to anything outside the file, so it opens offline and prints
//! cleanly to PDF.
//!
//! The markup is written with maud, which escapes every value put into it
//! unless told otherwise: the learner's words can never become markup. The
//! only unescaped text is the style sheet below, a constant.

use super::doc::{Block, Chart, Doc, Image, Span};
use crate::domain::kpi::fmt_number;
use chrono::NaiveDate;
use maud::{DOCTYPE, Markup, PreEscaped, html};

const STYLE: &str = "
:root { color-scheme: light; }
body { font-family: Georgia, 'Times New Roman', serif; line-height: 1.45; color: #111; background: #fff; margin: 0; }
main { max-width: 46rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
h1 { font-size: 1.8rem; margin: 0 0 1rem; }
h2 { font-size: 1.4rem; margin: 2.5rem 0 .75rem; padding-bottom: .2rem; border-bottom: 2px solid #333; }
h3 { font-size: 1.1rem; margin: 1.6rem 0 .4rem; }
h4 { font-size: 1rem; margin: 1rem 0 .3rem; color: #333; }
ul.fields { list-style: none; padding: 0; margin: .3rem 0 .6rem; }
ul.fields li { margin: .1rem 0; }
.words { white-space: pre-wrap; margin: .4rem 0 .8rem; padding: .4rem .8rem; border-left: 3px solid #bbb; background: #f7f7f7; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .92rem; }
th, td { border: 1px solid #999; padding: .25rem .45rem; text-align: left; vertical-align: top; overflow-wrap: break-word; }
td.hash { font-family: 'DejaVu Sans Mono', Consolas, monospace; font-size: .78rem; word-break: break-all; }
th { background: #eee; }
a { color: #114; }
figure { margin: .5rem 0 1rem; }
figcaption { font-size: .85rem; color: #333; }
figure img { max-width: 100%; max-height: 28rem; border: 1px solid #999; }
svg { max-width: 100%; height: auto; }
.sign { margin: 2.2rem 0 0; border-top: 1px solid #000; width: 60%; padding-top: .2rem; font-size: .9rem; }
@media print {
  main { max-width: none; padding: 0; }
  h2 { break-before: page; }
  h1 + ul + h2, h2#contents { break-before: auto; }
  h2, h3, h4 { break-after: avoid; }
  figure, table, .words, ul.fields { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
";

fn spans(s: &[Span]) -> Markup {
    html! {
        @for span in s {
            @match span {
                Span::Text(t) => (t),
                Span::Strong(t) => strong { (t) },
                Span::Link { text, anchor } => a href=(format!("#{anchor}")) { (text) },
            }
        }
    }
}

fn image(i: &Image) -> Markup {
    use base64::Engine;
    let uri = format!(
        "data:{};base64,{}",
        i.media_type,
        base64::engine::general_purpose::STANDARD.encode(&i.bytes)
    );
    html! {
        figure {
            img src=(uri) alt=(i.alt);
            figcaption { (i.caption) }
        }
    }
}

fn block(b: &Block) -> Markup {
    html! {
        @match b {
            Block::Heading { level, text, anchor } => {
                @let id = anchor.as_deref();
                @match level {
                    1 => h1 id=[id] { (text) },
                    2 => h2 id=[id] { (text) },
                    3 => h3 id=[id] { (text) },
                    _ => h4 id=[id] { (text) },
                }
            }
            Block::Para(s) => p { (spans(s)) },
            Block::Words(w) => div class="words" { (w) },
            Block::Fields(f) => {
                @if !f.is_empty() {
                    ul class="fields" {
                        @for (k, v) in f {
                            li { strong { (k) ":" } " " (spans(v)) }
                        }
                    }
                }
            }
            Block::List(items) => ul { @for i in items { li { (spans(i)) } } },
            Block::Table { head, rows } => table {
                thead { tr { @for h in head { th { (h) } } } }
                tbody { @for r in rows { tr { @for c in r { td class=[is_hash(c).then_some("hash")] { (c) } } } } }
            },
            Block::Chart(c) => (chart(c)),
            Block::Image(i) => (image(i)),
            Block::Signatures(lines) => { @for l in lines { p class="sign" { (l) } } }
        }
    }
}

/// A SHA-256 in a table cell: set in a narrow typeface that may break
/// anywhere, so 64 characters with no space cannot push the table off the page.
fn is_hash(cell: &str) -> bool {
    cell.len() == 64 && cell.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Renders `doc` as a complete HTML page.
pub fn render(doc: &Doc) -> String {
    let page = html! {
        (DOCTYPE)
        html lang="en-GB" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content="starlog";
                title { (doc.title) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                main {
                    @for b in &doc.blocks { (block(b)) "\n" }
                }
            }
        }
    };
    let mut out = page.into_string();
    out.push('\n');
    out
}

const W: f64 = 640.0;
const H: f64 = 240.0;
const LEFT: f64 = 52.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 44.0;

fn num(v: f64) -> String {
    format!("{v:.1}")
}

/// A day on a chart's axis, as in the rest of the document.
fn day(d: NaiveDate) -> String {
    super::build::uk_day(d)
}

/// An inline SVG line chart of a KPI: readings, the target as a dashed line,
/// reviews as dotted verticals and activities as triangles on the time axis.
pub fn chart(c: &Chart) -> Markup {
    if c.points.is_empty() {
        return html! {};
    }
    let first = c.points.iter().map(|p| p.date).min().unwrap_or_default();
    let last = c.points.iter().map(|p| p.date).max().unwrap_or_default();
    let x0 = c
        .activities
        .iter()
        .map(|m| m.date)
        .chain([first])
        .min()
        .unwrap_or(first);
    let x1 = c
        .activities
        .iter()
        .map(|m| m.date)
        .chain([last])
        .max()
        .unwrap_or(last);
    let days = (x1 - x0).num_days().max(1) as f64;
    let mut lo = c
        .points
        .iter()
        .map(|p| p.value)
        .fold(f64::INFINITY, f64::min);
    let mut hi = c
        .points
        .iter()
        .map(|p| p.value)
        .fold(f64::NEG_INFINITY, f64::max);
    if let Some(t) = c.target {
        lo = lo.min(t);
        hi = hi.max(t);
    }
    let pad = ((hi - lo) * 0.1).max(1.0);
    lo -= pad;
    hi += pad;
    let plot_w = W - LEFT - RIGHT;
    let plot_h = H - TOP - BOTTOM;
    let bottom = TOP + plot_h;
    let x = |d: NaiveDate| LEFT + plot_w * ((d - x0).num_days() as f64 / days);
    let y = |v: f64| TOP + plot_h * (1.0 - (v - lo) / (hi - lo));
    let label = format!(
        "{} from {} to {}: {} readings, latest {}",
        c.metric,
        day(first),
        day(last),
        c.points.len(),
        fmt_number(c.points.last().map(|p| p.value).unwrap_or_default())
    );
    let reviews: Vec<_> = c
        .reviews
        .iter()
        .filter(|m| m.date >= x0 && m.date <= x1)
        .collect();
    let line: Vec<String> = c
        .points
        .iter()
        .map(|p| format!("{},{}", num(x(p.date)), num(y(p.value))))
        .collect();
    let activities = c.activities.len();
    let caption = format!(
        "{label}; {}. Dashed line: the target. Triangles: {activities} development activit{} for the objective it measures. R: {} review{}.",
        c.better,
        if activities == 1 { "y" } else { "ies" },
        reviews.len(),
        if reviews.len() == 1 { "" } else { "s" }
    );
    html! {
        figure {
            svg viewBox=(format!("0 0 {W} {H}")) width=(W) height=(H) role="img" aria-label=(label)
                font-family="sans-serif" font-size="11" {
                line x1=(num(LEFT)) y1=(num(TOP)) x2=(num(LEFT)) y2=(num(bottom)) stroke="#000" {}
                line x1=(num(LEFT)) y1=(num(bottom)) x2=(num(W - RIGHT)) y2=(num(bottom)) stroke="#000" {}
                @for v in [lo + pad, (lo + hi) / 2.0, hi - pad] {
                    text x=(num(LEFT - 6.0)) y=(num(y(v) + 4.0)) text-anchor="end" {
                        (fmt_number((v * 10.0).round() / 10.0))
                    }
                    line x1=(num(LEFT + 1.0)) y1=(num(y(v))) x2=(num(W - RIGHT)) y2=(num(y(v))) stroke="#ddd" {}
                }
                text x=(num(x(x0))) y=(num(H - 6.0)) text-anchor="start" { (day(x0)) }
                text x=(num(x(x1))) y=(num(H - 6.0)) text-anchor="end" { (day(x1)) }
                @for m in &reviews {
                    line x1=(num(x(m.date))) y1=(num(TOP)) x2=(num(x(m.date))) y2=(num(bottom))
                        stroke="#555" stroke-dasharray="2 3" { title { (m.label) } }
                    text x=(num(x(m.date))) y=(num(bottom + 13.0)) text-anchor="middle" fill="#555" { "R" }
                }
                @if let Some(t) = c.target {
                    line x1=(num(LEFT)) y1=(num(y(t))) x2=(num(W - RIGHT)) y2=(num(y(t)))
                        stroke="#a00" stroke-dasharray="6 4" {}
                    text x=(num(W - RIGHT - 2.0)) y=(num(y(t) - 4.0)) text-anchor="end" fill="#a00" {
                        "target " (fmt_number(t))
                    }
                }
                @for m in &c.activities {
                    @let xx = x(m.date);
                    polygon points=(format!("{},{} {},{} {},{}", num(xx), num(bottom - 8.0), num(xx - 5.0), num(bottom), num(xx + 5.0), num(bottom)))
                        fill="#06c" { title { (day(m.date)) " " (m.label) } }
                }
                polyline points=(line.join(" ")) fill="none" stroke="#000" stroke-width="2" {}
                @for p in &c.points {
                    circle cx=(num(x(p.date))) cy=(num(y(p.value))) r="3" fill="#000" {
                        title { (day(p.date)) " " (fmt_number(p.value)) }
                    }
                }
            }
            figcaption { (caption) }
        }
    }
}
