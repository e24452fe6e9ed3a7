//! `kopa sweep collect DIR`: an emitted sweep's plans brought back from its directory
//! (`emit`) once its tasks have ended, and ended as a local sweep ends (`keep`): every
//! plan checked against its variant, offered to every scenario, each scenario's
//! cheapest accepted plan written, the comparison written. A task without a plan is
//! named with its Slurm log; a scenario none of whose tasks left a plan says so in the
//! comparison.
//!
//! Collect reads only what the tasks wrote (`slurm/runs/`) and the variants, and
//! writes only the kept plans and the comparison: running it twice, or again after a
//! task is re-run, loses nothing and gives the same files from the same plans.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;

use kopa::model::Model;
use kopa::scenario::diff::diff;
use kopa::scenario::variant::Variant;
use kopa::solution::check::check;
use kopa::solution::{SolveStatus, read_solution};
use kopa::words::count;

use super::super::exit::Exit;
use super::keep::{Run, Settings, compare, repaired_from_base};
use super::manifest::{Manifest, Task};
use super::prepare::Prepared;

#[derive(clap::Args)]
pub struct Args {
    /// The sweep's directory, as `kopa sweep --emit slurm -o DIR` wrote it.
    pub dir: PathBuf,
    /// No progress lines on stderr.
    #[arg(long, short)]
    pub quiet: bool,
}

pub fn run(args: &Args) -> anyhow::Result<Exit> {
    let started = Instant::now();
    let dir = &args.dir;
    let manifest = Manifest::read(dir)?;
    let prepared = variants(dir, &manifest)?;
    let runs: Vec<Run> = manifest
        .tasks()
        .iter()
        .map(|task| read_run(dir, &manifest, &prepared, task))
        .collect::<anyhow::Result<_>>()?;
    let missing: Vec<&Run> = runs.iter().filter(|r| r.plan.is_none()).collect();
    if !missing.is_empty() {
        eprintln!(
            "kopa: {} of {} left no plan:",
            missing.len(),
            count(runs.len(), "task", "tasks")
        );
        for run in &missing {
            eprintln!(
                "  {} (seed {}): {} (in {})",
                prepared[run.scenario].variant.name,
                run.seed,
                run.no_plan.as_deref().unwrap_or(""),
                dir.display()
            );
        }
    }
    let settings = Settings {
        output: dir,
        base: manifest.base.clone(),
        time_limit: manifest.time_limit_seconds,
        seed: manifest.seed,
        quiet: args.quiet,
        started,
    };
    let stopped = if manifest.time_limit_seconds.is_some() {
        SolveStatus::TimeLimit
    } else {
        SolveStatus::Feasible
    };
    let ended = compare(&settings, &prepared, &runs, stopped)?;
    Ok(ended.exit(None))
}

/// The sweep's variants as `emit` wrote them, each resolved, with what it changes
/// against the base (the first).
fn variants(dir: &Path, manifest: &Manifest) -> anyhow::Result<Vec<Prepared>> {
    let instances = manifest
        .scenarios
        .iter()
        .map(|s| crate::cli::read_valid_instance(&dir.join(format!("{}.json", s.name))))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let json = |i: usize| serde_json::to_value(&instances[i]).expect("instances serialize");
    let base = json(0);
    manifest
        .scenarios
        .iter()
        .zip(&instances)
        .enumerate()
        .map(|(at, (entry, instance))| {
            let model = Model::new(instance)
                .with_context(|| format!("{}.json: cannot resolve the variant", entry.name))?;
            Ok(Prepared {
                variant: Variant {
                    name: entry.name.clone(),
                    patch: PathBuf::from(&entry.patch),
                    changes: if at == 0 {
                        Vec::new()
                    } else {
                        diff(&base, &json(at))
                    },
                    instance: instance.clone(),
                },
                model,
            })
        })
        .collect()
}

/// What `task` left: its plan with the checker's report on it, or why it has none
/// (how its `kopa solve` ended, and its Slurm log).
fn read_run(
    dir: &Path,
    manifest: &Manifest,
    prepared: &[Prepared],
    task: &Task,
) -> anyhow::Result<Run> {
    let plan_path = dir.join(manifest.plan(task));
    let mut run = Run {
        scenario: task.scenario,
        seed: task.seed,
        plan: None,
        no_plan: None,
        repair_of: None,
    };
    if plan_path.exists() {
        let plan = read_solution(&plan_path)
            .with_context(|| format!("{}: the plan of task {}", plan_path.display(), task.index))?;
        let report = check(&prepared[task.scenario].variant.instance, &plan);
        run.repair_of = repaired_from_base(&plan);
        run.plan = Some((plan, Box::new(report)));
        return Ok(run);
    }
    let code_path = dir.join(manifest.exit_code(task));
    let ended = match std::fs::read_to_string(&code_path) {
        Ok(text) => match text.trim().parse::<i32>() {
            Ok(code) => format!("kopa solve ended with exit {code}{}", meaning(code)),
            Err(_) => format!("{} does not hold an exit code", code_path.display()),
        },
        Err(_) => "it did not finish (not run yet, still running, or ended by Slurm)".to_owned(),
    };
    // Relative to the sweep's directory, so that the comparison is the same whichever
    // path collect was given.
    run.no_plan = Some(format!(
        "task {} left no plan: {ended}; its Slurm log: {}",
        task.index,
        Manifest::log(task)
    ));
    Ok(run)
}

/// What a `kopa solve` exit code means, as a few words in parentheses.
fn meaning(code: i32) -> String {
    let words = match Exit::from_code(code) {
        Some(Exit::Infeasible) => "proven infeasible: no plan exists",
        Some(Exit::NoPlan) => "no plan within the time limit",
        Some(Exit::BadInput) => "bad input",
        Some(exit @ (Exit::SolveRejected | Exit::Interrupted { .. })) => exit.summary(),
        Some(Exit::Success | Exit::Rejected) | None => return String::new(),
    };
    format!(" ({words})")
}
