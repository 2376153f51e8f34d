use crate::util::char_width;
#[cfg(feature = "arbitrary")]
use arbitrary::Arbitrary;
#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

/// Specify how logical lines are soft-wrapped at render time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "arbitrary", derive(Arbitrary))]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub enum WrapMode {
    /// Disable soft wrapping and keep horizontal scrolling behavior.
    None,
    /// Wrap only at word boundaries. Words wider than viewport are not split.
    Word,
    /// Wrap at grapheme boundaries.
    Glyph,
    /// Wrap at word boundaries, and fall back to grapheme wrapping for long words.
    WordOrGlyph,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct WrappedLine {
    pub row: usize,
    pub start_byte: usize,
    pub end_byte: usize,
    pub start_col: usize,
    pub end_col: usize,
    pub first_in_row: bool,
    pub last_in_row: bool,
}

#[derive(Clone, Copy)]
struct Chunk {
    start: usize,
    end: usize,
}

pub(crate) fn effective_wrap_width(total_width: u16, line_number_len: Option<u8>) -> usize {
    let total_width = total_width as usize;
    let reserved = line_number_len.map(|len| len as usize + 2).unwrap_or(0);
    if total_width > reserved {
        total_width - reserved
    } else {
        1
    }
}

pub(crate) fn wrapped_rows(
    lines: &[String],
    mode: WrapMode,
    width: usize,
    tab_len: u8,
    mask: Option<char>,
) -> Vec<WrappedLine> {
    let mut rows = Vec::new();

    for (row, line) in lines.iter().enumerate() {
        let ranges = line_ranges(line, mode, width, tab_len, mask);
        let mut start_col = 0usize;
        for (i, (start_byte, end_byte)) in ranges.iter().copied().enumerate() {
            let end_col = start_col + line[start_byte..end_byte].chars().count();
            rows.push(WrappedLine {
                row,
                start_byte,
                end_byte,
                start_col,
                end_col,
                first_in_row: i == 0,
                last_in_row: i + 1 == ranges.len(),
            });
            start_col = end_col;
        }
    }

    rows
}

pub(crate) fn line_ranges(
    line: &str,
    mode: WrapMode,
    width: usize,
    tab_len: u8,
    mask: Option<char>,
) -> Vec<(usize, usize)> {
    if mode == WrapMode::None {
        return vec![(0, line.len())];
    }

    let width = width.max(1);
    let mut out = match mode {
        WrapMode::None => vec![(0, line.len())],
        WrapMode::Glyph => {
            let mut chunks = Vec::new();
            split_range_by_grapheme_width(line, 0, line.len(), width, tab_len, mask, &mut chunks);
            chunks
        }
        WrapMode::Word => wrap_word_chunks(line, width, tab_len, mask, false),
        WrapMode::WordOrGlyph => wrap_word_chunks(line, width, tab_len, mask, true),
    };

    if out.is_empty() {
        out.push((0, 0));
    }
    out
}

// starlog's patch (see vendor/README.md): rows break only after white space.
// Breaking at every Unicode word boundary put the space between two words at
// the start of the next row and split `31/03/2027` at its slashes. A chunk is
// now a word and the white space after it; the white space stays at the end of
// its row, and the cursor's cell after a line's last character counts too, so
// the cursor is never drawn past the edge.
fn word_chunks(line: &str) -> Vec<Chunk> {
    let mut chunks = Vec::new();
    let mut start = 0usize;
    let mut in_space = false;
    for (i, c) in line.char_indices() {
        let space = is_break_space(c);
        if !space && in_space {
            chunks.push(Chunk { start, end: i });
            start = i;
        }
        in_space = space;
    }
    if start < line.len() {
        chunks.push(Chunk {
            start,
            end: line.len(),
        });
    }
    chunks
}

/// White space a row may break after: not the no-break spaces.
fn is_break_space(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}')
}

