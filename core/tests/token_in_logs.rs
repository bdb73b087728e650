//! The token never appears in the logs, errors or `Debug` output, even at
//! trace level.
//!
//! A test binary of its own: `tracing` caches whether a log statement is
//! enabled, and a test of the same binary running at the same moment on
//! another thread, with no subscriber, could leave this test's thread-local
//! subscriber unasked (it failed once so in CI, the trace line of the
//! request's headers missing).

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use genesiscloud::{Client, ErrorKind, ListParams};
use genesiscloud_emulator::{Emulator, EmulatorConfig, Fault};
use serde_json::json;

const CANARY: &str = "canary-token-5b0c1e7f";

fn client_for(emu: &Emulator) -> genesiscloud::ClientBuilder {
    Client::builder()
        .token(emu.token())
        .base_url(emu.base_url())
}

/// A `MakeWriter` that appends every log line to a shared buffer.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Capture {
    type Writer = Capture;
    fn make_writer(&'a self) -> Capture {
        self.clone()
    }
}

#[tokio::test(flavor = "current_thread")]
async fn token_never_appears_in_logs_errors_or_debug_output() {
    let emu = Emulator::start_with(EmulatorConfig {
        tokens: vec![CANARY.to_owned()],
        lifecycle_delay: Duration::ZERO,
        ..EmulatorConfig::default()
    })
    .expect("emulator starts");
    let capture = Capture::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(capture.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let client = client_for(&emu).max_retries(1).build().unwrap();
    let bearer = client_for(&emu)
        .auth_scheme(genesiscloud::AuthScheme::Bearer)
        .build()
        .unwrap();
    let mut texts = vec![format!("{client:?}"), format!("{bearer:?}")];
    bearer
        .images()
        .list_page(ListParams::default())
        .await
        .unwrap();
    let once = json!({"kind": "status", "status": 503, "times": 1});
    emu.inject_fault(Fault::from_json(&once).expect("valid fault"));
    client
        .images()
        .list_page(ListParams::default())
        .await
        .unwrap();
    let missing = client
        .instances()
        .get("no-such-instance")
        .await
        .unwrap_err();
    texts.push(format!("{missing} {missing:?}"));
    let wrong = Client::builder()
        .token(format!("{CANARY}-wrong"))
        .base_url(emu.base_url())
        .build()
        .unwrap();
    let denied = wrong
        .images()
        .list_page(ListParams::default())
        .await
        .unwrap_err();
    assert_eq!(denied.kind(), ErrorKind::Authentication);
    texts.push(format!("{denied} {denied:?} {wrong:?}"));
    texts.push(serde_json::to_string(&emu.requests()).unwrap());

    let logs = String::from_utf8(capture.0.lock().unwrap().clone()).unwrap();
    assert!(logs.contains("retrying"), "retries are logged: {logs}");
    assert!(
        logs.contains("x-auth-token: REDACTED"),
        "auth header is redacted: {logs}"
    );
    texts.push(logs);
    for text in texts {
        assert!(!text.contains(CANARY), "token leaked into: {text}");
    }
}
