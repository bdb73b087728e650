//! The state one emulator shares between its connections and its owner:
//! the store, the tunables, faults, the request log and the rate limiter.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crate::config::{EmulatorConfig, Seed, Tunables};
use crate::faults::{Fault, FaultEntry, FaultRegistry};
use crate::rate_limit::RateLimiter;
use crate::request_log::{RecordedRequest, RequestLog};
use crate::seed;
use crate::store::{ResourceKind, Store};

/// Handle on an emulator's state, cheap to clone. [`crate::router`] and
/// [`crate::serve`] take one; [`crate::Emulator`] wraps one.
#[derive(Clone)]
pub struct AppState(pub(crate) Arc<Shared>);

pub(crate) struct Shared {
    pub store: Mutex<Store>,
    pub tunables: Mutex<Tunables>,
    pub initial: Tunables,
    pub seed: Seed,
    pub tokens: Vec<String>,
    pub faults: Mutex<FaultRegistry>,
    pub log: Mutex<RequestLog>,
    pub limiter: Mutex<RateLimiter>,
}

/// Locks a mutex even if a panicking handler poisoned it: the data is plain
/// state that stays consistent between statements, and a test server that
/// stops answering after one bug would hide every later result.
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl AppState {
    /// Builds the state for a configuration (seeding the store).
    pub fn new(config: &EmulatorConfig) -> AppState {
        let tunables = Tunables::from_config(config);
        AppState(Arc::new(Shared {
            store: Mutex::new(seed::build(&config.seed)),
            tunables: Mutex::new(tunables),
            initial: tunables,
            seed: config.seed.clone(),
            tokens: config
                .tokens
                .iter()
                .filter(|t| !t.is_empty())
                .cloned()
                .collect(),
            faults: Mutex::default(),
            log: Mutex::default(),
            limiter: Mutex::default(),
        }))
    }

    /// The store with due transitions applied.
    pub(crate) fn store(&self) -> MutexGuard<'_, Store> {
        let mut store = lock(&self.0.store);
        store.settle(Instant::now());
        store
    }

    pub(crate) fn tunables(&self) -> Tunables {
        *lock(&self.0.tunables)
    }

    pub(crate) fn lifecycle_delay(&self) -> Duration {
        self.tunables().lifecycle_delay
    }

    pub(crate) fn tokens(&self) -> &[String] {
        &self.0.tokens
    }

    /// The first configured token.
    pub fn token(&self) -> String {
        self.0.tokens.first().cloned().unwrap_or_default()
    }

    /// Adds a fault and returns its id. Faults act in injection order.
    pub fn inject_fault(&self, fault: Fault) -> u64 {
        lock(&self.0.faults).add(fault)
    }

    /// Removes one fault.
    pub fn remove_fault(&self, id: u64) -> bool {
        lock(&self.0.faults).remove(id)
    }

    /// Removes every fault.
    pub fn clear_faults(&self) {
        lock(&self.0.faults).clear();
    }

    pub(crate) fn fault_entries(&self) -> Vec<FaultEntry> {
        lock(&self.0.faults).list()
    }

    /// Restores the configured seed, clears faults, the request log and
    /// overrides of the tunables.
    pub fn reset(&self) {
        self.reset_with(self.0.seed.clone());
    }

    /// Like [`AppState::reset`] with another seed.
    pub fn reset_with(&self, seed: Seed) {
        // Build outside the lock: a seed file with a million items should not
        // stall requests in flight for longer than the swap.
        let fresh = seed::build(&seed);
        *lock(&self.0.store) = fresh;
        lock(&self.0.faults).clear();
        lock(&self.0.log).clear();
        lock(&self.0.limiter).clear();
        *lock(&self.0.tunables) = self.0.initial;
    }

    /// Changes tunables; `None` leaves one as it is. For `rate_limit`,
    /// `Some(None)` (or `Some(Some(0))`) turns the limit off.
    pub fn configure(
        &self,
        lifecycle_delay: Option<Duration>,
        latency: Option<Duration>,
        rate_limit: Option<Option<u32>>,
    ) {
        let mut t = lock(&self.0.tunables);
        if let Some(d) = lifecycle_delay {
            t.lifecycle_delay = d;
        }
        if let Some(l) = latency {
            t.latency = l;
        }
        if let Some(r) = rate_limit {
            t.rate_limit = r.filter(|&n| n > 0);
            lock(&self.0.limiter).clear();
        }
    }

    /// Adds `count` synthetic items to a resource named by its plural
    /// (`images`, `ssh_keys`, …).
    pub fn seed_synthetic(&self, resource: &str, count: usize) -> Result<(), String> {
        let kind = ResourceKind::parse(resource).ok_or_else(|| {
            format!(
                "unknown resource {resource:?}; expected one of: {}",
                ResourceKind::ALL.map(|k| k.plural()).join(", ")
            )
        })?;
        if count > seed::MAX_SYNTHETIC {
            return Err(format!("at most {} items per call", seed::MAX_SYNTHETIC));
        }
        seed::add_synthetic(&mut self.store(), kind, count);
        Ok(())
    }

    /// Number of items per resource plural.
    pub fn totals(&self) -> Vec<(&'static str, usize)> {
        self.store()
            .totals()
            .into_iter()
            .map(|(k, n)| (k.plural(), n))
            .collect()
    }

    /// The request log, oldest first.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        lock(&self.0.log).all()
    }

    /// Empties the request log.
    pub fn clear_requests(&self) {
        lock(&self.0.log).clear();
    }
}
