//! Generates `genesiscloud.h` into `OUT_DIR` on every build, and sets the
//! shared library's SONAME. `make c-header` copies the header to
//! `include/`, `make c-header-check` fails when the committed one differs.

use std::env;
use std::path::PathBuf;

fn main() {
    let crate_dir =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out_dir = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=cbindgen.toml");

    let major = env::var("CARGO_PKG_VERSION_MAJOR").expect("cargo sets the version");
    let minor = env::var("CARGO_PKG_VERSION_MINOR").expect("cargo sets the version");
    let patch = env::var("CARGO_PKG_VERSION_PATCH").expect("cargo sets the version");

    // Before 1.0 a minor release may break the ABI, so the SONAME carries it.
    let soname = if major == "0" {
        format!("libgenesiscloud.so.{major}.{minor}")
    } else {
        format!("libgenesiscloud.so.{major}")
    };
    if env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,{soname}");
    }

    let mut config = cbindgen::Config::from_file(crate_dir.join("cbindgen.toml"))
        .expect("cbindgen.toml is valid");
    config.after_includes = Some(format!(
        "\n/** Major version of this header (semantic versioning). */\n#define GC_VERSION_MAJOR {major}\n\
         /** Minor version of this header. */\n#define GC_VERSION_MINOR {minor}\n\
         /** Patch version of this header. */\n#define GC_VERSION_PATCH {patch}\n\
         /** The version of this header as a string; compare with gc_version() at run time. */\n\
         #define GC_VERSION_STRING \"{major}.{minor}.{patch}\"\n\n\
         /** Marks a number in gc_list_params, gc_client_overrides or gc_emulator_configure as not set (any negative value does). */\n\
         #define GC_UNSET (-1)"
    ));
    cbindgen::Builder::new()
        .with_crate(&crate_dir)
        .with_config(config)
        .generate()
        .expect("the exported API can be rendered as C")
        .write_to_file(out_dir.join("genesiscloud.h"));
}
