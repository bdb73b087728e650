//! Decoding the API's envelopes: `{"instance": …}` and the paginated
//! `{"<plural>": [...], "total_count", "page", "per_page"}`, in one pass over
//! the body without an intermediate `Value`.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{
    Deserialize, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor,
};

use crate::error::{Error, ErrorKind, Result};
use crate::pagination::Page;

/// Decodes a body that is `T` itself (the unwrapped SSH key).
pub(crate) fn bare<T: DeserializeOwned>(body: &[u8], what: &str) -> Result<T> {
    parse(body, PhantomData::<T>).map_err(|e| decode_error(what, &e))
}

/// Decodes the whole of `body` with `seed`: nothing but whitespace may
/// follow.
///
/// The body is checked as UTF-8 once, as a whole, then read as a `str`:
/// reading bytes, `serde_json` checks each string on its own, and those
/// many short checks were a tenth of the time of listing. A body that is
/// not UTF-8 is read as bytes as before, so that it fails (or not) with
/// the same error, line and column.
fn parse<S, V>(body: &[u8], seed: S) -> serde_json::Result<V>
where
    S: for<'de> DeserializeSeed<'de, Value = V>,
{
    fn run<'de, R: serde_json::de::Read<'de>, S: DeserializeSeed<'de>>(
        mut de: serde_json::Deserializer<R>,
        seed: S,
    ) -> serde_json::Result<S::Value> {
        let value = seed.deserialize(&mut de)?;
        de.end()?;
        Ok(value)
    }
    match std::str::from_utf8(body) {
        Ok(text) => run(serde_json::Deserializer::from_str(text), seed),
        Err(_) => run(serde_json::Deserializer::from_slice(body), seed),
    }
}

/// Decodes `{"<key>": T}`, ignoring any other member.
pub(crate) fn wrapped<T: DeserializeOwned>(body: &[u8], key: &'static str) -> Result<T> {
    let seed = Keyed {
        key,
        seed: PhantomData::<T>,
    };
    let out = parse(body, seed).map_err(|e| decode_error(key, &e))?;
    out.item.ok_or_else(|| missing(key))
}

/// Decodes a paginated list whose array member is `key`, of about
/// `expected` items (the page size asked for).
pub(crate) fn page<T: DeserializeOwned>(
    body: &[u8],
    key: &'static str,
    expected: usize,
) -> Result<Page<T>> {
    let seed = Keyed {
        key,
        seed: Items::<T> {
            expected,
            _t: PhantomData,
        },
    };
    let out = parse(body, seed).map_err(|e| decode_error(key, &e))?;
    let items = out.item.ok_or_else(|| missing(key))?;
    let total_count = out.total_count.ok_or_else(|| missing("total_count"))?;
    Ok(Page {
        page: out.page.unwrap_or(1),
        per_page: out.per_page.unwrap_or(items.len() as u64),
        total_count,
        items,
    })
}

/// Accepts the body of an operation the API answers with `204 No Content`:
/// empty, or any JSON a newer API might add. Anything else (a proxy's
/// `200` HTML page, say) means the operation may not have run, so it is
/// `decode` rather than a success the caller would trust.
pub(crate) fn no_content(body: &[u8]) -> Result<()> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(());
    }
    serde_json::from_slice::<IgnoredAny>(body)
        .map(drop)
        .map_err(|e| {
            Error::new(
                ErrorKind::Decode,
                format!("the answer should have no body, and its body is not JSON: {e}"),
            )
            .with_request_sent(true)
        })
}

fn decode_error(what: &str, e: &serde_json::Error) -> Error {
    Error::new(
        ErrorKind::Decode,
        format!("the response's `{what}` is not what the API defines: {e}"),
    )
    .with_request_sent(true)
}

fn missing(key: &str) -> Error {
    Error::new(
        ErrorKind::Decode,
        format!("the response has no `{key}` member"),
    )
    .with_request_sent(true)
}

/// An object's member `key`, decoded with `seed`, and the paging members.
struct Keyed<S> {
    key: &'static str,
    seed: S,
}

/// The items of a page, in a list sized for the page size asked for.
///
/// Grown from empty instead, a page of 100 was moved five times over while
/// it was decoded, and the reallocations were 5% of the time of listing.
struct Items<T> {
    expected: usize,
    _t: PhantomData<fn() -> T>,
}

// Not derived: those would require `T: Clone`.
impl<T> Clone for Items<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Items<T> {}