fn wrap_word_chunks(
    line: &str,
    width: usize,
    tab_len: u8,
    mask: Option<char>,
    fallback_to_glyph: bool,
) -> Vec<(usize, usize)> {
    let chunks = word_chunks(line);
    let mut out = Vec::new();
    let mut seg_start = 0usize;
    let mut seg_width = 0usize;
    let mut i = 0usize;

    while i < chunks.len() {
        let chunk = chunks[i];
        let cursor_cell = usize::from(chunk.end == line.len());
        let chunk_width =
            display_width_from(chunk_text(line, chunk), seg_width, tab_len, mask) + cursor_cell;
        if seg_width + chunk_width <= width {
            seg_width += chunk_width;
            i += 1;
            continue;
        }

        if seg_start < chunk.start {
            out.push((seg_start, chunk.start));
            seg_start = chunk.start;
            seg_width = 0;
            continue;
        }

        // The chunk alone is wider than a row.
        i += 1;
        if !fallback_to_glyph {
            out.push((chunk.start, chunk.end));
            seg_start = chunk.end;
            seg_width = 0;
            continue;
        }
        let word_end = chunk.start
            + chunk_text(line, chunk)
                .trim_end_matches(is_break_space)
                .len();
        let mut pieces = Vec::new();
        split_range_by_grapheme_width(
            line,
            chunk.start,
            word_end,
            width,
            tab_len,
            mask,
            &mut pieces,
        );
        let Some(&(mut tail, _)) = pieces.last() else {
            // Only white space, wider than a row.
            split_range_by_grapheme_width(
                line,
                chunk.start,
                chunk.end,
                width,
                tab_len,
                mask,
                &mut out,
            );
            seg_start = chunk.end;
            seg_width = 0;
            continue;
        };
        out.extend_from_slice(&pieces[..pieces.len() - 1]);
        // The word's last piece carries the white space after it; when they
        // do not fit together, the piece's last character goes along.
        let tail_width = |from: usize| display_width_to(&line[from..chunk.end], 0, tab_len, mask);
        if tail_width(tail) > width {
            if let Some((offset, _)) = line[tail..word_end].grapheme_indices(true).next_back() {
                if offset > 0 {
                    out.push((tail, tail + offset));
                    tail += offset;
                }
            }
        }
        seg_start = tail;
        seg_width = tail_width(tail);
    }

    if seg_start < line.len() || out.is_empty() {
        out.push((seg_start, line.len()));
    }

    out
}

fn split_range_by_grapheme_width(
    line: &str,
    start: usize,
    end: usize,
    width: usize,
    tab_len: u8,
    mask: Option<char>,
    out: &mut Vec<(usize, usize)>,
) {
    let mut segment_start = start;
    while segment_start < end {
        let mut segment_end = segment_start;
        let mut segment_width = 0usize;

        for (offset, grapheme) in
            UnicodeSegmentation::grapheme_indices(&line[segment_start..end], true)
        {
            let grapheme_start = segment_start + offset;
            let grapheme_end = grapheme_start + grapheme.len();
            let next_width = display_width_to(grapheme, segment_width, tab_len, mask);
            let grapheme_width = next_width.saturating_sub(segment_width);

            if segment_end != segment_start && segment_width + grapheme_width > width {
                break;
            }

            segment_end = grapheme_end;
            segment_width = next_width;
            if segment_width > width {
                break;
            }
        }

        if segment_end == segment_start {
            if let Some(ch) = line[segment_start..end].chars().next() {
                segment_end = segment_start + ch.len_utf8();
            } else {
                break;
            }
        }

        out.push((segment_start, segment_end));
        segment_start = segment_end;
    }
}

#[inline]
fn chunk_text(line: &str, chunk: Chunk) -> &str {
    &line[chunk.start..chunk.end]
}

fn display_width_from(text: &str, start_width: usize, tab_len: u8, mask: Option<char>) -> usize {
    display_width_to(text, start_width, tab_len, mask).saturating_sub(start_width)
}

