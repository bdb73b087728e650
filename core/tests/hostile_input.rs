//! Hostile input, bounded: the committed fuzz seeds and corpus
//! (`fuzz/seeds/`, `fuzz/corpus/`) replayed through every fuzz entry point,
//! a seeded run of mutations of them, and answers no real server sends (a
//! gigabyte body, JSON nested 100,000 deep inside what the decoder reads,
//! invalid UTF-8, NUL bytes) through the real client over a socket.
//! It builds in a plain `cargo test -p genesiscloud`: the crate is its own
//! dev-dependency with the `fuzzing` feature.
//!
//! The long runs are `cargo fuzz` (fuzz/README.md); this is the short run
//! that `make test` makes.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::time::{Duration, Instant};

use genesiscloud::fuzzing;
use genesiscloud::{Client, ErrorKind};

type Target = fn(&[u8]);

const TARGETS: [(&str, Target); 4] = [
    ("decode_responses", fuzzing::decode_responses),
    ("error_body", fuzzing::error_body),
    ("retry_after", fuzzing::retry_after),
    ("request_building", fuzzing::request_building),
];

/// Mutations per target on top of the corpus.
const MUTATIONS: usize = 3_000;

/// The hand-made seeds (`fuzz/seeds/`) and what the long runs kept
/// (`fuzz/corpus/`) for `target`.
fn corpus(target: &str) -> Vec<Vec<u8>> {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    let mut files = Vec::new();
    for dir in ["seeds", "corpus"].map(|d| fuzz.join(d).join(target)) {
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        files.extend(entries.map(|e| e.unwrap().path()));
    }
    files.sort();
    files.iter().map(|f| std::fs::read(f).unwrap()).collect()
}

/// A small deterministic generator, so a failure reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// One mutation of `seed`: flips, cuts, splices and JSON punctuation, the
/// edits that reach decoder states plain random bytes never do.
fn mutate(seed: &[u8], rng: &mut Rng) -> Vec<u8> {
    const TOKENS: [&[u8]; 10] = [
        b"{", b"}", b"[", b"]", b"\"", b",", b":", b"null", b"\\u0000", b"\xff",
    ];
    let mut out = seed.to_vec();
    for _ in 0..=rng.below(4) {
        let at = rng.below(out.len() + 1);
        match rng.below(4) {
            0 if !out.is_empty() => {
                let i = at.min(out.len() - 1);
                out[i] ^= 1 << rng.below(8);
            }
            1 => out.truncate(at),
            2 => {
                let token = TOKENS[rng.below(TOKENS.len())];
                out.splice(at..at, token.iter().copied());
            }
            _ => {
                let from = rng.below(seed.len());
                let len = rng.below(seed.len() - from.min(seed.len()) + 1).min(64);
                let piece = seed[from..(from + len).min(seed.len())].to_vec();
                out.splice(at..at, piece);
            }
        }
    }
    out
}

#[test]
fn the_corpus_and_its_mutations_pass_every_target() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for (name, target) in TARGETS {
        let seeds = corpus(name);
        assert!(!seeds.is_empty(), "fuzz/seeds/{name} is empty");
        let started = Instant::now();
        for seed in &seeds {
            target(seed);
        }
        for _ in 0..MUTATIONS {
            let seed = &seeds[rng.below(seeds.len())];
            target(&mutate(seed, &mut rng));
        }
        println!(
            "hostile input: {name}: {} corpus files + {MUTATIONS} mutations in {:?}",
            seeds.len(),
            started.elapsed()
        );
    }
}

/// An image's fields with `extra` spliced in as one more member: the
/// decoder reaches it only after every known field has decoded.
fn image_with(extra: &str) -> String {
    format!(
        concat!(
            r#"{{"images": [{{"id": "i", "name": "n", "type": "cloud-image", "os_type": "linux","#,
            r#" "regions": [], "slug": null, "family": null, "versions": null,"#,
            r#" "created_at": "2024-01-01T00:00:00Z", "updated_at": "2024-01-01T00:00:00Z", {}}}],"#,
            r#" "total_count": 1, "page": 1, "per_page": 1}}"#
        ),
        extra
    )
}

/// Documents nested 100,000 deep where the decoder goes (an unknown member
/// of a listed image, of a fetched instance), and text JSON forbids or that
/// overflows a field: each one a `decode` error through the real client
/// (the kind asserted), and no panic in any fuzz entry point.
#[tokio::test]
async fn pathological_documents_are_decode_errors() {
    let depth = 100_000;
    let deep_array = image_with(&format!(
        "\"x\": {}{}",
        "[".repeat(depth),
        "]".repeat(depth)
    ));
    let deep_object = format!(
        "{{\"instance\": {{\"id\": \"i\", \"x\": {}1{}}}}}",
        "{\"a\":".repeat(depth),
        "}".repeat(depth)
    );
    const LIST: &str = "images.list_page";
    const GET: &str = "instances.get";
    let cases: [(&str, &str, Vec<u8>); 6] = [
        (
            "an array nested 100,000 deep in an image",
            LIST,
            deep_array.into_bytes(),
        ),
        (
            "an object nested 100,000 deep in an instance",
            GET,
            deep_object.into_bytes(),
        ),
        (
            "invalid UTF-8 in an id",
            GET,
            b"{\"instance\": {\"id\": \"\xff\xfe\"}}".to_vec(),
        ),
        (
            "a lone surrogate in an id",
            GET,
            b"{\"instance\": {\"id\": \"a\\ud800b\"}}".to_vec(),
        ),
        ("NUL bytes", GET, b"\0\0\0\0".to_vec()),
        (
            "a total_count of 1e400",
            LIST,
            b"{\"images\": [], \"total_count\": 1e400}".to_vec(),
        ),
    ];
    for (what, call, body) in cases {
        for (_, target) in TARGETS {
            target(&body);
        }
        let client = client(&serve_body(body));
        let e = if call == LIST {
            client
                .images()
                .list_page(Default::default())
                .await
                .map(drop)
        } else {
            client.instances().get("abc").await.map(drop)
        }
        .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Decode, "{what}: {e}");
        assert!(e.request_sent(), "{what}: {e}");
        if what.contains("100,000 deep") {
            // The depth, not the shape, is what the decoder refused.
            assert!(e.message().contains("recursion limit"), "{what}: {e}");
        }
    }
}

