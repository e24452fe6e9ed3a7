//! Seed, threads, time limit and output travel together, so a run can be repeated.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::solution::Solution;

/// The best checked plan of a running solve, where another thread can take it: a
/// watchdog that ends a solve HiGHS keeps far past its limit (see `kopa solve`) then
/// still has a plan to write. Each plan in it was accepted by the checker, and carries
/// the bound known when it was kept.
pub type BestSoFar = Arc<Mutex<Option<Solution>>>;

#[derive(Debug, Clone)]
pub struct Environment {
    pub seed: u64,
    /// HiGHS threads (0: HiGHS decides).
    pub threads: u32,
    /// Wall-clock limit for the whole solve. Without one, no step of the solve is
    /// timed: each HiGHS call stops on a proof or on a number of nodes, so the run
    /// gives the same plan on any machine (see docs/solver.md, "determinism").
    pub time_limit: Option<Duration>,
    /// Stop the search after this many rounds (`None`: the time limit, or the
    /// search's own end, decides).
    pub rounds: Option<usize>,
    /// Neighbourhoods solved side by side in each round of the search (at least 1;
    /// `new` takes one per core). With the seed, part of what decides the plan.
    pub neighbourhoods: usize,
    /// Stop when the relative gap to the best bound is at most this.
    pub relative_gap: Option<f64>,
    /// Show HiGHS's own log.
    pub verbose_solver: bool,
    /// Print progress lines on stderr.
    pub progress: bool,
    /// On a terminal: a bar of the time used, the latest line as its message, and the
    /// lines printed above it (see `cli::progress`). `None`: plain lines.
    pub bar: Option<indicatif::ProgressBar>,
    /// Put before each progress line (e.g. a sweep's scenario name); empty: nothing.
    pub label: String,
    /// Where the search keeps its best checked plan as it goes (`None`: nowhere).
    pub best_so_far: Option<BestSoFar>,
    pub started: Instant,
}

impl Environment {
    pub fn new(seed: u64, threads: u32, time_limit: Option<Duration>) -> Environment {
        Environment {
            seed,
            threads,
            time_limit,
            rounds: None,
            neighbourhoods: rayon::current_num_threads().max(1),
            relative_gap: None,
            verbose_solver: false,
            progress: false,
            bar: None,
            label: String::new(),
            best_so_far: None,
            started: Instant::now(),
        }
    }

    pub fn elapsed(&self) -> f64 {
        self.started.elapsed().as_secs_f64()
    }

    /// Seconds left before the limit (`None`: no limit).
    pub fn remaining(&self) -> Option<f64> {
        self.time_limit
            .map(|limit| (limit.as_secs_f64() - self.elapsed()).max(0.0))
    }

    pub fn report(&self, message: std::fmt::Arguments<'_>) {
        if !self.progress {
            return;
        }
        let line = if self.label.is_empty() {
            format!("[{:7.1}s] {message}", self.elapsed())
        } else {
            format!("{}: [{:7.1}s] {message}", self.label, self.elapsed())
        };
        match &self.bar {
            Some(bar) => {
                bar.set_message(message.to_string());
                bar.println(line);
            }
            None => eprintln!("{line}"),
        }
    }
}
