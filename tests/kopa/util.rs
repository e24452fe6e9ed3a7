//! Helpers shared by the tests that stop a running kopa with a signal.

use std::process::{Child, ExitStatus};
use std::time::{Duration, Instant};

/// Sends `signal` to the child.
pub fn signal(child: &Child, signal: i32) {
    let pid = i32::try_from(child.id()).expect("pid fits");
    // SAFETY: sending a signal to our own child process.
    let sent = unsafe { libc::kill(pid, signal) };
    assert_eq!(sent, 0, "kill failed");
}

/// Waits for the child to end; a generous bound only so that a hang fails the test
/// instead of stalling the suite (not a measure of speed).
pub fn wait(child: &mut Child) -> ExitStatus {
    let deadline = Instant::now() + Duration::from_secs(180);
    loop {
        if let Some(status) = child.try_wait().expect("wait works") {
            return status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("kopa did not stop within 180 s of the signal");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}
