//! HTTPS for the emulator (`--tls`): a throwaway certificate authority made
//! at start-up, a server certificate it signs for `127.0.0.1`, `::1` and
//! `localhost`, and ALPN offering HTTP/2 and HTTP/1.1, so an SDK's real
//! network path (trust store, `ca_bundle`, proxies, HTTP/2) can be tested
//! without a real certificate.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, KeyPair,
    KeyUsagePurpose,
};
use rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};
use rustls::ServerConfig;

/// Which certificate an HTTPS emulator presents: a valid one, or one a
/// client must refuse even when it trusts the emulator's CA.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CertificateKind {
    /// Valid for `127.0.0.1`, `::1` and `localhost` now.
    #[default]
    Valid,
    /// Valid for the loopback names, but only during 2020.
    Expired,
    /// Valid now, but for `wrong-host.invalid` only.
    WrongHost,
}

/// How an emulator serves HTTPS.
#[derive(Clone, Debug, Default)]
pub struct TlsConfig {
    /// The certificate presented.
    pub certificate: CertificateKind,
    /// Where to write the CA certificate (PEM); `None` writes it to a file
    /// in the temporary directory, removed when the emulator stops.
    pub ca_out: Option<PathBuf>,
}

/// The keys and certificates of an HTTPS emulator, made at start-up.
#[derive(Clone)]
pub struct TlsServer {
    pub(crate) config: Arc<ServerConfig>,
    ca_pem: String,
}

impl std::fmt::Debug for TlsServer {
    // The private key stays out of debug prints.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TlsServer").finish_non_exhaustive()
    }
}

fn tls_error(e: impl std::fmt::Display) -> io::Error {
    io::Error::other(format!("cannot set up TLS: {e}"))
}

impl TlsServer {
    /// Makes a CA and a server certificate of `kind` signed by it.
    pub fn generate(kind: CertificateKind) -> io::Result<TlsServer> {
        let ca_key = KeyPair::generate().map_err(tls_error)?;
        let mut ca = CertificateParams::new(Vec::<String>::new()).map_err(tls_error)?;
        ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca.distinguished_name
            .push(DnType::CommonName, "genesiscloud-emulator throwaway CA");
        ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let ca_cert = ca.self_signed(&ca_key).map_err(tls_error)?;

        let names: Vec<String> = match kind {
            CertificateKind::WrongHost => vec!["wrong-host.invalid".into()],
            _ => vec!["127.0.0.1".into(), "::1".into(), "localhost".into()],
        };
        let mut leaf = CertificateParams::new(names).map_err(tls_error)?;
        leaf.distinguished_name
            .push(DnType::CommonName, "genesiscloud-emulator");
        leaf.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        if kind == CertificateKind::Expired {
            leaf.not_before = rcgen::date_time_ymd(2020, 1, 1);
            leaf.not_after = rcgen::date_time_ymd(2021, 1, 1);
        }
        let leaf_key = KeyPair::generate().map_err(tls_error)?;
        let leaf_cert = leaf
            .signed_by(&leaf_key, &ca_cert, &ca_key)
            .map_err(tls_error)?;

        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut config = ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(tls_error)?
            .with_no_client_auth()
            .with_single_cert(
                vec![leaf_cert.der().clone(), ca_cert.der().clone()],
                PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(leaf_key.serialize_der())),
            )
            .map_err(tls_error)?;
        config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
        Ok(TlsServer {
            config: Arc::new(config),
            ca_pem: ca_cert.pem(),
        })
    }

    /// The CA certificate, PEM: what a client trusts to talk to the emulator.
    pub fn ca_pem(&self) -> &str {
        &self.ca_pem
    }

    /// Writes the CA certificate to `path`.
    pub fn write_ca(&self, path: &Path) -> io::Result<()> {
        std::fs::write(path, &self.ca_pem).map_err(|e| {
            io::Error::new(
                e.kind(),
                format!("cannot write the CA certificate to {}: {e}", path.display()),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_makes_a_ca_and_a_server_config() {
        for kind in [
            CertificateKind::Valid,
            CertificateKind::Expired,
            CertificateKind::WrongHost,
        ] {
            let tls = TlsServer::generate(kind).unwrap();
            assert!(tls.ca_pem().starts_with("-----BEGIN CERTIFICATE-----"));
            assert_eq!(tls.config.alpn_protocols[0], b"h2");
        }
    }
}
