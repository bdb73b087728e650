//! The `genesiscloud-emulator` binary: arguments, first line, signals.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

const BIN: &str = env!("CARGO_BIN_EXE_genesiscloud-emulator");

struct Server {
    child: Child,
    base_url: String,
}

impl Server {
    fn start(args: &[&str]) -> Server {
        let mut child = Command::new(BIN)
            .args(["--port", "0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("binary starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        Server {
            child,
            base_url: line.trim_end().to_owned(),
        }
    }

    /// SIGTERM, then wait for a clean exit.
    fn terminate(mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .expect("kill runs");
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "server did not stop");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn get(url: &str, token: &str) -> Resp {
    read(
        client()
            .get(url)
            .header("X-Auth-Token", token)
            .send()
            .await
            .unwrap(),
    )
    .await
}

#[tokio::test]
async fn prints_the_base_url_and_serves() {
    let server = Server::start(&["--lifecycle-delay-ms", "0", "--latency-ms", "1"]);
    let url = &server.base_url;
    assert!(
        url.starts_with("http://127.0.0.1:") && url.ends_with("/compute/v1"),
        "{url}"
    );
    assert!(!url.contains(&genesiscloud_emulator::default_token()));
    let images = get(
        &format!("{url}/images"),
        &genesiscloud_emulator::default_token(),
    )
    .await
    .ok(200);
    assert!(images["total_count"].as_u64().unwrap() >= 7);
    assert!(server.terminate().success());
}

#[tokio::test]
async fn tokens_seed_and_rate_limit_options() {
    let server = Server::start(&[
        "--token",
        "one",
        "--token=two",
        "--seed",
        "empty",
        "--rate-limit",
        "2",
    ]);
    let url = format!("{}/images", server.base_url);
    get(&url, &genesiscloud_emulator::default_token())
        .await
        .error(401);
    assert_eq!(get(&url, "one").await.ok(200)["total_count"], 0);
    get(&url, "two").await.ok(200);
    get(&url, "one").await.ok(200);
    get(&url, "one").await.error(429);
}

#[tokio::test]
async fn seed_file() {
    let dir = std::env::temp_dir().join(format!("gc-emulator-seed-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("seed.json");
    let mut f = std::fs::File::create(&file).unwrap();
    write!(f, r#"{{"base": "default", "synthetic": {{"images": 1000}}, "ssh_keys": [{{"name": "from-file", "value": "{ED25519}"}}]}}"#).unwrap();
    drop(f);
    let server = Server::start(&["--seed", file.to_str().unwrap()]);
    let token = &genesiscloud_emulator::default_token();
    let images = get(&format!("{}/images", server.base_url), token)
        .await
        .ok(200);
    assert!(images["total_count"].as_u64().unwrap() >= 1007);
    let keys = get(&format!("{}/ssh-keys", server.base_url), token)
        .await
        .ok(200);
    assert_eq!(keys["ssh_keys"][0]["name"], "from-file");
    drop(server);

    std::fs::write(&file, r#"{"images": [{"nam": "typo"}]}"#).unwrap();
    let out = Command::new(BIN)
        .args(["--port", "0", "--seed", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("images[0]"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn help_and_bad_arguments() {
    let out = Command::new(BIN).arg("--help").output().unwrap();
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    for option in [
        "--port",
        "--host",
        "--token",
        "--seed",
        "--latency-ms",
        "--rate-limit",
        "--lifecycle-delay-ms",
    ] {
        assert!(help.contains(option), "{option}");
    }
    for args in [
        &["--port", "x"][..],
        &["--bogus"],
        &["--token"],
        &["--host", "localhost"],
        &["--seed", "/no/such/file"],
    ] {
        let out = Command::new(BIN).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty());
    }
}

#[tokio::test]
async fn tls_serves_https_and_http2_with_the_ca_it_writes() {
    let ca = std::env::temp_dir().join(format!("gc-emulator-ca-{}.pem", std::process::id()));
    let server = Server::start(&["--tls", "--tls-ca-out", ca.to_str().unwrap()]);
    assert!(
        server.base_url.starts_with("https://127.0.0.1:"),
        "{}",
        server.base_url
    );
    let pem = std::fs::read(&ca).expect("the CA certificate was written");
    let client = reqwest::Client::builder()
        .add_root_certificate(reqwest::Certificate::from_pem(&pem).unwrap())
        .build()
        .unwrap();
    let answer = client
        .get(format!("{}/images", server.base_url))
        .header("X-Auth-Token", genesiscloud_emulator::default_token())
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    assert_eq!(answer.version(), reqwest::Version::HTTP_2);
    let root = server.base_url.trim_end_matches("/compute/v1");
    let log = client
        .get(format!("{root}/_emulator/requests"))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let log: serde_json::Value = serde_json::from_slice(&log).unwrap();
    assert_eq!(log["requests"][0]["http_version"], "HTTP/2.0");
    // Without the CA, the certificate is not trusted.
    let untrusting = reqwest::Client::new();
    assert!(untrusting.get(&server.base_url).send().await.is_err());
    std::fs::remove_file(&ca).unwrap();
}
