//! The suite file: which instances, strategies, seeds and limits.

use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Suite {
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub runs: Vec<Run>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Run {
    /// Instance path, relative to the suite file's directory's project root (the
    /// current directory when the bench runs).
    pub instance: String,
    #[serde(default = "auto")]
    pub strategy: String,
    /// One solve per seed (`kopa solve --seed`: each in 0..=2147483647, what HiGHS
    /// takes; `kopa bench` refuses the suite otherwise).
    pub seeds: Vec<u64>,
    /// Seconds per solve (`kopa solve --time-limit`: more than 0).
    #[serde(default)]
    pub time_limit: Option<f64>,
    /// Rounds of the search per solve (`kopa solve --rounds`). Without a time limit
    /// a run repeats exactly, so its numbers, but for times, are the same on every
    /// machine.
    #[serde(default)]
    pub rounds: Option<usize>,
    /// Neighbourhoods per round (`kopa solve --neighbourhoods`; default one per core).
    /// Set, with `rounds` alone, the plan is the same on any machine.
    #[serde(default)]
    pub neighbourhoods: Option<usize>,
    #[serde(default = "one")]
    pub threads: u32,
}

impl Run {
    /// What stops each solve, for an error message if nothing does: a run needs a time
    /// limit, a number of rounds, or both.
    pub fn is_bounded(&self) -> bool {
        self.time_limit.is_some() || self.rounds.is_some()
    }
}

fn auto() -> String {
    "auto".to_owned()
}

fn one() -> u32 {
    1
}