/// The most items a page can have (the API's largest `per_page`), so
/// that a server's answer cannot make the list reserve more.
const MAX_PER_PAGE: usize = 100;

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for Items<T> {
    type Value = Vec<T>;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Vec<T>, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for Items<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // What serde's own `Vec` says, so errors read the same.
        f.write_str("a sequence")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut items = Vec::with_capacity(self.expected.min(MAX_PER_PAGE));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(items)
    }
}

struct Found<T> {
    item: Option<T>,
    total_count: Option<u64>,
    page: Option<u64>,
    per_page: Option<u64>,
}

impl<'de, S: DeserializeSeed<'de> + Copy> DeserializeSeed<'de> for Keyed<S> {
    type Value = Found<S::Value>;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, S: DeserializeSeed<'de> + Copy> Visitor<'de> for Keyed<S> {
    type Value = Found<S::Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an object with a `{}` member", self.key)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut found = Found {
            item: None,
            total_count: None,
            page: None,
            per_page: None,
        };
        while let Some(k) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if k == self.key {
                found.item = Some(map.next_value_seed(self.seed)?);
            } else if k == "total_count" {
                found.total_count = Some(map.next_value()?);
            } else if k == "page" {
                found.page = Some(map.next_value()?);
            } else if k == "per_page" {
                found.per_page = Some(map.next_value()?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Thing {
        id: String,
    }

    #[test]
    fn unwraps_single_envelopes() {
        let t: Thing = wrapped(br#"{"extra": [1], "thing": {"id": "a"}}"#, "thing").unwrap();
        assert_eq!(t.id, "a");
        let e = wrapped::<Thing>(br#"{"other": {}}"#, "thing").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Decode);
        assert!(e.message().contains("`thing`"));
    }

    #[test]
    fn decodes_pages() {
        let p: Page<Thing> = page(
            br#"{"things": [{"id": "a"}, {"id": "b"}], "total_count": 7, "page": 2, "per_page": 2}"#,
            "things",
            2,
        )
        .unwrap();
        assert_eq!(p.items.len(), 2);
        assert_eq!((p.total_count, p.page, p.per_page), (7, 2, 2));
    }

    #[test]
    fn no_content_accepts_empty_and_json_only() {
        assert!(no_content(b"").is_ok());
        assert!(no_content(b" \n").is_ok());
        assert!(no_content(br#"{"deleted": true}"#).is_ok());
        let e = no_content(b"<html>Welcome to the hotel wifi</html>").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Decode);
        assert!(e.request_sent());
    }

    #[test]
    fn garbage_is_a_decode_error() {
        for body in [
            &b""[..],
            b"null",
            b"[]",
            b"{\"things\": [",
            b"{\"things\": [{\"id\": 5}], \"total_count\": 1}",
            b"{\"things\": []}",
            b"{\"things\": [], \"total_count\": 1} trailing",
            b"\xff\xfe",
        ] {
            let e = page::<Thing>(body, "things", 2).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::Decode, "{body:?}");
            assert!(e.request_sent());
        }
    }

    #[test]
    fn a_body_that_is_not_utf8_fails_as_serde_json_says() {
        // Read as `str` when it is UTF-8, as bytes when not: either way the
        // outcome and the message are those of reading bytes.
        for body in [
            &b"{\"things\": [{\"id\": \"a\xffb\"}], \"total_count\": 1}"[..],
            b"{\"things\": [{\"id\": \"\xe2\x82\"}], \"total_count\": 1}",
            b"{\"things\": [{\"id\": 5}], \"total_count\": 1}",
            b"{\"things\": [{\"id\": \"a\"}], \"total_count\": 1, \"x\": \"\xff\"}",
            b"{\"things\": [{\"id\": \"\xc3\xa9\\u00e9\"}], \"total_count\": 1}",
        ] {
            let ours = page::<Thing>(body, "things", 2).map(|p| p.items);
            match (ours, serde_json::from_slice::<Things>(body)) {
                (Ok(a), Ok(b)) => assert_eq!(a, b.things, "{body:?}"),
                (Err(a), Err(b)) => assert!(a.message().ends_with(&b.to_string()), "{a} / {b}"),
                (a, b) => panic!("{body:?}: {a:?} / {b:?}"),
            }
        }
    }

    #[derive(serde::Deserialize, Debug)]
    struct Things {
        things: Vec<Thing>,
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let body = format!("{{\"things\": {deep}, \"total_count\": 1}}");
        assert_eq!(
            page::<Thing>(body.as_bytes(), "things", 2)
                .unwrap_err()
                .kind(),
            ErrorKind::Decode
        );
    }
}
