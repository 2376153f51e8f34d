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

#[cfg(test)]
mod tests {
    use super::{and_list, count};

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
}
