//! Counting in words: "1 reading", "3 readings". One helper for every screen
//! and report, so no message says "1 gap(s)" or "1 activities".

/// `n` followed by the singular or the plural, e.g. `count(1, "entry", "entries")`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Parts joined as a sentence says them: "a", "a and b", "a, b and c".
pub fn and_list(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The first line of `text`, cut at a word boundary (never mid-word) when
/// longer than `max` characters.
pub fn cut_words(text: &str, max: usize) -> String {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    if line.chars().count() <= max {
        return line.to_string();
    }
    let mut out = String::new();
    for word in line.split_whitespace() {
        if out.chars().count() + word.chars().count() + 1 > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        out = line.chars().take(max).collect();
    }
    let trimmed = out.trim_end_matches([',', ';', ':', '-', '–']).to_string();
    format!("{trimmed}…")
}

#[cfg(test)]
mod tests {
    use super::{and_list, count, cut_words};

    #[test]
    fn lists_read_as_a_sentence() {
        let parts = |p: &[&str]| p.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(and_list(&parts(&["a"])), "a");
        assert_eq!(and_list(&parts(&["a", "b"])), "a and b");
        assert_eq!(and_list(&parts(&["a", "b", "c"])), "a, b and c");
    }

    #[test]
    fn one_is_singular_and_everything_else_plural() {
        assert_eq!(count(1, "reading", "readings"), "1 reading");
        assert_eq!(count(0, "reading", "readings"), "0 readings");
        assert_eq!(count(2, "activity", "activities"), "2 activities");
    }

    #[test]
    fn a_cut_ends_on_a_whole_word() {
        let text = "Raise my CSAT from 82% to 88% by 11 May by using the HEAT steps on every call";
        assert_eq!(
            cut_words(text, 60),
            "Raise my CSAT from 82% to 88% by 11 May by using the HEAT…"
        );
        assert_eq!(cut_words("Short enough", 60), "Short enough");
        assert_eq!(cut_words("\n  First line\nsecond", 60), "First line");
    }
}