/// Serves `body` as a `200` JSON answer on every connection until the test
/// ends.
fn serve_body(body: Vec<u8>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}/compute/v1", listener.local_addr().unwrap());
    let answer: std::sync::Arc<[u8]> = [
        format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
            body.len()
        )
        .into_bytes(),
        body,
    ]
    .concat()
    .into();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let answer = answer.clone();
            std::thread::spawn(move || {
                let mut request = [0u8; 4096];
                let _ = stream.read(&mut request);
                let _ = stream.write_all(&answer);
            });
        }
    });
    base
}

/// Serves one canned HTTP answer per connection until the test ends.
fn serve(head: &'static str, body: fn(&mut std::net::TcpStream)) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}/compute/v1", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            std::thread::spawn(move || {
                let mut request = [0u8; 4096];
                let _ = stream.read(&mut request);
                if stream.write_all(head.as_bytes()).is_ok() {
                    body(&mut stream);
                }
            });
        }
    });
    base
}

fn client(base: &str) -> Client {
    Client::builder()
        .token("hostile-input-token")
        .base_url(base)
        .max_retries(0)
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap()
}

fn vm_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse().ok())
        .unwrap_or(0)
}

#[tokio::test]
async fn a_gigabyte_answer_fails_at_the_size_limit_without_being_read() {
    // Announced length over the limit: refused before reading the body.
    let base = serve(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1073741824\r\n\r\n",
        |s| {
            let chunk = [b' '; 65536];
            while s.write_all(&chunk).is_ok() {}
        },
    );
    let started = Instant::now();
    let e = client(&base).instances().get("abc").await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Decode, "{e}");
    assert!(e.message().contains("limit"), "{e}");
    println!(
        "1 GiB announced: `{}` after {:?}, peak RSS {} MiB",
        e.code(),
        started.elapsed(),
        vm_rss_kib() / 1024
    );
}

#[tokio::test]
async fn an_endless_chunked_answer_fails_at_the_size_limit() {
    // No length at all: the body is counted as it arrives.
    let base = serve(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n",
        |s| {
            let mut chunk = b"10000\r\n".to_vec();
            chunk.extend_from_slice(&[b' '; 0x10000]);
            chunk.extend_from_slice(b"\r\n");
            // A gigabyte at most, so a client that never stops reading ends too.
            for _ in 0..(1 << 14) {
                if s.write_all(&chunk).is_err() {
                    return;
                }
            }
        },
    );
    let started = Instant::now();
    let e = client(&base).instances().get("abc").await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Decode, "{e}");
    assert!(e.message().contains("limit"), "{e}");
    println!(
        "endless chunked body: `{}` after {:?}, peak RSS {} MiB",
        e.code(),
        started.elapsed(),
        vm_rss_kib() / 1024
    );
}

#[tokio::test]
async fn nul_bytes_in_answered_strings_round_trip_or_are_decode_errors() {
    fn escaped(s: &mut std::net::TcpStream) {
        let body = concat!(
            r#"{"id": "k\u0000ey", "name": "a\u0000b", "value": "ssh-ed25519 AAAA","#,
            r#" "fingerprint": "SHA256:x", "type": "ssh-ed25519", "size": 256,"#,
            r#" "created_at": "2024-01-01T00:00:00Z", "updated_at": "2024-01-01T00:00:00Z","#,
            r#" "comment\u0000": "\u0000"}"#
        );
        let _ = s.write_all(format!("content-length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }
    fn raw(s: &mut std::net::TcpStream) {
        let body = b"{\"id\": \"k\0ey\", \"name\": \"a\"}";
        let _ = s.write_all(format!("content-length: {}\r\n\r\n", body.len()).as_bytes());
        let _ = s.write_all(body);
    }
    const HEAD: &str = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n";

    let key = client(&serve(HEAD, escaped))
        .ssh_keys()
        .get("k")
        .await
        .unwrap();
    assert_eq!((key.id.as_str(), key.name.as_str()), ("k\0ey", "a\0b"));
    assert_eq!(key.extra.get("comment\0"), Some(&serde_json::json!("\0")));
    let again: genesiscloud::SshKey =
        serde_json::from_slice(&serde_json::to_vec(&key).unwrap()).unwrap();
    assert_eq!(again, key);

    // JSON forbids a raw control character inside a string.
    let e = client(&serve(HEAD, raw))
        .ssh_keys()
        .get("k")
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Decode, "{e}");
}

#[tokio::test]
async fn nul_bytes_in_ids_are_refused_before_sending() {
    let e = client("http://127.0.0.1:9/compute/v1")
        .instances()
        .get("abc\0def")
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument);
    assert!(e.message().contains("instance id"), "{e}");
    assert!(!e.request_sent());
}