fn display_width_to(text: &str, mut width: usize, tab_len: u8, mask: Option<char>) -> usize {
    for c in text.chars() {
        // A masked line is drawn as one mask character per char,
        // so each char is as wide as the mask.
        if let Some(mask) = mask {
            width += char_width(mask);
        } else if c == '\t' {
            if tab_len > 0 {
                let tab = tab_len as usize;
                let pad = tab - (width % tab);
                width += pad;
            }
        } else {
            width += char_width(c);
        }
    }
    width
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segments(line: &str, mode: WrapMode, width: usize) -> Vec<&str> {
        line_ranges(line, mode, width, 4, None)
            .into_iter()
            .map(|(s, e)| &line[s..e])
            .collect()
    }

    fn masked_segments(line: &str, mode: WrapMode, width: usize, mask: char) -> Vec<&str> {
        line_ranges(line, mode, width, 4, Some(mask))
            .into_iter()
            .map(|(s, e)| &line[s..e])
            .collect()
    }

    #[test]
    fn word_wrap_breaks_after_white_space() {
        let have = segments("refund by 31/03/2027 and", WrapMode::WordOrGlyph, 12);
        assert_eq!(have, vec!["refund by ", "31/03/2027 ", "and"]);
        let have = segments("a  b", WrapMode::Word, 2);
        assert_eq!(have, vec!["a  ", "b"]);
    }

    #[test]
    fn word_wrap_leaves_a_cell_for_the_cursor_at_the_end() {
        let have = segments("ab cd", WrapMode::Word, 5);
        assert_eq!(have, vec!["ab ", "cd"]);
        let have = segments("ab cd", WrapMode::Word, 6);
        assert_eq!(have, vec!["ab cd"]);
    }

    #[test]
    fn word_or_glyph_wrap_keeps_a_split_word_with_its_space() {
        let have = segments("abcdefgh ij", WrapMode::WordOrGlyph, 4);
        assert_eq!(have, vec!["abcd", "efg", "h ", "ij"]);
        let have = segments("a\u{a0}b c", WrapMode::Word, 4);
        assert_eq!(have, vec!["a\u{a0}b ", "c"]);
    }

    #[test]
    fn word_wrap_keeps_long_word() {
        let have = segments("helloworld", WrapMode::Word, 4);
        assert_eq!(have, vec!["helloworld"]);
    }

    #[test]
    fn word_or_glyph_wrap_splits_long_word() {
        let have = segments("helloworld", WrapMode::WordOrGlyph, 4);
        assert_eq!(have, vec!["hell", "owor", "ld"]);
    }

    #[test]
    fn glyph_wrap_handles_wide_chars() {
        let have = segments("ab犬猫", WrapMode::Glyph, 4);
        assert_eq!(have, vec!["ab犬", "猫"]);
    }

    #[test]
    fn glyph_wrap_keeps_combining_grapheme_cluster() {
        let have = segments("e\u{301}x", WrapMode::Glyph, 1);
        assert_eq!(have, vec!["e\u{301}", "x"]);
    }

    #[test]
    fn tab_width_is_accounted_for_in_wrap() {
        let have = segments("\tX", WrapMode::WordOrGlyph, 2);
        assert_eq!(have, vec!["\t", "X"]);
    }

    #[test]
    fn glyph_wrap_preserves_full_mixed_width_row_capacity() {
        let have = segments("a中bcde", WrapMode::Glyph, 4);
        assert_eq!(have, vec!["a中b", "cde"]);
    }

    #[test]
    fn mask_wraps_by_the_mask_width() {
        let have = masked_segments("a中\tcde", WrapMode::Glyph, 4, '*');
        assert_eq!(have, vec!["a中\tc", "de"]);
        let have = masked_segments("abcd", WrapMode::WordOrGlyph, 4, '＊');
        assert_eq!(have, vec!["ab", "cd"]);
    }

    #[test]
    fn halfwidth_sound_marks_take_a_cell() {
        let have = segments("ｶﾞﾊﾟ", WrapMode::Glyph, 2);
        assert_eq!(have, vec!["ｶﾞ", "ﾊﾟ"]);
    }
}
