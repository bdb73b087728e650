//! Entry points for the fuzz targets of `fuzz/` and the hostile-input tests
//! (`tests/hostile_input.rs`): each takes arbitrary bytes, runs them through
//! the code that parses what a server or a caller hands us, and checks the
//! properties that must hold for every input. Any panic is a finding.
//!
//! Built only with the `fuzzing` feature; not part of the SDK's API.

use std::time::{Duration, SystemTime};

use percent_encoding::percent_decode_str;
use reqwest::header::{HeaderMap, HeaderValue, CONTENT_TYPE};
use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::decode;
use crate::models::{Extra, InstanceAction, InstancesAvailability, Quota, Reservation};
use crate::pagination::{ListParams, NoFilter};
use crate::resources::{Listed, Managed};
use crate::{
    Filesystem, FloatingIp, Image, ImageFilter, Instance, SecurityGroup, Snapshot, SshKey, Volume,
};

/// Every response decoder: each model as a page, as its single-object
/// envelope, the account endpoints, the bare bodies and the empty answers.
/// What decodes must serialize again.
pub fn decode_responses(data: &[u8]) {
    listed::<Image>(data);
    managed::<Instance>(data);
    managed::<Snapshot>(data);
    managed::<Volume>(data);
    managed::<Filesystem>(data);
    managed::<SecurityGroup>(data);
    managed::<SshKey>(data);
    managed::<FloatingIp>(data);
    reencodes(decode::wrapped::<Vec<Quota>>(data, "quotas"));
    reencodes(decode::wrapped::<Vec<Reservation>>(data, "reservations"));
    reencodes(decode::wrapped::<InstancesAvailability>(
        data,
        "availability",
    ));
    reencodes(decode::wrapped::<Vec<InstanceAction>>(data, "actions"));
    reencodes(decode::bare::<Extra>(data, "user metadata"));
    let _ = decode::no_content(data);
}

fn listed<R: Listed + Serialize>(data: &[u8]) {
    if let Ok(page) = decode::page::<R>(data, R::PLURAL, 100) {
        reencodes(Ok(page.items));
    }
}

fn managed<R: Managed + Serialize>(data: &[u8]) {
    listed::<R>(data);
    reencodes(match R::SINGULAR {
        Some(key) => decode::wrapped::<R>(data, key),
        None => decode::bare::<R>(data, R::NAME),
    });
}

fn reencodes<T: Serialize + DeserializeOwned>(decoded: crate::Result<T>) {
    if let Ok(value) = decoded {
        let json = serde_json::to_vec(&value).expect("a decoded value serializes");
        serde_json::from_slice::<T>(&json).expect("what we serialize decodes again");
    }
}

/// The error-body parser, as a JSON, HTML and type-less answer of every
/// class of status: it always yields a message, bounded in length, with no
/// control characters a terminal or log would act on.
pub fn error_body(data: &[u8]) {
    let status = data
        .first()
        .map_or(500, |b| 400 + u16::from(*b) % 200)
        .clamp(400, 599);
    let status = StatusCode::from_u16(status).expect("400..=599 is a status");
    for content_type in [None, Some("application/json"), Some("text/html")] {
        let mut headers = HeaderMap::new();
        if let Some(ct) = content_type {
            headers.insert(CONTENT_TYPE, HeaderValue::from_static(ct));
        }
        let (code, message) = crate::transport::error_body(status, &headers, data);
        assert!(!message.is_empty(), "an error message is never empty");
        assert!(
            !message.chars().any(char::is_control),
            "{message:?} has a control character"
        );
        // The longest fixed text around a server's own is well under 200.
        let most = crate::transport::MAX_SERVER_TEXT_CHARS + 200;
        assert!(message.chars().count() <= most, "{message:?} is unbounded");
        if let Some(code) = code {
            assert!(!code.chars().any(char::is_control), "{code:?}");
            assert!(code.chars().count() <= crate::transport::MAX_API_CODE_CHARS + 1);
        }
    }
}

/// `Retry-After` parsing: never panics, always understands delta-seconds,
/// however many digits, and never yields a wait the clock arithmetic built
/// on it could overflow.
pub fn retry_after(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    let wait = crate::retry::parse_retry_after(text, now);
    let seconds = text.trim();
    if !seconds.is_empty() && seconds.bytes().all(|b| b.is_ascii_digit()) {
        assert!(wait.is_some(), "delta-seconds {seconds:?} not understood");
    }
    if let Some(wait) = wait {
        assert!(wait <= Duration::from_secs(crate::retry::MAX_RETRY_AFTER_SECS));
        assert!(std::time::Instant::now().checked_add(wait).is_some());
    }
}

/// Ids as path segments and list parameters as query strings: an id that is
/// accepted stays one segment (no `/`, `?`, `#`, nothing outside RFC 3986's
/// unreserved set unescaped) and decodes back to itself; a query parses
/// back to the pairs it was built from.
pub fn request_building(data: &[u8]) {
    let id = String::from_utf8_lossy(data);
    if let Ok(segment) = crate::path::segment(&id, "id") {
        assert!(
            segment
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.~%".contains(&b)),
            "{segment:?} escapes its segment"
        );
        let back = percent_decode_str(&segment).decode_utf8().expect("UTF-8");
        assert_eq!(back, id, "the segment does not decode to the id");
    }
    let number = |at: usize| {
        data.get(at..at + 4)
            .map(|b| u32::from_le_bytes(b.try_into().expect("4 bytes")))
    };
    let params = ListParams::<NoFilter> {
        page: number(0),
        per_page: number(4),
        ..Default::default()
    };
    if let Ok(query) = params.query() {
        round_trips(&query);
    }
    let images = ListParams::default().filter(ImageFilter {
        r#type: Some(id.as_ref().into()),
    });
    round_trips(&images.query().expect("any filter text is a query value"));
}

/// The query pairs, put in a URL the way the transport does, come back
/// unchanged: a value cannot add a parameter or touch the path.
fn round_trips(query: &[(String, String)]) {
    let mut url = url::Url::parse("https://api.example/compute/v1/images").expect("a URL");
    url.query_pairs_mut().extend_pairs(query);
    assert_eq!(url.path(), "/compute/v1/images");
    let back: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    assert_eq!(back, query, "the query does not parse back to its pairs");
}
