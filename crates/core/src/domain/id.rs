//! Record ids: sortable, unique across machines, never "max + 1".
//!
//! An id is a ULID-style string: 10 Crockford base-32 characters of the creation
//! time in milliseconds followed by 16 characters of randomness. Ids made on two
//! laptops never collide in practice, and sorting ids sorts records by creation
//! time, so two workspaces can be merged by copying folders.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// [`ALPHABET`] as bits: bit `b - b'0'` is set for each of its characters.
const ALPHABET_BITS: u64 = {
    let mut bits = 0;
    let mut i = 0;
    while i < ALPHABET.len() {
        bits |= 1 << (ALPHABET[i] - b'0');
        i += 1;
    }
    bits
};

/// Whether `b` is a character of [`ALPHABET`] (a bit look-up: every record
/// read checks 26 of them per id it holds).
fn in_alphabet(b: u8) -> bool {
    ALPHABET_BITS
        .checked_shr(u32::from(b.wrapping_sub(b'0')))
        .is_some_and(|bits| bits & 1 == 1)
}

/// Whether `text` is an id as starlog writes it: 26 upper-case characters
/// of the alphabet, the first carrying only 3 bits of a 48-bit time. (All
/// 26 are checked, without stopping at the first wrong one, and without a
/// branch per character: ids are nearly always right.)
fn is_id(text: &[u8]) -> bool {
    text.len() == 26 && text[0] <= b'7' && text.iter().fold(true, |all, b| all & in_alphabet(*b))
}

/// A record id (26 characters, Crockford base 32), held inline: a
/// workspace holds several ids per record (its own, the links, the file
/// map's keys), and 26 bytes in place take half the memory of a string's
/// pointer, length and capacity plus its own allocation. Its bytes are
/// always characters of [`ALPHABET`], so it orders as its text does.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Id([u8; 26]);

/// Why a piece of text is not a valid id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{text}` is not a record id (expected 26 letters and digits such as 01JD2Z6K8M3V4R5T6W7X8Y9Z0A)"
)]
pub struct BadId {
    pub text: String,
}

impl Id {
    /// Builds an id from a creation time (ms since the Unix epoch) and 10 random bytes.
    pub fn from_parts(millis: u64, random: [u8; 10]) -> Id {
        let mut value: u128 = (u128::from(millis & 0xFFFF_FFFF_FFFF)) << 80;
        for (i, b) in random.iter().enumerate() {
            value |= u128::from(*b) << (8 * (9 - i));
        }
        let mut out = [0u8; 26];
        for (i, slot) in out.iter_mut().enumerate() {
            let shift = 5 * (25 - i);
            *slot = ALPHABET[((value >> shift) & 0x1F) as usize];
        }
        Id(out)
    }

    /// A fresh id for a record created now.
    pub fn generate() -> Id {
        let millis = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as u64)
            .unwrap_or(0);
        let mut random = [0u8; 10];
        if getrandom::fill(&mut random).is_err() {
            // No OS randomness (should not happen): fall back to the clock's
            // nanoseconds and a process-wide counter, still unique per process.
            use std::sync::atomic::{AtomicU64, Ordering};
            static COUNTER: AtomicU64 = AtomicU64::new(0);
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.subsec_nanos())
                .unwrap_or(0);
            random[..8].copy_from_slice(&n.to_be_bytes());
            random[8..].copy_from_slice(&nanos.to_be_bytes()[2..]);
        }
        Id::from_parts(millis, random)
    }

    /// Parses an id, accepting lower case (Crockford is case-insensitive).
    pub fn parse(text: &str) -> Result<Id, BadId> {
        let upper = text.trim().to_ascii_uppercase();
        match <[u8; 26]>::try_from(upper.as_bytes()) {
            Ok(bytes) if is_id(&bytes) => Ok(Id(bytes)),
            _ => Err(BadId {
                text: text.to_string(),
            }),
        }
    }

    /// The id `text` is when it is written as starlog writes ids (26
    /// upper-case characters of the alphabet), else `None`.
    fn exact(text: &str) -> Option<Id> {
        let bytes = <[u8; 26]>::try_from(text.as_bytes()).ok()?;
        is_id(&bytes).then_some(Id(bytes))
    }

    pub fn as_str(&self) -> &str {
        // Only characters of the alphabet are ever held, so this is never "".
        std::str::from_utf8(&self.0).unwrap_or("")
    }

    /// The last characters, enough to tell records apart on screen.
    pub fn short(&self) -> &str {
        let text = self.as_str();
        &text[text.len().saturating_sub(6)..]
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Id({})", self.as_str())
    }
}

impl Serialize for Id {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(IdVisitor)
    }
}

/// Reads an id from the text a file holds, without making a string of it.
struct IdVisitor;

impl serde::de::Visitor<'_> for IdVisitor {
    type Value = Id;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a record id")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Id, E> {
        // As written (nearly always): taken as it is.
        match Id::exact(text) {
            Some(id) => Ok(id),
            None => Id::parse(text).map_err(E::custom),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_sort_by_creation_time() {
        let early = Id::from_parts(1_000, [0xFF; 10]);
        let late = Id::from_parts(1_001, [0; 10]);
        assert!(early < late);
    }

    #[test]
    fn generated_ids_differ_and_parse_back() {
        let a = Id::generate();
        let b = Id::generate();
        assert_ne!(a, b);
        assert_eq!(Id::parse(a.as_str()), Ok(a.clone()));
        assert_eq!(Id::parse(&a.as_str().to_lowercase()), Ok(a));
    }

    #[test]
    fn rejects_wrong_length_and_letters() {
        assert!(Id::parse("123").is_err());
        assert!(Id::parse("01JD2Z6K8M3V4R5T6W7X8Y9ZOU").is_err()); // O and U are not Crockford
        assert!(Id::parse("81JD2Z6K8M3V4R5T6W7X8Y9Z0A").is_err()); // time overflow
    }

    #[test]
    fn the_alphabet_test_accepts_exactly_the_alphabet() {
        for b in 0..=u8::MAX {
            assert_eq!(in_alphabet(b), ALPHABET.contains(&b), "byte {b}");
        }
    }

    #[test]
    fn a_record_file_id_in_lower_case_or_with_spaces_still_reads() {
        let id = Id::from_parts(1_700_000_000_000, [7; 10]);
        for text in [
            id.as_str().to_string(),
            id.as_str().to_lowercase(),
            format!(" {id} "),
        ] {
            let read: Id = ron::from_str(&format!("{text:?}")).expect("an id");
            assert_eq!(read, id);
        }
        assert!(ron::from_str::<Id>("\"01JD2Z6K8M3V4R5T6W7X8Y9ZOU\"").is_err());
    }
}
