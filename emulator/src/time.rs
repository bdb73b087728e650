//! RFC 3339 timestamps stored as milliseconds since the Unix epoch, so that a
//! million records carry eight bytes each instead of a string.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

/// A point in time with millisecond precision, printed as
/// `2020-03-16T14:22:00.755Z`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Ts(pub i64);

impl Ts {
    pub(crate) fn now() -> Ts {
        let ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0);
        Ts(ms)
    }

    /// Builds a timestamp from calendar fields (UTC); used by the seed.
    pub(crate) fn ymd_hms(y: i64, mo: u32, d: u32, h: u32, mi: u32, s: u32, ms: u32) -> Ts {
        let days = days_from_civil(y, mo, d);
        Ts(((days * 24 + h as i64) * 60 + mi as i64) * 60_000 + s as i64 * 1000 + ms as i64)
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`.
    pub(crate) fn parse(text: &str) -> Option<Ts> {
        let b = text.as_bytes();
        if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') {
            return None;
        }
        if b[13] != b':' || b[16] != b':' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<i64> {
            let s = text.get(r)?;
            if !s.bytes().all(|c| c.is_ascii_digit()) {
                return None;
            }
            s.parse().ok()
        };
        let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
        let (h, mi, s) = (num(11..13)?, num(14..16)?, num(17..19)?);
        if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || s > 60 {
            return None;
        }
        let mut rest = &text[19..];
        let mut millis = 0i64;
        if let Some(frac) = rest.strip_prefix('.') {
            let digits = frac.bytes().take_while(|c| c.is_ascii_digit()).count();
            if digits == 0 {
                return None;
            }
            let mut scale = 100;
            for c in frac[..digits].bytes().take(3) {
                millis += (c - b'0') as i64 * scale;
                scale /= 10;
            }
            rest = &frac[digits..];
        }
        let offset_min = match rest {
            "Z" | "z" => 0,
            _ if rest.len() == 6 && rest.as_bytes()[3] == b':' => {
                let sign = match rest.as_bytes()[0] {
                    b'+' => 1,
                    b'-' => -1,
                    _ => return None,
                };
                let oh: i64 = rest[1..3].parse().ok()?;
                let om: i64 = rest[4..6].parse().ok()?;
                sign * (oh * 60 + om)
            }
            _ => return None,
        };
        let base = Ts::ymd_hms(y, mo as u32, d as u32, h as u32, mi as u32, s as u32, 0).0;
        Some(Ts(base + millis - offset_min * 60_000))
    }
}

impl fmt::Display for Ts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms = self.0.rem_euclid(1000);
        let secs = self.0.div_euclid(1000);
        let days = secs.div_euclid(86_400);
        let sod = secs.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        write!(
            f,
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{ms:03}Z",
            sod / 3600,
            (sod / 60) % 60,
            sod % 60
        )
    }
}

impl serde::Serialize for Ts {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

// Howard Hinnant's algorithms: exact for the proleptic Gregorian calendar
// without pulling in a date library for two conversions.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_the_contract_example() {
        let ts = Ts::parse("2020-03-16T14:22:00.755Z").unwrap();
        assert_eq!(ts.to_string(), "2020-03-16T14:22:00.755Z");
        assert_eq!(Ts(0).to_string(), "1970-01-01T00:00:00.000Z");
        let shifted = Ts::parse("2024-02-29T01:00:00+02:00").unwrap();
        assert_eq!(shifted.to_string(), "2024-02-28T23:00:00.000Z");
        assert!(Ts::parse("2024-13-01T00:00:00Z").is_none());
        assert!(Ts::parse("yesterday").is_none());
    }
}
