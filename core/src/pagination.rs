//! One page of a list, and the lazy stream over all of them (the SDK contract,
//! "Pagination").

use std::collections::hash_map::{Entry, RandomState};
use std::collections::{HashMap, VecDeque};
use std::hash::{BuildHasher, BuildHasherDefault, Hasher};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::vec;

use futures::future::BoxFuture;
use futures::stream::{FuturesOrdered, Stream, StreamExt};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// One page of a list, exactly as the API answered it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    /// The items of this page.
    pub items: Vec<T>,
    /// How many items the whole list has, across pages.
    pub total_count: u64,
    /// This page's number (from 1).
    pub page: u64,
    /// The page size the server used.
    pub per_page: u64,
}

/// Paging and filters of a list call.
///
/// ```
/// use genesiscloud::{ImageFilter, ImageType, ListParams};
/// let params = ListParams::default().per_page(10).filter(ImageFilter {
///     r#type: Some(ImageType::CloudImage),
/// });
/// assert_eq!(params.per_page, Some(10));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListParams<F = NoFilter> {
    /// Page to fetch (from 1). For `list`, the page to start from.
    pub page: Option<u32>,
    /// Page size, 1–100 (default: the API's 50 for `list_page`, the
    /// client's `per_page` for `list`).
    pub per_page: Option<u32>,
    /// The resource's filters.
    pub filter: F,
}

impl<F> ListParams<F> {
    /// Sets the page.
    pub fn page(mut self, page: u32) -> Self {
        self.page = Some(page);
        self
    }

    /// Sets the page size.
    pub fn per_page(mut self, per_page: u32) -> Self {
        self.per_page = Some(per_page);
        self
    }

    /// Sets the filters.
    pub fn filter(mut self, filter: F) -> Self {
        self.filter = filter;
        self
    }
}

/// The filter of lists that have none.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoFilter {}

impl<F: Serialize> ListParams<F> {
    /// Checks the numbers and renders the query string pairs.
    pub(crate) fn query(&self) -> Result<Vec<(String, String)>> {
        let mut q = Vec::new();
        if let Some(page) = self.page {
            if page == 0 {
                return Err(Error::invalid_argument("page must be 1 or more"));
            }
            q.push(("page".to_owned(), page.to_string()));
        }
        if let Some(per_page) = self.per_page {
            if !(1..=100).contains(&per_page) {
                return Err(Error::invalid_argument(format!(
                    "per_page must be between 1 and 100, not {per_page}"
                )));
            }
            q.push(("per_page".to_owned(), per_page.to_string()));
        }
        let filter = serde_json::to_value(&self.filter)
            .map_err(|e| Error::invalid_argument(format!("invalid filter: {e}")))?;
        if let serde_json::Value::Object(map) = filter {
            for (k, v) in map {
                match v {
                    serde_json::Value::Null => {}
                    serde_json::Value::String(s) => q.push((k, s)),
                    other => q.push((k, other.to_string())),
                }
            }
        }
        Ok(q)
    }
}

/// Something with an id, so a list can drop repeats.
pub trait HasId {
    /// The id.
    fn id(&self) -> &str;
}

type FetchPage<T> = Arc<dyn Fn(u64) -> BoxFuture<'static, Result<Page<T>>> + Send + Sync>;

/// The lazy stream of every item of a list, returned by `list()`.
///
/// It fetches the first page, learns `total_count`, then fetches following
/// pages up to `concurrency` at a time and yields items in order. It drops
/// an item whose id it yielded recently (offset pages shift when resources
/// are created meanwhile), stops at the first short or empty page, and
/// cancels the requests in flight when dropped. Memory stays bounded by a
/// few pages whatever the total.
///
/// ```no_run
/// # async fn demo(client: genesiscloud::Client) -> genesiscloud::Result<()> {
/// use futures::TryStreamExt;
/// let mut images = client.images().list(Default::default());
/// while let Some(image) = images.try_next().await? {
///     println!("{} {}", image.id, image.name);
/// }
/// # Ok(()) }
/// ```
pub struct Paginator<T> {
    fetch: FetchPage<T>,
    per_page: u64,
    concurrency: usize,
    next_page: u64,
    last_page: u64,
    in_flight: FuturesOrdered<BoxFuture<'static, Result<Page<T>>>>,
    // The items of the latest page not yet yielded, read in place: moving
    // each into a queue first cost a copy of every item.
    buffer: vec::IntoIter<T>,
    recent: RecentIds,
    total_count: Option<u64>,
    failure: Option<Error>,
    finished: bool,
}

