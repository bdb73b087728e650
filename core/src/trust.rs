//! Which certificate authorities a client trusts (the SDK contract,
//! "Configuration"): the operating system's store, Mozilla's roots (bundled)
//! when the OS has none, plus the certificates of a `ca_bundle` file.
//!
//! Reading the OS store parses every certificate on the machine, which takes
//! milliseconds to tens of milliseconds, so it is read once per process and
//! shared by every client; it is read again only if `SSL_CERT_FILE` or
//! `SSL_CERT_DIR` (which replace the OS store, as in OpenSSL) changed.

use std::ffi::OsString;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::CertificateDer;
use rustls::{ClientConfig, RootCertStore};

use crate::error::{Error, ErrorKind, Result};

/// The variables that replace the OS store, in the order the cache keys them.
const STORE_ENV: [&str; 2] = ["SSL_CERT_FILE", "SSL_CERT_DIR"];

type StoreKey = [Option<OsString>; 2];

/// The roots read last, and the environment they were read under.
static SYSTEM_ROOTS: Mutex<Option<(StoreKey, Arc<RootCertStore>)>> = Mutex::new(None);

/// The certificates of a `ca_bundle` file, read when the client is built so
/// a wrong path fails at construction rather than at the first call.
#[derive(Clone)]
pub(crate) struct CaBundle {
    path: PathBuf,
    certs: Arc<Vec<CertificateDer<'static>>>,
}

impl fmt::Debug for CaBundle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CaBundle")
            .field("path", &self.path)
            .field("certificates", &self.certs.len())
            .finish()
    }
}

impl CaBundle {
    /// Reads a PEM file of one or more certificates; a missing, unreadable,
    /// empty or malformed file is an `invalid_argument` naming `ca_bundle`.
    pub(crate) fn read(path: &Path) -> Result<CaBundle> {
        let shown = path.display();
        let bytes = std::fs::read(path).map_err(|e| {
            Error::invalid_argument(format!("ca_bundle {shown} cannot be read: {e}"))
        })?;
        let certs = CertificateDer::pem_slice_iter(&bytes)
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| {
                Error::invalid_argument(format!("ca_bundle {shown} is not a PEM file: {e}"))
            })?;
        if certs.is_empty() {
            return Err(Error::invalid_argument(format!(
                "ca_bundle {shown} holds no PEM certificate (\"-----BEGIN CERTIFICATE-----\")"
            )));
        }
        let mut check = RootCertStore::empty();
        for cert in &certs {
            check.add(cert.clone()).map_err(|e| {
                Error::invalid_argument(format!(
                    "ca_bundle {shown} holds a certificate that cannot be a trust anchor: {e}"
                ))
            })?;
        }
        Ok(CaBundle {
            path: path.to_owned(),
            certs: Arc::new(certs),
        })
    }
}

/// The roots of the OS store (or of `SSL_CERT_FILE`/`SSL_CERT_DIR`), else
/// Mozilla's; read once per process and environment.
fn system_roots() -> Arc<RootCertStore> {
    let key: StoreKey = STORE_ENV.map(std::env::var_os);
    let mut cached = SYSTEM_ROOTS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((k, roots)) = cached.as_ref() {
        if *k == key {
            return roots.clone();
        }
    }
    let found = rustls_native_certs::load_native_certs();
    for e in &found.errors {
        tracing::debug!("skipping part of the system trust store: {e}");
    }
    let mut roots = RootCertStore::empty();
    let (added, _ignored) = roots.add_parsable_certificates(found.certs);
    if added == 0 {
        tracing::debug!("the system trust store is empty; using the bundled Mozilla roots");
        roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    }
    let roots = Arc::new(roots);
    *cached = Some((key, roots.clone()));
    roots
}

/// The TLS configuration of a client: the system roots plus `bundle`,
/// offering HTTP/2 and HTTP/1.1.
pub(crate) fn client_config(bundle: Option<&CaBundle>) -> Result<ClientConfig> {
    let system = system_roots();
    let roots = match bundle {
        None => system,
        Some(bundle) => {
            let mut roots = (*system).clone();
            roots.add_parsable_certificates(bundle.certs.iter().cloned());
            Arc::new(roots)
        }
    };
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::new(ErrorKind::Connection, "could not set up TLS").with_source(e))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_bundle_is_refused_naming_the_setting() {
        let dir = std::env::temp_dir().join(format!("gc-trust-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let empty = dir.join("empty.pem");
        std::fs::write(&empty, "").unwrap();
        let junk = dir.join("junk.pem");
        std::fs::write(&junk, "not a certificate\n").unwrap();
        for path in [dir.join("missing.pem"), empty, junk, dir.clone()] {
            let e = CaBundle::read(&path).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::InvalidArgument);
            assert!(e.message().starts_with("ca_bundle "), "{}", e.message());
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_system_store_is_read_once() {
        let first = system_roots();
        let second = system_roots();
        assert!(Arc::ptr_eq(&first, &second));
        assert!(!first.is_empty());
    }
}
