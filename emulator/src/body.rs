//! Reading request bodies field by field, so that each mistake (missing
//! field, wrong type, unknown enumeration value) gets the contract's 400 with
//! a message naming the field, which a generic deserialiser would not give.

use serde_json::{Map, Value};

use crate::error::{ApiError, ApiResult, MALFORMED_BODY};
use crate::ids::Id;

/// A request body that is a JSON object.
pub(crate) struct JsonBody(pub Map<String, Value>);

/// A value a string enumeration can be parsed from.
pub(crate) trait WireEnum: Sized + Copy {
    fn parse_wire(text: &str) -> Option<Self>;
    fn expected_values() -> String;
}

macro_rules! impl_wire_enum {
    ($($t:ty),+) => {$(
        impl WireEnum for $t {
            fn parse_wire(text: &str) -> Option<Self> { <$t>::parse(text) }
            fn expected_values() -> String { <$t>::expected() }
        }
    )+};
}

use crate::enums::*;
impl_wire_enum!(
    Region,
    OsType,
    VolumeType,
    FilesystemType,
    IpVersion,
    InstanceAction,
    BillingType,
    Direction,
    Protocol,
    InstanceStatus,
    Status
);

impl JsonBody {
    /// Parses bytes that must hold a JSON object; an empty body counts as
    /// `{}` so that operations without required fields accept it.
    pub(crate) fn parse(bytes: &[u8]) -> ApiResult<JsonBody> {
        if bytes.iter().all(|b| b.is_ascii_whitespace()) {
            return Ok(JsonBody(Map::new()));
        }
        match serde_json::from_slice::<Value>(bytes) {
            Ok(Value::Object(map)) => Ok(JsonBody(map)),
            Ok(_) => Err(ApiError::new(
                axum::http::StatusCode::BAD_REQUEST,
                MALFORMED_BODY,
                "the request body must be a JSON object",
            )),
            Err(e) => Err(ApiError::new(
                axum::http::StatusCode::BAD_REQUEST,
                MALFORMED_BODY,
                format!("the request body is not valid JSON: {e}"),
            )),
        }
    }

    /// The field, with `null` treated as absent: optional fields are often
    /// sent as `null` by generated clients.
    pub(crate) fn get(&self, field: &str) -> Option<&Value> {
        self.0.get(field).filter(|v| !v.is_null())
    }

    pub(crate) fn has(&self, field: &str) -> bool {
        self.get(field).is_some()
    }

    fn required(&self, field: &str) -> ApiResult<&Value> {
        self.get(field)
            .ok_or_else(|| ApiError::invalid(format!("`{field}` is required")))
    }

    pub(crate) fn req_str(&self, field: &str) -> ApiResult<&str> {
        as_str(field, self.required(field)?)
    }

    /// A required string that must not be blank (names, hostnames, …).
    pub(crate) fn req_name(&self, field: &str) -> ApiResult<&str> {
        non_blank(field, self.req_str(field)?)
    }

    pub(crate) fn opt_str(&self, field: &str) -> ApiResult<Option<&str>> {
        self.get(field).map(|v| as_str(field, v)).transpose()
    }

    pub(crate) fn opt_name(&self, field: &str) -> ApiResult<Option<&str>> {
        self.opt_str(field)?
            .map(|s| non_blank(field, s))
            .transpose()
    }

    pub(crate) fn req_int(&self, field: &str) -> ApiResult<i64> {
        as_int(field, self.required(field)?)
    }

    pub(crate) fn opt_int(&self, field: &str) -> ApiResult<Option<i64>> {
        self.get(field).map(|v| as_int(field, v)).transpose()
    }

    /// A size in GiB: an integer of at least 1.
    pub(crate) fn req_size(&self, field: &str) -> ApiResult<u64> {
        positive(field, self.req_int(field)?)
    }

    pub(crate) fn opt_size(&self, field: &str) -> ApiResult<Option<u64>> {
        self.opt_int(field)?.map(|n| positive(field, n)).transpose()
    }

    pub(crate) fn opt_bool(&self, field: &str) -> ApiResult<Option<bool>> {
        self.get(field)
            .map(|v| v.as_bool().ok_or_else(|| type_error(field, "a boolean")))
            .transpose()
    }

    pub(crate) fn req_enum<E: WireEnum>(&self, field: &str) -> ApiResult<E> {
        parse_enum(field, self.required(field)?)
    }

    pub(crate) fn opt_enum<E: WireEnum>(&self, field: &str) -> ApiResult<Option<E>> {
        self.get(field).map(|v| parse_enum(field, v)).transpose()
    }

    /// An optional array of strings (id lists).
    pub(crate) fn opt_str_list(&self, field: &str) -> ApiResult<Option<Vec<&str>>> {
        let Some(value) = self.get(field) else {
            return Ok(None);
        };
        let items = value
            .as_array()
            .ok_or_else(|| type_error(field, "an array of strings"))?;
        items
            .iter()
            .map(|v| {
                v.as_str()
                    .ok_or_else(|| type_error(field, "an array of strings"))
            })
            .collect::<ApiResult<Vec<_>>>()
            .map(Some)
    }
}

pub(crate) fn type_error(field: &str, expected: &str) -> ApiError {
    ApiError::invalid(format!("`{field}` must be {expected}"))
}

pub(crate) fn as_str<'a>(field: &str, value: &'a Value) -> ApiResult<&'a str> {
    value.as_str().ok_or_else(|| type_error(field, "a string"))
}

fn non_blank<'a>(field: &str, value: &'a str) -> ApiResult<&'a str> {
    if value.trim().is_empty() {
        Err(ApiError::invalid(format!("`{field}` must not be empty")))
    } else {
        Ok(value)
    }
}

pub(crate) fn as_int(field: &str, value: &Value) -> ApiResult<i64> {
    value
        .as_i64()
        .ok_or_else(|| type_error(field, "an integer"))
}

fn positive(field: &str, n: i64) -> ApiResult<u64> {
    if n < 1 {
        Err(ApiError::invalid(format!("`{field}` must be at least 1")))
    } else {
        Ok(n as u64)
    }
}

pub(crate) fn parse_enum<E: WireEnum>(field: &str, value: &Value) -> ApiResult<E> {
    let text = value
        .as_str()
        .ok_or_else(|| type_error(field, "a string"))?;
    E::parse_wire(text).ok_or_else(|| ApiError::unknown_enum(field, text, &E::expected_values()))
}

/// An id given in a body: it must be a string; one that is not UUID-shaped
/// cannot exist, which is the caller's 422.
pub(crate) fn ref_id(what: &str, value: &str) -> ApiResult<Id> {
    Id::parse(value).ok_or_else(|| ApiError::unknown_reference(what, value))
}
