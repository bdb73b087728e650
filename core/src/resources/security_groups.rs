use super::{Listed, Managed, Stateful};
use crate::models::{CreateSecurityGroup, SecurityGroup, UpdateSecurityGroup};
use crate::pagination::{HasId, NoFilter};

impl HasId for SecurityGroup {
    fn id(&self) -> &str {
        &self.id
    }
}

impl Listed for SecurityGroup {
    const PATH: &'static str = "/security-groups";
    const PLURAL: &'static str = "security_groups";
    type Filter = NoFilter;
}

impl Managed for SecurityGroup {
    const SINGULAR: Option<&'static str> = Some("security_group");
    const NAME: &'static str = "security group";
    type Create = CreateSecurityGroup;
    type Update = UpdateSecurityGroup;
}

impl Stateful for SecurityGroup {
    fn status_str(&self) -> &str {
        self.status.as_str()
    }
}
