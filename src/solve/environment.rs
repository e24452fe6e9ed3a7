//! What a run carries besides the problem, in three parts that change for different
//! reasons: the parameters that decide the plan ([`RunParams`]), the one question
//! every step asks before it goes on ([`Stop`]: a deadline or a signal), and where the
//! run's news goes ([`Progress`]: typed events, printed by the command line and
//! recorded by `kopa bench`). Nothing here reads the process environment, the
//! terminal or the command line: `cli/` fills these in.

use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::solution::Solution;

/// The best checked plan of a running solve, where another thread can take it: a
/// watchdog that ends a solve HiGHS keeps far past its limit (see `kopa solve`) then
/// still has a plan to write. Each plan in it was accepted by the checker, and carries
/// the bound known when it was kept.
pub type BestSoFar = Arc<Mutex<Option<Solution>>>;

/// A run: its parameters, its stop, where its events go, and where it keeps its best
/// plan so far.
#[derive(Clone)]
pub struct Environment {
    pub params: RunParams,
    pub stop: Stop,
    pub progress: Progress,
    /// Where the search keeps its best checked plan as it goes (`None`: nowhere).
    pub best_so_far: Option<BestSoFar>,
}

impl Environment {
    /// A quiet run with default parameters, `seed`, `threads` and `time_limit`, and a
    /// stop of its own (no signal reaches it unless asked with [`Stop::request`]).
    pub fn new(seed: u64, threads: u32, time_limit: Option<Duration>) -> Environment {
        Environment {
            params: RunParams::new(seed, threads),
            stop: Stop::new(time_limit),
            progress: Progress::silent(),
            best_so_far: None,
        }
    }

    /// Sends `event` to the progress sink, stamped with the run's elapsed seconds.
    pub fn emit(&self, event: Event) {
        self.progress.emit(self.stop.elapsed(), event);
    }

    /// A note: news that is neither a plan nor a bound.
    pub fn note(&self, message: std::fmt::Arguments<'_>) {
        if self.progress.is_listening() {
            self.emit(Event::Note {
                message: message.to_string(),
            });
        }
    }
}

/// What decides the plan (with the instance), and how HiGHS is run.
#[derive(Debug, Clone)]
pub struct RunParams {
    /// For HiGHS (which takes 0..=2^31-1: see [`RunParams::check`]) and the search.
    pub seed: u64,
    /// HiGHS threads (0: HiGHS decides).
    pub threads: u32,
    /// Stop the search after this many rounds (`None`: the time limit, or the
    /// search's own end, decides).
    pub rounds: Option<usize>,
    /// Stop the search after this many rounds in a row without a better plan (`None`:
    /// the time limit, `rounds`, or the search's own end, decides).
    pub stall_rounds: Option<usize>,
    /// Neighbourhoods solved side by side in each round of the search (at least 1;
    /// `new` takes one per core). With the seed, part of what decides the plan.
    pub neighbourhoods: usize,
    /// Stop when the relative gap to the best bound is at most this.
    pub relative_gap: Option<f64>,
    /// Show HiGHS's own log.
    pub verbose_solver: bool,
    /// Extra HiGHS options (name, value as written) for the solves of the plan, for
    /// experiments (`kopa solve` reads them from `KOPA_HIGHS_OPTIONS`).
    pub highs_options: Vec<(String, String)>,
    /// Memory kopa may use, in bytes, instead of what the machine reports available
    /// (`kopa solve` reads it from `KOPA_MEMORY_AVAILABLE_BYTES`).
    pub memory_cap: Option<f64>,
}

/// The largest seed HiGHS takes (its `random_seed` is a non-negative `int`).
pub const MAX_SEED: u64 = i32::MAX as u64;

impl RunParams {
    pub fn new(seed: u64, threads: u32) -> RunParams {
        RunParams {
            seed,
            threads,
            rounds: None,
            stall_rounds: None,
            neighbourhoods: rayon::current_num_threads().max(1),
            relative_gap: None,
            verbose_solver: false,
            highs_options: Vec::new(),
            memory_cap: None,
        }
    }

