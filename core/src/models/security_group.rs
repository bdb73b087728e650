use serde::{Deserialize, Serialize};

use super::{
    Extra, Region, ResourceStatus, SecurityGroupRuleDirection, SecurityGroupRuleProtocol, Timestamp,
};

/// A set of firewall rules applied to instances.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SecurityGroup {
    /// The security group's id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Free-form description.
    pub description: String,
    /// Whether Genesis Cloud manages this group (the `default` one).
    pub is_internal: bool,
    /// Region the group belongs to.
    pub region: Region,
    /// The firewall rules.
    pub rules: Vec<SecurityGroupRule>,
    /// Lifecycle status.
    pub status: ResourceStatus,
    /// When the group was created.
    pub created_at: Timestamp,
    /// When the group was last changed.
    pub updated_at: Timestamp,
    /// Fields this SDK version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

open_model!(SecurityGroup {
    id,
    name,
    description,
    is_internal,
    region,
    rules,
    status,
    created_at,
    updated_at,
});

/// One firewall rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SecurityGroupRule {
    /// Incoming or outgoing traffic.
    pub direction: SecurityGroupRuleDirection,
    /// Protocol the rule matches.
    pub protocol: SecurityGroupRuleProtocol,
    /// Lowest port; none (`null`) for every port.
    #[serde(default)]
    pub port_range_min: Option<i64>,
    /// Highest port; none (`null`) for every port.
    #[serde(default)]
    pub port_range_max: Option<i64>,
    /// Fields this SDK version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

open_model!(SecurityGroupRule {
    direction,
    protocol,
    port_range_min,
    port_range_max,
});

impl SecurityGroupRule {
    /// A rule for a port range (`None` for every port).
    pub fn new(
        direction: SecurityGroupRuleDirection,
        protocol: SecurityGroupRuleProtocol,
        ports: Option<(i64, i64)>,
    ) -> SecurityGroupRule {
        SecurityGroupRule {
            direction,
            protocol,
            port_range_min: ports.map(|p| p.0),
            port_range_max: ports.map(|p| p.1),
            extra: Extra::new(),
        }
    }
}

/// Body of `POST /security-groups`. The names `default` and `standard` are
/// reserved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CreateSecurityGroup {
    /// Display name.
    pub name: String,
    /// Region to create the group in.
    pub region: Region,
    /// The firewall rules.
    pub rules: Vec<SecurityGroupRule>,
    /// Free-form description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Fields to send that this SDK version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

impl CreateSecurityGroup {
    /// A body with the required fields; set the optional ones on the result.
    pub fn new(
        name: impl Into<String>,
        region: Region,
        rules: Vec<SecurityGroupRule>,
    ) -> CreateSecurityGroup {
        CreateSecurityGroup {
            name: name.into(),
            region,
            rules,
            description: None,
            extra: Extra::new(),
        }
    }
}

/// Body of `PATCH /security-groups/{id}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct UpdateSecurityGroup {
    /// New display name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The complete new rule set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rules: Option<Vec<SecurityGroupRule>>,
    /// Fields to send that this SDK version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}
