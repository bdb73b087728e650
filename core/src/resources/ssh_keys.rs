use super::{Listed, Managed};
use crate::models::{CreateSshKey, SshKey, UpdateSshKey};
use crate::pagination::{HasId, NoFilter};

impl HasId for SshKey {
    fn id(&self) -> &str {
        &self.id
    }
}

impl Listed for SshKey {
    const PATH: &'static str = "/ssh-keys";
    const PLURAL: &'static str = "ssh_keys";
    type Filter = NoFilter;
}

impl Managed for SshKey {
    // The API answers SSH keys bare, not wrapped in `{"ssh_key": …}`.
    const SINGULAR: Option<&'static str> = None;
    const NAME: &'static str = "SSH key";
    type Create = CreateSshKey;
    type Update = UpdateSshKey;
}
