//! Why a connection could not be set up, when the reason is one that
//! trying again will not fix: the server's certificate, the TLS handshake,
//! or the proxy's tunnel. Each is a `connection` error whose message names
//! the cause in one line; none is retried, since the next attempt would
//! meet the same certificate or the same proxy.

use std::error::Error as StdError;
use std::io;

use rustls::{CertificateError, Error as TlsError};

/// A cause of a failed connection that retrying does not cure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ConnectCause {
    /// The certificate chain ends in no trusted authority.
    UnknownCa,
    /// The certificate does not name the host connected to.
    HostnameMismatch,
    /// The certificate's validity period has ended.
    Expired,
    /// The certificate's validity period has not begun.
    NotYetValid,
    /// Any other rejection of the certificate, or a TLS protocol failure
    /// (an alert, no common version or cipher); holds rustls's text.
    Tls(String),
    /// The server closed or reset the connection during the handshake.
    HandshakeReset,
    /// The proxy answered CONNECT with 407.
    ProxyAuthRequired,
    /// The proxy answered CONNECT with another refusal.
    ProxyRefused,
    /// The proxy closed the connection instead of answering CONNECT.
    ProxyClosed,
}

impl ConnectCause {
    /// Classifies a failure to connect; `tls` says whether a TLS handshake
    /// was part of connecting (an `https://` URL).
    pub(crate) fn of(error: &(dyn StdError + 'static), tls: bool) -> Option<ConnectCause> {
        let mut reset = false;
        let mut current = Some(error);
        while let Some(e) = current {
            if let Some(tls_error) = e.downcast_ref::<TlsError>() {
                return Some(Self::of_tls(tls_error));
            }
            let mut next = e.source();
            if let Some(io_error) = e.downcast_ref::<io::Error>() {
                reset |= matches!(
                    io_error.kind(),
                    io::ErrorKind::ConnectionReset
                        | io::ErrorKind::ConnectionAborted
                        | io::ErrorKind::UnexpectedEof
                        | io::ErrorKind::BrokenPipe
                );
                // io::Error::source() skips the error it wraps (often
                // another io::Error around rustls's): look inside instead.
                next = io_error
                    .get_ref()
                    .map(|inner| inner as &(dyn StdError + 'static));
            }
            // hyper-util does not export its tunnel error; its text is
            // stable ("tunnel error: …").
            match e.to_string().as_str() {
                "tunnel error: proxy authorization required" => {
                    return Some(ConnectCause::ProxyAuthRequired)
                }
                "tunnel error: unsuccessful" => return Some(ConnectCause::ProxyRefused),
                "tunnel error: unexpected end of file" => return Some(ConnectCause::ProxyClosed),
                _ => {}
            }
            current = next;
        }
        (tls && reset).then_some(ConnectCause::HandshakeReset)
    }

    fn of_tls(error: &TlsError) -> ConnectCause {
        match error {
            TlsError::InvalidCertificate(c) => match c {
                CertificateError::UnknownIssuer => ConnectCause::UnknownCa,
                CertificateError::NotValidForName
                | CertificateError::NotValidForNameContext { .. } => ConnectCause::HostnameMismatch,
                CertificateError::Expired | CertificateError::ExpiredContext { .. } => {
                    ConnectCause::Expired
                }
                CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
                    ConnectCause::NotYetValid
                }
                _ => ConnectCause::Tls(error.to_string()),
            },
            other => ConnectCause::Tls(other.to_string()),
        }
    }

    /// One line naming the cause and, where there is one, the remedy.
    pub(crate) fn message(&self, host: &str) -> String {
        match self {
            ConnectCause::UnknownCa => format!(
                "TLS failed: the certificate of {host} is not signed by a trusted certificate authority (trust its CA with ca_bundle or SSL_CERT_FILE)"
            ),
            ConnectCause::HostnameMismatch => {
                format!("TLS failed: the server's certificate is not valid for the host name {host}")
            }
            ConnectCause::Expired => format!("TLS failed: the certificate of {host} has expired"),
            ConnectCause::NotYetValid => {
                format!("TLS failed: the certificate of {host} is not valid yet")
            }
            ConnectCause::Tls(text) => format!("TLS failed with {host}: {text}"),
            ConnectCause::HandshakeReset => {
                format!("TLS failed: {host} closed the connection during the TLS handshake")
            }
            ConnectCause::ProxyAuthRequired => {
                "the proxy refused the tunnel with 407 Proxy Authentication Required (check the proxy's user and password)".to_owned()
            }
            ConnectCause::ProxyRefused => {
                format!("the proxy refused to open a tunnel (CONNECT) to {host}")
            }
            ConnectCause::ProxyClosed => {
                format!("the proxy closed the connection instead of opening a tunnel to {host}")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn certificate_errors_behind_io_errors_are_found() {
        // As tokio-rustls and hyper-util nest them.
        let wrapped = io::Error::other(io::Error::new(
            io::ErrorKind::InvalidData,
            TlsError::InvalidCertificate(CertificateError::UnknownIssuer),
        ));
        assert_eq!(
            ConnectCause::of(&wrapped, true),
            Some(ConnectCause::UnknownCa)
        );
        let expired = io::Error::new(
            io::ErrorKind::InvalidData,
            TlsError::InvalidCertificate(CertificateError::Expired),
        );
        assert_eq!(
            ConnectCause::of(&expired, true),
            Some(ConnectCause::Expired)
        );
    }

    #[test]
    fn a_reset_is_a_handshake_failure_only_over_tls() {
        let reset = io::Error::other(io::Error::from(io::ErrorKind::ConnectionReset));
        assert_eq!(
            ConnectCause::of(&reset, true),
            Some(ConnectCause::HandshakeReset)
        );
        assert_eq!(ConnectCause::of(&reset, false), None);
        let refused = io::Error::from(io::ErrorKind::ConnectionRefused);
        assert_eq!(ConnectCause::of(&refused, true), None);
    }
}
