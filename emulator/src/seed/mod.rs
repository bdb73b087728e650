//! What the store starts with: the built-in data (today's default account,
//! the contract's legacy images), seed files and synthetic bulk items.

mod data;
mod file;
mod items;
mod synthetic;

pub use file::SeedSpec;
pub(crate) use items::parse_rules;
pub(crate) use synthetic::{add as add_synthetic, counts as synthetic_counts, MAX_SYNTHETIC};

use crate::config::Seed;
use crate::store::Store;

/// A fresh store for a seed.
pub(crate) fn build(seed: &Seed) -> Store {
    let mut store = Store::empty();
    fill(&mut store, seed);
    store
}

/// Adds a seed's items to `store`.
fn fill(store: &mut Store, seed: &Seed) {
    match seed {
        Seed::Default => data::default_account(store),
        Seed::Legacy => {
            // First, as their 2020 dates say: lists stay newest first.
            data::legacy_images(store);
            data::default_account(store);
        }
        Seed::Empty => {}
        Seed::Custom(spec) => {
            if let Err(e) = file::apply(store, &spec.raw, true) {
                // Checked when the spec was made; only reachable if the
                // catalogue changed in between.
                tracing::warn!("seed file no longer applies: {e}");
            }
        }
    }
}
