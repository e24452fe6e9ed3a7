//! The arguments of `kopa sweep BASE PATCH... -o DIR`: what every scenario's solve
//! takes (the same for a local sweep and for one emitted for Slurm), and what a Slurm
//! job asks of the cluster.

use std::path::PathBuf;
use std::time::Duration;

use kopa::solve::Strategy;

use super::super::arguments;

#[derive(clap::Args)]
pub struct Args {
    /// The base instance file (JSON); its plan is the first column.
    pub base: PathBuf,
    /// Patch files (JSON Merge Patch of the base); each file's stem names its scenario.
    #[arg(required = true)]
    pub patches: Vec<PathBuf>,
    /// Directory for the variant instances, their plans and the comparison.
    #[arg(short, long)]
    pub output: PathBuf,
    /// Seconds each scenario may take (counted from its own start).
    #[arg(long, value_name = "SECONDS", value_parser = arguments::seconds)]
    pub time_limit: Option<f64>,
    /// Seed for every scenario's solve (0 to 2147483647, what HiGHS takes); same seed,
    /// same limits, same plans.
    #[arg(long, default_value_t = 0, value_parser = arguments::seed)]
    pub seed: u64,
    /// Solve each scenario this many times, with seeds SEED, SEED+1, ...: the
    /// comparison shows the spread of the totals, and each scenario keeps its cheapest.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..=1000))]
    pub seeds: u64,
    /// Stop each search after this many rounds (without --time-limit, nothing is timed
    /// and the sweep repeats exactly; without either, the default rounds of `kopa solve`).
    #[arg(long, value_name = "N")]
    pub rounds: Option<usize>,
    /// Neighbourhoods solved side by side in each round of every scenario's search (0:
    /// one per core, never one per job: with the seed, part of what decides the plans;
    /// with --emit slurm, 0 is one per CPU of a task, --slurm-cpus).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub neighbourhoods: usize,
    /// Solves run at once (0: one per core). Each solve uses one HiGHS thread.
    #[arg(long, default_value_t = 0)]
    pub jobs: usize,
    /// Search strategy for every scenario.
    #[arg(long, default_value = "auto", value_parser = super::super::strategy_parser())]
    pub strategy: Strategy,
    /// No progress lines on stderr.
    #[arg(long, short)]
    pub quiet: bool,
    /// Solve nowhere: write the variants and a Slurm job array (`sweep.sbatch`, one
    /// task per scenario and seed, `kopa solve` each), its collect step
    /// (`collect.sbatch`, `kopa sweep collect DIR`) and `submit.sh`, which submits both.
    #[arg(long, value_enum, value_name = "SCHEDULER")]
    pub emit: Option<Emit>,
    // What each job of an emitted sweep asks of a Slurm cluster (docs/scenarios.md);
    // fields of their own here, not a flattened struct: clap cannot tell whether an
    // optional flattened group with a group inside was given.
    /// CPUs of each task (`--cpus-per-task`); `kopa solve` runs with as many HiGHS
    /// threads (SLURM_CPUS_PER_TASK).
    #[arg(long, value_name = "N", default_value_t = 1, requires = "emit",
          value_parser = clap::value_parser!(u32).range(1..=4096))]
    pub slurm_cpus: u32,
    /// Memory of each task, MB (`--mem`); default: kopa's own estimate of the largest
    /// model of the largest scenario, and what the process needs besides.
    #[arg(long, value_name = "MB", requires = "emit",
          value_parser = clap::value_parser!(u64).range(1..))]
    pub slurm_mem: Option<u64>,
    /// Wall time of each task, minutes (`--time`); default: the time limit, the
    /// watchdog's grace after it and 5 minutes, rounded up; 60 without --time-limit.
    #[arg(long, value_name = "MINUTES", requires = "emit",
          value_parser = clap::value_parser!(u64).range(1..))]
    pub slurm_time: Option<u64>,
    /// Most tasks running at once (`--array=0-N%LIMIT`); default: as many as the
    /// cluster gives.
    #[arg(long, value_name = "N", requires = "emit",
          value_parser = clap::value_parser!(u64).range(1..))]
    pub slurm_array_limit: Option<u64>,
    /// Partition (`--partition`); default: the cluster's default partition.
    #[arg(long, value_name = "NAME", requires = "emit")]
    pub slurm_partition: Option<String>,
    /// Account to bill (`--account`); default: the user's default account.
    #[arg(long, value_name = "NAME", requires = "emit")]
    pub slurm_account: Option<String>,
    /// The kopa the jobs run (an absolute path on the cluster's nodes); default: this
    /// kopa's own path. `KOPA=PATH` in the jobs' environment overrides it.
    #[arg(long, value_name = "PATH", requires = "emit")]
    pub slurm_kopa: Option<PathBuf>,
}

/// Where a sweep's solves are written for, instead of run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Emit {
    /// A Slurm job array and a dependent collect job.
    Slurm,
}

impl Args {
    /// The time limit of each solve, refused (bad input) where kopa cannot use it, and
    /// the last seed checked as `--seed` is.
    pub fn time_limit(&self) -> anyhow::Result<Option<Duration>> {
        let time_limit = self
            .time_limit
            .map(|s| arguments::time_limit(s).map_err(|why| anyhow::anyhow!("--time-limit: {why}")))
            .transpose()?;
        arguments::check_seed(self.last_seed())
            .map_err(|why| anyhow::anyhow!("--seed with --seeds: the last seed {why}"))?;
        Ok(time_limit)
    }

    /// The last seed each scenario is solved with.
    pub fn last_seed(&self) -> u64 {
        self.seed + (self.seeds - 1)
    }
}
