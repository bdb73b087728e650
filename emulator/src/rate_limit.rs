//! The optional per-token rate limit: a sliding one-second window, which is
//! what "N requests per second" means to a client counting its own calls.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

const WINDOW: Duration = Duration::from_secs(1);

/// Recent request times per token.
#[derive(Default)]
pub(crate) struct RateLimiter {
    windows: HashMap<String, VecDeque<Instant>>,
}

impl RateLimiter {
    /// Counts a request and tells whether it is within `limit` per second.
    pub(crate) fn admit(&mut self, token: &str, limit: u32, now: Instant) -> bool {
        if !self.windows.contains_key(token) {
            self.windows.insert(token.to_owned(), VecDeque::new());
        }
        let Some(window) = self.windows.get_mut(token) else {
            return true;
        };
        while window
            .front()
            .is_some_and(|t| now.duration_since(*t) >= WINDOW)
        {
            window.pop_front();
        }
        if window.len() >= limit as usize {
            return false;
        }
        window.push_back(now);
        true
    }

    pub(crate) fn clear(&mut self) {
        self.windows.clear();
    }
}
