//! Query strings of list operations: `page` (≥ 1, default 1) and `per_page`
//! (1–100, default 50), plus whatever filters an operation takes.

use crate::error::{ApiError, ApiResult};

/// Default page size of the contract.
pub(crate) const DEFAULT_PER_PAGE: u64 = 50;
/// Largest page size the contract allows.
pub(crate) const MAX_PER_PAGE: u64 = 100;

/// A decoded query string.
pub(crate) struct Query {
    pairs: Vec<(String, String)>,
}

impl Query {
    pub(crate) fn parse(raw: Option<&str>) -> Query {
        let pairs = raw
            .map(|q| {
                url::form_urlencoded::parse(q.as_bytes())
                    .into_owned()
                    .collect()
            })
            .unwrap_or_default();
        Query { pairs }
    }

    /// The first value of a parameter.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The page requested, validated.
    pub(crate) fn page(&self) -> ApiResult<Page> {
        let page = self.number("page", 1, u64::MAX)?.unwrap_or(1);
        let per_page = self
            .number("per_page", 1, MAX_PER_PAGE)?
            .unwrap_or(DEFAULT_PER_PAGE);
        Ok(Page { page, per_page })
    }

    fn number(&self, name: &str, min: u64, max: u64) -> ApiResult<Option<u64>> {
        let Some(text) = self.get(name) else {
            return Ok(None);
        };
        let valid = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
        match text.parse::<u64>() {
            Ok(n) if valid && (min..=max).contains(&n) => Ok(Some(n)),
            _ if max == u64::MAX => Err(ApiError::query(format!(
                "`{name}` must be a positive integer, got {text:?}"
            ))),
            _ => Err(ApiError::query(format!(
                "`{name}` must be an integer from {min} to {max}, got {text:?}"
            ))),
        }
    }
}

/// A validated page request.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Page {
    pub page: u64,
    pub per_page: u64,
}

impl Page {
    /// Items to skip; saturates so that an absurd page is simply past the end.
    pub(crate) fn offset(self) -> usize {
        usize::try_from((self.page - 1).saturating_mul(self.per_page)).unwrap_or(usize::MAX)
    }

    pub(crate) fn limit(self) -> usize {
        self.per_page as usize
    }
}