    /// Every parameter HiGHS would refuse or misread, as a sentence naming it.
    pub fn check(&self) -> Result<(), String> {
        if self.seed > MAX_SEED {
            return Err(format!(
                "seed {} is out of range: HiGHS takes 0 to {MAX_SEED}",
                self.seed
            ));
        }
        if i32::try_from(self.threads).is_err() {
            return Err(format!("{} threads is out of range", self.threads));
        }
        if let Some(gap) = self.relative_gap
            && !(0.0..1.0).contains(&gap)
        {
            return Err(format!("a relative gap must be in [0, 1), got {gap}"));
        }
        Ok(())
    }
}

/// When the run must end: a deadline (`time_limit` after it started) or a signal. One
/// question, [`Stop::is_reached`], asked by every step; HiGHS asks the signal through
/// its interrupt callbacks (`highs::attach`).
#[derive(Debug, Clone)]
pub struct Stop {
    started: Instant,
    time_limit: Option<Duration>,
    /// The signal that asked to stop, 0 while none has; shared with whatever delivers
    /// signals (`kopa`'s handler for SIGINT and SIGTERM).
    signal: Arc<AtomicI32>,
}

impl Stop {
    /// A stop at `time_limit` from now (never, without one), with a signal flag of
    /// its own.
    pub fn new(time_limit: Option<Duration>) -> Stop {
        Stop::with_signal(time_limit, Arc::new(AtomicI32::new(0)))
    }

    /// A stop at `time_limit` from now, or when `signal` is set.
    pub fn with_signal(time_limit: Option<Duration>, signal: Arc<AtomicI32>) -> Stop {
        Stop {
            started: Instant::now(),
            time_limit,
            signal,
        }
    }

    /// The same signal, no deadline, the clock started anew.
    pub fn without_limit(&self) -> Stop {
        Stop::with_signal(None, Arc::clone(&self.signal))
    }

    /// The same signal, a deadline `time_limit` from now but never past this stop's,
    /// the clock started anew: a part of the run with a share of its time.
    pub fn within(&self, time_limit: Option<Duration>) -> Stop {
        let limit = self
            .remaining_within(time_limit.map(|t| t.as_secs_f64()))
            .map(Duration::from_secs_f64);
        Stop::with_signal(limit, Arc::clone(&self.signal))
    }

    /// Seconds a step asking for `asked` may take: what it asks, but never past what
    /// the run has left (`None`: neither limits it).
    pub fn remaining_within(&self, asked: Option<f64>) -> Option<f64> {
        match (asked, self.remaining()) {
            (Some(asked), Some(left)) => Some(asked.min(left)),
            (asked, left) => asked.or(left),
        }
    }

    pub fn time_limit(&self) -> Option<Duration> {
        self.time_limit
    }

    /// Seconds since the run started.
    pub fn elapsed(&self) -> f64 {
        self.started.elapsed().as_secs_f64()
    }

    /// Seconds left before the limit (`None`: no limit).
    pub fn remaining(&self) -> Option<f64> {
        self.time_limit
            .map(|limit| (limit.as_secs_f64() - self.elapsed()).max(0.0))
    }

    /// Whether a signal asked to stop.
    pub fn signalled(&self) -> bool {
        self.signal.load(Ordering::SeqCst) != 0
    }

    /// The signal number that asked to stop, if any.
    pub fn signal(&self) -> Option<i32> {
        match self.signal.load(Ordering::SeqCst) {
            0 => None,
            s => Some(s),
        }
    }

    /// Asks the run to stop, as a signal would.
    pub fn request(&self, signal: i32) {
        self.signal.store(signal, Ordering::SeqCst);
    }

    /// Whether the run must end now: a signal came or the time is up.
    pub fn is_reached(&self) -> bool {
        self.signalled() || self.remaining().is_some_and(|r| r <= 0.0)
    }

    /// The flag HiGHS's interrupt callback reads; lives as long as this stop.
    pub(crate) fn flag(&self) -> &AtomicI32 {
        &self.signal
    }
}

