//! Ending `kopa solve` when HiGHS runs far past the time limit.
//!
//! HiGHS times its presolve, its LPs and its branch and bound, but not all of its MIP
//! setup: on the monolithic model of `instances/generated/gen-500.json` (878,341
//! columns) it spent 15-27 minutes against a 600 s limit in the clique partition of
//! the objective (`HighsObjectiveFunction::setupCliquePartition`, seen in a stack
//! trace), where it polls neither its clock nor the interrupt callback. A scheduler
//! who asked for ten minutes should not wait half an hour to hear "no plan".
//!
//! The watchdog waits for the limit and a grace after it; if the solve has not
//! returned by then, it runs its `on_fire` (for `kopa solve`: say why, write the
//! search's best checked plan so far if it has one, and end the process). The solve
//! writes its plan only after it returns and the watchdog is disarmed; a watchdog that
//! fires holds its lock until the process ends, so disarming then blocks and no file
//! is ever cut short.

use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::Duration;

/// A deadline for a piece of work that may not stop on its own.
pub struct Watchdog {
    /// Whether the work returned; with the condition that wakes the watchdog.
    disarmed: Arc<(Mutex<bool>, Condvar)>,
    /// The watching thread; only tests wait for it (a disarmed watchdog's thread ends
    /// by itself at once).
    #[cfg_attr(not(test), expect(dead_code, reason = "only tests join the thread"))]
    watching: Option<thread::JoinHandle<()>>,
}

impl Watchdog {
    /// Starts watching: `on_fire` runs after `after` unless the watchdog is disarmed
    /// (dropped) first.
    pub fn arm(after: Duration, on_fire: impl FnOnce() + Send + 'static) -> Watchdog {
        let disarmed = Arc::new((Mutex::new(false), Condvar::new()));
        let watched = Arc::clone(&disarmed);
        let watching = thread::spawn(move || {
            let (lock, wake) = &*watched;
            let Ok(done) = lock.lock() else { return };
            let Ok((done, _)) = wake.wait_timeout_while(done, after, |done| !*done) else {
                return;
            };
            if !*done {
                // Fired with the lock held: a late disarm waits for `on_fire` to end.
                on_fire();
            }
        });
        Watchdog {
            disarmed,
            watching: Some(watching),
        }
    }

    /// Disarms, and waits for the watching thread to end.
    #[cfg(test)]
    fn disarm_and_wait(mut self) {
        let watching = self.watching.take();
        drop(self);
        if let Some(watching) = watching {
            watching.join().expect("the watchdog thread ends");
        }
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        let (lock, wake) = &*self.disarmed;
        if let Ok(mut done) = lock.lock() {
            *done = true;
        }
        wake.notify_all();
    }
}

/// How long after a time limit a solve may run before the watchdog ends it: 30 s and a
/// tenth of the limit (a tuning choice: the checked plan and the final report take a
/// few seconds past the limit, and a slow machine should not lose a plan for that).
pub fn grace(limit: Duration) -> Duration {
    Duration::from_secs(30) + limit / 10
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::mpsc;

    #[test]
    fn fires_when_the_work_outlives_its_deadline() {
        let (sent, fired) = mpsc::channel();
        let _watchdog = Watchdog::arm(Duration::from_millis(10), move || {
            sent.send(()).expect("the test is waiting");
        });
        // The work "hangs": the watchdog is still armed when it fires.
        fired
            .recv_timeout(Duration::from_secs(60))
            .expect("the watchdog fired");
    }

    #[test]
    fn stays_silent_when_the_work_returns_in_time() {
        let fired = Arc::new(AtomicBool::new(false));
        let seen = Arc::clone(&fired);
        let watchdog = Watchdog::arm(Duration::from_millis(200), move || {
            seen.store(true, Ordering::SeqCst);
        });
        watchdog.disarm_and_wait();
        assert!(!fired.load(Ordering::SeqCst));
    }

    #[test]
    fn the_grace_grows_with_the_limit() {
        assert_eq!(grace(Duration::from_secs(600)), Duration::from_secs(90));
        assert_eq!(grace(Duration::from_secs(10)), Duration::from_secs(31));
    }
}
