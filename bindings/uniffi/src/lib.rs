//! The native library of the Kotlin/JVM package `com.genesiscloud:genesiscloud-sdk`.
//!
//! Everything here is conversion, as in the other bindings: Kotlin hands
//! over operation names and JSON arguments, the Rust core does the work on
//! a tokio runtime this library owns, and results travel back as JSON text
//! that the Kotlin wrapper parses. uniffi renders the Kotlin side of these
//! exports (`kotlin/src/main/kotlin/uniffi/`): an async export is a Kotlin
//! `suspend fun` whose cancellation drops the Rust future, and with it the
//! request in flight.

// uniffi lifts an export's error into a buffer as it returns: the size
// of `NativeError` on the stack costs nothing worth boxing it for.
#![allow(clippy::result_large_err)]

mod client;
mod emulator;
mod error;
mod pager;
mod progress;
mod runtime;

uniffi::setup_scaffolding!();
