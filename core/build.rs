//! Records the version of the compiler building the crate, which the user
//! agent names (`genesiscloud-sdk/0.1.0 (rust/1.95.0)`): what a support
//! engineer needs to know of a Rust caller's runtime.

use std::process::Command;

fn main() {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_owned());
    // `rustc 1.95.0 (59807616e 2026-04-14)`: the second word. A compiler
    // that cannot say (a wrapper that prints nothing) names itself
    // `unknown` rather than failing the build.
    let version = Command::new(&rustc)
        .arg("--version")
        .output()
        .ok()
        .and_then(|out| String::from_utf8(out.stdout).ok())
        .and_then(|text| text.split_whitespace().nth(1).map(str::to_owned))
        .unwrap_or_else(|| "unknown".to_owned());
    println!("cargo:rustc-env=GENESISCLOUD_RUSTC_VERSION={version}");
    println!("cargo:rerun-if-env-changed=RUSTC");
}