impl<T: HasId + Send + 'static> Paginator<T> {
    pub(crate) fn new(
        fetch: FetchPage<T>,
        first_page: u64,
        per_page: u32,
        concurrency: usize,
    ) -> Paginator<T> {
        let per_page = u64::from(per_page);
        Paginator {
            fetch,
            per_page,
            concurrency: concurrency.max(1),
            next_page: first_page,
            // Until the first answer says how many pages there are, only the
            // first one is asked for.
            last_page: first_page,
            in_flight: FuturesOrdered::new(),
            buffer: Vec::new().into_iter(),
            recent: RecentIds::new(per_page as usize * (concurrency + 2)),
            total_count: None,
            failure: None,
            finished: false,
        }
    }

    /// A stream whose only item is `error`: a list call refused before
    /// sending reports it where the items would come.
    pub(crate) fn failed(error: Error) -> Paginator<T> {
        let fetch: FetchPage<T> = Arc::new(|_| Box::pin(futures::future::pending()));
        let mut p = Paginator::new(fetch, 1, 1, 1);
        p.failure = Some(error);
        p
    }

    /// `total_count` as the latest page reported it (`None` before the first
    /// page arrived).
    pub fn total_count(&self) -> Option<u64> {
        self.total_count
    }

    fn schedule(&mut self) {
        while self.in_flight.len() < self.concurrency && self.next_page <= self.last_page {
            let fut = (self.fetch)(self.next_page);
            self.in_flight.push_back(fut);
            self.next_page += 1;
        }
    }

    fn accept(&mut self, page: Page<T>) {
        self.total_count = Some(page.total_count);
        // Trust the page size the server says it used, should it cap ours.
        let per_page = match page.per_page {
            0 => self.per_page,
            n => n.min(self.per_page),
        };
        // Every page reports the current total, so a list that grows while
        // it is read extends the walk.
        self.last_page = self.last_page.max(page.total_count.div_ceil(per_page));
        let short = (page.items.len() as u64) < per_page;
        // Repeats are dropped as the items are yielded (`poll_next`).
        self.buffer = page.items.into_iter();
        if short {
            self.stop();
        }
    }

    fn stop(&mut self) {
        self.finished = true;
        // Dropping the futures cancels their requests.
        self.in_flight = FuturesOrdered::new();
    }
}

impl<T: HasId + Send + Unpin + 'static> Stream for Paginator<T> {
    type Item = Result<T>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<T>>> {
        let this = self.get_mut();
        if let Some(e) = this.failure.take() {
            this.stop();
            return Poll::Ready(Some(Err(e)));
        }
        loop {
            for item in this.buffer.by_ref() {
                if this.recent.insert(item.id()) {
                    return Poll::Ready(Some(Ok(item)));
                }
            }
            if this.finished {
                return Poll::Ready(None);
            }
            this.schedule();
            match this.in_flight.poll_next_unpin(cx) {
                Poll::Ready(Some(Ok(page))) => this.accept(page),
                Poll::Ready(Some(Err(e))) => {
                    this.stop();
                    return Poll::Ready(Some(Err(e)));
                }
                Poll::Ready(None) => this.finished = true,
                Poll::Pending => return Poll::Pending,
            }
        }
    }
}

/// The ids of the most recent items, in a bounded window.
///
/// An item can only reappear on a later page by the number of items
/// created meanwhile, so remembering the last few pages catches the repeats
/// while keeping memory bounded on a list of millions.
///
/// It runs for every item listed, so it avoids allocating: the window
/// keeps each id with its hash, and once full, the oldest id's buffer takes
/// the newest; a map counts the hashes in the window. An id whose hash is
/// there is compared with the window's ids, so a collision of hashes never
/// drops an item. (A set of owned ids cost two allocations and three
/// hashings per item, 8% of listing.)
struct RecentIds {
    capacity: usize,
    order: VecDeque<(u64, String)>,
    hashes: HashMap<u64, u32, BuildHasherDefault<Prehashed>>,
    hasher: RandomState,
}

/// The hasher of keys that are hashes already (random-keyed ones): using
/// them as they are spares hashing them again, three times per item.
#[derive(Default)]
struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only `u64` keys are hashed with it; this keeps any other correct.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

impl RecentIds {
    fn new(capacity: usize) -> RecentIds {
        RecentIds {
            capacity: capacity.max(1),
            order: VecDeque::new(),
            hashes: HashMap::default(),
            hasher: RandomState::new(),
        }
    }

