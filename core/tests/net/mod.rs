//! Network fixtures of the TLS and proxy tests: HTTPS emulators, a small
//! CONNECT proxy that logs what it is asked, and a server that resets the
//! TLS handshake.

#![allow(dead_code)] // Each test file uses part of it.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use genesiscloud_emulator::{CertificateKind, Emulator, EmulatorConfig, TlsConfig};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// The token every emulator here accepts; no output may contain it.
pub const TOKEN: &str = "canary-token-tls-3e9d";
/// The proxy's user and password, and their basic-auth encoding.
pub const PROXY_USER: &str = "alice";
pub const PROXY_PASSWORD: &str = "s3cret-pw";
pub const PROXY_BASIC: &str = "Basic YWxpY2U6czNjcmV0LXB3";

/// An HTTPS emulator presenting a certificate of `kind`.
pub fn https_emulator(kind: CertificateKind) -> Emulator {
    Emulator::start_with(EmulatorConfig {
        tokens: vec![TOKEN.to_owned()],
        tls: Some(TlsConfig {
            certificate: kind,
            ca_out: None,
        }),
        ..EmulatorConfig::default()
    })
    .expect("emulator starts")
}

/// What the proxy does with a CONNECT.
#[derive(Clone, Copy)]
pub enum Behaviour {
    /// Opens the tunnel, after checking the credentials if `auth`.
    Tunnel { auth: bool },
    /// Answers with this status.
    Refuse(u16),
}

/// A forward proxy on loopback that logs the head of every request.
pub struct Proxy {
    pub addr: SocketAddr,
    pub log: Arc<Mutex<Vec<String>>>,
}

impl Proxy {
    /// `http://host:port`, optionally with the credentials.
    pub fn url(&self, with_credentials: bool) -> String {
        if with_credentials {
            format!("http://{PROXY_USER}:{PROXY_PASSWORD}@{}", self.addr)
        } else {
            format!("http://{}", self.addr)
        }
    }

    pub fn heads(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }
}

pub async fn start_proxy(behaviour: Behaviour) -> Proxy {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let log = Arc::new(Mutex::new(Vec::new()));
    let shared = log.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(handle(stream, behaviour, shared.clone()));
        }
    });
    Proxy { addr, log }
}

async fn handle(mut client: TcpStream, behaviour: Behaviour, log: Arc<Mutex<Vec<String>>>) {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    // Byte by byte, so nothing after the head is swallowed.
    while !head.ends_with(b"\r\n\r\n") {
        match client.read(&mut byte).await {
            Ok(1) => head.push(byte[0]),
            _ => return,
        }
    }
    let head = String::from_utf8_lossy(&head).into_owned();
    log.lock().unwrap().push(head.clone());
    let refuse = |status: u16| {
        format!("HTTP/1.1 {status} No\r\nProxy-Authenticate: Basic realm=\"t\"\r\nContent-Length: 0\r\n\r\n")
    };
    match behaviour {
        Behaviour::Refuse(status) => {
            let _ = client.write_all(refuse(status).as_bytes()).await;
        }
        Behaviour::Tunnel { auth } => {
            let authorized = head
                .lines()
                .any(|l| l.eq_ignore_ascii_case(&format!("proxy-authorization: {PROXY_BASIC}")));
            if auth && !authorized {
                let _ = client.write_all(refuse(407).as_bytes()).await;
                return;
            }
            let target = head
                .split_whitespace()
                .nth(1)
                .unwrap_or_default()
                .to_owned();
            let Ok(mut upstream) = TcpStream::connect(target).await else {
                let _ = client.write_all(refuse(502).as_bytes()).await;
                return;
            };
            let _ = client
                .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
                .await;
            let _ = tokio::io::copy_bidirectional(&mut client, &mut upstream).await;
        }
    }
}

/// A server that accepts a connection, reads the start of the TLS
/// ClientHello and closes with the rest unread, which resets it.
pub async fn start_handshake_resetter() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let mut start = [0u8; 5];
            let _ = stream.read_exact(&mut start).await;
            drop(stream);
        }
    });
    addr
}
