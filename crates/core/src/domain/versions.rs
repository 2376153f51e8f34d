//! Two versions of one record, compared field by field in words: what a
//! learner reads before choosing which to keep when a record was changed on
//! two computers (a sync's conflict copy, or two files with one id). Fields
//! are found through the records' serde serialization, so a new field is
//! compared without anyone remembering to add it here.

use super::AnyRecord;
use serde::Serialize;
use serde_json::Value;

/// One field whose text differs between the two versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    /// The field as a person reads it: "Situation", "Agreed with".
    pub field: String,
    /// Its text in each version, "(empty)" when it has none.
    pub mine: String,
    pub theirs: String,
}

/// What differs between two versions of a record, and what does not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Comparison {
    /// In the order the record's file lists its fields.
    pub changed: Vec<FieldChange>,
    /// The fields the same in both, by name.
    pub same: Vec<String>,
}

/// Fields every record has that say nothing about its content.
const NOT_COMPARED: [&str; 2] = ["format", "id"];

/// Compares `mine` with `theirs` (two versions of one record, normally of
/// the same kind; a field only one has counts as changed).
pub fn compare(mine: &AnyRecord, theirs: &AnyRecord) -> Comparison {
    let (mine_fields, theirs_fields) = (fields(mine), fields(theirs));
    let mut names: Vec<&String> = mine_fields.iter().map(|(k, _)| k).collect();
    for (k, _) in &theirs_fields {
        if !names.contains(&k) {
            names.push(k);
        }
    }
    let mut out = Comparison::default();
    for name in names {
        if NOT_COMPARED.contains(&name.as_str()) {
            continue;
        }
        let find = |list: &[(String, Value)]| {
            list.iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .unwrap_or(Value::Null)
        };
        let (a, b) = (find(&mine_fields), find(&theirs_fields));
        if a == b {
            out.same.push(field_label(name));
        } else {
            out.changed.push(FieldChange {
                field: field_label(name),
                mine: words(&a),
                theirs: words(&b),
            });
        }
    }
    out
}

/// A record's top-level fields with their values, in the order its file
/// writes them.
fn fields(record: &AnyRecord) -> Vec<(String, Value)> {
    fn of<T: Serialize>(r: &T) -> Vec<(String, Value)> {
        let Ok(Value::Object(map)) = serde_json::to_value(r) else {
            return Vec::new();
        };
        // serde_json's map is sorted by name; the RON text keeps the
        // struct's own order (date, then Situation, Task, Action...), which
        // is the order a learner knows from the form.
        let text =
            ron::ser::to_string_pretty(r, ron::ser::PrettyConfig::default()).unwrap_or_default();
        let mut list: Vec<(usize, String, Value)> = map
            .into_iter()
            .map(|(k, v)| {
                let at = text.find(&format!("\n    {k}: ")).unwrap_or(usize::MAX);
                (at, k, v)
            })
            .collect();
        list.sort_by_key(|(at, _, _)| *at);
        list.into_iter().map(|(_, k, v)| (k, v)).collect()
    }
    match record {
        AnyRecord::Diary(r) => of(r),
        AnyRecord::Need(r) => of(r),
        AnyRecord::Objective(r) => of(r),
        AnyRecord::Activity(r) => of(r),
        AnyRecord::Feedback(r) => of(r),
        AnyRecord::Kpi(r) => of(r),
        AnyRecord::Review(r) => of(r),
        AnyRecord::Evidence(r) => of(r),
        AnyRecord::Witness(r) => of(r),
        AnyRecord::SignOff(r) => of(r),
        AnyRecord::Practice(r) => of(r),
        AnyRecord::Coaching(r) => of(r),
    }
}

/// `agreed_with` -> "Agreed with".
fn field_label(name: &str) -> String {
    let spaced = name.replace('_', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A value as text a person reads: strings as they are, lists one item a
/// line, nested parts as "name: value".
pub fn words(value: &Value) -> String {
    match value {
        Value::Null => "(empty)".into(),
        Value::Bool(true) => "yes".into(),
        Value::Bool(false) => "no".into(),
        Value::Number(n) => n.to_string(),
        Value::String(s) if s.trim().is_empty() => "(empty)".into(),
        Value::String(s) => s.clone(),
        Value::Array(items) if items.is_empty() => "(empty)".into(),
        Value::Array(items) => items.iter().map(words).collect::<Vec<_>>().join("\n"),
        Value::Object(map) if map.is_empty() => "(empty)".into(),
        Value::Object(map) => map
            .iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(k, v)| format!("{}: {}", field_label(k), words(v)))
            .collect::<Vec<_>>()
            .join("; "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{DiaryEntry, Id};

    fn entry(situation: &str, day: &str) -> DiaryEntry {
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-20T09:00:00+00:00").expect("now");
        let mut e = DiaryEntry::new(
            Id::from_parts(1, [1; 10]),
            chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").expect("day"),
            now,
        );
        e.situation = situation.into();
        e.task = "Calm the caller".into();
        e
    }

    #[test]
    fn only_the_fields_that_differ_are_set_side_by_side_in_the_forms_order() {
        let mine = AnyRecord::Diary(entry("The caller was upset (A)", "2026-11-20"));
        let theirs = AnyRecord::Diary(entry("The caller was upset (B)", "2026-11-22"));
        let c = compare(&mine, &theirs);
        let names: Vec<&str> = c.changed.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(names, ["Date", "Situation"], "{c:?}");
        assert_eq!(c.changed[0].mine, "2026-11-20");
        assert_eq!(c.changed[0].theirs, "2026-11-22");
        assert_eq!(c.changed[1].mine, "The caller was upset (A)");
        assert!(c.same.contains(&"Task".to_string()), "{c:?}");
        assert!(!c.same.iter().any(|f| f == "Id" || f == "Format"));
        assert!(compare(&mine, &mine).changed.is_empty());
    }

    #[test]
    fn values_read_as_words_not_as_ron() {
        assert_eq!(words(&Value::Null), "(empty)");
        assert_eq!(
            words(&serde_json::json!(["refunds", "calm"])),
            "refunds\ncalm"
        );
        assert_eq!(
            words(&serde_json::json!({"agreed_with": "Sam", "by": null})),
            "Agreed with: Sam"
        );
        assert_eq!(words(&serde_json::json!(true)), "yes");
    }
}
