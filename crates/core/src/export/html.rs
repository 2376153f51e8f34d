//! Writes the portfolio document as one self-contained HTML file: styles
//! inline, KPI charts as inline SVG, no scripts and no reference to anything
//! outside the file, so it opens offline and prints cleanly to PDF.

use super::doc::{Block, Chart, Doc, Span};
use crate::domain::kpi::fmt_number;
use chrono::NaiveDate;

/// Escapes text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

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
th, td { border: 1px solid #999; padding: .25rem .45rem; text-align: left; vertical-align: top; }
th { background: #eee; }
a { color: #114; }
figure { margin: .5rem 0 1rem; }
figcaption { font-size: .85rem; color: #333; }
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

fn spans(s: &[Span]) -> String {
    s.iter()
        .map(|s| match s {
            Span::Text(t) => esc(t),
            Span::Strong(t) => format!("<strong>{}</strong>", esc(t)),
            Span::Link { text, anchor } => {
                format!("<a href=\"#{}\">{}</a>", esc(anchor), esc(text))
            }
        })
        .collect()
}

/// Renders `doc` as a complete HTML page.
pub fn render(doc: &Doc) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"generator\" content=\"starlog\">\n");
    out.push_str(&format!("<title>{}</title>\n", esc(&doc.title)));
    out.push_str(&format!(
        "<style>{STYLE}</style>\n</head>\n<body>\n<main>\n"
    ));
    for b in &doc.blocks {
        match b {
            Block::Heading {
                level,
                text,
                anchor,
            } => {
                let id = anchor
                    .as_ref()
                    .map(|a| format!(" id=\"{}\"", esc(a)))
                    .unwrap_or_default();
                out.push_str(&format!("<h{level}{id}>{}</h{level}>\n", esc(text)));
            }
            Block::Para(s) => out.push_str(&format!("<p>{}</p>\n", spans(s))),
            Block::Words(w) => out.push_str(&format!("<div class=\"words\">{}</div>\n", esc(w))),
            Block::Fields(f) => {
                if f.is_empty() {
                    continue;
                }
                out.push_str("<ul class=\"fields\">\n");
                for (k, v) in f {
                    out.push_str(&format!(
                        "<li><strong>{}:</strong> {}</li>\n",
                        esc(k),
                        spans(v)
                    ));
                }
                out.push_str("</ul>\n");
            }
            Block::List(items) => {
                out.push_str("<ul>\n");
                for i in items {
                    out.push_str(&format!("<li>{}</li>\n", spans(i)));
                }
                out.push_str("</ul>\n");
            }
            Block::Table { head, rows } => {
                out.push_str("<table>\n<thead><tr>");
                for h in head {
                    out.push_str(&format!("<th>{}</th>", esc(h)));
                }
                out.push_str("</tr></thead>\n<tbody>\n");
                for r in rows {
                    out.push_str("<tr>");
                    for c in r {
                        out.push_str(&format!("<td>{}</td>", esc(c)));
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</tbody>\n</table>\n");
            }
            Block::Chart(c) => out.push_str(&chart(c)),
            Block::Signatures(lines) => {
                for l in lines {
                    out.push_str(&format!("<p class=\"sign\">{}</p>\n", esc(l)));
                }
            }
        }
    }
    out.push_str("</main>\n</body>\n</html>\n");
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

/// An inline SVG line chart of a KPI: readings, the target as a dashed line,
/// reviews as dotted verticals and activities as triangles on the time axis.
pub fn chart(c: &Chart) -> String {
    if c.points.is_empty() {
        return String::new();
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
    let x = |d: NaiveDate| LEFT + plot_w * ((d - x0).num_days() as f64 / days);
    let y = |v: f64| TOP + plot_h * (1.0 - (v - lo) / (hi - lo));
    let label = format!(
        "{} from {} to {}: {} readings, latest {}",
        c.metric,
        first,
        last,
        c.points.len(),
        fmt_number(c.points.last().map(|p| p.value).unwrap_or_default())
    );
    let mut s = String::new();
    s.push_str("<figure>\n");
    s.push_str(&format!(
        "<svg viewBox=\"0 0 {W} {H}\" width=\"{W}\" height=\"{H}\" role=\"img\" aria-label=\"{}\" font-family=\"sans-serif\" font-size=\"11\">\n",
        esc(&label)
    ));
    // Axes and value ticks.
    s.push_str(&format!(
        "<line x1=\"{l}\" y1=\"{t}\" x2=\"{l}\" y2=\"{b}\" stroke=\"#000\"/>\n<line x1=\"{l}\" y1=\"{b}\" x2=\"{r}\" y2=\"{b}\" stroke=\"#000\"/>\n",
        l = num(LEFT),
        t = num(TOP),
        b = num(TOP + plot_h),
        r = num(W - RIGHT)
    ));
    for v in [lo + pad, (lo + hi) / 2.0, hi - pad] {
        s.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n<line x1=\"{}\" y1=\"{yy}\" x2=\"{}\" y2=\"{yy}\" stroke=\"#ddd\"/>\n",
            num(LEFT - 6.0),
            num(y(v) + 4.0),
            esc(&fmt_number((v * 10.0).round() / 10.0)),
            num(LEFT + 1.0),
            num(W - RIGHT),
            yy = num(y(v))
        ));
    }
    for (d, anchor) in [(x0, "start"), (x1, "end")] {
        s.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\">{d}</text>\n",
            num(x(d)),
            num(H - 6.0)
        ));
    }
    // Reviews: dotted verticals.
    for m in c.reviews.iter().filter(|m| m.date >= x0 && m.date <= x1) {
        s.push_str(&format!(
            "<line x1=\"{xx}\" y1=\"{}\" x2=\"{xx}\" y2=\"{}\" stroke=\"#555\" stroke-dasharray=\"2 3\"><title>{}</title></line>\n<text x=\"{xx}\" y=\"{}\" text-anchor=\"middle\" fill=\"#555\">R</text>\n",
            num(TOP),
            num(TOP + plot_h),
            esc(&m.label),
            num(TOP + plot_h + 13.0),
            xx = num(x(m.date))
        ));
    }
    // Target: a dashed line.
    if let Some(t) = c.target {
        s.push_str(&format!(
            "<line x1=\"{}\" y1=\"{yy}\" x2=\"{}\" y2=\"{yy}\" stroke=\"#a00\" stroke-dasharray=\"6 4\"/>\n<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#a00\">target {}</text>\n",
            num(LEFT),
            num(W - RIGHT),
            num(W - RIGHT - 2.0),
            num(y(t) - 4.0),
            esc(&fmt_number(t)),
            yy = num(y(t))
        ));
    }
    // Activities: triangles on the time axis.
    for m in &c.activities {
        let xx = x(m.date);
        let b = TOP + plot_h;
        s.push_str(&format!(
            "<polygon points=\"{},{} {},{} {},{}\" fill=\"#06c\"><title>{} {}</title></polygon>\n",
            num(xx),
            num(b - 8.0),
            num(xx - 5.0),
            num(b),
            num(xx + 5.0),
            num(b),
            m.date,
            esc(&m.label)
        ));
    }
    // The readings.
    let line: Vec<String> = c
        .points
        .iter()
        .map(|p| format!("{},{}", num(x(p.date)), num(y(p.value))))
        .collect();
    s.push_str(&format!(
        "<polyline points=\"{}\" fill=\"none\" stroke=\"#000\" stroke-width=\"2\"/>\n",
        line.join(" ")
    ));
    for p in &c.points {
        s.push_str(&format!(
            "<circle cx=\"{}\" cy=\"{}\" r=\"3\" fill=\"#000\"><title>{} {}</title></circle>\n",
            num(x(p.date)),
            num(y(p.value)),
            p.date,
            esc(&fmt_number(p.value))
        ));
    }
    s.push_str("</svg>\n");
    let reviews = c
        .reviews
        .iter()
        .filter(|m| m.date >= x0 && m.date <= x1)
        .count();
    s.push_str(&format!(
        "<figcaption>{}; {}. Dashed line: the target. Triangles: {} development activit{} for the objective it measures. R: {} review{}.</figcaption>\n</figure>\n",
        esc(&label),
        esc(&c.better),
        c.activities.len(),
        if c.activities.len() == 1 { "y" } else { "ies" },
        reviews,
        if reviews == 1 { "" } else { "s" }
    ));
    s
}
