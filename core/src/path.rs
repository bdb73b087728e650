//! Building request paths from user-supplied ids.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::error::{Error, Result};

/// Everything but RFC 3986 unreserved characters is encoded, so an id can
/// never add a path segment or a query.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// The longest id accepted; real ids are 36-character UUIDs.
const MAX_ID_LEN: usize = 256;

/// Validates an id and percent-encodes it as one path segment.
///
/// `what` names the parameter in the error (`"instance id"`).
pub(crate) fn segment(id: &str, what: &str) -> Result<String> {
    if id.trim().is_empty() {
        return Err(Error::invalid_argument(format!("{what} must not be empty")));
    }
    if id.len() > MAX_ID_LEN {
        return Err(Error::invalid_argument(format!(
            "{what} is {} bytes long; ids are at most {MAX_ID_LEN}",
            id.len()
        )));
    }
    if id.chars().any(char::is_control) {
        return Err(Error::invalid_argument(format!(
            "{what} contains a control character"
        )));
    }
    if id == "." || id == ".." {
        return Err(Error::invalid_argument(format!(
            "{what} must not be `{id}`"
        )));
    }
    Ok(utf8_percent_encode(id, SEGMENT).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    #[test]
    fn encodes_reserved_characters() {
        assert_eq!(segment("abc-123", "id").unwrap(), "abc-123");
        assert_eq!(segment("a/b?c#d", "id").unwrap(), "a%2Fb%3Fc%23d");
        assert_eq!(segment("ü", "id").unwrap(), "%C3%BC");
    }

    #[test]
    fn refuses_bad_ids_before_sending() {
        for bad in ["", "   ", "..", "a\nb", "nul\0", &"x".repeat(300)] {
            let e = segment(bad, "instance id").unwrap_err();
            assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{bad:?}");
            assert!(e.message().starts_with("instance id"));
        }
    }
}
