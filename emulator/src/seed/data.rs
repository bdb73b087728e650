//! The data built into the emulator, kept in `emulator/data/` as seed
//! documents read by the seed-file parser: today's default account, and the
//! contract's 2020 example images with their old types (`distribution`,
//! `snapshot`), which clients must still accept.

use std::sync::OnceLock;

use serde_json::Value;

use super::file;
use crate::store::Store;

const DEFAULT_ACCOUNT: &str = include_str!("../../data/default-seed.json");
const LEGACY_IMAGES: &str = include_str!("../../data/legacy-images.json");

/// Adds the default account: images of today's catalogue, instances (one
/// protected), volumes, SSH keys, security groups, floating IPs, snapshots,
/// a filesystem and reservations.
pub(super) fn default_account(store: &mut Store) {
    static DOC: OnceLock<Value> = OnceLock::new();
    apply(
        store,
        "default-seed.json",
        DOC.get_or_init(|| parse(DEFAULT_ACCOUNT)),
    );
}

/// Adds the contract's three example images, ids and types as in 2020.
pub(super) fn legacy_images(store: &mut Store) {
    static DOC: OnceLock<Value> = OnceLock::new();
    apply(
        store,
        "legacy-images.json",
        DOC.get_or_init(|| parse(LEGACY_IMAGES)),
    );
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or(Value::Null)
}

fn apply(store: &mut Store, name: &str, doc: &Value) {
    // The unit tests below load both files, so this only fires if an edit
    // broke one of them without running the tests.
    if let Err(e) = file::apply(store, doc, false) {
        tracing::error!("built-in seed data {name} does not load: {e}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_data_loads() {
        for text in [DEFAULT_ACCOUNT, LEGACY_IMAGES] {
            let doc: Value = serde_json::from_str(text).expect("valid JSON");
            file::apply(&mut Store::empty(), &doc, false).expect("loads");
        }
    }

    #[test]
    fn default_images_are_todays_cloud_images_with_every_field() {
        let mut store = Store::empty();
        default_account(&mut store);
        assert_eq!(store.images.len(), 7);
        for image in store.images.iter() {
            assert_eq!(&*image.kind, "cloud-image");
            assert!(image.family.is_some() && image.slug.is_some() && image.versions.is_some());
        }
    }
}
