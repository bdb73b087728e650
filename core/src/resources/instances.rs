use reqwest::Method;
use serde::{Deserialize, Serialize};

use super::{list_page_at, member_path, paginate, Listed, Managed, ResourceGroup, Stateful};
use crate::client::Client;
use crate::decode;
use crate::error::Result;
use crate::models::{
    CreateInstance, CreateInstanceSnapshot, Extra, Instance, InstanceAction, Snapshot,
    UpdateInstance,
};
use crate::pagination::{HasId, ListParams, NoFilter, Page, Paginator};
use crate::transport::Call;

impl HasId for Instance {
    fn id(&self) -> &str {
        &self.id
    }
}

impl Listed for Instance {
    const PATH: &'static str = "/instances";
    const PLURAL: &'static str = "instances";
    type Filter = NoFilter;
}

impl Managed for Instance {
    const SINGULAR: Option<&'static str> = Some("instance");
    const NAME: &'static str = "instance";
    type Create = CreateInstance;
    type Update = UpdateInstance;
}

impl Stateful for Instance {
    fn status_str(&self) -> &str {
        self.status.as_str()
    }
}

#[derive(Serialize, Deserialize)]
struct ActionBody {
    action: InstanceAction,
}

impl ResourceGroup<Instance> {
    /// The actions the instance's current status allows
    /// (`GET /instances/{id}/actions`).
    pub async fn actions(&self, id: &str) -> Result<Vec<InstanceAction>> {
        let call = Call::new(
            Method::GET,
            format!("{}/actions", member_path::<Instance>(id)?),
        );
        let answer = self.client.send(call).await?;
        answer.decode(|b| decode::wrapped(b, "actions"))
    }

    /// Starts, stops or resets the instance (`POST /instances/{id}/actions`).
    /// The status moves through `starting`/`stopping`/`resetting`; an action
    /// the current status does not allow fails with `conflict`. `action` is
    /// an [`InstanceAction`] or its name (`"stop"`).
    pub async fn perform_action(&self, id: &str, action: impl Into<InstanceAction>) -> Result<()> {
        let action = action.into();
        let call = Call::new(
            Method::POST,
            format!("{}/actions", member_path::<Instance>(id)?),
        );
        let answer = self.client.send_json(call, &ActionBody { action }).await?;
        Client::no_content(&answer)
    }

    /// One page of the instance's snapshots
    /// (`GET /instances/{id}/snapshots`).
    pub async fn list_snapshots_page(
        &self,
        id: &str,
        params: ListParams<NoFilter>,
    ) -> Result<Page<Snapshot>> {
        let path = snapshots_path(id)?;
        list_page_at(&self.client, path, &params).await
    }

    /// Every snapshot of the instance, lazily.
    pub fn list_snapshots(&self, id: &str, params: ListParams<NoFilter>) -> Paginator<Snapshot> {
        match snapshots_path(id) {
            Ok(path) => paginate(&self.client, path, params),
            Err(e) => Paginator::failed(e),
        }
    }

    /// Snapshots the instance's disk (`POST /instances/{id}/snapshots`).
    pub async fn create_snapshot(
        &self,
        id: &str,
        body: &CreateInstanceSnapshot,
    ) -> Result<Snapshot> {
        let call = Call::new(Method::POST, snapshots_path(id)?);
        let answer = self.client.send_json(call, body).await?;
        Client::decode(&answer, Some("snapshot"))
    }

    /// The metadata the instance was created with
    /// (`GET /instances/{id}/user-metadata`): a free-form object.
    pub async fn user_metadata(&self, id: &str) -> Result<Extra> {
        let call = Call::new(
            Method::GET,
            format!("{}/user-metadata", member_path::<Instance>(id)?),
        );
        let answer = self.client.send(call).await?;
        answer.decode(|b| decode::bare(b, "user metadata"))
    }
}

fn snapshots_path(id: &str) -> Result<String> {
    Ok(format!("{}/snapshots", member_path::<Instance>(id)?))
}
