//! Seed files: a JSON document describing an account (format in
//! `docs/emulator.md`), checked once and applied at every reset.

use std::path::Path;

use serde_json::Value;

use super::{items, synthetic};
use crate::body::JsonBody;
use crate::config::Seed;
use crate::enums::Status;
use crate::ids::Id;
use crate::lifecycle::Lifecycle;
use crate::store::*;
use crate::time::Ts;

/// A parsed, checked seed file.
#[derive(Clone, Debug, PartialEq)]
pub struct SeedSpec {
    pub(super) raw: Value,
}

impl SeedSpec {
    /// Checks a seed document by building it once (without the synthetic
    /// part, which cannot fail), so that errors surface at start-up.
    pub fn from_json(value: &Value) -> Result<SeedSpec, String> {
        let mut scratch = Store::empty();
        apply(&mut scratch, value, false)?;
        Ok(SeedSpec { raw: value.clone() })
    }

    /// Reads and checks a seed file.
    pub fn from_file(path: &Path) -> Result<SeedSpec, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read seed file {}: {e}", path.display()))?;
        let value: Value = serde_json::from_str(&text)
            .map_err(|e| format!("seed file {} is not JSON: {e}", path.display()))?;
        SeedSpec::from_json(&value)
    }
}

const SPEC_KEYS: &[&str] = &[
    "base",
    "synthetic",
    "images",
    "ssh_keys",
    "security_groups",
    "volumes",
    "filesystems",
    "floating_ips",
    "reservations",
    "instances",
    "snapshots",
];

/// Adds a seed document's items to `store` (and its synthetic items when
/// `with_synthetic`): the parser of seed files and of the built-in data.
pub(super) fn apply(store: &mut Store, raw: &Value, with_synthetic: bool) -> Result<(), String> {
    let root = raw.as_object().ok_or("a seed file must be a JSON object")?;
    if let Some(key) = root.keys().find(|k| !SPEC_KEYS.contains(&k.as_str())) {
        return Err(format!(
            "unknown key {key:?} in seed file; expected one of: {}",
            SPEC_KEYS.join(", ")
        ));
    }
    match root.get("base").map(|b| b.as_str()) {
        None | Some(Some("empty")) => {}
        Some(Some(name)) if Seed::named(name).is_some() => {
            if let Some(base) = Seed::named(name) {
                super::fill(store, &base);
            }
        }
        _ => return Err(format!("`base` must be one of: {}", Seed::NAMES.join(", "))),
    }
    let items = |key: &str| -> Result<Vec<JsonBody>, String> {
        match root.get(key) {
            None => Ok(Vec::new()),
            Some(Value::Array(list)) => list
                .iter()
                .enumerate()
                .map(|(i, v)| match v {
                    Value::Object(m) => Ok(JsonBody(m.clone())),
                    _ => Err(format!("{key}[{i}] must be an object")),
                })
                .collect(),
            Some(_) => Err(format!("`{key}` must be an array")),
        }
    };
    let loaders: [(&str, Loader); 9] = [
        ("images", items::image),
        ("ssh_keys", items::ssh_key),
        ("security_groups", items::security_group),
        ("volumes", items::volume),
        ("filesystems", items::filesystem),
        ("floating_ips", items::floating_ip),
        ("reservations", items::reservation),
        ("instances", items::instance),
        ("snapshots", items::snapshot),
    ];
    for (key, loader) in loaders {
        for (i, item) in items(key)?.iter().enumerate() {
            loader(store, item).map_err(|e| format!("{key}[{i}]: {e}"))?;
        }
    }
    if let Some(synthetic) = root.get("synthetic") {
        let counts = synthetic::counts(synthetic)?;
        if with_synthetic {
            for (kind, count) in counts {
                synthetic::add(store, kind, count);
            }
        }
    }
    Ok(())
}

type Loader = fn(&mut Store, &JsonBody) -> Result<(), String>;

pub(super) fn err(e: crate::error::ApiError) -> String {
    e.message
}

/// The item's `id`, or a generated one.
pub(super) fn item_id(
    store: &mut Store,
    item: &JsonBody,
    kind: ResourceKind,
) -> Result<Id, String> {
    match item.opt_str("id").map_err(err)? {
        Some(text) => Id::parse(text).ok_or_else(|| format!("`id` {text:?} is not UUID-shaped")),
        None => Ok(store.next_id(kind)),
    }
}

pub(super) fn item_time(item: &JsonBody, field: &str, default: Ts) -> Result<Ts, String> {
    match item.opt_str(field).map_err(err)? {
        Some(text) => {
            Ts::parse(text).ok_or_else(|| format!("`{field}` {text:?} is not an RFC 3339 time"))
        }
        None => Ok(default),
    }
}

pub(super) fn times(item: &JsonBody) -> Result<(Ts, Ts), String> {
    let created = item_time(item, "created_at", Ts::now())?;
    Ok((created, item_time(item, "updated_at", created)?))
}

pub(super) fn duplicate(id: Id) -> String {
    format!("duplicate id {id}")
}

pub(super) fn status(item: &JsonBody, default: Status) -> Result<Lifecycle<Status>, String> {
    Ok(Lifecycle::settled(
        item.opt_enum("status").map_err(err)?.unwrap_or(default),
    ))
}

/// A reference given as `"id"` or `{"id": …}`.
pub(super) fn reference(value: &Value) -> Option<Id> {
    match value {
        Value::String(s) => Id::parse(s),
        Value::Object(m) => m.get("id").and_then(Value::as_str).and_then(Id::parse),
        _ => None,
    }
}

pub(super) fn references(item: &JsonBody, field: &str) -> Result<Vec<Id>, String> {
    match item.get(field) {
        None => Ok(Vec::new()),
        Some(Value::Array(list)) => list
            .iter()
            .map(|v| {
                reference(v).ok_or_else(|| format!("`{field}` holds an invalid reference {v}"))
            })
            .collect(),
        Some(_) => Err(format!("`{field}` must be an array")),
    }
}
