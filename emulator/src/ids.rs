//! Resource ids: UUID-shaped strings kept as 128-bit integers, and the
//! deterministic generator that makes synthetic ids reproducible.

use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};

/// A resource id such as `7b1644e2-d97d-4725-a927-0028bc60bc28`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Id(pub u128);

impl Id {
    /// Parses the 8-4-4-4-12 hex form (either case); anything else cannot be
    /// an id of this emulator, so callers answer 404 or 422.
    pub(crate) fn parse(text: &str) -> Option<Id> {
        let b = text.as_bytes();
        if b.len() != 36 {
            return None;
        }
        let mut value: u128 = 0;
        for (i, &c) in b.iter().enumerate() {
            if matches!(i, 8 | 13 | 18 | 23) {
                if c != b'-' {
                    return None;
                }
                continue;
            }
            let digit = (c as char).to_digit(16)?;
            value = (value << 4) | digit as u128;
        }
        Some(Id(value))
    }

    /// The id of the `counter`-th generated resource of kind `tag`.
    ///
    /// The first 48 bits are a bijective scramble of the counter, so ids are
    /// unique as long as counters are, yet look like random v4 UUIDs; the
    /// low bits of the third group carry the tag, which tells a reader what
    /// kind of resource an id belongs to when debugging.
    pub(crate) fn generated(tag: IdTag, counter: u64) -> Id {
        const MASK48: u64 = (1 << 48) - 1;
        let c = counter & MASK48;
        let mut x = c.wrapping_mul(0x9E37_79B9_7F4B) & MASK48;
        x ^= x >> 23;
        x = x.wrapping_mul(0xD6E8_FEB8_6659) & MASK48;
        x ^= x >> 19;
        let tail = splitmix(counter ^ ((tag as u64) << 56));
        let variant = 0x8000 | ((tail >> 48) & 0x3fff);
        let value = ((x as u128) << 80)
            | ((0x4000 | tag as u128) << 64)
            | ((variant as u128) << 48)
            | (tail & MASK48) as u128;
        Id(value)
    }
}

fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Which kind of resource a generated id names (shown in the id's third group).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u16)]
pub(crate) enum IdTag {
    Image = 0x1a1,
    Instance = 0x1a2,
    Snapshot = 0x1a3,
    Volume = 0x1a4,
    Filesystem = 0x1a5,
    SecurityGroup = 0x1a6,
    SshKey = 0x1a7,
    FloatingIp = 0x1a8,
    Reservation = 0x1a9,
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut out = [0u8; 36];
        let mut nibble = 0;
        for (i, slot) in out.iter_mut().enumerate() {
            if matches!(i, 8 | 13 | 18 | 23) {
                *slot = b'-';
                continue;
            }
            let shift = 124 - 4 * nibble;
            *slot = HEX[((self.0 >> shift) & 0xf) as usize];
            nibble += 1;
        }
        // The buffer only ever holds ASCII hex digits and dashes.
        f.write_str(std::str::from_utf8(&out).map_err(|_| fmt::Error)?)
    }
}

impl serde::Serialize for Id {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A cheap hasher for ids: they are already well mixed, and the default
/// SipHash would dominate the cost of indexing a million seeded items.
#[derive(Default)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ b as u64).wrapping_mul(0x517C_C1B7_2722_0A95);
        }
    }

    fn write_u128(&mut self, v: u128) {
        let folded = (v as u64) ^ ((v >> 64) as u64).rotate_left(29);
        self.0 = splitmix(folded ^ self.0);
    }
}

/// `BuildHasher` for maps keyed by [`Id`].
pub(crate) type IdBuildHasher = BuildHasherDefault<IdHasher>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn parses_and_prints() {
        let text = "7b1644e2-d97d-4725-a927-0028bc60bc28";
        assert_eq!(Id::parse(text).unwrap().to_string(), text);
        assert_eq!(
            Id::parse("7B1644E2-D97D-4725-A927-0028BC60BC28")
                .unwrap()
                .to_string(),
            text
        );
        assert!(Id::parse("7b1644e2d97d4725a9270028bc60bc28").is_none());
        assert!(Id::parse("not-an-id").is_none());
    }

    #[test]
    fn generated_ids_are_unique_and_uuid_shaped() {
        let mut seen = HashSet::new();
        for c in 0..100_000 {
            let id = Id::generated(IdTag::Image, c);
            let text = id.to_string();
            assert_eq!(text.as_bytes()[14], b'4');
            assert!(matches!(text.as_bytes()[19], b'8' | b'9' | b'a' | b'b'));
            assert_eq!(Id::parse(&text), Some(id));
            assert!(seen.insert(id));
        }
        assert_eq!(
            Id::generated(IdTag::Volume, 7),
            Id::generated(IdTag::Volume, 7)
        );
    }
}