/// What a run tells as it goes. The objective and bound are typed, so a tool (`kopa
/// bench`) reads them without parsing text; the message is what a person reads.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "event", rename_all = "camelCase")]
pub enum Event {
    /// A plan was found: its objective (the checker's recomputation, or the MILP's
    /// value for a plan the exact model found).
    Plan { objective: f64, message: String },
    /// A lower bound on every plan's objective was proven.
    Bound { value: f64, message: String },
    /// Anything else worth telling.
    Note { message: String },
    /// One neighbourhood of the search, for whoever studies the search
    /// (`KOPA_DEBUG_LNS`): what it decided and what it cost.
    Neighbourhood { message: String },
}

impl Event {
    /// The line a person reads.
    pub fn message(&self) -> &str {
        match self {
            Event::Plan { message, .. }
            | Event::Bound { message, .. }
            | Event::Note { message }
            | Event::Neighbourhood { message } => message,
        }
    }
}

/// An event with the seconds since its run started: a line of `kopa solve --events`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Stamped {
    pub seconds: f64,
    #[serde(flatten)]
    pub event: Event,
}

/// Where events go: a function of (seconds since the start, event), or nowhere.
#[derive(Clone, Default)]
pub struct Progress {
    sink: Option<Arc<dyn Fn(f64, Event) + Send + Sync>>,
}

impl Progress {
    /// Events go nowhere.
    pub fn silent() -> Progress {
        Progress { sink: None }
    }

    /// Events go to `sink`, with the seconds since the run started.
    pub fn to(sink: impl Fn(f64, Event) + Send + Sync + 'static) -> Progress {
        Progress {
            sink: Some(Arc::new(sink)),
        }
    }

    /// Whether anyone listens (so that messages are not formatted for nobody).
    pub fn is_listening(&self) -> bool {
        self.sink.is_some()
    }

    pub fn emit(&self, seconds: f64, event: Event) {
        if let Some(sink) = &self.sink {
            sink(seconds, event);
        }
    }
}

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.is_listening() {
            "Progress(listening)"
        } else {
            "Progress(silent)"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeds_past_what_highs_takes_are_refused() {
        assert!(RunParams::new(MAX_SEED, 1).check().is_ok());
        let refused = RunParams::new(MAX_SEED + 1, 1).check().unwrap_err();
        assert!(refused.contains("2147483648"), "{refused}");
        assert!(refused.contains("2147483647"), "{refused}");
    }

    #[test]
    fn a_stop_is_reached_by_a_signal_or_the_clock() {
        let stop = Stop::new(None);
        assert!(!stop.is_reached());
        stop.request(15);
        assert!(stop.is_reached());
        assert_eq!(stop.signal(), Some(15));
        let timed = Stop::new(Some(Duration::ZERO));
        assert!(timed.is_reached());
        assert!(!timed.signalled());
    }

    #[test]
    fn a_part_of_a_run_never_outlasts_it_and_hears_its_signal() {
        let run = Stop::new(Some(Duration::from_secs(100)));
        let part = run.within(Some(Duration::from_secs(1_000)));
        assert!(
            part.time_limit()
                .is_some_and(|t| t <= Duration::from_secs(100))
        );
        let short = run.within(Some(Duration::from_secs(5)));
        assert_eq!(short.time_limit(), Some(Duration::from_secs(5)));
        assert!(Stop::new(None).within(None).time_limit().is_none());
        assert!(!short.is_reached());
        run.request(2);
        assert!(short.is_reached());
        assert_eq!(part.signal(), Some(2));
    }

    #[test]
    fn events_read_back_as_written() {
        let events = [
            Event::Plan {
                objective: 27810.5,
                message: "greedy assignment: 27810.50 (checked)".into(),
            },
            Event::Bound {
                value: 16860.2,
                message: "bound by counting: 16860.20".into(),
            },
        ];
        for event in events {
            let stamped = Stamped {
                seconds: 1.5,
                event,
            };
            let line = serde_json::to_string(&stamped).expect("serialises");
            let back: Stamped = serde_json::from_str(&line).expect("reads back");
            assert_eq!(back, stamped);
        }
    }
}
