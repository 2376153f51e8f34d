//! Counting in words: "1 reading", "3 readings". One helper for every screen
//! and report, so no message says "1 gap(s)" or "1 activities".

/// `n` followed by the singular or the plural, e.g. `count(1, "entry", "entries")`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::count;

    #[test]
    fn one_is_singular_and_everything_else_plural() {
        assert_eq!(count(1, "reading", "readings"), "1 reading");
        assert_eq!(count(0, "reading", "readings"), "0 readings");
        assert_eq!(count(2, "activity", "activities"), "2 activities");
    }
}
