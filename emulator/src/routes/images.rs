//! `GET /images`, the only image operation, filtered by `type`.

use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;

use crate::error::ApiResult;
use crate::pagination::Query;
use crate::render;
use crate::routes::json_bytes;
use crate::state::AppState;

pub(crate) async fn list(
    State(app): State<AppState>,
    RawQuery(query): RawQuery,
) -> ApiResult<Response> {
    let query = Query::parse(query.as_deref());
    let page = query.page()?;
    let kind = query.get("type").filter(|t| !t.is_empty());
    let store = app.store();
    let body = match kind {
        None => render::paginated(
            "images",
            store
                .images
                .page(page.offset(), page.limit())
                .map(render::image),
            store.images.len(),
            page.page,
            page.per_page,
        ),
        Some(kind) => {
            let matching = || store.images.newest_first().filter(|i| &*i.kind == kind);
            render::paginated(
                "images",
                matching()
                    .skip(page.offset())
                    .take(page.limit())
                    .map(render::image),
                matching().count(),
                page.page,
                page.per_page,
            )
        }
    };
    Ok(json_bytes(StatusCode::OK, body))
}
