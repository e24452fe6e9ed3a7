//! What an emitted sweep's jobs and its collect step agree on, written once by `kopa
//! sweep --emit slurm` as `slurm/sweep.json` in the sweep's directory: the scenarios,
//! the seeds and the limits of every solve, and where each task leaves its plan, its
//! exit code and its log. Every path is relative to the sweep's directory, so the
//! directory may be copied to a cluster and back.

use std::path::Path;

use anyhow::Context;
use serde::{Deserialize, Serialize};

/// The manifest's path in a sweep's directory.
pub const FILE: &str = "slurm/sweep.json";
/// Where the tasks leave their plans and exit codes.
pub const RUNS: &str = "slurm/runs";
/// Where Slurm writes the jobs' logs.
pub const LOGS: &str = "slurm/logs";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Manifest {
    /// The base instance file as the sweep was given it (the comparison names it).
    pub base: String,
    /// The base first, then one scenario per patch, in the sweep's order.
    pub scenarios: Vec<ScenarioEntry>,
    /// The first seed; each scenario is solved with `seed` to `seed + seeds - 1`.
    pub seed: u64,
    pub seeds: u64,
    pub time_limit_seconds: Option<f64>,
    pub rounds: Option<usize>,
    pub neighbourhoods: usize,
    /// The search strategy's name (`kopa solve --strategy`).
    pub strategy: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScenarioEntry {
    pub name: String,
    /// The patch file as the sweep was given it (the base's own file for the base).
    pub patch: String,
}

/// One task of the job array: one scenario solved with one seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Task {
    /// `SLURM_ARRAY_TASK_ID`.
    pub index: usize,
    /// The scenario's position in the manifest.
    pub scenario: usize,
    pub seed: u64,
}

impl Manifest {
    /// Every task, scenario by scenario and seed by seed (the order of a local sweep's
    /// solves).
    pub fn tasks(&self) -> Vec<Task> {
        (0..self.scenarios.len())
            .flat_map(|scenario| (0..self.seeds).map(move |k| (scenario, k)))
            .enumerate()
            .map(|(index, (scenario, k))| Task {
                index,
                scenario,
                seed: self.seed + k,
            })
            .collect()
    }

    /// The variant instance a task solves.
    pub fn variant(&self, task: &Task) -> String {
        format!("{}.json", self.scenarios[task.scenario].name)
    }

    /// The plan a task writes (`kopa solve -o`).
    pub fn plan(&self, task: &Task) -> String {
        format!("{}.solution.json", self.run_stem(task))
    }

    /// The file holding how a task's `kopa solve` ended: its exit code.
    pub fn exit_code(&self, task: &Task) -> String {
        format!("{}.exit", self.run_stem(task))
    }

    fn run_stem(&self, task: &Task) -> String {
        format!(
            "{RUNS}/{}.seed-{}",
            self.scenarios[task.scenario].name, task.seed
        )
    }

    /// A task's Slurm log (`sweep.sbatch`'s `--output`, `%a` the task's index).
    pub fn log(task: &Task) -> String {
        format!("{LOGS}/task-{}.log", task.index)
    }

    /// Reads the manifest of the sweep in `dir`.
    pub fn read(dir: &Path) -> anyhow::Result<Manifest> {
        let path = dir.join(FILE);
        let text = std::fs::read_to_string(&path).with_context(|| {
            format!(
                "{}: cannot read the sweep's manifest (is {} a directory `kopa sweep --emit slurm` wrote?)",
                path.display(),
                dir.display()
            )
        })?;
        let manifest: Manifest = serde_json::from_str(&text)
            .with_context(|| format!("{}: not a sweep manifest", path.display()))?;
        if manifest.scenarios.is_empty() || manifest.seeds == 0 {
            anyhow::bail!(
                "{}: a sweep manifest names at least one scenario and one seed",
                path.display()
            );
        }
        Ok(manifest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tasks_go_scenario_by_scenario_then_seed_by_seed() {
        let manifest = Manifest {
            base: "base.json".to_owned(),
            scenarios: ["base", "no-video"]
                .map(|n| ScenarioEntry {
                    name: n.to_owned(),
                    patch: format!("{n}.json"),
                })
                .to_vec(),
            seed: 5,
            seeds: 2,
            time_limit_seconds: None,
            rounds: Some(1),
            neighbourhoods: 1,
            strategy: "auto".to_owned(),
        };
        let tasks = manifest.tasks();
        assert_eq!(
            tasks
                .iter()
                .map(|t| (t.scenario, t.seed))
                .collect::<Vec<_>>(),
            [(0, 5), (0, 6), (1, 5), (1, 6)]
        );
        assert_eq!(
            manifest.plan(&tasks[3]),
            "slurm/runs/no-video.seed-6.solution.json"
        );
        assert_eq!(Manifest::log(&tasks[3]), "slurm/logs/task-3.log");
    }
}
