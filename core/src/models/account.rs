use serde::Serialize;

use super::{Extra, Region};

/// How much of one kind of resource the account may use.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Quota {
    /// What the quota counts (`instances`, `gpu`, …).
    pub key: String,
    /// The limit.
    pub capacity: i64,
    /// How much is in use.
    pub used: i64,
    /// Use per flavor.
    pub flavors: Vec<QuotaFlavor>,
    /// Fields this SDK version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

open_model!(Quota {
    key,
    capacity,
    used,
    flavors,
});

/// Use of a quota by one flavor.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct QuotaFlavor {
    /// Flavor name.
    pub flavor_name: String,
    /// Product name.
    pub product_name: String,
    /// Unit of `used`.
    pub unit: String,
    /// How much is in use.
    pub used: i64,
    /// Fields this SDK version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

open_model!(QuotaFlavor {
    flavor_name,
    product_name,
    unit,
    used,
});

/// Capacity reserved for the account.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Reservation {
    /// The reservation's id.
    pub id: String,
    /// Flavor reserved.
    pub flavor_name: String,
    /// Region of the reservation.
    pub region: Region,
    /// Free-form metadata.
    pub metadata: Extra,
    /// Reserved and used capacity.
    pub quota: ReservationQuota,
    /// Fields this SDK version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

open_model!(Reservation {
    id,
    flavor_name,
    region,
    metadata,
    quota,
});

/// Reserved and used capacity of a reservation.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReservationQuota {
    /// Reserved capacity.
    pub capacity: i64,
    /// Capacity in use.
    pub used: i64,
    /// Fields this SDK version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

open_model!(ReservationQuota { capacity, used });

/// Which instance types can be created in a region right now.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct InstancesAvailability {
    /// The region asked about.
    pub region: Region,
    /// What kind of resource the answer is about (`instances`).
    #[serde(rename = "type")]
    pub r#type: String,
    /// The placement option asked about, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placement: Option<String>,
    /// Availability per instance type (the API's `instance_types`).
    pub instance_types: Vec<InstanceTypeAvailability>,
    /// Fields this SDK version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

open_model!(InstancesAvailability {
    region,
    r#type: "type",
    placement,
    instance_types,
});

/// Availability of one instance type.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct InstanceTypeAvailability {
    /// Instance type.
    #[serde(rename = "type")]
    pub r#type: String,
    /// Whether it can be created now.
    pub available: bool,
    /// How many can be created, when reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<f64>,
    /// Fields this SDK version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

open_model!(InstanceTypeAvailability {
    r#type: "type",
    available,
    count,
});

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn availability_decodes_the_apis_instance_types() {
        let wire = json!({
            "region": "NORD-NO-KRS-1",
            "type": "instances",
            "instance_types": [{"type": "vcpu-2_memory-4g_disk-80g", "available": true, "count": 3.0}],
        });
        let decoded: InstancesAvailability = serde_json::from_value(wire.clone()).unwrap();
        assert_eq!(decoded.instance_types.len(), 1);
        assert!(decoded.instance_types[0].available);
        assert!(decoded.extra.is_empty());
        assert_eq!(serde_json::to_value(&decoded).unwrap(), wire);
    }
}
