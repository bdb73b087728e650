use super::{Listed, Managed, Stateful};
use crate::models::{CreateFloatingIp, FloatingIp, UpdateFloatingIp};
use crate::pagination::{HasId, NoFilter};

impl HasId for FloatingIp {
    fn id(&self) -> &str {
        &self.id
    }
}

impl Listed for FloatingIp {
    const PATH: &'static str = "/floating-ips";
    const PLURAL: &'static str = "floating_ips";
    type Filter = NoFilter;
}

impl Managed for FloatingIp {
    const SINGULAR: Option<&'static str> = Some("floating_ip");
    const NAME: &'static str = "floating IP";
    type Create = CreateFloatingIp;
    type Update = UpdateFloatingIp;
}

impl Stateful for FloatingIp {
    fn status_str(&self) -> &str {
        self.status.as_str()
    }
}
