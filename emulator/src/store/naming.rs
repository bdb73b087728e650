//! Deterministic addresses and DNS names for new resources, derived from the
//! store's counter so that reruns produce the same values.

use crate::enums::Region;

/// The DNS name the API shows for an instance.
pub(crate) fn dns_name(hostname: &str, region: Region) -> String {
    format!(
        "{hostname}.{}.instances.genesiscloud.test",
        region.dns_label()
    )
}

/// A private address in 10.0.0.0/8.
pub(crate) fn private_ip(n: u64) -> String {
    format!(
        "10.{}.{}.{}",
        (n >> 16) & 0xff,
        (n >> 8) & 0xff,
        (n & 0xff).max(2)
    )
}

/// A public-looking address in the shared 100.64.0.0/10 range, which no real
/// host on the internet uses.
pub(crate) fn public_ip(n: u64) -> String {
    format!(
        "100.{}.{}.{}",
        64 + ((n >> 16) & 0x3f),
        (n >> 8) & 0xff,
        (n & 0xff).max(1)
    )
}
