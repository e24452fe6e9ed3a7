//! Stopping a run on SIGINT or SIGTERM with the best plan kept.
//!
//! A scheduler presses Ctrl-C, a CI job is cancelled: the search should stop soon and
//! write what it has, marked `interrupted`, rather than die with nothing. A signal
//! handler may only do async-signal-safe things, so it stores the signal in the run's
//! stop flag (`solve::Stop`); the search asks it between neighbourhoods, and HiGHS
//! through its interrupt callbacks (so a long MIP stops too). A second signal ends the
//! process at once: output files are written atomically, so they are then either
//! absent or whole.

use std::ffi::c_int;
use std::sync::Arc;
use std::sync::atomic::{AtomicI32, AtomicPtr, Ordering};

/// The flag the handler sets: a leaked reference to the stop flag of the run, so it
/// lives as long as the process (null before `install`).
static TARGET: AtomicPtr<AtomicI32> = AtomicPtr::new(std::ptr::null_mut());

extern "C" fn on_signal(signal: c_int) {
    let target = TARGET.load(Ordering::SeqCst);
    if target.is_null() {
        return;
    }
    // SAFETY: `install` stored a pointer from `Arc::into_raw` that is never released.
    let flag = unsafe { &*target };
    if flag.swap(signal, Ordering::SeqCst) != 0 {
        let code = super::exit::Exit::Interrupted { signal }.code();
        // SAFETY: _exit is async-signal-safe; the second signal means "now".
        unsafe { libc::_exit(i32::from(code)) };
    }
}

/// Makes SIGINT and SIGTERM set `flag` (a run's stop flag), the second one end the
/// process.
pub fn install(flag: &Arc<AtomicI32>) {
    let leaked = Arc::into_raw(Arc::clone(flag)).cast_mut();
    TARGET.store(leaked, Ordering::SeqCst);
    #[cfg(unix)]
    for signal in [libc::SIGINT, libc::SIGTERM] {
        // SAFETY: a zeroed sigaction with a valid handler and an empty mask is a valid
        // argument; the handler only touches atomics and calls _exit.
        unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = on_signal as extern "C" fn(c_int) as usize;
            libc::sigemptyset(&mut action.sa_mask);
            action.sa_flags = libc::SA_RESTART;
            libc::sigaction(signal, &action, std::ptr::null_mut());
        }
    }
}
