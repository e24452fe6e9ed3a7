//! Stopping a search on SIGINT or SIGTERM with the best plan kept.
//!
//! A scheduler presses Ctrl-C, a CI job is cancelled: the search should stop soon and
//! write what it has, marked `interrupted`, rather than die with nothing. A signal
//! handler may only do async-signal-safe things, so it stores a flag; the search polls
//! it between neighbourhoods, and HiGHS polls it through its interrupt callbacks (so a
//! long MIP stops too). A second signal ends the process at once: the output file is
//! written atomically, so it is then either absent or whole.

use std::ffi::{c_char, c_int, c_void};
use std::sync::atomic::{AtomicI32, Ordering};

/// The signal that asked to stop, 0 while none has.
static SIGNAL: AtomicI32 = AtomicI32::new(0);

/// Whether a stop was asked for.
pub fn requested() -> bool {
    SIGNAL.load(Ordering::SeqCst) != 0
}

/// The signal number that asked to stop, if any.
pub fn signal() -> Option<i32> {
    match SIGNAL.load(Ordering::SeqCst) {
        0 => None,
        s => Some(s),
    }
}

/// Asks the search to stop, as a signal would.
pub fn request(signal: i32) {
    SIGNAL.store(signal, Ordering::SeqCst);
}

extern "C" fn on_signal(signal: c_int) {
    if SIGNAL.swap(signal, Ordering::SeqCst) != 0 {
        // SAFETY: _exit is async-signal-safe; the second signal means "now".
        unsafe { libc::_exit(128 + signal) };
    }
}

/// Installs the SIGINT and SIGTERM handlers (for `kopa solve`).
pub fn install_handlers() {
    #[cfg(unix)]
    for signal in [libc::SIGINT, libc::SIGTERM] {
        // SAFETY: a zeroed sigaction with a valid handler and an empty mask is a valid
        // argument; the handler only touches an atomic and calls _exit.
        unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = on_signal as extern "C" fn(c_int) as usize;
            libc::sigemptyset(&mut action.sa_mask);
            action.sa_flags = libc::SA_RESTART;
            libc::sigaction(signal, &action, std::ptr::null_mut());
        }
    }
}

/// HiGHS's callback: asks it to stop when a stop was requested.
unsafe extern "C" fn highs_callback(
    _kind: c_int,
    _message: *const c_char,
    _data_out: *const highs_sys::HighsCallbackDataOut,
    data_in: *mut highs_sys::HighsCallbackDataIn,
    _user: *mut c_void,
) {
    if requested() && !data_in.is_null() {
        // SAFETY: HiGHS passes a valid `data_in` for interrupt callbacks.
        unsafe { (*data_in).user_interrupt = 1 };
    }
}

/// Lets a stop request interrupt `model` in HiGHS's simplex, interior point and MIP
/// loops.
pub(crate) fn attach(model: &mut highs::Model) {
    let highs = model.as_mut_ptr();
    // HiGHS's callback type numbers (highs_c_api.h: kHighsCallbackSimplexInterrupt,
    // kHighsCallbackIpmInterrupt, kHighsCallbackMipInterrupt).
    const SIMPLEX_INTERRUPT: i32 = 1;
    const IPM_INTERRUPT: i32 = 2;
    const MIP_INTERRUPT: i32 = 6;
    // SAFETY: `highs` points to the live Highs object `model` owns; the callback is a
    // plain function with no user data.
    unsafe {
        highs_sys::Highs_setCallback(highs, Some(highs_callback), std::ptr::null_mut());
        for kind in [SIMPLEX_INTERRUPT, IPM_INTERRUPT, MIP_INTERRUPT] {
            highs_sys::Highs_startCallback(highs, kind);
        }
    }
}