    /// Records `id`; false when it was seen within the window.
    fn insert(&mut self, id: &str) -> bool {
        let hash = self.hasher.hash_one(id);
        if self.hashes.contains_key(&hash)
            && self.order.iter().any(|(h, seen)| *h == hash && seen == id)
        {
            return false;
        }
        let mut buffer = String::new();
        if self.order.len() == self.capacity {
            if let Some((old, old_id)) = self.order.pop_front() {
                if let Entry::Occupied(mut n) = self.hashes.entry(old) {
                    *n.get_mut() -= 1;
                    if *n.get() == 0 {
                        n.remove();
                    }
                }
                buffer = old_id;
                buffer.clear();
            }
        }
        buffer.push_str(id);
        self.order.push_back((hash, buffer));
        *self.hashes.entry(hash).or_insert(0) += 1;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures::TryStreamExt;
    use std::collections::HashSet;
    use std::sync::atomic::{AtomicU64, Ordering};

    #[derive(Debug, Clone, PartialEq)]
    struct Item(String);
    impl HasId for Item {
        fn id(&self) -> &str {
            &self.0
        }
    }

    /// A list of `total` items served `per` to a page, optionally growing by
    /// `grow` items at the front after the first page was served.
    fn source(total: u64, grow: u64, calls: Arc<AtomicU64>) -> FetchPage<Item> {
        Arc::new(move |page| {
            let calls = calls.clone();
            Box::pin(async move {
                let n = calls.fetch_add(1, Ordering::SeqCst);
                let (shift, total) = if n > 0 {
                    (grow, total + grow)
                } else {
                    (0, total)
                };
                let per = 10u64;
                let start = (page - 1) * per;
                let items = (start..(start + per).min(total))
                    .map(|i| {
                        if i < shift {
                            Item(format!("new-{i}"))
                        } else {
                            Item(format!("item-{}", i - shift))
                        }
                    })
                    .collect();
                Ok(Page {
                    items,
                    total_count: total,
                    page,
                    per_page: per,
                })
            })
        })
    }

    #[tokio::test]
    async fn yields_every_item_once_in_order() {
        let calls = Arc::new(AtomicU64::new(0));
        let items: Vec<Item> = Paginator::new(source(95, 0, calls.clone()), 1, 10, 4)
            .try_collect()
            .await
            .unwrap();
        assert_eq!(items.len(), 95);
        assert_eq!(items[0], Item("item-0".into()));
        assert_eq!(items[94], Item("item-94".into()));
        assert_eq!(calls.load(Ordering::SeqCst), 10);
    }

    #[tokio::test]
    async fn drops_repeats_when_items_are_created_between_pages() {
        let calls = Arc::new(AtomicU64::new(0));
        let items: Vec<Item> = Paginator::new(source(30, 3, calls), 1, 10, 1)
            .try_collect()
            .await
            .unwrap();
        let ids: HashSet<&str> = items.iter().map(|i| i.0.as_str()).collect();
        assert_eq!(ids.len(), items.len(), "no id twice");
        for i in 0..30 {
            assert!(
                ids.contains(format!("item-{i}").as_str()),
                "item-{i} missing"
            );
        }
    }

    #[tokio::test]
    async fn empty_list_makes_one_request() {
        let calls = Arc::new(AtomicU64::new(0));
        let items: Vec<Item> = Paginator::new(source(0, 0, calls.clone()), 1, 10, 4)
            .try_collect()
            .await
            .unwrap();
        assert!(items.is_empty());
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn exact_multiple_of_page_size_needs_no_extra_request() {
        let calls = Arc::new(AtomicU64::new(0));
        let items: Vec<Item> = Paginator::new(source(20, 0, calls.clone()), 1, 10, 4)
            .try_collect()
            .await
            .unwrap();
        assert_eq!(items.len(), 20);
        assert_eq!(calls.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn recent_ids_window_is_bounded() {
        let mut r = RecentIds::new(3);
        assert!(r.insert("a"));
        assert!(!r.insert("a"));
        for id in ["b", "c", "d"] {
            assert!(r.insert(id));
        }
        assert_eq!((r.order.len(), r.hashes.len()), (3, 3));
        assert!(r.insert("a"), "a fell out of the window");
        assert!(!r.insert("d"));
        assert_eq!((r.order.len(), r.hashes.len()), (3, 3));
    }
}
