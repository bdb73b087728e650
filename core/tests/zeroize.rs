//! The token is wiped from memory when the last client holding it is
//! dropped: this test binary's allocator looks at every block handed back to
//! it and records whether it still held the token.
//!
//! Scope: the copies the SDK owns (the `Token`, its clones inside the
//! client). The header value built for a request in flight lives in the
//! HTTP stack and is not covered (docs/security.md says so).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use genesiscloud::{Client, Token};

/// Lives in the binary's read-only data, never on the heap, so the only heap
/// copies are the ones the test makes.
const CANARY: &[u8] = b"gc-zeroize-canary-4b7e19d2";

static WATCHING: AtomicBool = AtomicBool::new(false);
static FREED_WITH_TOKEN: AtomicUsize = AtomicUsize::new(0);
static FREED_BLOCKS: AtomicUsize = AtomicUsize::new(0);

struct Watching;

// SAFETY: every call is forwarded to the system allocator unchanged; the
// scan only reads a block that is still allocated, before freeing it.
unsafe impl GlobalAlloc for Watching {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if WATCHING.load(Ordering::Relaxed) {
            FREED_BLOCKS.fetch_add(1, Ordering::Relaxed);
            // SAFETY: `ptr` points to `layout.size()` bytes we allocated.
            let block = unsafe { std::slice::from_raw_parts(ptr, layout.size()) };
            if block.windows(CANARY.len()).any(|w| w == CANARY) {
                FREED_WITH_TOKEN.fetch_add(1, Ordering::Relaxed);
            }
        }
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Watching = Watching;

/// Counts the blocks freed while `f` runs that still held the token. One
/// test only: the watch is global, so parallel tests would see each other.
fn freed_with_token(f: impl FnOnce()) -> (usize, usize) {
    let (tokens, blocks) = (
        FREED_WITH_TOKEN.load(Ordering::SeqCst),
        FREED_BLOCKS.load(Ordering::SeqCst),
    );
    WATCHING.store(true, Ordering::SeqCst);
    f();
    WATCHING.store(false, Ordering::SeqCst);
    (
        FREED_WITH_TOKEN.load(Ordering::SeqCst) - tokens,
        FREED_BLOCKS.load(Ordering::SeqCst) - blocks,
    )
}

#[test]
fn the_token_is_wiped_when_the_last_client_is_dropped() {
    // The control: a plain String holding the token is freed as it is, and
    // the watch sees it.
    let plain = String::from_utf8(CANARY.to_vec()).unwrap();
    let (leaked, _) = freed_with_token(|| drop(std::hint::black_box(plain)));
    assert_eq!(leaked, 1, "the watch does not see an unwiped token");

    let token = Token::from(String::from_utf8(CANARY.to_vec()).unwrap());
    let client = Client::builder()
        .token(token.clone())
        .base_url("http://127.0.0.1:9")
        .build()
        .unwrap();
    let shared = client.clone();
    let (leaked, freed) = freed_with_token(|| {
        drop(token);
        drop(client);
        drop(shared);
    });
    assert!(freed > 0, "dropping the client freed nothing");
    assert_eq!(
        leaked, 0,
        "{leaked} block(s) still holding the token went back to the allocator"
    );
}
