//! `metadata` of `POST /instances`: the start-up script and cloud-init user
//! data, checked as the API checks them, then stored as sent (it is what
//! `GET /instances/{id}/user-metadata` answers).

use serde_json::Value;

use crate::error::{ApiError, ApiResult};

/// Largest `metadata.startup_script` the API accepts, in bytes of UTF-8.
pub(crate) const MAX_STARTUP_SCRIPT_BYTES: usize = 64 * 1024;

/// The metadata object to store, after checking it.
pub(crate) fn check(value: Option<&Value>) -> ApiResult<Option<Value>> {
    let map = match value {
        None => return Ok(None),
        Some(Value::Object(map)) => map,
        Some(_) => return Err(ApiError::invalid("`metadata` must be an object")),
    };
    match map.get("startup_script") {
        None | Some(Value::Null) => {}
        Some(Value::String(script)) if script.len() > MAX_STARTUP_SCRIPT_BYTES => {
            return Err(ApiError::invalid(format!(
                "`metadata.startup_script` is {} bytes; at most {MAX_STARTUP_SCRIPT_BYTES} (64 KiB) are allowed",
                script.len()
            )))
        }
        Some(Value::String(_)) => {}
        Some(_) => {
            return Err(ApiError::invalid(
                "`metadata.startup_script` must be a string",
            ))
        }
    }
    match map.get("user_data") {
        None | Some(Value::Null) => {}
        Some(Value::Array(parts)) => {
            for (i, part) in parts.iter().enumerate() {
                check_user_data(&format!("metadata.user_data[{i}]"), part)?;
            }
        }
        Some(_) => {
            return Err(ApiError::invalid(
                "`metadata.user_data` must be an array of {\"type\", \"filename\"?, \"content\"} objects",
            ))
        }
    }
    Ok(Some(Value::Object(map.clone())))
}

/// One `InstanceUserData` item: `type` and `content` strings, `filename` an
/// optional string.
fn check_user_data(field: &str, part: &Value) -> ApiResult<()> {
    let Value::Object(item) = part else {
        return Err(ApiError::invalid(format!("`{field}` must be an object")));
    };
    for (key, required) in [("type", true), ("content", true), ("filename", false)] {
        match item.get(key) {
            Some(Value::String(_)) => {}
            None if !required => {}
            None => return Err(ApiError::invalid(format!("`{field}.{key}` is required"))),
            Some(_) => {
                return Err(ApiError::invalid(format!(
                    "`{field}.{key}` must be a string"
                )))
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn the_documented_shapes_pass() {
        let ok = json!({
            "startup_script": "x".repeat(MAX_STARTUP_SCRIPT_BYTES),
            "user_data": [{"type": "text/cloud-config", "content": "#cloud-config\n"},
                          {"type": "text/x-shellscript", "filename": "a.sh", "content": "echo"}],
        });
        assert_eq!(check(Some(&ok)).unwrap(), Some(ok.clone()));
    }

    #[test]
    fn a_script_over_64_kib_and_malformed_user_data_are_refused() {
        let long = json!({"startup_script": "é".repeat(MAX_STARTUP_SCRIPT_BYTES / 2 + 1)});
        assert!(check(Some(&long))
            .unwrap_err()
            .message
            .contains("startup_script"));
        for bad in [
            json!({"user_data": "#cloud-config"}),
            json!({"user_data": [{"content": "x"}]}),
            json!({"user_data": [{"type": "t", "content": 1}]}),
            json!({"user_data": [{"type": "t", "content": "x", "filename": 2}]}),
        ] {
            assert!(check(Some(&bad)).unwrap_err().message.contains("user_data"));
        }
    }
}
