//! Helpers shared by the integration tests: an emulator plus a plain HTTP
//! client that speaks JSON by hand (no SDK involved).

#![allow(dead_code)]

use std::time::Duration;

use genesiscloud_emulator::{Emulator, EmulatorConfig, Seed};
use reqwest::header::HeaderMap;
use reqwest::Method;
use serde_json::Value;

/// An emulator and a client for it.
pub struct Api {
    pub emu: Emulator,
    pub client: reqwest::Client,
    pub token: String,
}

/// A received answer.
#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "body is not JSON ({e}): {:?}",
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Checks the status and the contract's error body; returns the code.
    #[track_caller]
    pub fn error(&self, status: u16) -> String {
        assert_eq!(
            self.status,
            status,
            "body: {}",
            String::from_utf8_lossy(&self.body)
        );
        assert_eq!(self.header("content-type"), Some("application/json"));
        let body = self.json();
        let code = body["code"].as_str().expect("code is a string").to_owned();
        assert_eq!(code.len(), 5, "code {code:?} has 5 digits");
        assert!(
            code.bytes().all(|b| b.is_ascii_digit()),
            "code {code:?} is digits"
        );
        assert!(body["message"].as_str().is_some_and(|m| !m.is_empty()));
        assert_eq!(
            body.as_object().map(|o| o.len()),
            Some(2),
            "only code and message: {body}"
        );
        code
    }

    #[track_caller]
    pub fn ok(&self, status: u16) -> Value {
        assert_eq!(
            self.status,
            status,
            "body: {}",
            String::from_utf8_lossy(&self.body)
        );
        if status == 204 {
            assert!(self.body.is_empty());
            assert!(
                self.header("content-type").is_none(),
                "204 carries no Content-Type"
            );
            return Value::Null;
        }
        assert_eq!(self.header("content-type"), Some("application/json"));
        self.json()
    }
}

pub fn config() -> EmulatorConfig {
    EmulatorConfig {
        lifecycle_delay: Duration::ZERO,
        ..EmulatorConfig::default()
    }
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(64)
        .build()
        .expect("client")
}

impl Api {
    /// Default seed, no lifecycle delay.
    pub fn start() -> Api {
        Api::with(config())
    }

    pub fn empty() -> Api {
        Api::with(EmulatorConfig {
            seed: Seed::Empty,
            ..config()
        })
    }

    pub fn with(config: EmulatorConfig) -> Api {
        let emu = Emulator::start_with(config).expect("emulator starts");
        let token = emu.token();
        Api {
            emu,
            client: client(),
            token,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.emu.base_url(), path)
    }

    pub async fn send(&self, method: Method, path: &str, body: Option<Value>) -> Resp {
        let mut req = self
            .client
            .request(method, self.url(path))
            .header("X-Auth-Token", &self.token);
        if let Some(body) = body {
            req = req
                .header("content-type", "application/json")
                .body(body.to_string());
        }
        read(req.send().await.expect("request sent")).await
    }

    pub async fn raw(&self, method: Method, path: &str, body: &str) -> Resp {
        let req = self
            .client
            .request(method, self.url(path))
            .header("Authorization", format!("Bearer {}", self.token))
            .header("content-type", "application/json")
            .body(body.to_owned());
        read(req.send().await.expect("request sent")).await
    }

    pub async fn get(&self, path: &str) -> Resp {
        self.send(Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Resp {
        self.send(Method::POST, path, Some(body)).await
    }

    pub async fn patch(&self, path: &str, body: Value) -> Resp {
        self.send(Method::PATCH, path, Some(body)).await
    }

    pub async fn delete(&self, path: &str) -> Resp {
        self.send(Method::DELETE, path, None).await
    }

    /// Calls the control API.
    pub async fn control(&self, method: Method, path: &str, body: Option<Value>) -> Resp {
        let mut req = self
            .client
            .request(method, format!("{}/_emulator{path}", self.emu.root_url()));
        if let Some(body) = body {
            req = req.body(body.to_string());
        }
        read(req.send().await.expect("request sent")).await
    }

    /// First item of a list whose `name` is `name`.
    pub async fn find(&self, list: &str, key: &str, name: &str) -> Value {
        let body = self.get(&format!("{list}?per_page=100")).await.ok(200);
        body[key]
            .as_array()
            .and_then(|items| items.iter().find(|i| i["name"] == name).cloned())
            .unwrap_or_else(|| panic!("{name} not in {list}"))
    }

    pub async fn id_of(&self, list: &str, key: &str, name: &str) -> String {
        self.find(list, key, name).await["id"]
            .as_str()
            .unwrap()
            .to_owned()
    }
}

pub async fn read(resp: reqwest::Response) -> Resp {
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    let body = resp.bytes().await.expect("body").to_vec();
    Resp {
        status,
        headers,
        body,
    }
}

/// Asserts that `value` has exactly these keys.
#[track_caller]
pub fn assert_keys(value: &Value, keys: &[&str]) {
    let mut got: Vec<&str> = value
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    got.sort_unstable();
    let mut want = keys.to_vec();
    want.sort_unstable();
    assert_eq!(got, want, "in {value}");
}

pub const IMAGE_KEYS: &[&str] = &[
    "created_at",
    "family",
    "id",
    "name",
    "os_type",
    "regions",
    "slug",
    "type",
    "updated_at",
    "versions",
];
pub const INSTANCE_KEYS: &[&str] = &[
    "created_at",
    "disk_size",
    "dns_name",
    "floating_ip",
    "hostname",
    "id",
    "image",
    "name",
    "os_type",
    "placement_option",
    "private_ip",
    "public_ip",
    "region",
    "reservation_id",
    "security_groups",
    "ssh_keys",
    "status",
    "type",
    "updated_at",
    "volumes",
];
pub const VOLUME_KEYS: &[&str] = &[
    "created_at",
    "description",
    "id",
    "instances",
    "name",
    "region",
    "size",
    "status",
    "type",
    "updated_at",
];
pub const FILESYSTEM_KEYS: &[&str] = &[
    "created_at",
    "description",
    "id",
    "mount_base_path",
    "mount_endpoint_range",
    "name",
    "region",
    "size",
    "status",
    "type",
    "updated_at",
];
pub const SECURITY_GROUP_KEYS: &[&str] = &[
    "created_at",
    "description",
    "id",
    "is_internal",
    "name",
    "region",
    "rules",
    "status",
    "updated_at",
];
pub const SSH_KEY_KEYS: &[&str] = &[
    "created_at",
    "fingerprint",
    "id",
    "name",
    "size",
    "type",
    "updated_at",
    "value",
];
pub const FLOATING_IP_KEYS: &[&str] = &[
    "created_at",
    "description",
    "id",
    "instance",
    "ip_address",
    "is_public",
    "name",
    "region",
    "status",
    "updated_at",
    "version",
];
pub const SNAPSHOT_BASE_KEYS: &[&str] = &[
    "created_at",
    "id",
    "name",
    "os_type",
    "region",
    "size",
    "status",
    "updated_at",
];

pub const ED25519: &str =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFRlc3RLZXlGb3JUaGVFbXVsYXRvcg test@host";

/// A valid instance creation body in NORD-NO-KRS-1 on Ubuntu 22.04.
pub async fn instance_body(api: &Api, name: &str) -> Value {
    let image = api.id_of("/images", "images", "Ubuntu 22.04").await;
    serde_json::json!({
        "name": name,
        "hostname": name,
        "region": "NORD-NO-KRS-1",
        "type": "vcpu-4_memory-12g_disk-80g_nvidia3080-1",
        "image": image,
        "password": "Secret123",
    })
}
