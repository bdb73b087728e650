//! `GET` of a collection (one page, newest first) and of one item by id:
//! the same for every resource except images (whose list filters by type),
//! so written once; each resource says where it is stored and how it renders.

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Serialize;

use crate::error::{ApiError, ApiResult};
use crate::pagination::Query;
use crate::render;
use crate::routes::{bare, json_bytes, wrapped};
use crate::state::AppState;
use crate::store::*;

/// A resource served by [`list`] and [`get`].
pub(crate) trait Listed: Record + Sized + 'static {
    /// Which resource it is; its plural is the list's key.
    const KIND: ResourceKind;
    /// The key wrapping one item (`{"volume": …}`), or `None` when the API
    /// answers the item bare (SSH keys).
    const WRAPPER: Option<&'static str>;
    /// The resource as a 404 message names it.
    const NOUN: &'static str;

    /// Where the store keeps it.
    fn collection(store: &Store) -> &Collection<Self>;

    /// The wire form of one item.
    fn render<'a>(store: &'a Store, item: &'a Self) -> impl Serialize + 'a;
}

/// `GET /<resources>`: one page, newest first.
pub(crate) async fn list<T: Listed>(
    State(app): State<AppState>,
    RawQuery(query): RawQuery,
) -> ApiResult<Response> {
    let page = Query::parse(query.as_deref()).page()?;
    let store = app.store();
    let collection = T::collection(&store);
    let items = collection
        .page(page.offset(), page.limit())
        .map(|item| T::render(&store, item));
    let body = render::paginated(
        T::KIND.plural(),
        items,
        collection.len(),
        page.page,
        page.per_page,
    );
    Ok(json_bytes(StatusCode::OK, body))
}

/// `GET /<resources>/{id}`.
pub(crate) async fn get<T: Listed>(
    State(app): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let store = app.store();
    let item = T::collection(&store)
        .find(&id)
        .ok_or_else(|| ApiError::not_found(T::NOUN, &id))?;
    let view = T::render(&store, item);
    Ok(match T::WRAPPER {
        Some(key) => wrapped(StatusCode::OK, key, &view),
        None => bare(StatusCode::OK, &view),
    })
}

macro_rules! listed {
    ($($t:ty => $kind:ident, $field:ident, $wrapper:expr, $noun:literal,
       |$store:pat_param, $item:pat_param| $render:expr;)+) => {$(
        impl Listed for $t {
            const KIND: ResourceKind = ResourceKind::$kind;
            const WRAPPER: Option<&'static str> = $wrapper;
            const NOUN: &'static str = $noun;

            fn collection(store: &Store) -> &Collection<Self> {
                &store.$field
            }

            fn render<'a>($store: &'a Store, $item: &'a Self) -> impl Serialize + 'a {
                $render
            }
        }
    )+};
}

listed! {
    Instance => Instances, instances, Some("instance"), "instance",
        |s, i| render::instance(s, i);
    Snapshot => Snapshots, snapshots, Some("snapshot"), "snapshot",
        |_, s| render::snapshot(s);
    Volume => Volumes, volumes, Some("volume"), "volume",
        |s, v| render::volume(s, v);
    Filesystem => Filesystems, filesystems, Some("filesystem"), "filesystem",
        |_, f| render::filesystem(f);
    SecurityGroup => SecurityGroups, security_groups, Some("security_group"), "security group",
        |_, g| render::security_group(g);
    SshKey => SshKeys, ssh_keys, None, "ssh key",
        |_, k| render::ssh_key(k);
    FloatingIp => FloatingIps, floating_ips, Some("floating_ip"), "floating IP",
        |s, f| render::floating_ip(s, f);
}
