//! SIGPIPE, kept from the C program that links the library.
//!
//! Rust, Python and Node programs ignore SIGPIPE from the start, so a write
//! to a connection the peer has closed just fails with EPIPE. A C program
//! keeps the default action, which ends the process, and the sockets under
//! tokio write with `writev`, which (unlike `send(MSG_NOSIGNAL)`) raises it.
//! What a program does about SIGPIPE is the program's choice, so, as libpq
//! does, the library never touches its disposition: it blocks SIGPIPE on
//! the threads it owns, and on a caller's thread only while a call runs
//! there, discarding one raised meanwhile.

#[cfg(unix)]
mod unix {
    use std::mem::MaybeUninit;
    use std::ptr;

    fn only_sigpipe() -> libc::sigset_t {
        let mut set = MaybeUninit::<libc::sigset_t>::uninit();
        // SAFETY: sigemptyset initialises the set before sigaddset reads it.
        unsafe {
            libc::sigemptyset(set.as_mut_ptr());
            libc::sigaddset(set.as_mut_ptr(), libc::SIGPIPE);
            set.assume_init()
        }
    }

    /// Blocks SIGPIPE on this thread for its whole life: for the library's
    /// own threads, which run no code of the program's.
    pub(crate) fn block_on_own_thread() {
        // SAFETY: a valid set; the old mask is not wanted.
        unsafe { libc::pthread_sigmask(libc::SIG_BLOCK, &only_sigpipe(), ptr::null_mut()) };
    }

    /// SIGPIPE blocked on the calling thread until dropped.
    pub(crate) struct Blocked {
        previous: libc::sigset_t,
        /// A SIGPIPE already pending (the program blocks it itself) is the
        /// program's, not ours to discard.
        was_pending: bool,
    }

    impl Blocked {
        pub(crate) fn new() -> Blocked {
            let mut previous = MaybeUninit::<libc::sigset_t>::uninit();
            // SAFETY: pthread_sigmask fills `previous` when it succeeds,
            // which it does for a valid `how` and set.
            let previous = unsafe {
                libc::pthread_sigmask(libc::SIG_BLOCK, &only_sigpipe(), previous.as_mut_ptr());
                previous.assume_init()
            };
            // SAFETY: sigpending fills the set it is given.
            let was_pending = unsafe {
                libc::sigismember(&previous, libc::SIGPIPE) == 1 && {
                    let mut pending = MaybeUninit::<libc::sigset_t>::uninit();
                    libc::sigpending(pending.as_mut_ptr()) == 0
                        && libc::sigismember(pending.as_ptr(), libc::SIGPIPE) == 1
                }
            };
            Blocked {
                previous,
                was_pending,
            }
        }
    }

    impl Drop for Blocked {
        fn drop(&mut self) {
            if !self.was_pending {
                let none = libc::timespec {
                    tv_sec: 0,
                    tv_nsec: 0,
                };
                // SAFETY: valid set and timeout. SIGPIPE does not queue, so
                // one wait takes the one this call may have raised.
                unsafe { libc::sigtimedwait(&only_sigpipe(), ptr::null_mut(), &none) };
            }
            // SAFETY: the mask saved by `new`.
            unsafe { libc::pthread_sigmask(libc::SIG_SETMASK, &self.previous, ptr::null_mut()) };
        }
    }
}

#[cfg(not(unix))]
mod unix {
    /// Nothing to do where there is no SIGPIPE.
    pub(crate) fn block_on_own_thread() {}

    /// Nothing to do where there is no SIGPIPE.
    pub(crate) struct Blocked;

    impl Blocked {
        pub(crate) fn new() -> Blocked {
            Blocked
        }
    }
}

pub(crate) use unix::{block_on_own_thread, Blocked};
