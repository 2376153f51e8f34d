//! Every text a record holds, found through its serde serialization: a new
//! field or a new record kind is visited without anyone remembering to add
//! it. Used to cap a field's size and to look for customer personal data.

use serde::ser::{self, Serialize};
use std::fmt;

/// Calls `visit(field, text)` for every string in `value`, in field order.
/// `field` is the name of the innermost struct field holding the text (for
/// a list of notes, the list's field), or "" at the top level.
pub fn for_each_text<T: Serialize + ?Sized>(value: &T, visit: &mut dyn FnMut(&'static str, &str)) {
    let mut walker = Walker {
        field: "",
        visit,
        shown: String::new(),
    };
    // Our serializer never fails; a failing `Serialize` impl just stops early.
    let _ = value.serialize(&mut walker);
}

/// The longest text, in characters, of any one field of a record.
pub const MAX_FIELD_CHARS: usize = 1_000_000;

/// The first field longer than [`MAX_FIELD_CHARS`], with its length.
pub fn oversized_field<T: Serialize + ?Sized>(value: &T) -> Option<(&'static str, usize)> {
    let mut found = None;
    for_each_text(value, &mut |field, text| {
        // Bytes bound characters from above: count only when it may matter.
        if found.is_none() && text.len() > MAX_FIELD_CHARS {
            let chars = text.chars().count();
            if chars > MAX_FIELD_CHARS {
                found = Some((field, chars));
            }
        }
    });
    found
}

struct Walker<'a> {
    field: &'static str,
    visit: &'a mut dyn FnMut(&'static str, &str),
    /// A value written through Display, in one buffer for the whole walk.
    shown: String,
}

#[derive(Debug)]
struct Never;

impl fmt::Display for Never {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("stopped")
    }
}

impl std::error::Error for Never {}

impl ser::Error for Never {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Never
    }
}

type R = Result<(), Never>;

impl<'w> ser::Serializer for &mut Walker<'w> {
    type Ok = ();
    type Error = Never;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn serialize_bool(self, _: bool) -> R {
        Ok(())
    }
    fn serialize_i8(self, _: i8) -> R {
        Ok(())
    }
    fn serialize_i16(self, _: i16) -> R {
        Ok(())
    }
    fn serialize_i32(self, _: i32) -> R {
        Ok(())
    }
    fn serialize_i64(self, _: i64) -> R {
        Ok(())
    }
    fn serialize_u8(self, _: u8) -> R {
        Ok(())
    }
    fn serialize_u16(self, _: u16) -> R {
        Ok(())
    }
    fn serialize_u32(self, _: u32) -> R {
        Ok(())
    }
    fn serialize_u64(self, _: u64) -> R {
        Ok(())
    }
    fn serialize_f32(self, _: f32) -> R {
        Ok(())
    }
    fn serialize_f64(self, _: f64) -> R {
        Ok(())
    }
    fn serialize_char(self, c: char) -> R {
        let mut buf = [0; 4];
        (self.visit)(self.field, c.encode_utf8(&mut buf));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> R {
        (self.visit)(self.field, v);
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> R {
        Ok(())
    }
    fn serialize_none(self) -> R {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> R {
        value.serialize(self)
    }
    fn serialize_unit(self) -> R {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> R {
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> R {
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> R {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        value: &T,
    ) -> R {
        value.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self, Never> {
        Ok(self)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self, Never> {
        Ok(self)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self, Never> {
        Ok(self)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, Never> {
        Ok(self)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self, Never> {
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Never> {
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, Never> {
        Ok(self)
    }
    fn collect_str<T: fmt::Display + ?Sized>(self, value: &T) -> R {
        // Dates, ids and other values written through Display: visit them
        // as text too (they cannot hold a customer's details, but cost little).
        use std::fmt::Write;
        self.shown.clear();
        let _ = write!(self.shown, "{value}");
        (self.visit)(self.field, &self.shown);
        Ok(())
    }
}

impl<'w> ser::SerializeSeq for &mut Walker<'w> {
    type Ok = ();
    type Error = Never;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> R {
        value.serialize(&mut **self)
    }
    fn end(self) -> R {
        Ok(())
    }
}

impl<'w> ser::SerializeTuple for &mut Walker<'w> {
    type Ok = ();
    type Error = Never;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> R {
        value.serialize(&mut **self)
    }
    fn end(self) -> R {
        Ok(())
    }
}

impl<'w> ser::SerializeTupleStruct for &mut Walker<'w> {
    type Ok = ();
    type Error = Never;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> R {
        value.serialize(&mut **self)
    }
    fn end(self) -> R {
        Ok(())
    }
}

impl<'w> ser::SerializeTupleVariant for &mut Walker<'w> {
    type Ok = ();
    type Error = Never;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> R {
        value.serialize(&mut **self)
    }
    fn end(self) -> R {
        Ok(())
    }
}

impl<'w> ser::SerializeMap for &mut Walker<'w> {
    type Ok = ();
    type Error = Never;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> R {
        key.serialize(&mut **self)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> R {
        value.serialize(&mut **self)
    }
    fn end(self) -> R {
        Ok(())
    }
}

impl<'w> ser::SerializeStruct for &mut Walker<'w> {
    type Ok = ();
    type Error = Never;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> R {
        let outer = std::mem::replace(&mut self.field, key);
        let result = value.serialize(&mut **self);
        self.field = outer;
        result
    }
    fn end(self) -> R {
        Ok(())
    }
}

impl<'w> ser::SerializeStructVariant for &mut Walker<'w> {
    type Ok = ();
    type Error = Never;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> R {
        let outer = std::mem::replace(&mut self.field, key);
        let result = value.serialize(&mut **self);
        self.field = outer;
        result
    }
    fn end(self) -> R {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;

    #[derive(Serialize)]
    struct Note {
        text: String,
        when: u32,
    }

    #[derive(Serialize)]
    enum Kind {
        Plain,
        Named { who: String },
    }

    #[derive(Serialize)]
    struct Record {
        title: String,
        tags: Vec<String>,
        notes: Vec<Note>,
        kind: Kind,
        other: Kind,
        maybe: Option<String>,
    }

    #[test]
    fn every_text_of_every_field_is_visited_with_its_field_name() {
        let r = Record {
            title: "Refund".into(),
            tags: vec!["a@b.com".into()],
            notes: vec![Note {
                text: "rang back".into(),
                when: 3,
            }],
            kind: Kind::Named { who: "Mo".into() },
            other: Kind::Plain,
            maybe: Some("yes".into()),
        };
        let mut seen = Vec::new();
        for_each_text(&r, &mut |field, text| seen.push((field, text.to_string())));
        assert_eq!(
            seen,
            vec![
                ("title", "Refund".to_string()),
                ("tags", "a@b.com".to_string()),
                ("text", "rang back".to_string()),
                ("who", "Mo".to_string()),
                ("maybe", "yes".to_string()),
            ]
        );
    }

    #[test]
    fn a_field_over_the_cap_is_named() {
        let mut r = Record {
            title: "x".repeat(MAX_FIELD_CHARS),
            tags: vec![],
            notes: vec![],
            kind: Kind::Plain,
            other: Kind::Plain,
            maybe: None,
        };
        assert_eq!(oversized_field(&r), None);
        r.maybe = Some("é".repeat(MAX_FIELD_CHARS + 1));
        assert_eq!(oversized_field(&r), Some(("maybe", MAX_FIELD_CHARS + 1)));
    }
}
