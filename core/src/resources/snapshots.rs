use reqwest::Method;

use super::{member_path, Listed, Managed, ResourceGroup, Stateful};
use crate::client::Client;
use crate::error::Result;
use crate::models::{CloneSnapshot, CreateSnapshot, Snapshot, UpdateSnapshot};
use crate::pagination::{HasId, NoFilter};
use crate::transport::Call;

impl HasId for Snapshot {
    fn id(&self) -> &str {
        &self.id
    }
}

impl Listed for Snapshot {
    const PATH: &'static str = "/snapshots";
    const PLURAL: &'static str = "snapshots";
    type Filter = NoFilter;
}

impl Managed for Snapshot {
    const SINGULAR: Option<&'static str> = Some("snapshot");
    const NAME: &'static str = "snapshot";
    type Create = CreateSnapshot;
    type Update = UpdateSnapshot;
}

impl Stateful for Snapshot {
    fn status_str(&self) -> &str {
        self.status.as_str()
    }
}

impl ResourceGroup<Snapshot> {
    /// Copies a snapshot, possibly into another region
    /// (`POST /snapshots/{id}/clone`).
    pub async fn clone(&self, id: &str, body: &CloneSnapshot) -> Result<Snapshot> {
        let call = Call::new(
            Method::POST,
            format!("{}/clone", member_path::<Snapshot>(id)?),
        );
        let answer = self.client.send_json(call, body).await?;
        Client::decode(&answer, Some("snapshot"))
    }
}
