//! `GET /images`: today's catalogue, the contract's example (legacy seed),
//! the `type` filter, pagination edges and a million synthetic images.

mod common;

use std::time::{Duration, Instant};

use common::*;
use genesiscloud_emulator::{EmulatorConfig, Seed};
use serde_json::json;

#[tokio::test]
async fn default_seed_is_todays_catalogue() {
    let api = Api::start();
    let body = api.get("/images").await.ok(200);
    assert_keys(&body, &["images", "page", "per_page", "total_count"]);
    assert_eq!(
        (body["page"].clone(), body["per_page"].clone()),
        (json!(1), json!(50))
    );
    let images = body["images"].as_array().unwrap();
    assert_eq!(body["total_count"], json!(images.len()));
    assert_eq!(images.len(), 7);
    assert!(images.iter().any(
        |i| i["name"] == "Ubuntu 24.04 + CUDA 12.8 + PyTorch" && i["architecture"] == "x86_64"
    ));
    for image in images {
        assert_keys(image, &image_keys(image));
        // Today's API defines one image type, and fills every field.
        assert_eq!(image["type"], "cloud-image", "{image}");
        for field in ["family", "slug", "versions"] {
            assert!(!image[field].is_null(), "{field} of {image}");
        }
        assert!(!image["regions"].as_array().unwrap().is_empty());
    }
    let created: Vec<&str> = images
        .iter()
        .map(|i| i["created_at"].as_str().unwrap())
        .collect();
    assert!(
        created.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {created:?}"
    );
    assert!(images.iter().any(|i| i["os_type"] == "windows"));
}

