use super::{Listed, Managed, Stateful};
use crate::models::{CreateVolume, UpdateVolume, Volume};
use crate::pagination::{HasId, NoFilter};

impl HasId for Volume {
    fn id(&self) -> &str {
        &self.id
    }
}

impl Listed for Volume {
    const PATH: &'static str = "/volumes";
    const PLURAL: &'static str = "volumes";
    type Filter = NoFilter;
}

impl Managed for Volume {
    const SINGULAR: Option<&'static str> = Some("volume");
    const NAME: &'static str = "volume";
    type Create = CreateVolume;
    type Update = UpdateVolume;
}

impl Stateful for Volume {
    fn status_str(&self) -> &str {
        self.status.as_str()
    }
}
