//! Account-wide answers: quotas and reservations (counted from the
//! instances that exist) and instance availability per region.

use std::collections::HashMap;

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{json, Value};

use crate::catalogue::{GPU_FAMILIES, INSTANCE_TYPES};
use crate::enums::Region;
use crate::error::{ApiError, ApiResult};
use crate::pagination::Query;
use crate::render;
use crate::routes::wrapped;
use crate::state::AppState;
use crate::store::{instance_is_deleting, Store};

/// vCPUs an account may run on CPU-only types.
const VCPU_CAPACITY: u64 = 512;

/// Live instances per (type, region).
fn usage(store: &Store) -> HashMap<(&str, Region), u64> {
    let mut used = HashMap::new();
    for i in store
        .instances
        .iter()
        .filter(|i| !instance_is_deleting(i.life.status))
    {
        *used.entry((&*i.kind, i.region)).or_insert(0) += 1;
    }
    used
}

pub(crate) async fn quotas(State(app): State<AppState>) -> ApiResult<Response> {
    let store = app.store();
    let used = usage(&store);
    let per_type = |name: &str| {
        used.iter()
            .filter(|((t, _), _)| *t == name)
            .map(|(_, n)| n)
            .sum::<u64>()
    };
    let mut quotas: Vec<Value> = Vec::new();
    for family in GPU_FAMILIES {
        let mut total = 0;
        let flavors: Vec<Value> = INSTANCE_TYPES
            .iter()
            .filter_map(|t| t.gpu.filter(|(f, _)| f.quota_key == family.quota_key).map(|(_, n)| (t, n)))
            .map(|(t, gpus)| {
                let used = per_type(t.name) * gpus;
                total += used;
                json!({"flavor_name": t.name, "product_name": family.product_name, "unit": "GPU", "used": used})
            })
            .collect();
        quotas.push(json!({"key": family.quota_key, "capacity": family.capacity, "used": total, "flavors": flavors}));
    }
    let mut total = 0;
    let flavors: Vec<Value> = INSTANCE_TYPES
        .iter()
        .filter(|t| t.gpu.is_none())
        .map(|t| {
            let used = per_type(t.name) * t.vcpus;
            total += used;
            json!({"flavor_name": t.name, "product_name": "vCPU", "unit": "vCPU", "used": used})
        })
        .collect();
    quotas.push(
        json!({"key": "cpu-vcpu", "capacity": VCPU_CAPACITY, "used": total, "flavors": flavors}),
    );
    Ok(wrapped(StatusCode::OK, "quotas", &quotas))
}

pub(crate) async fn reservations(State(app): State<AppState>) -> ApiResult<Response> {
    let store = app.store();
    let list: Vec<Value> = store
        .reservations
        .iter()
        .map(|r| render::reservation(&store, r))
        .collect();
    Ok(wrapped(StatusCode::OK, "reservations", &list))
}

pub(crate) async fn availability(
    State(app): State<AppState>,
    Path(region): Path<String>,
    RawQuery(query): RawQuery,
) -> ApiResult<Response> {
    let region = Region::parse(&region)
        .ok_or_else(|| ApiError::unknown_enum("region", &region, &Region::expected()))?;
    let query = Query::parse(query.as_deref());
    let placement = query.get("placement").filter(|p| !p.is_empty());
    let store = app.store();
    let used = usage(&store);
    let entries: Vec<Value> = INSTANCE_TYPES
        .iter()
        .filter(|t| t.regions.contains(&region))
        .map(|t| {
            let count = t
                .capacity
                .saturating_sub(used.get(&(t.name, region)).copied().unwrap_or(0));
            json!({"type": t.name, "available": count > 0, "count": count})
        })
        .collect();
    let mut body = json!({"region": region, "type": "instances"});
    if let Some(p) = placement {
        body["placement"] = json!(p);
    }
    body["instance_types"] = json!(entries);
    Ok(wrapped(StatusCode::OK, "availability", &body))
}
