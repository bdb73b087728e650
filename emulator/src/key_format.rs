//! Checking OpenSSH public keys and deriving what the API shows about them
//! (type, size in bits, fingerprint) without decoding any cryptography.

/// What a key's text says about it.
pub(crate) struct KeyInfo {
    pub kind: &'static str,
    pub size: u32,
    pub fingerprint: String,
}

const KINDS: &[(&str, u32)] = &[
    ("ssh-ed25519", 256),
    ("ssh-rsa", 0),
    ("ssh-dss", 1024),
    ("ecdsa-sha2-nistp256", 256),
    ("ecdsa-sha2-nistp384", 384),
    ("ecdsa-sha2-nistp521", 521),
    ("sk-ssh-ed25519@openssh.com", 256),
    ("sk-ecdsa-sha2-nistp256@openssh.com", 256),
];

/// Parses `<type> <base64> [comment]`.
pub(crate) fn inspect(value: &str) -> Result<KeyInfo, String> {
    let mut parts = value.split_whitespace();
    let (Some(kind), Some(blob)) = (parts.next(), parts.next()) else {
        return Err("`value` must be an OpenSSH public key: `<type> <base64> [comment]`".into());
    };
    let Some(&(kind, bits)) = KINDS.iter().find(|(k, _)| *k == kind) else {
        return Err(format!("`value` has an unsupported key type {kind:?}"));
    };
    let body = blob.trim_end_matches('=');
    let base64 = |b: u8| b.is_ascii_alphanumeric() || b == b'+' || b == b'/';
    if body.len() < 16 || blob.len() - body.len() > 2 || !body.bytes().all(base64) {
        return Err("`value` does not hold a base64 key".into());
    }
    let size = if bits != 0 {
        bits
    } else {
        // An RSA blob is the modulus plus ~20 bytes of framing.
        match body.len() * 3 / 4 {
            0..=200 => 1024,
            201..=330 => 2048,
            331..=460 => 3072,
            _ => 4096,
        }
    };
    Ok(KeyInfo {
        kind,
        size,
        fingerprint: fingerprint(blob),
    })
}

/// An MD5-style fingerprint (`ab:cd:…`, 16 bytes). Stable for a given key,
/// which is all a client can check; not the real MD5.
fn fingerprint(blob: &str) -> String {
    let hash = |seed: u64| {
        blob.bytes()
            .fold(seed, |h, b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3))
    };
    let bytes = [
        hash(0xcbf2_9ce4_8422_2325).to_be_bytes(),
        hash(0x6c62_272e_07bb_0142).to_be_bytes(),
    ];
    bytes
        .concat()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(":")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_openssh_keys_only() {
        let key = inspect("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGx0ZXN0a2V5 me@host").unwrap();
        assert_eq!((key.kind, key.size), ("ssh-ed25519", 256));
        assert_eq!(key.fingerprint.len(), 47);
        assert!(inspect("not a key").is_err());
        assert!(inspect("ssh-ed25519 !!!!!!!!!!!!!!!!!!!!!").is_err());
    }
}