#[tokio::test]
async fn legacy_seed_adds_the_contract_example() {
    let api = Api::with(EmulatorConfig {
        seed: Seed::Legacy,
        ..config()
    });
    let images = api.get("/images").await.ok(200)["images"].clone();
    let images = images.as_array().unwrap();
    assert_eq!(images.len(), 10);
    // The contract's three images, in its order, after today's images.
    let tail: Vec<_> = images[images.len() - 3..]
        .iter()
        .map(|i| {
            (
                i["id"].as_str().unwrap(),
                i["name"].as_str().unwrap(),
                i["type"].as_str().unwrap(),
                i["created_at"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        tail,
        [
            (
                "7b1644e2-d97d-4725-a927-0028bc60bc28",
                "Ubuntu 16.04",
                "distribution",
                "2020-03-16T14:22:00.755Z"
            ),
            (
                "e987a351-dc06-43f0-8712-f60ced372ee4",
                "Ubuntu 18.04",
                "distribution",
                "2020-03-16T14:21:59.652Z"
            ),
            (
                "13614a2e-eabe-444a-aada-150f24a8c216",
                "dddddd_snapshot_2020-03-11",
                "snapshot",
                "2020-03-11T11:52:39.566Z"
            ),
        ]
    );
    for image in images {
        assert_keys(image, &image_keys(image));
    }
    let legacy = api.get("/images?type=distribution").await.ok(200);
    assert_eq!(legacy["total_count"], 2);
}

/// The keys an image of the seed has: the newest carries two fields from a
/// newer API.
fn image_keys(image: &serde_json::Value) -> Vec<&'static str> {
    let mut keys = IMAGE_KEYS.to_vec();
    if image.get("architecture").is_some() {
        keys.extend(["architecture", "marketplace"]);
    }
    keys
}

#[tokio::test]
async fn type_filter() {
    let api = Api::start();
    let all = api.get("/images").await.ok(200)["total_count"]
        .as_u64()
        .unwrap();
    let cloud = api.get("/images?type=cloud-image").await.ok(200);
    assert!(cloud["images"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["type"] == "cloud-image"));
    assert_eq!(cloud["total_count"].as_u64().unwrap(), all);
    assert_eq!(
        api.get("/images?type=distribution").await.ok(200)["total_count"],
        0
    );
    let paged = api
        .get("/images?type=cloud-image&per_page=2&page=2")
        .await
        .ok(200);
    assert_eq!(paged["images"].as_array().unwrap().len(), 2);
    assert_eq!(paged["images"][0]["id"], cloud["images"][2]["id"]);
    assert_eq!(api.get("/images?type=nope").await.ok(200)["total_count"], 0);
}

#[tokio::test]
async fn pagination_edges() {
    let api = Api::empty();
    api.emu.seed_synthetic("images", 250).unwrap();
    let first = api.get("/images").await.ok(200);
    assert_eq!(first["images"].as_array().unwrap().len(), 50);
    assert_eq!(
        (
            first["total_count"].clone(),
            first["page"].clone(),
            first["per_page"].clone()
        ),
        (json!(250), json!(1), json!(50))
    );

    let one = api.get("/images?per_page=1").await.ok(200);
    assert_eq!(one["images"].as_array().unwrap().len(), 1);
    assert_eq!(one["images"][0]["id"], first["images"][0]["id"]);
    assert_eq!(one["per_page"], 1);

    let hundred = api.get("/images?per_page=100&page=3").await.ok(200);
    assert_eq!(
        hundred["images"].as_array().unwrap().len(),
        50,
        "last partial page"
    );
    assert_eq!(hundred["page"], 3);

    let past = api.get("/images?page=4&per_page=100").await.ok(200);
    assert_eq!(past["images"], json!([]));
    assert_eq!(past["total_count"], 250);
    let far = api.get("/images?page=999999999999").await.ok(200);
    assert_eq!(far["images"], json!([]));

    for bad in [
        "per_page=0",
        "per_page=101",
        "per_page=-1",
        "per_page=abc",
        "page=0",
        "page=-1",
        "page=abc",
        "page=",
        "per_page=1.5",
    ] {
        let code = api.get(&format!("/images?{bad}")).await.error(400);
        assert_eq!(code, "20003", "{bad}");
    }
    // Every other list validates the same way.
    for list in [
        "/instances",
        "/snapshots",
        "/volumes",
        "/filesystems",
        "/security-groups",
        "/ssh-keys",
        "/floating-ips",
    ] {
        api.get(&format!("{list}?per_page=101")).await.error(400);
        api.get(&format!("{list}?page=0")).await.error(400);
    }

    // Walking the pages yields every item exactly once, newest first.
    let mut seen = std::collections::HashSet::new();
    for page in 1..=3 {
        let body = api
            .get(&format!("/images?per_page=100&page={page}"))
            .await
            .ok(200);
        for image in body["images"].as_array().unwrap() {
            assert!(seen.insert(image["id"].as_str().unwrap().to_owned()));
        }
    }
    assert_eq!(seen.len(), 250);
}

#[tokio::test]
async fn synthetic_ids_are_deterministic() {
    let a = Api::empty();
    let b = Api::empty();
    a.emu.seed_synthetic("images", 5).unwrap();
    b.emu.seed_synthetic("images", 5).unwrap();
    let ids = |v: serde_json::Value| -> Vec<String> {
        v["images"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let ids_a = ids(a.get("/images").await.ok(200));
    assert_eq!(ids_a, ids(b.get("/images").await.ok(200)));
    for id in &ids_a {
        assert_eq!(id.len(), 36);
        assert_eq!(id.matches('-').count(), 4);
    }
    a.emu.reset_with(genesiscloud_emulator::Seed::Empty);
    a.emu.seed_synthetic("images", 5).unwrap();
    assert_eq!(
        ids(a.get("/images").await.ok(200)),
        ids_a,
        "same after a reset"
    );
}

#[tokio::test]
async fn a_million_images() {
    let api = Api::empty();
    let started = Instant::now();
    let body = api
        .control(
            reqwest::Method::POST,
            "/seed",
            Some(json!({"images": 1_000_000})),
        )
        .await
        .ok(200);
    let seeding = started.elapsed();
    assert_eq!(body["total"]["images"], 1_000_000);
    assert!(
        seeding < Duration::from_secs(20),
        "seeding took {seeding:?}"
    );

    let page = api.get("/images?per_page=100&page=5000").await.ok(200);
    assert_eq!(page["total_count"], 1_000_000);
    let images = page["images"].as_array().unwrap();
    assert_eq!(images.len(), 100);
    assert_keys(&images[0], IMAGE_KEYS);
    let last = api.get("/images?per_page=100&page=10000").await.ok(200);
    assert_eq!(last["images"].as_array().unwrap().len(), 100);
    assert_eq!(
        api.get("/images?per_page=100&page=10001").await.ok(200)["images"],
        json!([])
    );

    // Pages stay cheap however deep (generous bound: debug build, shared CPU).
    let started = Instant::now();
    for page in [1, 2500, 7777, 9999] {
        api.get(&format!("/images?per_page=100&page={page}"))
            .await
            .ok(200);
    }
    let per_page = started.elapsed() / 4;
    assert!(
        per_page < Duration::from_millis(200),
        "a page took {per_page:?}"
    );
}
