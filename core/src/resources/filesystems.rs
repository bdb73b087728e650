use super::{Listed, Managed, Stateful};
use crate::models::{CreateFilesystem, Filesystem, UpdateFilesystem};
use crate::pagination::{HasId, NoFilter};

impl HasId for Filesystem {
    fn id(&self) -> &str {
        &self.id
    }
}

impl Listed for Filesystem {
    const PATH: &'static str = "/filesystems";
    const PLURAL: &'static str = "filesystems";
    type Filter = NoFilter;
}

impl Managed for Filesystem {
    const SINGULAR: Option<&'static str> = Some("filesystem");
    const NAME: &'static str = "filesystem";
    type Create = CreateFilesystem;
    type Update = UpdateFilesystem;
}

impl Stateful for Filesystem {
    fn status_str(&self) -> &str {
        self.status.as_str()
    }
}
