//! Calls run on the caller's own thread (`block_on_here`), as the blocking
//! bindings (C, Python's `Client`) make them: each thread with its own
//! runtime and connections, one client shared by all.

use std::sync::mpsc;
use std::time::Duration;

use genesiscloud::{block_on_here, Client, ListParams};
use genesiscloud_emulator::Emulator;

fn client(emu: &Emulator) -> Client {
    Client::builder()
        .token(emu.token())
        .base_url(emu.base_url())
        .max_retries(0)
        .build()
        .unwrap()
}

/// The ids of the first page of images, listed on this thread.
fn first_page(client: &Client) -> Vec<String> {
    let page = block_on_here(client.images().list_page(ListParams::default()))
        .unwrap_or_else(|_| panic!("a plain thread runs its calls itself"))
        .expect("the emulator answers");
    page.items.into_iter().map(|image| image.id).collect()
}

/// Runs `f` on a new thread, failing if it does not end within 10 s (a
/// call waiting for a connection whose runtime is gone would never end).
fn on_a_thread<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(10))
        .expect("the thread's call ended")
}

#[test]
fn threads_share_a_client_each_on_its_own_runtime() {
    let emu = Emulator::start().unwrap();
    let client = client(&emu);
    let expected = first_page(&client);
    assert!(!expected.is_empty());
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let client = client.clone();
            std::thread::spawn(move || (0..20).map(|_| first_page(&client)).collect::<Vec<_>>())
        })
        .collect();
    for thread in threads {
        assert!(thread.join().unwrap().iter().all(|ids| *ids == expected));
    }
    // The same client still works on a runtime of the program's own.
    let rt = tokio::runtime::Runtime::new().unwrap();
    let page = rt
        .block_on(client.images().list_page(ListParams::default()))
        .unwrap();
    assert_eq!(page.items.len(), expected.len());
}

#[test]
fn a_thread_after_one_that_ended_gets_connections_of_its_own() {
    // Threads one after the other reuse thread slots; the connections the
    // first one opened died with its runtime.
    let emu = Emulator::start().unwrap();
    let client = client(&emu);
    for _ in 0..5 {
        let client = client.clone();
        let ids = on_a_thread(move || first_page(&client));
        assert!(!ids.is_empty());
    }
}

#[test]
fn a_client_dropped_by_another_thread_leaves_this_one_working() {
    let emu = Emulator::start().unwrap();
    let kept = client(&emu);
    let dropped = client(&emu);
    assert_eq!(first_page(&dropped), first_page(&kept));
    on_a_thread(move || drop(dropped));
    assert!(!first_page(&kept).is_empty());
}
