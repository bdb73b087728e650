//! The error body every non-2xx answer carries, and the emulator's small set
//! of Genesis-Cloud-style error codes (listed in `docs/emulator.md`).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// 401: no token, or a token that is not configured.
pub(crate) const UNAUTHORIZED: &str = "10001";
/// 400: the body is not JSON, or not a JSON object.
pub(crate) const MALFORMED_BODY: &str = "20000";
/// 400: a field is missing, has the wrong type or breaks a rule.
pub(crate) const INVALID_FIELD: &str = "20001";
/// 400: a field holds a value outside its enumeration.
pub(crate) const UNKNOWN_ENUM: &str = "20002";
/// 400: a query parameter (`page`, `per_page`, …) is invalid.
pub(crate) const INVALID_QUERY: &str = "20003";
/// 413: the body exceeds the emulator's limit.
pub(crate) const BODY_TOO_LARGE: &str = "20013";
/// 404: no such resource or path.
pub(crate) const NOT_FOUND: &str = "30004";
/// 405: the path exists but not with this method.
pub(crate) const METHOD_NOT_ALLOWED: &str = "30005";
/// 409: the resource's current status does not allow the operation.
pub(crate) const WRONG_STATUS: &str = "40009";
/// 409: the name is already used.
pub(crate) const NAME_IN_USE: &str = "40010";
/// 409: the resource is protected or still in use.
pub(crate) const IN_USE: &str = "40011";
/// 422: a resource referenced in the body does not exist (or not there).
pub(crate) const UNKNOWN_REFERENCE: &str = "40022";
/// 422: sizes may only grow.
pub(crate) const SIZE_SHRINK: &str = "40023";
/// 422: Genesis Cloud's own code: the image cannot run on this instance
/// (wrong region, or an instance type the region does not offer).
pub(crate) const IMAGE_INCOMPATIBLE: &str = "02035";
/// 429: too many requests.
pub(crate) const RATE_LIMITED: &str = "40029";

/// 500: an error inside the emulator itself (never expected).
pub(crate) const INTERNAL: &str = "50000";

/// An error answer: status, code and message.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{status} {code}: {message}")]
pub(crate) struct ApiError {
    pub status: StatusCode,
    pub code: String,
    pub message: String,
}

impl ApiError {
    pub(crate) fn new(status: StatusCode, code: &str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code: code.to_owned(),
            message: message.into(),
        }
    }

    pub(crate) fn unauthorized() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            UNAUTHORIZED,
            "missing or invalid authentication token",
        )
    }

    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, INVALID_FIELD, message)
    }

    pub(crate) fn unknown_enum(field: &str, value: &str, expected: &str) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            UNKNOWN_ENUM,
            format!("`{field}` has an unknown value {value:?}; expected one of: {expected}"),
        )
    }

    pub(crate) fn query(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, INVALID_QUERY, message)
    }

    pub(crate) fn not_found(what: &str, id: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            NOT_FOUND,
            format!("{what} {id:?} not found"),
        )
    }

    pub(crate) fn wrong_status(message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, WRONG_STATUS, message)
    }

    pub(crate) fn name_in_use(what: &str, name: &str) -> Self {
        Self::new(
            StatusCode::CONFLICT,
            NAME_IN_USE,
            format!("a {what} named {name:?} already exists"),
        )
    }

    pub(crate) fn in_use(message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, IN_USE, message)
    }

    pub(crate) fn unknown_reference(what: &str, id: &str) -> Self {
        Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            UNKNOWN_REFERENCE,
            format!("{what} {id:?} does not exist"),
        )
    }

    pub(crate) fn unprocessable(code: &str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, code, message)
    }

    pub(crate) fn shrink(what: &str, current: u64, asked: u64) -> Self {
        Self::unprocessable(
            SIZE_SHRINK,
            format!("{what} may only grow: it is {current} GiB, {asked} GiB was asked"),
        )
    }
}

/// Serialises an error body; shared with faults that answer JSON errors.
pub(crate) fn error_body(code: &str, message: &str) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({ "code": code, "message": message })).unwrap_or_default()
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, error_body(&self.code, &self.message)).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        response
    }
}

/// Result of a handler: a ready response or an error answer.
pub(crate) type ApiResult<T = Response> = Result<T, ApiError>;
